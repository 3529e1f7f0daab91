"""Section-aware chunking: passages never cross a section, and keep exact offsets into the source body."""

from __future__ import annotations

from medora.sentences import sentence_spans
from medora.types import Passage, Source


def chunk_source(source: Source, *, chunk_words: int = 160, overlap_sentences: int = 1) -> list[Passage]:
    """Split each section into runs of whole sentences of about ``chunk_words`` words."""
    passages: list[Passage] = []
    offset = 0
    for section in source.sections:
        spans = sentence_spans(section.text)
        run: list[tuple[int, int]] = []
        words = 0
        for index, span in enumerate(spans):
            run.append(span)
            words += len(section.text[span[0] : span[1]].split())
            is_last = index == len(spans) - 1
            if words >= chunk_words or is_last:
                begin, end = run[0][0], run[-1][1]
                passages.append(
                    Passage(
                        source_key=source.key,
                        ordinal=len(passages),
                        section=section.label,
                        text=section.text[begin:end],
                        start=offset + begin,
                        end=offset + end,
                    )
                )
                run = run[-overlap_sentences:] if overlap_sentences and not is_last else []
                words = sum(len(section.text[b:e].split()) for b, e in run)
        offset += len(section.text) + 2  # sections are joined by a blank line in Source.body
    return passages
