"""Re-rank fused candidates by their best-matching sentence (no model needed).

Long chunks dilute a passage's vector; the one sentence that answers the
question carries its exact terms and years. Score = the passage's fusion rank
prior + the best sentence's question-bigram recall (+ year agreement).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from assistant.textnorm import bigrams, tidy_figures
from ingest.chunk import sentence_spans
from vectordb.index import Hit

_YEAR = re.compile(r"(?:19|20)\d\d")


def sentence_match(question: str, sentence: str, qgrams: set[str] | None = None) -> float:
    qgrams = bigrams(question) if qgrams is None else qgrams
    if not qgrams:
        return 0.0
    score = len(qgrams & bigrams(sentence)) / len(qgrams)
    years = set(_YEAR.findall(question))
    if years:
        score += 0.25 * (len(years & set(_YEAR.findall(tidy_figures(sentence)))) / len(years))
    return score


def best_sentence_score(question: str, text: str, qgrams: set[str]) -> float:
    return max((sentence_match(question, text[s:e], qgrams) for s, e in sentence_spans(text, 0, len(text))), default=0.0)


def rerank(question: str, hits: Sequence[Hit], k: int, weight: float = 1.0) -> list[Hit]:
    if not hits:
        return []
    qgrams = bigrams(question)
    n = len(hits)
    scored = []
    for rank, h in enumerate(hits):
        prior = 1.0 - rank / n  # keeps the fused order as a tie-breaker
        scored.append((0.3 * prior + weight * best_sentence_score(question, h.text, qgrams), rank, h))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [replace(h, score=round(score, 6)) for score, _, h in scored[:k]]
