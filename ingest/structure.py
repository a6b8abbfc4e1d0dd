"""Structure the file format gave, carried onto the cleaned text: heading hints, table blocks, and
tables that earlier tools had already flattened into digit runs (marked, never rewritten).

``format_structure(loaded, cleaned)`` maps the extractor's offsets through the cleaner's source map
(cleaning only deletes, so an offset survives when its character does); ``table_sections`` gives each
table block a section of its own inside the section where it stands.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from ingest.sections import Section
from ingest.zh import YEAR

# A line of a flattened indicator table: a short label, a unit, then numbers glued or spaced
# ("地区生产总值亿元4523.56180", "粮食产量 万吨 3028 3100 0.5").
_UNIT = r"(?:亿元|万元|元|亿美元|万美元|美元|万吨|吨|万千瓦|千瓦|亿千瓦时|千瓦时|万人|人|万户|户|个|家|所|公里|千米|米|万亩|亩|公顷|%|％|‰|年|岁|项|座|台|辆|平方米|立方米|万平方米|万立方米|分)"
_NUM = r"[-—一]?[0-9０-９][0-9０-９.．,，·%％‰]*(?:\s?·\s?[0-9]+)?[%％‰]?"
_ROW = re.compile(  # a label, then a unit and numbers, or two or more numbers ("\t普通高中\t969 · 8\t750\t一22 · 7％")
    rf"^[^\s0-9。；！？]{{1,20}}?[\s\u3000]*(?:{_UNIT}[\s\u3000]*{_NUM}(?:[\s\u3000]+{_NUM})*|[\s\u3000]+{_NUM}(?:[\s\u3000]+{_NUM})+)$")
_BARE_NUM = re.compile(rf"^{_NUM}(?:[\s\u3000]+{_NUM})*[。]?$")  # a cell split onto its own line
_HEAD = re.compile(rf"(?:单位|指标|项目|名称)[\s\u3000]*[:：]?|{YEAR}年.{{0,8}}{YEAR}年|基期|目标值|预期")
FLAT_MIN_ROWS = 3


def _to_clean(source_index: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """Cleaned span of the surviving characters of source[start:end], or None if none survive."""
    lo = int(np.searchsorted(source_index, start, "left"))
    hi = int(np.searchsorted(source_index, end, "left"))
    return (lo, hi) if hi > lo else None


def map_hints(hints: Iterable[tuple[int, int, str]], text: str, source_index: np.ndarray):
    """(cleaned offset, level, heading text) for each hint whose start survived cleaning."""
    out = []
    for off, level, head in hints:
        span = _to_clean(source_index, off, off + len(head))
        if span is None or int(source_index[span[0]]) != off:
            continue  # its line went with the boilerplate (or its start did)
        s, e = span
        out.append((s, level, text[s:e]))
    return tuple(out)


def map_tables(tables, text: str, source_index: np.ndarray) -> tuple[tuple[int, int, str], ...]:
    out = []
    for t in tables:
        span = _to_clean(source_index, t.start, t.end)
        if span and text[span[0]:span[1]].strip():
            out.append((span[0], span[1], t.name))
    return tuple(out)


def flattened_tables(text: str, min_rows: int = FLAT_MIN_ROWS) -> tuple[tuple[int, int], ...]:
    """Spans of tables already flattened into text: ``min_rows`` or more consecutive lines that are a
    label, a unit and numbers, optionally after a header line (单位/指标/years)."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    head: tuple[int, int] | None = None
    pos = 0

    def close() -> None:
        if len(run) >= min_rows or (head and len(run) >= 2):
            spans.append(((head or run[0])[0], run[-1][1]))

    labelled = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        bare = line.strip(" \t\u3000")
        if not bare:
            continue
        if len(bare) <= 60 and _ROW.match(bare):
            run.append((s, e))
            labelled += 1
            continue
        if (run or head) and len(bare) <= 20 and _BARE_NUM.match(bare):
            run.append((s, e))
            continue
        if labelled:
            close()
        run, labelled = [], 0
        head = (s, e) if len(bare) <= 60 and _HEAD.search(bare) else None
    if labelled:
        close()
    return tuple(spans)


def format_structure(loaded, cleaned) -> dict:
    """The SourceDocument fields that come from the file's format: hints, tables, flattened tables."""
    idx = cleaned.source_index
    return {
        "hints": map_hints(getattr(loaded, "hints", ()), cleaned.text, idx),
        "tables": map_tables(getattr(loaded, "tables", ()), cleaned.text, idx),
        "flattened_tables": flattened_tables(cleaned.text),
        "warnings": tuple(getattr(loaded, "warnings", ())),
    }


def table_sections(sections: list[Section], tables: Iterable[tuple[int, int, str]]) -> list[Section]:
    """Sections split so that each table block is a section of its own, its path the enclosing
    section's path plus the table's name ("二、… › 表1 主要指标"); text after it keeps the outer path."""
    tables = sorted(tables)
    if not tables:
        return sections
    out: list[Section] = []
    for sec in sections:
        cur = sec.start
        for ts, te, name in tables:
            if te <= cur or ts >= sec.end:
                continue
            a, b = max(ts, cur), min(te, sec.end)
            if a > cur:
                out.append(Section(cur, a, sec.path))
            out.append(Section(a, b, sec.path + (name,)))
            cur = b
        if cur < sec.end:
            out.append(Section(cur, sec.end, sec.path))
    return out
