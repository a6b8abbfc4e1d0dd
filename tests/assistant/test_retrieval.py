"""Hybrid retrieval on the real model and Chroma: filters, the langchain retriever, neighbour merge,
and staying correct when another process ingests or removes documents."""

import pytest
from langchain_core.documents import Document

from assistant.chain import Assistant
from assistant.retrieval import HybridSearch, RetrievalConfig
from assistant.builder import open_index
from assistant.settings import Settings
from vectordb.pipeline import ingest_paths

pytestmark = pytest.mark.integration


def test_document_and_section_filters(kb):
    settings, index, _ = kb
    a = Assistant(settings, index)
    eco = next(r.doc_id for r in index.documents() if r.name == "eco_opinion.txt")
    assert {h.name for h in a.retrieve("到2025年的目标", 5, doc_ids=[eco])} == {"eco_opinion.txt"}
    hits = a.retrieve("到2025年的目标", 5, section_prefix="第二篇 发展目标")
    assert hits and all(h.section.startswith("第二篇 发展目标") for h in hits)
    assert a.retrieve("到2025年的目标", 5, section_prefix="第九篇 不存在") == []
    result = a.ask("乡村振兴有什么目标？", section_prefix="第二篇 发展目标 › 第二章 主要目标 › 二、乡村振兴")
    assert all(c.section.startswith("第二篇 发展目标 › 第二章 主要目标 › 二、乡村振兴") for c in result.citations)


def test_langchain_retriever(kb):
    settings, index, _ = kb
    retriever = Assistant(settings, index).retriever(k=3)
    docs = retriever.invoke("PM2.5平均浓度要下降到多少？")
    assert docs and isinstance(docs[0], Document)
    assert docs[0].metadata["doc"] == "eco_opinion.txt" and "35微克" in docs[0].page_content
    assert {"doc", "title", "section", "start", "end", "score", "similarity"} <= set(docs[0].metadata)
    assert len(docs) <= 3


def test_neighbour_merge_keeps_an_exact_slice(kb):
    settings, index, _ = kb
    search = HybridSearch(index, RetrievalConfig(neighbours=True))
    for h in search.retrieve("城镇居民人均可支配收入", 5):
        rec = next(r for r in index.documents() if r.doc_id == h.doc_id)
        assert index.registry.text(rec.doc_id)[h.start:h.end] == h.text


def test_a_running_process_sees_removals_and_new_ingests(kb, monkeypatch):
    settings, index, corpus = kb
    server = Assistant(settings, index)  # as a long-running UI process would hold it
    assert any(h.name == "eco_opinion.txt" for h in server.retrieve("空气质量优良天数比例", 5))

    other = open_index(Settings())  # another process (CLI) on the same store
    eco = next(r.doc_id for r in other.documents() if r.name == "eco_opinion.txt")
    other.begin_writes()
    other.remove(eco)
    other.end_writes()
    assert all(h.name != "eco_opinion.txt" for h in server.retrieve("空气质量优良天数比例", 5))
    assert server.ask("空气质量优良天数比例要达到多少？").refused

    ingest_paths(other, [corpus], settings.chunking())
    hits = server.retrieve("空气质量优良天数比例", 5)
    assert hits[0].name == "eco_opinion.txt"
    # a new process starts from the saved snapshot and reads only the documents changed since: never the
    # whole store, and it ranks as the running process does
    import vectordb.live

    def whole_store_read(*_a, **_k):
        raise AssertionError("a new process read the whole store")

    monkeypatch.setattr(vectordb.live, "iter_records", whole_store_read)
    fresh = Assistant(settings, open_index(Settings()))
    for q in ("空气质量优良天数比例", "城镇居民人均可支配收入", "第三章"):
        assert [(h.chunk_id, round(h.score, 6)) for h in fresh.retrieve(q, 5)] == \
               [(h.chunk_id, round(h.score, 6)) for h in server.retrieve(q, 5)], q
    folders = [p.name for p in (settings.home / "lexical").iterdir() if not p.name.startswith(".")]
    assert len(folders) == 1  # one snapshot kept


def test_an_empty_knowledge_base_refuses_without_error(home):
    settings = Settings()
    assistant = Assistant(settings, open_index(settings))
    assert assistant.retrieve("冀州区2020年地区生产总值是多少？", 5) == []
    r = assistant.ask("冀州区2020年地区生产总值是多少？")
    assert r.refused and r.citations == []
