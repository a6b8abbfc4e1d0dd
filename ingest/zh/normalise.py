"""Normalisations for matching (never for what is shown or cited): widths, spaces around figures, bigrams."""

from __future__ import annotations

import re
import unicodedata

from ingest.zh.vocab import vocabulary

# "2020 年的111 亿元" → "2020年的111亿元": extraction puts spaces between figures and units.
_SPACE_AFTER_DIGIT = re.compile(r"(?<=[\d%％])[ \u3000]+(?=[^\x00-\x7f])")
_SPACE_BEFORE_DIGIT = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=\d)")
# "2020 年" → "2020年", "PM 2.5" → "PM2.5": every run of ASCII spaces between a digit and a non-digit.
_DIGIT_SPACE = re.compile(r"(?<=\d) +(?=\D)|(?<=\D) +(?=\d)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?")  # = DECIMAL (ingest.zh)
STOP_BIGRAMS = frozenset(vocabulary("stop_bigrams"))  # question words: no evidence of a topic
_WS = re.compile(r"\s+")
# 27·7％, 3 · 1亿: older typeset documents write the decimal point as a middle dot (5·18 as a date is left alone:
# only a figure going on into a percentage, a multiple or a magnitude is a decimal)
_MID_DOT_DECIMAL = re.compile(r"(?<=\d)[·•](?=\d+[%％‰倍万亿])")


def tidy_figures(text: str) -> str:
    """Spaces (ASCII or ideographic) between a figure and a Chinese character removed, and a middle dot used as the
    decimal point written as one, for quoting."""
    return _MID_DOT_DECIMAL.sub(".", _SPACE_BEFORE_DIGIT.sub("", _SPACE_AFTER_DIGIT.sub("", text)))


def join_digit_spaces(text: str) -> str:
    """ASCII spaces next to a digit removed, for tokenising and reading questions."""
    return _DIGIT_SPACE.sub("", text)


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


def squash(text: str) -> str:
    """NFKC, lower case, no whitespace: `111 亿元` and `111亿元` compare equal."""
    return _MID_DOT_DECIMAL.sub(".", _WS.sub("", unicodedata.normalize("NFKC", text))).lower()
