"""How gold quotes are found in passages.

Both sides are normalised: NFKC (full-width letters, digits and punctuation
become half-width: `，`→`,`, `．`→`.`, `％`→`%`), lower case, and all
whitespace removed (001 writes `111 亿元`, 002 has hard wraps inside words).
A quote is found in a passage when its normalised text is a substring of the
passage's. A quote that spans a chunk boundary is split at sentence and clause
ends; it counts as found when its longest part (at least MIN_PART characters)
is inside the passage.
"""

from __future__ import annotations

import re

from ingest.zh import DECIMAL, arabic_figures, squash

MIN_PART = 6
_SPLIT = re.compile(r"[。!?;:,、]")
_NUMBER = re.compile(DECIMAL)
_MARKER = re.compile(r"\[\d+\]")


def normalise(text: str) -> str:
    return squash(text)


def longest_part(quote: str) -> str:
    return max(_SPLIT.split(normalise(quote)), key=len, default="")


def quote_in(quote: str, passage: str) -> bool:
    q, p = normalise(quote), normalise(passage)
    if not q:
        return False
    if q in p:
        return True
    part = longest_part(quote)
    return part != q and len(part) >= MIN_PART and part in p


def numbers(text: str) -> list[str]:
    """Figures in a text after normalisation (`8．5％` → `8.5`, 百分之十八点五 → `18.5`); citation markers are not
    figures."""
    return _NUMBER.findall(arabic_figures(normalise(_MARKER.sub("", text))))


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text)
