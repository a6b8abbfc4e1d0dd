"""Read a file into text, detecting its encoding."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


class LoadError(ValueError):
    """A file that cannot be ingested; the message is a one-line reason."""


@dataclass(frozen=True)
class Loaded:
    text: str
    encoding: str
    raw: bytes
    fmt: str


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:4096]:
        # UTF-16 without BOM shows NULs in every other byte of ASCII text; anything else is binary.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if text and sum(ch.isprintable() or ch.isspace() for ch in text[:2000]) / len(text[:2000]) > 0.95:
                return text, enc
        raise LoadError("binary content (NUL bytes), not a text file")
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise LoadError("undecodable bytes: not UTF-8, GB18030 or UTF-16")
    return str(best), best.encoding


def load(path: Path) -> Loaded:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"file is {size / 2**20:.0f} MiB, over the {MAX_BYTES // 2**20} MiB limit")
        raw = path.read_bytes()
    except OSError as err:
        raise LoadError(f"cannot read file: {err.strerror or err}") from err
    text, enc = _decode(raw)
    if not text.strip():
        raise LoadError("empty file (no text)")
    return Loaded(text=text, encoding=enc, raw=raw, fmt=suffix.lstrip("."))
