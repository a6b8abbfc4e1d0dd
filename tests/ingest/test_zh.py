"""The shared Chinese-text rules (ingest.zh): one heading pattern for documents and questions alike."""

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
