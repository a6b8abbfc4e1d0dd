"""`planqa targets` and `planqa targets compare`, and the live indicator table behind them."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from ingest.clean import clean, extract_title
from ingest.models import SourceDocument
from vectordb.registry import Version

REPORT_X = """2026年甲省政府工作报告
各位代表：
一、2025年工作回顾
过去一年，全年实现地区生产总值5696亿元，增长5.3%。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。
"""
REPORT_Y = """2026年乙省政府工作报告
各位代表：
一、2025年工作回顾
过去一年，地区生产总值增长5.8%。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长4.5%—5%，在实际工作中争取更好结果。
"""


def _doc(name: str, text: str, sha: str) -> SourceDocument:
    c = clean(text)
    return SourceDocument(doc_id=f"id-{name}", path=f"/docs/{name}", name=name, title=extract_title(c) or name,
                          text=c.text, sha256=sha, encoding="utf-8")


@pytest.fixture()
def registry_kb(home):
    """A knowledge base whose registry holds live versions (no chunks are needed to list indicator rows)."""
    from assistant.settings import Settings
    from vectordb.chroma_store import open_client
    from vectordb.registry import Registry, Version
    from vectordb.targets import clear_cache

    clear_cache()
    store = Settings().store()
    registry = Registry(open_client(store), store.collection)
    registry.put_many([Version(_doc("report_x.txt", REPORT_X, "x1"), 1, 1, 1), Version(_doc("report_y.txt", REPORT_Y, "y1"), 1, 1, 1)])
    return registry


def test_compare_lines_up_each_document_with_citations(registry_kb):
    r = CliRunner().invoke(app, ["targets", "compare", "--indicator", "地区生产总值增速", "--kind", "target",
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    got = json.loads(r.stdout)
    assert [(g["doc_name"], g["year"], g["value"], g["qualifier"]) for g in got] == [
        ("report_x.txt", 2026, "5", "左右"), ("report_y.txt", 2026, "4.5%—5", "")]
    for g in got:
        text = registry_kb.text(g["doc_id"])
        assert text[g["value_start"]:g["value_end"]] == g["value"]
        assert g["section"].startswith("二、2026年工作安排")
        assert g["citation"].startswith(g["doc_name"]) and f"[{g['value_start']}:{g['value_end']}]" in g["citation"]


def test_compare_table_and_results(registry_kb):
    r = CliRunner().invoke(app, ["targets", "compare", "--indicator", "地区生产总值增速"])
    assert r.exit_code == 0, r.output
    assert "report_x.txt" in r.stdout and "report_y.txt" in r.stdout and "5.3%" in r.stdout and "5.8%" in r.stdout


def test_list_filters_and_csv(registry_kb, tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["targets", "--doc", "report_x.txt", "--kind", "result", "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["indicator"], x["value"], x["unit"], x["year"]) for x in rows] == [
        ("地区生产总值", "5696", "亿元", "2025"), ("地区生产总值增速", "5.3", "%", "2025")]
    out = tmp_path / "t.csv"
    r = runner.invoke(app, ["targets", "--year", "2026", "--indicator", "城镇调查失业率", "--format", "csv", "--out", str(out)])
    assert r.exit_code == 0, r.output
    got = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(x["doc_name"], x["value"], x["qualifier"]) for x in got] == [("report_x.txt", "5.5", "左右")]
    r = runner.invoke(app, ["targets", "--doc", "nope.txt"])
    assert r.exit_code == 2


def test_xlsx_needs_openpyxl(registry_kb, tmp_path):
    r = CliRunner().invoke(app, ["targets", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")])
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        assert r.exit_code == 2 and "openpyxl" in r.output
    else:
        assert r.exit_code == 0 and (tmp_path / "t.xlsx").exists()


def test_xlsx_reads_back_with_header_and_rows(registry_kb, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from assistant.targets_table import EXPORT_COLUMNS

    out = tmp_path / "gdp.xlsx"
    runner = CliRunner()
    r = runner.invoke(app, ["targets", "--indicator", "地区生产总值增速", "--format", "xlsx", "--out", str(out)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out, read_only=True).active
    assert ws.title == "指标"
    header, *rows = [list(x) for x in ws.iter_rows(values_only=True)]
    assert header == list(EXPORT_COLUMNS)
    got = [dict(zip(header, x)) for x in rows]
    # the same rows, in the same order, as the JSON output
    r = runner.invoke(app, ["targets", "--indicator", "地区生产总值增速", "--format", "json"])
    want = json.loads(r.stdout)
    assert len(got) == len(want) == 4
    assert [(g["doc_name"], g["value"], g["unit"], g["qualifier"] or "", g["year"], g["kind"]) for g in got] == [
        ("report_x.txt", "5.3", "%", "", 2025, "result"), ("report_x.txt", "5", "%", "左右", 2026, "target"),
        ("report_y.txt", "5.8", "%", "", 2025, "result"), ("report_y.txt", "4.5%—5", "%", "", 2026, "target")]
    for g, w in zip(got, want):
        assert (g["value_start"], g["value_end"], g["citation"]) == (w["value_start"], w["value_end"], w["citation"])
        assert registry_kb.text(g["doc_id"])[g["value_start"]:g["value_end"]] == g["value"]
    # no rows: the header alone
    empty = tmp_path / "none.xlsx"
    r = runner.invoke(app, ["targets", "--indicator", "没有这个指标", "--format", "xlsx", "--out", str(empty)])
    assert r.exit_code == 0, r.output
    assert [list(x) for x in openpyxl.load_workbook(empty).active.iter_rows(values_only=True)] == [list(EXPORT_COLUMNS)]
    r = runner.invoke(app, ["targets", "--format", "xlsx"])
    assert r.exit_code == 2 and "--out" in r.output


def test_rows_follow_the_live_version(registry_kb):
    from vectordb.targets import RegistryView, live_targets

    view = RegistryView(registry_kb)
    before = [r.value for r in live_targets(view) if r.doc_name == "report_y.txt" and r.kind == "target"]
    assert before == ["4.5%—5"]
    registry_kb.put_many([Version(_doc("report_y.txt", REPORT_Y.replace("4.5%—5%", "6%左右"), "y2"), 1, 1, 1)])
    after = [r for r in live_targets(view) if r.doc_name == "report_y.txt" and r.kind == "target"]
    assert [(r.value, r.qualifier) for r in after] == [("6", "左右")]
    registry_kb.remove("id-report_y.txt")
    assert {r.doc_name for r in live_targets(view)} == {"report_x.txt"}


def test_empty_home_lists_nothing(home):
    r = CliRunner().invoke(app, ["targets", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []


@pytest.mark.integration
def test_compare_over_an_ingested_knowledge_base(kb):
    settings, index, _ = kb
    from vectordb.targets import live_targets, select

    rows = select(live_targets(index), "地区生产总值增速")
    assert rows and all(index.text(r.doc_id)[r.value_start:r.value_end] == r.value for r in rows)
    assert any(r.value == "7" and r.doc_name == "county_plan.txt" for r in rows)  # 到2025年…年均增长7%以上
    r = CliRunner().invoke(app, ["targets", "compare", "--indicator", "地区生产总值增速", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {g["doc_name"] for g in json.loads(r.stdout)} == {"county_plan.txt"}
