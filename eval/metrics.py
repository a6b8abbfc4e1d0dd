"""Metrics for one case and for a run. Pure functions over plain data, no model."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from eval.match import normalise, numbers, quote_in, strip_markers

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_MARKER = re.compile(r"\[(\d+)\]")
_PUNCT = re.compile(r"[\W_]+")
MIN_LEXICAL_SUPPORT = 0.5


@dataclass(frozen=True)
class Passage:
    doc: str
    text: str


# --- retrieval -----------------------------------------------------------
def evidence_ranks(evidence: Sequence[tuple[str, str]], ranked: Sequence[Passage]) -> list[int | None]:
    """1-based rank of the first passage holding each (doc, quote), or None."""
    out: list[int | None] = []
    for doc, quote in evidence:
        out.append(next((i for i, p in enumerate(ranked, 1) if p.doc == doc and quote_in(quote, p.text)), None))
    return out


def retrieval_scores(ranks: Sequence[int | None], k: int) -> dict[str, float]:
    found = [r for r in ranks if r is not None]
    first = min(found, default=None)
    return {
        "hit@1": float(first == 1),
        f"hit@{k}": float(first is not None and first <= k),
        f"recall@{k}": sum(r <= k for r in found) / len(ranks) if ranks else 0.0,
        "mrr@10": 1.0 / first if first is not None and first <= 10 else 0.0,
    }


# --- answer correctness --------------------------------------------------
def figures_match(reference: str, answer: str) -> bool | None:
    """All figures of the reference appear in the answer; None when the reference has none."""
    ref = numbers(reference)
    if not ref:
        return None
    have = set(numbers(answer))
    return all(n in have for n in ref)


def _chars(text: str) -> Counter[str]:
    return Counter(_PUNCT.sub("", normalise(strip_markers(text))))


def char_scores(reference: str, answer: str) -> tuple[float, float]:
    """(F1, recall) of the reference's characters in the answer (bag of characters)."""
    ref, ans = _chars(reference), _chars(answer)
    common = sum((ref & ans).values())
    if not ref or not ans or not common:
        return 0.0, 0.0
    p, r = common / sum(ans.values()), common / sum(ref.values())
    return 2 * p * r / (p + r), r


# --- grounding -----------------------------------------------------------
def answer_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """Sentences of an answer with the citation ids each carries."""
    out = []
    for m in _SENTENCE.finditer(answer):
        s = m.group(0).strip()
        if len(strip_markers(s).strip("。！？!? ")) < 2:
            continue
        out.append((s, [int(x) for x in _MARKER.findall(s)]))
    return out


def bigram_support(sentence: str, passage: str) -> float:
    s = _PUNCT.sub("", normalise(strip_markers(sentence)))
    p = _PUNCT.sub("", normalise(passage))
    grams = {s[i:i + 2] for i in range(len(s) - 1)}
    if not grams:
        return 0.0
    return sum(g in p for g in grams) / len(grams)


def supports(sentence: str, passage: str) -> bool:
    """A passage supports a sentence when every figure is in it and most of the wording is."""
    have = set(numbers(passage))
    if any(n not in have for n in numbers(sentence)):
        return False
    return bigram_support(sentence, passage) >= MIN_LEXICAL_SUPPORT


def grounding_scores(answer: str, citations: dict[int, Passage], evidence: Sequence[tuple[str, str]]) -> dict[str, float | None]:
    sents = answer_sentences(answer)
    if not sents:
        return {"citation_coverage": None, "citation_precision": None, "faithfulness": None, "evidence_hit": None}
    covered = pairs = good_pairs = faithful = 0
    for s, ids in sents:
        valid = [citations[i] for i in ids if i in citations]
        covered += bool(valid)
        ok = [supports(s, p.text) for p in valid]
        pairs += len(ok)
        good_pairs += sum(ok)
        faithful += any(ok)
    hit = None
    if evidence:
        hit = float(any(p.doc == doc and quote_in(q, p.text) for p in citations.values() for doc, q in evidence))
    return {
        "citation_coverage": covered / len(sents),
        "citation_precision": good_pairs / pairs if pairs else 0.0,
        "faithfulness": faithful / len(sents),
        "evidence_hit": hit,
    }


# --- refusal and latency -------------------------------------------------
def refusal_scores(pairs: Sequence[tuple[bool, bool]]) -> dict[str, float]:
    """pairs of (should refuse, did refuse); refusal is the positive class."""
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"refusal_precision": precision, "refusal_recall": recall, "refusal_f1": f1}


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def mean(values: Sequence[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None
