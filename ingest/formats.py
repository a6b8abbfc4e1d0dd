"""Text out of binary and markup formats, with well-kept libraries (python-docx, pypdf, BeautifulSoup)."""

from __future__ import annotations

import io
import re
import zipfile


class FormatError(ValueError):
    pass


def docx_text(raw: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise FormatError(f"not a valid .docx file ({type(err).__name__})") from err
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # tables after the body text, one row a line
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise FormatError("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError) as err:
        raise FormatError(f"not a readable PDF ({err})") from err
    if not any(p.strip() for p in pages):
        raise FormatError("PDF has no text layer (scanned images need OCR first)")
    return "\n".join(p.rstrip("\n") for p in pages)


_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title")


def html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "aside"]):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_after("\n")
    text = root.get_text()
    return re.sub(r"[ \t\u00a0]+\n", "\n", text)
