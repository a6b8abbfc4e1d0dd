"""Tables laid out as text (aligned columns in a .txt, pipes in a .md) are written one line per row with the header
names repeated, as the other formats write theirs; a 目录 a PDF's cover page ran into is still a table of contents."""

from ingest.clean import clean
from ingest.formats import text_extract
from ingest.load import load

ALIGNED = """九、用水量
表7  2025年甲市各县区用水量
县区          农业用水    工业用水    生活用水    总用水量
            (亿立方米)  (亿立方米)  (亿立方米)  (亿立方米)
----------------------------------------------------------
中心城区          1.06        1.18        1.23        3.82
乙县              4.12        0.86        0.61        5.86
丙县              3.51        0.66        0.62        4.99
----------------------------------------------------------
全市              8.94        3.37        2.71       15.86

十、用水指标
全市人均综合用水量384立方米。"""


def test_an_aligned_table_is_written_row_by_row():
    ex = text_extract(ALIGNED)
    assert len(ex.tables) == 1
    t = ex.tables[0]
    assert t.name == "表7 2025年甲市各县区用水量"
    assert "县区：丙县；农业用水(亿立方米)：3.51；工业用水(亿立方米)：0.66；" in ex.text
    assert "县区：全市；" in ex.text  # the total after the closing rule is a row too
    assert ex.text.startswith("九、用水量\n表7  2025年甲市各县区用水量\n")  # the caption stays as written
    assert ex.text.endswith("十、用水指标\n全市人均综合用水量384立方米。")
    assert ex.text[t.start:].startswith("表7")


def test_a_markdown_pipe_table_is_written_row_by_row():
    md = "## 主要指标\n\n| 指标 | 2025年 | 2030年 |\n|---|---|---|\n| 年接待游客（万人次） | 1268 | 1900 |\n" \
         "| 旅游总收入（亿元） | 118.6 | 210 |\n\n正文。"
    ex = text_extract(md)
    assert "指标：旅游总收入（亿元）；2025年：118.6；2030年：210。" in ex.text


def test_prose_with_wide_spacing_is_no_table():
    text = "甲县财政局  甲县发展和改革局  甲县自然资源局\n2026年2月  印发  存档\n实 施 方 案\n"
    assert text_extract(text).tables == [] and text_extract(text).text == text
    words = "一、总体要求  二、重点任务  三、保障措施\n（一）加强领导  （二）强化考核  （三）营造氛围\n" \
            "（四）完善机制  （五）压实责任  （六）抓好落实\n"
    assert text_extract(words).tables == []  # cells without figures


def test_a_table_broken_by_a_page_goes_on_under_its_header():
    text = "序号  主要任务  牵头单位  完成时限\n1  新增停车泊位3000个  县公安局  2026年12月底前\n" \
           "2  完成5个农贸市场改造  县市场监管局  2026年12月底前\n— 5 —\n" \
           "3  完成86个老旧小区改造  县住建局  2028年6月底前\n4  开展模拟测评  县文明办  2028年9月底前\n"
    ex = text_extract(text)
    assert len(ex.tables) == 2
    assert "序号：3；主要任务：完成86个老旧小区改造；牵头单位：县住建局；完成时限：2028年6月底前。" in ex.text


def test_a_text_file_with_an_aligned_table_loads_its_rows(tmp_path):
    f = tmp_path / "bulletin.txt"
    f.write_bytes(ALIGNED.encode("gbk"))
    loaded = load(f)
    assert loaded.tables and "县区：乙县；农业用水(亿立方米)：4.12" in loaded.text


def test_a_contents_heading_run_into_the_cover_page_is_dropped():
    text = ("甲县2026年专项债券项目\n实 施 方 案\n编制日期：二〇二六年二月目 录\n一、项目概况1\n（一）项目基本情况1\n"
            "二、投资估算与资金筹措3\n三、项目收益与融资平衡4\n附件\n10\n一、项目概况\n（一）项目基本情况\n"
            + "项目名称：甲县新材料产业园基础设施建设项目，项目单位为甲县产业发展投资有限公司。" * 4 + "\n")
    out = clean(text).text
    assert "目 录" not in out and "投资估算与资金筹措3" not in out
    assert "编制日期：二〇二六年二月" in out
    assert "一、项目概况\n（一）项目基本情况\n项目名称" in out  # the body's own first headings stay
