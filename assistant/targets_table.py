"""The indicator table as records and files: the columns, the citation of a row, CSV/XLSX/JSON export, the
comparison grid (one indicator across documents and years) and the source passage of a row. Shared by
`planqa targets` (assistant/targets_cli.py) and the UI's 指标 tab (assistant/ui/targets_tab.py). Pure
functions over ingest.targets.TargetRow (no CLI, no gradio)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ingest.targets import TargetRow

KINDS = ("target", "result", "plan", "baseline")
KIND_LABELS = {"target": "目标", "result": "实绩", "plan": "计划", "baseline": "基数"}
COLUMNS = ("doc_name", "section", "indicator", "subject", "value", "unit", "qualifier", "year", "period", "kind",
           "base_value", "base_year", "attribute", "scope", "value_start", "value_end", "sentence_start",
           "sentence_end", "doc_id")
EXPORT_COLUMNS = COLUMNS + ("number", "number_high", "citation")
_TRAILING = ("左右", "以上", "以内", "以下")  # qualifiers written after the value


def citation(r: TargetRow) -> str:
    """Document, section path and the value's offsets in the cleaned text."""
    section = f" §{r.section_path}" if r.section else ""
    return f"{r.doc_name}{section} [{r.value_start}:{r.value_end}]"


def value_text(r: TargetRow) -> str:
    """The value with its unit and qualifier, as a reader writes it ("5%左右", "5% (力争)")."""
    q = r.qualifier
    return f"{r.value}{r.unit}{q if q in _TRAILING else ''}" + (f" ({q})" if q and q not in _TRAILING else "")


def when(r: TargetRow) -> str:
    """The year, else the period as written."""
    return str(r.year) if r.year else (r.period or "")


def row_key(r: TargetRow) -> tuple[str, int, int, str]:
    """Identifies a row within the live knowledge base (offsets are of the live version's text)."""
    return (r.doc_id, r.value_start, r.value_end, r.indicator)


def records(rows: Iterable[TargetRow]) -> list[dict]:
    """One flat dict per row, in EXPORT_COLUMNS order (the CLI's csv/json/xlsx contract)."""
    out = []
    for r in rows:
        d = r.to_dict()
        out.append({c: d.get(c) for c in COLUMNS} | {"number": r.number, "number_high": r.number_high,
                                                     "citation": citation(r)})
    return out


def _keys(recs: Sequence[dict]) -> list[str]:
    return list(recs[0]) if recs else list(EXPORT_COLUMNS)


def csv_text(recs: Sequence[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=_keys(recs))
    w.writeheader()
    w.writerows(recs)
    return buf.getvalue()


def json_text(recs: Sequence[dict]) -> str:
    return json.dumps(list(recs), ensure_ascii=False, indent=2) + "\n"


def write_csv(recs: Sequence[dict], path: Path) -> Path:
    # utf-8-sig: Excel opens a CSV with a BOM as UTF-8
    Path(path).write_text(csv_text(recs), encoding="utf-8-sig")
    return Path(path)


def write_xlsx(recs: Sequence[dict], path: Path, sheet: str = "指标") -> Path:
    """One sheet: the header row, then one row per record. Raises ImportError without openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    keys = _keys(recs)
    ws.append(keys)
    for rec in recs:
        ws.append([rec.get(k) for k in keys])
    wb.save(path)
    return Path(path)


# --- comparison ---------------------------------------------------------------

def compare_order(rows: Iterable[TargetRow]) -> list[TargetRow]:
    return sorted(rows, key=lambda r: (r.doc_name, r.year or 0, r.period, r.kind, r.value_start))


@dataclass(frozen=True)
class Grid:
    """One indicator lined up: a line per document, a column per year or period; each cell its rows."""

    columns: list[str]
    docs: list[str]  # document names, one per line
    cells: dict[tuple[str, str], list[TargetRow]]

    def cell_text(self, doc: str, column: str) -> str:
        return "；".join(f"{value_text(r)}{'' if r.kind == 'target' else '（' + KIND_LABELS.get(r.kind, r.kind) + '）'}"
                        for r in self.cells.get((doc, column), []))


def _column_order(col: str) -> tuple:
    return (0, int(col), "") if col.isdigit() else (1, 0, col)


def grid(rows: Iterable[TargetRow]) -> Grid:
    cells: dict[tuple[str, str], list[TargetRow]] = {}
    for r in compare_order(rows):
        cells.setdefault((r.doc_name, when(r) or "-"), []).append(r)
    columns = sorted({c for _, c in cells}, key=_column_order)
    docs = sorted({d for d, _ in cells})
    return Grid(columns, docs, cells)


# --- the source passage ---------------------------------------------------------

@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str  # == document text[start:end]
    value_start: int  # offsets of the value and of its sentence, relative to start
    value_end: int
    sentence_start: int
    sentence_end: int


def passage(text: str, r: TargetRow, span: tuple[int, int] | None = None, window: int = 160) -> Passage:
    """The passage around a row's value: ``span`` (e.g. the chunk holding it) when given, else the sentence
    widened by up to ``window`` characters to the nearest line breaks."""
    if span is None:
        s = max(0, r.sentence_start - window)
        nl = text.rfind("\n", s, r.sentence_start)
        s = nl + 1 if nl >= 0 else s
        e = min(len(text), r.sentence_end + window)
        nl = text.find("\n", r.sentence_end, e)
        e = nl if nl >= 0 else e
        span = (s, e)
    s, e = span
    s, e = min(s, r.sentence_start, r.value_start), max(e, r.sentence_end, r.value_end)
    clip = lambda x: max(0, min(e - s, x - s))  # noqa: E731
    return Passage(s, e, text[s:e], clip(r.value_start), clip(r.value_end), clip(r.sentence_start),
                   clip(r.sentence_end))
