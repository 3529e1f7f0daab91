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

# A structured-abstract label written inline at the start of a sentence ("BACKGROUND: …", "Conclusions These …"), as
# published excerpts often carry them: not part of what the sentence says, but what kind of sentence it is.
_LABEL_WORD = (
    r"(?:background|introduction|objectives?|aims?|purpose|methods?|design|setting|results?|findings|conclusions?|"
    r"interpretation)"
)
_INLINE_LABEL = re.compile(
    rf"^(?P<label>(?i:{_LABEL_WORD}(?:\s*(?:and|&|/)\s*{_LABEL_WORD})?))(?:\s*:\s*|\s+(?=[A-Z]))"
)


def inline_label(sentence: str) -> tuple[str | None, str]:
    """(the label, capitalised, or None; the sentence without it): "BACKGROUND: It is rare." → ("Background", "It is
    rare."). "Results showed …" has no label: a title-case label needs a capital word after it."""
    match = _INLINE_LABEL.match(sentence)
    if match is None or not sentence[match.end() :].strip():
        return None, sentence
    return " ".join(match.group("label").split()).capitalize(), sentence[match.end() :]


def sentence_spans(text: str, *, glued_labels: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, whitespace trimmed, in order. ``glued_labels`` also breaks before a
    structured-abstract label glued to the previous sentence (the composer's quotes; chunking keeps the stored
    passages' boundaries as they were)."""
    spans: list[tuple[int, int]] = []
    start = 0
    glued = list(_GLUED_LABEL.finditer(text)) if glued_labels else []
    breaks = sorted([*_CANDIDATE.finditer(text), *glued], key=lambda m: m.end())
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


def split_sentences(text: str, *, glued_labels: bool = False) -> list[str]:
    return [text[begin:end] for begin, end in sentence_spans(text, glued_labels=glued_labels)]
