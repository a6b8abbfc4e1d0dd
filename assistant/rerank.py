"""Reranking stage behind one interface: `rerank(question, hits, k) -> hits`.

- `sentence` (default, no model): a passage scores by its best sentence. Long
  chunks dilute a passage's vector; the one sentence that answers carries the
  question's exact terms and years. Score = 0.3 × fused-rank prior + the best
  sentence's question-bigram recall (+ year agreement).
- `cross-encoder:<name or folder>`: a sentence-transformers CrossEncoder the
  user has locally (loaded offline).
- `none`: keep the fused order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, Sequence

from ingest.zh import bigrams, tidy_figures
from ingest.zh import sentence_spans
from vectordb.index import Hit
from ingest.zh import YEAR

_YEAR = re.compile(YEAR)


class Reranker(Protocol):
    name: str

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]: ...


class RerankerError(ValueError):
    """A reranker that cannot be set up."""


def sentence_match(question: str, sentence: str, qgrams: set[str] | None = None) -> float:
    qgrams = bigrams(question) if qgrams is None else qgrams
    if not qgrams:
        return 0.0
    score = len(qgrams & bigrams(sentence)) / len(qgrams)
    years = set(_YEAR.findall(question))
    if years:
        score += 0.25 * (len(years & set(_YEAR.findall(tidy_figures(sentence)))) / len(years))
    return score


def best_sentence(question: str, text: str, qgrams: set[str] | None = None) -> tuple[float, int, int]:
    """(score, start, end) of the passage's sentence that best matches the question."""
    qgrams = bigrams(question) if qgrams is None else qgrams
    return max(((sentence_match(question, text[s:e], qgrams), s, e) for s, e in sentence_spans(text, 0, len(text))),
               default=(0.0, 0, len(text)))


class NoReranker:
    name = "none"

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        return list(hits[:k])


class SentenceReranker:
    name = "sentence"

    def __init__(self, weight: float = 1.0, prior: float = 0.3):
        self.weight, self.prior = weight, prior

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        qgrams = bigrams(question)
        n = len(hits)
        scored = []
        for rank, h in enumerate(hits):
            prior = 1.0 - rank / n  # keeps the fused order as a tie-breaker
            scored.append((self.prior * prior + self.weight * best_sentence(question, h.text, qgrams)[0], rank, h))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [replace(h, score=round(score, 6)) for score, _, h in scored[:k]]


class CrossEncoderReranker:
    def __init__(self, model: str, device: str = "cpu"):
        import os

        from sentence_transformers import CrossEncoder

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self._model = CrossEncoder(model, device=device, local_files_only=True)
        except Exception as e:  # noqa: BLE001 - any load failure is a setup error for the user
            raise RerankerError(f"cannot load cross-encoder {model!r} offline: {e}") from e
        self.name = f"cross-encoder:{model}"

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        if not hits:
            return []
        scores = self._model.predict([(question, h.text) for h in hits], show_progress_bar=False)
        order = sorted(range(len(hits)), key=lambda i: -float(scores[i]))
        return [replace(hits[i], score=round(float(scores[i]), 6)) for i in order[:k]]


def make_reranker(spec: str, device: str = "cpu") -> Reranker:
    """`none`, `sentence`, or `cross-encoder:<name or folder>`."""
    if spec == "none":
        return NoReranker()
    if spec == "sentence":
        return SentenceReranker()
    if spec.startswith("cross-encoder:") and spec.split(":", 1)[1]:
        return CrossEncoderReranker(spec.split(":", 1)[1], device)
    raise RerankerError(f"unknown reranker {spec!r}: use none, sentence or cross-encoder:<name or folder>")
