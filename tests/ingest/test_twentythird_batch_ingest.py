"""Real documents of the twenty-third blind batch: a table laid out as text whose category is named once for the
rows under it, a cell wrapped inside a PDF table, a markdown cell in bold, a web page's label-and-value table
(索引号 | … | 发布机构 | …) kept whole, a notice's 落款 under its opening, a metadata table's 名称 as the title, and a
table row never cut between chunks."""

from ingest.chunk import ChunkConfig, chunk_spans
from ingest.clean import clean, extract_title
from ingest.formats import _cell, html_extract, text_extract

MERGED = """表2  主要指标
  类别          指标                          2025年    2030年    年均增长    属性
  ─────────────────────────────────────────────────────────
  粮食安全      粮食综合生产能力（万吨）      38.6      ≥40       —          约束性
                生猪出栏量（万头）            42        45        1.4%       预期性
  农民增收      农村居民人均可支配收入（元）  24860     33600     6.2%       预期性
                城乡居民收入比                2.05      ≤1.9      —          预期性
  ─────────────────────────────────────────────────────────
注：年均增长为2026—2030年平均增速。"""


def test_a_category_named_once_is_every_row_under_it():
    ex = text_extract(MERGED)
    assert len(ex.tables) == 1
    assert "类别：粮食安全；指标：生猪出栏量（万头）；2025年：42；2030年：45；年均增长：1.4%；属性：预期性。" in ex.text
    assert "类别：农民增收；指标：城乡居民收入比；2025年：2.05；2030年：≤1.9；" in ex.text
    assert ex.text.endswith("注：年均增长为2026—2030年平均增速。")


def test_cells_out_of_line_are_no_table():
    # a row whose cells do not start under the header's is no row: the block stays prose
    text = "  甲      乙      丙\n  1       2       3\n      这一行对不齐的文字      4\n  5       6       7\n"
    assert text_extract(text).tables == []


def test_a_wrapped_cell_reads_as_one_word():
    assert _cell("离校未就业高校毕业生年底前帮\n扶就业率（%）") == "离校未就业高校毕业生年底前帮扶就业率（%）"
    assert _cell("建设期限：2026—2027\n年") == "建设期限：2026—2027年"
    assert _cell("Smart\nCity") == "Smart City"  # words of a Latin script keep their space


def test_a_markdown_cell_in_bold():
    md = "| 区县 | 保障性租赁住房（套） | 老旧小区（个） |\n|---|---|---|\n| 甲区 | 1800 | 48 |\n| 乙区 | 900 | 27 |\n" \
         "| **合计** | **2700** | **75** |\n"
    assert "区县：合计；保障性租赁住房（套）：2700；老旧小区（个）：75。" in text_extract(md).text


PAGE = """<html><body><div class="menu">首页 | 政务公开</div>
<table class="meta"><tr><th>索引号</th><td>113300/2025-00041</td><th>主题分类</th><td>卫生、体育</td></tr>
<tr><th>发布机构</th><td>甲区人民政府办公室</td><th>成文日期</th><td>2025-04-18</td></tr>
<tr><th>名称</th><td colspan="3">甲区人民政府办公室关于印发《甲区托育服务若干措施》的通知</td></tr></table>
<div class="article"><h1>甲区人民政府办公室关于印发《甲区托育服务若干措施》的通知</h1>
<p>各街道办事处：</p><p>《甲区托育服务若干措施》已经区政府常务会议研究同意，现印发给你们，请认真贯彻执行。这是一段足够长的正文。</p>
<p>一、加大普惠托位建设支持力度。对新建普惠托位给予一次性建设补贴，每个托位补贴3000元，补贴资金由区财政承担。</p>
</div><div class="footer">版权所有</div></body></html>"""


def test_a_label_and_value_table_stays_whole():
    ex = html_extract(PAGE)
    row = ex.text[ex.tables[0].start: ex.tables[0].end]
    assert "索引号：113300/2025-00041；主题分类：卫生、体育。" in row
    assert "发布机构：甲区人民政府办公室；成文日期：2025-04-18。" in row
    assert extract_title(clean(ex.text)) == "甲区人民政府办公室关于印发《甲区托育服务若干措施》的通知"


NOTICE = """甲县人民政府文件

甲政发〔2026〕7号

甲县人民政府
关于印发《甲县农业农村现代化规划》的通知

各乡镇人民政府，县政府各部门：
    现将《甲县农业农村现代化规划》印发给你们，请认真贯彻执行。

                                        甲县人民政府
                                        2026年3月18日
（此件公开发布）

甲县农业农村现代化规划

    第一章 发展基础。粮食总产量连续五年稳定在35万吨以上，2025年达到38.6万吨，比2020年增加3.2万吨。
"""


def test_a_notices_signature_stays_under_its_opening():
    text = clean(NOTICE).text
    assert "甲县人民政府\n                                        2026年3月18日\n" in text  # not a web page's dateline
    assert "2026年3月18日（此件公开发布）" not in text


def test_a_table_row_is_never_cut_between_chunks():
    rows = "".join(f"乡镇：第{i}镇；2025年常住人口城镇化率（%）：{40 + i}.5；2030年目标（%）：{50 + i}；"
                   f"2026—2030年新增落户人口（人）：{1000 + i}；功能定位：特色镇。\n" for i in range(12))
    text = "表1  各乡镇城镇化发展目标\n" + rows
    for s, e, _ in chunk_spans(text, ChunkConfig(max_tokens=200, min_tokens=20)):
        piece = text[s:e].strip()
        assert piece.startswith(("表1", "乡镇：")) and piece.endswith(("目标", "。")), piece[:40]
