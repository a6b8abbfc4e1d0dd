"""The document registry (SQLite): which version of each document is live, and its cleaned text.

A document's chunks become visible only when its registry row points at their
content hash, so an interrupted ingest never exposes a half-written document.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.models import SourceDocument

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    sha256 TEXT NOT NULL, encoding TEXT NOT NULL, fmt TEXT NOT NULL,
    n_chunks INTEGER NOT NULL, n_tokens INTEGER NOT NULL, sections INTEGER NOT NULL,
    ingested_at REAL NOT NULL, text TEXT NOT NULL, source_map TEXT NOT NULL DEFAULT '[]'
)
"""


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


_COLS = "doc_id, name, path, title, sha256, encoding, fmt, n_chunks, n_tokens, sections, ingested_at"


class Registry:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        cols = {r[1] for r in self._db.execute("PRAGMA table_info(documents)")}
        if "source_map" not in cols:  # registries written before source maps existed
            self._db.execute("ALTER TABLE documents ADD COLUMN source_map TEXT NOT NULL DEFAULT '[]'")
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def put(self, doc: SourceDocument, n_chunks: int, n_tokens: int, sections: int) -> None:
        with self._db:
            self._db.execute(
                f"INSERT OR REPLACE INTO documents ({_COLS}, text, source_map) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.name, doc.path, doc.title, doc.sha256, doc.encoding, doc.fmt,
                 n_chunks, n_tokens, sections, time.time(), doc.text, json.dumps(doc.source_map)),
            )

    def remove(self, doc_id: str) -> bool:
        with self._db:
            return self._db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount > 0

    def get(self, doc_id: str) -> DocRecord | None:
        row = self._db.execute(f"SELECT {_COLS} FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return DocRecord(*row) if row else None

    def all(self) -> list[DocRecord]:
        rows = self._db.execute(f"SELECT {_COLS} FROM documents ORDER BY name, path").fetchall()
        return [DocRecord(*r) for r in rows]

    def text(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def with_sha(self, sha256: str) -> list[DocRecord]:
        rows = self._db.execute(f"SELECT {_COLS} FROM documents WHERE sha256 = ?", (sha256,)).fetchall()
        return [DocRecord(*r) for r in rows]

    def live_versions(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT doc_id, sha256 FROM documents").fetchall())
