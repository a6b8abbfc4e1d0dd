"""Text out of binary and markup formats, with well-kept libraries (python-docx, pypdf, pdfplumber,
BeautifulSoup, openpyxl), plus the structure the formatting shows.

Each extractor returns an ``Extracted``: the text, heading hints from formatting (Word heading styles,
bold paragraphs and bold run-in leads, HTML h1–h6 and bold spans) as (offset, level, text) into that
text, and the tables it found. A data table is written after the body as a block of its own:

    表1 主要指标
    指标：地区生产总值；单位：亿元；2025年目标值：5.5
    指标：…

a caption line (a hint that opens the table's section) and one line per row with the header names
repeated, so a chunk that holds a row also holds what its values mean. The extracted text is the
source the cleaner maps back to, so building it this way keeps the exact source map.
Scanned PDF pages (no text layer) are read by OCR (ingest.ocr) with a confidence per page.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field

from ingest.sections import heading_of
from ingest.zh import CN_SMALL, squash

PART_LEVEL = 4  # an unnumbered bold paragraph / Heading 1 sits above 一、 (ingest.sections.PART_LEVEL)
LEAD_LEVEL = 7  # a bold run-in lead ("大力提振消费。…") sits under （一）
HEADING_MAX = 40
CELL_PROSE = 120  # a cell this long is layout, not data
_LEAD_END = "。！？"
_NOT_HEAD_END = tuple("：:；;，,、")


class FormatError(ValueError):
    pass


@dataclass(frozen=True)
class Table:
    name: str  # "表1 主要指标"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int = 0  # span of the block in the extracted text
    end: int = 0


@dataclass
class Extracted:
    text: str
    hints: list[tuple[int, int, str]] = field(default_factory=list)  # (offset, level, heading text)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[tuple[int, float]] = field(default_factory=list)  # (page number, mean confidence 0–100)


class _Builder:
    """Paragraphs joined by one newline, hints and tables with their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.hints: list[tuple[int, int, str]] = []
        self.tables: list[Table] = []
        self.pending: list[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = []

    def add(self, text: str, hint: tuple[int, str] | None = None) -> None:
        if self.parts:
            self.parts.append("\n")
            self.pos += 1
        if hint:
            lead = len(text) - len(text.lstrip())
            self.hints.append((self.pos + lead, hint[0], hint[1]))
        self.parts.append(text)
        self.pos += len(text)

    def table(self, grid: list[list[str]], caption: str = "", caption_start: int | None = None) -> None:
        """A table written here, in place: its name line (unless the caption paragraph just written
        names it), then one line per row. ``caption_start``: offset of that caption paragraph."""
        header, rows = _header_rows(grid)
        if not rows:
            return
        name = _table_name(len(self.tables) + 1, caption, header, rows)
        if caption_start is not None and caption:
            start = caption_start
            # the caption opens the table's own section: a bold caption is no part that later headings sit under
            self.hints = [h for h in self.hints if h[0] != caption_start]
        else:
            self.add(name + "：")  # "：" (and "。" after each row): no cleaning pass joins them as wrapped lines
            start = self.pos - len(name) - 1
        for row in rows:
            filled = [v for v in row if v.strip()]
            if len(filled) == 1 and len(header) >= 3 and filled[0] == row[0] and not heading_of(filled[0]):
                # a row merged across the table (货物类, 服务类): the group the rows below belong to, no cell of a
                # column (one numbered as a part, 第二十条第（五）项, keeps its column: no heading of the document)
                self.add(filled[0].strip().rstrip("：:") + "：")
                continue
            line = row_text(header, row)
            self.add(line + ("" if line.endswith(("。", "！", "？")) else "。"))
        self.tables.append(Table(name, header, rows, start, self.pos))

    def finish(self) -> Extracted:
        text = "".join(self.parts)
        # Bold or h1 lines that open the document are its title, not a part of it: PART hints on the
        # leading lines (up to 3, tables aside) while every one of them is a hint.
        hinted = {h[0] for h in self.hints}
        drop = set()
        for m, _ in zip((m for m in re.finditer(r"(?m)^[ \t\u3000]*(\S)(.*)$", text)
                         if not any(t.start <= m.start() < t.end for t in self.tables)
                         and not re.fullmatch(r".{0,10}[:：]", (m.group(1) + m.group(2)).strip())), range(3)):
            if m.start(1) not in hinted:
                break
            drop.add(m.start(1))
        hints = [h for h in self.hints if not (h[1] == PART_LEVEL and h[0] in drop)]
        return Extracted(text, hints, self.tables)


_WRAPPED = re.compile(r"(?<=[\u4e00-\u9fff（）\d%，、；：])[ \t]*\n\s*(?=[\u4e00-\u9fff（）])")  # a cell's text wrapped mid-word


_ITEM_LINE = re.compile(r"[\u4e00-\u9fff][^，。；：、,;:（）()]{0,18}[\u4e00-\u9fff]")  # a name, not a unit (（元/平方米）)


def _typed_breaks(text: str) -> str:
    """A Word or Excel cell's own line breaks, typed (no wrap: those programs wrap on screen only): short lines
    with no punctuation are items (市税务局⏎市医保局 → 市税务局、市医保局); others are left to _cell."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1 and all(_ITEM_LINE.fullmatch(line) for line in lines):
        return "、".join(lines)
    return text


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", _WRAPPED.sub("", text).replace("\u3000", " ")).strip()


def _label(text: str) -> str:
    """A header or key cell without the spacing used to justify it ("索 引 号：" → "索引号：")."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff：:])", "", text)


def _header_rows(grid: list[list[str]]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    grid = [[_cell(c) for c in row] for row in grid]
    grid = [row for row in grid if any(row)]
    if not grid:
        return (), ()
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    if _is_key_value(tuple(grid[0]), tuple(grid[0])):
        return (), tuple(tuple(r) for r in grid)  # labels beside values: every row is data
    header = [_label(h) or f"第{i + 1}列" for i, h in enumerate(grid[0])]
    return tuple(header), tuple(tuple(r) for r in grid[1:])


def _is_key_value(header: tuple[str, ...], row: tuple[str, ...]) -> bool:
    """索引号：| 0001 | 主题分类：| 教育 : labels and values side by side, no header row."""
    if not header:
        return True
    return len(row) % 2 == 0 and bool(row) and all(not c or c.endswith(("：", ":")) for c in row[::2]) \
        and any(c for c in row[::2])


def row_text(header: tuple[str, ...], row: tuple[str, ...]) -> str:
    """One row as "列名：值；列名：值" (a key-value row as "键：值；键：值")."""
    if _is_key_value(header, row):
        pairs = zip(row[::2], row[1::2])
        return "；".join(f"{_label(k).rstrip('：:')}：{v}" for k, v in pairs if k or v)
    cells = [(h, v) for h, v in zip(header, row) if v]
    return "；".join(f"{h}：{v}" for h, v in cells)


def _table_name(n: int, caption: str, header: tuple[str, ...], rows=()) -> str:
    cap = _cell(caption).rstrip("：:")
    m = re.match(rf"^(?:附)?表\s*([0-9０-９{CN_SMALL}]+)[\s：:.．、]*(.*)$", cap)
    if m:
        return f"表{m.group(1)} {m.group(2)}".strip()[:HEADING_MAX]
    if cap and len(cap) <= HEADING_MAX:
        return f"表{n} {cap}"[:HEADING_MAX]
    keys = rows[0][::2] if rows and _is_key_value(header, rows[0]) else header
    return f"表{n} {'、'.join(_label(h).rstrip('：:') for h in keys[:3] if h)}"[:HEADING_MAX]


def _caption(prev: str) -> str:
    """A short line before a table that names it ("表1 主要指标", "2025年主要预期目标")."""
    s = _cell(prev)
    if not s or len(s) > HEADING_MAX or s.endswith(("。", "；", "，")):
        return ""
    return s


def _head_hint(text: str, level: int) -> tuple[int, str] | None:
    s = text.strip()
    if not s or len(s) > HEADING_MAX or s.endswith(_NOT_HEAD_END) or s.endswith(("。", "！", "？")) and level != LEAD_LEVEL:
        return None
    return level, s


# ---------------------------------------------------------------- .docx


def _heading_style_level(paragraph) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    m = re.match(r"(?i)heading\s*(\d)|标题\s*(\d)", name)
    if not m:
        return None
    n = int(m.group(1) or m.group(2))
    return min(PART_LEVEL + n - 1, 9)


def _bold(run) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _docx_hint(paragraph, first: bool) -> tuple[int, str] | None:
    text = paragraph.text
    if not text.strip():
        return None
    level = _heading_style_level(paragraph)
    if level is not None:
        return None if first else _head_hint(text, level)
    runs = [r for r in paragraph.runs if r.text]
    para_bold = False
    style = paragraph.style
    while style is not None and not para_bold:
        para_bold = bool(style.font.bold)
        style = style.base_style
    bold = [(_bold(r) if r.bold is not None or not para_bold else True, r.text) for r in runs]
    lead = ""
    for is_bold, t in bold:
        if is_bold or not t.strip():
            lead += t
            continue
        break
    lead_s = lead.strip()
    if not lead_s or first:
        return None
    if lead_s == text.strip():  # the whole paragraph is bold
        return _head_hint(text, PART_LEVEL)
    rest = text[len(lead):]
    cut = re.search(f"[{_LEAD_END}]", lead_s)
    if cut:  # the bold run goes past the lead sentence ("（二）坚持因地制宜，…。突出…")
        lead_s = lead_s[: cut.end()]
    elif not rest.startswith(tuple(_LEAD_END)):
        return None  # bold words inside a sentence, not a lead
    else:
        lead_s += rest[0]
    return _head_hint(lead_s, LEAD_LEVEL)


def _docx_grid(table) -> tuple[list[list[str]], bool]:
    """Cell texts by row (merged cells once), and whether the table is layout rather than data."""
    grid, layout = [], False
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            if cell.tables or len(cell.text.strip()) > CELL_PROSE:
                layout = True
            cells.append(_typed_breaks(cell.text))
        grid.append(cells)
    return grid, layout or len(grid) < 2


_CN_UNITS = "一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cn_count(n: int) -> str:
    """1–99 as Chinese counting (一, 十二, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _CN_UNITS[tens - 1] + "十"
    return head + (_CN_UNITS[ones - 1] if ones else "") if 0 < n < 100 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _list_number(fmt: str, n: int) -> str | None:
    """Word's number format for the n-th item (numFmt); None for bullets and formats not drawn as text."""
    if fmt in ("decimal", "decimalZero"):
        return str(n) if fmt == "decimal" or n > 9 else f"0{n}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        return _cn_count(n)
    if fmt == "ideographTraditional" and n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "decimalEnclosedCircle" and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter") and n <= 26:
        return chr((0x61 if fmt == "lowerLetter" else 0x41) + n - 1)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    return None


class _Numbering:
    """The labels Word draws before automatically numbered paragraphs (1., （一）, 第1条), which are formatting,
    not text: counted per list and level as Word counts them, a level restarting under the level above it."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, numFmt, lvlText)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_W + "abstractNumId"): self._read_levels(a) for a in root.iter(_W + "abstractNum")}
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val") if ref is not None else None, {}))
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                ilvl = int(override.get(_W + "ilvl", "0"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(_W + "val", "1")),) + levels[ilvl][1:]
            self.levels[num.get(_W + "numId")] = levels

    @staticmethod
    def _read_levels(abstract) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in abstract.iter(_W + "lvl"):
            start, fmt, text = (lvl.find(_W + tag) for tag in ("start", "numFmt", "lvlText"))
            levels[int(lvl.get(_W + "ilvl", "0"))] = (
                int(start.get(_W + "val", "1")) if start is not None else 1,
                fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                text.get(_W + "val", "") if text is not None else "")
        return levels

    @staticmethod
    def _num_pr(paragraph):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:  # a list style (List Number) numbers its paragraphs itself
            spr = style.element.pPr
            if spr is not None and spr.numPr is not None:
                return spr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        """The label before this paragraph ("" when it is not numbered), counting it."""
        pr = self._num_pr(paragraph) if self.levels else None
        if pr is None or pr.numId is None:
            return ""
        num_id, ilvl = str(pr.numId.val), int(pr.ilvl.val) if pr.ilvl is not None else 0
        levels = self.levels.get(num_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # 1. under （一） starts again under （二）

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            start, fmt, _ = levels.get(k, (1, "decimal", ""))
            return _list_number(fmt, counts.get(k, start)) or ""

        text = levels[ilvl][2]
        if levels[ilvl][1] == "bullet" or _list_number(levels[ilvl][1], 1) is None:
            return ""
        return re.sub(r"%(\d)", number, text)


def docx_extract(raw: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise FormatError(f"not a valid .docx file ({type(err).__name__})") from err
    b = _Builder()
    numbering = _Numbering(document)
    first, prev, prev_at = True, "", None
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            grid, layout = _docx_grid(block)
            if layout:  # prose laid out in cells: its text stays in place
                for row in grid:
                    for cell in row:
                        if cell.strip():
                            b.add(cell)
            else:
                caption = _caption(prev)
                b.table(grid, caption, prev_at if caption else None)
            prev, prev_at = "", None
            continue
        text = block.text
        if (label := numbering.label(block)) and text.strip():
            lead = len(text) - len(text.lstrip())
            hint = _docx_hint(block, first)
            text = text[:lead] + label + text[lead:]  # Word draws it; the text reads as the page does
            b.add(text, hint and (hint[0], label + hint[1]))
        else:
            b.add(text, _docx_hint(block, first))
        if text.strip():
            first, prev, prev_at = False, text, b.pos - len(text) + (len(text) - len(text.lstrip()))
    return b.finish()


def docx_text(raw: bytes) -> str:
    return docx_extract(raw).text


# ---------------------------------------------------------------- plain text and markdown

_TEXT_GAP = re.compile(r"[ \u3000]{2,}|\t+")  # cells of a table laid out as text: runs of spaces or tabs
_RULE_LINE = re.compile(r"[\s|+:：]*[-—─=═_]{3,}[-—─=═_\s|+:：]*")  # ----- or |---|---| between rows
_UNITS_ROW = re.compile(r"[（(][^（()）]{1,12}[)）]")
MIN_TEXT_ROWS = 2  # a header and at least this many rows make a table
_SERIAL_CELL = re.compile(r"\d{1,3}[、.．]?")
_NUMBERED_CAPTION = re.compile(rf"(?:附)?表\s*[0-9０-９{CN_SMALL}]")


_MD_STRONG = re.compile(r"^(?:\*\*|__)(.+)(?:\*\*|__)$")  # a markdown cell in bold (**合计**)


def _text_cells(line: str) -> list[str] | None:
    """The cells of a table line laid out as text (three at least), or None."""
    s = line.strip()
    if s.startswith("|") and s.endswith("|") and s.count("|") >= 4:
        cells = [_MD_STRONG.sub(r"\1", c.strip()) for c in s[1:-1].split("|")]
    else:
        cells = [c for c in _TEXT_GAP.split(s) if c]
    return cells if len(cells) >= 3 else None


def _starts(line: str, wide: bool) -> list[tuple[int, str]]:
    """Where each cell of a line laid out as text starts, in columns (a CJK character two when `wide`)."""
    out, col, pos = [], 0, 0
    line = line.replace("\t", "    ")
    for m in re.finditer(r"\S+(?:[ \u3000]?\S+)*", line):
        for ch in line[pos:m.start()]:
            col += 2 if wide and unicodedata.east_asian_width(ch) in "WF" else 1
        out.append((col, m.group(0)))
        pos = m.start()
    return out


_ALIGN_SLACK = 3  # columns a cell may start off its header's start


def _aligned(header: str, lines: list[str], width: int) -> list[list[str]] | None:
    """Rows whose blank cells left no gap to count (a category named once for the rows under it, a blank value),
    placed under the header by where their cells start: a blank first cell repeats the one above (a merged cell),
    another stays empty. None when the cells do not line up with the header, either way of counting widths."""
    for wide in (True, False):
        heads = [c for c, _ in _starts(header, wide)]
        if len(heads) != width:
            continue
        rows, above = [], ""
        for line in lines:
            row = [""] * width
            for col, text in _starts(line, wide):
                k = min(range(width), key=lambda j: abs(heads[j] - col))
                if abs(heads[k] - col) > _ALIGN_SLACK or row[k]:
                    break
                row[k] = text
            else:
                row[0] = row[0] or above
                above = row[0]
                if row[0] and sum(bool(c) for c in row) >= 3:
                    rows.append(row)
                    continue
            break
        else:
            return rows
    return None


def _text_table(lines: list[str], last: list[str] | None = None) -> list[list[str]] | None:
    """A header, an optional row of units ((亿立方米) under each column) and rows of figures; None when the lines are
    no data table (prose with wide spacing: a signature line, a spaced-out title). A table that opens with a
    numbered row goes on from the one before (`last`, its header) across a page break."""
    # a markdown table (| 列 | 列 |, then |---|---|) says it is one: it needs no figures to be told from prose
    marked = len(lines) > 1 and lines[0].lstrip().startswith("|") and bool(_RULE_LINE.fullmatch(lines[1].strip()))
    lines = [ln for ln in lines if not _RULE_LINE.fullmatch(ln)]
    rows = [_text_cells(ln) for ln in lines]
    if any(r is None for r in rows) or len(rows) < MIN_TEXT_ROWS:
        return None
    if last and len(rows[0]) == len(last) and _SERIAL_CELL.fullmatch(rows[0][0]):
        rows = [last, *rows]
    if len(rows) < 1 + MIN_TEXT_ROWS:
        return None
    header, body = list(rows[0]), rows[1:]
    if all(_UNITS_ROW.fullmatch(c) for c in body[0]) and len(body[0]) <= len(header):
        units = body.pop(0)  # the units under the last columns (the first, the row names', has none)
        for k, unit in enumerate(units, len(header) - len(units)):
            header[k] += unit
    width = len(header)
    if any(len(r) < width for r in body) and not lines[0].lstrip().startswith("|"):
        # the first line has every cell (the header, or the full first row of a table going on after a page break):
        # where its cells start are the columns'
        body = _aligned(lines[0], lines[len(lines) - len(body):], width) or body
    if len(body) < MIN_TEXT_ROWS or any(len(r) != width for r in body):
        return None
    values = [c for r in body for c in r[1:]]
    numeric = sum(sum(bool(re.search(r"\d", r[k])) for r in body) * 2 >= len(body) for k in range(1, width))
    if not marked and sum(bool(re.search(r"\d", c)) for c in values) * 2 < len(values) and numeric < 2:
        return None  # a table has figures: half its cells, or two columns of them (not names and kinds)
    return [header, *body]


def text_extract(text: str) -> Extracted:
    """Plain text and markdown: tables laid out as text (columns parted by runs of spaces, or markdown's pipes)
    are written as the other formats write theirs, one line per row with the header names repeated; the rest
    stays as it is."""
    lines = text.split("\n")
    blocks, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and (_text_cells(lines[j]) or (j > i and _RULE_LINE.fullmatch(lines[j].strip()))):
            j += 1
        while j > i and _RULE_LINE.fullmatch(lines[j - 1].strip()):
            j -= 1  # a closing rule stays outside
        grid = _text_table(lines[i:j], blocks[-1][2][0] if blocks else None) if j - i >= MIN_TEXT_ROWS else None
        if grid:
            blocks.append((i, j, grid))
        i = max(j, i + 1)
    if not blocks:
        return Extracted(text)
    b, at, prev, prev_at = _Builder(), 0, "", None
    for start, end, grid in blocks:
        for line in lines[at:start]:
            b.add(line)
            if line.strip():
                prev, prev_at = line, b.pos - len(line) + (len(line) - len(line.lstrip()))
        # the last line above, when it is a numbered caption (表7  2025年各县区用水量), names it; a heading is no caption
        caption = _caption(prev) if prev_at is not None and _NUMBERED_CAPTION.match(prev.strip()) else ""
        b.table(grid, caption, prev_at if caption else None)
        at, prev, prev_at = end, "", None
    for line in lines[at:]:
        b.add(line)
    return b.finish()


# ---------------------------------------------------------------- .pdf


def pdf_extract(raw: bytes) -> Extracted:
    """Text by page (pypdf); pages with ruled tables (pdfplumber) give their text outside the tables
    and the tables as blocks; pages with no text layer are read by OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise FormatError("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError) as err:
        raise FormatError(f"not a readable PDF ({err})") from err
    b = _Builder()
    warnings: list[str] = []
    ocr_pages: list[tuple[int, float]] = []
    placed = _pdf_pieces(raw, pages)
    blank = [i for i, p in enumerate(pages) if not p.strip()]
    ocr: dict[int, tuple[str, float]] = {}
    if blank:
        from ingest.ocr import OCRUnavailable, ocr_pdf_pages

        try:
            ocr = ocr_pdf_pages(raw, blank)
        except OCRUnavailable as err:
            if len(blank) == len(pages):
                raise FormatError(f"PDF has no text layer and OCR is not available ({err})") from err
            warnings.append(f"{len(blank)} page(s) without a text layer not read: {err}")
    for i, page in enumerate(pages):
        if i in ocr:
            page, conf = ocr[i]
            ocr_pages.append((i + 1, conf))
        elif i in placed:
            for piece in placed[i]:
                if isinstance(piece, str):
                    b.add(piece.rstrip("\n"))
                else:
                    b.table(piece[1], piece[0])
            continue
        b.add(page.rstrip("\n"))
    out = b.finish()
    if not out.text.strip():
        raise FormatError("PDF has no text layer and OCR found no text")
    low = [(n, c) for n, c in ocr_pages if c < LOW_OCR_CONFIDENCE]
    if ocr_pages:
        mean = sum(c for _, c in ocr_pages) / len(ocr_pages)
        warnings.append(f"OCR used on {len(ocr_pages)} page(s), mean confidence {mean:.0f}")
    if low:
        warnings.append("low OCR confidence on page(s) " + ", ".join(f"{n} ({c:.0f})" for n, c in low)
                        + ": check the text before relying on it")
    out.warnings, out.ocr_pages = warnings, ocr_pages
    return out


LOW_OCR_CONFIDENCE = 80.0


def _pdf_pieces(raw: bytes, pages: list[str]) -> dict[int, list]:
    """page index → its pieces in reading order: text by position, and (caption, grid) for each ruled data table in
    its place (the table's own text left out; a caption line that names it goes into the table's name).
    Text by position (pdfplumber) keeps a line's characters in reading order where the content stream draws them by
    font (“ ” first, then the words they quote); pypdf's text stands where this finds none. A table that opens a
    page with the column count of the last page's last table, and no header of its own, goes on with that header."""
    try:
        import pdfplumber
    except ImportError:
        return {}
    out = {}
    last: list[str] | None = None  # the header of the last table read, while nothing but tables came after it
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            for i, page in enumerate(pdf.pages):
                if i >= len(pages) or not pages[i].strip():
                    last = None
                    continue
                found = [t for t in page.find_tables() if len(t.rows) >= 2]
                grids = []
                for t in found:
                    grid = [[c or "" for c in row] for row in t.extract()]
                    if grid and len(grid[0]) >= 2 and all(len(c) <= CELL_PROSE for row in grid for c in row):
                        grids.append((t, grid))
                if not grids:
                    text = page.extract_text() or ""
                    if text.strip():
                        out[i] = [text]
                    last = None if text.strip() else last
                    continue
                grids.sort(key=lambda g: g[0].bbox[1])
                boxes = [t.bbox for t, _ in grids]
                # by each character's middle: a line that touches a table's bottom rule is below it, not lost
                body = page.filter(lambda o: not any(_middle_in(o, box) for box in boxes))
                pieces: list = []
                top = 0.0
                for n, (t, grid) in enumerate(grids):
                    # the text between the last table and this one, its last line the caption when it names a table
                    lines = _crop_text(body, top, t.bbox[1]).split("\n")
                    opens_page = n == 0 and _furniture_only(lines)  # nothing above it but a running head
                    caption = _take_caption(lines)
                    if not caption and opens_page and (before := out.get(i - 1)) and isinstance(before[-1], str):
                        # the name stands at the foot of the page before (表1 …情况表 / 单位：亿元 / — 1 —)
                        tail = before[-1].split("\n")
                        if caption := _take_caption(tail, skip_page_number=True):
                            before[-1] = "\n".join(tail)
                    if any(ln.strip() for ln in lines):
                        pieces.append("\n".join(lines))
                    if opens_page and last and _continues(grid, last):
                        grid = [last] + grid
                    pieces.append((caption, grid))
                    last = grid[0]
                    top = min(page.height, t.bbox[3])
                below = _crop_text(body, top, page.height)
                if below.strip():
                    pieces.append(below)
                if any(len(ln.strip()) > 12 for ln in below.split("\n")):
                    last = None  # body text under the last table (more than a page number): the table ended here
                out[i] = pieces
    except Exception:  # noqa: BLE001 - table finding is an extra; pypdf's text stands
        return {}
    return out


_TABLE_NAME = re.compile(r"^(?:附)?表\s*[0-9０-９一二三四五六七八九十]|表$")  # 表1 …情况表: a line that names a table
_UNIT_LINE = re.compile(r"[（(]?单位[:：][^）)]{1,12}[）)]?")  # 单位：亿元, under a table's name
_PAGE_LINE = re.compile(r"[—\-－–\s]*\d{1,4}[—\-－–\s]*|第\s*\d{1,4}\s*页.*")  # — 3 —, 第3页 共9页


def _take_caption(lines: list[str], skip_page_number: bool = False) -> str:
    """The table name (表1 …情况表) and unit (单位：亿元) lines that end `lines`, taken out of them ("" when none);
    a page number after them stays."""
    kept: list[str] = []
    while lines and (not lines[-1].strip() or skip_page_number and _PAGE_LINE.fullmatch(lines[-1].strip())):
        kept.insert(0, lines.pop())
    unit = lines.pop().strip() if lines and _UNIT_LINE.fullmatch(_cell(lines[-1])) else ""
    name = _caption(lines.pop()) if lines and _TABLE_NAME.search(_cell(lines[-1])) else ""
    if unit and not name:
        lines.append(unit)  # a unit line alone names no table here
        unit = ""
    lines.extend(kept)
    return " ".join(x for x in (name, unit) if x)


def _furniture_only(lines: list[str]) -> bool:
    """Nothing but a running head or a page number: at most two short lines that end no sentence."""
    text = [ln for ln in lines if ln.strip()]
    return len(text) <= 2 and all(len(ln) <= 40 and "。" not in ln for ln in text)


def _middle_in(obj: dict, box: tuple) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _crop_text(page, top: float, bottom: float) -> str:
    """The text of a page's band from top to bottom (each character by its middle), what lies in its tables left
    out ("" for a band too thin to hold a line)."""
    top, bottom = max(0.0, top), min(float(page.height), bottom)
    if bottom - top <= 1:
        return ""
    return page.filter(lambda o: top <= (o["top"] + o["bottom"]) / 2 < bottom).extract_text() or ""


def _continues(grid: list[list[str]], header: list[str]) -> bool:
    """A table that opens its page goes on from the last page's: same columns, and a first row of data (a figure
    in it), not a header."""
    if len(grid[0]) != len(header) or [_cell(c) for c in grid[0]] == [_cell(c) for c in header]:
        return False
    return any(re.search(r"\d", c or "") for c in grid[0][1:])


def pdf_text(raw: bytes) -> str:
    return pdf_extract(raw).text


# ---------------------------------------------------------------- .html

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)


def _span(cell, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr, 1)).strip() or 1), 100))
    except ValueError:
        return 1


def _html_rows(table) -> list[tuple[list[str], list[str]]]:
    """(cell texts, tag names) by row, a cell spanning rows (rowspan: 县公安局 over the four fees it collects) written
    in each row it spans, at its column."""
    rows, pending = [], {}  # column → (text, tag name, rows still spanned)
    for tr in table.find_all("tr"):
        tags, cells, kinds, col, i = tr.find_all(["td", "th"]), [], [], 0, 0
        while i < len(tags) or col in pending:
            if col in pending:
                text, name, left = pending.pop(col)
                if left > 1:
                    pending[col] = (text, name, left - 1)
            else:
                text, name = tags[i].get_text(" ", strip=True), tags[i].name
                if (down := _span(tags[i], "rowspan")) > 1:
                    pending[col] = (text, name, down - 1)
                i += 1
            cells.append(text)
            kinds.append(name)
            col += 1
        rows.append((cells, kinds))
    return rows


def _html_grid(table) -> tuple[list[list[str]], str, str] | None:
    """Cell texts of a data table, with its title row (one cell across the table above the header) and its note
    row (备注… across the table below the last row) apart; None for a layout table (nested tables, prose in cells)."""
    if table.find("table"):
        return None
    rows = [(c, k) for c, k in _html_rows(table) if any(x.strip() for x in c)]
    width = max((len(c) for c, _ in rows), default=0)
    title = note = ""
    if width >= 2 and len(rows) > 2 and len(rows[0][0]) == 1 and len(rows[0][0][0]) <= HEADING_MAX:
        title = rows.pop(0)[0][0]  # 某县收费目录清单（2026年版） over 序号 | 项目名称 | …
    if width >= 2 and len(rows) > 2 and len(rows[-1][0]) == 1:
        note = rows.pop()[0][0]  # 备注：1.本目录清单所列小微企业… : prose below the table, not a row of it
    grid, kinds = [], []
    for cells, names in rows:
        if any(len(c) > CELL_PROSE for c in cells):
            return None
        grid.append(cells)
        kinds.append(names)
    # every row a label cell (th) then its value (td), side by side (索引号 | … | 发布机构 | …): the labels end in a colon
    if kinds and all(k and all(n == ("th" if i % 2 == 0 else "td") for i, n in enumerate(k)) for k in kinds):
        grid = [[c if i % 2 or c.endswith(("：", ":")) else c + "：" for i, c in enumerate(r)] for r in grid]
    grid = [r for r in grid if any(c.strip() for c in r)]
    if len(grid) < 2 or max(len(r) for r in grid) < 2:
        return None
    return grid, title, note


def _block_of(tag):
    p = tag.parent
    while p is not None and p.name not in _BLOCK_TAGS + ("td", "th", "body", "[document]"):
        p = p.parent
    return p


def _html_hint_texts(root) -> list[tuple[int, str]]:
    """(level, text) of h1–h6 and of bold spans that open their block (whole block, or a lead sentence)."""
    found = []
    for tag in root.find_all(True):
        if re.fullmatch(r"h[1-6]", tag.name or ""):
            found.append((tag, min(PART_LEVEL + int(tag.name[1]) - 1, 9), tag.get_text(" ", strip=True)))
        elif tag.name in ("strong", "b") or _BOLD_STYLE.search(tag.get("style", "") or ""):
            if tag.find_parent(["td", "th"]) and tag.find_parent("table") and _html_grid(tag.find_parent("table")):
                continue  # a label inside a data table
            if tag.find_parent(["strong", "b"]) or tag.find_parent(style=_BOLD_STYLE):
                continue
            bold = tag.get_text("", strip=False).strip()
            block = _block_of(tag)
            if not bold or block is None:
                continue
            btext = block.get_text("", strip=False).strip()
            if not btext.startswith(bold):
                continue
            if btext == bold:
                found.append((tag, PART_LEVEL, bold))
                continue
            rest = btext[len(bold):]
            cut = re.search(f"[{_LEAD_END}]", bold)
            if cut:
                found.append((tag, LEAD_LEVEL, bold[: cut.end()]))
            elif rest[:1] in _LEAD_END:
                found.append((tag, LEAD_LEVEL, bold + rest[0]))
    out = []
    for _, level, text in found:
        hint = _head_hint(re.sub(r"\s+", " ", text), level)
        if hint:
            out.append(hint)
    return out


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_SOURCE_WRAP = re.compile(r"[ \t\r\f\u00a0]*\n\s*")
_LEAF_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dd", "dt", "div", "section", "td")
MAIN_SHARE = 0.2  # the extractor's main text must be this share of the page's, or the page is kept whole


def _collapse_source_wraps(root) -> None:
    """A line break in the HTML source is white space, not a break: gone between Chinese characters, a space
    elsewhere (blocks and <br> make the text's line breaks)."""
    for node in root.find_all(string=True):
        if "\n" not in node or node.find_parent("pre") or type(node).__name__ in ("Comment", "Doctype"):
            continue

        def join(m: re.Match[str], text: str = str(node)) -> str:
            before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
            return "" if not before or not after or (re.match(f"[{_CJK}]", before) and re.match(f"[{_CJK}]", after)) else " "

        node.replace_with(_SOURCE_WRAP.sub(join, str(node)))


def _main_text(html: str) -> str | None:
    """The page's main content as a well-kept extractor (trafilatura) finds it, or None."""
    try:
        import trafilatura

        return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True,
                                   deduplicate=False)
    except Exception:  # a page the extractor cannot read is kept whole
        return None


def _trim_to_main(root, main: str | None) -> None:
    """Drop the blocks at either end of the page that the main-content extractor left out (menus, 相关文章 and
    推荐阅读 lists, footers); everything between the first and last main block stays, so no content is lost to
    an extractor's miss inside the text. The page's h1 always stays (the document's title)."""
    page = squash(root.get_text(""))
    core = squash(main or "")
    if not page or len(core) < MAIN_SHARE * len(page):
        return
    leaves = [(t, squash(t.get_text(""))) for t in root.find_all(_LEAF_BLOCKS) if not t.find(_LEAF_BLOCKS)]
    leaves = [(t, text) for t, text in leaves if text]
    inside = [i for i, (t, text) in enumerate(leaves) if t.name == "h1" or _in_main(text, core)]
    if not inside:
        return
    kept = leaves[inside[0]: inside[-1] + 1]
    tables = {id(p) for t, _ in kept for p in t.find_parents("table")}
    for t, _ in leaves[: inside[0]] + leaves[inside[-1] + 1:]:
        if not any(id(p) in tables for p in t.find_parents("table")):  # a table stays whole, not cell by cell
            t.decompose()


def _in_main(text: str, core: str) -> bool:
    if len(text) <= 40:
        return text in core
    return text[:20] in core and text[-20:] in core


def html_extract(html: str) -> Extracted:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "aside"]):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    _collapse_source_wraps(root)
    _trim_to_main(root, _main_text(html))
    hint_texts = _html_hint_texts(root)
    found = []
    for table in root.find_all("table"):
        if table.parent is None:
            continue
        read = _html_grid(table)
        if read is None:
            continue
        grid, title, note = read
        cap = table.find("caption")
        caption = cap.get_text(" ", strip=True) if cap else title
        from_text = False
        if not caption:
            prev = table.find_previous(string=lambda t: t.strip())
            caption = _caption(prev) if prev and not prev.find_parent("table") else ""
            from_text = bool(caption)
        table.replace_with(f"\n\x00T{len(found)}\x00\n" + (f"{note}\n" if note else ""))
        found.append((grid, caption, from_text))
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_after("\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", root.get_text())
    b = _Builder()
    for k, seg in enumerate(re.split(r"\x00T(\d+)\x00", text)):
        if k % 2 == 0:
            b.add(seg)
            continue
        grid, caption, from_text = found[int(seg)]
        body = "".join(b.parts).rstrip()
        at = len(body) - len(caption) if from_text and body.endswith(caption) else None
        b.table(grid, caption, at)
    full = "".join(b.parts)
    # Hints by text, in order: each is found at a line start after the previous one.
    pos = 0
    for level, h in hint_texts:
        for m in re.finditer(re.escape(h), full[pos:]):
            at = pos + m.start()
            line_start = full.rfind("\n", 0, at) + 1
            if not full[line_start:at].strip():
                b.hints.append((at, level, h))
                pos = at + len(h)
                break
    return b.finish()


def html_text(html: str) -> str:
    return html_extract(html).text


# ---------------------------------------------------------------- .xlsx


def xlsx_extract(raw: bytes) -> Extracted:
    """Each non-empty sheet is a table named after the sheet (its first row is the header)."""
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - a declared dependency
        raise FormatError("reading .xlsx needs openpyxl") from err
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise FormatError(f"not a valid .xlsx file ({type(err).__name__})") from err
    b = _Builder()
    for n, ws in enumerate(wb.worksheets, 1):
        grid = [["" if v is None else _typed_breaks(_xlsx_value(v)) for v in row]
                for row in ws.iter_rows(values_only=True)]
        grid = [r for r in grid if any(str(c).strip() for c in r)]
        if not grid:
            continue
        if len(grid) > 1 and all(sum(bool(str(c).strip()) for c in r) == 1 for r in grid):
            # a sheet of text, one cell a line (a 说明 sheet): paragraphs under its first line, no table
            for i, line in enumerate(next(str(c) for c in r if str(c).strip()).strip() for r in grid):
                b.add(line, (PART_LEVEL, line) if i == 0 and len(line) <= HEADING_MAX else None)
            continue
        # A title row (one filled cell above a wider header) names the sheet's table.
        caption = ws.title
        if len(grid) > 2 and sum(bool(c) for c in grid[0]) == 1 and sum(bool(c) for c in grid[1]) > 1:
            caption = next(c for c in grid[0] if c)
            grid = grid[1:]
        if len(grid) == 1:
            grid.append([""] * len(grid[0]))
        b.table(grid, caption)
    wb.close()
    return b.finish()


def _xlsx_value(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")
    return str(v)


# ---------------------------------------------------------------- .doc / .wps

CONVERT_TIMEOUT_S = 180


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_extract(raw: bytes, suffix: str = ".doc") -> Extracted:
    """Old Word (.doc) and WPS (.wps) files: LibreOffice (libreoffice-writer-nogui) converts them to
    .docx, read like any .docx (tables and bold headings included); antiword (plain text, .doc only)
    when LibreOffice is not installed."""
    if not raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file: Word 97–2003, WPS
        if raw.startswith(b"PK\x03\x04"):
            return docx_extract(raw)  # a .docx saved with the old extension
        raise FormatError(f"not a Word 97–2003 {suffix} file")
    office = _soffice()
    if office:
        with tempfile.TemporaryDirectory(prefix="planqa-doc-") as tmp:
            src = os.path.join(tmp, "in" + suffix)
            with open(src, "wb") as f:
                f.write(raw)
            profile = "file://" + os.path.join(tmp, "profile")
            try:
                proc = subprocess.run(
                    [office, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                     "--convert-to", "docx:MS Word 2007 XML", "--outdir", os.path.join(tmp, "out"), src],
                    capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S,
                    env={**os.environ, "HOME": tmp},
                )
            except subprocess.TimeoutExpired as err:
                raise FormatError(f"{suffix} conversion timed out after {CONVERT_TIMEOUT_S} s") from err
            out = os.path.join(tmp, "out", "in.docx")
            if proc.returncode == 0 and os.path.exists(out):
                with open(out, "rb") as f:
                    return docx_extract(f.read())
            raise FormatError(f"LibreOffice could not convert this {suffix} file")
    if suffix == ".doc" and shutil.which("antiword"):
        with tempfile.NamedTemporaryFile(suffix=".doc") as f:
            f.write(raw)
            f.flush()
            proc = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", f.name], capture_output=True,
                                  timeout=CONVERT_TIMEOUT_S)
        text = proc.stdout.decode("utf-8", "replace")
        if proc.returncode != 0 or not text.strip():
            raise FormatError(f"antiword could not read this .doc file ({proc.stderr.decode('utf-8', 'replace').strip()[:120]})")
        b = _Builder()
        b.add(text)
        return b.finish()
    raise FormatError(f"reading {suffix} needs LibreOffice (apt-get install libreoffice-writer-nogui)"
                      + (" or antiword" if suffix == ".doc" else ""))
