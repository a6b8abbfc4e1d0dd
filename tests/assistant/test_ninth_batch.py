"""Rules of the ninth blind batch, on hand-made text and PDFs: a PDF's running head that carries its page number,
characters a PDF draws out of reading order, a table that goes on over a page without its header, a table's name
and unit lines; a modifier joined with 的, words that say how a document puts a thing, everyday words for the
documents' own."""

from pathlib import Path

import pytest

from assistant.evidence import term_present
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.chunk import ChunkConfig
from ingest.clean import clean
from ingest.documents import prepare

G = Glossary.load()


def test_a_running_head_with_its_page_number_goes_and_the_figure_it_cut_joins():
    pages = []
    for n in range(1, 5):
        pages.append(f"某区2024年政府工作报告 {n}\n全区地区生产总值完成486.{n}亿元、增长6.4%，城镇居民人均可支配收入5386{n}\n"
                     f"第 {n} 页 共 5 页\n")
    raw = "".join(pages).replace("5386", "53860", 1) + "某区2024年政府工作报告 5\n元、增长5.3%。\n"
    cleaned = clean(raw, join_wraps=True)
    assert "政府工作报告 " not in cleaned.text and "页" not in cleaned.text
    assert "可支配收入53864元、增长5.3%。" in cleaned.text  # the last page's head parted 53864 from 元
    assert all(raw[i] == ch for ch, i in zip(cleaned.text, cleaned.source_index))  # deleting only


def test_a_title_line_that_repeats_without_page_numbers_stays():
    raw = "\n".join(["某区政府工作报告", "正文第一段。", "正文第一段。", "正文第一段。", "正文第一段。", "第 1 页 共 3 页", "某区政府工作报告", "正文第二段。",
                     "第 2 页 共 3 页", "某区政府工作报告", "正文第三段。", "第 3 页 共 3 页"])
    text = clean(raw, join_wraps=True).text
    assert text.startswith("某区政府工作报告") and "正文第三段。" in text  # the title line is no page furniture


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def test_characters_drawn_out_of_order_are_read_in_reading_order(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font, size, y = _font(), 12, 700
    path = tmp_path / "q.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(font, size)
    head, words, tail = "深入开展", "招商引资攻坚年", "活动，新引进亿元以上项目47个。"
    x = 72.0
    x_open = x + stringWidth(head, font, size)
    x_words = x_open + stringWidth("“", font, size)
    x_close = x_words + stringWidth(words, font, size)
    x_tail = x_close + stringWidth("”", font, size)
    # the quotation marks first (as a PDF that draws them in another font does), then the words
    c.drawString(x_open, y, "“")
    c.drawString(x_close, y, "”")
    c.drawString(x, y, head)
    c.drawString(x_words, y, words)
    c.drawString(x_tail, y, tail)
    c.showPage()
    c.save()
    doc = prepare(path, ChunkConfig())
    assert "深入开展“招商引资攻坚年”活动" in doc.text.replace(" ", "")


def test_a_table_that_goes_on_over_a_page_keeps_its_header_and_its_name_takes_the_caption(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _font()
    style = ParagraphStyle("zh", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    header = ["项目", "预算数", "执行数", "增长%"]
    rows = [[f"收入项目{n}", f"{n}.10", f"{n}.25", f"{n % 7}.5"] for n in range(1, 80)]
    table = Table([header] + rows, repeatRows=0)  # the header printed on the first page only
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("一、收入执行情况。全年收入稳步增长。", style), Paragraph("表1 2025年收入执行情况表", style),
             Paragraph("单位：亿元", style), table, Paragraph("二、支出执行情况。全年支出保障有力。", style)]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    doc = prepare(path, ChunkConfig())
    assert "项目：收入项目79；预算数：79.10；执行数：79.25" in doc.text  # a row of the second page
    assert "项目：收入项目1；预算数：1.10" in doc.text
    assert "表1 2025年收入执行情况表 单位：亿元" in doc.text  # the name and unit lines name the table
    assert doc.text.index("一、收入执行情况") < doc.text.index("项目：收入项目1；") < doc.text.index("二、支出执行情况")


def test_a_modifier_joined_with_de_holds_the_term():
    assert term_present("钢产量", "1985年钢的产量为3900万吨", G)
    assert not term_present("钢产量", "1985年钢材出口和粮食产量", G)


def test_words_that_say_how_a_document_puts_a_thing_are_no_terms():
    assert analyse("内蒙古报告里编号为“三、”的那一块主要讲什么？").terms == ()
    assert "引用" not in analyse("讲话里引用的省里部署，两个时间点差几年？").terms
    assert "部署" in analyse("二十大报告对共享单车停放管理有什么部署？").terms  # what is done stays a term


def test_everyday_words_stand_for_the_documents_own():
    assert term_present("活到", "人均预期寿命增长到七十八点二岁", G)
    assert term_present("编出来", "本规划纲要依据《某某建议》编制", G)
    assert term_present("箱量", "上海港集装箱吞吐量达到5506.3万标准箱", G)
    assert term_present("村子", "全县589个行政村生活垃圾治理", G)
    assert not term_present("村子", "全县589个社区生活垃圾治理", G)


def test_a_table_named_at_the_foot_of_the_page_before_takes_that_name(tmp_path):
    pytest.importorskip("pdfplumber")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _font()
    style = ParagraphStyle("zh", fontName=font, fontSize=11, leading=16, wordWrap="CJK")

    def page_number(canvas, doc):
        canvas.setFont(font, 10)
        canvas.drawCentredString(297, 30, f"— {doc.page} —")

    table = Table([["项目", "预算数", "执行数"], ["税收收入", "81.60", "81.52"], ["非税收入", "36.00", "36.78"]])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("全年收入稳步增长。", style), Paragraph("表1 2025年收入执行情况表", style), Paragraph("单位：亿元", style),
             PageBreak(), table, Paragraph("二、支出执行情况。全年支出保障有力。", style)]
    path = tmp_path / "t.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)
    doc = prepare(path, ChunkConfig())
    assert "表1 2025年收入执行情况表 单位：亿元：\n项目：税收收入；预算数：81.60；执行数：81.52。" in doc.text
    assert doc.text.count("执行情况表") == 1 and "— 1 —" not in doc.text


def test_a_numbered_lead_sentence_with_text_after_it_joins_its_wrapped_line():
    raw = ("3.主要收入项目情况。增值税完成32.95亿元，增长4.1%，主要是装备制造和\n新能源电池产业链企业产销两旺。\n"
           "4.再融资债券：指为偿还到期地方政府债券本金而发行的地方政府债券，不增加\n政府债务余额。\n（五）政府债务情况\n全市债务风险总体可控。\n")
    text = clean(raw, join_wraps=True).text
    assert "主要是装备制造和新能源电池产业链企业产销两旺。" in text and "不增加政府债务余额。" in text
    assert "\n（五）政府债务情况\n" in text  # a heading alone on its line stays one


def test_a_table_is_named_by_its_number_and_a_number_the_document_lacks_is_absent():
    from assistant.references import absent_part

    info = analyse("预算报告表3里国有资本经营预算收入的执行数是多少？")
    assert info.parts == (("表三", "表3"),) and "表3" not in "".join(info.terms)
    chunks = [("a", "一、预算执行情况 › 表1 一般公共预算收入执行情况表"), ("b", "一、预算执行情况 › 表2 一般公共预算支出执行情况表")]
    assert absent_part(chunks, list(info.parts)) == "表三"
    assert absent_part(chunks, list(analyse("表2里教育支出执行数多少？").parts)) is None
    assert analyse("他代表3个单位发言了吗？").parts == ()  # 代表 is no table


def test_a_party_congress_report_and_a_budget_report_are_named_by_what_their_openings_say():
    from assistant.evidence import DocLabel, doc_scope
    from ingest.zh import squash

    labels = {
        "congress": DocLabel(squash("坚定信心 砥砺奋进"), squash("坚定信心 砥砺奋进 ——在中国共产党某市第九次代表大会上的报告")),
        "budget": DocLabel(squash("关于某市2025年预算执行情况和2026年预算草案的报告"),
                           squash("关于某市2025年预算执行情况和2026年预算草案的报告 各位代表")),
        "report": DocLabel(squash("政府工作报告"), squash("政府工作报告 ——在某区第三届人民代表大会第四次会议上")),
    }
    assert doc_scope(analyse("党代会报告第二部分主要讲了什么？"), labels).docs == {"congress"}
    assert doc_scope(analyse("预算报告里教育支出安排了多少？"), labels).docs == {"budget"}


def test_a_column_named_with_its_unit_gives_its_values_that_unit():
    from assistant.evidence import check_sentence

    row = "项目：印花税；预算数：2.10；执行数：2.24；完成预算%：106.7；增长%：9.3。"
    ok = check_sentence(analyse("表1里印花税完成预算百分之几？"), row, G, "表1收入执行情况表")
    assert ok.ok
    amounts = "项目：印花税；预算数：2.10；执行数：2.24；上年数：2.05。"
    assert not check_sentence(analyse("表1里印花税完成预算百分之几？"), amounts, G, "表1收入执行情况表").ok


def test_a_speech_named_in_a_question_does_not_make_it_ask_for_a_part():
    assert analyse("讲话最后一部分说要把谁的故居打造成廉政教育基地？").kind != "section"
    assert analyse("那份讲话第二部分讲的什么？").kind == "section"


def test_figures_of_incomparable_size_are_not_computed_together():
    from assistant.arithmetic import quantities, statement

    person, county = quantities("农村居民人均可支配收入达到23000元以上，一般公共预算收入力争达到30亿元")
    assert statement("diff", [person, county], "[1]") is None
    town, city = quantities("居民人均可支配收入达到33000元以上，农村居民人均可支配收入达到23000元以上")
    assert "10000元" in statement("diff", [town, city], "[1]")


def test_numbered_headings_under_a_heading_the_question_names_are_its_items():
    from assistant.answer.extractive import ExtractiveBackend
    from vectordb.index import Hit

    backend = ExtractiveBackend(embedder=None, glossary=G)

    def hit(index, section, text):
        return Hit(doc_id="d", name="d.docx", title="某省交通规划", section=section, index=index, start=0,
                   end=len(text), text=text, score=1.0)

    parent = "第二章 总体要求 › 第二节 基本原则"
    passages = [hit(1, "第二章 总体要求", "第一节　指导思想\n以新发展理念为引领。\n第二节　基本原则"),
                hit(2, f"{parent} › 一、坚持适度超前、补齐短板", "一、坚持适度超前、补齐短板\n适度超前布局重大通道。"),
                hit(3, f"{parent} › 二、坚持融合发展、一体衔接", "二、坚持融合发展、一体衔接\n推动各种运输方式统筹融合。"),
                hit(4, f"{parent} › 三、坚持创新驱动、智慧赋能", "三、坚持创新驱动、智慧赋能\n推动新技术深度融合。")]
    draft = backend._parallel(analyse("交通规划的基本原则有哪些？"), passages, headed=True)
    assert draft.answer == "一、坚持适度超前、补齐短板[2]；二、坚持融合发展、一体衔接[3]；三、坚持创新驱动、智慧赋能[4]。"
    # numbered headings under a heading the question does not name are no list of what it asks
    assert backend._parallel(analyse("交通规划的保障措施有哪些？"), passages, headed=True) is None
    assert backend._parallel(analyse("交通规划的基本原则有哪些？"), passages) is None


def test_a_quoted_name_must_be_named_by_some_passage_not_by_each():
    from assistant.evidence import quoted_names, unnamed_quote
    from vectordb.index import Hit

    def hit(i, text):
        return Hit(doc_id="d", name="d.txt", title="某区政府工作报告", section="名词解释", index=i, start=0,
                   end=len(text), text=text, score=1.0)

    info = analyse("名词解释里的“三廊一带”是什么意思？")
    assert quoted_names(info.text) == ("三廊一带",)
    assert quoted_names("报告里编号为“三、”的那一块讲什么？") == ()  # a part's number is no name
    other = [hit(1, "“一核”即中心城区。“三带”即沿江城镇发展带。")]
    assert unnamed_quote(info, other, G) == "三廊一带"
    # the items of a named list may stand in passages that do not repeat its name
    items = [hit(1, "必须做到“三个聚焦”：聚焦对外开放。"), hit(2, "聚焦高质量发展。聚焦生态文明。")]
    assert unnamed_quote(analyse("报告说的“三个聚焦”是哪三个？"), items, G) is None
