"""The 指标 tab's logic without a browser: filters, the comparison grid, a value's passage (marked at its exact
offsets), exports of the current view, and a view that went stale when its document changed."""

import csv
import io

import pytest

from assistant.targets_table import EXPORT_COLUMNS, Passage, grid, passage, value_text
from assistant.ui.targets_tab import LIST_HEADERS, TargetsView
from ingest.clean import clean, extract_title
from ingest.models import SourceDocument
from tests.assistant.test_targets_cli import REPORT_X, REPORT_Y
from vectordb.registry import Version


def _doc(name: str, text: str, sha: str) -> SourceDocument:
    c = clean(text)
    return SourceDocument(doc_id=f"id-{name}", path=f"/docs/{name}", name=name, title=extract_title(c) or name,
                          text=c.text, sha256=sha, encoding="utf-8")


@pytest.fixture()
def view(home, tmp_path):
    from assistant.settings import Settings
    from vectordb.chroma_store import open_client
    from vectordb.registry import Registry
    from vectordb.targets import RegistryView, clear_cache

    clear_cache()
    store = Settings().store()
    registry = Registry(open_client(store), store.collection)
    registry.put_many([Version(_doc("report_x.txt", REPORT_X, "x1"), 1, 1, 1),
                       Version(_doc("report_y.txt", REPORT_Y, "y1"), 1, 1, 1)])
    return TargetsView(RegistryView(registry), export_dir=tmp_path)


def test_filters(view):
    df, state, status = view.list_view(["id-report_x.txt"], None, "", "result")
    assert list(df.columns) == LIST_HEADERS and status.startswith("共 2 条")
    assert [tuple(x) for x in df[["文件", "指标", "数值", "年份/时期", "类型"]].values] == [
        ("report_x.txt", "地区生产总值", "5696亿元", "2025", "实绩"), ("report_x.txt", "地区生产总值增速", "5.3%", "2025", "实绩")]
    df, state, _ = view.list_view(None, "地区生产总值增速", "2026", "target")
    assert list(df["数值"]) == ["5%左右", "4.5%—5%"] and len(state["keys"]) == 2
    df, _, _ = view.list_view(None, "失业", "", "")  # typed by hand: a part of the name
    assert list(df["指标"]) == ["城镇调查失业率"]
    df, state, status = view.list_view(None, "没有这个指标", "", "")
    assert df.empty and state["keys"] == [] and "没有" in status
    assert view.indicator_choices()[0] == "地区生产总值增速"  # the most frequent first
    assert view.year_choices() == [("全部", ""), ("2025", "2025"), ("2026", "2026")]
    assert [v for _, v in view.doc_choices()] == ["id-report_x.txt", "id-report_y.txt"]


def test_click_a_value_shows_its_passage_marked_at_its_offsets(view):
    df, state, _ = view.list_view(None, "地区生产总值增速", "2026", "target")
    card = view.cell_passages(state, 1, 3)
    text = view.index.text("id-report_y.txt")
    r = [x for x in view.lookup(state["keys"]) if x.doc_name == "report_y.txt"][0]
    assert f'data-doc="report_y.txt" data-start="{r.value_start}" data-end="{r.value_end}"' in card
    assert text[r.value_start:r.value_end] == "4.5%—5"
    assert ">4.5%—5</mark>" in card and "二、2026年工作安排" in card and "2026年乙省政府工作报告" in card
    assert view.cell_passages(state, 7, 0).startswith('<div class="targets-empty">')  # out of range


def test_comparison_grid_and_its_cells(view):
    df, state, status = view.compare_view(None, "地区生产总值增速", "", "")
    assert list(df.columns) == ["文件", "2025", "2026"] and "2 个文件，4 个数值" in status
    assert [list(x) for x in df.values] == [["report_x.txt", "5.3%（实绩）", "5%左右"],
                                            ["report_y.txt", "5.8%（实绩）", "4.5%—5%"]]
    assert ">5</mark>" in view.cell_passages(state, 0, 2) and ">5.8</mark>" in view.cell_passages(state, 1, 1)
    assert view.cell_passages(state, 0, 0).count('class="target-passage"') == 2  # the document: all its values
    df, state, status = view.compare_view(None, "", "", "")
    assert df.empty and "选择一个指标" in status


def test_export_the_current_view(view):
    openpyxl = pytest.importorskip("openpyxl")
    _, state, _ = view.compare_view(None, "地区生产总值增速", "2026", "target")
    rows = list(csv.DictReader(io.StringIO(open(view.export(state, "csv"), encoding="utf-8-sig").read())))
    assert [(r["doc_name"], r["value"], r["qualifier"], r["year"]) for r in rows] == [
        ("report_x.txt", "5", "左右", "2026"), ("report_y.txt", "4.5%—5", "", "2026")]
    ws = openpyxl.load_workbook(view.export(state, "xlsx")).active
    header, *values = list(ws.iter_rows(values_only=True))
    assert list(header) == list(EXPORT_COLUMNS) and [v[header.index("value")] for v in values] == ["5", "4.5%—5"]


def test_a_stale_view_says_so(view):
    _, state, _ = view.list_view(["id-report_y.txt"], "地区生产总值增速", "2026", "")
    view.index.registry.put_many([Version(_doc("report_y.txt", REPORT_Y.replace("4.5%—5%", "6%左右"), "y2"), 1, 1, 1)])
    assert "已更新或删除" in view.cell_passages(state, 0, 3)
    assert view.export(state, "csv") and view.lookup(state["keys"]) == [None]


def test_passage_and_grid_helpers():
    from ingest.targets import TargetRow

    text = "标题\n一、目标\n到2025年，粮食产量稳定在100万吨以上。另一句。\n下一段"
    s = text.index("到2025年")
    v = text.index("100")
    r = TargetRow("粮食产量", "粮食产量", "100", v, v + 3, 100.0, None, "万吨", "以上", 2025, "到2025年", "target",
                  sentence_start=s, sentence_end=text.index("另一句"), doc_id="d", doc_name="a.txt")
    p = passage(text, r)
    assert isinstance(p, Passage) and p.text == "到2025年，粮食产量稳定在100万吨以上。另一句。"  # its line
    assert p.text[p.value_start:p.value_end] == "100" and p.text[p.sentence_start:p.sentence_end].endswith("以上。")
    p = passage(text, r, span=(0, len(text)))
    assert p.text == text and text[p.value_start:p.value_end] == "100"
    assert value_text(r) == "100万吨以上"
    g = grid([r])
    assert g.columns == ["2025"] and g.docs == ["a.txt"] and g.cell_text("a.txt", "2025") == "100万吨以上"
