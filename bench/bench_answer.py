"""Answer benchmark: the answer backends side by side on an eval suite, in one process.

    python bench/bench_answer.py [--suite eval/suites/planning_corpus.jsonl] [--corpus ../shared/corpus]
                                 [--home DIR] [--every N] [--backends extractive,llamacpp,llamacpp-constrained]

Same retrieval for every backend; metrics from the eval harness (eval/metrics.py). `--every 3` takes every
third case (the LLM backends need seconds per question on 2 CPU cores).
"""

from __future__ import annotations

from common import open_corpus_index, parser, show_table

COLUMNS = ("figures", "refusal_f1", "citation_precision", "faithfulness", "citation_coverage", "answered_rate",
           "total_p50_ms", "total_p95_ms")


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--every", type=int, default=1, help="use every Nth case")
    ap.add_argument("--backends", default="extractive,llamacpp,llamacpp-constrained", help="names of assistant/backends.py")
    args = ap.parse_args()
    _, index, tmp = open_corpus_index(args)
    from rich.console import Console
    from rich.progress import Progress

    from assistant.chain import Assistant
    from assistant.settings import Settings
    from eval.runner import run_cases, summarise
    from eval.suite import load_suite

    cases = load_suite(args.suite)[:: args.every]
    rows = []
    base = Assistant(Settings(), index)  # one set of components (search, reranker, models) for every backend
    with Progress(console=Console(stderr=True)) as bar:
        for name in args.backends.split(","):
            assistant = base.with_backend(name)
            assistant.warm()
            task = bar.add_task(name, total=len(cases))
            results = run_cases(assistant, cases, args.k, on_case=lambda i, n, r, t=task: bar.update(t, completed=i))
            rows.append((name, summarise(results, args.k)))
    table = [[name, f"{r['passed']}/{r['cases']}"] + [
        "–" if r[c] is None else (f"{r[c]:.0f}" if c.endswith("_ms") else f"{r[c]:.3f}") for c in COLUMNS]
        for name, r in rows]
    show_table(f"answer backends on {args.suite.name}: {len(cases)} cases ({sum(not c.answerable for c in cases)} "
               "unanswerable)", ["backend", "passed", *COLUMNS], table, args.out)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
