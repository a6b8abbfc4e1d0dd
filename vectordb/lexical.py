"""BM25 over jieba tokens (bm25s), for the exact terms that dense search misses."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from pathlib import Path
from typing import Sequence

import numpy as np

_KEEP = re.compile(r"[\w%]", re.UNICODE)
STOPWORDS = frozenset("的 了 和 与 及 是 在 为 对 等 将 把 被 有 吗 呢 啊 什么 多少 哪些 哪个 怎么 如何 是否 请问 一下 这个 那个".split())
# Planning terms jieba would otherwise cut apart.
USER_TERMS = ("地区生产总值", "十四五", "十三五", "乡村振兴", "一般公共预算收入", "城镇化率", "高质量发展", "二〇三五年", "远景目标")


@functools.lru_cache(maxsize=1)
def _jieba(cache_dir: str | None = None):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if cache_dir:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = cache_dir
    for term in USER_TERMS:
        jieba.add_word(term, freq=200000)
    jieba.initialize()
    return jieba


def tokenize(text: str, cache_dir: str | None = None) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"(?<=\d) +(?=\D)|(?<=\D) +(?=\d)", "", text)  # "2020 年" → "2020年"
    return [t for t in _jieba(cache_dir).lcut_for_search(text) if _KEEP.search(t) and t not in STOPWORDS]


class LexicalIndex:
    def __init__(self, ids: Sequence[str], texts: Sequence[str], cache_dir: str | None = None):
        import bm25s

        self.ids = list(ids)
        self._cache_dir = cache_dir
        self._bm25 = bm25s.BM25()
        if self.ids:
            self._bm25.index([tokenize(t, cache_dir) or ["∅"] for t in texts], show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        if not self.ids:
            return []
        vocab = self._bm25.vocab_dict
        toks = [t for t in tokenize(query, self._cache_dir) if t in vocab]
        if not toks:
            return []
        scores = self._bm25.get_scores(toks)
        top = np.argsort(-scores)[:k]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
