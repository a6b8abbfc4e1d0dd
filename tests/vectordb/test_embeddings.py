"""The embedder's recent-query cache: one question embedded once however many stages ask for it."""

import numpy as np

from vectordb import embeddings
from vectordb.embeddings import Embedder, EmbeddingConfig


class Counting(Embedder):
    def __init__(self):
        super().__init__(EmbeddingConfig(model="unused"))
        self.encoded: list[str] = []

    def _encode(self, texts, kind):
        self.encoded += list(texts)
        return np.array([[len(t), ord(t[0]), 1.0] for t in texts], dtype=np.float32)


def test_a_question_is_encoded_once_and_callers_get_copies():
    e = Counting()
    first = e.embed_queries(["地区生产总值是多少", "城镇化率"])
    again = e.embed_queries(["城镇化率", "地区生产总值是多少"])
    assert e.encoded == ["地区生产总值是多少", "城镇化率"]
    assert (again[0] == first[1]).all() and (again[1] == first[0]).all()
    again[0][:] = 0  # a caller changing its array leaves the cache alone
    assert (e.embed_queries(["城镇化率"])[0] == first[1]).all()
    assert e.embed_queries([]).shape[0] == 0


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(embeddings, "RECENT_QUERIES", 2)
    e = Counting()
    for q in ("甲", "乙", "丙"):
        e.embed_queries([q])
    e.embed_queries(["甲"])  # evicted: encoded again
    assert e.encoded == ["甲", "乙", "丙", "甲"] and len(e._recent) == 2


def test_sentences_are_embedded_once_as_passages_and_kept_apart_from_queries(monkeypatch):
    monkeypatch.setattr(embeddings, "RECENT_SENTENCES", 3)
    e = Counting()
    kinds = []
    e._encode = lambda texts, kind, enc=e._encode: (kinds.append(kind), enc(texts, kind))[1]
    first = e.embed_sentences(["粮食产量600万吨。", "城镇化率65%。"])
    again = e.embed_sentences(["城镇化率65%。", "森林覆盖率25%。"])
    assert e.encoded == ["粮食产量600万吨。", "城镇化率65%。", "森林覆盖率25%。"] and kinds == ["passage", "passage"]
    assert (again[0] == first[1]).all()
    e.embed_queries(["城镇化率65%。"])  # the same text as a query is another vector
    assert kinds[-1] == "query" and len(e._sentences) == 3
    e.embed_sentences(["就业1200万人。"])
    assert len(e._sentences) == 3 and "粮食产量600万吨。" not in e._sentences
