"""The knowledge base, one facade over the store: chunk vectors in Chroma plus the registry that says which
version of each document is live. Each job lives in its own module; this class opens the store lazily and
hands each job the open store:

- `writes.py`: the write protocol (begin, commit, discard, remove);
- `repair.py`: crash repair and garbage collection;
- `live.py`: the live snapshot (live chunk rows, BM25, heading map) per process;
- `query.py`: the query primitives over a snapshot, and `Hit`.
Files reach it through `vectordb.pipeline`, the one write path.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
from chromadb.errors import ChromaError

from ingest.models import Chunk, SourceDocument, embedding_text
from vectordb import query, repair, writes
from vectordb.chroma_store import StoreConfig, open_client, open_collection
from vectordb.embeddings import Embedder
from vectordb.live import ChunkRow, LiveCache, LiveTable, live_key
from vectordb.query import Hit
from vectordb.registry import DocRecord, Registry, Version
from vectordb.writes import chunk_id

__all__ = ["ChunkRow", "Hit", "Index", "LiveTable", "Version", "chunk_id", "live_key"]

TEXT_CACHE = 64  # document texts kept for citation offsets


class Index:
    def __init__(self, store: StoreConfig, home: Path, embedder: Embedder, cache_dir: Path | None = None):
        self.embedder = embedder
        self._store_cfg = store
        self._client = None
        self._col = None
        self._registry: Registry | None = None
        self._marker = repair.WriteMarker(home / "write-in-progress", enabled=not store.url)
        self._live = LiveCache(home / "lexical", str(cache_dir) if cache_dir else None)
        self._texts: dict[tuple[str, str], str | None] = {}
        self._pinned = threading.local()

    # --- the store, opened on first use ----------------------------------
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

    # --- writing (writes.py) ----------------------------------------------
    def add_chunks(self, doc: SourceDocument, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Write part of a new version's chunks; they stay invisible until committed."""
        writes.add_chunks(self, doc, chunks, vectors)

    def commit(self, versions: Sequence[Version]) -> None:
        """Switch the registry to the new versions, then drop their old versions' chunks."""
        writes.commit(self, versions)

    def put_many(self, items: Sequence[tuple[SourceDocument, Sequence[Chunk], np.ndarray]]) -> None:
        """Whole documents, written together (few large writes) and made live together."""
        writes.put_many(self, items)

    def discard(self, doc: SourceDocument) -> None:
        """Drop the chunks of a version whose write failed (unless that version is live)."""
        writes.discard(self, doc)

    def remove(self, doc_id: str) -> bool:
        return writes.remove(self, doc_id)

    # --- repair (repair.py) -----------------------------------------------
    def begin_writes(self) -> None:
        self._marker.set()

    def end_writes(self) -> None:
        self._marker.clear()

    def collect_garbage(self) -> int:
        """Repair what an interrupted ingest left (run at every ingest): stale chunks are deleted, a live
        document missing chunks is dropped, and a vector index that no longer answers is rebuilt."""
        if self._marker.exists() and not repair.queryable(self.collection, self.embedder.dimension):
            self.rebuild_vectors()
        return repair.collect_garbage(self)

    def rebuild_vectors(self) -> None:
        self._col = repair.rebuilt_collection(self._store_cfg, self.embedder, self.collection)
        self._live.reset()

    # --- reading (live.py, query.py) --------------------------------------
    def warm(self) -> None:
        """Start loading the embedding model in the background once the store has said how it was built (fp32 or
        int8), so that a new process reads its live snapshot meanwhile."""
        _ = self.collection
        self.embedder.preload()

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
        """The live chunks, refreshed when any process changed the live set (inside `pinned`, the pinned ones)."""
        pinned = getattr(self._pinned, "table", None)
        return pinned if pinned is not None else self._live.get(self)

    @contextmanager
    def pinned(self) -> Iterator[LiveTable]:
        """One live snapshot for every read inside, on this thread: one generation check per question instead of
        one per read, and every stage of it sees the same documents."""
        outer = getattr(self._pinned, "table", None)
        self._pinned.table = outer or self._live.get(self)
        try:
            yield self._pinned.table
        finally:
            self._pinned.table = outer

    def select(self, doc_ids: Sequence[str] | None = None, section_prefix: str | None = None) -> set[str] | None:
        """Ids allowed by the filters (None: no filter)."""
        if not doc_ids and not section_prefix:
            return None
        return query.select(self.live(), doc_ids, section_prefix)

    def under_headings(self, refs: Sequence[str], n: int, allow: set[str] | None = None) -> list[str]:
        """The first n ids of live chunks under a heading numbered as one of refs ("第三章"), in reading order."""
        return query.under_headings(self.live(), refs, n, allow)

    def dense(self, qvec: np.ndarray, n: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        """Top n (id, cosine similarity) among live (and allowed) chunks."""
        t = self.live()
        request = query.dense_request(t, self.collection.count(), qvec, n, allow)
        if request is None:
            return []
        try:
            res = self.collection.query(**request)
        except ChromaError:  # a crash left the vector index behind its records: rebuild once, retry
            self.rebuild_vectors()
            t = self.live()
            res = self.collection.query(**request)
        return query.dense_results(t, res, n, allow)

    def lexical(self, query: str | Sequence[str], n: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        return self.live().lexical.search(query, n, allow)  # (the parameter hides the module here only)

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
        """Hits for fused (id, score) pairs, from one snapshot of the live chunks (see query.hits)."""
        return query.hits(self.live(), fused, sims, qvec, self.vectors)

    def neighbours(self, cid: str) -> tuple[str | None, str | None]:
        """The chunks before and after one, in the same document."""
        return query.neighbours(self.live(), cid)
