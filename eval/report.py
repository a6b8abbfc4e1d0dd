"""Write a run's results.json, report.md, report.html and plots."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Sequence

from eval.runner import CaseResult

SUMMARY_ORDER = (
    "hit@1", "hit@{k}", "recall@{k}", "mrr@10", "figures", "char_f1", "answered_rate",
    "citation_coverage", "citation_precision", "faithfulness", "evidence_hit", "citation_exact",
    "refusal_precision", "refusal_recall", "refusal_f1", "negatives_refused",
)
LATENCY = ("retrieve", "answer", "total")


def metric_rows(summary: dict[str, Any], k: int) -> list[tuple[str, float | None]]:
    return [(name.format(k=k), summary.get(name.format(k=k))) for name in SUMMARY_ORDER]


def fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def ordered_cases(cases: Sequence[CaseResult]) -> list[CaseResult]:
    """Failing cases first, then by id."""
    return sorted(cases, key=lambda c: (c.passed, c.id))


def plot(summary: dict[str, Any], cases: Sequence[CaseResult], k: int, out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names, values = zip(*[(n, v) for n, v in metric_rows(summary, k) if v is not None]) or ((), ())
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.barh(list(names)[::-1], list(values)[::-1], color="#3b6ea5")
    ax.set_xlim(0, 1)
    ax.set_xlabel("score")
    ax.set_title("PlanQA evaluation: metrics")
    for y, v in enumerate(list(values)[::-1]):
        ax.text(min(v + 0.01, 0.93), y, f"{v:.2f}", va="center", fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "metrics.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(9, 3.5))
    for stage in LATENCY:
        vals = [c.timings_ms.get(stage, 0.0) for c in cases if c.error is None]
        ax.hist(vals, bins=30, alpha=0.55, label=stage)
    ax.set_xlabel("milliseconds")
    ax.set_ylabel("cases")
    ax.set_title("latency per stage")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)
    return ["metrics.png", "latency.png"]


def _case_md(c: CaseResult) -> str:
    mark = "PASS" if c.passed else "FAIL"
    lines = [f"### {c.id} {mark}: {c.why}", f"- question: {c.question}", f"- tags: {', '.join(c.tags)}"]
    if c.error:
        lines.append(f"- error: {c.error}")
    lines.append(f"- answer{' (refused)' if c.refused else ''}: {c.answer}")
    if c.reference_answer:
        lines.append(f"- reference: {c.reference_answer}")
    for e, rank in zip(c.evidence, c.evidence_ranks or [None] * len(c.evidence)):
        lines.append(f"- gold quote ({e['doc']}, rank {rank if rank else '>10'}): {e['quote']}")
    for cit in c.citations:
        lines.append(f"- [{cit['id']}] {cit['doc']} › {cit['section']}: {cit['text'][:160]}")
    return "\n".join(lines)


def write_reports(out: Path, meta: dict[str, Any], summary: dict[str, Any], cases: Sequence[CaseResult], k: int) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    ordered = ordered_cases(cases)
    results = {"meta": meta, "summary": summary, "cases": [c.model_dump() for c in ordered]}
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    images = plot(summary, cases, k, out)

    latency = [(s, summary.get(f"{s}_p50_ms"), summary.get(f"{s}_p95_ms")) for s in LATENCY]
    md = [f"# PlanQA evaluation: {meta['suite']}", "",
          f"{summary['cases']} cases ({summary['answerable']} answerable, {summary['unanswerable']} unanswerable), "
          f"{summary['passed']} passed, {summary['errors']} errors. Backend `{meta['settings']['answer_backend']}`, k={k}.", "",
          "| metric | value |", "|---|---|"]
    md += [f"| {n} | {fmt(v)} |" for n, v in metric_rows(summary, k)]
    md += ["", "| stage | p50 ms | p95 ms |", "|---|---|---|"]
    md += [f"| {s} | {fmt(a)} | {fmt(b)} |" for s, a, b in latency]
    if summary.get("refusal_reasons"):
        md += ["", "| answerable questions refused, by reason | cases |", "|---|---|"]
        md += [f"| {r} | {n} |" for r, n in summary["refusal_reasons"].items()]
    md += [""] + [f"![{i}]({i})" for i in images]
    md += ["", "## Cases (failing first)", ""] + [_case_md(c) + "\n" for c in ordered]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")

    esc = html.escape
    rows = "".join(f"<tr><td>{esc(n)}</td><td>{fmt(v)}</td></tr>" for n, v in metric_rows(summary, k))
    lat = "".join(f"<tr><td>{s}</td><td>{fmt(a)}</td><td>{fmt(b)}</td></tr>" for s, a, b in latency)
    cards = []
    for c in ordered:
        cits = "".join(f"<li>[{x['id']}] {esc(x['doc'])} › {esc(x['section'])}<br><q>{esc(x['text'][:300])}</q></li>"
                       for x in c.citations)
        gold = "".join(f"<li>{esc(e['doc'])} (rank {r if r else '&gt;10'}): <q>{esc(e['quote'])}</q></li>"
                       for e, r in zip(c.evidence, c.evidence_ranks or [None] * len(c.evidence)))
        cards.append(
            f"<section class='{'pass' if c.passed else 'fail'}'><h3>{esc(c.id)} {'PASS' if c.passed else 'FAIL'}: {esc(c.why)}</h3>"
            f"<p><b>问</b> {esc(c.question)}</p><p><b>答</b>{' (拒答)' if c.refused else ''} {esc(c.answer)}</p>"
            f"<p><b>参考</b> {esc(c.reference_answer)}</p><p>gold</p><ul>{gold}</ul><p>citations</p><ul>{cits}</ul>"
            + (f"<p class='err'>{esc(c.error)}</p>" if c.error else "") + "</section>")
    page = f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>PlanQA evaluation</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 8px}}section{{border-left:4px solid #999;padding:0 1em;margin:1em 0}}
section.fail{{border-color:#c0392b}}section.pass{{border-color:#27ae60}}q{{color:#444}}.err{{color:#c0392b}}</style></head><body>
<h1>PlanQA evaluation: {esc(str(meta['suite']))}</h1>
<p>{summary['cases']} cases ({summary['answerable']} answerable, {summary['unanswerable']} unanswerable), {summary['passed']} passed,
{summary['errors']} errors. Backend <code>{esc(meta['settings']['answer_backend'])}</code>, k={k}. {esc(meta['started'])}</p>
<table><tr><th>metric</th><th>value</th></tr>{rows}</table><h2>Latency</h2>
<table><tr><th>stage</th><th>p50 ms</th><th>p95 ms</th></tr>{lat}</table>
{''.join(f'<p><img src="{i}" alt="{i}" style="max-width:100%"></p>' for i in images)}
<h2>Cases (failing first)</h2>{''.join(cards)}</body></html>"""
    (out / "report.html").write_text(page, encoding="utf-8")
    return {"results": out / "results.json", "md": out / "report.md", "html": out / "report.html"}
