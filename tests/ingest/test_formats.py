"""Fixtures of every format are generated here with the same libraries users' files come from."""

from pathlib import Path

import pytest

from ingest.load import LoadError, load

TEXT = ["关于加强生态环境保护的实施意见", "一、总体要求", "到2025年,PM2.5平均浓度下降到35微克/立方米以下。"]


def make_docx(path: Path, lines=TEXT) -> Path:
    import docx

    d = docx.Document()
    for ln in lines:
        d.add_paragraph(ln)
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "指标", "地区生产总值"
    d.save(str(path))
    return path


def make_pdf(path: Path, pages=(TEXT[:2], TEXT[2:])) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("STSong-Light", 12)
        for i, ln in enumerate(lines):
            c.drawString(60, 800 - 20 * i, ln)
        c.showPage()
    c.save()
    return path


def make_html(path: Path, encoding="utf-8") -> Path:
    html = (f'<html><head><meta charset="{encoding}"><title>页面</title><style>p{{color:red}}</style>'
            "<script>var x='不要';</script></head><body><nav>首页 > 政策</nav><article>"
            + "".join(f"<p>{ln}</p>" for ln in TEXT) + "</article><footer>版权所有</footer></body></html>")
    path.write_bytes(html.encode(encoding))
    return path


def test_docx(tmp_path):
    loaded = load(make_docx(tmp_path / "a.docx"))
    assert loaded.fmt == "docx" and loaded.encoding == "docx"
    assert all(ln in loaded.text for ln in TEXT) and "地区生产总值" in loaded.text


def test_pdf(tmp_path):
    loaded = load(make_pdf(tmp_path / "a.pdf"))
    assert loaded.fmt == "pdf"
    assert "一、总体要求" in loaded.text and "35微克" in loaded.text


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html(tmp_path, encoding):
    loaded = load(make_html(tmp_path / "a.html", encoding))
    assert loaded.fmt == "html"
    assert all(ln in loaded.text for ln in TEXT)
    assert "不要" not in loaded.text and "首页" not in loaded.text and "版权所有" not in loaded.text


def test_gb18030_txt(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("\n".join(TEXT).encode("gb18030"))
    loaded = load(f)
    assert loaded.encoding == "gb18030" and loaded.text == "\n".join(TEXT)


@pytest.mark.parametrize("name,content,reason", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a valid .docx"),
    ("broken.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("noise.txt", b"\x80\x1b\x07\x81\x1b\x02" * 200, "undecodable"),
])
def test_broken_files(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load(f)


def test_size_limit(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as out:
        out.truncate(50 * 1024 * 1024)  # a 50 MB file, sparse
    with pytest.raises(LoadError, match="50 MiB, over the 20 MiB limit"):
        load(f)


def test_unreadable(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    with pytest.raises(LoadError, match="cannot read"):
        load(link)
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(LoadError, match="not a regular file"):
        load(tmp_path / "folder.txt")
