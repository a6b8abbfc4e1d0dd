"""Answer benchmark: the answer backends side by side on an eval suite, in one process.

    python bench/bench_answer.py [--suite eval/suites/planning_corpus.jsonl] [--corpus ../shared/corpus]
                                 [--home DIR] [--every N] [--backends extractive,llamacpp,llamacpp-constrained]

Same retrieval for every backend; metrics from the eval harness (eval/metrics.py). `--every 3` takes every
third case (the LLM backends need seconds per question on 2 CPU cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("figures", "refusal_f1", "citation_precision", "faithfulness", "citation_coverage", "answered_rate",
           "total_p50_ms", "total_p95_ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", type=Path, default=ROOT / "eval" / "suites" / "planning_corpus.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus")
    ap.add_argument("--home", type=Path, help="reuse this data folder (ingested if empty)")
    ap.add_argument("--every", type=int, default=1, help="use every Nth case")
    ap.add_argument("--backends", default="extractive,llamacpp,llamacpp-constrained")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--out", type=Path, help="also write the table as Markdown")
    args = ap.parse_args()

    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory()
        args.home = Path(tmp.name)
    os.environ["PLANQA_HOME"] = str(args.home)
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from assistant.chain import Assistant
    from assistant.runtime import open_index
    from assistant.settings import Settings
    from eval.runner import run_cases, summarise
    from eval.suite import load_suite
    from ingest.pipeline import ingest_paths

    base = Settings()
    index = open_index(base)
    if index.count() == 0:
        print(f"ingesting {args.corpus} …", file=sys.stderr)
        ingest_paths(index, [args.corpus], base.chunking())
    cases = load_suite(args.suite)[:: args.every]
    rows = []
    with Progress(console=Console(stderr=True)) as bar:
        for name in args.backends.split(","):
            assistant = Assistant(Settings(answer_backend=name), index)
            assistant.warm()
            task = bar.add_task(name, total=len(cases))
            results = run_cases(assistant, cases, args.k, on_case=lambda i, n, r, t=task: bar.update(t, completed=i))
            rows.append((name, summarise(results, args.k)))
    table = Table(title=f"answer backends on {args.suite.name}: {len(cases)} cases "
                        f"({sum(not c.answerable for c in cases)} unanswerable)")
    for c in ("backend", "passed", *COLUMNS):
        table.add_column(c, justify="left" if c == "backend" else "right")
    md = ["| backend | passed | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 2) + "|"]
    for name, s in rows:
        cells = [f"{s['passed']}/{s['cases']}"] + [
            "–" if s[c] is None else (f"{s[c]:.0f}" if c.endswith("_ms") else f"{s[c]:.3f}") for c in COLUMNS]
        table.add_row(name, *cells)
        md.append(f"| {name} | " + " | ".join(cells) + " |")
    Console(width=200).print(table)
    if args.out:
        args.out.write_text("\n".join(md) + "\n", encoding="utf-8")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
