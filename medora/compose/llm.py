"""The LLM composer: any OpenAI-compatible chat endpoint writes the sections from numbered evidence, as JSON.

The model sees only retrieved passages (E1…En) and must name, for every sentence, the evidence ids it rests on.
Every sentence then goes through the same verification as the extractive composer; ids the model invents or
sentences its evidence does not support are dropped. A sentence the model copied whole from a passage is kept as a
quote; any other is checked for faithfulness (numbers and units, drugs, negation, direction, comparison order).
Timeouts, refusals and malformed output raise LLMError so the caller can fall back to the extractive composer and
say so."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, ValidationError

from medora.compose.citations import CitationBook
from medora.compose.verify import check_support, strip_citations
from medora.errors import LLMError
from medora.settings import LLMSettings
from medora.types import ArticleSection, Evidence, Statement

SYSTEM_PROMPT = (
    "You write evidence summaries for clinicians. Use ONLY the numbered evidence given. "
    "Copy numbers, doses and negations exactly. Every sentence must list the ids of the evidence that supports it. "
    'Reply with JSON only, in this shape: {"bottom_line": [{"text": "...", "evidence": ["E1"]}], '
    '"sections": [{"heading": "...", "sentences": [{"text": "...", "evidence": ["E2", "E3"]}]}]}'
)
MAX_PASSAGE_CHARS = 900


class DraftSentence(BaseModel):
    text: str = Field(min_length=3, max_length=400)
    evidence: list[Annotated[str, StringConstraints(pattern=r"^E[0-9]{1,2}$")]] = Field(default_factory=list, max_length=4)


class DraftSection(BaseModel):
    heading: str = Field(min_length=1, max_length=80)
    sentences: list[DraftSentence] = Field(default_factory=list, max_length=6)


class Draft(BaseModel):
    """The shape the model must return; with json_mode 'schema' the server enforces it while decoding."""

    bottom_line: list[DraftSentence] = Field(default_factory=list, max_length=3)
    sections: list[DraftSection] = Field(default_factory=list, max_length=6)


def evidence_prompt(question: str, evidence: list[Evidence], headings: list[str]) -> str:
    lines = [f"Question: {question}", f"Suggested sections: {', '.join(headings)}", "", "Evidence:"]
    for number, item in enumerate(evidence, start=1):
        text = strip_citations(item.text)[:MAX_PASSAGE_CHARS]
        lines.append(f"E{number} ({item.source.kind.value}, {item.source.year or 'n.d.'}): {text}")
    return "\n".join(lines)


def parse_draft(text: str) -> Draft:
    """The first JSON object in ``text`` as a Draft; LLMError when there is none or it has the wrong shape."""
    match = re.search(r"\{.*\}", text, re.DOTALL)
    if not match:
        raise LLMError("the model's reply contained no JSON object")
    try:
        return Draft.model_validate(json.loads(match.group(0)))
    except (json.JSONDecodeError, ValidationError) as error:
        raise LLMError(f"the model's JSON did not have the expected shape ({str(error)[:200]})") from error


def response_format(mode: str) -> dict:
    """'schema' constrains decoding to the Draft shape (llama.cpp, vLLM); 'object' asks only for JSON (OpenAI)."""
    if mode == "schema":
        return {"response_format": {"type": "json_object", "schema": Draft.model_json_schema()}}
    if mode == "object":
        return {"response_format": {"type": "json_object"}}
    return {}


def request_draft(
    question: str,
    evidence: list[Evidence],
    headings: list[str],
    *,
    settings: LLMSettings,
    on_text: Callable[[str], None] | None = None,
) -> Draft:
    """Ask the endpoint for a draft, streaming its text to ``on_text`` as it arrives."""
    if not settings.base_url:
        raise LLMError("no LLM endpoint configured: set MEDORA_LLM__BASE_URL (e.g. http://127.0.0.1:8080/v1)")
    try:
        import openai
    except ImportError as error:
        raise LLMError("the LLM composer needs the openai client: pip install 'medora[llm]'") from error
    client = openai.OpenAI(base_url=settings.base_url, api_key=settings.api_key, timeout=settings.timeout_seconds, max_retries=0)
    try:
        stream = client.chat.completions.create(
            model=settings.model,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": evidence_prompt(question, evidence, headings)},
            ],
            max_tokens=settings.max_tokens,
            temperature=0,
            stream=True,
            **response_format(settings.json_mode),
        )
        parts: list[str] = []
        for chunk in stream:
            delta = chunk.choices[0].delta.content if chunk.choices else None
            if delta:
                parts.append(delta)
                if on_text:
                    on_text(delta)
    except openai.APIError as error:
        raise LLMError(f"the LLM endpoint failed: {error}") from error
    except (openai.OpenAIError, ValueError, AttributeError, TypeError) as error:  # a stream the client cannot read
        raise LLMError(f"the LLM endpoint sent a malformed stream ({type(error).__name__}: {error})") from error
    return parse_draft("".join(parts))


def verify_draft(
    draft: Draft, evidence: list[Evidence], book: CitationBook, *, min_support: float
) -> tuple[list[Statement], list[ArticleSection], list[Statement]]:
    """Keep the sentences whose cited evidence supports them; everything else goes to the dropped list."""
    dropped: list[Statement] = []

    def verified(sentence: DraftSentence) -> Statement | None:
        # ids are "E<n>" by the Draft's schema; one past the evidence shown was invented by the model
        cited = [evidence[int(ref[1:]) - 1] for ref in sentence.evidence if 0 < int(ref[1:]) <= len(evidence)]
        text = strip_citations(sentence.text)
        best = None
        failures: list[str] = []  # what each cited passage found wrong, for the debug view
        for item in cited:
            support = check_support(text, item.text, min_support=min_support)
            if support.supported and (best is None or (support.quote, support.score) > (best[1].quote, best[1].score)):
                best = (item, support)
            failures += [flag for flag in support.flags if flag not in failures]
        if best is None:
            reason = "cites no retrieved evidence" if not cited else "not supported by the evidence it cites"
            dropped.append(Statement(text=text, citations=[], support=0.0, verified=False, flags=[reason, *failures]))
            return None
        item, support = best
        return Statement(
            text=text, citations=book.cite(item), passage_id=item.passage_id, support=support.score, quote=support.quote
        )

    bottom_line = [s for sentence in draft.bottom_line if (s := verified(sentence))]
    sections = []
    for draft_section in draft.sections:
        statements = [s for sentence in draft_section.sentences if (s := verified(sentence))]
        if statements:
            sections.append(ArticleSection(heading=draft_section.heading.strip(), statements=statements))
    return bottom_line, sections, dropped
