"""Logistic models over named, standardised features, stored as versioned JSON artefacts (the learned reranker and
the answerability judgement). Reading checks the format and that every feature is one this version computes."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def read_artefact(path: Path, fmt: str, known: Iterable[str], error: type[Exception], what: str) -> dict:
    """The artefact's JSON, or `error` saying what is wrong with it."""
    try:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise error(f"cannot read the {what} {path}: {e}") from e
    if not isinstance(d, dict) or d.get("format") != fmt:
        raise error(f"{path}: not a {fmt} file")
    unknown = set(d.get("features", ())) - set(known)
    if unknown:
        raise error(f"{path}: trained on features this version does not compute: {sorted(unknown)}")
    lengths = {len(d.get(k, ())) for k in ("features", "mean", "scale", "coef")}
    if len(lengths) != 1 or "intercept" not in d:
        raise error(f"{path}: features, mean, scale and coef must be lists of one length, with an intercept")
    return d


@dataclass(frozen=True)
class Linear:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, d: dict) -> "Linear":
        return cls(tuple(d["features"]), tuple(map(float, d["mean"])), tuple(map(float, d["scale"])),
                   tuple(map(float, d["coef"])), float(d["intercept"]), d.get("meta", {}))

    def to_json(self, fmt: str) -> dict:
        return {"format": fmt, "features": list(self.names), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "meta": self.meta}

    def z(self, feats: dict[str, float]) -> float:
        return self.intercept + sum(c * (feats.get(n, 0.0) - m) / s
                                    for n, m, s, c in zip(self.names, self.mean, self.scale, self.coef))

    def probability(self, feats: dict[str, float]) -> float:
        return logistic(self.z(feats))
