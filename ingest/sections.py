"""Find the heading hierarchy of Chinese official documents.

Levels, most significant first: 第X篇, 第X章, 第X节, 第X条, 一、, （一）, 1., then
short standalone "一是…。" lines and "一要…" paragraph openers. A run-in heading
(heading sentence and body on one line) is named by its text up to the first 。;
a line whose would-be heading runs past the cap is prose. In run-on text (very
long lines, as doc-sharing sites extract) 一、 and （一） also open sections
right after a sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ingest.zh import CN_DIGITS as NUM
from ingest.zh import CN_SMALL
from ingest.zh import ORDINAL as _ORD  # 第X篇 with Chinese or Arabic numerals

_OPEN, _CLOSE = "（(〈〔［", "）)〕〉］"  # OCR mixes bracket shapes: 〈一）, （五〕
APPENDIX_LEVEL = 1  # 附件N, 名词解释, 注释: a part of its own, beside the numbered parts
PART_LEVEL = 4  # an unnumbered part title ("“十四五”时期工作回顾") sits above 一、
BOX_LEVEL = 10  # 专栏N boxes sit inside the section where they appear
_RULES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第{_ORD}[篇编]")),
    (2, re.compile(rf"^第{_ORD}章")),
    (3, re.compile(rf"^第{_ORD}节")),
    (4, re.compile(rf"^第{_ORD}条")),
    (5, re.compile(rf"^[{NUM}]{{1,3}}、(?=\S)")),
    (6, re.compile(rf"^[{_OPEN}][{NUM}]{{1,3}}[{_CLOSE}]")),
    (7, re.compile(r"^\d{1,2}[.．](?!\d)")),
]
# 【重点任务3】…: a numbered label in square brackets heads a part inside a numbered one, as （三） does
_BRACKETED = re.compile(rf"^【[^】]{{1,12}}?[0-9{NUM}]{{1,3}}】(?=\S)")
_ARTICLE = re.compile(rf"^第{_ORD}条")
# a sentence about a part of another text (第一章“总则”（第一条至第六条），明确了…; 第二十五条规定，…), as a drafting
# note or a reading of a policy writes: no heading of this document
_CITED_PART = re.compile(rf"^第{_ORD}[篇编章节条](?:“[^”]{{1,24}}”[（(，,]|(?:规定|明确|提出|指出|要求)了?[，,：:])")
_GAP = re.compile(r"[\u3000\u2002\u2003 ]{2,}|[\u3000\u2002\u2003]+ +|\u3000\u2002")  # title | body in one line
_GLUED_NEXT = re.compile(rf"[\u3000\u2002\u2003 ]{{2,}}(?=第{_ORD}[篇编章节条])")  # 第一章　总则　　第一条　…
_APPENDIX = re.compile(rf"^(?:附件\s*[0-9{CN_SMALL}]{{0,3}}[:：]?(?:\S.{{0,38}})?|.{{0,20}}名词(?:解释|注释)|注释|附注)$")
_BOX = re.compile(rf"^专栏\s*[0-9{CN_SMALL}]{{1,3}}(?![0-9])")
_STANDALONE_SHI = re.compile(rf"^[{NUM}]{{1,2}}是[^。]{{2,28}}[。.]?$")  # 002: "一是实施主导产业培育行动。"
_LEAD_SHI = re.compile(rf"^[{NUM}]{{1,2}}是([^。；，,]{{2,30}})[。；，,]")  # Ningxia: "一是突出打好“六个攻坚战”，…"
_YAO = re.compile(rf"^[{NUM}]{{1,2}}要")  # 004: "一要…" paragraph openers
_INLINE = re.compile(rf"(?<=[。！!？?:：])(?:[{NUM}]{{1,2}}、|[（(][{NUM}]{{1,2}}[）)])(?=\S)")
_PART_PUNCT = re.compile(r"[。；;，,：:！!？?、=＝÷×+＋/|｜<>《]|^[—\-─]|[日号]$|(?:办公厅|办公室|人民政府|委员会|领导小组|局|厅)$")
HEADING_MAX = 40  # a heading's own text (up to the first 。) is never longer
LONG_HEADING_MAX = 80  # … except a （一） clause heading ("…建设，打造…"), cut to HEADING_MAX
PART_MAX = 30  # an unnumbered part title is a short line
PROSE_MIN = 60  # a line this long is a body paragraph
RUN_ON_LINE = 2000  # lines this long are extraction run-ons, not paragraphs
INLINE_HEAD_MAX = 24


@dataclass(frozen=True)
class Section:
    start: int  # offset of the heading (or 0 for the preamble)
    end: int
    path: tuple[str, ...]

    @property
    def level(self) -> int:
        return len(self.path)


def _head_text(s: str) -> str:
    return re.sub(r"\s+", " ", re.split(r"[。！？!?]", s, maxsplit=1)[0].strip())


_SPACED_TITLE = re.compile(r"[\u4e00-\u9fff](?:[\u3000\u2002 ]+[\u4e00-\u9fff]){1,3}")


def _numbered_head(level: int, stripped: str) -> str | None:
    if level == 4:  # an article is named by its number; its text is the body
        return _ARTICLE.match(stripped).group(0)
    if level <= 3:
        # "第一篇　转变方式　开创科学发展新局面　　“十二五”时期是…": the title ends at the first wide gap.
        m = re.match(rf"第{_ORD}[篇编章节][\u3000\u2002 ]?", stripped)
        if m and _SPACED_TITLE.fullmatch(stripped[m.end():]):  # 第一章　总　　则: a short title spaced out
            return _head_text(stripped[: m.end()] + re.sub(r"[\u3000\u2002 ]", "", stripped[m.end():]))
        gap = _GAP.search(stripped, m.end() + 1) if m else None
        if gap:
            stripped = stripped[: gap.start()]
    head = _head_text(stripped)
    if len(head) <= HEADING_MAX:
        return head
    # A long run-in （一） heading ("（一）久久为功推动粤港澳大湾区建设，打造…。"): named by its start.
    if level == 7 and (term := re.match(r"[^：:。]{2,38}[：:]", head)):
        return term.group(0)[:-1]  # a glossary entry "1.“两重”：是指…" is named by its term
    long_ok = level == 6 and len(head) <= LONG_HEADING_MAX and re.search("[，,]", head)
    return head[:HEADING_MAX] if long_ok else None


# 1 总则 / 1.1 编制目的 / 3.2.1 监测: decimal outline numbers (预案, 标准) with a short title alone on the line;
# nested by their depth, above the 一、/（一） a section's own text may use
_DECIMAL = re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){0,3})[\u3000\u2002 \t]+([\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,23})$")
DECIMAL_LEVEL = 4.5  # "1"; each further number adds a tenth (1.1 → 4.6, 3.2.1 → 4.7)


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, heading text) if the line opens a section (judged on the line alone)."""
    stripped = line.strip()
    if _CITED_PART.match(stripped):
        return None
    if m := _DECIMAL.match(stripped):
        depth = len(re.findall(r"[.．]", m.group(1)))
        return DECIMAL_LEVEL + depth / 10, stripped
    for level, rule in _RULES:
        if rule.match(stripped):
            head = _numbered_head(level, stripped)
            return (level, head) if head else None
    if _BRACKETED.match(stripped):
        head = _head_text(stripped)
        return (6, head) if len(head) <= HEADING_MAX else None
    if _APPENDIX.match(stripped):
        return APPENDIX_LEVEL, stripped.rstrip(":：")
    if _BOX.match(stripped):
        return BOX_LEVEL, _head_text(stripped)[:HEADING_MAX]
    if _STANDALONE_SHI.match(stripped):
        return 8, stripped.rstrip("。.")
    if m := _LEAD_SHI.match(stripped):
        return 8, stripped[: m.end() - 1]
    if _YAO.match(stripped):
        head = re.split(r"[，,。；;]", stripped, maxsplit=1)[0]
        return (9, head) if len(head) <= 30 else None
    return None


def _is_prose(line: str) -> bool:
    return len(line.strip()) >= PROSE_MIN


_CAPTION = re.compile(rf"^(?:附)?表\s*[0-9{CN_SMALL}]*(?:[\s：:.．、]|$)")  # 表1 主要指标: a table's name, no part


def part_title(prev: str, line: str, nxt: str) -> bool:
    """An unnumbered part title: a short standalone line with no sentence punctuation, after a
    finished paragraph and before body text or a numbered heading ("2026年重点工作")."""
    s = line.strip()
    if not (4 <= len(s) <= PART_MAX) or _PART_PUNCT.search(s) or heading_of(s) or _CAPTION.match(s) \
            or s.endswith("表"):  # …学区划分表, …一览表: a table's name, no part
        return False
    p = prev.strip()
    if len(p) < 10 or heading_of(p) or not p.endswith(("。", "！", "!", "？", "?", "”", "）", ")")):
        return False
    n = nxt.strip()
    found = heading_of(n)
    return _is_prose(n) or bool(found and found[0] in (5, 6))


def _inline_headings(line: str, base: int) -> list[tuple[int, int, str]]:
    found = []
    for m in _INLINE.finditer(line):
        rest = line[m.start():]
        head = re.split(r"[。！!？?,，:：;；]", rest, maxsplit=1)[0][:INLINE_HEAD_MAX]
        found.append((base + m.start(), 5 if "、" in m.group(0) else 6, head))
    return found


def find_headings(text: str, hints: Iterable[tuple[int, str]] = ()) -> list[tuple[int, int, str]]:
    """(offset, level, heading text) in document order.

    ``hints``: (level, line text) pairs the file format marked as headings (Word heading styles,
    bold paragraphs, HTML h1–h6 and bold spans); a line starting with a hint's text opens a section
    at that level unless the text itself already names one.
    """
    hint_list = [(lvl, h.strip()) for lvl, h in hints if h.strip()]
    heads = []
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(nonblank):
        line, pos = lines[i], offsets[i]
        indent = len(line) - len(line.lstrip())
        found = heading_of(line)
        if found and found[0] == APPENDIX_LEVEL and heads and heads[-1][1] == APPENDIX_LEVEL \
                and re.fullmatch(rf"附件\s*[0-9{CN_SMALL}]{{0,3}}", heads[-1][2]) and k and heads[-1][0] >= offsets[nonblank[k - 1]]:
            heads[-1] = (heads[-1][0], APPENDIX_LEVEL, f"{heads[-1][2]} {found[1]}")  # 附件2 / 名词解释: one title
        elif found:
            heads.append((pos + indent, found[0], found[1]))
            # "第三篇推进改革开放第十三章深化各项改革": a chapter run into its part's title line.
            glued = re.search(rf"(?<=\S)第{_ORD}[章节]", found[1]) if found[0] <= 2 else None
            if glued:
                heads[-1] = (pos + indent, found[0], found[1][: glued.start()])
                heads.append((pos + indent + line.strip().index(found[1]) + glued.start(), found[0] + 1 if found[0] == 1 else 3,
                              found[1][glued.start():]))
            # 第一章　总则　　第一条　…: the article glued to its chapter opens its own section.
            if found[0] <= 3:
                for m in _GLUED_NEXT.finditer(line, indent + 1):
                    nxt = heading_of(line[m.end():])
                    if nxt:
                        heads.append((pos + m.end(), nxt[0], nxt[1]))
        else:
            stripped = line.strip()
            hint = next(((lvl, h) for lvl, h in hint_list if stripped.startswith(h)), None)
            if hint:
                heads.append((pos + indent, hint[0], _head_text(hint[1])[:HEADING_MAX]))
            elif 0 < k < len(nonblank) - 1 and part_title(lines[nonblank[k - 1]], line, lines[nonblank[k + 1]]):
                heads.append((pos + indent, PART_LEVEL, stripped))
        if len(line) >= RUN_ON_LINE:
            heads.extend(_inline_headings(line, pos))
    heads.sort()
    # "1 总则" heads a part only where "1.1 …" follows; alone it is a table's or a list's line
    subs = {h.split()[0].split(".")[0].split("．")[0] for _, lvl, h in heads if DECIMAL_LEVEL < lvl < 5}
    return [x for x in heads if x[1] != DECIMAL_LEVEL or x[2].split()[0] in subs]


def _push(stack: list[tuple[int, str]], level: int, head: str) -> None:
    """Open a heading on the stack of open ones. A 专栏 box's own numbered items (专栏1 / 1.… 2.…) sit inside it though
    numbered as a higher level: headings deeper than the part the box is in, of the level its first item has (or
    deeper); any other heading, or the next box, closes the box."""
    box = next((i for i, (lvl, _) in enumerate(stack) if lvl == BOX_LEVEL), None)
    if box is not None and level != BOX_LEVEL:
        outer = stack[box - 1][0] if box else 0
        items = stack[box + 1][0] if len(stack) > box + 1 else None
        if level > outer and (items is None or level >= items):
            while len(stack) > box + 1 and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, head))
            return
    if box is not None:
        del stack[box:]
    while stack and stack[-1][0] >= level:
        stack.pop()
    stack.append((level, head))


def parse_sections(text: str, hints: Iterable[tuple[int, str]] = ()) -> list[Section]:
    """Spans that partition ``text``, each with its heading path."""
    marks: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    stack: list[tuple[int, str]] = []
    for offset, level, head in find_headings(text, hints):
        _push(stack, level, head)
        marks.append((offset, tuple(h for _, h in stack)))
    sections = []
    for i, (start, path) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if end > start:
            sections.append(Section(start, end, path))
    return sections


def outline(text: str, hints: Iterable[tuple[int, str]] = ()) -> list[tuple[int, str]]:
    """(depth, heading) for each detected heading: depth counts nesting from 1, whatever the levels."""
    stack: list[tuple[int, str]] = []
    rows = []
    for _, level, head in find_headings(text, hints):
        _push(stack, level, head)
        rows.append((len(stack), head))
    return rows
