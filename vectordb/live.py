"""The live snapshot: the chunks of the registry's live versions, their BM25 index and heading map, kept
per process for one fingerprint of the live versions and refreshed only for the documents that changed."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ingest.models import embedding_text
from ingest.zh import HEADING_REF, SECTION_SEP
from vectordb.chroma_store import iter_records
from vectordb.lexical import LexicalIndex
from vectordb.registry import Store

READ_PAGE = 5000  # records per read of the whole store
_CHANGED_PAGE = 200  # documents per read of changed chunks


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

    def heading_map(self) -> dict[str, list[str]]:
        """Heading reference ("第三章") → ids of the chunks under it, in reading order."""
        if self.headings is None:
            heads: dict[str, list[str]] = {}
            for ids in self.by_doc.values():
                for cid in ids:
                    parts = self.rows[cid].section.split(SECTION_SEP)
                    for ref in {m.group() for p in parts if (m := HEADING_REF.match(p))}:
                        heads.setdefault(ref, []).append(cid)
            self.headings = heads
        return self.headings


def live_key(live: dict[str, str]) -> str:
    return hashlib.sha1("".join(f"{d}:{v}\n" for d, v in sorted(live.items())).encode()).hexdigest()[:20]


def _live_rows(records, live: dict[str, str]):
    for i, m, d in records:
        if live.get(m.get("doc_id")) == m.get("sha"):
            yield i, ChunkRow(i, m["doc_id"], m["name"], m["title"], m["section"], int(m["index"]),
                              int(m["start"]), int(m["end"]), d)


class LiveCache:
    """This process's LiveTable. BM25 is saved under `<lexical_dir>/<fingerprint>`, so a new process with the
    same live set loads it instead of tokenising."""

    def __init__(self, lexical_dir: Path, cache_dir: str | None = None):
        self._lexical_dir = lexical_dir
        self._cache_dir = cache_dir
        self._table: LiveTable | None = None

    def reset(self) -> None:
        self._table = None

    def get(self, store: Store) -> LiveTable:
        """One small read per call tells whether any process changed the live set; if so, only the changed
        documents' chunks are read again, and BM25 is rebuilt (or loaded)."""
        generation = store.registry.generation()
        old = self._table
        if old is not None and old.generation == generation:
            return old
        live = store.registry.live_versions()
        key = live_key(live)
        if old is not None and old.key == key:
            old.generation = generation
            return old
        rows: dict[str, ChunkRow] = {}
        if old is not None:
            rows = {i: r for i, r in old.rows.items() if live.get(r.doc_id) == old.versions.get(r.doc_id)}
            changed = sorted(d for d, v in live.items() if old.versions.get(d) != v)
            for n in range(0, len(changed), _CHANGED_PAGE):
                got = store.collection.get(where={"doc_id": {"$in": changed[n : n + _CHANGED_PAGE]}},
                                           include=["documents", "metadatas"])
                rows.update(_live_rows(zip(got["ids"], got["metadatas"], got["documents"]), live))
        else:
            rows = dict(_live_rows(iter_records(store.collection, ["metadatas", "documents"], page=READ_PAGE), live))
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
