"""The document registry: which version of each document is live, and its cleaned text.

It is a second collection in the same Chroma store as the chunks (`<collection>-documents`), so every
process that uses the store, an embedded folder or a Chroma server, sees the same live versions.
A document's chunks become visible only when its record points at their content hash, so an
interrupted ingest never exposes a half-written document. Every change also stamps a new generation,
which readers compare (one small read) to know when their derived tables are stale.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Protocol, Sequence

from ingest.models import Chunk, SourceDocument
from vectordb.chroma_store import iter_records

GENERATION_ID = "~generation"
PENDING_TTL = 900.0  # seconds without a heartbeat after which an unfinished write counts as dead
_PAGE = 2000
_DUMMY = [1.0]  # registry records are looked up by id and metadata, never by vector


@dataclass(frozen=True)
class DocRecord:
    doc_id: str
    name: str
    path: str
    title: str
    sha256: str
    encoding: str
    fmt: str
    n_chunks: int
    n_tokens: int
    sections: int
    ingested_at: float


_FIELDS = tuple(DocRecord.__dataclass_fields__)


@dataclass(frozen=True)
class Version:
    """A document version as the registry records it when it goes live."""

    doc: SourceDocument
    chunks: int
    tokens: int
    sections: int

    @classmethod
    def of(cls, doc: SourceDocument, chunks: Sequence[Chunk]) -> Version:
        return cls(doc, len(chunks), sum(c.tokens for c in chunks), len({c.section_path for c in chunks}))

    @property
    def key(self) -> tuple[str, str]:
        """(doc_id, sha256): how pending marks and chunk records name a version."""
        return self.doc.doc_id, self.doc.sha256


def registry_name(collection: str) -> str:
    return f"{collection}-documents"


class Registry:
    def __init__(self, client, collection: str):
        # No embedding function: Chroma's default would download a model on first use. A tiny sync threshold:
        # Chroma re-reads unsynced log entries on every call, and these carry whole document texts.
        self._col = client.get_or_create_collection(registry_name(collection), embedding_function=None,
                                                    configuration={"hnsw": {"sync_threshold": 2, "batch_size": 2}})

    # --- writing -------------------------------------------------------
    def put_many(self, versions: Sequence[Version]) -> None:
        """Make versions live; one write, with a new generation."""
        now = time.time()
        metas = [{"kind": "doc", "doc_id": v.doc.doc_id, "name": v.doc.name, "path": v.doc.path, "title": v.doc.title,
                  "sha256": v.doc.sha256, "encoding": v.doc.encoding, "fmt": v.doc.fmt, "n_chunks": v.chunks,
                  "n_tokens": v.tokens, "sections": v.sections, "ingested_at": now,
                  "source_map": json.dumps(v.doc.source_map)}
                 for v in versions]
        self._col.upsert(ids=[v.doc.doc_id for v in versions] + [GENERATION_ID], embeddings=[_DUMMY] * (len(versions) + 1),
                         documents=[v.doc.text for v in versions] + [""], metadatas=metas + [_generation()])

    def remove(self, doc_id: str) -> bool:
        found = bool(self._col.get(ids=[doc_id], include=[])["ids"])
        self._col.delete(ids=[doc_id])
        self._col.upsert(ids=[GENERATION_ID], embeddings=[_DUMMY], metadatas=[_generation()])
        return found

    def begin(self, versions: Sequence[tuple[str, str]]) -> None:
        """Mark (doc_id, sha) versions as being written (again, as a heartbeat), so that another process's
        garbage collection leaves their chunks alone while they are not yet live."""
        meta = {"kind": "pending", "at": time.time(), "host": socket.gethostname(), "pid": os.getpid()}
        self._col.upsert(ids=[_pending_id(d, s) for d, s in versions], embeddings=[_DUMMY] * len(versions),
                         metadatas=[dict(meta, doc_id=d, sha256=s) for d, s in versions])

    def end(self, versions: Sequence[tuple[str, str]]) -> None:
        self._col.delete(ids=[_pending_id(d, s) for d, s in versions])

    # --- reading -------------------------------------------------------
    def generation(self) -> str:
        got = self._col.get(ids=[GENERATION_ID], include=["metadatas"])
        return got["metadatas"][0]["value"] if got["ids"] else ""

    def _records(self, where: dict, include: list[str]):
        return iter_records(self._col, include, where, page=_PAGE)

    def get(self, doc_id: str) -> DocRecord | None:
        got = self._col.get(ids=[doc_id], include=["metadatas"])
        return _record(got["metadatas"][0]) if got["ids"] else None

    def all(self) -> list[DocRecord]:
        recs = [_record(m) for _i, m, _d in self._records({"kind": "doc"}, ["metadatas"])]
        return sorted(recs, key=lambda r: (r.name, r.path))

    def text(self, doc_id: str) -> str | None:
        got = self._col.get(ids=[doc_id], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def texts(self) -> dict[str, str]:
        """Every document's cleaned text, by id, in pages."""
        return {i: d or "" for i, _m, d in self._records({"kind": "doc"}, ["documents"])}

    def with_sha(self, sha256: str) -> list[DocRecord]:
        return [_record(m) for _i, m, _d in self._records({"$and": [{"kind": "doc"}, {"sha256": sha256}]}, ["metadatas"])]

    def live_versions(self) -> dict[str, str]:
        return {d: sha for d, (sha, _n) in self.live_chunks().items()}

    def live_chunks(self) -> dict[str, tuple[str, int]]:
        """doc_id → (live sha256, its number of chunks)."""
        return {m["doc_id"]: (m["sha256"], int(m["n_chunks"])) for _i, m, _d in self._records({"kind": "doc"}, ["metadatas"])}

    def pending_versions(self, ttl: float = PENDING_TTL) -> tuple[set[tuple[str, str]], list[tuple[str, str]]]:
        """(versions a writer is still writing, marks to clear). A mark is cleared once its version is live,
        its heartbeat is older than ttl seconds, or its writer on this machine has exited."""
        now, host, live = time.time(), socket.gethostname(), self.live_versions()
        active, done = set(), []
        for _i, m, _d in self._records({"kind": "pending"}, ["metadatas"]):
            version = (m["doc_id"], m["sha256"])
            alive = now - float(m["at"]) < ttl and (m.get("host") != host or _running(int(m.get("pid", 0))))
            if alive and live.get(version[0]) != version[1]:
                active.add(version)
            else:
                done.append(version)
        return active, done


def _generation() -> dict:
    return {"kind": "generation", "value": uuid.uuid4().hex}


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        pass
    return pid > 0


def _pending_id(doc_id: str, sha256: str) -> str:
    return f"~pending:{doc_id}:{sha256[:16]}"


def _record(meta: dict) -> DocRecord:
    return DocRecord(**{f: meta[f] for f in _FIELDS})


class Store(Protocol):
    """The open store as the write protocol, the repair and the live snapshot use it (an `Index`): both
    properties open lazily, so a step that never needs the chunk collection never opens it."""

    @property
    def collection(self): ...

    @property
    def registry(self) -> Registry: ...
