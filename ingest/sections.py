"""Find the heading hierarchy of Chinese official documents.

Levels, most significant first: 第X篇, 第X章, 第X节 (Chinese or Arabic numerals), 第X条, 一、, （一）, 1., then
short standalone "一是…。" lines and "一要…" paragraph openers. A run-in heading
(heading sentence and body on one line) is named by its text up to the first 。;
a line whose would-be heading runs past the cap is prose. In run-on text (very
long lines, as doc-sharing sites extract) 一、 and （一） also open sections
right after a sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.zh import CN_DIGITS as NUM
from ingest.zh import heading_level

# Levels 1-3 (第X篇/章/节, Chinese or Arabic numerals) are ingest.zh.heading_level; then:
_RULES: list[tuple[int, re.Pattern[str]]] = [
    (4, re.compile(rf"^第[{NUM}]+条")),
    (5, re.compile(rf"^[{NUM}]{{1,3}}、(?=\S)")),
    (6, re.compile(rf"^[（(][{NUM}]{{1,3}}[）)]")),
    (7, re.compile(r"^\d{1,2}[.．](?!\d)")),
]
_STANDALONE_SHI = re.compile(rf"^[{NUM}]{{1,2}}是[^。]{{2,28}}[。.]?$")  # 002: "一是实施主导产业培育行动。"
_YAO = re.compile(rf"^[{NUM}]{{1,2}}要")  # 004: "一要…" paragraph openers
_INLINE = re.compile(rf"(?<=[。！!？?:：])(?:[{NUM}]{{1,2}}、|[（(][{NUM}]{{1,2}}[）)])(?=\S)")
HEADING_MAX = 40  # a heading's own text (up to the first 。) is never longer
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


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, heading text) if the line opens a section."""
    stripped = line.strip()
    level = heading_level(stripped) or next((lv for lv, rule in _RULES if rule.match(stripped)), None)
    if level is not None:
        head = _head_text(stripped)
        return (level, head) if len(head) <= HEADING_MAX else None
    if _STANDALONE_SHI.match(stripped):
        return 8, stripped.rstrip("。.")
    if _YAO.match(stripped):
        head = re.split(r"[，,。；;]", stripped, maxsplit=1)[0]
        return (9, head) if len(head) <= 30 else None
    return None


def _inline_headings(line: str, base: int) -> list[tuple[int, int, str]]:
    found = []
    for m in _INLINE.finditer(line):
        rest = line[m.start():]
        head = re.split(r"[。！!？?,，:：;；]", rest, maxsplit=1)[0][:INLINE_HEAD_MAX]
        found.append((base + m.start(), 5 if "、" in m.group(0) else 6, head))
    return found


def find_headings(text: str) -> list[tuple[int, int, str]]:
    """(offset, level, heading text) in document order."""
    heads = []
    pos = 0
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        found = heading_of(line)
        if found:
            heads.append((pos + indent, found[0], found[1]))
        if len(line) >= RUN_ON_LINE:
            heads.extend(_inline_headings(line, pos))
        pos += len(line) + 1
    heads.sort()
    return heads


def parse_sections(text: str) -> list[Section]:
    """Spans that partition ``text``, each with its heading path."""
    marks: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    stack: list[tuple[int, str]] = []
    for offset, level, head in find_headings(text):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, head))
        marks.append((offset, tuple(h for _, h in stack)))
    sections = []
    for i, (start, path) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if end > start:
            sections.append(Section(start, end, path))
    return sections
