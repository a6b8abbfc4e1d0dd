"""Query primitives over a hand-made live snapshot, and the Version record (no model, no store)."""

from ingest.models import Chunk, SourceDocument
from vectordb.live import ChunkRow, LiveTable, live_key
from vectordb.query import neighbours, select, under_headings
from vectordb.registry import Version


def _table() -> LiveTable:
    sections = {("a", 0): "第一篇 基础 › 第一章 成就", ("a", 1): "第一篇 基础 › 第二章 目标",
                ("a", 2): "第二篇 任务 › 第3章 交通", ("b", 0): "第1章 总则", ("b", 1): "一、要求"}
    rows = {f"{d}:{i}": ChunkRow(f"{d}:{i}", d, f"{d}.txt", d, s, i, 10 * i, 10 * i + 5, "正文")
            for (d, i), s in sections.items()}
    by_doc = {"a": ["a:0", "a:1", "a:2"], "b": ["b:0", "b:1"]}
    return LiveTable("k", rows, by_doc, lexical=None, versions={"a": "1", "b": "2"})


def test_under_headings_in_reading_order_with_arabic_numerals():
    t = _table()
    assert under_headings(t, ["第一篇"], 10) == ["a:0", "a:1"]
    assert under_headings(t, ["第1章", "第一章"], 10) == ["a:0", "b:0"]
    assert under_headings(t, ["第3章"], 10) == ["a:2"]
    assert under_headings(t, ["第一篇", "第二章"], 10) == ["a:0", "a:1"]  # each chunk once
    assert under_headings(t, ["第一篇"], 10, allow={"a:1"}) == ["a:1"]
    assert under_headings(t, ["第一篇"], 1) == ["a:0"]


def test_select_and_neighbours():
    t = _table()
    assert select(t, ["b"]) == {"b:0", "b:1"}
    assert select(t, None, "第一篇 基础") == {"a:0", "a:1"}
    assert neighbours(t, "a:1") == ("a:0", "a:2") and neighbours(t, "b:0") == (None, "b:1")
    assert live_key({"a": "1", "b": "2"}) == live_key({"b": "2", "a": "1"}) != live_key({"a": "1"})


def test_version_counts_chunks_tokens_and_sections():
    doc = SourceDocument("d", "/d.txt", "d.txt", "标题", "一二三四", "sha", "utf-8")
    chunks = [Chunk("d", "d.txt", "标题", i, i, i + 1, "一二三四"[i], 3, path)
              for i, path in enumerate([("第一章",), ("第一章",), ("第二章",)])]
    v = Version.of(doc, chunks)
    assert (v.chunks, v.tokens, v.sections, v.key) == (3, 9, 2, ("d", "sha"))
