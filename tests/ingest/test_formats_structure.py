"""Structure and tables from file formats, old Word files and OCR (issue 16, formats part).

Every fixture is written by the test with the library a user's file would come from (python-docx,
reportlab, openpyxl, PIL, LibreOffice). Tests that need a Debian converter skip with the reason.
"""

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.chunk import ChunkConfig, chunk_document, document_sections
from ingest.load import LoadError, load
from ingest.documents import prepare, scan, skipped_by_type
from ingest.structure import flattened_tables

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus-dev"
CFG = ChunkConfig()
HEADER = ["指标", "单位", "2024年完成值", "2025年目标值"]
ROWS = [["地区生产总值增长", "%", "5.3", "5.5左右"],
        ["城镇调查失业率", "%", "5.1", "5.5以内"],
        ["居民消费价格涨幅", "%", "0.2", "2左右"]]
ROW1 = "指标：地区生产总值增长；单位：%；2024年完成值：5.3；2025年目标值：5.5左右"
INTRO = ["2025年湖南省政府工作报告", "各位代表：", "一、2025年主要目标",
         "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率5.5%以内。"]
AFTER = "实现上述目标，需要付出艰苦努力，我们要坚定信心、迎难而上。"


def _table_chunk(doc, needle=ROW1):
    chunks = chunk_document(doc, CFG)
    hits = [c for c in chunks if needle in c.text]
    assert len(hits) == 1, [c.text for c in chunks]
    return hits[0], chunks


def _check_table_doc(doc, name="表1 主要指标"):
    c, chunks = _table_chunk(doc)
    assert "2025年目标值：5.5左右" in c.text  # the row and its header names in one chunk
    assert c.section_path[-1] == name and c.table == name
    assert c.section_path[:-1] == ("一、2025年主要目标",)  # the table sits in the section it stands in
    after = next(x for x in chunks if AFTER in x.text)
    assert after.table == "" and after.section_path == ("一、2025年主要目标",)
    assert doc.text[c.start:c.end] == c.text


def make_table_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for ln in INTRO:
        d.add_paragraph(ln)
    d.add_paragraph("表1 主要指标")
    t = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for r, row in enumerate([HEADER] + ROWS):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph(AFTER)
    d.save(str(path))
    return path


def test_docx_indicator_table(tmp_path):
    doc = prepare(make_table_docx(tmp_path / "t.docx"), CFG)
    assert doc.text.count("表1 主要指标") == 1  # the caption paragraph names the table, no second copy
    _check_table_doc(doc)


def make_table_html(path: Path) -> Path:
    cells = lambda row, tag="td": "".join(f"<{tag}>{v}</{tag}>" for v in row)  # noqa: E731
    html = ("<html><head><meta charset='utf-8'></head><body><div class='nav'>首页 &gt; 政务公开</div><article>"
            + "".join(f"<p>{ln}</p>" for ln in INTRO)
            + "<table border='1'><caption>表1 主要指标</caption><tr>" + cells(HEADER, "th") + "</tr>"
            + "".join(f"<tr>{cells(r)}</tr>" for r in ROWS) + "</table>"
            + f"<p>{AFTER}</p>"
            # a layout table (prose in a cell) stays text
            + "<table><tr><td><p>二、工作要求</p><p>" + "各地区各部门要切实加强组织领导，" * 6 + "确保各项任务落到实处。</p></td></tr></table>"
            + "</article></body></html>")
    path.write_text(html, encoding="utf-8")
    return path


def test_html_indicator_table_and_layout_table(tmp_path):
    doc = prepare(make_table_html(tmp_path / "t.html"), CFG)
    _check_table_doc(doc)
    assert len(doc.tables) == 1
    last = [s.path for s in document_sections(doc)][-1]
    assert last == ("二、工作要求",)  # the layout table's text is body text with its heading


def make_table_pdf(path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    table = Table([HEADER] + ROWS)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph(ln, style) for ln in INTRO] + [Paragraph("表1 主要指标", style), table, Paragraph(AFTER, style)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_pdf_table_read_by_pdfplumber(tmp_path):
    pytest.importorskip("pdfplumber")
    path = make_table_pdf(tmp_path / "t.pdf")
    doc = prepare(path, CFG)
    c, _ = _table_chunk(doc)
    assert "2025年目标值：5.5左右" in c.text and c.section_path[-1] == "表1 主要指标"
    assert doc.text.count("居民消费价格涨幅") == 1  # the table's cells are not also left as page text


def test_xlsx_sheets_are_tables(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要指标"
    for row in [HEADER] + ROWS:
        ws.append(row)
    wb.create_sheet("空表")
    wb.save(tmp_path / "t.xlsx")
    doc = prepare(tmp_path / "t.xlsx", CFG)
    c, _ = _table_chunk(doc)
    assert c.section_path == ("表1 主要指标",) and c.table == "表1 主要指标"
    assert [t[2] for t in doc.tables] == ["表1 主要指标"]


def test_docx_heading_styles_and_bold_leads(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("2025年政府工作报告", 0)  # Title style: the document title
    d.add_paragraph("各位代表：现在，我代表省人民政府，向大会报告政府工作，请予审议。")
    d.add_heading("过去一年工作回顾", 1)
    p = d.add_paragraph("\u3000\u3000")
    p.add_run("大力提振消费").bold = True
    p.add_run("。推进提振消费专项行动，提升消费能力、意愿和层级。")
    p = d.add_paragraph()
    p.add_run("提高投资效益。").bold = True
    p.add_run("持续抓好项目谋划，做好专项债券自审自发试点。")
    d.add_paragraph("其中，").add_run("重点").bold = True  # bold inside a sentence is no heading
    d.add_heading("今年工作安排", 1)
    d.add_paragraph().add_run("一年来的主要工作是：").bold = True  # a bold lead-in line is no heading
    d.add_paragraph("坚持稳中求进工作总基调。")
    d.save(str(tmp_path / "h.docx"))
    doc = prepare(tmp_path / "h.docx", CFG)
    paths = [s.path for s in document_sections(doc)]
    assert ("过去一年工作回顾", "大力提振消费") in paths
    assert ("过去一年工作回顾", "提高投资效益") in paths
    assert ("今年工作安排",) in paths
    assert not any("重点" in p[-1] or "主要工作是" in p[-1] for p in paths if p)
    assert not any(p and p[0] == "2025年政府工作报告" for p in paths)


@pytest.mark.skipif(not DEV.is_dir(), reason="corpus-dev not beside the repo")
@pytest.mark.parametrize("name,want", [
    # README: 湖南 — bold 一、/二、 (a third, 三、, is bold too), 10 （一）, L3 run-in leads as bold runs
    ("gov_report_2025_hunan.docx", {"l1": (2, 3), "l2": 10, "leads": (30, 50)}),
    # README: 福建 — bold paragraphs: 3 一、 and 22 （一）
    ("gov_report_2025_fujian.docx", {"l1": 3, "l2": 22, "leads": (10, 30)}),
    # README: the .html — 7 bold 一、 spans, 20 （一）, under the 方案's own title
    ("notice_vocational_education_reform_2019_national.html", {"l1": 7, "l2": 20, "leads": (0, 0)}),
])
def test_corpus_dev_format_hints(name, want):
    doc = prepare(DEV / name, CFG)
    assert doc.hints, "the format gave no heading hints"
    heads = {}
    for s in document_sections(doc):
        if s.path:
            heads.setdefault(s.path, s)
    last = [p[-1] for p in heads]
    n1 = sum(bool(__import__("re").match("[一二三四五六七八九十]{1,3}、", h)) for h in last)
    n2 = sum(h.startswith("（") for h in last)
    leads = sum(1 for off, lvl, _h in doc.hints if lvl == 7 and not doc.text[off:].startswith("（"))

    def ok(v, w):
        return w[0] <= v <= w[1] if isinstance(w, tuple) else v == w

    assert ok(n1, want["l1"]) and ok(n2, want["l2"]) and ok(leads, want["leads"]), (n1, n2, leads)
    if name.endswith(".html"):
        assert any(p[0] == "国家职业教育改革实施方案" for p in heads if len(p) > 1)


def test_flattened_table_is_marked_not_rewritten(tmp_path):
    text = ("二、主要指标\n“十五”期间主要指标如下。\n指标 单位 2000年 2005年\n地区生产总值 亿元 1955 2800\n"
            "财政收入 亿元 180 260\n城镇居民人均可支配收入 元 6325 8700\n农民人均纯收入 元 1479 2000\n"
            "实现上述目标，必须坚持以经济建设为中心。\n")
    spans = flattened_tables(text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].startswith("指标 单位") and text[s:e].endswith("2000")
    f = tmp_path / "flat.txt"
    f.write_text(text, encoding="utf-8")
    doc = prepare(f, CFG)
    assert doc.text == text.rstrip("\n") or text.startswith(doc.text)  # text unchanged
    assert doc.flattened_tables and any(c.flattened for c in chunk_document(doc, CFG))
    assert not flattened_tables("一、总体要求\n坚持稳中求进。\n到2025年，地区生产总值达到3000亿元。\n")


NEWS_PAGE = """<html><head><meta charset="utf-8"><title>某市关于加快数字经济发展的实施意见_某市人民政府</title></head><body>
<div class="top"><a>首页</a> | <a>政务公开</a> | <a>办事服务</a> | <a>互动交流</a> | <a>无障碍</a></div>
<div class="main"><div class="content">
<h1>某市人民政府关于加快数字经济发展的实施意见</h1>
<div class="info">来源：市政府办公室　发布时间：2023-05-06　浏览次数：1234　字号：[大 中 小]</div>
<p>各区县人民政府，市政府各部门：</p>
<p>为加快数字经济发展，推动数字技术与实体经济深度融合，打造具有区域影响力的数字经济
高地，现结合本市实际，提出如下实施意见，请各地各部门认真贯彻落实，确保各项任务取得实效。</p>
<p><strong>一、总体目标</strong></p>
<p>到2025年，全市数字经济核心产业增加值达到800亿元，占地区生产总值比重达到12%左右，数字化转型走在全省前列，
建成一批具有示范带动作用的数字化车间和智能工厂，形成较为完善的数字经济发展生态体系。</p>
<p><strong>二、重点任务</strong></p>
<p>（一）加强数字基础设施建设。新建5G基站5000个，实现城区和重点乡镇全覆盖，加快千兆光网建设，推进数据中心
绿色化改造，构建高速泛在、天地一体、云网融合、智能敏捷、绿色低碳、安全可控的智能化综合性数字信息基础设施。</p>
<p>（二）推动产业数字化转型。每年推动200家规模以上工业企业实施数字化改造，培育一批工业互联网平台和解决方案
服务商，支持中小企业上云用数赋智，推进农业、服务业数字化水平全面提升，打造一批数字化转型标杆企业。</p>
</div>
<div class="related"><h3>相关文章</h3><ul><li><a>某市召开数字经济发展大会</a></li>
<li><a>关于印发某市大数据产业发展规划的通知</a></li><li><a>市领导调研数字经济重点项目</a></li></ul></div></div>
<div class="foot"><p>主办：某市人民政府办公室　承办：某市大数据中心</p><p>备案号：某ICP备12345678号</p></div>
</body></html>"""


def test_news_page_keeps_its_main_content_only(tmp_path):
    # The main-content extractor (trafilatura) marks the menu and the related-articles list at the page's ends;
    # lines are the page's blocks, and a line break in the HTML source inside a paragraph is no break.
    f = tmp_path / "page.html"
    f.write_text(NEWS_PAGE, encoding="utf-8")
    doc = prepare(f, CFG)
    for chrome in ("首页", "相关文章", "数字经济发展大会", "浏览次数", "ICP备"):
        assert chrome not in doc.text
    lines = doc.text.split("\n")
    assert lines[0] == "某市人民政府关于加快数字经济发展的实施意见" and doc.title == lines[0]
    assert "各区县人民政府，市政府各部门：" in lines
    assert any(ln.startswith("为加快数字经济发展") and ln.endswith("取得实效。") and "经济高地" in ln for ln in lines)
    assert "5G基站5000个" in doc.text and "数字化转型标杆企业。" in doc.text


def test_only_boilerplate_gets_a_clear_error(tmp_path):
    f = tmp_path / "chrome.html"
    f.write_text("<html><body><div>当前位置：首页 > 政务公开 > 政策文件</div><div>来源：省政府办公厅</div>"
                 "<div>【字体：大 中 小】</div><div>打印本页</div><div>关闭窗口</div></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="no document text after removing site boilerplate"):
        prepare(f, CFG)


def test_directory_walk_reports_skipped_types(tmp_path):
    (tmp_path / "a.txt").write_text("一、总体要求\n正文。", encoding="utf-8")
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0old excel")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden").write_text("x")
    files, skipped = scan([tmp_path])
    assert [f.name for f in files] == ["a.txt"]
    assert skipped_by_type(skipped) == {".jpg": ["c.jpg", "d.jpg"], ".xls": ["b.xls"]}


# ---------------------------------------------------------------- Debian converters

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_file_with_table(tmp_path, suffix):
    cells = lambda row: "".join(f"<td>{v}</td>" for v in row)  # noqa: E731
    src = tmp_path / "src.html"
    src.write_text("<html><body>" + "".join(f"<p>{ln}</p>" for ln in INTRO) + "<p>表1 主要指标</p><table border='1'>"
                   + "".join(f"<tr>{cells(r)}</tr>" for r in [HEADER] + ROWS) + f"</table><p>{AFTER}</p></body></html>",
                   encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--infilter=HTML (StarWriter)",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    old = tmp_path / f"report{suffix}"
    (tmp_path / "src.doc").rename(old)  # Kingsoft WPS files are this same binary format
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    doc = prepare(old, CFG)
    assert doc.fmt == suffix[1:]
    _check_table_doc(doc)


def test_not_an_old_word_file(tmp_path):
    f = tmp_path / "x.doc"
    f.write_bytes(b"plain text pretending")
    with pytest.raises(LoadError, match="not a Word 97"):
        load(f)


OCR_TEXT = ["关于加快建设现代化产业体系的实施意见", "一、总体要求", "坚持以科技创新引领产业创新，",
            "推动传统产业改造升级，培育壮大新兴产业。", "到2027年，全省规模以上工业增加值年均增长6%左右。"]


def _cjk_font() -> str | None:
    for p in ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]:
        if Path(p).exists():
            return p
    return None


def test_ocr_of_image_only_pdf(tmp_path):
    from ingest import ocr

    if not ocr.available():
        pytest.skip("tesseract with chi_sim not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    font_path = _cjk_font()
    if not font_path:
        pytest.skip("no CJK font (apt-get install fonts-wqy-microhei)")
    pytest.importorskip("pypdfium2")
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, 40)
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    for i, ln in enumerate(OCR_TEXT):
        draw.text((150, 200 + 90 * i), ln, font=font, fill=0)
    path = tmp_path / "scan.pdf"
    page.save(path, "PDF", resolution=200)  # an image-only PDF: no text layer
    loaded = load(path)
    assert loaded.fmt == "pdf" and any("OCR used on 1 page" in w for w in loaded.warnings)
    want = "".join("".join(OCR_TEXT).split())
    got = "".join(loaded.text.split())
    ratio = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()
    assert ratio >= 0.95, (ratio, loaded.text)
    doc = prepare(path, CFG)
    assert doc.warnings and ("一、总体要求",) in [s.path for s in document_sections(doc)]


def test_ocr_low_confidence_warns(monkeypatch, tmp_path):
    from ingest import formats

    def fake(raw, pages):
        return {i: ("模糊不清的扫描文字。", 41.0) for i in pages}

    monkeypatch.setattr("ingest.ocr.ocr_pdf_pages", fake)
    from PIL import Image

    path = tmp_path / "blank.pdf"
    Image.new("L", (200, 200), 255).save(path, "PDF")
    ex = formats.pdf_extract(path.read_bytes())
    assert ex.ocr_pages == [(1, 41.0)]
    assert any("low OCR confidence on page(s) 1 (41)" in w for w in ex.warnings)
