"""Ingest → ask on small generated documents, in process, with the real model and a real Chroma."""

import re

import pytest

from assistant.chain import Assistant, QuestionError
from assistant.builder import open_index
from assistant.settings import Settings
from ingest.documents import prepare
from vectordb.index import chunk_id
from vectordb.pipeline import ingest_paths

pytestmark = pytest.mark.integration


def _check_contract(result, index):
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", result.answer)}
    assert markers == {c.id for c in result.citations}
    for c in result.citations:
        doc = next(r for r in index.documents() if r.name == c.doc)
        assert index.registry.text(doc.doc_id)[c.start:c.end] == c.text


def test_answer_cites_the_figure(kb):
    settings, index, _ = kb
    result = Assistant(settings, index).ask("到2025年全县地区生产总值要达到多少？")
    assert not result.refused
    assert "200亿元" in result.answer
    assert result.citations[0].doc == "county_plan.txt"
    assert "第二章 主要目标" in result.citations[0].section
    _check_contract(result, index)
    assert [c.score for c in result.contexts] == sorted((c.score for c in result.contexts), reverse=True)


def test_gb18030_document_is_searchable(kb):
    settings, index, _ = kb
    rec = next(r for r in index.documents() if r.name == "eco_opinion.txt")
    assert rec.encoding == "gb18030"
    result = Assistant(settings, index).ask("PM2.5平均浓度要下降到多少？")
    assert "35微克" in result.answer
    assert {c.doc for c in result.citations} == {"eco_opinion.txt"}
    _check_contract(result, index)


def test_reingest_is_idempotent_and_changes_replace(kb):
    settings, index, corpus = kb
    before = index.count()
    again = ingest_paths(index, [corpus], settings.chunking())
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert index.count() == before

    f = corpus / "county_plan.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("突破200亿元", "突破260亿元"), encoding="utf-8")
    changed = ingest_paths(index, [corpus], settings.chunking())
    assert [r.status for r in changed.files] == ["updated", "unchanged"]
    assert index.count() == sum(r.n_chunks for r in index.documents())
    result = Assistant(settings, index).ask("到2025年全县地区生产总值要达到多少？")
    assert "260亿元" in result.answer and "200亿元" not in result.answer


def test_interrupted_version_is_invisible_and_collected(kb):
    settings, index, corpus = kb
    f = corpus / "county_plan.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\n第三篇 新增\n全县新建5G基站999个。\n", encoding="utf-8")
    doc = prepare(f, settings.chunking())
    # Simulate a crash after the new chunks were written but before the registry switched.
    index.collection.add(ids=[chunk_id(doc, 0)], embeddings=index.embedder.embed_passages(["全县新建5G基站999个。"]),
                         documents=["全县新建5G基站999个。"],
                         metadatas=[{"doc_id": doc.doc_id, "sha": doc.sha256, "name": doc.name, "title": doc.title,
                                     "section": "", "index": 0, "start": 0, "end": 1, "tokens": 1}])
    hits = Assistant(settings, index).retrieve("5G基站", 10)
    assert all("999" not in h.text for h in hits)
    assert index.collect_garbage() == 1
    assert index.count() == sum(r.n_chunks for r in index.documents())


def test_remove_document(kb):
    settings, index, _ = kb
    rec = next(r for r in index.documents() if r.name == "eco_opinion.txt")
    assert index.remove(rec.doc_id)
    assert all(h.name != "eco_opinion.txt" for h in Assistant(settings, index).retrieve("空气质量优良天数比例", 10))
    assert [r.name for r in index.documents()] == ["county_plan.txt"]


def test_bad_files_do_not_stop_the_batch(home, small_corpus):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "image.txt").write_bytes(bytes(range(256)) * 10)
    settings = Settings()
    report = ingest_paths(open_index(settings), [small_corpus, small_corpus / "nope.md"], settings.chunking())
    status = {f.path.rsplit("/", 1)[-1]: (f.status, f.reason) for f in report.files}
    assert status["county_plan.txt"][0] == "added" and status["eco_opinion.txt"][0] == "added"
    assert status["empty.txt"] == ("failed", "empty file (no text)")
    assert "binary" in status["image.txt"][1]
    assert "cannot read" in status["nope.md"][1]


@pytest.mark.parametrize("question", ["", "   ", "问" * 1001, None])
def test_malformed_questions_raise_clear_errors(kb, question):
    settings, index, _ = kb
    with pytest.raises(QuestionError):
        Assistant(settings, index).ask(question)
