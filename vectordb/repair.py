"""Crash repair and garbage collection: what a killed or failed writer leaves behind is cleaned up by the
next ingest, without disturbing writers that are still alive."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from chromadb.errors import ChromaError

from ingest.models import embedding_text
from vectordb import writes
from vectordb.chroma_store import StoreConfig, iter_records, recreate_collection
from vectordb.embeddings import Embedder
from vectordb.live import READ_PAGE
from vectordb.registry import Store


class WriteMarker:
    """A file present while a write is under way: found at start, it means the last writer was killed
    (an embedded store only: a server guards its own files)."""

    def __init__(self, path: Path, enabled: bool = True):
        self.path = path
        self.enabled = enabled

    def set(self) -> None:
        if self.enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def exists(self) -> bool:
        return self.path.exists()


def collect_garbage(store: Store) -> int:
    """Chunks of versions that are neither live nor being written by another process are deleted, and a live
    document missing chunks is dropped from the registry (so it is ingested again). Returns the chunks deleted."""
    pending, finished = store.registry.pending_versions()
    if finished:
        store.registry.end(finished)
    # Read after the pending marks: a version committed in between is then live, not mistaken for stale.
    live = store.registry.live_versions()
    stale, counts = [], {}
    for i, m, _d in iter_records(store.collection, ["metadatas"], page=READ_PAGE):  # deletes wait for the paging
        version = (m.get("doc_id"), m.get("sha"))
        if live.get(version[0]) == version[1]:
            counts[version[0]] = counts.get(version[0], 0) + 1
        elif version not in pending:
            stale.append(i)
    for i in range(0, len(stale), writes.ADD_BATCH):
        store.collection.delete(ids=stale[i : i + writes.ADD_BATCH])
    for rec in store.registry.all():
        if counts.get(rec.doc_id, 0) != rec.n_chunks and _incomplete(store, rec.doc_id):
            writes.remove(store, rec.doc_id)
    return len(stale)


def _incomplete(store: Store, doc_id: str) -> bool:
    """Checked again with fresh reads: another writer may have switched versions meanwhile."""
    rec = store.registry.get(doc_id)
    if rec is None:
        return False
    got = store.collection.get(where={"$and": [{"doc_id": doc_id}, {"sha": rec.sha256}]}, include=[])
    return len(got["ids"]) != rec.n_chunks


def queryable(collection, dimension: int) -> bool:
    """Whether the vector index answers (a kill mid-write can leave it behind its records)."""
    try:
        n = collection.count()
        if n:
            collection.query(query_embeddings=np.ones((1, dimension), dtype=np.float32), n_results=min(n, 100),
                             include=[])
    except ChromaError:
        return False
    return True


def rebuilt_collection(cfg: StoreConfig, embedder: Embedder, collection):
    """The collection recreated from its stored records (texts embedded again if the vectors are unreadable)."""
    try:
        records = collection.get(include=["embeddings", "documents", "metadatas"])
    except ChromaError:  # vectors unreadable: embed the stored texts again
        records = collection.get(include=["documents", "metadatas"])
        texts = [embedding_text(m['section'], d) for d, m in zip(records["documents"], records["metadatas"])]
        records["embeddings"] = embedder.embed_passages(texts) if texts else []
    return recreate_collection(cfg, embedder, records)
