"""Ingest rules of the seventeenth blind batch: a bold table caption opens only the table's section, a sentence
about another text's chapter or article is no heading, and two labelled fields in a row stay two blocks."""

from pathlib import Path

from ingest.chunk import ChunkConfig, document_sections
from ingest.clean import clean
from ingest.documents import prepare
from ingest.sections import heading_of

CFG = ChunkConfig(max_tokens=400)


def _bold_caption_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("甲县某事故调查报告")
    d.add_paragraph("一、事故基本情况")
    d.add_paragraph("2025年7月23日，某公司发生一起中毒窒息事故，造成3人死亡。")
    d.add_paragraph().add_run("表 事故伤亡人员基本情况").bold = True
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["姓名", "性别", "伤亡情况"], ["张某", "男", "死亡"], ["李某", "男", "受伤"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("二、事故发生经过")
    d.add_paragraph("当日10时20分许，作业人员进入调节池清淤。")
    d.save(str(path))
    return path


def test_a_bold_caption_opens_only_its_table(tmp_path):
    doc = prepare(_bold_caption_docx(tmp_path / "r.docx"), CFG)
    paths = {s.path for s in document_sections(doc)}
    after = [p for p in paths if p and p[-1].startswith("二、")]
    assert after and all(p == ("二、事故发生经过",) for p in after), paths


def test_a_sentence_about_another_texts_part_is_no_heading():
    assert heading_of("第一章“总则”（第一条至第六条），明确了制定目的、适用范围和基本原则。") is None
    assert heading_of("第二十五条规定，对验收合格的项目给予补助。") is None
    assert heading_of("第一章　总则") == (2, "第一章 总则")
    assert heading_of("第二十五条　对验收合格并投入使用的项目，给予补助。") == (4, "第二十五条")


def test_two_labelled_fields_stay_two_blocks():
    raw = ("会议纪要\n\n　　会议听取了县教育局的汇报，原则同意该方案，要求抓紧组织实施。\n\n"
           "　　会议还研究了其他事项。\n\n　　出席：张三　李四　王五\n\n　　列席：赵六（县财政局）　钱七（县审计局）\n\n"
           "　　记录：县政府办公室\n")
    text = clean(raw).text
    assert "王五列席" not in text and "\n列席：" in text.replace("\u3000", "").replace("\n\n", "\n")


def test_a_caption_line_is_no_part_title():
    from ingest.sections import part_title

    row = "序号：1；姓名：张某；性别：男；年龄：45岁；所在单位：某某县某某环保工程有限公司；岗位：污水处理站作业人员；伤亡情况：死亡。"
    assert not part_title("事故造成3人死亡，直接经济损失416万元。", "表  事故伤亡人员基本情况", row)
    assert part_title("事故造成3人死亡，直接经济损失416万元。", "事故伤亡人员基本情况", row)
