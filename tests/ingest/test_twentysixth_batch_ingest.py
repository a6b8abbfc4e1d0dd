"""Real documents of the twenty-sixth blind batch: a Word table whose rows are grouped by rows merged across it
(货物类, 服务类); a table row whose cell holds semicolons of its own, kept whole by the chunker; an OCR'd article whose
number and text share a line cut mid-sentence."""

import io

from ingest.chunk import _ROW
from ingest.clean import clean
from ingest.formats import docx_extract


def _grouped_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("甲县政府集中采购目录")
    rows = [["品目编码", "品目名称", "说明"], ["货物类", "", ""], ["A02010301", "服务器", "含机架式服务器"],
            ["服务类", "", ""], ["C21040000", "物业管理服务", "单项金额在50万元以上的"],
            ["第二十条第（五）项", "", ""], ["C22010000", "会议服务", "在定点服务单位范围内实施"]]
    t = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    for r in (1, 3, 5):
        t.cell(r, 0).merge(t.cell(r, 2))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_row_merged_across_a_table_names_the_group_below_it():
    ex = docx_extract(_grouped_docx())
    lines = ex.text.splitlines()
    assert "货物类：" in lines and "服务类：" in lines
    assert "品目编码：A02010301；品目名称：服务器；说明：含机架式服务器。" in lines
    assert not any(line.startswith("品目编码：货物类") for line in lines)
    # a group that reads as a part of the document (第二十条…) keeps its column: it opens no heading
    assert "品目编码：第二十条第（五）项。" in lines


def test_a_row_whose_cell_holds_semicolons_is_one_unit():
    row = "序号：37；项目名称：殡葬基本服务费；收费标准：每具480元；本县户籍居民免收；政策依据：《殡葬管理条例》；执收部门：县民政局"
    assert _ROW.fullmatch(row)
    assert not _ROW.fullmatch("坚持稳中求进；推动高质量发展；加强民生保障")
    assert not _ROW.fullmatch("主要目标：到2025年地区生产总值达到100亿元；城镇化率达到60%")


def test_an_articles_line_cut_mid_sentence_goes_on():
    text = ("第二十条在乡复员军人、带病回乡退伍军人每人每年发放区\n级生活补助1800元。\n\n"
            "第二十一条义务兵服现役期间，其家庭按每年1.2万元的标准\n发放义务兵家庭优待金。\n\n"
            "第二十二条 附则\n本办法自2025年10月1日起施行。\n")
    out = clean(text).text
    assert "其家庭按每年1.2万元的标准发放义务兵家庭优待金" in out
    assert "第二十二条 附则\n" in out  # a heading line of its own stays one
