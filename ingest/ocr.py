"""OCR of scanned PDF pages: pypdfium2 renders the page, Debian's tesseract (tesseract-ocr +
tesseract-ocr-chi-sim, models installed with the package, no network) reads it.

Used only for pages without a text layer. Each page gets a confidence: tesseract's word
confidences averaged over characters (0–100).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile

DPI = 300
LANGS = os.environ.get("PLANQA_OCR_LANGS", "chi_sim+eng")
PAGE_TIMEOUT_S = 120


class OCRUnavailable(RuntimeError):
    pass


def _check() -> str:
    exe = shutil.which("tesseract")
    if not exe:
        raise OCRUnavailable("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    missing = [lang for lang in LANGS.split("+") if lang not in langs]
    if missing:
        raise OCRUnavailable(f"tesseract has no {'+'.join(missing)} model (apt-get install tesseract-ocr-chi-sim)")
    return exe


def available() -> bool:
    try:
        _check()
    except (OCRUnavailable, OSError, subprocess.SubprocessError):
        return False
    return True


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _join(a: str, b: str) -> str:
    if not a:
        return b
    return a + b if _is_cjk(a[-1]) or _is_cjk(b[0]) else f"{a} {b}"


def parse_tsv(tsv: str) -> tuple[str, float]:
    """tesseract's TSV → (text with one line per OCR line, blank lines between paragraphs; confidence)."""
    lines: dict[tuple[int, int, int], str] = {}
    weight = score = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            continue
        if row.get("level") != "5" or not word or conf < 0:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines[key] = _join(lines.get(key, ""), word)
        weight += len(word)
        score += conf * len(word)
    out, last_par = [], None
    for (block, par, _), text in sorted(lines.items()):
        if last_par is not None and (block, par) != last_par:
            out.append("")
        out.append(text)
        last_par = (block, par)
    return "\n".join(out), (score / weight if weight else 0.0)


def ocr_image(path: str, exe: str | None = None) -> tuple[str, float]:
    exe = exe or _check()
    proc = subprocess.run(
        [exe, path, "stdout", "-l", LANGS, "--psm", "3", "-c", "preserve_interword_spaces=1", "tsv"],
        capture_output=True, text=True, timeout=PAGE_TIMEOUT_S,
        env={**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")},
    )
    if proc.returncode != 0:
        raise OCRUnavailable(f"tesseract failed: {proc.stderr.strip()[:200]}")
    return parse_tsv(proc.stdout)


def ocr_pdf_pages(raw: bytes, pages: list[int]) -> dict[int, tuple[str, float]]:
    """page index → (text, confidence) for the given pages of a PDF."""
    exe = _check()
    try:
        import pypdfium2 as pdfium
    except ImportError as err:
        raise OCRUnavailable("rendering PDF pages needs pypdfium2 (installed with pdfplumber)") from err
    pdf = pdfium.PdfDocument(raw)
    out = {}
    try:
        with tempfile.TemporaryDirectory(prefix="planqa-ocr-") as tmp:
            for i in pages:
                image = pdf[i].render(scale=DPI / 72).to_pil().convert("L")
                path = os.path.join(tmp, f"p{i}.png")
                image.save(path)
                out[i] = ocr_image(path, exe)
    finally:
        pdf.close()
    return out
