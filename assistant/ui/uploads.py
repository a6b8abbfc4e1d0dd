"""Uploaded files: allowed extensions, a size limit, and safe names (no path traversal), saved under <home>/uploads."""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.load import SUPPORTED_SUFFIXES

_UNSAFE = re.compile(r"[^\w.\-()（）\u4e00-\u9fff]+")


class UploadError(ValueError):
    """An upload refused before ingestion, with the reason."""


def safe_name(name: str) -> str:
    """The file's base name only, without path parts, control characters or a leading dot."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    base = _UNSAFE.sub("_", base).strip("._ ")
    if not base or base in (".", ".."):
        raise UploadError(f"unusable file name {name!r}")
    return base[:120]


@dataclass(frozen=True)
class Saved:
    name: str
    path: Path | None
    error: str = ""


def save_upload(src: Path, original_name: str, folder: Path, max_bytes: int) -> Saved:
    try:
        name = safe_name(original_name)
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UploadError(f"{name}: unsupported type (allowed: {' '.join(sorted(SUPPORTED_SUFFIXES))})")
        size = src.stat().st_size
        if size > max_bytes:
            raise UploadError(f"{name}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit")
        folder.mkdir(parents=True, exist_ok=True)
        dest = (folder / name).resolve()
        if dest.parent != folder.resolve():
            raise UploadError(f"{name}: unsafe file name")
        shutil.copyfile(src, dest)
        return Saved(name, dest)
    except (UploadError, OSError) as e:
        return Saved(Path(original_name).name or original_name, None, str(e))
