"""Query primitives over one live snapshot: filters, the chunks under a heading, dense and BM25 lists,
hits and neighbours. Retrieval (fusion weights, expansion, reranking) is assistant/retrieval.py's job."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from vectordb.live import LiveTable


@dataclass(frozen=True)
class Hit:
    doc_id: str
    name: str
    title: str
    section: str
    index: int
    start: int
    end: int
    text: str
    score: float  # fused rank score (reciprocal rank fusion), higher is better
    dense: float = 0.0  # cosine similarity to the question
    chunk_id: str = ""


def select(t: LiveTable, doc_ids: Sequence[str] | None = None, section_prefix: str | None = None) -> set[str]:
    """Ids of live chunks in the given documents and under the given heading-path prefix."""
    docs = set(doc_ids) if doc_ids else None
    return {i for i, r in t.rows.items()
            if (docs is None or r.doc_id in docs) and (not section_prefix or r.section.startswith(section_prefix))}


def under_headings(t: LiveTable, refs: Sequence[str], n: int, allow: set[str] | None = None) -> list[str]:
    """The first n ids of live chunks under a heading numbered as one of refs ("第三章"), in reading order."""
    headings = t.heading_map()
    order = heapq.merge(*(headings.get(r, ()) for r in dict.fromkeys(refs)),
                        key=lambda cid: (t.rows[cid].doc_id, t.rows[cid].index))
    out: list[str] = []
    for cid in order:
        if (allow is None or cid in allow) and (not out or out[-1] != cid):  # merged lists repeat adjacently
            out.append(cid)
            if len(out) >= n:
                break
    return out


def dense_request(t: LiveTable, total: int, qvec: np.ndarray, n: int, allow: set[str] | None) -> dict | None:
    """The Chroma query for the top n live (and allowed) chunks, or None when nothing can match."""
    if total == 0 or n <= 0 or (allow is not None and not allow):
        return None
    docs = sorted({t.rows[i].doc_id for i in allow}) if allow is not None else None
    fetch = n + 10 if allow is None else max(n + 10, 4 * n)
    return dict(query_embeddings=np.asarray(qvec, dtype=np.float32).reshape(1, -1), n_results=min(total, fetch),
                where={"doc_id": {"$in": docs}} if docs else None, include=["distances"])


def dense_results(t: LiveTable, res: dict, n: int, allow: set[str] | None) -> list[tuple[str, float]]:
    """Top n (id, cosine similarity) of a query's answer, keeping live (and allowed) chunks only."""
    out = [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])
           if i in t.rows and (allow is None or i in allow)]
    return out[:n]


def hits(t: LiveTable, fused: Sequence[tuple[str, float]], sims: dict[str, float], qvec: np.ndarray,
         vectors: Callable[[Sequence[str]], np.ndarray]) -> list[Hit]:
    """Hits for fused (id, score) pairs, from one snapshot of the live chunks; similarities not known from
    the dense list come from the stored vectors. An id a writer retired meanwhile is skipped."""
    rows = t.rows
    fused = [(i, s) for i, s in fused if i in rows]
    sims = dict(sims)
    missing = [i for i, _ in fused if i not in sims]
    if missing:
        sims.update(zip(missing, (vectors(missing) @ qvec).tolist()))
    out = []
    for cid, score in fused:
        r = rows[cid]
        out.append(Hit(doc_id=r.doc_id, name=r.name, title=r.title, section=r.section, index=r.index,
                       start=r.start, end=r.end, text=r.text, score=score, dense=float(sims[cid]), chunk_id=cid))
    return out


def neighbours(t: LiveTable, cid: str) -> tuple[str | None, str | None]:
    """The chunks before and after one, in the same document."""
    order = t.by_doc.get(t.rows[cid].doc_id, [])
    pos = t.rows[cid].index
    ids = {t.rows[i].index: i for i in order}
    return ids.get(pos - 1), ids.get(pos + 1)
