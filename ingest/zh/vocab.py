"""The word lists (stop words, planning terms, genres, units…) as data files under ingest/data/, read once."""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@functools.lru_cache(maxsize=None)
def vocabulary(name: str) -> tuple[str, ...]:
    """The words of ingest/data/<name>.txt, in file order: whitespace-separated, `#` starts a comment."""
    return tuple(w for group in vocabulary_groups(name) for w in group)


def vocabulary_groups(name: str) -> tuple[tuple[str, ...], ...]:
    """The lines of ingest/data/<name>.txt as groups of words (`#` starts a comment; blank lines skipped)."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(g for g in (tuple(line.split("#", 1)[0].split()) for line in lines) if g)
