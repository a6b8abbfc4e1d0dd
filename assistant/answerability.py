"""May the retrieved passages answer the question? A calibrated judgement instead of a literal-word gate.

Features describe the best passages and sentences (retrieval scores, soft term coverage, years, places, scope,
answer-type match); a logistic regression learnt on the development split (`python -m eval.train_answerability`)
turns them into a probability that the question is answered by them. The model is a versioned JSON artefact
(assistant/data/answerability.json) holding the feature names it was trained on, their scaling, the weights and
the refusal threshold chosen on dev. Feature definitions live here, once, for training and answering alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from assistant.answer.extractive import Candidate
from assistant.evidence import Scope, passage_text, soft_presence, type_match
from assistant.glossary import Glossary
from assistant.linear import Linear, read_artefact
from assistant.question import QuestionInfo
from ingest.zh import squash
from vectordb.index import Hit

DEFAULT_MODEL = Path(__file__).parent / "data" / "answerability.json"
FORMAT = "planqa-answerability/1"

KINDS = ("figure", "list", "time", "section", "other")


def _kind_group(info: QuestionInfo) -> str:
    if info.kind in ("when", "who"):
        return "time"
    if info.kind in ("section", "which_section"):
        return "section"
    return info.kind if info.kind in ("figure", "list") else "other"


FEATURES = (
    "best_score", "best_pass_score", "has_passing", "has_typed", "best_sim", "best_overlap", "best_term_cov",
    "passage_cov", "passage_soft_cov", "missing_terms", "n_terms", "top_dense", "top_rerank",
    "years_missing", "years_missing_all", "has_years", "type_ok", "masked", "scope_named", "free_place_missing",
    "unit_asked", "best_rank", *(f"kind_{k}" for k in KINDS),
)


def features(info: QuestionInfo, hits: Sequence[Hit], passages: Sequence[Hit], cands: Sequence[Candidate],
             scope: Scope, glossary: Glossary) -> dict[str, float]:
    """Feature values for one question: `hits` as retrieved, `passages` those in the question's scope,
    `cands` their scored sentences (best first)."""
    f = dict.fromkeys(FEATURES, 0.0)
    f["has_years"] = float(bool(info.years))
    f["unit_asked"] = float(info.unit is not None)
    f["scope_named"] = float(scope.docs is not None)
    f["n_terms"] = min(len(info.terms), 6) / 6
    f[f"kind_{_kind_group(info)}"] = 1.0
    f["top_dense"] = max((h.dense for h in hits), default=0.0)
    f["top_rerank"] = float(passages[0].score) if passages else 0.0
    if not passages or not cands:
        f["missing_terms"] = 1.0
        f["years_missing"] = f["years_missing_all"] = f["has_years"]
        f["free_place_missing"] = float(bool(scope.free_places))
        return f
    best = cands[0]
    passing = [c for c in cands if c.check.ok]
    texts = [passage_text(h) for h in passages]
    best_text = texts[best.passage - 1]
    f.update(best_score=best.score, best_sim=best.sim, best_overlap=best.overlap, best_term_cov=best.term_cov,
             best_rank=1.0 / best.passage, masked=float(best.check.masked))
    typed = [c for c in cands if not c.check.masked and type_match(info, c.text) > 0]
    f["has_typed"] = float(bool(typed))
    if passing:
        f["has_passing"] = 1.0
        f["best_pass_score"] = passing[0].score
        f["type_ok"] = type_match(info, passing[0].check.focus or passing[0].text)
    if info.terms:
        soft = [soft_presence(t, best_text, glossary) for t in info.terms]
        f["passage_cov"] = sum(s >= 1.0 for s in soft) / len(soft)
        f["passage_soft_cov"] = sum(soft) / len(soft)
        anywhere = [max(soft_presence(t, x, glossary) for x in texts) for t in info.terms]
        f["missing_terms"] = sum(a < 0.5 for a in anywhere) / len(anywhere)
    else:
        f["passage_cov"] = f["passage_soft_cov"] = 1.0
    if info.years:
        f["years_missing"] = sum(y not in best_text for y in info.years) / len(info.years)
        f["years_missing_all"] = sum(all(y not in t for t in texts) for y in info.years) / len(info.years)
    if scope.free_places:
        f["free_place_missing"] = sum(squash(p) not in best_text for p in scope.free_places) / len(scope.free_places)
    return f


@dataclass(frozen=True)
class Judgement:
    probability: float
    answerable: bool
    features: dict[str, float] = field(default_factory=dict)


class ModelError(ValueError):
    """An answerability artefact that cannot be used."""


@dataclass(frozen=True)
class AnswerabilityModel(Linear):
    """Logistic regression over standardised features, with the refusal threshold chosen on dev."""

    threshold: float = field(kw_only=True)

    @classmethod
    def load(cls, path: Path | None = None) -> "AnswerabilityModel":
        path = Path(path or DEFAULT_MODEL)
        d = read_artefact(path, FORMAT, FEATURES, ModelError, "answerability model")
        if "threshold" not in d:
            raise ModelError(f"{path}: no refusal threshold")
        m = Linear.from_json(d)
        return cls(m.names, m.mean, m.scale, m.coef, m.intercept, m.meta, threshold=float(d["threshold"]))

    @classmethod
    def neutral(cls) -> "AnswerabilityModel":
        """No weights, probability 0.5, answers everything: what training measures features with."""
        return cls((), (), (), (), 0.0, {"note": "neutral"}, threshold=0.0)

    def to_json(self, fmt: str = FORMAT) -> dict:
        return {**super().to_json(fmt), "threshold": self.threshold}

    def judge(self, feats: dict[str, float], threshold: float | None = None) -> Judgement:
        p = self.probability(feats)
        return Judgement(round(p, 4), p >= (self.threshold if threshold is None else threshold), feats)


def explain(feats: dict[str, float]) -> str:
    """The plainest reason to refuse, for the user and the eval report."""
    if feats.get("masked"):
        return "the best matching sentence masks the figure (XX)"
    if feats.get("free_place_missing"):
        return "the passages are not about the place the question names"
    if feats.get("years_missing_all"):
        return "no passage mentions the year the question asks about"
    if feats.get("missing_terms", 0) >= 0.5:
        return "the passages do not mention what the question asks about"
    if feats.get("unit_asked") and not feats.get("type_ok"):
        return "no passage gives a figure in the unit asked"
    return "the passages do not answer the question"
