"""Embedding backends side by side: ingest speed, retrieval and answers of the same corpus and suite, one run.

    python bench/bench_embedding.py [--corpus ../shared/corpus] [--suite eval/suites/planning_corpus.jsonl]
        [--backends torch,onnx,onnx-int8] [--out bench.md]

Each backend ingests the corpus into its own temporary knowledge base (the model is loaded before the clock
starts), then the suite is answered with the default (extractive) backend. Ratios are against the first backend.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

from common import parser, show_table

METRICS = ("passed", "hit@5", "mrr@10", "figures", "refusal_f1", "answer_p50_ms", "answer_p95_ms", "total_p95_ms")


def run_backend(backend: str, args) -> dict:
    with tempfile.TemporaryDirectory() as home:
        os.environ["PLANQA_HOME"] = home
        os.environ["PLANQA_EMBEDDING_BACKEND"] = backend
        from assistant.builder import open_index
        from assistant.chain import Assistant
        from assistant.settings import Settings
        from eval.runner import run_cases, summarise
        from eval.suite import load_suite
        from vectordb.pipeline import ingest_paths

        settings = Settings()
        index = open_index(settings)
        t0 = time.perf_counter()
        index.embedder.embed_passages(["预热"])
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = ingest_paths(index, [args.corpus], settings.chunking())
        ingest_s = time.perf_counter() - t0
        print(f"{backend}: {report.chunks} chunks in {ingest_s:.1f} s; answering {args.suite.name} …", file=sys.stderr)
        assistant = Assistant(settings, index)
        assistant.warm()
        summary = summarise(run_cases(assistant, load_suite(args.suite), args.k), args.k)
        return {"load_s": load_s, "ingest_s": ingest_s, "chunks/s": report.chunks / ingest_s, **summary}


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--backends", default="torch,onnx,onnx-int8")
    args = ap.parse_args()
    rows = [(b, run_backend(b, args)) for b in args.backends.split(",")]
    base = rows[0][1]
    table = []
    for name, r in rows:
        cells = [name, f"{r['load_s']:.1f}", f"{r['ingest_s']:.1f}", f"{r['chunks/s']:.1f}",
                 f"{r['chunks/s'] / base['chunks/s']:.2f}x"]
        for m in METRICS:
            v = r[m]
            cells.append(f"{v}/{r['cases']}" if m == "passed" else f"{v:.0f}" if m.endswith("_ms") else f"{v:.3f}")
        cells.append(f"{base['answer_p50_ms'] / r['answer_p50_ms']:.2f}x")
        table.append(cells)
    show_table(f"embedding backends: {args.corpus.name} ingested, {args.suite.name} answered (k={args.k})",
               ["backend", "model load s", "ingest s", "chunks/s", "ingest speed-up", *METRICS, "answer p50 speed-up"],
               table, args.out)


if __name__ == "__main__":
    main()
