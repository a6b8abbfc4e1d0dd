"""BM25 over jieba tokens: the scores of bm25s, updates that rank like a rebuild, persistence."""

import bm25s
import numpy as np
import pytest

from vectordb import lexical
from vectordb.lexical import LexicalIndex, tokenize

TEXTS = {
    "a": "到2025年,全县地区生产总值突破200亿元。",
    "b": "PM2.5平均浓度下降到35微克/立方米以下。",
    "c": "建设高标准农田10万亩,推进乡村振兴。",
    "d": "城镇化率达到60%,城镇居民人均可支配收入增长7%。",
    "e": "推进乡村振兴,乡村振兴战略全面实施,农村居民收入增长。",
    "f": "地区生产总值年均增长6%左右,发展质量明显提高。",
    "g": "",
}
QUERIES = ("地区生产总值目标", "乡村振兴 农田", "居民收入增长", "PM2.5", "增长 增长", "没有的词")


def ranked(index: LexicalIndex, q: str, k: int = 10) -> dict[str, float]:
    return {i: round(s, 4) for i, s in index.search(q, k)}


def test_scores_are_those_of_bm25s():
    ids, texts = list(TEXTS), list(TEXTS.values())
    ours = LexicalIndex(ids, texts)
    ref = bm25s.BM25()
    ref.index([tokenize(t) or [lexical.EMPTY] for t in texts], show_progress=False)
    for q in QUERIES:
        toks = [t for t in tokenize(q) if t in ref.vocab_dict]
        expected = {}
        if toks:
            scores = ref.get_scores(toks)
            expected = {ids[n]: round(float(s), 4) for n, s in enumerate(scores) if s > 0}
        assert ranked(ours, q) == expected, q
    assert ours.search("乡村振兴", 1)[0][0] == "e"  # the repeated term ranks first


def test_an_update_ranks_exactly_like_a_rebuild(monkeypatch):
    base = LexicalIndex(list("abcd"), [TEXTS[i] for i in "abcd"])
    updated = base.updated(["b", "c"], ["e", "f"], [TEXTS["e"], TEXTS["f"]])
    fresh = LexicalIndex(list("adef"), [TEXTS[i] for i in "adef"])
    assert sorted(updated.ids) == sorted(fresh.ids)
    for q in QUERIES:
        assert ranked(updated, q) == ranked(fresh, q), q
    assert ranked(base, "乡村振兴") == ranked(LexicalIndex(list("abcd"), [TEXTS[i] for i in "abcd"]), "乡村振兴")
    assert "e" not in ranked(base, "乡村振兴")  # the index updated from is unchanged
    # many small updates merge their segments; a large removal compacts everything; ranks stay a rebuild's
    monkeypatch.setattr(lexical, "MAX_SEGMENTS", 2)
    step = base
    for i in "efg":
        step = step.updated([], [i], [TEXTS[i]])
    assert len(step._segments) <= 2
    step = step.updated(["a", "b", "c"], [], [])
    assert len(step._segments) == 1 and step._segments[0].alive.all()
    fresh = LexicalIndex(list("defg"), [TEXTS[i] for i in "defg"])
    for q in QUERIES:
        assert ranked(step, q) == ranked(fresh, q), q


def test_allow_limits_the_ids_across_segments():
    index = LexicalIndex(list("abc"), [TEXTS[i] for i in "abc"]).updated([], ["e"], [TEXTS["e"]])
    assert [i for i, _ in index.search("乡村振兴", 5, allow={"c"})] == ["c"]
    assert [i for i, _ in index.search("乡村振兴", 5, allow={"e", "zz"})] == ["e"]


def test_round_trip_of_an_updated_index(tmp_path):
    index = LexicalIndex(list("abcd"), [TEXTS[i] for i in "abcd"]).updated(["a"], ["e", "f"], [TEXTS["e"], TEXTS["f"]])
    index.save(tmp_path / "k1")
    loaded = LexicalIndex.load(tmp_path / "k1")
    assert sorted(loaded.ids) == sorted(index.ids)
    for q in QUERIES:
        assert ranked(loaded, q) == ranked(index, q), q
    # a later update of the loaded index learns new words
    more = loaded.updated([], ["x"], ["数字政府建设评估"])
    assert more.search("数字政府", 1)[0][0] == "x"


def test_a_folder_of_another_format_is_not_loaded(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "ids.json").write_text('["a"]', encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "old") is None
    assert LexicalIndex.load(tmp_path / "missing") is None


def test_an_empty_index_saves_loads_and_answers_nothing(tmp_path):
    empty = LexicalIndex([], [])
    empty.save(tmp_path / "empty")
    loaded = LexicalIndex.load(tmp_path / "empty")
    assert loaded is not None and loaded.ids == [] and loaded.search("规划", 5) == []
    grown = loaded.updated([], ["a"], [TEXTS["a"]])
    assert grown.search("地区生产总值", 5)[0][0] == "a"
    assert grown.updated(["a"], [], []).search("地区生产总值", 5) == []


@pytest.mark.parametrize("n", [300])
def test_postings_match_token_counts(n):
    rng = np.random.default_rng(0)
    words = ["规划", "发展", "乡村", "振兴", "农田", "收入", "生态", "数字"]
    texts = ["".join(rng.choice(words, size=rng.integers(1, 12))) for _ in range(n)]
    index = LexicalIndex([str(i) for i in range(n)], texts)
    seg = index._segments[0]
    for w in ("发展", "农田"):
        rows, tf = seg.postings(index._vocab[w])
        counts = {int(r): int(t) for r, t in zip(rows, tf)}
        assert counts == {i: tokenize(t).count(w) for i, t in enumerate(texts) if w in tokenize(t)}
    assert seg.length.tolist() == [len(tokenize(t) or [lexical.EMPTY]) for t in texts]


def test_tokens_are_interned():
    a, b = tokenize("乡村振兴战略"), tokenize("推进乡村振兴")
    shared = set(a) & set(b)
    assert shared and all(next(x for x in a if x == t) is next(y for y in b if y == t) for t in shared)
