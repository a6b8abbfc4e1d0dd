"""Files to documents: which files a path names, a document's id and version hash, and `prepare`
(load → clean → SourceDocument). No store here: `vectordb.pipeline` writes documents to the index.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from ingest.chunk import ChunkConfig
from ingest.clean import clean, extract_title
from ingest.load import MAX_BYTES, SUPPORTED_SUFFIXES, LoadError, load
from ingest.models import SourceDocument

PIPELINE_VERSION = "3"  # bump when cleaning/chunking changes, so documents are re-ingested


def doc_id_for(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found under named folders (sorted, hidden skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if (f.is_file() or f.is_symlink()) and f.suffix.lower() in SUPPORTED_SUFFIXES  # broken links get reported
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            out.append(p)
    return out


def version_hash(raw: bytes, cfg: ChunkConfig) -> str:
    h = hashlib.sha256(raw)
    h.update(f"|pipeline={PIPELINE_VERSION}|max={cfg.max_tokens}|min={cfg.min_tokens}".encode())
    return h.hexdigest()


def prepare(path: Path, cfg: ChunkConfig, max_bytes: int = MAX_BYTES) -> SourceDocument:
    loaded = load(path, max_bytes)
    cleaned = clean(loaded.text, join_wraps=True if loaded.fmt == "pdf" else None)
    if not cleaned.text.strip():
        raise LoadError("no text left after cleaning")
    return SourceDocument(
        doc_id=doc_id_for(path), path=str(path.resolve()), name=path.name,
        title=extract_title(cleaned) or path.stem, text=cleaned.text, sha256=version_hash(loaded.raw, cfg),
        encoding=loaded.encoding, fmt=loaded.fmt, source_map=tuple(cleaned.segments()),
    )
