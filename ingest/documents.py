"""Files to documents: which files a path names, a document's id and version hash, and `prepare`
(load → clean → SourceDocument). No store here: `vectordb.pipeline` writes documents to the index.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from ingest.chunk import ChunkConfig
from ingest.clean import Cleaned, clean, extract_title
from ingest.load import MAX_BYTES, SUPPORTED_SUFFIXES, LoadError, load
from ingest.models import SourceDocument
from ingest.structure import format_structure

PIPELINE_VERSION = "28"  # bump when cleaning/chunking changes, so documents are re-ingested


def doc_id_for(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


def scan(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to ingest (named directly, or supported files under named folders; sorted, hidden skipped)
    and the files under those folders skipped for their type."""
    out: list[Path] = []
    unsupported: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not (f.is_file() or f.is_symlink()) or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                # broken links get reported
                (out if f.suffix.lower() in SUPPORTED_SUFFIXES else unsupported).append(f)
        else:
            out.append(p)
    return out, unsupported


def expand(paths: Iterable[Path]) -> list[Path]:
    return scan(paths)[0]


def skipped_by_type(files: Iterable[Path]) -> dict[str, list[str]]:
    """Skipped files by suffix ("(none)" without one): {".xls": ["a.xls", …]}."""
    out: dict[str, list[str]] = {}
    for f in files:
        out.setdefault(Path(f).suffix.lower() or "(none)", []).append(Path(f).name)
    return dict(sorted(out.items()))


def version_hash(raw: bytes, cfg: ChunkConfig) -> str:
    h = hashlib.sha256(raw)
    h.update(f"|pipeline={PIPELINE_VERSION}|max={cfg.max_tokens}|min={cfg.min_tokens}".encode())
    return h.hexdigest()


def clean_loaded(loaded) -> Cleaned:
    """A loaded file's text cleaned as its format needs: PDF lines wrap inside sentences; HTML lines are blocks
    (their source wraps are collapsed at extraction), and so are markdown's, whose markup goes; other text decides
    from its layout."""
    return clean(loaded.text, join_wraps={"pdf": True, "html": False}.get(loaded.fmt),
                 markdown=loaded.fmt in ("md", "markdown"))


def prepare(path: Path, cfg: ChunkConfig, max_bytes: int = MAX_BYTES) -> SourceDocument:
    loaded = load(path, max_bytes)
    cleaned = clean_loaded(loaded)
    if not cleaned.text.strip():
        raise LoadError("no document text after removing site boilerplate" if cleaned.boilerplate_chars
                        else "no text left after cleaning")
    return SourceDocument(
        doc_id=doc_id_for(path), path=str(path.resolve()), name=path.name,
        title=extract_title(cleaned) or path.stem, text=cleaned.text, sha256=version_hash(loaded.raw, cfg),
        encoding=loaded.encoding, fmt=loaded.fmt, source_map=tuple(cleaned.segments()),
        **format_structure(loaded, cleaned),
    )
