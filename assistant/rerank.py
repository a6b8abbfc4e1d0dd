"""Reranking stage behind one interface: `rerank(question, hits, k) -> hits`.

- `sentence` (default, no model): a weighted sum of cheap signals, weights
  fitted on the dev split (docs/PERFORMANCE.md): the fused (RRF) score, the
  passage's cosine to the question, the question-bigram recall of the whole
  passage, of its best sentence (+ year agreement) and of its own heading.
- `learned` (default, no model): a logistic regression over the same signals
  and the question's own analysis (soft term coverage, years, a figure in the
  unit asked, the section's years), learnt on the dev split's gold passages
  (`python -m eval.train_reranker`); assistant/data/reranker.json.
- `cross-encoder:<name or folder>`: a sentence-transformers CrossEncoder the
  user has locally (loaded offline).
- `none`: keep the fused order.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, Sequence

from assistant.evidence import coverage, has_figure, heading_years, names_head, passage_text, soft_presence
from assistant.glossary import Glossary
from assistant.linear import Linear, read_artefact
from assistant.question import analyse
from ingest.zh import SECTION_SEP, bigrams, sentence_spans, tidy_figures
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


@dataclass(frozen=True)
class RerankWeights:
    """Fitted on the dev split's gold passages (MRR), checked on the regression suite; the best-sentence score alone
    ranked worse than the fused order there (MRR 0.51 vs 0.60), the blend 0.62 (regression 0.89 -> 0.92)."""

    fused: float = 0.5  # RRF score relative to the best candidate's
    dense: float = 0.5  # cosine similarity of passage and question
    passage: float = 0.6  # share of the question's bigrams anywhere in the passage
    sentence: float = 0.25  # the best sentence's bigram recall (+ year agreement)
    heading: float = 0.3  # share of the question's bigrams in the passage's own heading


class SentenceReranker:
    name = "sentence"

    def __init__(self, weights: RerankWeights = RerankWeights()):
        self.w = weights

    def score(self, qgrams: set[str], question: str, hit: Hit, top: float) -> float:
        w = self.w
        heading = hit.section.split(SECTION_SEP)[-1] if hit.section else ""
        recall = (lambda text: len(qgrams & bigrams(text)) / len(qgrams)) if qgrams else (lambda text: 0.0)
        return (w.fused * (hit.score / top if top > 0 else 0.0) + w.dense * hit.dense + w.passage * recall(hit.text)
                + w.sentence * best_sentence(question, hit.text, qgrams)[0] + w.heading * recall(heading))

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        qgrams = bigrams(question)
        top = max((h.score for h in hits), default=0.0)
        scored = sorted(((self.score(qgrams, question, h, top), rank, h) for rank, h in enumerate(hits)),
                        key=lambda t: (-t[0], t[1]))  # the fused order breaks ties
        return [replace(h, score=round(score, 6)) for score, _, h in scored[:k]]


RERANK_FEATURES = (
    "fused_rel", "fused_rr", "dense", "dense_gap", "dense_rr", "passage_recall", "sentence", "heading_recall",
    "title_recall", "term_cov", "soft_cov", "years_in", "year_conflict", "figure", "head_ok", "length",
)
DEFAULT_RERANKER = Path(__file__).parent / "data" / "reranker.json"
RERANKER_FORMAT = "planqa-reranker/1"


def candidate_features(question: str, hits: Sequence[Hit], glossary: Glossary) -> list[dict[str, float]]:
    """Feature values of each candidate (in fused order) for one question; defined once for training and ranking."""
    if not hits:
        return []
    info = analyse(question)
    qgrams = bigrams(question)
    top = max(h.score for h in hits)
    best_dense = max(h.dense for h in hits)
    denser = sorted(-h.dense for h in hits)
    dense_rank = {id(h): 1 + bisect.bisect_left(denser, -h.dense) for h in hits}  # ties share a rank, whatever the order
    years = set(info.years)
    figure = info.kind == "figure"

    def recall(text: str) -> float:
        return len(qgrams & bigrams(text)) / len(qgrams) if qgrams else 0.0

    out = []
    for rank, h in enumerate(hits, 1):
        text = passage_text(h)
        soft = [soft_presence(t, text, glossary) for t in info.terms]
        dated = heading_years(h.section) if years else set()
        out.append({
            "fused_rel": h.score / top if top > 0 else 0.0,
            "fused_rr": 1.0 / rank,
            "dense": h.dense,
            "dense_gap": h.dense - best_dense,
            "dense_rr": 1.0 / dense_rank[id(h)],
            "passage_recall": recall(h.text),
            "sentence": best_sentence(question, h.text, qgrams)[0],
            "heading_recall": recall(h.section.split(SECTION_SEP)[-1] if h.section else ""),
            "title_recall": recall(h.title),
            "term_cov": coverage(info, text, glossary),
            "soft_cov": sum(soft) / len(soft) if soft else 1.0,
            "years_in": sum(y in text for y in years) / len(years) if years else 0.0,
            "year_conflict": float(bool(dated) and not dated & years),  # 2025年工作回顾 for a 2026 question
            "figure": float(bool(has_figure(h.text, info.unit))) if figure else 0.0,
            "head_ok": float(names_head(info, text, glossary)) if figure and info.head else 0.0,
            "length": math.log1p(len(h.text)) / 7,
        })
    return out


class LearnedReranker:
    """Candidates ordered by the learnt probability of holding the answer; a hit's score becomes that probability."""

    name = "learned"

    def __init__(self, glossary: Glossary | None = None, path: Path | None = None):
        path = Path(path or DEFAULT_RERANKER)
        self.model = Linear.from_json(read_artefact(path, RERANKER_FORMAT, RERANK_FEATURES, RerankerError,
                                                    "reranker model"))
        self.glossary = glossary or Glossary.load()

    def rerank(self, question: str, hits: Sequence[Hit], k: int) -> list[Hit]:
        feats = candidate_features(question, hits, self.glossary)
        scored = sorted(((self.model.probability(f), rank, h) for rank, (f, h) in enumerate(zip(feats, hits))),
                        key=lambda t: (-t[0], t[1]))
        return [replace(h, score=round(p, 6)) for p, _, h in scored[:k]]


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


def make_reranker(spec: str, device: str = "cpu", glossary: Glossary | None = None) -> Reranker:
    """`none`, `sentence`, `learned`, `learned:<artefact.json>`, or `cross-encoder:<name or folder>`."""
    if spec == "none":
        return NoReranker()
    if spec == "sentence":
        return SentenceReranker()
    if spec == "learned" or spec.startswith("learned:"):
        return LearnedReranker(glossary, Path(spec.split(":", 1)[1]) if ":" in spec else None)
    if spec.startswith("cross-encoder:") and spec.split(":", 1)[1]:
        return CrossEncoderReranker(spec.split(":", 1)[1], device)
    raise RerankerError(f"unknown reranker {spec!r}: use none, sentence, learned[:<file>] or "
                        "cross-encoder:<name or folder>")
