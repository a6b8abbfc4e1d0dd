"""The knowledge base: chunk vectors in Chroma plus the registry that says which version is live."""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from chromadb.errors import ChromaError

from ingest.models import SECTION_SEP, Chunk, SourceDocument, embedding_text
from vectordb.chroma_store import (
    StoreConfig,
    iter_records,
    open_client,
    open_collection,
    recreate_collection,
)
from vectordb.embeddings import Embedder
from vectordb.fusion import rrf
from vectordb.lexical import LexicalIndex
from vectordb.registry import DocRecord, Registry

ADD_BATCH = 1000  # well under Chroma's max_batch_size
READ_PAGE = 5000  # records per read of the whole store
TEXT_CACHE = 64  # document texts kept for citation offsets
HEADING_REF = re.compile(r"第[一二三四五六七八九十百零〇两\d]+[篇章节]")  # how questions name a part or chapter
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
    generation: str = ""
    versions: dict[str, str] = field(default_factory=dict)  # doc_id → live sha
    headings: dict[str, list[str]] | None = None  # "第三章" → ids under it, in reading order (built on demand)


def _live_rows(records, live: dict[str, str]):
    for i, m, d in records:
        if live.get(m.get("doc_id")) == m.get("sha"):
            yield i, ChunkRow(i, m["doc_id"], m["name"], m["title"], m["section"], int(m["index"]),
                              int(m["start"]), int(m["end"]), d)


def _chunk_meta(doc: SourceDocument, c: Chunk) -> dict:
    return {"doc_id": doc.doc_id, "sha": doc.sha256, "name": c.name, "title": c.title, "section": c.section,
            "section_path": json.dumps(c.section_path, ensure_ascii=False), "level": c.level,
            "index": c.index, "start": c.start, "end": c.end, "tokens": c.tokens, "hash": c.content_hash}


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


def version_entry(doc: SourceDocument, chunks: Sequence[Chunk]) -> tuple[SourceDocument, int, int, int]:
    """What the registry records of a version: (document, chunks, tokens, sections)."""
    return doc, len(chunks), sum(c.tokens for c in chunks), len({c.section_path for c in chunks})


def chunk_id(doc: SourceDocument, index: int) -> str:
    return f"{doc.doc_id}:{doc.sha256[:16]}:{index}"


class Index:
    def __init__(self, store: StoreConfig, home: Path, embedder: Embedder, cache_dir: Path | None = None):
        self.embedder = embedder
        self._store_cfg = store
        self._client = None
        self._col = None
        self._registry: Registry | None = None
        self._cache_dir = str(cache_dir) if cache_dir else None
        # Present while a write is under way: found at start, it means the last writer was killed.
        self._dirty = home / "write-in-progress"
        self._lexical_dir = home / "lexical"
        self._table: LiveTable | None = None
        self._texts: dict[tuple[str, str], str | None] = {}

    @property
    def client(self):
        if self._client is None:
            self._client = open_client(self._store_cfg)
        return self._client

    @property
    def collection(self):
        if self._col is None:
            self._col = open_collection(self._store_cfg, self.embedder, self.client)
        return self._col

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry(self.client, self._store_cfg.collection)
        return self._registry

    # --- writing -------------------------------------------------------
    def add_chunks(self, doc: SourceDocument, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Write part of a new version's chunks; they stay invisible until committed."""
        self.registry.begin([(doc.doc_id, doc.sha256)])  # also the heartbeat of a long write
        self._upsert([(doc, c) for c in chunks], vectors)

    def _upsert(self, pairs: Sequence[tuple[SourceDocument, Chunk]], vectors: np.ndarray) -> None:
        for i in range(0, len(pairs), ADD_BATCH):
            part = pairs[i : i + ADD_BATCH]
            self.collection.upsert(
                ids=[chunk_id(d, c.index) for d, c in part], embeddings=vectors[i : i + ADD_BATCH],
                documents=[c.text for _, c in part], metadatas=[_chunk_meta(d, c) for d, c in part],
            )

    def commit(self, entries: Sequence[tuple[SourceDocument, int, int, int]]) -> None:
        """Switch the registry to the new versions, (document, chunks, tokens, sections) each, then drop
        their old versions' chunks."""
        self.registry.put_many(entries)
        self.registry.end([(d.doc_id, d.sha256) for d, *_ in entries])
        old = [{"$and": [{"doc_id": d.doc_id}, {"sha": {"$ne": d.sha256}}]} for d, *_ in entries]
        self.collection.delete(where=old[0] if len(old) == 1 else {"$or": old})

    def put_many(self, items: Sequence[tuple[SourceDocument, Sequence[Chunk], np.ndarray]]) -> None:
        """Whole documents, written together (few large writes) and made live together."""
        if not items:
            return
        self.registry.begin([(d.doc_id, d.sha256) for d, _, _ in items])
        self._upsert([(d, c) for d, chunks, _ in items for c in chunks], np.concatenate([v for _, _, v in items]))
        self.commit([version_entry(d, chunks) for d, chunks, _ in items])

    def discard(self, doc: SourceDocument) -> None:
        """Drop the chunks of a version whose write failed (unless that version is live)."""
        try:
            live = self.registry.get(doc.doc_id)
            if live is None or live.sha256 != doc.sha256:
                self.collection.delete(where={"$and": [{"doc_id": doc.doc_id}, {"sha": doc.sha256}]})
            self.registry.end([(doc.doc_id, doc.sha256)])
        except Exception:  # noqa: BLE001 - the store is unreachable: garbage collection cleans up later
            pass

    def remove(self, doc_id: str) -> bool:
        found = self.registry.remove(doc_id)
        self.collection.delete(where={"doc_id": doc_id})
        return found

    def collect_garbage(self) -> int:
        """Repair what an interrupted ingest left: chunks of versions that are neither live nor being
        written by another process are deleted, a live document missing chunks is dropped from the
        registry (so it is ingested again), and a vector index that no longer answers is rebuilt."""
        if self._dirty.exists():
            self._ensure_queryable()
        pending, finished = self.registry.pending_versions()
        if finished:
            self.registry.end(finished)
        # Read after the pending marks: a version committed in between is then live, not mistaken for stale.
        live = self.registry.live_versions()
        stale, counts = [], {}
        for i, m, _d in iter_records(self.collection, ["metadatas"], page=READ_PAGE):  # deletes wait for the paging
            version = (m.get("doc_id"), m.get("sha"))
            if live.get(version[0]) == version[1]:
                counts[version[0]] = counts.get(version[0], 0) + 1
            elif version not in pending:
                stale.append(i)
        for i in range(0, len(stale), ADD_BATCH):
            self.collection.delete(ids=stale[i : i + ADD_BATCH])
        for rec in self.registry.all():
            if counts.get(rec.doc_id, 0) != rec.n_chunks and self._incomplete(rec.doc_id):
                self.remove(rec.doc_id)
        return len(stale)

    def _incomplete(self, doc_id: str) -> bool:
        """Checked again with fresh reads: another writer may have switched versions meanwhile."""
        rec = self.registry.get(doc_id)
        if rec is None:
            return False
        got = self.collection.get(where={"$and": [{"doc_id": doc_id}, {"sha": rec.sha256}]}, include=[])
        return len(got["ids"]) != rec.n_chunks

    def begin_writes(self) -> None:
        if not self._store_cfg.url:  # a server guards its own files
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

    def text(self, doc_id: str) -> str | None:
        """A live document's cleaned text (cached per version)."""
        rec = self.registry.get(doc_id)
        if rec is None:
            return None
        if (doc_id, rec.sha256) not in self._texts:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            self._texts[(doc_id, rec.sha256)] = self.registry.text(doc_id)
        return self._texts[(doc_id, rec.sha256)]

    def live(self) -> LiveTable:
        """The live chunks. One small read per call tells whether any process changed the live set;
        if so, only the changed documents' chunks are read again, and BM25 is rebuilt (or loaded)."""
        generation = self.registry.generation()
        old = self._table
        if old is not None and old.generation == generation:
            return old
        live = self.registry.live_versions()
        key = live_key(live)
        if old is not None and old.key == key:
            old.generation = generation
            return old
        rows: dict[str, ChunkRow] = {}
        if old is not None:
            rows = {i: r for i, r in old.rows.items() if live.get(r.doc_id) == old.versions.get(r.doc_id)}
            changed = sorted(d for d, v in live.items() if old.versions.get(d) != v)
            for n in range(0, len(changed), 200):
                got = self.collection.get(where={"doc_id": {"$in": changed[n : n + 200]}},
                                          include=["documents", "metadatas"])
                rows.update(_live_rows(zip(got["ids"], got["metadatas"], got["documents"]), live))
        else:
            rows = dict(_live_rows(iter_records(self.collection, ["metadatas", "documents"], page=READ_PAGE), live))
        by_doc: dict[str, list[str]] = {}
        for r in sorted(rows.values(), key=lambda r: (r.doc_id, r.index)):
            by_doc.setdefault(r.doc_id, []).append(r.id)
        self._table = LiveTable(key, rows, by_doc, self._lexical(key, rows, old), generation, live)
        return self._table

    def _lexical(self, key: str, rows: dict[str, ChunkRow], old: LiveTable | None) -> LexicalIndex:
        folder = self._lexical_dir / key
        lexical = LexicalIndex.load(folder, self._cache_dir)
        if lexical is not None and set(lexical.ids) == rows.keys():
            return lexical
        ids = list(rows)
        known = old.lexical.token_map() if old is not None else {}
        lexical = LexicalIndex(ids, [embedding_text(rows[i].section, rows[i].text) for i in ids], self._cache_dir,
                               known_tokens=known)
        try:
            lexical.save(folder)
            for stale in self._lexical_dir.iterdir():
                if stale.name != key and not stale.name.startswith("."):
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass  # a read-only home still answers; it rebuilds next time
        return lexical

    def select(self, doc_ids: Sequence[str] | None = None, section_prefix: str | None = None) -> set[str] | None:
        """Ids allowed by the filters (None: no filter)."""
        if not doc_ids and not section_prefix:
            return None
        t = self.live()
        docs = set(doc_ids) if doc_ids else None
        return {i for i, r in t.rows.items()
                if (docs is None or r.doc_id in docs) and (not section_prefix or r.section.startswith(section_prefix))}

    def under_headings(self, refs: Sequence[str], n: int, allow: set[str] | None = None) -> list[str]:
        """The first n ids of live chunks under a heading numbered as one of refs ("第三章"), in reading order."""
        t = self.live()
        if t.headings is None:
            heads: dict[str, list[str]] = {}
            for ids in t.by_doc.values():
                for cid in ids:
                    for ref in {m.group() for p in t.rows[cid].section.split(SECTION_SEP) if (m := HEADING_REF.match(p))}:
                        heads.setdefault(ref, []).append(cid)
            t.headings = heads
        order = heapq.merge(*(t.headings.get(r, ()) for r in dict.fromkeys(refs)),
                            key=lambda cid: (t.rows[cid].doc_id, t.rows[cid].index))
        out: list[str] = []
        for cid in order:
            if (allow is None or cid in allow) and (not out or out[-1] != cid):  # merged lists repeat adjacently
                out.append(cid)
                if len(out) >= n:
                    break
        return out

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
