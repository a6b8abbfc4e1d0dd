"""Compare two runs: metric deltas and the cases whose verdict changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RunError(ValueError):
    """A run folder or results.json that cannot be read."""


def load_run(path: Path) -> dict[str, Any]:
    f = path / "results.json" if path.is_dir() else path
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
        data["summary"], data["cases"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RunError(f"{f}: not a PlanQA results.json ({e})") from e
    return data


@dataclass(frozen=True)
class Comparison:
    deltas: list[tuple[str, float, float, float]]  # metric, a, b, b - a
    fixed: list[str]  # failed in A, passed in B
    broken: list[str]  # passed in A, failed in B
    only_a: list[str]
    only_b: list[str]


def compare(a: dict[str, Any], b: dict[str, Any]) -> Comparison:
    deltas = []
    for key, va in a["summary"].items():
        vb = b["summary"].get(key)
        if isinstance(va, (int, float)) and isinstance(vb, (int, float)) and not isinstance(va, bool):
            deltas.append((key, float(va), float(vb), float(vb) - float(va)))
    pa = {c["id"]: c["passed"] for c in a["cases"]}
    pb = {c["id"]: c["passed"] for c in b["cases"]}
    both = sorted(pa.keys() & pb.keys())
    return Comparison(
        deltas=deltas,
        fixed=[i for i in both if not pa[i] and pb[i]],
        broken=[i for i in both if pa[i] and not pb[i]],
        only_a=sorted(pa.keys() - pb.keys()),
        only_b=sorted(pb.keys() - pa.keys()),
    )
