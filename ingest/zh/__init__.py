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

__all__ = ["ARABIC_FIGURE", "CN_DIGITS", "CN_FIGURE", "CN_SMALL", "CN_YEAR", "DECIMAL", "DOC_NUMBER", "HEADING_LEVELS", "HEADING_REF", "NEWS_DATELINE", "ORDINAL", "RELATIVE_YEARS", "SECTION_SEP", "YEAR", "arabic_figures", "arabic_years", "bigrams", "cn_number",
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
DOC_NUMBER = rf"[〔\[［(（]\s*{YEAR}\s*[〕\]］)）]\s*\d{{1,4}}\s*号"  # 〔2026〕9号 of 某政办发〔2026〕9号
CN_YEAR = r"[一二][〇零一二三四五六七八九]{3}"  # the same year in Chinese numerals (二〇三五年), as party documents write it
# A news report's dateline (新华社北京3月5日电, 本报讯): the agency, the place and the day it was filed, not a date
# the report is about; its reporters' names after it are no one the report is about
NEWS_DATELINE = re.compile(r"[^，。,\n]{2,24}?\d{1,2}月\d{1,2}日(?:电|讯)(?:[（(][^）)\n]{0,30}[）)])?")
DECIMAL = r"\d+(?:\.\d+)?"  # an Arabic number: 12, 2.5
# An Arabic figure that is not a year (2020年), a date (1月14日) or an item number (11．, 3、).
ARABIC_FIGURE = rf"(?<![\d.])(?!{YEAR}年)(?!{DECIMAL}[月日])(?!\d+[.．、﹒](?!\d)){DECIMAL}"
# A figure written in Chinese numerals, as party and state documents write them: 百分之十八点五, 三万九千八百元,
# 十亿三千万人, 裁减…三十万. A magnitude (十百千万亿) is required, so ordinals (十四五, 二十大) and idioms (千万) are not.
CN_FIGURE = (r"百分之[〇零一二三四五六七八九十百点]+"
             r"|(?<![第〇零一二三四五六七八九十百千万亿两])[一二三四五六七八九十两][〇零一二三四五六七八九点]*"
             r"[十百千万亿][〇零一二三四五六七八九十百千万亿点多]*"
             r"(?:(?<=[万亿])|(?=[元人吨亩套台辆种户家个项所座名倍次岁天]|[^\u4e00-\u9fff]|$))")
_CN_FIGURE = re.compile(CN_FIGURE)
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "": 1}  # largest first


def _cn_below_10000(s: str) -> int | None:
    total, current = 0, None
    for c in s:
        if c in _CN_DIGIT:
            current = _CN_DIGIT[c] if current is None else current * 10 + _CN_DIGIT[c]
        elif c in _CN_SMALL_UNITS:
            total += (1 if current is None else current) * _CN_SMALL_UNITS[c]
            current = None
        else:
            return None
    return total + (current or 0)


def cn_number(numeral: str) -> float | None:
    """The value of a numeral in Chinese (一万六千五百 → 16500, 十亿三千万 → 1030000000, 十八点五 → 18.5), or None."""
    whole, _, frac = numeral.partition("点")
    if frac and not all(c in _CN_DIGIT for c in frac):
        return None
    value = _cn_whole(whole) if whole else None
    if value is None:
        return None
    return value + (float("0." + "".join(str(_CN_DIGIT[c]) for c in frac)) if frac else 0)


def _cn_whole(s: str) -> int | None:
    for mark, size in (("亿", 10**8), ("万", 10**4)):  # 二万八千亿: the part before 亿 may hold 万
        if mark in s:
            head, _, rest = s.partition(mark)
            high = _cn_whole(head) if head else None
            low = _cn_whole(rest) if rest else 0
            return None if high is None or low is None else high * size + low
    return _cn_below_10000(s)


_CN_YEAR_AT = re.compile(rf"{CN_YEAR}(?=年)")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals rewritten in Arabic (二〇三五年 → 2035年); the rest of the text unchanged."""
    return _CN_YEAR_AT.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group(0)), text)


def arabic_figures(text: str) -> str:
    """Figures and years written in Chinese numerals rewritten in Arabic (三万五千一百元 → 35100元, 一千三百万人 →
    1300万人, 百分之十八点五 → 18.5%, 二〇三五年 → 2035年), so they can be computed on and compared; the rest of the
    text is unchanged."""
    def arabic(m: re.Match[str]) -> str:
        word = m.group(0)
        percent = word.startswith("百分之")
        body = word[3:] if percent else word
        more = "多" if body.endswith("多") else ""
        body = body.rstrip("多")
        mag = next((k for k in ("万亿", "亿", "万") if body.endswith(k) and len(body) > len(k)), "")
        if mag and re.search("[万亿]", body[: -len(mag)]):  # 十亿三千万: written in the largest magnitude
            value = cn_number(body)
            mag = next((k for k, v in _MAGNITUDES.items() if value and value >= v), "")
            value = value / _MAGNITUDES[mag] if value is not None else None
        else:
            value = cn_number(body[: len(body) - len(mag)] if mag else body)
        if value is None:
            return word
        number = f"{value:.6f}".rstrip("0").rstrip(".")
        return f"{number}{mag}{more}{'%' if percent else ''}"
    return _CN_FIGURE.sub(arabic, arabic_years(text))


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
