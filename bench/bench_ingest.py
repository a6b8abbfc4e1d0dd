"""Ingest benchmark: cold ingest of a corpus (embedding included), chunks/s, warm re-ingest.

    python bench/bench_ingest.py [CORPUS_DIR]      (default ../shared/corpus)

Runs in a temporary data folder; the model build is done before timing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
    with tempfile.TemporaryDirectory() as home:
        os.environ["PLANQA_HOME"] = home
        from assistant.builder import open_index
        from assistant.settings import Settings
        from vectordb.pipeline import ingest_paths

        s = Settings()
        index = open_index(s)
        index.embedder.embed_passages(["预热"])  # model load is not ingest time
        t0 = time.perf_counter()
        cold = ingest_paths(index, [corpus], s.chunking())
        cold_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm = ingest_paths(index, [corpus], s.chunking())
        warm_s = time.perf_counter() - t0
        rows = [
            ("files", f"{len(cold.files)}"),
            ("chunks", f"{cold.chunks}"),
            ("tokens", f"{cold.tokens}"),
            ("cold ingest (s)", f"{cold_s:.1f}"),
            ("chunks/s (cold)", f"{cold.chunks / cold_s:.1f}"),
            ("warm re-ingest (s)", f"{warm_s:.2f}"),
            ("warm unchanged files", f"{warm.count('unchanged')}"),
            ("cold / warm", f"{cold_s / warm_s:.0f}x"),
        ]
        width = max(len(k) for k, _ in rows)
        print(f"| {'metric'.ljust(width)} | value |\n|{'-' * (width + 2)}|-------|")
        for k, v in rows:
            print(f"| {k.ljust(width)} | {v} |")


if __name__ == "__main__":
    main()
