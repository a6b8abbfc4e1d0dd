"""Typed records passed from ingest/ to vectordb/."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ingest.zh import SECTION_SEP


def embedding_text(section: str, text: str) -> str:
    """The heading path helps section questions match; it is embedded, never shown as the passage."""
    return f"{section}\n{text}" if section else text


@dataclass(frozen=True)
class SourceDocument:
    doc_id: str  # stable id derived from the file's resolved path
    path: str  # resolved path of the source file
    name: str  # file name, shown in citations
    title: str
    text: str  # cleaned text: every chunk offset points into this string
    sha256: str  # of the raw bytes plus the pipeline version, keys incremental ingest
    encoding: str
    fmt: str = "txt"
    source_map: tuple[tuple[int, int, int], ...] = ()  # (clean_start, source_start, length) runs
    # From the file's format (ingest.structure), offsets into ``text``:
    hints: tuple[tuple[int, int, str], ...] = ()  # (offset, level, heading text): bold/heading-style lines
    tables: tuple[tuple[int, int, str], ...] = ()  # (start, end, name) of each table block
    flattened_tables: tuple[tuple[int, int], ...] = ()  # tables already flattened into digit runs
    warnings: tuple[str, ...] = ()  # for the ingest report (e.g. low OCR confidence)


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    name: str
    title: str
    index: int
    start: int
    end: int
    text: str  # == document.text[start:end]
    tokens: int
    section_path: tuple[str, ...] = field(default_factory=tuple)
    table: str = ""  # name of the table block this chunk holds rows of
    flattened: bool = False  # overlaps a table already flattened into text (digit runs, not prose)

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.section_path)

    @property
    def level(self) -> int:
        return len(self.section_path)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def embed_text(self) -> str:
        return embedding_text(self.section, self.text)
