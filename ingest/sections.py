"""Find the heading hierarchy of Chinese official documents at line starts.

Levels, most significant first: 第X篇, 第X章, 第X节, 第X条, 一、, （一）, 1.
A run-in heading (heading sentence and body on one line) is named by the text up
to its first 。; lines longer than the cap are prose, not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = "一二三四五六七八九十百零〇两"
_RULES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{NUM}]+篇")),
    (2, re.compile(rf"^第[{NUM}]+章")),
    (3, re.compile(rf"^第[{NUM}]+节")),
    (4, re.compile(rf"^第[{NUM}]+条")),
    (5, re.compile(rf"^[{NUM}]{{1,3}}、(?=\S)")),
    (6, re.compile(rf"^[（(][{NUM}]{{1,3}}[）)]")),
    (7, re.compile(r"^\d{1,2}[.．](?!\d)")),
]
HEADING_MAX = 40  # a heading's own text (up to the first 。) is never longer


@dataclass(frozen=True)
class Section:
    start: int  # offset of the heading line (or 0 for the preamble)
    end: int
    path: tuple[str, ...]


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, heading text) if the line opens a section."""
    stripped = line.strip()
    for level, rule in _RULES:
        if rule.match(stripped):
            head = re.split(r"[。！？!?]", stripped, maxsplit=1)[0].strip()
            if len(head) > HEADING_MAX:
                return None
            return level, re.sub(r"\s+", " ", head)
    return None


def parse_sections(text: str) -> list[Section]:
    """Spans that partition ``text``, each with its heading path."""
    marks: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    stack: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        found = heading_of(line)
        if found:
            level, head = found
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, head))
            marks.append((pos, tuple(h for _, h in stack)))
        pos += len(line) + 1
    sections = []
    for i, (start, path) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if end > start:
            sections.append(Section(start, end, path))
    return sections
