"""Indicator rows (ingest.targets): one hand-made sentence per rule, offsets always exact."""

import pytest

from ingest.sections import parse_sections
from ingest.targets import TargetRow, _check, document_year, extract_targets


def rows_of(text: str, **kw) -> list[TargetRow]:
    rows = extract_targets(text, parse_sections(text), **kw)
    for r in rows:
        assert text[r.value_start:r.value_end] == r.value
        assert r.sentence_start <= r.value_start < r.value_end <= r.sentence_end
    return rows


def one(text: str, **kw) -> TargetRow:
    rows = rows_of(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def test_growth_target_with_qualifier_and_synonym():
    r = one("今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。", doc_year=2026)
    assert (r.indicator, r.value, r.unit, r.qualifier, r.kind, r.year) == ("地区生产总值增速", "5", "%", "左右", "target", 2026)
    assert one("今年主要预期目标是：GDP增长5.5%左右。", doc_year=2026).indicator == "地区生产总值增速"
    assert one("今年主要预期目标是：经济增长6%左右。", doc_year=2026).indicator == "地区生产总值增速"
    assert one("今年主要预期目标是：全省生产总值增长5%以上。", doc_year=2026).scope == "全省"


@pytest.mark.parametrize("sentence, qualifier", [
    ("目标是：城镇调查失业率5.5%左右。", "左右"),
    ("目标是：城镇新增就业110万人以上。", "以上"),
    ("目标是：城镇调查失业率5%以内。", "以内"),
    ("目标是：力争粮食产量达到1300万吨。", "力争"),
    ("目标是：研发投入强度不低于3%。", "不低于"),
    ("目标是：粮食产量超过840亿斤。", "超过"),
    ("目标是：森林覆盖率约65%。", "约"),
    ("目标是：人口自然增长率控制在10‰以下。", "以下"),
])
def test_qualifiers(sentence, qualifier):
    assert one(sentence).qualifier == qualifier


@pytest.mark.parametrize("sentence, value, unit", [
    ("目标是：地区生产总值达到1.2万亿元。", "1.2", "万亿元"),
    ("目标是：地区生产总值达到2900亿元。", "2900", "亿元"),
    ("目标是：城镇新增就业85万人。", "85", "万人"),
    ("目标是：粮食产量1285万吨以上。", "1285", "万吨"),
    ("目标是：城镇化率提高1个百分点。", "1", "个百分点"),
    ("目标是：人口自然增长率控制在8‰。", "8", "‰"),
    ("目标是：居民人均可支配收入达到5万元。", "5", "万元"),
    ("目标是：新能源装机达到760万千瓦。", "760", "万千瓦"),
    ("目标是：新建农村公路2500公里。", "2500", "公里"),
    ("目标是：最低工资标准提高到2300元。", "2300", "元"),
])
def test_units(sentence, value, unit):
    r = one(sentence)
    assert (r.value, r.unit) == (value, unit)


def test_full_width_and_spaced_digits():
    r = one("国内生产总值年均增长７％，价格总水平基本稳定")
    assert (r.value, r.unit, r.number) == ("７", "％", 7.0)
    r = one("经济调控的主要预期目标 :到2 0 0 5年 , 国内生产总值达到2 9 0 0 亿元左右 。")
    assert (r.value, r.number, r.unit, r.qualifier, r.year) == ("2 9 0 0", 2900.0, "亿元", "左右", 2005)
    assert one("全区生产总值达到111 亿元。").number == 111.0


def test_range():
    r = one("今年主要预期目标是：地区生产总值增长4.5%—5%，在实际工作中争取更好结果。", doc_year=2026)
    assert (r.value, r.number, r.number_high, r.unit) == ("4.5%—5", 4.5, 5.0, "%")


def test_multiple_indicators_in_one_sentence():
    text = "今年主要预期目标是：城镇新增就业1200万人以上，城镇调查失业率5.5%左右。"
    rows = rows_of(text, doc_year=2024)
    assert [(r.indicator, r.value, r.unit, r.qualifier) for r in rows] == [
        ("城镇新增就业", "1200", "万人", "以上"), ("城镇调查失业率", "5.5", "%", "左右")]


def test_respectively_lists():
    rows = rows_of("今年主要预期目标是：一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。", doc_year=2026)
    assert [r.indicator for r in rows] == ["第一产业增加值增速", "第二产业增加值增速", "第三产业增加值增速"]
    assert [r.qualifier for r in rows] == ["左右", "以上", "左右"]
    rows = rows_of("过去一年，城乡居民人均可支配收入分别增长4.4%、5.6%。", doc_year=2026)
    assert [r.indicator for r in rows] == ["城镇居民人均可支配收入增速", "农村居民人均可支配收入增速"]


def test_kinds_from_verbs_years_and_context():
    assert one("2025年地区生产总值比上年增长5.3%。", doc_year=2026).kind == "result"
    assert one("到2030年，常住人口城镇化率达到70%。", doc_year=2026).kind == "target"
    assert one("力争规模以上工业增加值增长6%。").kind == "target"
    r = one("过去一年，全年实现地区生产总值5696亿元。", doc_year=2026)
    assert (r.kind, r.year) == ("result", 2025)
    # a planned amount with a plan verb in a future part
    text = "二、2026年重点工作\n今年要抓好交通建设，新建和改造农村公路2500公里。\n"
    assert one(text, doc_year=2026).kind == "plan"


def test_base_value_and_year():
    r = one("全区生产总值由2010 年的49.4 亿元增长到2020 年的111 亿元。")
    assert (r.value, r.unit, r.base_value, r.base_year, r.year) == ("111", "亿元", "49.4 亿元", 2010, 2020)
    r = one("人均地区生产总值从5.6万元增至7.8万元。")
    assert (r.value, r.base_value) == ("7.8", "5.6万元")
    r = one("主要污染物排放总量比2000年削减5%以上。")
    assert (r.base_year, r.qualifier) == (2000, "以上")


def test_attribute_when_stated():
    assert one("到2025年，单位地区生产总值能耗降低13.5%（约束性）。", doc_year=2021).attribute == "约束性"


def test_masked_values_are_skipped():
    assert rows_of("全县地区生产总值增长X%，一般公共预算收入增长XX%，完成投资XX亿元。") == []
    assert rows_of("城乡居民人均可支配收入分别增长X%和X%。") == []


def test_not_indicator_values():
    # comparisons with another place, ordinals, years, counts without a unit, numbers that modify a noun
    assert rows_of("地区生产总值增长4.7%、低于全国0.3个百分点。")[0].value == "4.7"
    assert len(rows_of("地区生产总值增长4.7%、低于全国0.3个百分点。")) == 1
    assert rows_of("增速居全国第2位，连续37年居全国首位，建成工业互联网平台41个。") == []
    assert rows_of("建设国家1000万千瓦光伏大基地。") == []
    assert rows_of("PM2.5浓度明显下降。") == []


def test_exact_offsets_in_a_longer_text():
    text = "一、2025年工作回顾\n全年实现地区生产总值5696亿元，增长5.3%。\n二、2026年目标\n今年主要预期目标是：地区生产总值增长5%左右。\n"
    rows = rows_of(text, doc_year=2026)
    assert [text[r.value_start:r.value_end] for r in rows] == ["5696", "5.3", "5"]
    assert [r.kind for r in rows] == ["result", "result", "target"]
    assert rows[2].section == ("二、2026年目标",)
    s = rows[2]
    assert text[s.sentence_start:s.sentence_end] == "今年主要预期目标是：地区生产总值增长5%左右。"


def test_check_rejects_a_row_whose_value_is_not_the_text():
    text = "地区生产总值增长5%。"
    r = one(text)
    bad = TargetRow(**{**r.__dict__, "value_start": r.value_start + 1, "value_end": r.value_end + 1})
    with pytest.raises(ValueError):
        _check(text, bad)


def test_document_year():
    assert document_year("2026年广东省政府工作报告\n——2026年1月26日在广东省第十四届人民代表大会上") == 2026
    assert document_year("各位代表：\n一、2024年工作回顾\n过去一年……") == 2025
    assert document_year("云南省国民经济和社会发展第十个五年计划纲要") == 2001
    assert document_year("关于加强生态环境保护的实施意见") is None
