"""Weighted reciprocal rank fusion of ranked candidate lists."""

from __future__ import annotations

from typing import Sequence

RRF_K = 60


def rrf(ranked: Sequence[tuple[float, Sequence[str]]], k: int = RRF_K) -> list[tuple[str, float]]:
    """`ranked` holds (weight, ids best first); returns (id, fused score) best first, ties by first appearance."""
    fused: dict[str, float] = {}
    for weight, ids in ranked:
        for rank, cid in enumerate(ids):
            fused[cid] = fused.get(cid, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda t: -t[1])
