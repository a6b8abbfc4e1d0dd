"""Run a suite through the same Assistant the CLI and the UI use, and score every case."""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Callable, Protocol, Sequence

from pydantic import BaseModel, Field

from assistant.result import AnswerResult
from eval import metrics as M
from eval.match import strip_markers
from eval.suite import Case

RANKED = 10  # passages ranked per question for MRR@10


class Asker(Protocol):
    def ask(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None) -> AnswerResult: ...
    def gather(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None) -> Sequence: ...
    def document_text(self, name: str) -> str | None: ...
    def document_ids(self) -> dict[str, str]: ...


NEGATIVE = "negatives-only"  # tag of a case asked with its source documents filtered out


def negatives(cases: Sequence[Case]) -> list[Case]:
    """Every answerable case with evidence, asked again without its source documents: it must be refused."""
    return [Case(id=f"{c.id}/neg", question=c.question, answerable=False, tags=[NEGATIVE, *c.tags],
                 left_out=sorted({e.doc for e in c.evidence})) for c in cases if c.answerable and c.evidence]


class CaseResult(BaseModel):
    id: str
    question: str
    tags: list[str]
    answerable: bool
    reference_answer: str
    evidence: list[dict]
    answer: str = ""
    refused: bool = True
    error: str | None = None
    citations: list[dict] = Field(default_factory=list)
    contexts: list[dict] = Field(default_factory=list)
    evidence_ranks: list[int | None] = Field(default_factory=list)
    scores: dict[str, float | bool | None] = Field(default_factory=dict)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    answerability: float | None = None
    refusal_reason: str = ""  # the assistant's reason when it refused
    passed: bool = False
    why: str = ""


def score_case(case: Case, result: AnswerResult, ranked: Sequence[M.Passage], k: int,
               document_text: Callable[[str], str | None]) -> CaseResult:
    evidence = [(e.doc, e.quote) for e in case.evidence]
    cited = {c.id: M.Passage(c.doc, c.text) for c in result.citations}
    out = CaseResult(
        id=case.id, question=case.question, tags=case.tags, answerable=case.answerable,
        reference_answer=case.reference_answer, evidence=[e.model_dump() for e in case.evidence],
        answer=result.answer, refused=result.refused,
        citations=[c.model_dump() for c in result.citations],
        contexts=[c.model_dump() for c in result.contexts],
        timings_ms=result.timings_ms.model_dump(),
        answerability=(result.answerability or {}).get("probability"),
        refusal_reason=result.reason if result.refused else "",
    )
    scores: dict[str, float | bool | None] = {}
    if evidence:
        out.evidence_ranks = M.evidence_ranks(evidence, ranked)
        scores.update(M.retrieval_scores(out.evidence_ranks, k))
    exact = []
    for c in result.citations:
        text = document_text(c.doc)
        exact.append(text is not None and text[c.start:c.end] == c.text)
    scores["citation_exact"] = sum(exact) / len(exact) if exact else None
    if not result.refused:
        scores.update(M.grounding_scores(result.answer, cited, evidence))
    if case.answerable and case.reference_answer:
        fig = M.figures_match(case.reference_answer, result.answer) if not result.refused else False
        f1, recall = M.char_scores(case.reference_answer, result.answer) if not result.refused else (0.0, 0.0)
        scores.update({"figures": fig if M.numbers(case.reference_answer) else None, "char_f1": f1, "char_recall": recall})
    out.scores = scores
    out.passed, out.why = verdict(case, out)
    return out


def verdict(case: Case, r: CaseResult) -> tuple[bool, str]:
    if not case.answerable:
        return (True, "refused as it should") if r.refused else (False, "answered an unanswerable question")
    if r.refused:
        return False, "refused an answerable question"
    fig = r.scores.get("figures")
    if fig is False:
        return False, "reference figures missing from the answer"
    if fig is None and case.reference_answer and (r.scores.get("char_recall") or 0.0) < 0.6:
        return False, "answer does not contain the reference"
    if case.evidence and not r.scores.get("evidence_hit"):
        return False, "no citation holds a gold quote"
    return True, "ok"


def run_cases(assistant: Asker, cases: Sequence[Case], k: int,
              on_case: Callable[[int, int, CaseResult], None] = lambda i, n, r: None) -> list[CaseResult]:
    results = []
    ids = assistant.document_ids() if any(c.left_out for c in cases) else {}
    for i, case in enumerate(cases, 1):
        try:
            t0 = time.perf_counter()
            keep = None
            if case.left_out:
                keep = [d for name, d in ids.items() if name not in case.left_out]
            ranked_hits = assistant.gather(case.question, max(RANKED, k), keep)  # the retrieval answers use
            ranked = [M.Passage(h.name, h.text) for h in ranked_hits]
            result = assistant.ask(case.question, k=k, doc_ids=keep)
            r = score_case(case, result, ranked, k, assistant.document_text)
            r.timings_ms["case"] = (time.perf_counter() - t0) * 1000
        except Exception as e:  # one broken case never stops a run
            r = CaseResult(id=case.id, question=case.question, tags=case.tags, answerable=case.answerable,
                           reference_answer=case.reference_answer, evidence=[e_.model_dump() for e_ in case.evidence],
                           error=f"{type(e).__name__}: {e}", why="error")
        results.append(r)
        on_case(i, len(cases), r)
    return results


FACT_TAGS = ("figure", "fact")


def reason_class(reason: str) -> str:
    """A refusal reason without its particulars (the place, unit, share), so reasons can be counted."""
    r = re.sub(r"\d+(?:\.\d+)?%?", "N", reason or "no reason given")
    return re.sub(r"[^\x00-\x7f]+(?:[、 ][^\x00-\x7f]+)*", "…", r)


def refusal_reasons(answerable: Sequence[CaseResult]) -> dict[str, int]:
    """Why answerable questions were refused: reason class → cases, most frequent first."""
    counts = Counter(reason_class(r.refusal_reason) for r in answerable if r.refused)
    return dict(counts.most_common())


RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def reliability(results: Sequence[CaseResult]) -> list[dict]:
    """Predicted answerability against the observed share of answerable cases, per probability bin."""
    out = []
    for lo, hi in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:]):
        rows = [r for r in results if r.answerability is not None and lo <= r.answerability < hi]
        out.append({"bin": f"{lo:.1f}–{min(hi, 1.0):.1f}", "cases": len(rows),
                    "predicted": M.mean([r.answerability for r in rows]),
                    "observed": M.mean([float(r.answerable) for r in rows])})
    return out


def summarise(results: Sequence[CaseResult], k: int) -> dict[str, float | int | None]:
    negs = [r for r in results if r.error is None and NEGATIVE in r.tags]
    results = [r for r in results if NEGATIVE not in r.tags]
    ok = [r for r in results if r.error is None]
    answerable = [r for r in ok if r.answerable]

    def avg(key: str, rows: Sequence[CaseResult]) -> float | None:
        vals = [r.scores.get(key) for r in rows]
        return M.mean([float(v) for v in vals if v is not None])

    out: dict[str, float | int | None] = {"cases": len(results), "errors": len(results) - len(ok),
                                          "answerable": len(answerable), "unanswerable": len(ok) - len(answerable),
                                          "passed": sum(r.passed for r in results)}
    for key in ("hit@1", f"hit@{k}", f"recall@{k}", "mrr@10"):
        out[key] = avg(key, answerable)
    answered = [r for r in answerable if not r.refused]
    out["figures"] = avg("figures", answerable)
    out["char_f1"] = avg("char_f1", answerable)
    for key in ("citation_coverage", "citation_precision", "faithfulness", "evidence_hit"):
        out[key] = avg(key, [r for r in ok if not r.refused])
    out["citation_exact"] = avg("citation_exact", ok)
    out["answered_rate"] = len(answered) / len(answerable) if answerable else None
    out.update(M.refusal_scores([(not r.answerable, r.refused) for r in ok]))
    out["negatives_refused"] = sum(r.refused for r in negs) / len(negs) if negs else None
    lengths = [len(strip_markers(r.answer)) for r in answered if any(t in r.tags for t in FACT_TAGS)]
    out["fact_answer_chars_p50"] = M.percentile(lengths, 50) if lengths else None
    out["reliability"] = reliability(ok)
    out["refusal_reasons"] = refusal_reasons(answerable)
    for stage in ("retrieve", "answer", "total"):
        vals = [r.timings_ms.get(stage, 0.0) for r in ok]
        out[f"{stage}_p50_ms"] = M.percentile(vals, 50)
        out[f"{stage}_p95_ms"] = M.percentile(vals, 95)
    return out
