"""The lexical index: BM25 (Lucene variant, bm25s) over biomedical tokens, saved as local files.

Each posting's BM25 score is stored as float32, or for large stores as float16 (``scores="float16"``: half the
score bytes, a quarter of the BM25 files). bm25s computes the scores in float32 either way and only the stored value
is rounded to float16; a query still sums in float32. Delta segments recover each posting's term frequency from its
stored score (``frequencies``); where a float16 score no longer rounds back to its exact frequency, the build keeps
that frequency in ``frequency_fixes.npy``, so the recovery stays exact."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import bm25s
import numpy as np

from medora.errors import IndexDamagedError
from medora.retrieve.tokenize import index_tokens

logging.getLogger("bm25s").setLevel(logging.ERROR)

ScoreType = Literal["float32", "float16"]
SCORE_TYPES = ("float32", "float16")
FIXES = "frequency_fixes.npy"
_CHUNK = 1 << 22  # postings inverted at once: bounds the float64 scratch arrays at 1 M passages


class LexicalIndex:
    """``add`` once with all passages, then ``search``; ``save``/``load`` keep it between runs."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75, scores: ScoreType = "float32") -> None:
        if scores not in SCORE_TYPES:
            raise ValueError(f"BM25 scores {scores!r}: choose float32 or float16")
        self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")  # computes and sums in float32
        self._score_type = scores
        self._ids = np.zeros(0, dtype=np.int64)
        self._lengths: np.ndarray | None = np.zeros(0, dtype=np.int32)
        self._fixes = np.zeros((2, 0), dtype=np.int64)

    def add(self, ids: Sequence[int], texts: Sequence[str], *, show_progress: bool = False) -> None:
        self._ids = np.asarray(ids, dtype=np.int64)
        tokens = [index_tokens(text) for text in texts]
        self._lengths = np.array([len(words) for words in tokens], dtype=np.int32)
        self._bm25.index(tokens, show_progress=show_progress)
        if self._score_type == "float16":
            self._store_half_scores()

    def _store_half_scores(self) -> None:
        """Round the stored scores to float16, keeping the (posting, frequency) pairs the rounding would lose."""
        exact = self.frequencies(0, len(self._bm25.scores["data"]))
        self._bm25.scores["data"] = self._bm25.scores["data"].astype(np.float16)
        lost = np.flatnonzero(self.frequencies(0, len(exact)) != exact)
        self._fixes = np.vstack([lost, exact[lost].astype(np.int64)])

    @property
    def score_type(self) -> str:
        """How the posting scores are stored: float32 or float16."""
        return str(self._bm25.scores["data"].dtype)

    @property
    def fixes(self) -> int:
        """Postings whose float16 score does not round back to their term frequency (kept beside the scores)."""
        return int(self._fixes.shape[1])

    def _float_lengths(self) -> tuple[np.ndarray, float]:
        """The passage lengths as float64 and their mean, worked out once per built or loaded index, not per query
        word (about a millisecond each at 1 M passages)."""
        cached = getattr(self, "_length_cache", None)
        if cached is None or cached[0] is not self._lengths:
            lengths = self._lengths.astype(np.float64)
            cached = (self._lengths, lengths, float(lengths.mean()) if len(lengths) else 1.0)
            self._length_cache = cached
        return cached[1], cached[2]

    def frequencies(self, start: int, end: int) -> np.ndarray:
        """Term frequencies of postings ``start:end`` of the score arrays (a term's postings are one run), inverting
        the stored Lucene score: tf = x·K/(1-x) with x = score / IDF and K = k1·(1 - b + b·length / average length),
        rounded to the integer it was, then the kept fixes applied."""
        scores = self._bm25.scores
        indptr, total = np.asarray(scores["indptr"]), int(scores["num_docs"])
        lengths, average = self._float_lengths()
        k1, b = float(self._bm25.k1), float(self._bm25.b)
        found = np.empty(end - start, dtype=np.float64)
        for low in range(start, end, _CHUNK):
            high = min(low + _CHUNK, end)
            column = np.searchsorted(indptr, np.arange(low, high), side="right") - 1
            holders = (indptr[column + 1] - indptr[column]).astype(np.float64)
            idf = np.log(1 + (total - holders + 0.5) / (holders + 0.5))
            share = np.minimum(scores["data"][low:high].astype(np.float64) / idf, 1 - 1e-9)
            norm = k1 * (1 - b + b * lengths[scores["indices"][low:high]] / average)
            found[low - start : high - start] = np.maximum(np.rint(share * norm / (1 - share)), 1.0)
        if self._fixes.shape[1]:
            left, right = np.searchsorted(self._fixes[0], [start, end])
            found[self._fixes[0, left:right] - start] = self._fixes[1, left:right]
        return found

    @property
    def ids(self) -> np.ndarray:
        return self._ids

    @property
    def lengths(self) -> np.ndarray | None:
        """Tokens per passage (BM25's document lengths), which bm25s does not keep: a delta segment needs them to
        score against the whole store's average length (``retrieve.segments``). None for an index saved before."""
        return self._lengths

    @property
    def bm25(self) -> bm25s.BM25:
        return self._bm25

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, *, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(passage id, BM25 score) best first; ``mask`` (one 0/1 per passage) restricts the candidates."""
        tokens = [t for t in index_tokens(query) if t in self._bm25.vocab_dict]
        if not tokens or not len(self._ids):
            return []
        scores = self._scores(tokens, mask)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self._ids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def _scores(self, tokens: list[str], mask: np.ndarray | None) -> np.ndarray:
        """BM25 of every passage (bm25s's sum, in float32). Float16 postings are widened to float32 before the
        sum: numpy's ``add.at`` casting each half-precision value itself is about ten times slower."""
        scores = self._bm25.scores
        if scores["data"].dtype != np.float16:
            return self._bm25.get_scores(tokens, weight_mask=mask)
        summed = np.zeros(int(scores["num_docs"]), dtype=np.float32)
        for column in self._bm25.get_tokens_ids(tokens):
            start, end = scores["indptr"][column], scores["indptr"][column + 1]
            np.add.at(summed, scores["indices"][start:end], scores["data"][start:end].astype(np.float32))
        return summed * mask if mask is not None else summed

    def term_weights(self, text: str) -> dict[str, float]:
        """Inverse document frequency of each content token of ``text`` (unknown tokens get the maximum):
        rare words such as a disease name weigh more than 'patient' when judging whether a passage is on topic."""
        return {token: idf for token, idf, _ in self._postings(text)}

    def unheld_tokens(self, text: str) -> frozenset[str]:
        """The content tokens of ``text`` that no passage of the library holds."""
        return frozenset(token for token, _, holders in self._postings(text) if holders is None)

    def term_presence(self, text: str, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """IDF of each content token of ``text``, and which of the passages at ``positions`` (index order) hold it
        (tokens × positions, bool): the ranker's coverage features, read from the postings instead of the texts."""
        postings = self._postings(text)
        idf = np.array([weight for _, weight, _ in postings], dtype=float)
        present = np.zeros((len(postings), len(positions)), dtype=bool)
        for row, (_, _, holders) in enumerate(postings):
            if holders is not None:
                present[row] = np.isin(positions, holders)
        return idf, present

    def _postings(self, text: str) -> list[tuple[str, float, np.ndarray | None]]:
        total = int(self._bm25.scores["num_docs"]) or 1
        indptr, indices = self._bm25.scores["indptr"], self._bm25.scores["indices"]
        found = []
        for token in sorted(set(index_tokens(text))):
            column = self._bm25.vocab_dict.get(token)
            holders = indices[indptr[column] : indptr[column + 1]] if column is not None else None
            frequency = len(holders) if holders is not None else 0
            found.append((token, float(np.log(1 + (total - frequency + 0.5) / (frequency + 0.5))), holders))
        return found

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(directory), show_progress=False)
        np.save(directory / "passage_ids.npy", self._ids)
        if self._lengths is not None:
            np.save(directory / "lengths.npy", self._lengths)
        if self._fixes.shape[1]:
            np.save(directory / FIXES, self._fixes)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """The saved index; IndexDamagedError (not a numpy or JSON traceback) when its files are missing or corrupt."""
        index = cls.__new__(cls)
        try:
            index._bm25 = bm25s.BM25.load(str(directory), mmap=False, show_progress=False, verbosity=0)
            index._ids = np.load(directory / "passage_ids.npy")
            lengths = directory / "lengths.npy"
            index._lengths = np.load(lengths) if lengths.exists() else None
            fixes = directory / FIXES
            index._fixes = np.load(fixes) if fixes.exists() else np.zeros((2, 0), dtype=np.int64)
            index._score_type = str(index._bm25.scores["data"].dtype)
        except (OSError, ValueError, KeyError, EOFError, TypeError) as error:
            raise IndexDamagedError(directory, f"unreadable lexical index ({type(error).__name__})") from error
        if len(index._ids) != int(index._bm25.scores["num_docs"]):
            raise IndexDamagedError(directory, "passage ids and BM25 scores disagree on the number of passages")
        return index
