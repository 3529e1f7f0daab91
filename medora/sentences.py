"""Sentence spans: split clinical text where a reader would, keeping exact offsets for citations."""

from __future__ import annotations

import re

# Abbreviations that end in a full stop but do not end a sentence.
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|vs|approx|Fig|Figs|Ref|No|Dr|Mr|Mrs|Ms|Prof|St|cf|ca|resp|incl|min|max|mg|ml|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_CANDIDATE = re.compile(r"[.!?](?:[\"')\]]*)(?=\s+(?:[\[(\"']?[A-Z0-9]))")
# Structured-abstract labels glued to the previous sentence, as some published excerpts have them:
# "…histopathologic features.OBJECTIVE: Our purpose…" is two sentences.
_GLUED_LABEL = re.compile(r"(?<=[a-z0-9%)\]])\.(?=[A-Z]{3,}(?:\s*(?:AND|&|/)\s*[A-Z]{3,})?\s*:)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    breaks = sorted([*_CANDIDATE.finditer(text), *_GLUED_LABEL.finditer(text)], key=lambda m: m.end())
    for match in breaks:
        end = match.end()
        if _NO_BREAK_BEFORE.search(text[max(start, end - 12) : match.start() + 1]):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for begin, finish in spans:
        while begin < finish and text[begin].isspace():
            begin += 1
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        if finish > begin:
            trimmed.append((begin, finish))
    return trimmed


def split_sentences(text: str) -> list[str]:
    return [text[begin:end] for begin, end in sentence_spans(text)]
