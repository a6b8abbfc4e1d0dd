"""Chinese-text rules every layer shares, one copy each: numerals, the 第X篇/章/节 heading reference, the
heading-path separator, year and figure patterns, the spaces extraction puts around digits, sentence spans,
normalisation for matching, token counts, and the vocabularies (ingest/data/*.txt).

ingest/ cuts documents with them, vectordb/ tokenises and maps headings to chunks with them, assistant/ reads
questions and quotes sentences with them, eval/ matches quotes with them: a rule changed here changes everywhere.
"""

from __future__ import annotations

import re

from ingest.tokens import count_tokens
from ingest.zh.normalise import bigrams, fold_width, join_digit_spaces, squash, tidy_figures
from ingest.zh.vocab import vocabulary

__all__ = ["ARABIC_FIGURE", "CN_DIGITS", "CN_FIGURE", "CN_SMALL", "CN_YEAR", "DECIMAL", "HEADING_LEVELS", "HEADING_REF", "ORDINAL", "RELATIVE_YEARS", "SECTION_SEP", "YEAR", "bigrams",
           "count_tokens", "fold_width", "heading_level", "join_digit_spaces", "sentence_spans", "squash",
           "tidy_figures", "vocabulary"]

CN_DIGITS = "一二三四五六七八九十百零〇两"  # the characters of a Chinese numeral (一百二十, 两, 〇)
CN_SMALL = "一二三四五六七八九十"  # one to ten: item ordinals (（三）, 三是), plan ordinals (十四五)
ORDINAL = rf"[{CN_DIGITS}0-9０-９]+"  # the X of 第X篇/章/节/条: Chinese or Arabic (half- or full-width) numerals
HEADING_LEVELS = "篇章节"  # most significant first
# How documents head, and questions name, a part, chapter or section: 第七篇, 第三章, 第1节.
HEADING_REF = re.compile(rf"第{ORDINAL}[{HEADING_LEVELS}]")
SECTION_SEP = " › "  # between the headings of a heading path ("第二篇 … › 第三章 …")
YEAR = r"(?:19|20)\d\d"  # a year of these documents: 1900–2099
CN_YEAR = r"[一二][〇零一二三四五六七八九]{3}"  # the same year in Chinese numerals (二〇三五年), as party documents write it
DECIMAL = r"\d+(?:\.\d+)?"  # an Arabic number: 12, 2.5
# An Arabic figure that is not a year (2020年), a date (1月14日) or an item number (11．, 3、).
ARABIC_FIGURE = rf"(?<![\d.])(?!{YEAR}年)(?!{DECIMAL}[月日])(?!\d+[.．、﹒](?!\d)){DECIMAL}"
# A figure written in Chinese numerals, as party and state documents write them: 百分之十八点五, 三万九千八百元,
# 十亿三千万人, 裁减…三十万. A magnitude (十百千万亿) is required, so ordinals (十四五, 二十大) and idioms (千万) are not.
CN_FIGURE = (r"百分之[〇零一二三四五六七八九十百点]+"
             r"|(?<![第〇零一二三四五六七八九十百千万亿两])[一二三四五六七八九十两][〇零一二三四五六七八九点]*"
             r"[十百千万亿][〇零一二三四五六七八九十百千万亿点多]*"
             r"(?:(?<=[万亿])|(?=[元人吨亩套台辆种户家个项所座名倍次]|[^\u4e00-\u9fff]|$))")
# Years a dated text speaks of without writing them, as offsets from its own year (a 2026 report's 去年 is 2025).
RELATIVE_YEARS = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "上年": -1, "上一年": -1, "过去一年": -1}

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
