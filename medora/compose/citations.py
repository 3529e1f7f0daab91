"""Numbered citations: numbers in order of first use, one per source, only for evidence that was retrieved."""

from __future__ import annotations

from string import ascii_lowercase

from medora.types import Evidence, ReferenceEntry


class CitationBook:
    """Hands out reference numbers; an overview's own references get letters under its number ('1a')."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._entries: dict[int, ReferenceEntry] = {}

    def cite(self, evidence: Evidence, *, reference_ids: list[str] | None = None) -> list[str]:
        """Labels for citing ``evidence`` (and, for an overview, the listed references it gives for the claim)."""
        number = self._numbers.get(evidence.source_id)
        if number is None:
            number = len(self._numbers) + 1
            self._numbers[evidence.source_id] = number
            source = evidence.source
            self._entries[number] = ReferenceEntry(
                number=number,
                kind=source.kind.value,
                title=source.title or "(untitled)",
                journal=source.journal,
                year=source.year,
                pmid=source.pmid,
                doi=source.doi,
                url=source.url,
                source_key=source.key,
                review_status=source.review_status,
                summarises=[
                    {"label": f"{number}{ascii_lowercase[i % 26]}", **ref.model_dump(exclude_none=True)}
                    for i, ref in enumerate(source.references)
                ],
            )
        entry = self._entries[number]
        if evidence.passage_id not in entry.passage_ids:
            entry.passage_ids.append(evidence.passage_id)
        labels = [item["label"] for item in entry.summarises if item["id"] in (reference_ids or [])]
        return labels or [str(number)]

    def clear(self) -> None:
        """Forget every number handed out (an abandoned draft's citations must not reach the article)."""
        self._numbers.clear()
        self._entries.clear()

    def references(self) -> list[ReferenceEntry]:
        return [self._entries[number] for number in sorted(self._entries)]
