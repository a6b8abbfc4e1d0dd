"""Small text normalisations shared by answering and matching."""

from __future__ import annotations

import re
import unicodedata

# "2020 年的111 亿元" → "2020年的111亿元": extraction puts spaces between figures and units.
_SPACE_AFTER_DIGIT = re.compile(r"(?<=[\d%％])[ \u3000]+(?=[^\x00-\x7f])")
_SPACE_BEFORE_DIGIT = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=\d)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?")
STOP_BIGRAMS = {"多少", "什么", "哪些", "怎么", "如何", "是否", "为什", "是多", "有哪", "哪几", "怎样", "提出", "要求"}


def tidy_figures(text: str) -> str:
    return _SPACE_BEFORE_DIGIT.sub("", _SPACE_AFTER_DIGIT.sub("", text))


def fold_width(text: str) -> str:
    """Full-width digits/letters/punctuation to half-width (NFKC), for matching only."""
    return unicodedata.normalize("NFKC", text)


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _CJK_RUN.findall(fold_width(text)):
        if run.isascii():
            grams.add(run.lower())
        elif len(run) == 1:
            grams.add(run)
        else:
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams - STOP_BIGRAMS



_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFKC, lower case, no whitespace: `111 亿元` and `111亿元` compare equal."""
    return _WS.sub("", unicodedata.normalize("NFKC", text)).lower()
