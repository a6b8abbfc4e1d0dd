"""The write protocol that keeps readers from ever seeing half a document.

A writer marks its versions pending in the registry (`begin`), writes their chunks (ids carry the content
hash), switches the registry records to them (`commit`), then deletes the old versions' chunks. Readers only
return chunks of live versions; a failed write is `discard`ed, and what a killed writer left is collected by
`vectordb.repair`.
"""

from __future__ import annotations

import json
from typing import Sequence

import numpy as np

from ingest.models import Chunk, SourceDocument
from vectordb.registry import Store, Version

ADD_BATCH = 1000  # well under Chroma's max_batch_size


def chunk_id(doc: SourceDocument, index: int) -> str:
    return version_chunk_id(doc.doc_id, doc.sha256, index)


def version_chunk_id(doc_id: str, sha256: str, index: int) -> str:
    """The id of a version's chunk: readers that know a version's chunk count fetch its chunks by id."""
    return f"{doc_id}:{sha256[:16]}:{index}"


def _chunk_meta(doc: SourceDocument, c: Chunk) -> dict:
    return {"doc_id": doc.doc_id, "sha": doc.sha256, "name": c.name, "title": c.title, "section": c.section,
            "section_path": json.dumps(c.section_path, ensure_ascii=False), "level": c.level,
            "index": c.index, "start": c.start, "end": c.end, "tokens": c.tokens, "hash": c.content_hash}


def upsert(store: Store, pairs: Sequence[tuple[SourceDocument, Chunk]], vectors: np.ndarray) -> None:
    for i in range(0, len(pairs), ADD_BATCH):
        part = pairs[i : i + ADD_BATCH]
        store.collection.upsert(
            ids=[chunk_id(d, c.index) for d, c in part], embeddings=vectors[i : i + ADD_BATCH],
            documents=[c.text for _, c in part], metadatas=[_chunk_meta(d, c) for d, c in part],
        )


def add_chunks(store: Store, doc: SourceDocument, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
    """Write part of a new version's chunks; they stay invisible until committed."""
    store.registry.begin([(doc.doc_id, doc.sha256)])  # also the heartbeat of a long write
    upsert(store, [(doc, c) for c in chunks], vectors)


def commit(store: Store, versions: Sequence[Version]) -> None:
    """Switch the registry to the new versions, then drop their old versions' chunks."""
    store.registry.put_many(versions)
    store.registry.end([v.key for v in versions])
    old = [{"$and": [{"doc_id": v.doc.doc_id}, {"sha": {"$ne": v.doc.sha256}}]} for v in versions]
    store.collection.delete(where=old[0] if len(old) == 1 else {"$or": old})


def put_many(store: Store, items: Sequence[tuple[SourceDocument, Sequence[Chunk], np.ndarray]]) -> None:
    """Whole documents, written together (few large writes) and made live together."""
    if not items:
        return
    store.registry.begin([(d.doc_id, d.sha256) for d, _, _ in items])
    upsert(store, [(d, c) for d, chunks, _ in items for c in chunks], np.concatenate([v for _, _, v in items]))
    commit(store, [Version.of(d, chunks) for d, chunks, _ in items])


def discard(store: Store, doc: SourceDocument) -> None:
    """Drop the chunks of a version whose write failed (unless that version is live)."""
    try:
        live = store.registry.get(doc.doc_id)
        if live is None or live.sha256 != doc.sha256:
            store.collection.delete(where={"$and": [{"doc_id": doc.doc_id}, {"sha": doc.sha256}]})
        store.registry.end([(doc.doc_id, doc.sha256)])
    except Exception:  # noqa: BLE001 - the store is unreachable: garbage collection cleans up later
        pass


def remove(store: Store, doc_id: str) -> bool:
    found = store.registry.remove(doc_id)
    store.collection.delete(where={"doc_id": doc_id})
    return found
