"""Section-aware chunking: passages never cross a section, stay under a length cap, and keep exact offsets
into the source body."""

from __future__ import annotations

from collections.abc import Iterator

from medora.sentences import sentence_spans
from medora.types import Passage, Source

MAX_PASSAGE_CHARS = 4000


def chunk_source(
    source: Source, *, chunk_words: int = 160, overlap_sentences: int = 1, max_chars: int = MAX_PASSAGE_CHARS
) -> list[Passage]:
    """Split each section into runs of whole sentences of about ``chunk_words`` words and at most ``max_chars``
    characters; a sentence longer than the cap (or text with no sentence breaks) is cut at whitespace."""
    passages: list[Passage] = []
    offset = 0
    for section in source.sections:
        for begin, end in _runs(section.text, chunk_words=chunk_words, overlap=overlap_sentences, max_chars=max_chars):
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
        offset += len(section.text) + 2  # sections are joined by a blank line in Source.body
    return passages


def _runs(text: str, *, chunk_words: int, overlap: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each passage of one section: sentences gathered until ``chunk_words`` words, flushed early
    when the next sentence would pass ``max_chars``; ``overlap`` sentences repeat while they still fit."""
    pieces = list(bounded_spans(text, sentence_spans(text), max_chars=max_chars))
    run: list[tuple[int, int]] = []
    carried = 0  # how many spans at the head of ``run`` were already emitted (the overlap)
    for index, span in enumerate(pieces):
        if run and span[1] - run[0][0] > max_chars:
            if len(run) > carried:
                yield run[0][0], run[-1][1]
                run = run[-overlap:] if overlap else []
            while run and span[1] - run[0][0] > max_chars:
                run.pop(0)
            carried = len(run)
        run.append(span)
        words = sum(len(text[b:e].split()) for b, e in run)
        if words >= chunk_words or index == len(pieces) - 1:
            yield run[0][0], run[-1][1]
            run = run[-overlap:] if overlap else []
            carried = len(run)


def bounded_spans(text: str, spans: list[tuple[int, int]], *, max_chars: int) -> Iterator[tuple[int, int]]:
    """The spans again, with any longer than ``max_chars`` cut into pieces that end at whitespace where the
    text has some in the second half of the window, else exactly at the cap."""
    for begin, end in spans:
        while end - begin > max_chars:
            limit = begin + max_chars
            cut = max(text.rfind(space, begin, limit + 1) for space in (" ", "\n", "\t"))
            if cut <= begin + max_chars // 2:
                cut = limit
            piece_end = cut
            while piece_end > begin and text[piece_end - 1].isspace():
                piece_end -= 1
            yield begin, piece_end
            begin = cut
            while begin < end and text[begin].isspace():
                begin += 1
        if end > begin:
            yield begin, end
