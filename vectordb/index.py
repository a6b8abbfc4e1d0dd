"""The knowledge base: chunk vectors in Chroma plus the registry that says which version is live."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from chromadb.errors import ChromaError

from ingest.models import Chunk, SourceDocument, embedding_text
from vectordb.chroma_store import StoreConfig, open_collection, recreate_collection
from vectordb.embeddings import Embedder
from vectordb.fusion import rrf
from vectordb.lexical import LexicalIndex
from vectordb.registry import DocRecord, Registry

ADD_BATCH = 1000  # well under Chroma's max_batch_size
CANDIDATES = 30  # per retriever, before fusion
# The small multilingual model ranks by topic; BM25 catches the exact terms and years officials ask about.
DENSE_WEIGHT, LEXICAL_WEIGHT = 1.0, 1.5


@dataclass(frozen=True)
class ChunkRow:
    id: str
    doc_id: str
    name: str
    title: str
    section: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class LiveTable:
    """The live chunks (records and BM25), for one fingerprint of the registry's live versions."""

    key: str
    rows: dict[str, ChunkRow]
    by_doc: dict[str, list[str]]  # chunk ids in reading order
    lexical: LexicalIndex


def live_key(live: dict[str, str]) -> str:
    return hashlib.sha1("".join(f"{d}:{v}\n" for d, v in sorted(live.items())).encode()).hexdigest()[:20]


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
        self._lexical_dir = registry_path.parent / "lexical"
        self._table: LiveTable | None = None

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
        self._table = None

    # --- reading -------------------------------------------------------
    def documents(self) -> list[DocRecord]:
        return self.registry.all()

    def count(self) -> int:
        return self.collection.count()

    def live(self) -> LiveTable:
        """The live chunks; rebuilt (or loaded from disk) whenever any process changed the live set."""
        live = self.registry.live_versions()
        key = live_key(live)
        if self._table is not None and self._table.key == key:
            return self._table
        got = self.collection.get(include=["documents", "metadatas"])
        rows: dict[str, ChunkRow] = {}
        for i, d, m in zip(got["ids"], got["documents"], got["metadatas"]):
            if live.get(m.get("doc_id")) == m.get("sha"):
                rows[i] = ChunkRow(i, m["doc_id"], m["name"], m["title"], m["section"], int(m["index"]),
                                   int(m["start"]), int(m["end"]), d)
        by_doc: dict[str, list[str]] = {}
        for r in sorted(rows.values(), key=lambda r: (r.doc_id, r.index)):
            by_doc.setdefault(r.doc_id, []).append(r.id)
        folder = self._lexical_dir / key
        lexical = LexicalIndex.load(folder, self._cache_dir)
        if lexical is None or set(lexical.ids) != rows.keys():
            ids = list(rows)
            lexical = LexicalIndex(ids, [embedding_text(rows[i].section, rows[i].text) for i in ids], self._cache_dir)
            try:
                lexical.save(folder)
                for old in self._lexical_dir.iterdir():
                    if old.name != key and not old.name.startswith("."):
                        shutil.rmtree(old, ignore_errors=True)
            except OSError:
                pass  # a read-only home still answers; it rebuilds next time
        self._table = LiveTable(key, rows, by_doc, lexical)
        return self._table

    def select(self, doc_ids: Sequence[str] | None = None, section_prefix: str | None = None) -> set[str] | None:
        """Ids allowed by the filters (None: no filter)."""
        if not doc_ids and not section_prefix:
            return None
        t = self.live()
        docs = set(doc_ids) if doc_ids else None
        return {i for i, r in t.rows.items()
                if (docs is None or r.doc_id in docs) and (not section_prefix or r.section.startswith(section_prefix))}

    def dense(self, qvec: np.ndarray, n: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        """Top n (id, cosine similarity) among live (and allowed) chunks."""
        t = self.live()
        total = self.collection.count()
        if total == 0 or n <= 0 or (allow is not None and not allow):
            return []
        docs = sorted({t.rows[i].doc_id for i in allow}) if allow is not None else None
        fetch = n + 10 if allow is None else max(n + 10, 4 * n)
        request = dict(query_embeddings=np.asarray(qvec, dtype=np.float32).reshape(1, -1), n_results=min(total, fetch),
                       where={"doc_id": {"$in": docs}} if docs else None, include=["distances"])
        try:
            res = self.collection.query(**request)
        except ChromaError:  # a crash left the vector index behind its records: rebuild once, retry
            self.rebuild_vectors()
            t = self.live()
            res = self.collection.query(**request)
        out = [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])
               if i in t.rows and (allow is None or i in allow)]
        return out[:n]

    def lexical(self, query: str | Sequence[str], n: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        return self.live().lexical.search(query, n, allow)

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors of chunks (embedded again if a crash left the vector index behind)."""
        rows = self.live().rows
        try:
            got = self.collection.get(ids=list(ids), include=["embeddings"])
            stored = dict(zip(got["ids"], got["embeddings"]))
            return np.asarray([stored[i] for i in ids], dtype=np.float32)
        except (ChromaError, KeyError):
            return self.embedder.embed_passages([embedding_text(rows[i].section, rows[i].text) for i in ids])

    def hits(self, fused: Sequence[tuple[str, float]], sims: dict[str, float], qvec: np.ndarray) -> list[Hit]:
        """Hits for fused (id, score) pairs, from one snapshot of the live chunks; similarities not known from
        the dense list come from the stored vectors. An id a writer retired meanwhile is skipped."""
        rows = self.live().rows
        fused = [(i, s) for i, s in fused if i in rows]
        sims = dict(sims)
        missing = [i for i, _ in fused if i not in sims]
        if missing:
            sims.update(zip(missing, (self.vectors(missing) @ qvec).tolist()))
        out = []
        for cid, score in fused:
            r = rows[cid]
            out.append(Hit(doc_id=r.doc_id, name=r.name, title=r.title, section=r.section, index=r.index,
                           start=r.start, end=r.end, text=r.text, score=score, dense=float(sims[cid]), chunk_id=cid))
        return out

    def neighbours(self, cid: str) -> tuple[str | None, str | None]:
        """The chunks before and after one, in the same document."""
        t = self.live()
        order = t.by_doc.get(t.rows[cid].doc_id, [])
        pos = t.rows[cid].index
        ids = {t.rows[i].index: i for i in order}
        return ids.get(pos - 1), ids.get(pos + 1)

    def search(self, query: str, k: int, doc_ids: Sequence[str] | None = None,
               section_prefix: str | None = None) -> list[Hit]:
        """Plain hybrid search: dense and BM25 candidates fused by weighted reciprocal rank."""
        allow = self.select(doc_ids, section_prefix)
        qvec = self.embedder.embed_queries([query])[0]
        dense = self.dense(qvec, CANDIDATES, allow)
        lexical = self.lexical(query, CANDIDATES, allow)
        fused = rrf([(DENSE_WEIGHT, [i for i, _ in dense]), (LEXICAL_WEIGHT, [i for i, _ in lexical])])[:k]
        return self.hits(fused, dict(dense), qvec)
