"""Figure and comparison questions answered from the indicator table, with chunk citations."""

from dataclasses import dataclass, field

import pytest

from assistant.citecheck import check_citations
from assistant.target_answers import (FigureQuestion, answer_figures, difference, figure_question, find_rows,
                                      row_answer)
from ingest.clean import clean
from ingest.sections import parse_sections
from ingest.targets import extract_targets
from tests.assistant.test_targets_cli import REPORT_X, REPORT_Y
from vectordb.targets import clear_cache

PLAN = """某市国民经济和社会发展第十四个五年规划纲要
第一章 发展基础
“十三五”期间，经济社会发展取得新成就。2020年，全市常住人口城镇化率达到56.5%。
第二章 主要目标
到2025年，常住人口城镇化率达到62%左右，地区生产总值年均增长6%以上。
"""


@dataclass
class _Doc:
    doc_id: str
    name: str
    path: str
    sha256: str
    title: str = ""


@dataclass
class _Chunk:
    id: str
    start: int
    end: int


@dataclass
class _Live:
    by_doc: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)


class FakeIndex:
    """documents(), text() and live() of an Index: each document cut into two chunks at its middle line."""

    def __init__(self, docs: dict[str, str]):
        self.texts = {f"id-{n}": clean(t).text for n, t in docs.items()}
        self.docs = [_Doc(f"id-{n}", n, f"/d/{n}", f"sha-{n}") for n in docs]
        self.table = _Live()
        for d in self.docs:
            text = self.texts[d.doc_id]
            cut = text.index("\n", len(text) // 2) + 1
            chunks = [_Chunk(f"{d.doc_id}#0", 0, cut), _Chunk(f"{d.doc_id}#1", cut, len(text))]
            self.table.by_doc[d.doc_id] = [c.id for c in chunks]
            self.table.rows.update({c.id: c for c in chunks})

    def documents(self):
        return self.docs

    def text(self, doc_id):
        return self.texts.get(doc_id)

    def live(self):
        return self.table


@pytest.fixture()
def index():
    clear_cache()
    return FakeIndex({"report_x.txt": REPORT_X, "report_y.txt": REPORT_Y, "plan.txt": PLAN})


def test_reading_figure_questions():
    assert figure_question("各省2026年GDP增长目标分别是多少") == FigureQuestion(("地区生产总值增速",), (2026,), "target", True)
    assert figure_question("十四五末城镇化率目标比十三五末提高多少") == FigureQuestion(
        ("常住人口城镇化率",), (2025, 2020), "target", True)
    assert figure_question("2025年全年粮食产量完成多少") == FigureQuestion(("粮食产量",), (2025,), "result", False)
    assert figure_question("这份报告的主要预期目标有哪些") == FigureQuestion((), (), "target", False)
    assert figure_question("讲话中“走出六条新路”具体是哪六条？") is None


def test_each_province_target_with_its_chunk(index):
    got = answer_figures(index, "各省2026年GDP增长目标分别是多少")
    assert [(c.row.doc_name, c.row.value, c.row.qualifier, c.row.kind) for c in got.rows] == [
        ("report_x.txt", "5", "左右", "target"), ("report_y.txt", "4.5%—5", "", "target")]
    for c in got.rows:
        text = index.text(c.row.doc_id)
        assert text[c.row.value_start:c.row.value_end] == c.row.value  # exact, at its offsets
        assert c.chunk_start <= c.row.value_start < c.chunk_end and c.chunk_id == f"{c.row.doc_id}#1"
        assert c.section.startswith("二、2026年工作安排") and c.citation.startswith(c.row.doc_name)
    assert got.difference is None  # two documents: nothing to subtract
    assert got.lines()[0] == "[1] report_x.txt 2026年地区生产总值增速：5%左右"
    # the scope: one document only
    only_y = answer_figures(index, "2026年GDP增长目标是多少", doc_ids=["id-report_y.txt"])
    assert [c.row.doc_name for c in only_y.rows] == ["report_y.txt"]


def test_a_difference_only_from_the_cited_values(index):
    got = answer_figures(index, "十四五末城镇化率目标比十三五末提高多少", doc_ids=["id-plan.txt"])
    assert [(c.row.year, c.row.value, c.row.kind) for c in got.rows] == [(2020, "56.5", "result"), (2025, "62", "target")]
    d = got.difference
    assert d is not None and d.delta == pytest.approx(5.5) and d.unit == "个百分点"
    assert (d.earlier, d.later) == (got.rows[0], got.rows[1])
    assert d.text == "常住人口城镇化率2025年62%左右，2020年56.5%，相差+5.5个百分点（由所引用的两个数值计算）"
    assert got.lines()[-1] == d.text
    # no difference across documents, within one year, or with a range
    x_y = find_rows(index, FigureQuestion(("地区生产总值增速",), (2026,), "target", True))
    assert len(x_y) == 2 and difference(x_y) is None
    x = find_rows(index, FigureQuestion(("地区生产总值增速",), (2025, 2026), None, True), ["id-report_y.txt"])
    assert [c.row.value for c in x] == ["5.8", "4.5%—5"] and difference(x) is None  # 4.5%—5%: a range


def test_main_targets_of_a_report(index):
    got = answer_figures(index, "这份报告的主要预期目标有哪些", doc_ids=["id-report_x.txt"])
    assert [(c.row.indicator, c.row.value) for c in got.rows] == [("地区生产总值增速", "5"), ("城镇调查失业率", "5.5")]
    assert all(c.row.kind == "target" for c in got.rows)


def test_no_rows_no_answer(index):
    assert answer_figures(index, "森林覆盖率目标是多少") is None  # known indicator, not in these documents
    assert answer_figures(index, "讲话讲了什么") is None


def test_without_a_chunk_table_rows_are_still_cited(index):
    class NoChunks(FakeIndex):
        live = None

    plain = NoChunks({"report_x.txt": REPORT_X})
    got = answer_figures(plain, "2026年GDP增长目标是多少")
    assert [c.chunk_id for c in got.rows] == [None] and got.rows[0].citation.endswith(
        f"[{got.rows[0].row.value_start}:{got.rows[0].row.value_end}]")


def test_rows_match_the_extractor(index):
    text = index.text("id-plan.txt")
    assert {r.indicator for r in extract_targets(text, parse_sections(text))} >= {"常住人口城镇化率", "地区生产总值增速"}


def _written(found):
    """The answer text with a marker after each cited value (numbered by chunk, as the chain does)."""
    number: dict[str, int] = {}
    out = ""
    for sentence in found.sentences:
        for piece, c in sentence.pieces:
            out += piece
            if c is not None:
                out += f"[{number.setdefault(c.chunk_id, len(number) + 1)}]"
    return out


NAMES = {"id-report_x.txt": "甲省报告", "id-report_y.txt": "乙省报告"}
OWN = {"id-report_x.txt": [2026], "id-report_y.txt": [2026], "id-plan.txt": [2021]}


def test_each_document_answers_its_own_value(index):
    found = row_answer(index, "甲省和乙省2026年的经济增速目标分别是多少", ["id-report_x.txt", "id-report_y.txt"],
                       OWN, NAMES, several=True)
    # each value as its document writes it, under the year and kind it is for
    assert _written(found) == ("《甲省报告》2026年目标：地区生产总值增长5%左右[1]。"
                               "《乙省报告》2026年目标：地区生产总值增长4.5%—5%[2]。")  # its heading dates 今年
    # 今年 is each report's own year; 去年 the year it reviews
    last = row_answer(index, "甲省和乙省去年经济增长了多少", ["id-report_x.txt", "id-report_y.txt"], OWN, NAMES, True)
    assert [c.row.value for c in last.rows] == ["5.3", "5.8"] and all(c.row.kind == "result" for c in last.rows)


def test_all_or_nothing_across_documents(index):
    docs = ["id-report_x.txt", "id-plan.txt"]
    # the plan states no 2026 value: no row answer at all, the passages answer instead
    assert row_answer(index, "这两份文件2026年的GDP增长目标分别是多少", docs, OWN, NAMES, True) is None
    # a period is not a year: left to the passages
    assert row_answer(index, "甲省和乙省“十五五”期间GDP年均增速目标各是多少", list(NAMES), OWN, NAMES, True) is None
    # one document is not a comparison across documents
    assert row_answer(index, "2026年GDP增长目标是多少", ["id-report_x.txt"], OWN, NAMES, True) is None


def test_a_difference_of_two_years_in_one_document(index):
    found = row_answer(index, "甲省今年的经济增速目标比去年实际增速低多少", ["id-report_x.txt"], OWN, NAMES, False)
    text = _written(found)
    assert text == ("2026年目标：地区生产总值增长5%左右[1]；2025年实际（地区生产总值增速）：增长5.3%[2]；"
                    "前者比后者低约0.3个百分点（由所引用的两个数值计算）。")
    plan = row_answer(index, "十四五末城镇化率目标比十三五末提高多少", ["id-plan.txt"], OWN, NAMES, False)
    assert "前者比后者高约5.5个百分点" in _written(plan)
    # a range has no single difference; no second year, no comparison
    assert row_answer(index, "乙省今年的经济增速目标比去年高多少", ["id-report_y.txt"], OWN, NAMES, False) is None
    assert row_answer(index, "甲省2026年GDP增长目标是多少", ["id-report_x.txt"], OWN, NAMES, False) is None
    # two years but no comparison asked (a report named by its year, a value of the year before): not a difference
    assert row_answer(index, "2026年甲省报告说2025年经济增长了多少", ["id-report_x.txt"], OWN, NAMES, False) is None


def test_the_check_accepts_only_a_true_difference_of_quoted_figures():
    @dataclass
    class P:
        text: str
        section: str = ""

    passages = [P("今年地区生产总值增长5%左右。"), P("地区生产总值增长5.3%。")]
    ok = "增速目标5%左右[1]，去年5.3%[2]；前者比后者低约0.3个百分点（由所引用的两个数值计算）。"
    assert check_citations(ok, passages).flags == []
    wrong = ok.replace("0.3", "0.4")
    assert [f.kind for f in check_citations(wrong, passages).flags] == ["figure_not_in_source"]
    titled = "《2026年某省政府工作报告》今年目标：增长5%左右[1]。"  # a document's name states no figure
    assert check_citations(titled, passages).flags == []
    unmarked = "增速目标5%左右[1]，去年5.3%[2]，低0.3个百分点。"  # a figure no passage holds, not marked computed
    assert [f.kind for f in check_citations(unmarked, passages).flags] == ["figure_not_in_source"]


def test_every_place_answers_from_the_documents_that_state_it(index):
    docs = ["id-plan.txt", "id-report_x.txt", "id-report_y.txt"]
    found = row_answer(index, "各省2026年GDP增长目标分别是多少", docs, OWN, NAMES, True, partial=True)
    assert [c.row.doc_name for c in found.rows] == ["report_x.txt", "report_y.txt"]  # the plan states none
    # all or nothing without `partial`; and one document alone is no comparison across places
    assert row_answer(index, "各省2026年GDP增长目标分别是多少", docs, OWN, NAMES, True) is None
    assert row_answer(index, "各省2026年GDP增长目标分别是多少", docs[:2], OWN, NAMES, True, partial=True) is None


def test_a_rows_year_is_written_when_its_heading_dates_it():
    from types import SimpleNamespace

    from assistant.target_answers import CitedRow, _when_written

    row = SimpleNamespace(year=2024, period="今年")
    text = "今年发展主要预期目标是：城镇新增就业1200万人以上。"
    dated = CitedRow(row, "c1", 0, len(text), "二、2024年经济社会发展总体要求和政策取向")
    assert _when_written(dated, text) == "2024年"  # the citation check reads the heading path with the text
    undated = CitedRow(row, "c1", 0, len(text), "二、总体要求")
    assert _when_written(undated, text) == "今年"
    assert _when_written(CitedRow(row, "c1", 0, 5, "二、总体要求"), "主要目标是") == ""
