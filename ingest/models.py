"""Typed records passed from ingest/ to vectordb/."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTION_SEP = " › "


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

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.section_path)

    @property
    def level(self) -> int:
        return len(self.section_path)

    @property
    def embed_text(self) -> str:
        # The heading path helps section questions match; it is embedded, never shown as the passage.
        return f"{self.section}\n{self.text}" if self.section_path else self.text
