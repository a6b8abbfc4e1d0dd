"""The indicator table of the live knowledge base.

Rows are a deterministic function of a document's cleaned text (ingest.targets), so they are not stored
beside the chunks: they are derived from the registry's text of each live version and cached by
(doc_id, sha256). A new version has a new sha, a removed document is no longer listed, and an
interrupted ingest never makes a version live, so the rows are never stale and share the text's crash
safety.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Iterable, Protocol, Sequence

from ingest.sections import parse_sections
from ingest.targets import TargetRow, extract_targets

CACHE_VERSIONS = 512  # document versions kept in memory


class _Source(Protocol):
    def documents(self): ...

    def text(self, doc_id: str) -> str | None: ...


class RegistryView:
    """What live_targets needs from an Index (documents(), text()), read straight from a Registry, so that
    a command that only lists rows opens no embedding model."""

    def __init__(self, registry):
        self.registry = registry

    def documents(self):
        return self.registry.all()

    def text(self, doc_id: str) -> str | None:
        return self.registry.text(doc_id)


_cache: OrderedDict[tuple[str, str], tuple[TargetRow, ...]] = OrderedDict()
_lock = threading.Lock()


def rows_for(doc_id: str, sha256: str, name: str, text: str) -> tuple[TargetRow, ...]:
    key = (doc_id, sha256)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    rows = tuple(extract_targets(text, parse_sections(text), doc_id=doc_id, doc_name=name))
    with _lock:
        _cache[key] = rows
        while len(_cache) > CACHE_VERSIONS:
            _cache.popitem(last=False)
    return rows


def live_targets(index: _Source, doc_ids: Iterable[str] | None = None) -> list[TargetRow]:
    """Every row of every live document (or of ``doc_ids``), in document-name then text order."""
    wanted = set(doc_ids) if doc_ids is not None else None
    out: list[TargetRow] = []
    registry = getattr(index, "registry", None)
    for rec in sorted(index.documents(), key=lambda r: (r.name, r.path)):
        if wanted is not None and rec.doc_id not in wanted:
            continue
        with _lock:
            cached = _cache.get((rec.doc_id, rec.sha256))
        if cached is None:
            text = index.text(rec.doc_id)
            if text is None:
                continue  # removed since the listing
            # the text must be the listed version's: if a writer replaced it meanwhile, key by the new version
            now = registry.get(rec.doc_id) if registry is not None else rec
            if now is None:
                continue
            if now.sha256 != rec.sha256:
                text = index.text(rec.doc_id) or ""
            cached = rows_for(rec.doc_id, now.sha256, rec.name, text)
        out.extend(cached)
    return out


def select(rows: Sequence[TargetRow], indicator: str | None = None, year: int | None = None,
           kind: str | None = None) -> list[TargetRow]:
    """Rows naming ``indicator`` (its normalised name, or the name as written), of ``year`` and ``kind``."""
    out = []
    for r in rows:
        if indicator and indicator not in (r.indicator, r.subject):
            continue
        if year is not None and r.year != year:
            continue
        if kind and r.kind != kind:
            continue
        out.append(r)
    return out


def clear_cache() -> None:
    with _lock:
        _cache.clear()
