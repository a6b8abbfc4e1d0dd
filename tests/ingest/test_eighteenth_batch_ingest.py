"""Ingest rules of the eighteenth blind batch: a title line among a document's first lines is no hard wrap."""

from ingest.clean import clean, extract_title


def test_a_title_line_is_not_joined_with_the_text_below_it():
    text = ("某县2026年事业单位公开招聘工作人员公告\n"
            "根据《事业单位人事管理条例》等有关规定，经县委、县人民政府研究同意，现\n"
            "将有关事项公告如下：\n一、招聘计划\n")
    cleaned = clean(text, join_wraps=True)
    assert cleaned.text.startswith("某县2026年事业单位公开招聘工作人员公告\n根据")
    assert "研究同意，现将有关事项" in cleaned.text  # the body's own wraps are still joined
    assert extract_title(cleaned) == "某县2026年事业单位公开招聘工作人员公告"


def test_a_title_wrapped_before_its_years_stays_one():
    cleaned = clean("某市国民经济和社会发展第十五个五年规划纲要\n\n（2026—2030年）\n\n第一章 总则\n\n")
    assert cleaned.text.startswith("某市国民经济和社会发展第十五个五年规划纲要（2026—2030年）")
