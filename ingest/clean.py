"""Normalise extracted text before sectioning; the result is what offsets point into."""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")


def clean(text: str) -> str:
    text = text.lstrip("\ufeff")
    text = _NEWLINES.sub("\n", text)
    return text.replace("\x00", "")


def extract_title(text: str) -> str:
    """First short non-blank line, joined with a short continuation line (titles often wrap)."""
    lines = [ln.strip() for ln in text.split("\n")]
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(line) > 80:
            return line[:80]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        after = lines[i + 2] if i + 2 < len(lines) else ""
        if nxt and len(nxt) <= 30 and not after and not re.match(r"^[一二三四五六七八九十]+、|^第", nxt):
            return line + nxt
        return line
    return ""
