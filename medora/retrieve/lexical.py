"""The lexical index: BM25 (Lucene variant, bm25s) over biomedical tokens, saved as local files."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from medora.errors import IndexDamagedError
from medora.retrieve.tokenize import index_tokens

logging.getLogger("bm25s").setLevel(logging.ERROR)


class LexicalIndex:
    """``add`` once with all passages, then ``search``; ``save``/``load`` keep it between runs."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        self._ids = np.zeros(0, dtype=np.int64)
        self._lengths: np.ndarray | None = np.zeros(0, dtype=np.int32)

    def add(self, ids: Sequence[int], texts: Sequence[str], *, show_progress: bool = False) -> None:
        self._ids = np.asarray(ids, dtype=np.int64)
        tokens = [index_tokens(text) for text in texts]
        self._lengths = np.array([len(words) for words in tokens], dtype=np.int32)
        self._bm25.index(tokens, show_progress=show_progress)

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
        scores = self._bm25.get_scores(tokens, weight_mask=mask)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self._ids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def term_weights(self, text: str) -> dict[str, float]:
        """Inverse document frequency of each content token of ``text`` (unknown tokens get the maximum):
        rare words such as a disease name weigh more than 'patient' when judging whether a passage is on topic."""
        return {token: idf for token, idf, _ in self._postings(text)}

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

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """The saved index; IndexDamagedError (not a numpy or JSON traceback) when its files are missing or corrupt."""
        index = cls.__new__(cls)
        try:
            index._bm25 = bm25s.BM25.load(str(directory), mmap=False, show_progress=False, verbosity=0)
            index._ids = np.load(directory / "passage_ids.npy")
            lengths = directory / "lengths.npy"
            index._lengths = np.load(lengths) if lengths.exists() else None
        except (OSError, ValueError, KeyError, EOFError, TypeError) as error:
            raise IndexDamagedError(directory, f"unreadable lexical index ({type(error).__name__})") from error
        if len(index._ids) != int(index._bm25.scores["num_docs"]):
            raise IndexDamagedError(directory, "passage ids and BM25 scores disagree on the number of passages")
        return index
