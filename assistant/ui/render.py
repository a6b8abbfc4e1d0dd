"""HTML and text for the chat UI: clickable [n] markers, source cards with the supporting sentence highlighted
(table rows shown as a table, the cited row marked), refusals, and the plain-text copy of an answer with its
sources. Pure functions (no gradio)."""

from __future__ import annotations

import html
import re

from assistant.evidence import row_cells, sentence_units
from assistant.result import AnswerResult, Citation
from ingest.zh import bigrams

_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?(?:\[\d+\])*")


def answer_markdown(result: AnswerResult) -> str:
    """The chat message: each [n] becomes a link to its source card."""
    if result.refused:
        return f"⚠️ **未找到答案**：{html.escape(result.answer)}"
    text = html.escape(result.answer)
    text = _MARKER.sub(lambda m: f'<a class="cite" href="#src-{m.group(1)}" title="来源 {m.group(1)}">[{m.group(1)}]</a>', text)
    if result.notice:
        text += f"\n\n> ℹ️ {html.escape(result.notice)}"
    return text


def _support(answer: str, citation: Citation) -> tuple[int, int]:
    """The span of the passage sentence that best supports the answer sentences citing it."""
    cited = " ".join(s.group(0) for s in _SENTENCE.finditer(answer) if f"[{citation.id}]" in s.group(0))
    grams = bigrams(_MARKER.sub("", cited))
    spans = sentence_units(citation.text)
    if not spans or not grams:
        return 0, 0
    return max(spans, key=lambda se: len(grams & bigrams(citation.text[se[0]:se[1]])))


def _marked(t: str, a: int, b: int, s: int, e: int) -> str:
    """t[a:b] escaped, with its overlap with the support [s, e) marked."""
    lo, hi = max(a, s), min(b, e)
    if lo >= hi:
        return html.escape(t[a:b])
    return html.escape(t[a:lo]) + f"<mark>{html.escape(t[lo:hi])}</mark>" + html.escape(t[hi:b])


def _table(rows: list[tuple[list[tuple[str, str]], bool]]) -> str:
    """Rows of one table ("列名：值；…") as an HTML table under their column names; the supporting row marked."""
    keys = [k for k, _ in rows[0][0]]
    same = all([k for k, _ in cells] == keys for cells, _ in rows)
    head = "<tr>" + "".join(f"<th>{html.escape(k)}</th>" for k in keys) + "</tr>" if same else ""
    body = ""
    for cells, hit in rows:
        tds = "".join(f"<td>{html.escape(v if same else k + '：' + v)}</td>" for k, v in cells)
        body += ('<tr class="hit">' if hit else "<tr>") + tds + "</tr>"
    return f'<table class="src-table">{head}{body}</table>'


def _body(t: str, s: int, e: int) -> str:
    """The passage as HTML: the support [s, e) marked, runs of table rows as a table."""
    out: list[str] = []
    rows: list[tuple[list[tuple[str, str]], bool]] = []
    pos = 0
    for line in t.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        cells = row_cells(line.strip())
        if cells:
            rows.append((cells, a < e and s < b))
            continue
        if rows:
            out.append(_table(rows))
            rows = []
        out.append(_marked(t, a, b, s, e))
    if rows:
        out.append(_table(rows))
    return "".join(out)


def _card(c: Citation, answer: str, score: float | None) -> str:
    s, e = _support(answer, c)
    body = _body(c.text, s, e)
    meta = f'<span class="score">相关度 {score:.3f}</span>' if score is not None else ""
    notes = "".join(f'<div class="src-note">{html.escape(n)}</div>' for n in c.notes)
    notes = f'<div class="src-notes">注释：{notes}</div>' if notes else ""
    return (f'<div class="source-card" id="src-{c.id}" data-doc="{html.escape(c.doc)}">'
            f'<div class="src-head"><b>[{c.id}] {html.escape(c.title)}</b> {meta}</div>'
            f'<div class="src-path">{html.escape(c.doc)} › {html.escape(c.section or "（无章节）")}</div>'
            f'<div class="src-text">{body}</div>{notes}</div>')


def sources_html(result: AnswerResult | None) -> str:
    if result is None:
        return '<div class="sources-empty">提问后，这里显示答案引用的原文段落。</div>'
    scores = {(x.doc, x.text): x.score for x in result.contexts}
    parts = []
    if result.refused:
        parts.append(f'<div class="refusal">⚠️ {html.escape(result.answer)}</div>')
    parts += [_card(c, result.answer, scores.get((c.doc, c.text))) for c in result.citations]
    cited = {(c.doc, c.text) for c in result.citations}
    others = [x for x in result.contexts if (x.doc, x.text) not in cited]
    if others:
        label = "可能相关的段落" if result.refused else "其他相关段落"
        items = "".join(f'<div class="other"><div class="src-path">{html.escape(x.doc)} › {html.escape(x.section)} '
                        f'<span class="score">{x.score:.3f}</span></div><div class="src-text">{html.escape(x.text)}</div></div>'
                        for x in others)
        parts.append(f'<details class="others" {"open" if result.refused else ""}><summary>{label}（{len(others)}）</summary>{items}</details>')
    if result.flags:
        parts.append('<div class="flags">' + "".join(f"<div>⚠ {html.escape(f.kind)}：{html.escape(f.sentence)} {html.escape(f.detail)}</div>"
                                                     for f in result.flags) + "</div>")
    return "".join(parts)


def plain_text(result: AnswerResult) -> str:
    """The answer and its sources as plain text (the copy button)."""
    lines = [f"问：{result.question}", f"答：{result.answer}"]
    if result.citations:
        lines.append("来源：")
        lines += [f"[{c.id}] 《{c.title}》（{c.doc}）{c.section}\n    {c.text}" + "".join(f"\n    注 {n}" for n in c.notes)
                  for c in result.citations]
    return "\n".join(lines)


CSS = """
.source-card{border:1px solid #d0d7de;border-radius:8px;padding:8px 10px;margin:6px 0;background:#fff}
.source-card:target{border-color:#0969da;box-shadow:0 0 0 3px #b6d4fe}
.src-path{color:#57606a;font-size:12px;margin:2px 0}
.src-text{font-size:13px;line-height:1.6;white-space:pre-wrap}
.src-text mark{background:#fff3b0}
.src-table{border-collapse:collapse;margin:4px 0;font-size:12px;white-space:normal}
.src-table th,.src-table td{border:1px solid #ccc;padding:2px 6px;text-align:left}
.src-table tr.hit td{background:#fff3b0}
.src-notes{margin-top:4px;font-size:12px;color:#555;border-top:1px dashed #ccc;padding-top:2px}
.score{color:#57606a;font-size:12px;float:right}
.refusal{background:#fff8e1;border:1px solid #f0c36d;border-radius:8px;padding:8px 10px;margin:6px 0}
.flags{color:#b42318;font-size:12px}
a.cite{color:#0969da;font-weight:600;text-decoration:none}
"""
