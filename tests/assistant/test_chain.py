"""The chain on the fake embedder (tests/fake_embedder.py): the Query read once, the builder's shared components,
the backend registry and the CLI's settings overrides, without loading the real model."""

from __future__ import annotations

import pytest

from assistant import backends
from assistant.builder import components
from assistant.chain import Assistant, QuestionError
from assistant.query import Query
from assistant.settings import Settings
from ingest.tokens import ensure_offline_tiktoken
from tests.fake_embedder import FakeEmbedder, fake_base
from vectordb.index import Index
from vectordb.lexical import jieba_tokenizer
from vectordb.pipeline import ingest_paths


@pytest.fixture()
def fake_kb(home, small_corpus):
    settings = Settings()
    ensure_offline_tiktoken(settings.cache_dir / "tiktoken")
    jieba_tokenizer(str(settings.cache_dir / "jieba"))
    index = Index(settings.store(), settings.home, FakeEmbedder(), cache_dir=settings.cache_dir / "jieba")
    report = ingest_paths(index, [small_corpus], settings.chunking())
    assert [f.status for f in report.files] == ["added", "added"]
    return settings, index


def test_fake_embedder_is_deterministic_and_normalised():
    e = FakeEmbedder()
    a, b = e.embed_queries(["地区生产总值"]), e.embed_passages(["地区生产总值"])
    assert (a == b).all() and abs(float((a[0] ** 2).sum()) - 1.0) < 1e-5
    near, far = e.embed_passages(["全县地区生产总值突破200亿元", "空气质量优良天数比例"]) @ a[0]
    assert near > far


def test_the_question_is_read_once_into_a_query(fake_kb):
    settings, index = fake_kb
    a = Assistant(settings, index)
    eco = next(r.doc_id for r in index.documents() if r.name == "eco_opinion.txt")
    q = a.query("那个实施意见里PM2.5要下降到多少？", k=3, doc_ids=[eco])
    assert isinstance(q, Query) and q.k == 3 and q.doc_ids == (eco,) and q.question == q.standalone
    assert q.info.kind == "figure" and q.text == q.info.text
    # 实施意见 names eco: among the documents asked (only eco) that restricts nothing; among all it does
    assert q.scope.docs is None and q.gate_scope.docs == frozenset({eco})
    assert a.query(q) is q  # every step takes the Query as it is
    plain = a.query("全县生产总值是多少？")
    assert plain.k == settings.top_k and plain.doc_ids is None and plain.gate_scope is plain.scope


def test_the_chain_answers_and_refuses_through_one_query(fake_kb):
    settings, index = fake_kb
    a = Assistant(settings, index)
    r = a.ask("到2025年全县地区生产总值要达到多少？")
    assert not r.refused and "200亿元" in r.answer and r.citations[0].doc == "county_plan.txt"
    assert r.timings_ms.total >= r.timings_ms.retrieve
    events = list(a.stream("到2025年全县地区生产总值要达到多少？"))
    assert "standalone" in events[0] and "result" in events[-1]
    refused = a.ask("火星基地的建设目标是什么？")
    assert refused.refused and refused.reason
    with pytest.raises(QuestionError):
        a.ask("  ")


def test_backends_share_one_set_of_components(fake_kb):
    settings, index = fake_kb
    a = Assistant(settings, index)
    assert a.with_backend("extractive") is a
    parts = components(settings, index)
    b1 = Assistant(settings, parts=parts)
    b2 = Assistant(settings, parts=parts, backend_name="extractive")
    assert b1.search is b2.search and b1.extractive is b2.extractive and b1.backend is b2.backend
    assert b1.backend is parts.extractive  # the extractive backend is the shared extractive scorer


def test_one_registry_of_backends():
    assert backends.BACKENDS == ("extractive", "openai", "llamacpp", "llamacpp-constrained")
    assert backends.available(Settings(llm_base_url="http://127.0.0.1:9/v1"))[:2] == ["extractive", "openai"]
    assert "openai" not in backends.available(Settings())
    assert backends.chat_model(Settings()) is None
    with pytest.raises(backends.BackendError):
        backends.spec("nope")
    with pytest.raises(backends.BackendError, match="PLANQA_LLM_BASE_URL"):
        backends.chat_model(Settings(answer_backend="openai"))


def test_chroma_url_travels_in_settings_not_the_environment(monkeypatch):
    import os

    from typer.testing import CliRunner

    import assistant.cli as cli
    from eval.cli import command_settings

    monkeypatch.delenv("PLANQA_CHROMA_URL", raising=False)
    seen = []
    monkeypatch.setattr(cli, "command_settings", lambda ctx, **kw: seen.append(command_settings(ctx, **kw)) or seen[-1])
    monkeypatch.setattr("assistant.builder.open_registry", lambda s: None)
    r = CliRunner().invoke(cli.app, ["--chroma-url", "http://127.0.0.1:8001", "docs", "list", "--json"])
    assert r.exit_code == 0, r.output
    assert seen[-1].chroma_url == "http://127.0.0.1:8001" and seen[-1].store().url == "http://127.0.0.1:8001"
    assert "PLANQA_CHROMA_URL" not in os.environ
    assert command_settings(None).chroma_url is None  # outside a command: env and planqa.toml only


def test_figure_questions_take_the_indicator_tables_passages(fake_kb):
    settings, index = fake_kb
    a = Assistant(settings, index)
    q = a.query("十四五规划纲要里2025年GDP总量目标是多少？")  # names the plan, the indicator and the year
    rows = a.indicator_passages(q, a.gather(q))
    assert rows and all(h.name == "county_plan.txt" for h in rows) and "200亿元" in rows[0].text
    assert not a.indicator_passages(a.query("十四五规划纲要里2027年GDP总量目标是多少？"), [])  # a year no row has
    assert not a.indicator_passages(a.query("北京十四五规划纲要里2025年GDP总量目标是多少？"), [])  # a place it is not about
    assert not a.indicator_passages(a.query("2025年GDP总量目标是多少？"), [])  # names no document
    off = Assistant(settings.model_copy(update={"indicator_rows": False}), index)
    assert not off.indicator_passages(off.query("十四五规划纲要里2025年GDP总量目标是多少？"), [])


REPORTS = {
    "report_sx.txt": """2026年山西省政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全省地区生产总值增长5.1%，城镇新增就业46万人。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业45万人以上。
""",
    "report_jl.txt": """2026年吉林省政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全省地区生产总值增长4.6%，城镇新增就业25万人。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%—5.5%，城镇新增就业22万人以上。
""",
}


@pytest.fixture()
def two_reports(home, tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for name, text in REPORTS.items():
        (d / name).write_text(text, encoding="utf-8")
    settings = Settings()
    settings, index = fake_base(d, settings)
    return settings, index


def test_figures_across_documents_are_written_from_the_indicator_table(two_reports):
    settings, index = two_reports
    a = Assistant(settings, index)
    r = a.ask("山西和吉林2026年的经济增速目标分别是多少？")
    assert not r.refused, r.reason
    assert "5%左右" in r.answer and "5%—5.5%" in r.answer and len(r.citations) == 2
    for c in r.citations:  # each value cited to the passage of its own report
        value = "5%左右" if c.doc == "report_sx.txt" else "5%—5.5%"
        assert value in c.text and c.text == index.text(index_id(index, c.doc))[c.start:c.end]
    assert r.flags == []
    assert [c.doc for c in r.citations] == ["report_sx.txt", "report_jl.txt"]  # in the order the question names them
    swapped = a.ask("吉林和山西2026年的经济增速目标分别是多少？")
    assert [c.doc for c in swapped.citations] == ["report_jl.txt", "report_sx.txt"]
    # every province at once: each report that states the value
    every = a.ask("各省2026年的经济增速目标分别是多少？")
    assert not every.refused and "5%左右" in every.answer and "5%—5.5%" in every.answer and len(every.citations) == 2
    # two reports compared: each one's value, then the difference, marked as computed (a range is not compared)
    both = a.ask("山西和吉林今年城镇新增就业目标哪个多？多多少？")
    assert not both.refused and "45万人以上" in both.answer and "22万人以上" in both.answer, both.answer
    assert "两者相差23万人（" in both.answer and "由所引用的两个数值计算" in both.answer and both.flags == []
    assert "相差" not in a.ask("山西和吉林2026年的经济增速目标哪个高？").answer
    # one report, two years: both cited values and their difference, marked as computed
    d = a.ask("山西今年城镇新增就业目标比去年实际少多少？")
    assert not d.refused and "45万人以上" in d.answer and "46万人" in d.answer and "少约1万人" in d.answer
    assert "由所引用的两个数值计算" in d.answer and d.flags == []
    # without the table (PLANQA_INDICATOR_ROWS=false) the answer quotes the passages and computes from the quotes
    off = Assistant(settings.model_copy(update={"indicator_rows": False}), index).ask("山西今年城镇新增就业目标比去年实际少多少？")
    assert "相差1万人（" in off.answer and off.flags == []


def index_id(index, name):
    return next(r.doc_id for r in index.documents() if r.name == name)


def test_figure_questions_pass_the_gate_with_less_term_coverage(fake_kb):
    # a figure question's sentence must still hold a figure about what was asked, so its passages may cover a
    # little less of its terms (FIGURE_COVERAGE_RELIEF); other kinds have no second check
    from assistant.evidence import coverage
    from vectordb.index import Hit
    from ingest.zh import squash

    settings, index = fake_kb
    a = Assistant(settings, index)
    text = "今年完成农村公路改造120公里，新建便民服务站点3个。"
    hit = Hit(doc_id="d", name="d.txt", title="某县工作安排", section="一、交通", index=0, start=0, end=len(text),
              text=text, score=1.0, dense=0.9)
    figure, other = "农村公路改造和危桥加固及村道要修多少公里？", "农村公路改造和危桥加固及村道有哪些要求？"
    for q in (figure, other):
        assert 0.4 <= coverage(a.query(q).info, squash(f"{hit.title}{hit.section}{text}"), a.search.glossary) < 0.5
    assert a.gate(figure, [hit])[0] == [hit]
    kept, why = a.gate(other, [hit])
    assert kept == [] and "covers" in why


NATIONAL = {
    "report_a.txt": "政府工作报告\n——2021年3月5日在全国人民代表大会上\n各位代表：\n一、工作回顾\n"
                    "中央预算内投资安排6100亿元，重点支持基础设施建设。\n",
    "report_b.txt": "政府工作报告\n——2024年3月5日在全国人民代表大会上\n各位代表：\n一、工作任务\n"
                    "今年中央预算内投资拟安排7000亿元，优化投向结构。\n",
}


def test_documents_of_one_title_are_named_by_year_and_compared(home, tmp_path):
    d = tmp_path / "national"
    d.mkdir()
    for name, text in NATIONAL.items():
        (d / name).write_text(text, encoding="utf-8")
    settings = Settings(indicator_rows=False)
    settings, index = fake_base(d, settings)
    r = Assistant(settings, index).ask("中央预算内投资，2024年报告比2021年报告多安排了多少？")
    assert not r.refused, r.reason
    # each document named by its title and year, then the difference computed from one figure of each
    assert "《政府工作报告（2021年）》" in r.answer and "《政府工作报告（2024年）》" in r.answer, r.answer
    assert "两者相差900亿元" in r.answer and r.flags == []


def test_a_relative_year_reads_against_the_one_report_named(two_reports):
    settings, index = two_reports
    a = Assistant(settings, index)
    q = a.query("山西去年经济增长多少？")  # a 2026 report's 去年 is 2025: the review's row
    rows = a.indicator_passages(q, [])
    assert rows and all(h.name == "report_sx.txt" for h in rows) and "5.1%" in rows[0].text
    assert "5%左右" in a.indicator_passages(a.query("山西今年经济增长目标是多少？"), [])[0].text
    assert not a.indicator_passages(a.query("山西明年经济增长目标是多少？"), [])  # 2027: no row
    assert not a.indicator_passages(a.query("山西和吉林去年经济各增长多少？"), [])  # two reports: rows_answer's job


def test_a_numbered_part_the_named_document_lacks_is_refused(fake_kb):
    settings, index = fake_kb
    a = Assistant(settings, index)
    absent = a.ask("某某县规划纲要第九篇讲的是什么？")
    assert absent.refused and "第九篇" in absent.reason
    present = a.ask("某某县规划纲要第二篇讲的是什么？")
    assert not present.refused and "发展目标" in present.answer


def test_where_a_topic_sits_is_cited_to_the_chunk_that_shows_its_heading(home, tmp_path):
    filler = "".join(f"第{i}项任务按计划推进，各地区各部门要压实责任、细化措施、加强督导，确保取得实效。" for i in range(1, 40))
    text = ("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n过去一年，全省经济稳中有进。\n"
            f"二、2026年工作安排\n{filler}\n今年要高水平建设跨境电商综合试验区，推动外贸提质增效。\n")
    d = tmp_path / "where"
    d.mkdir()
    (d / "report.txt").write_text(text, encoding="utf-8")
    settings = Settings()
    settings, index = fake_base(d, settings)
    assert len(index.live().by_doc[next(iter(index.live().by_doc))]) > 2  # the part spans chunks
    r = Assistant(settings, index).ask("这份报告里跨境电商综合试验区放在哪一部分讲的？")
    assert not r.refused and r.answer.startswith("二、2026年工作安排"), r.answer
    assert "二、2026年工作安排" in r.citations[0].text  # the chunk that opens the part, not the one on the topic
