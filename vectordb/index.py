"""The knowledge base: chunk vectors in Chroma plus the registry that says which version is live."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from chromadb.errors import ChromaError

from ingest.models import Chunk, SourceDocument, embedding_text
from vectordb.chroma_store import StoreConfig, open_collection, recreate_collection
from vectordb.embeddings import Embedder
from vectordb.lexical import LexicalIndex
from vectordb.registry import DocRecord, Registry

ADD_BATCH = 1000  # well under Chroma's max_batch_size
RRF_K = 60
CANDIDATES = 30  # per retriever, before fusion
# The small multilingual model ranks by topic; BM25 catches the exact terms and years officials ask about.
DENSE_WEIGHT, LEXICAL_WEIGHT = 1.0, 1.5


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


def chunk_id(doc: SourceDocument, index: int) -> str:
    return f"{doc.doc_id}:{doc.sha256[:16]}:{index}"


class Index:
    def __init__(self, store: StoreConfig, registry_path: Path, embedder: Embedder, cache_dir: Path | None = None):
        self.embedder = embedder
        self.registry = Registry(registry_path)
        self._store_cfg = store
        self._col = None
        self._cache_dir = str(cache_dir) if cache_dir else None
        # Present while a write is under way: found at start, it means the last writer was killed.
        self._dirty = registry_path.with_name("write-in-progress")
        self._lexical: tuple[frozenset, LexicalIndex] | None = None

    @property
    def collection(self):
        if self._col is None:
            self._col = open_collection(self._store_cfg, self.embedder)
        return self._col

    # --- writing -------------------------------------------------------
    def put(self, doc: SourceDocument, chunks: Sequence[Chunk], vectors: np.ndarray, sections: int) -> None:
        """Add the new version's chunks, then switch the registry to it, then drop the old version."""
        ids = [chunk_id(doc, c.index) for c in chunks]
        metas = [
            {"doc_id": doc.doc_id, "sha": doc.sha256, "name": c.name, "title": c.title, "section": c.section,
             "section_path": json.dumps(c.section_path, ensure_ascii=False), "level": c.level,
             "index": c.index, "start": c.start, "end": c.end, "tokens": c.tokens, "hash": c.content_hash}
            for c in chunks
        ]
        for i in range(0, len(ids), ADD_BATCH):
            self.collection.upsert(
                ids=ids[i : i + ADD_BATCH], embeddings=vectors[i : i + ADD_BATCH],
                documents=[c.text for c in chunks[i : i + ADD_BATCH]], metadatas=metas[i : i + ADD_BATCH],
            )
        self.registry.put(doc, n_chunks=len(chunks), n_tokens=sum(c.tokens for c in chunks), sections=sections)
        self.collection.delete(where={"$and": [{"doc_id": doc.doc_id}, {"sha": {"$ne": doc.sha256}}]})

    def remove(self, doc_id: str) -> bool:
        found = self.registry.remove(doc_id)
        self.collection.delete(where={"doc_id": doc_id})
        return found

    def collect_garbage(self) -> int:
        """Repair what an interrupted ingest left: chunks of versions that are not live are deleted, a live
        document missing chunks is dropped from the registry (so it is ingested again), and a vector index
        that no longer answers is rebuilt from the stored records."""
        if self._dirty.exists():
            self._ensure_queryable()
        live = self.registry.live_versions()
        got = self.collection.get(include=["metadatas"])
        stale, counts = [], {}
        for i, m in zip(got["ids"], got["metadatas"]):
            if live.get(m.get("doc_id")) == m.get("sha"):
                counts[m["doc_id"]] = counts.get(m["doc_id"], 0) + 1
            else:
                stale.append(i)
        for i in range(0, len(stale), ADD_BATCH):
            self.collection.delete(ids=stale[i : i + ADD_BATCH])
        for rec in self.registry.all():
            if counts.get(rec.doc_id, 0) != rec.n_chunks:
                self.remove(rec.doc_id)
        return len(stale)

    def begin_writes(self) -> None:
        self._dirty.parent.mkdir(parents=True, exist_ok=True)
        self._dirty.touch()

    def end_writes(self) -> None:
        self._dirty.unlink(missing_ok=True)

    def _probe(self) -> None:
        n = self.collection.count()
        if n:
            self.collection.query(query_embeddings=np.ones((1, self.embedder.dimension), dtype=np.float32),
                                  n_results=min(n, 100), include=[])

    def _ensure_queryable(self) -> None:
        try:
            self._probe()
        except ChromaError:
            self.rebuild_vectors()

    def rebuild_vectors(self) -> None:
        try:
            records = self.collection.get(include=["embeddings", "documents", "metadatas"])
        except ChromaError:  # vectors unreadable: embed the stored texts again
            records = self.collection.get(include=["documents", "metadatas"])
            texts = [embedding_text(m['section'], d) for d, m in zip(records["documents"], records["metadatas"])]
            records["embeddings"] = self.embedder.embed_passages(texts) if texts else []
        self._col = recreate_collection(self._store_cfg, self.embedder, records)
        self._lexical = None

    # --- reading -------------------------------------------------------
    def documents(self) -> list[DocRecord]:
        return self.registry.all()

    def count(self) -> int:
        return self.collection.count()

    def _live_lexical(self, live: dict[str, str]) -> LexicalIndex:
        """BM25 over the live chunks, rebuilt whenever the set of live versions changes (any process)."""
        key = frozenset(live.items())
        if self._lexical is None or self._lexical[0] != key:
            got = self.collection.get(include=["documents", "metadatas"])
            pairs = [(i, d) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])
                     if live.get(m.get("doc_id")) == m.get("sha")]
            self._lexical = (key, LexicalIndex([i for i, _ in pairs], [d for _, d in pairs], self._cache_dir))
        return self._lexical[1]

    def search(self, query: str, k: int, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """Dense and BM25 candidates fused by reciprocal rank; only live versions are returned."""
        total = self.collection.count()
        if total == 0 or k <= 0:
            return []
        all_live = self.registry.live_versions()
        live = {d: v for d, v in all_live.items() if d in set(doc_ids)} if doc_ids else all_live
        qvec = self.embedder.embed_queries([query])
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids else None
        request = dict(query_embeddings=qvec, n_results=min(total, CANDIDATES + 10), where=where,
                     include=["metadatas", "distances"])
        try:
            res = self.collection.query(**request)
        except ChromaError:  # a crash left the vector index behind its records: rebuild once, retry
            self.rebuild_vectors()
            res = self.collection.query(**request)
        dense = [(i, 1.0 - float(d)) for i, m, d in zip(res["ids"][0], res["metadatas"][0], res["distances"][0])
                 if live.get(m["doc_id"]) == m["sha"]][:CANDIDATES]
        lexical = self._live_lexical(all_live).search(query, CANDIDATES * 3)
        lexical = [(i, s) for i, s in lexical if i.split(":", 1)[0] in live][:CANDIDATES]
        fused: dict[str, float] = {}
        for weight, ranked in ((DENSE_WEIGHT, dense), (LEXICAL_WEIGHT, lexical)):
            for rank, (cid, _) in enumerate(ranked):
                fused[cid] = fused.get(cid, 0.0) + weight / (RRF_K + rank + 1)
        top = sorted(fused, key=lambda c: -fused[c])[:k]
        if not top:
            return []
        # Records only (no vectors): after a crash the vector index may lag behind them.
        got = self.collection.get(ids=top, include=["documents", "metadatas"])
        rows = {i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        sims = dict(dense)
        missing = [c for c in top if c not in sims]
        if missing:  # BM25-only hits: their similarity, from the same text that was embedded
            vecs = self.embedder.embed_passages([embedding_text(rows[c][1]['section'], rows[c][0]) for c in missing])
            sims.update(zip(missing, (vecs @ qvec[0]).tolist()))
        hits = []
        for cid in top:
            text, meta = rows[cid]
            hits.append(Hit(
                doc_id=meta["doc_id"], name=meta["name"], title=meta["title"], section=meta["section"],
                index=int(meta["index"]), start=int(meta["start"]), end=int(meta["end"]), text=text,
                score=fused[cid], dense=float(sims[cid]),
            ))
        return hits
