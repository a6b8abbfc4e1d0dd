"""The live snapshot: the chunks of the registry's live versions, their BM25 index and heading map, kept
per process for one fingerprint of the live versions and refreshed only for the documents that changed."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field, fields
from pathlib import Path

from ingest.models import embedding_text
from ingest.zh import HEADING_REF, SECTION_SEP
from vectordb.chroma_store import iter_records
from vectordb.lexical import LexicalIndex, atomic_folder
from vectordb.registry import Store
from vectordb.writes import version_chunk_id

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


def chunk_at(table, doc_id: str, offset: int) -> ChunkRow | None:
    """The live chunk of a document that holds a character offset of its cleaned text (None: no chunk does)."""
    for cid in table.by_doc.get(doc_id, ()):
        row = table.rows[cid]
        if row.start <= offset < row.end:
            return row
    return None


def live_key(live: dict[str, str]) -> str:
    return hashlib.sha1("".join(f"{d}:{v}\n" for d, v in sorted(live.items())).encode()).hexdigest()[:20]


def _live_rows(records, live: dict[str, str]):
    for i, m, d in records:
        if live.get(m.get("doc_id")) == m.get("sha"):
            yield i, ChunkRow(i, m["doc_id"], m["name"], m["title"], m["section"], int(m["index"]),
                              int(m["start"]), int(m["end"]), d)


class LiveCache:
    """This process's LiveTable. A snapshot of it (rows and BM25) is saved under `<lexical_dir>/<fingerprint>`:
    a new process loads the newest snapshot and reads only the documents that changed since; a process that
    sees another's ingest updates its table for the changed documents alone."""

    def __init__(self, lexical_dir: Path, cache_dir: str | None = None):
        self._lexical_dir = lexical_dir
        self._cache_dir = cache_dir
        self._table: LiveTable | None = None

    def reset(self) -> None:
        self._table = None

    def get(self, store: Store) -> LiveTable:
        """One small read per call tells whether any process changed the live set; if so, only the changed
        documents' chunks are read and tokenised."""
        generation = store.registry.generation()
        old = self._table
        if old is not None and old.generation == generation:
            return old
        snapshot = self._newest_snapshot() if old is None else None
        if snapshot is not None and snapshot.generation == generation:
            self._table = snapshot  # saved at this very generation: the live set has not changed since
            return snapshot
        chunks = store.registry.live_chunks()
        live = {d: sha for d, (sha, _n) in chunks.items()}
        key = live_key(live)
        if old is not None and old.key == key:
            old.generation = generation
            return old
        saved = old is None and (self._lexical_dir / key).is_dir()
        base = old or snapshot
        if base is None:
            rows = dict(_live_rows(iter_records(store.collection, ["metadatas", "documents"], page=READ_PAGE), live))
            table = _table(key, rows, LexicalIndex(list(rows), [_lexical_text(r) for r in rows.values()],
                                                   self._cache_dir), generation, live)
        else:
            table = _updated(base, store, key, generation, chunks)
        if not saved and (base is None or base is not old and _changed_share(base, live) > RESAVE_SHARE):
            self._save(table)
        self._table = table
        return table

    def _newest_snapshot(self) -> LiveTable | None:
        """The most recently saved table that loads."""
        try:
            found = sorted((p for p in self._lexical_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                           key=lambda p: -p.stat().st_mtime)
        except OSError:
            return None
        for folder in found:
            table = _load_snapshot(folder, self._cache_dir)
            if table is not None:
                return table
        return None

    def _save(self, table: LiveTable) -> None:
        try:
            atomic_folder(self._lexical_dir / table.key, lambda tmp: _write_snapshot(tmp, table))
            for stale in self._lexical_dir.iterdir():
                if stale.name != table.key and not stale.name.startswith("."):
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass  # a read-only home still answers; the next process reads the store again


RESAVE_SHARE = 0.05  # a new process saves its table when this share of documents changed since the snapshot
_COLUMNS = tuple(f.name for f in fields(ChunkRow))


def _lexical_text(row: ChunkRow) -> str:
    return embedding_text(row.section, row.text)


def _changed_share(base: LiveTable, live: dict[str, str]) -> float:
    changed = sum(base.versions.get(d) != v for d, v in live.items()) + sum(d not in live for d in base.versions)
    return changed / max(len(live), 1)


def _table(key, rows: dict[str, ChunkRow], lexical: LexicalIndex, generation: str, live: dict[str, str],
           by_doc: dict[str, list[str]] | None = None) -> LiveTable:
    if by_doc is None:
        by_doc = {}
        for r in sorted(rows.values(), key=lambda r: (r.doc_id, r.index)):
            by_doc.setdefault(r.doc_id, []).append(r.id)
    return LiveTable(key, rows, by_doc, lexical, generation, dict(live))


def _updated(base: LiveTable, store: Store, key: str, generation: str, chunks: dict[str, tuple[str, int]]) -> LiveTable:
    """`base` brought to the live versions: the changed documents' chunks read (by id) and tokenised, the rest
    kept."""
    live = {d: sha for d, (sha, _n) in chunks.items()}
    changed = sorted(d for d, v in live.items() if base.versions.get(d) != v)
    dropped = {d for d, v in base.versions.items() if live.get(d) != v}
    added: dict[str, ChunkRow] = {}
    for n in range(0, len(changed), _CHANGED_PAGE):
        docs = changed[n : n + _CHANGED_PAGE]
        ids = [version_chunk_id(d, chunks[d][0], i) for d in docs for i in range(chunks[d][1])]
        got = store.collection.get(ids=ids, include=["documents", "metadatas"])
        if len(got["ids"]) != len(ids):  # ids written another way: ask by document
            got = store.collection.get(where={"doc_id": {"$in": docs}}, include=["documents", "metadatas"])
        added.update(_live_rows(zip(got["ids"], got["metadatas"], got["documents"]), live))
    removed = [cid for d in dropped for cid in base.by_doc.get(d, ())]
    rows = dict(base.rows)
    for cid in removed:
        del rows[cid]
    rows.update(added)
    by_doc = {d: ids for d, ids in base.by_doc.items() if d not in dropped}
    for r in sorted(added.values(), key=lambda r: (r.doc_id, r.index)):
        by_doc.setdefault(r.doc_id, []).append(r.id)
    lexical = base.lexical.updated(removed, list(added), [_lexical_text(r) for r in added.values()])
    return _table(key, rows, lexical, generation, live, by_doc)


def _write_snapshot(folder: Path, table: LiveTable) -> None:
    table.lexical.write(folder)
    rows = list(table.rows.values())
    columns = {c: [getattr(r, c) for r in rows] for c in _COLUMNS}
    meta = {"format": SNAPSHOT_FORMAT, "key": table.key, "generation": table.generation, "versions": table.versions,
            "rows": columns}
    (folder / "rows.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


SNAPSHOT_FORMAT = 1


def _load_snapshot(folder: Path, cache_dir: str | None) -> LiveTable | None:
    try:
        meta = json.loads((folder / "rows.json").read_text(encoding="utf-8"))
        if meta.get("format") != SNAPSHOT_FORMAT:
            return None
        cols = meta["rows"]
        rows = {c[0]: ChunkRow(*c) for c in zip(*(cols[name] for name in _COLUMNS))}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    lexical = LexicalIndex.load(folder, cache_dir)
    if lexical is None or set(lexical.ids) != rows.keys():
        return None
    return _table(meta["key"], rows, lexical, meta.get("generation", ""), meta["versions"])
