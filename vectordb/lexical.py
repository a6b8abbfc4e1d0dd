"""BM25 over jieba tokens, for the exact terms that dense search misses.

Scores are computed at question time from term postings (the Lucene variant with k1 1.5, b 0.75, as bm25s
computes it), so documents can be added and removed without touching the rest: an update appends a small
segment and masks the removed rows, and N, document frequencies and the average length are always those of
the live rows, so an updated index ranks exactly like one built from scratch. Saved atomically under a
fingerprint of the live versions it was built from (see `vectordb.live`).
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
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.zh import join_digit_spaces, vocabulary

_KEEP = re.compile(r"[\w%]", re.UNICODE)
STOPWORDS = frozenset(vocabulary("stopwords"))  # ingest/data/stopwords.txt
_QUESTION_CHARS = re.compile(r"[哪吗呢？?]")  # "哪三大" must still match "三大"
USER_TERMS = vocabulary("planning_terms")  # ingest/data/planning_terms.txt: terms jieba would otherwise cut apart
K1, B = 1.5, 0.75
EMPTY = "∅"  # the one token of a text with none, so every row has a length
MAX_SEGMENTS = 6  # small update segments are merged beyond this
MAX_DEAD = 0.3  # share of removed rows that makes an update compact everything
FORMAT = 2

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


@dataclass
class Segment:
    """Rows added together: term postings in CSC form over the term ids known when it was built."""

    ids: list[str]
    indptr: np.ndarray  # int64, one more than the terms it knows
    rows: np.ndarray  # int32 row of each posting, grouped by term
    tf: np.ndarray  # float32 count of each posting
    length: np.ndarray  # float32 tokens per row
    alive: np.ndarray  # bool per row

    @classmethod
    def build(cls, ids: list[str], docs: list[list[str]], vocab: dict[str, int]) -> "Segment":
        terms = np.asarray([vocab.setdefault(t, len(vocab)) for toks in docs for t in toks], dtype=np.int64)
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), [len(toks) for toks in docs])
        # (term, row) pairs counted: one posting per distinct pair
        key, tf = np.unique(terms * max(len(docs), 1) + rows, return_counts=True)
        term, row = np.divmod(key, max(len(docs), 1))
        return cls.grouped(ids, term, row, tf.astype(np.float32), np.asarray([len(d) for d in docs], dtype=np.float32),
                           len(vocab))

    @classmethod
    def grouped(cls, ids: list[str], term: np.ndarray, row: np.ndarray, tf: np.ndarray, length: np.ndarray,
                n_terms: int) -> "Segment":
        """A segment of all-live rows from its postings (term, row, count), in any order."""
        order = np.lexsort((row, term))
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.add.at(indptr, term + 1, 1)
        return cls(ids, np.cumsum(indptr), row[order].astype(np.int32), tf[order], length, np.ones(len(ids), dtype=bool))

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """Live rows holding the term, and its count in each."""
        if term + 1 >= len(self.indptr):
            return self.rows[:0], self.tf[:0]
        a, b = self.indptr[term], self.indptr[term + 1]
        rows, tf = self.rows[a:b], self.tf[a:b]
        keep = self.alive[rows]
        return (rows, tf) if keep.all() else (rows[keep], tf[keep])

    def without(self, rows: np.ndarray) -> "Segment":
        alive = self.alive.copy()
        alive[rows] = False
        return Segment(self.ids, self.indptr, self.rows, self.tf, self.length, alive)

    @classmethod
    def merged(cls, parts: Sequence["Segment"], n_terms: int) -> "Segment":
        """One segment of the live rows of several (no re-tokenising: postings are re-grouped)."""
        ids, terms, rows, tfs, lengths = [], [], [], [], []
        for seg in parts:
            keep = np.flatnonzero(seg.alive)
            remap = np.full(len(seg.ids), -1, dtype=np.int64)
            remap[keep] = np.arange(len(ids), len(ids) + len(keep))
            term_of = np.repeat(np.arange(len(seg.indptr) - 1, dtype=np.int64), np.diff(seg.indptr))
            live = seg.alive[seg.rows]
            terms.append(term_of[live])
            rows.append(remap[seg.rows[live]])
            tfs.append(seg.tf[live])
            ids += [seg.ids[r] for r in keep]
            lengths.append(seg.length[keep])
        joined = [np.concatenate(x) if x else np.zeros(0, dtype=d)
                  for x, d in ((terms, np.int64), (rows, np.int64), (tfs, np.float32), (lengths, np.float32))]
        return cls.grouped(ids, *joined, n_terms)


class LexicalIndex:
    def __init__(self, ids: Sequence[str], texts: Sequence[str] | None = None, cache_dir: str | None = None,
                 *, _state=None):
        self._cache_dir = cache_dir
        if _state is not None:
            self._vocab, self._segments = _state
        else:
            self._vocab: dict[str, int] = {}
            self._segments: list[Segment] = []
            if ids:
                docs = _tokens(texts or (), cache_dir)
                self._segments = [Segment.build(list(ids), docs, self._vocab)]
        self._index()

    def _index(self) -> None:
        self.ids = [i for s in self._segments for i, a in zip(s.ids, s.alive) if a]
        self._where: dict[str, tuple[int, int]] = {}
        for n, s in enumerate(self._segments):
            self._where.update((i, (n, r)) for r, i in enumerate(s.ids) if s.alive[r])
        lengths = [s.length[s.alive] for s in self._segments]
        self._n = len(self.ids)
        self._avg = float(np.concatenate(lengths).sum() / self._n) if self._n else 1.0
        self._offsets = np.cumsum([0] + [len(s.ids) for s in self._segments])

    def updated(self, removed: Sequence[str], ids: Sequence[str], texts: Sequence[str]) -> "LexicalIndex":
        """A new index without `removed` and with `ids` added; this one is left as it was."""
        gone: dict[int, list[int]] = {}
        for i in removed:
            if i in self._where:
                n, r = self._where[i]
                gone.setdefault(n, []).append(r)
        segments = [s.without(np.asarray(gone[n])) if n in gone else s for n, s in enumerate(self._segments)]
        if ids:
            docs = _tokens(texts, self._cache_dir)
            segments.append(Segment.build(list(ids), docs, self._vocab))
        rows = sum(len(s.ids) for s in segments)
        dead = sum(int((~s.alive).sum()) for s in segments)
        if rows and dead / rows > MAX_DEAD:
            segments = [Segment.merged(segments, len(self._vocab))]
        elif len(segments) > MAX_SEGMENTS:  # the first (largest) stays; the small ones merge
            segments = [segments[0], Segment.merged(segments[1:], len(self._vocab))]
        segments = [s for s in segments if s.alive.any()]
        return LexicalIndex([], cache_dir=self._cache_dir, _state=(self._vocab, segments))

    def search(self, query: str | Sequence[str], k: int, allow: set[str] | None = None) -> list[tuple[str, float]]:
        """Top k (id, score); `query` is text or already-made tokens; `allow` limits the ids."""
        if not self._n:
            return []
        toks = tokenize(query, self._cache_dir) if isinstance(query, str) else list(query)
        terms = [self._vocab[t] for t in toks if t in self._vocab]
        if not terms:
            return []
        scores = np.zeros(int(self._offsets[-1]), dtype=np.float32)
        for term in terms:  # a repeated query token counts again, as in bm25s
            found = [(n, *s.postings(term)) for n, s in enumerate(self._segments)]
            df = sum(len(r) for _, r, _ in found)
            if not df:
                continue
            idf = np.float32(np.log(1 + (self._n - df + 0.5) / (df + 0.5)))
            for n, rows, tf in found:
                seg = self._segments[n]
                norm = K1 * ((1 - B) + B * seg.length[rows] / np.float32(self._avg))
                scores[rows + self._offsets[n]] += idf * tf / (norm + tf)  # a term's rows are distinct
        if allow is not None:
            mask = np.zeros(len(scores), dtype=bool)
            for i in allow:
                if i in self._where:
                    n, r = self._where[i]
                    mask[self._offsets[n] + r] = True
            scores = np.where(mask, scores, np.float32(0))
        top = np.argsort(-scores, kind="stable")[:k]
        seg_of = np.searchsorted(self._offsets, top, side="right") - 1
        return [(self._segments[n].ids[p - self._offsets[n]], float(scores[p]))
                for p, n in zip(top, seg_of) if scores[p] > 0]

    # --- persistence ---------------------------------------------------
    def write(self, folder: Path) -> None:
        """Write into an existing folder, compacted into one segment (see `save` for the atomic write)."""
        segments = self._segments
        if len(segments) > 1 or (segments and not segments[0].alive.all()):
            segments = [Segment.merged(segments, len(self._vocab))]
        vocab = sorted(self._vocab, key=self._vocab.__getitem__)
        meta = {"format": FORMAT, "vocab": vocab, "ids": segments[0].ids if segments else []}
        (folder / "lexical.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        if segments:
            s = segments[0]
            np.savez(folder / "postings.npz", indptr=s.indptr, rows=s.rows, tf=s.tf.astype(np.uint16), length=s.length)

    def save(self, folder: Path) -> None:
        """Write atomically: a reader sees the whole index or none."""
        atomic_folder(folder, self.write)

    @classmethod
    def load(cls, folder: Path, cache_dir: str | None = None) -> "LexicalIndex | None":
        try:
            meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                return None
            vocab = {t: n for n, t in enumerate(meta["vocab"])}
            segments = []
            if meta["ids"]:
                with np.load(folder / "postings.npz") as z:
                    segments = [Segment(meta["ids"], z["indptr"], z["rows"], z["tf"].astype(np.float32),
                                        z["length"], np.ones(len(meta["ids"]), dtype=bool))]
            return cls([], cache_dir=cache_dir, _state=(vocab, segments))
        except (OSError, ValueError, KeyError):
            return None


def atomic_folder(folder: Path, write) -> None:
    """`write(tmp)` fills a fresh folder that then replaces `folder` in one rename."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        write(tmp)
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _tokens(texts: Sequence[str], cache_dir: str | None) -> list[list[str]]:
    return [tokenize(t, cache_dir) or [EMPTY] for t in texts]
