"""BM25 over jieba tokens: persistence (the empty index included) and token reuse between builds."""

from vectordb.lexical import LexicalIndex, tokenize

TEXTS = {
    "a": "到2025年,全县地区生产总值突破200亿元。",
    "b": "PM2.5平均浓度下降到35微克/立方米以下。",
    "c": "建设高标准农田10万亩,推进乡村振兴。",
}


def test_round_trip_and_token_reuse(tmp_path):
    built = LexicalIndex(list(TEXTS), list(TEXTS.values()))
    first = built.search("地区生产总值目标", 3)
    assert first[0][0] == "a"
    built.save(tmp_path / "k1")
    assert LexicalIndex.load(tmp_path / "k1").search("地区生产总值目标", 3) == first
    # a rebuild that reuses known tokens scores exactly like a fresh one (texts of reused ids are ignored)
    ids = ["a", "b", "c", "d"]
    texts = ["", "", "", "城镇化率达到60%。"]
    reused = LexicalIndex(ids, texts, known_tokens=built.token_map())
    fresh = LexicalIndex(ids, [*TEXTS.values(), texts[3]])
    for q in ("地区生产总值", "城镇化率", "乡村振兴 农田"):
        assert reused.search(q, 4) == fresh.search(q, 4)
    assert LexicalIndex.load(tmp_path / "k1").token_map() == {}  # loaded indexes carry no tokens


def test_an_empty_index_saves_loads_and_answers_nothing(tmp_path):
    empty = LexicalIndex([], [])
    empty.save(tmp_path / "empty")
    loaded = LexicalIndex.load(tmp_path / "empty")
    assert loaded is not None and loaded.ids == [] and loaded.search("规划", 5) == []


def test_tokens_are_interned():
    a, b = tokenize("乡村振兴战略"), tokenize("推进乡村振兴")
    shared = set(a) & set(b)
    assert shared and all(next(x for x in a if x == t) is next(y for y in b if y == t) for t in shared)
