"""The lettered options an exam-style vignette ends with: "Which of the following is most appropriate? A) No imaging
B) Renal tract ultrasound within 24 hours C) CT abdomen …".

The options are the answers the question offers, of which one is right: the overview that answers names that one,
never all the others (session 62: 14 of the thirty-second set's 20 coverage vignettes ended in options, and an
option no source names, "MRI of the kidneys", left them partial). The words of the options are read as the case's
(compose/terms.py marks them ``context``): they may go unnamed once a term of the question itself is named."""

from __future__ import annotations

import re

# The first option: "A)", "(A)", "A." or "A:" after a question mark, a colon or the start of a line, then "B" the
# same way further on
_FIRST_OPTION = re.compile(r"(?:[?:]\s*|\n\s*)\(?A[).:]\s+\S")
_SECOND_OPTION = re.compile(r"\s\(?B[).:]\s+\S")
_EXAM_FRAME = re.compile(r"\b(?:of|among) the following\b", re.IGNORECASE)  # "Which of the following is …?"


def options_span(question: str) -> tuple[int, int] | None:
    """The span of the lettered options (from "A)" to the end), or None when the question offers none: "A) … B) …"
    both, after the question that asks."""
    first = _FIRST_OPTION.search(question)
    if first is None:
        return None
    start = question.index("A", first.start())
    if _SECOND_OPTION.search(question, start) is None:
        return None
    return start, len(question)


def without_exam_frame(text: str) -> str:
    """``text`` without an exam question's frame ("Which of the following is most appropriate?" asks "Which is most
    appropriate?"): "following" is no topic word its answer need name."""
    return _EXAM_FRAME.sub("", text)
