"""The 指标 tab: the indicator table of the live knowledge base (vectordb.targets), filtered by document,
indicator, year and kind; a comparison view (one indicator across documents and years, like
`planqa targets compare`); a click on a value shows its source passage with the value highlighted at its
exact offsets; the current view exports to CSV or XLSX (assistant.targets_table, the CLI's own format).

Mounted by ``targets_tab(app)`` inside the app's Blocks. The view's rows travel in a gr.State as keys
(doc_id, offsets, indicator), resolved against the live rows on each click, so a document replaced or removed
meanwhile shows as such instead of a stale passage."""

from __future__ import annotations

import html
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

import gradio as gr
import pandas as pd

from assistant.targets_table import (KIND_LABELS, KINDS, grid, passage, records, row_key, value_text, when, write_csv,
                                     write_xlsx)
from ingest.models import SECTION_SEP
from ingest.targets import TargetRow
from vectordb.live import chunk_at
from vectordb.targets import live_targets, select

MAX_SHOWN = 3000  # rows shown in the table (exports hold all)
LIST_HEADERS = ["文件", "章节", "指标", "数值", "年份/时期", "类型", "备注"]
LIST_WIDTHS = ["19%", "21%", "22%", "12%", "10%", "6%", "10%"]
ALL = ""
KIND_CHOICES = [("全部", ALL)] + [(f"{KIND_LABELS[k]}（{k}）", k) for k in KINDS]
EMPTY_PASSAGE = '<div class="targets-empty">点击表中的数值，这里显示它的原文段落（数值按原文位置高亮）。</div>'

Key = tuple[str, int, int, str]


def _esc(s) -> str:
    return html.escape(str(s))


def _note(r: TargetRow) -> str:
    """Base value and year, attribute (预期性/约束性), scope."""
    base = f"基数{r.base_value}{f'（{r.base_year}年）' if r.base_year else ''}" if r.base_value else ""
    return " ".join(x for x in (base, r.attribute, r.scope) if x)


class TargetsView:
    """The tab's logic over an index (documents(), text(), optionally live()); no gradio components."""

    def __init__(self, index, export_dir: Path | None = None):
        self.index = index
        self.export_dir = export_dir

    # --- rows ------------------------------------------------------------------
    def rows(self, docs: Sequence[str] | None = None, indicator: str | None = None, year: str | int | None = None,
             kind: str | None = None) -> list[TargetRow]:
        live = live_targets(self.index, list(docs) if docs else None)
        y = int(year) if year not in (None, "", ALL) else None
        indicator = (indicator or "").strip() or None
        got = select(live, indicator, y, kind or None)
        if indicator and not got:  # a name typed by hand: any indicator or subject containing it
            got = [r for r in select(live, None, y, kind or None) if indicator in r.indicator or indicator in r.subject]
        return got

    def lookup(self, keys: Sequence[Key]) -> list[TargetRow | None]:
        wanted = {tuple(k) for k in keys}
        docs = {k[0] for k in wanted}
        live = {row_key(r): r for r in live_targets(self.index, docs) if row_key(r) in wanted}
        return [live.get(tuple(k)) for k in keys]

    def titles(self) -> dict[str, str]:
        return {r.doc_id: r.title or r.name for r in self.index.documents()}

    def doc_choices(self) -> list[tuple[str, str]]:
        return [(f"{r.title}（{r.name}）", r.doc_id) for r in sorted(self.index.documents(), key=lambda r: r.name)]

    def indicator_choices(self, docs: Sequence[str] | None = None) -> list[str]:
        counts = Counter(r.indicator for r in live_targets(self.index, list(docs) if docs else None))
        return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def year_choices(self, docs: Sequence[str] | None = None) -> list[tuple[str, str]]:
        years = sorted({r.year for r in live_targets(self.index, list(docs) if docs else None) if r.year})
        return [("全部", ALL)] + [(str(y), str(y)) for y in years]

    # --- views -----------------------------------------------------------------
    def list_view(self, docs, indicator, year, kind) -> tuple[pd.DataFrame, dict, str]:
        rows = self.rows(docs, indicator, year, kind)
        shown = rows[:MAX_SHOWN]
        data = [[r.doc_name, r.section[-1] if r.section else "", r.indicator, value_text(r), when(r),
                 KIND_LABELS.get(r.kind, r.kind), _note(r)] for r in shown]
        keys = [row_key(r) for r in rows]
        state = {"mode": "list", "keys": keys, "cells": [[[i]] * len(LIST_HEADERS) for i in range(len(shown))]}
        more = f"（表中显示前 {MAX_SHOWN} 条，导出包含全部）" if len(rows) > MAX_SHOWN else ""
        status = f"共 {len(rows)} 条指标{more}。点击任一行的数值查看原文。" if rows else "没有符合条件的指标。"
        return pd.DataFrame(data, columns=LIST_HEADERS), state, status

    def compare_view(self, docs, indicator, year, kind) -> tuple[pd.DataFrame, dict, str]:
        if not (indicator or "").strip():
            return pd.DataFrame([], columns=["文件"]), {"mode": "compare", "keys": [], "cells": []}, \
                "对比需要先选择一个指标（例如 地区生产总值增速）。"
        rows = self.rows(docs, indicator, year, kind)
        g = grid(rows)
        keys = [row_key(r) for r in rows]
        index_of = {k: i for i, k in enumerate(keys)}
        data, cells = [], []
        for doc in g.docs:
            data.append([doc] + [g.cell_text(doc, c) for c in g.columns])
            cells.append([[index_of[row_key(r)] for rr in g.cells.values() for r in rr if r.doc_name == doc]]
                         + [[index_of[row_key(r)] for r in g.cells.get((doc, c), [])] for c in g.columns])
        state = {"mode": "compare", "keys": keys, "cells": cells}
        status = (f"{indicator.strip()}：{len(g.docs)} 个文件，{len(rows)} 个数值（无括注为目标值）。点击数值查看原文。"
                  if rows else f"没有找到“{indicator.strip()}”的数值。")
        return pd.DataFrame(data, columns=["文件"] + g.columns), state, status

    # --- a value's passage -----------------------------------------------------
    def _chunk_span(self, r: TargetRow) -> tuple[tuple[int, int] | None, str]:
        live = getattr(self.index, "live", None)
        if live is None:
            return None, ""
        try:
            table = live()
        except Exception:  # noqa: BLE001 - the passage falls back to the text around the sentence
            return None, ""
        c = chunk_at(table, r.doc_id, r.value_start)
        return ((c.start, c.end), f"第 {c.index + 1} 块") if c is not None else (None, "")

    def passage_html(self, r: TargetRow | None) -> str:
        if r is None:
            return '<div class="targets-empty">这个数值所在的文件已更新或删除，请重新筛选。</div>'
        text = self.index.text(r.doc_id)
        if text is None or text[r.value_start:r.value_end] != r.value:
            return '<div class="targets-empty">这个数值所在的文件已更新或删除，请重新筛选。</div>'
        span, chunk = self._chunk_span(r)
        p = passage(text, r, span)
        t = p.text
        mark = (f'<mark class="target-value" style="background:#ffd33d;font-weight:600">'
                f'{_esc(t[p.value_start:p.value_end])}</mark>')
        if p.sentence_start <= p.value_start and p.value_end <= p.sentence_end:  # the sentence holds the value
            sentence = (f'<span class="target-sentence" style="background:#fff8c5">'
                        f'{_esc(t[p.sentence_start:p.value_start])}{mark}{_esc(t[p.value_end:p.sentence_end])}</span>')
            body = [_esc(t[:p.sentence_start]), sentence, _esc(t[p.sentence_end:])]
        else:
            body = [_esc(t[:p.value_start]), mark, _esc(t[p.value_end:])]
        title = self.titles().get(r.doc_id, r.doc_name)
        section = _esc(SECTION_SEP.join(r.section) or "（无章节）")
        facts = [f"{_esc(when(r))}" if when(r) else "", KIND_LABELS.get(r.kind, r.kind), _esc(r.attribute),
                 f"基数 {_esc(r.base_value)}{f'（{r.base_year}年）' if r.base_year else ''}" if r.base_value else "",
                 _esc(r.scope)]
        return (f'<div class="target-passage" data-doc="{_esc(r.doc_name)}" data-start="{r.value_start}" '
                f'data-end="{r.value_end}" style="border:1px solid #d0d7de;border-radius:8px;padding:8px 10px;'
                f'margin:6px 0;background:#fff">'
                f'<div class="tp-head"><b>{_esc(r.indicator)}</b>：<b>{_esc(value_text(r))}</b> '
                f'<span style="color:#57606a">{" · ".join(f for f in facts if f)}</span></div>'
                f'<div class="tp-doc" style="color:#57606a;font-size:12px">《{_esc(title)}》 {_esc(r.doc_name)}</div>'
                f'<div class="tp-path" style="color:#57606a;font-size:12px">{section}</div>'
                f'<div class="tp-cite" style="color:#57606a;font-size:12px">原文位置 {r.value_start}–{r.value_end}'
                f'{" · " + chunk if chunk else ""}</div>'
                f'<div class="tp-text" style="font-size:13px;line-height:1.7;white-space:pre-wrap;margin-top:6px">'
                f'{"…" if p.start > 0 else ""}{"".join(body)}{"…" if p.end < len(text) else ""}</div></div>')

    def cell_passages(self, state: dict | None, row: int, col: int) -> str:
        state = state or {}
        cells = state.get("cells") or []
        if not (0 <= row < len(cells)) or not (0 <= col < len(cells[row])):
            return EMPTY_PASSAGE
        idx = cells[row][col]
        if not idx:
            return '<div class="targets-empty">这一格没有数值。</div>'
        keys = [state["keys"][i] for i in idx]
        return "".join(self.passage_html(r) for r in self.lookup(keys))

    # --- export ----------------------------------------------------------------
    def export(self, state: dict | None, fmt: str) -> str | None:
        keys = (state or {}).get("keys") or []
        rows = [r for r in self.lookup(keys) if r is not None]
        folder = Path(tempfile.mkdtemp(prefix="planqa-targets-", dir=self.export_dir))
        path = folder / f"targets-{time.strftime('%Y%m%d-%H%M%S')}.{fmt}"
        (write_xlsx if fmt == "xlsx" else write_csv)(records(rows), path)
        return str(path)


def targets_tab(app) -> TargetsView:
    """The 指标 tab, built inside the caller's gr.Blocks (``app`` is assistant.ui.app.App)."""
    view = TargetsView(app.index)
    with gr.Tab("指标", elem_id="targets-tab") as tab:
        gr.Markdown("文件中的每一个量化指标（目标值、实绩、基数），数值与原文逐字一致，点击即可查看出处。")
        with gr.Row():
            docs = gr.Dropdown(choices=view.doc_choices(), multiselect=True, label="文件（不选 = 全部）", scale=3,
                               elem_id="targets-docs")
            indicator = gr.Dropdown(choices=view.indicator_choices(), value=None, allow_custom_value=True,
                                    filterable=True, label="指标", scale=2, elem_id="targets-indicator")
            year = gr.Dropdown(choices=view.year_choices(), value=ALL, label="年份", scale=1, elem_id="targets-year")
            kind = gr.Dropdown(choices=KIND_CHOICES, value=ALL, label="类型", scale=1, elem_id="targets-kind")
        with gr.Row():
            show = gr.Button("筛选", variant="primary", elem_id="targets-filter")
            compare = gr.Button("对比：同一指标跨文件、年份", elem_id="targets-compare")
        status = gr.Markdown(elem_id="targets-status")
        state = gr.State({"mode": "list", "keys": [], "cells": []})
        with gr.Row():
            with gr.Column(scale=3):
                table = gr.Dataframe(pd.DataFrame([], columns=LIST_HEADERS), label="指标表", interactive=False,
                                     wrap=True, max_height=560, column_widths=LIST_WIDTHS, elem_id="targets-table")
            with gr.Column(scale=2):
                gr.Markdown("### 原文")
                source = gr.HTML(EMPTY_PASSAGE, elem_id="targets-passage")
        with gr.Row():
            to_csv = gr.Button("导出 CSV", elem_id="targets-csv", scale=1)
            to_xlsx = gr.Button("导出 XLSX", elem_id="targets-xlsx", scale=1)
            download = gr.File(label="导出文件", interactive=False, visible=False, elem_id="targets-file", scale=3)

        filters = [docs, indicator, year, kind]
        def show_list(*args):
            df, st, msg = view.list_view(*args)
            return gr.update(value=df, column_widths=LIST_WIDTHS), st, msg

        def show_grid(*args):
            df, st, msg = view.compare_view(*args)
            n = max(1, len(df.columns) - 1)
            return gr.update(value=df, column_widths=["28%"] + [f"{72 / n:.1f}%"] * n), st, msg

        show.click(show_list, filters, [table, state, status], api_name=False)
        compare.click(show_grid, filters, [table, state, status], api_name=False)

        def on_select(st: dict, evt: gr.SelectData) -> str:
            row, col = evt.index if isinstance(evt.index, (list, tuple)) else (evt.index, 0)
            return view.cell_passages(st, int(row), int(col))

        table.select(on_select, [state], [source], api_name=False)
        to_csv.click(lambda st: gr.update(value=view.export(st, "csv"), visible=True), [state], [download],
                     api_name=False)
        to_xlsx.click(lambda st: gr.update(value=view.export(st, "xlsx"), visible=True), [state], [download],
                      api_name=False)

        def refresh(selected):  # documents may have been added or removed in the 知识库 tab
            return (gr.update(choices=view.doc_choices()), gr.update(choices=view.indicator_choices(selected)),
                    gr.update(choices=view.year_choices(selected)))

        tab.select(refresh, [docs], [docs, indicator, year], api_name=False)
        docs.change(lambda sel: refresh(sel)[1:], [docs], [indicator, year], api_name=False)
    return view
