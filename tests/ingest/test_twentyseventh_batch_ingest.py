"""Real documents of the twenty-seventh blind batch: a Word list numbered by Word itself (the digits are
formatting, not text); a markdown table of words alone (no figures) that its rule line marks as a table; a
workbook's sheet of text lines and a cell's own line breaks; a row that ends a sentence gets no second full stop."""

import io

from ingest.formats import docx_extract, text_extract, xlsx_extract


def _numbered_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("（一）强化火源管控")
    for item in ("严格落实进山登记制度。", "加强祭祀用火管理。", "规范农事用火。"):
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("（二）深化隐患排查整治")
    rows = [["乡镇", "物资储备", "联系人"], ["甲镇", "风力灭火机\n二号工具", "张三"], ["乙乡", "油锯", "李四。"]]
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_word_list_reads_with_the_numbers_word_draws():
    lines = docx_extract(_numbered_docx()).text.splitlines()
    assert "1.严格落实进山登记制度。" in lines and "3.规范农事用火。" in lines
    assert "（一）强化火源管控" in lines  # a paragraph of no list keeps its text


def test_a_cells_own_line_breaks_part_its_items():
    lines = docx_extract(_numbered_docx()).text.splitlines()
    assert "乡镇：甲镇；物资储备：风力灭火机、二号工具；联系人：张三。" in lines
    assert "乡镇：乙乡；物资储备：油锯；联系人：李四。" in lines  # one full stop


MD = """## 二、学有所教

| 服务项目 | 服务对象 | 牵头单位 |
| --- | --- | --- |
| 学前教育资助 | 在园家庭经济困难儿童 | 县教育局 |
| 学生营养膳食补助 | 农村义务教育阶段学生 | 县教育局 |
"""


def test_a_markdown_table_of_words_is_a_table():
    lines = text_extract(MD).text.splitlines()
    assert "服务项目：学前教育资助；服务对象：在园家庭经济困难儿童；牵头单位：县教育局。" in lines
    # spaced-out words with no rule line and no figures stay prose
    assert text_extract("甲乙  丙丁  戊己\n庚辛  壬癸  子丑\n寅卯  辰巳  午未\n").text.startswith("甲乙  丙丁")


def _workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    for line in ("甲市重点事项清单编制说明", "一、背景", "清单共列入重点事项30项。"):
        ws.append([line])
    ws2 = wb.create_sheet("清单")
    ws2.append(["序号", "事项名称", "配合单位"])
    ws2.append([1, "企业信息变更一件事", "市税务局\n市医保局"])
    ws2.append([2, "招聘员工一件事", "市税务局"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_sheet_of_text_lines_is_text_and_cells_keep_their_items_apart():
    ex = xlsx_extract(_workbook())
    lines = ex.text.splitlines()
    assert lines[:3] == ["甲市重点事项清单编制说明", "一、背景", "清单共列入重点事项30项。"]
    assert "序号：1；事项名称：企业信息变更一件事；配合单位：市税务局、市医保局。" in lines
    assert len(ex.tables) == 1
