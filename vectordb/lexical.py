"""BM25 over jieba tokens (bm25s), for the exact terms that dense search misses.

The index is derived from the store's live records, so it can never disagree
with them: it is saved under a fingerprint of the live versions it was built
from (atomic rename), reused while that fingerprint holds, and rebuilt when
any process changes the live set.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.zh import join_digit_spaces, vocabulary

_KEEP = re.compile(r"[\w%]", re.UNICODE)
STOPWORDS = frozenset(vocabulary("stopwords"))  # ingest/data/stopwords.txt
_QUESTION_CHARS = re.compile(r"[哪吗呢？?]")  # "哪三大" must still match "三大"
USER_TERMS = vocabulary("planning_terms")  # ingest/data/planning_terms.txt: terms jieba would otherwise cut apart


_jieba = None


def jieba_tokenizer(cache_dir: str | None = None):
    """jieba with the planning terms added (tagged as nouns for part-of-speech cuts), initialised once per
    process; its dictionary cache goes to the first cache_dir given (else jieba's default)."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        if cache_dir:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = cache_dir
        for term in USER_TERMS:
            jieba.add_word(term, freq=200000, tag="n")
        jieba.initialize()
        _jieba = jieba
    return _jieba


def tokenize(text: str, cache_dir: str | None = None) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = join_digit_spaces(text)  # "2020 年" → "2020年"
    text = _QUESTION_CHARS.sub(" ", text)
    # interned: a large corpus repeats the same few thousand words millions of times
    return [sys.intern(t) for t in jieba_tokenizer(cache_dir).lcut_for_search(text) if _KEEP.search(t) and t not in STOPWORDS]


class LexicalIndex:
    def __init__(self, ids: Sequence[str], texts: Sequence[str] | None = None, cache_dir: str | None = None, bm25=None,
                 known_tokens: dict[str, list[str]] | None = None):
        """Build from texts (tokens already known for an id, from an earlier build, are reused), or wrap a
        loaded bm25."""
        import bm25s

        self.ids = list(ids)
        self._cache_dir = cache_dir
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        self._bm25 = bm25 or bm25s.BM25()
        self._tokens: list[list[str]] | None = None
        if bm25 is None and self.ids:
            known = known_tokens or {}
            self._tokens = [known.get(i) or tokenize(t, cache_dir) or ["∅"] for i, t in zip(self.ids, texts or ())]
            self._bm25.index(self._tokens, show_progress=False)

    def token_map(self) -> dict[str, list[str]]:
        """Tokens by id, when this index was built here (not loaded), for the next build to reuse."""
        return dict(zip(self.ids, self._tokens)) if self._tokens else {}

    def search(self, query: str | Sequence[str], k: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        """Top k (id, score); `query` is text or already-made tokens; `allow` limits the ids."""
        if not self.ids:
            return []
        vocab = self._bm25.vocab_dict
        toks = tokenize(query, self._cache_dir) if isinstance(query, str) else list(query)
        toks = [t for t in toks if t in vocab]
        if not toks:
            return []
        scores = self._bm25.get_scores(toks)
        if allow is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[[self._pos[i] for i in allow if i in self._pos]] = True
            scores = np.where(mask, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    # --- persistence ---------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write atomically: a reader sees the whole index or none."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            if self.ids:  # an empty index was never built: its ids alone say so
                self._bm25.save(str(tmp / "bm25"), show_progress=False)
            (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
            if folder.exists():
                shutil.rmtree(folder)
            os.replace(tmp, folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, cache_dir: str | None = None) -> "LexicalIndex | None":
        import bm25s

        try:
            ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
            return cls(ids, cache_dir=cache_dir, bm25=bm25s.BM25.load(str(folder / "bm25"), show_progress=False) if ids else None)
        except (OSError, ValueError):
            return None
