"""Answer benchmark: the answer backends side by side on an eval suite, in one process.

    python bench/bench_answer.py [--suite eval/suites/test.jsonl] [--home /work/kb-all] [--every N] [--stratify]
        [--backends extractive,llamacpp@qwen2.5-coder-0.5b,llamacpp@qwen2.5-coder-1.5b,llamacpp-constrained]

Same retrieval for every backend; metrics from the eval harness (eval/metrics.py). A backend is
`name[@local model]`: the local model is a built-in name (qwen2.5-coder-1.5b, the default; qwen2.5-coder-0.5b) or a
GGUF file. `--every 3` takes every third case (the LLM backends need seconds per question on 2 CPU cores);
with `--stratify` the cases are first ordered by their kind (unanswerable, multi-hop, section, cross-doc, list,
figure, fact, other) and then by id, so every Nth case is a fixed sample with each kind in its share. The same
cases are asked of every backend; their ids are written beside the table (--out).
"""

from __future__ import annotations

from common import open_corpus_index, parser, show_table

COLUMNS = ("figures", "refusal_f1", "citation_precision", "faithfulness", "citation_coverage", "answered_rate",
           "total_p50_ms", "total_p95_ms")
KINDS = ("unanswerable", "multi-hop", "section", "cross-doc", "list", "figure", "fact")


def kind(case) -> str:
    return next((k for k in KINDS if k in case.tags), "other")


def sample(cases: list, every: int, stratify: bool) -> list:
    if stratify:
        cases = sorted(cases, key=lambda c: (KINDS.index(kind(c)) if kind(c) in KINDS else len(KINDS), c.id))
    return cases[::every]


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--every", type=int, default=1, help="use every Nth case")
    ap.add_argument("--stratify", action="store_true", help="order the cases by kind first (a stratified sample)")
    ap.add_argument("--backends", default="extractive,llamacpp,llamacpp-constrained",
                    help="names of assistant/backends.py, name@model for a local GGUF")
    ap.add_argument("--kinds", help="only cases of these kinds (comma-separated, e.g. multi-hop,section)")
    ap.add_argument("--threads", type=int, help="llama.cpp threads (default: PLANQA_LLAMACPP_THREADS, else all cores)")
    args = ap.parse_args()
    _, index, tmp = open_corpus_index(args)
    from rich.console import Console
    from rich.progress import Progress

    from assistant.chain import Assistant
    from assistant.settings import Settings
    from eval.runner import run_cases, summarise
    from eval.suite import load_suite

    cases = load_suite(args.suite)
    if args.kinds:
        wanted = set(args.kinds.split(","))
        cases = [c for c in cases if kind(c) in wanted]
    cases = sample(cases, args.every, args.stratify)
    rows, per_kind = [], {}
    title = (f"answer backends on {args.suite.name}: {len(cases)} cases ({sum(not c.answerable for c in cases)} "
             f"unanswerable; every {args.every}{' after ordering by kind' if args.stratify else ''}"
             f"{'; kinds ' + args.kinds if args.kinds else ''})")
    if args.out:
        args.out.with_name(args.out.stem + "-cases.txt").write_text(" ".join(c.id for c in cases) + "\n")
    by_id = {c.id: kind(c) for c in cases}
    with Progress(console=Console(stderr=True)) as bar:
        for spec in args.backends.split(","):
            name, _, model = spec.partition("@")
            extra = {"llamacpp_model": model} if model else {}
            if args.threads:
                extra["llamacpp_threads"] = args.threads
            assistant = Assistant(Settings(answer_backend=name, **extra), index)
            assistant.warm()
            task = bar.add_task(spec, total=len(cases))
            results = run_cases(assistant, cases, args.k, on_case=lambda i, n, r, t=task: bar.update(t, completed=i))
            rows.append((spec, summarise(results, args.k)))
            for r in results:
                per_kind.setdefault(by_id[r.id], {}).setdefault(spec, []).append(r.passed)
            _tables(title, rows, per_kind, args.out)  # after every backend: a long run keeps what it has
    if tmp:
        tmp.cleanup()


def _tables(title: str, rows: list, per_kind: dict, out) -> None:
    table = [[name, f"{r['passed']}/{r['cases']}"] + [
        "–" if r[c] is None else (f"{r[c]:.0f}" if c.endswith("_ms") else f"{r[c]:.3f}") for c in COLUMNS]
        for name, r in rows]
    show_table(title, ["backend", "passed", *COLUMNS], table, out)
    kinds = [k for k in (*KINDS, "other") if k in per_kind]
    kind_rows = [[spec] + [f"{sum(per_kind[k].get(spec, []))}/{len(per_kind[k].get(spec, []))}" for k in kinds]
                 for spec, _ in rows]
    show_table("passed, by kind of question", ["backend", *kinds], kind_rows,
               out.with_name(out.stem + "-kinds.md") if out else None)


if __name__ == "__main__":
    main()
