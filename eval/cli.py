"""`planqa eval`: run a suite (the default command), compare two runs, validate a suite."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from typer.core import TyperGroup

err = Console(stderr=True)
out = Console()


class _DefaultRun(TyperGroup):
    """`planqa eval SUITE.jsonl …` means `planqa eval run SUITE.jsonl …`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


eval_app = typer.Typer(cls=_DefaultRun, no_args_is_help=True,
                       help="Evaluate answers on a suite: `planqa eval SUITE.jsonl --k 5 --out DIR`; `planqa eval compare RUN_A RUN_B`.")

VERSIONS = ("planqa", "sentence-transformers", "transformers", "torch", "chromadb", "langchain-core", "jieba", "onnxruntime")


def command_settings(ctx: typer.Context | None = None, **overrides) -> "Settings":
    """Settings for a command of this run: the command line's own options (`planqa --chroma-url URL …` leaves them in
    the root context's obj) and `overrides` (None: not given) over PLANQA_* and planqa.toml."""
    from assistant.settings import Settings

    root = ctx.find_root() if ctx is not None else None
    given = dict(root.obj) if root is not None and isinstance(root.obj, dict) else {}
    given.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**given)


def _versions() -> dict[str, str]:
    out_ = {"python": platform.python_version()}
    for name in VERSIONS:
        try:
            out_[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out_


def _parse_thresholds(items: list[str]) -> dict[str, float]:
    out_ = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep or not name:
                raise ValueError
            out_[name.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(f"{item!r}: expected METRIC=VALUE, e.g. hit@5=0.9")
    return out_


def check_thresholds(summary: dict, thresholds: dict[str, float]) -> list[str]:
    failures = []
    for name, floor in thresholds.items():
        if name not in summary:
            failures.append(f"{name}: no such metric (have: {', '.join(k for k in summary if not k.endswith('_ms'))})")
        elif summary[name] is None or summary[name] < floor:
            failures.append(f"{name} = {summary[name]} < {floor}")
    return failures


SUITES = Path(__file__).parent / "suites"
SPLITS = ("dev", "test", "regression")


def suite_for(suite: Optional[Path], split: Optional[str]) -> Path:
    """The suite file: given, or the one of a split (dev, test: the frozen development split by document;
    regression: the project's first suite over the sample corpus)."""
    if (suite is None) == (split is None):
        raise typer.BadParameter("give a suite file or --split (dev, test, regression), not both")
    if split is not None:
        if split not in SPLITS:
            raise typer.BadParameter(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
        return SUITES / ("planning_corpus.jsonl" if split == "regression" else f"{split}.jsonl")
    if not suite.is_file():
        raise typer.BadParameter(f"no such suite file: {suite}")
    return suite


@eval_app.command("run")
def run(
    ctx: typer.Context,
    suite: Optional[Path] = typer.Argument(None, dir_okay=False, help="suite JSONL (or use --split)"),
    split: Optional[str] = typer.Option(None, help="run a built-in split: dev, test or regression"),
    with_negatives: bool = typer.Option(False, "--negatives", help="also ask every answerable case with its source "
                                        "documents filtered out (each must be refused): negatives_refused"),
    backend: Optional[str] = typer.Option(None, help="answer backend (default: the configured one)"),
    k: Optional[int] = typer.Option(None, "--k", "-k", min=1, max=50, help="passages per answer (default: top_k)"),
    out_dir: Optional[Path] = typer.Option(None, "--out", help="report folder (default: eval-runs/<suite>-<time>)"),
    fail_under: list[str] = typer.Option([], "--fail-under", help="METRIC=VALUE; exit 1 if below; repeatable"),
    export_ragas: Optional[Path] = typer.Option(None, "--export-ragas", help="also write a RAGAS dataset (JSONL)"),
    corpus: Optional[Path] = typer.Option(None, help="check first that every gold quote is in this folder's documents"),
    limit: Optional[int] = typer.Option(None, min=1, help="run only the first N cases"),
) -> None:
    """Run every case through the assistant and write results.json, report.md and report.html."""
    from assistant.chain import Assistant
    from assistant.builder import open_index
    from eval.report import fmt, metric_rows, write_reports
    from eval.runner import run_cases, summarise
    from eval.suite import SuiteError, load_suite, validate_quotes

    from eval.runner import negatives

    suite = suite_for(suite, split)
    thresholds = _parse_thresholds(fail_under)
    try:
        cases = load_suite(suite)
    except SuiteError as e:
        err.print(str(e), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    if corpus is not None:
        problems = validate_quotes(cases, corpus)
        if problems:
            err.print(f"{len(problems)} gold quote(s) are not in their documents:\n" + "\n".join(problems), markup=False)
            raise typer.Exit(2)
    cases = cases[:limit] if limit else cases
    if with_negatives:
        cases = cases + negatives(cases)
    settings = command_settings(ctx, answer_backend=backend)
    k = k or settings.top_k
    index = open_index(settings, progress=lambda m: err.print(f"[dim]· {m}[/dim]"))
    if index.count() == 0:
        err.print("[red]the knowledge base is empty: run `planqa ingest` first[/red]")
        raise typer.Exit(2)
    assistant = Assistant(settings, index)
    assistant.warm()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    with Progress(TextColumn("[bold]eval"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err) as bar:
        task = bar.add_task("", total=len(cases))
        results = run_cases(assistant, cases, k,
                            on_case=lambda i, n, r: bar.update(task, completed=i, description=f"{r.id} {'ok' if r.passed else 'FAIL'}"))
    summary = summarise(results, k)
    if settings.judge_base_url:
        _judge_all(settings, results, summary)
    docs = sorted((d.name, d.sha256) for d in index.documents())
    meta = {
        "suite": str(suite), "suite_sha256": hashlib.sha256(suite.read_bytes()).hexdigest(), "started": started,
        "seconds": round(time.perf_counter() - t0, 2), "k": k,
        "settings": json.loads(settings.model_dump_json(exclude={"judge_api_key"})),
        "versions": _versions(),
        "corpus": {"documents": [n for n, _ in docs],
                   "fingerprint": hashlib.sha256("".join(f"{n}:{s}\n" for n, s in docs).encode()).hexdigest()},
    }
    out_dir = out_dir or Path("eval-runs") / f"{suite.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    paths = write_reports(out_dir, meta, summary, results, k)
    if export_ragas:
        from eval.export import write_ragas

        n = write_ragas(results, export_ragas)
        err.print(f"RAGAS dataset: {export_ragas} ({n} rows)")

    table = Table("metric", "value", title=f"{suite.name}: {summary['passed']}/{summary['cases']} passed")
    for name, value in metric_rows(summary, k):
        table.add_row(name, fmt(value))
    for stage in ("retrieve", "answer", "total"):
        table.add_row(f"{stage} p50/p95 ms", f"{summary[f'{stage}_p50_ms']:.0f} / {summary[f'{stage}_p95_ms']:.0f}")
    if summary.get("fact_answer_chars_p50") is not None:
        table.add_row("figure/fact answer chars p50", f"{summary['fact_answer_chars_p50']:.0f}")
    out.print(table)
    rel = Table("answerability", "cases", "predicted", "observed answerable", title="reliability")
    for row in summary.get("reliability", []):
        rel.add_row(row["bin"], str(row["cases"]), fmt(row["predicted"]), fmt(row["observed"]))
    if any(row["cases"] for row in summary.get("reliability", [])):
        out.print(rel)
    if summary.get("refusal_reasons"):
        why = Table("reason", "cases", title="answerable questions refused, by reason")
        for reason, n in summary["refusal_reasons"].items():
            why.add_row(reason, str(n))
        out.print(why)
    err.print(f"reports: {paths['md']}  {paths['html']}  {paths['results']}")
    failures = check_thresholds(summary, thresholds)
    for f in failures:
        err.print(f"[red]below threshold:[/red] {f}")
    if failures:
        raise typer.Exit(1)


def _judge_all(settings, results, summary) -> None:
    from eval.judge import JudgeConfig, JudgeError, judge
    from eval.metrics import mean

    cfg = JudgeConfig(settings.judge_base_url, settings.judge_model, settings.judge_api_key)
    scores = []
    for r in results:
        if r.error or r.refused:
            continue
        try:
            s = judge(cfg, r.question, r.answer, [c["text"] for c in r.citations] or [c["text"] for c in r.contexts])
        except JudgeError as e:
            err.print(f"[yellow]{r.id}: {e}[/yellow]", markup=False)
            continue
        r.scores.update(s)
        scores.append(s)
    for key in ("judge_faithfulness", "judge_relevance"):
        summary[key] = mean([s[key] for s in scores])


@eval_app.command("compare")
def compare_runs(
    run_a: Path = typer.Argument(..., exists=True, help="run folder (or its results.json)"),
    run_b: Path = typer.Argument(..., exists=True),
) -> None:
    """Print metric deltas (B − A) and the cases that changed verdict."""
    from eval.compare import RunError, compare, load_run

    try:
        a, b = load_run(run_a), load_run(run_b)
    except RunError as e:
        err.print(str(e), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    c = compare(a, b)
    table = Table("metric", "A", "B", "Δ", title=f"{run_a} → {run_b}")
    for name, va, vb, d in c.deltas:
        style = "" if abs(d) < 1e-9 else ("green" if (d > 0) != name.endswith("_ms") else "red")
        table.add_row(name, f"{va:.3f}", f"{vb:.3f}", f"[{style}]{d:+.3f}[/{style}]" if style else f"{d:+.3f}")
    out.print(table)
    cases_b = {x["id"]: x for x in b["cases"]}
    for label, ids in (("now passing", c.fixed), ("now failing", c.broken)):
        out.print(f"{label}: {len(ids)}")
        for i in ids:
            out.print(f"  {i} {cases_b[i]['question']}  ({cases_b[i]['why']})", markup=False)
    if c.only_a or c.only_b:
        out.print(f"only in A: {', '.join(c.only_a) or '–'}; only in B: {', '.join(c.only_b) or '–'}")


@eval_app.command("validate")
def validate(
    suite: Path = typer.Argument(..., exists=True, dir_okay=False),
    corpus: list[Path] = typer.Option(..., exists=True, file_okay=False,
                                      help="folder holding the suite's documents; repeat for several"),
) -> None:
    """Check a suite: every line parses and every gold quote is in its document."""
    from eval.suite import SuiteError, load_suite, validate_quotes

    try:
        cases = load_suite(suite)
    except SuiteError as e:
        err.print(str(e), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(1)
    problems = validate_quotes(cases, corpus)
    for p in problems:
        err.print(p, markup=False)
    unanswerable = sum(not c.answerable for c in cases)
    out.print(f"{suite}: {len(cases)} cases ({unanswerable} unanswerable), "
              f"{sum(len(c.evidence) for c in cases)} quotes, {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(1)
