"""The shared Chinese-text rules (ingest.zh): one heading pattern for documents and questions alike."""

import pytest

from ingest.sections import heading_of, parse_sections
from ingest.zh import HEADING_REF, SECTION_SEP, heading_level, sentence_spans


def test_heading_ref_accepts_chinese_and_arabic_numerals():
    assert HEADING_REF.findall("第七篇和第二十二章、第1章、第12节讲什么？") == ["第七篇", "第二十二章", "第1章", "第12节"]
    assert HEADING_REF.findall("第一条 第2条 第三季度") == []
    assert [heading_level(t) for t in ("第七篇 绿色", "第3章 目标", "第十节", "第1条", "一、目标")] == [1, 2, 3, None, None]


def test_arabic_numbered_chapters_are_headings():
    # The fix that one shared pattern brings: documents numbered 第1章 get the same structure as 第一章.
    assert heading_of("第1章 总则") == (2, "第1章 总则")
    assert heading_of("第2篇 发展目标")[0] == 1
    assert heading_of("第12节 交通")[0] == 3
    text = "第1篇 发展基础\n第1章 成就\n全县生产总值增长。\n第2章 目标\n到2025年突破200亿元。\n"
    paths = [s.path for s in parse_sections(text)]
    assert ("第1篇 发展基础", "第2章 目标") in paths
    assert SECTION_SEP.join(paths[-1]) == "第1篇 发展基础 › 第2章 目标"


def test_sentence_spans_trim_and_end_at_marks_or_lines():
    text = " 一是增长。 二是转型！\n三是开放"
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text))] == ["一是增长。", "二是转型！", "三是开放"]


def test_year_and_figure_patterns():
    import re

    from ingest.zh import ARABIC_FIGURE, YEAR

    assert re.findall(YEAR, "2020年到2035年，1899年不算") == ["2020", "2035"]
    assert re.findall(ARABIC_FIGURE, "2025年达到200亿元，增长7.5%") == ["200", "7.5"]  # 2025年 is a year
    # A date and an item number are not figures: 1月14日 dates a report, 11． numbers a measure.
    assert re.findall(ARABIC_FIGURE, "2025年1月14日在会议上") == []
    assert re.findall(ARABIC_FIGURE, "11．加强企业能力建设，12个月内完成1214.7亿元") == ["12", "1214.7"]


def test_figures_written_in_chinese_numerals():
    import re

    from ingest.zh import CN_FIGURE

    found = lambda t: re.findall(CN_FIGURE, t)  # noqa: E731
    assert found("经济总量占世界经济的比重达百分之十八点五") == ["百分之十八点五"]
    assert found("从三万九千八百元增加到八万一千元") == ["三万九千八百", "八万一千"]
    assert found("全国八百三十二个贫困县全部摘帽，网民十亿三千万人") == ["八百三十二", "十亿三千万"]
    assert found("裁减现役员额三十万胜利完成") == ["三十万"]
    # Ordinals, periods and idioms carry no magnitude-bearing figure.
    assert found("十四五规划、二十大报告、十九届六中全会、三十年来，千万不能") == []


def test_spaces_around_figures_and_matching_forms():
    from ingest.zh import bigrams, join_digit_spaces, squash, tidy_figures

    assert join_digit_spaces("2020 年的 PM 2.5 为 49.4 亿元") == "2020年的 PM2.5为49.4亿元"
    assert tidy_figures("2020 年的111 亿元") == "2020年的111亿元"
    assert squash("１１１ 亿元 ") == "111亿元"
    assert "多少" not in bigrams("生产总值是多少") and "总值" in bigrams("生产总值是多少")


def test_vocabularies_are_data_files_read_once():
    from ingest.zh import vocabulary

    units = vocabulary("asked_units")
    assert units[:2] == ("万千瓦", "千瓦时") and "%" in units and units.index("万辆") < units.index("辆")  # file order
    assert vocabulary("asked_units") is units
    assert "十四五" in vocabulary("planning_terms") and "政府工作报告" in vocabulary("genres")


def test_a_middle_dot_decimal_point_is_a_decimal_point():
    from ingest.zh import squash, tidy_figures

    # older typeset documents: 3 · 1亿平方米, 27 · 7％; a date written with a middle dot (5·18) is left alone
    assert tidy_figures("五年建成3 · 1亿平方米，增长27 · 7％。") == "五年建成3.1亿平方米，增长27.7％。"
    assert tidy_figures("承办好“5·18国际博物馆日”") == "承办好“5·18国际博物馆日”"
    assert squash("3 · 1亿") == squash("3.1亿") and squash("5·18国际") == "5·18国际"


@pytest.mark.parametrize("numeral,value", [
    ("一万六千五百", 16500), ("十亿三千万", 1_030_000_000), ("二万八千亿", 2_800_000_000_000), ("一百一十四万亿", 114 * 10**12),
    ("十八点五", 18.5), ("两千三百", 2300), ("五亿零八百万", 508_000_000), ("十四五规划", None), ("千方百计", None),
])
def test_chinese_numerals_have_their_value(numeral, value):
    from ingest.zh import cn_number
    assert cn_number(numeral) == value


def test_figures_in_chinese_numerals_are_rewritten_in_arabic_and_nothing_else():
    from ingest.zh import arabic_figures
    assert arabic_figures("从一万六千五百元增加到三万五千一百元") == "从16500元增加到35100元"
    assert arabic_figures("城镇新增就业年均一千三百万人以上，占百分之十八点五") == "城镇新增就业年均1300万人以上，占18.5%"
    assert arabic_figures("十四亿多人口，十亿三千万人") == "14亿多人口，10.3亿人"
    # ordinals and idioms stay as written; a year in numerals is a year in Arabic
    assert arabic_figures("二十大报告、十四五规划，千方百计，到二〇三五年") == "二十大报告、十四五规划，千方百计，到2035年"
