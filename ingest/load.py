"""Read a file into text: the format's library for .docx/.pdf/.html/.xlsx (a converter for .doc/.wps),
encoding detection for text. Formats with markup also give heading hints and tables (ingest.formats)."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.formats import (FormatError, Table, doc_extract, docx_extract, html_extract, pdf_extract, text_extract,
                            xlsx_extract)

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
WORD_SUFFIXES = {".doc", ".wps"}  # converted by LibreOffice (or antiword)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | WORD_SUFFIXES | {".docx", ".pdf", ".xlsx"}
MAX_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """A file that cannot be ingested; the message is a one-line reason."""


@dataclass(frozen=True)
class Loaded:
    text: str
    encoding: str  # of a text file; the format name otherwise
    raw: bytes
    fmt: str
    hints: tuple[tuple[int, int, str], ...] = ()  # (offset in text, level, heading text) from formatting
    tables: tuple[Table, ...] = ()  # table blocks written into text
    warnings: tuple[str, ...] = ()  # e.g. low OCR confidence


def _looks_textual(text: str) -> bool:
    sample = text[:2000]
    # Private-use characters are icon-font glyphs of web copies: valid text, dropped later by clean().
    ok = sum(ch.isprintable() or ch.isspace() or unicodedata.category(ch) == "Co" for ch in sample)
    return bool(sample) and ok / len(sample) > 0.95


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding used: BOMs first, then UTF-8, GB18030, UTF-16 without BOM, charset-normalizer."""
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
            if _looks_textual(text):
                return text, enc
        raise LoadError("binary content (NUL bytes), not a text file")
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_textual(text) or not text:
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or not _looks_textual(str(best)):
        raise LoadError("undecodable bytes: not UTF-8, GB18030 or UTF-16 text")
    return str(best), best.encoding


def load(path: Path, max_bytes: int = MAX_BYTES) -> Loaded:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    try:
        if not path.is_file():
            raise LoadError("not a regular file" if path.exists() else "cannot read file: no such file")
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(f"file is {size / 2**20:.0f} MiB, over the {max_bytes / 2**20:.0f} MiB limit")
        raw = path.read_bytes()
    except OSError as err:
        raise LoadError(f"cannot read file: {err.strerror or err}") from err
    fmt = suffix.lstrip(".")
    try:
        if suffix == ".docx":
            ex, enc = docx_extract(raw), "docx"
        elif suffix in WORD_SUFFIXES:
            ex, enc = doc_extract(raw, suffix), fmt
        elif suffix == ".pdf":
            ex, enc = pdf_extract(raw), "pdf"
        elif suffix == ".xlsx":
            ex, enc = xlsx_extract(raw), "xlsx"
        elif suffix in HTML_SUFFIXES:
            html, enc = decode(raw)
            ex, fmt = html_extract(html), "html"
        else:
            text, enc = decode(raw)
            ex = text_extract(text)
    except FormatError as err:
        raise LoadError(str(err)) from err
    if not ex.text.strip():
        raise LoadError("empty file (no text)")
    return Loaded(text=ex.text, encoding=enc, raw=raw, fmt=fmt, hints=tuple(ex.hints), tables=tuple(ex.tables),
                  warnings=tuple(ex.warnings))
