"""Chinese-text rules every layer shares, one copy each: numerals, the 第X篇/章/节 heading reference,
the heading-path separator, sentence spans and token counts.

ingest/ cuts documents with them, vectordb/ maps headings to chunks with them, assistant/ reads questions
and quotes sentences with them, so a rule changed here changes everywhere at once.
"""

from __future__ import annotations

import re

from ingest.tokens import count_tokens

__all__ = ["CN_DIGITS", "HEADING_LEVELS", "HEADING_REF", "SECTION_SEP", "count_tokens", "heading_level",
           "sentence_spans"]

CN_DIGITS = "一二三四五六七八九十百零〇两"  # the characters of a Chinese numeral (一百二十, 两, 〇)
HEADING_LEVELS = "篇章节"  # most significant first
# How documents head, and questions name, a part, chapter or section: 第七篇, 第三章, 第1节.
HEADING_REF = re.compile(rf"第[{CN_DIGITS}\d]+[{HEADING_LEVELS}]")
SECTION_SEP = " › "  # between the headings of a heading path ("第二篇 … › 第三章 …")

# A sentence runs to 。！？；!?; (plus closing quotes/brackets) or to a line end.
_SENTENCE = re.compile(r"[^\n。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def heading_level(text: str) -> int | None:
    """1, 2 or 3 when text opens with 第X篇, 第X章 or 第X节 (Chinese or Arabic numerals)."""
    m = HEADING_REF.match(text)
    return HEADING_LEVELS.index(m.group()[-1]) + 1 if m else None


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Whitespace-trimmed sentence spans inside text[start:end]."""
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans
