"""Scale bench: ingest throughput, peak memory, index size and warm query latency at 1k/10k/100k chunks,
into the embedded store and into a Chroma server.

    python bench/scale.py [--sizes 1000 10000 100000] [--modes embedded server] [--vectors pooled|model]
                          [--work DIR] [--queries 100] [--out docs/scale.md] [--plot docs/scale.png]

The corpus comes from bench/synth.py (seeded). Each (mode, size) runs in a fresh process with a fresh
data folder (and a fresh `chroma run` in server mode) through the product's own ingest pipeline and
retrieval (`Assistant.retrieve`: dense + BM25 + section list, fusion, rerank). After the warm queries another
process ingests one more document and this process's next question is timed ("refresh"); then a new process
opens the store, loads the model and answers one question ("new process": cold start from the saved snapshot).

--vectors model embeds every chunk with the configured model, as the product does; on 2 CPU cores
that is the whole cost (e5-small: ~18 chunks/s, so 100k chunks take 1.5 h). --vectors pooled (the
default) measures everything else: a chunk's vector is the normalised sum of real model vectors of
its sentences and headings, each fragment (numbers and places masked) embedded once by the model and
reused, so vectors keep the corpus's real geometry. Query vectors always come from the model.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

_FRAGMENT = re.compile(r"[。；！？\n]| › ")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PLACE = re.compile("|".join(synth.PLACES))


def fragments(text: str) -> list[str]:
    """Sentences and headings with figures and places masked: the units the pooled vectors are made of."""
    return [_PLACE.sub("XX", _NUMBER.sub("0", f.strip())) for f in _FRAGMENT.split(text) if f.strip()]


def pooled_embedder(cfg, pool_file: Path):
    """An Embedder whose passage vectors are pooled from per-fragment model vectors (see module doc)."""
    from vectordb.embeddings import Embedder

    class PooledEmbedder(Embedder):
        def __init__(self):
            super().__init__(cfg)
            data = np.load(pool_file) if pool_file.exists() else None
            self.pool = dict(zip(data["keys"].tolist(), data["vectors"])) if data is not None else {}
            self.model_calls = 0

        def model_passages(self, texts):
            """The model itself, unpooled."""
            return super().embed_passages(texts)

        def fill(self, keys: list[str]) -> None:
            missing = sorted({k for k in keys if k not in self.pool})
            if missing:
                self.model_calls += len(missing)
                self.pool.update(zip(missing, self.model_passages(missing)))

        def embed_passages(self, texts):
            parts = [fragments(t) or [t] for t in texts]
            self.fill([k for p in parts for k in p])
            out = np.stack([np.sum([self.pool[k] for k in p], axis=0) for p in parts]).astype(np.float32)
            return out / np.linalg.norm(out, axis=1, keepdims=True)

        def save(self) -> None:
            keys = list(self.pool)
            np.savez(pool_file, keys=np.array(keys), vectors=np.stack([self.pool[k] for k in keys]))

    return PooledEmbedder()


def questions(n: int, seed: int = 11) -> list[str]:
    import random

    m = synth.material(synth.ROOT / ".." / "shared" / "corpus")
    rng = random.Random(seed)
    forms = ("{p}到2025年{t}的目标是什么？", "{p}“十四五”时期在{t}方面有哪些重点任务？", "{t}的主要措施有哪些？",
             "{p}2020年地区生产总值是多少？", "第{c}章提出了哪些要求？", "{p}如何{t}？")
    out = []
    for _ in range(n):
        t = re.sub(r"^[一二三四五六七八九十]+、", "", rng.choice(m.sections))
        out.append(rng.choice(forms).format(p=rng.choice(synth.PLACES), t=t, c=synth.NUMERALS[rng.randrange(6)]))
    return out


def peak_rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def disk_mib(*paths: Path) -> float:
    return sum(f.stat().st_size for p in paths if p.exists() for f in p.rglob("*") if f.is_file()) / 2**20


# --- one run (child process) ---------------------------------------------------
def child(args: argparse.Namespace) -> None:
    from assistant.chain import Assistant
    from assistant.builder import open_index
    from assistant.settings import Settings
    from vectordb.pipeline import ingest_paths

    settings = Settings()
    index = open_index(settings)
    if args.vectors == "pooled":
        index.embedder = pooled_embedder(settings.embedding(), args.work / "pool.npz")
    index.embedder.embed_queries(["预热"])  # the model is loaded (and counted in memory) before timing
    manifest = json.loads((args.work / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    files = [args.work / "corpus" / n for n in synth.prefix(manifest, args.size)]
    t0 = time.perf_counter()
    report = ingest_paths(index, files, settings.chunking())
    ingest_s = time.perf_counter() - t0
    assert not report.failed, report.failed[:3]
    ingest_rss = peak_rss_mib()
    server_rss = peak_rss_mib(args.server_pid) if args.server_pid else 0.0

    assistant = Assistant(settings, index)
    qs = questions(args.queries + 1)
    t0 = time.perf_counter()
    assistant.retrieve(qs[0], 5)  # reads the store, builds BM25 and saves it
    cold_s = time.perf_counter() - t0
    lat = []
    for q in qs[1:]:
        t0 = time.perf_counter()
        hits = assistant.retrieve(q, 5)
        lat.append((time.perf_counter() - t0) * 1000)
        assert hits, q
    lat.sort()
    refresh_s, reopen = refresh_and_reopen(args, files[0], assistant, qs)
    print(json.dumps({
        "mode": args.mode, "size": args.size, "docs": len(files), "chunks": report.chunks, "ingest_s": ingest_s,
        "chunks_per_s": report.chunks / ingest_s, "ingest_rss_mib": ingest_rss, "server_rss_mib": server_rss,
        "serve_rss_mib": peak_rss_mib(), "cold_query_s": cold_s, "p50_ms": statistics.median(lat),
        "p95_ms": lat[int(0.95 * (len(lat) - 1))], "stored": index.count(), "vectors": args.vectors,
        "model_calls": getattr(index.embedder, "model_calls", report.chunks),
        "refresh_s": refresh_s, **reopen,
    }))


def refresh_and_reopen(args: argparse.Namespace, source: Path, assistant, qs: list[str]) -> tuple[float, dict]:
    """Another process ingests one new document, then this process's next question is timed (refresh); then
    a new process answers its first question (cold start from the saved snapshot)."""
    extra = args.work / "runs" / f"{args.mode}-{args.size}" / "extra" / "one_more_plan.txt"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(source.read_text(encoding="utf-8") + "\n附则\n本规划自印发之日起实施。\n", encoding="utf-8")
    run = subprocess.run([str(Path(sys.executable).parent / "planqa"), "ingest", str(extra)], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"ingest of one document: {run.stderr[-2000:]}")
    t0 = time.perf_counter()
    assert assistant.retrieve(qs[1], 5)
    refresh_s = time.perf_counter() - t0
    run = subprocess.run([sys.executable, __file__, "--reopen", "--work", str(args.work)], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"reopen: {run.stderr[-2000:]}")
    return refresh_s, json.loads(run.stdout.strip().splitlines()[-1])


def reopen() -> None:
    """A new process on an existing store: open it, load the model, answer one question."""
    t0 = time.perf_counter()
    from assistant.chain import Assistant
    from assistant.builder import open_index
    from assistant.settings import Settings

    settings = Settings()
    assistant = Assistant(settings, open_index(settings))
    t1 = time.perf_counter()
    assert assistant.retrieve(questions(2)[1], 5)
    t2 = time.perf_counter()
    print(json.dumps({"reopen_open_s": t1 - t0, "reopen_query_s": t2 - t1, "reopen_total_s": t2 - t0,
                      "reopen_rss_mib": peak_rss_mib()}))


def run_one(args: argparse.Namespace, mode: str, size: int) -> dict:
    from vectordb.server import start_server, stop_server

    run_dir = args.work / "runs" / f"{mode}-{size}"
    shutil.rmtree(run_dir, ignore_errors=True)
    env = dict(os.environ, PLANQA_HOME=str(run_dir / "home"), PYTHONUNBUFFERED="1")
    env.pop("PLANQA_CHROMA_URL", None)
    proc = None
    cmd = [sys.executable, __file__, "--child", "--mode", mode, "--size", str(size), "--work", str(args.work),
           "--queries", str(args.queries), "--vectors", args.vectors]
    if mode == "server":
        proc, url = start_server(run_dir / "server", run_dir / "server.log")
        env["PLANQA_CHROMA_URL"] = url
        cmd += ["--server-pid", str(proc.pid)]
    try:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"{mode} {size}: {out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["disk_mib"] = disk_mib(run_dir / "home", run_dir / "server")
        return result
    finally:
        if proc is not None:
            stop_server(proc)


def prepare(args: argparse.Namespace) -> dict:
    from assistant.settings import Settings
    from ingest.chunk import chunk_document
    from ingest.documents import prepare as prepare_doc

    settings = Settings()
    t0 = time.perf_counter()
    manifest = synth.generate(args.work / "corpus", max(args.sizes), cfg=settings.chunking())
    print(f"corpus: {len(manifest['files'])} documents, {manifest['chunks']} chunks ({time.perf_counter() - t0:.0f} s)",
          file=sys.stderr)
    sample = []
    for name in synth.prefix(manifest, 300):
        doc = prepare_doc(args.work / "corpus" / name, settings.chunking())
        sample += [c.embed_text for c in chunk_document(doc, settings.chunking())]
    emb = pooled_embedder(settings.embedding(), args.work / "pool.npz")
    emb.embed_queries(["预热"])
    t0 = time.perf_counter()
    emb.model_passages(sample[:300])  # on the corpus's own chunks
    info = {"model_chunks_per_s": 300 / (time.perf_counter() - t0)}
    if args.vectors == "pooled":
        t0 = time.perf_counter()
        for name, _total in manifest["files"]:
            doc = prepare_doc(args.work / "corpus" / name, settings.chunking())
            emb.fill([k for c in chunk_document(doc, settings.chunking()) for k in fragments(c.embed_text)])
        emb.save()
        print(f"pool: {len(emb.pool)} fragments ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return info


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 4, figsize=(17, 4))
    panels = (("chunks_per_s", "ingest chunks/s"), ("ingest_rss_mib", "ingest peak RSS (MiB)"),
              ("disk_mib", "index on disk (MiB)"), ("p95_ms", "warm retrieval p95, p50 dashed (ms)"))
    for ax, (key, title) in zip(axes, panels):
        for n, mode in enumerate(sorted({r["mode"] for r in results})):
            rs = sorted((r for r in results if r["mode"] == mode), key=lambda r: r["chunks"])
            ax.plot([r["chunks"] for r in rs], [r[key] for r in rs], marker="o", label=mode, color=f"C{n}")
            if key == "p95_ms":
                ax.plot([r["chunks"] for r in rs], [r["p50_ms"] for r in rs], marker=".", linestyle="--", color=f"C{n}")
        ax.set_xscale("log")
        ax.set_xlabel("chunks")
        ax.set_title(title)
        ax.grid(alpha=0.3)
    axes[3].axhline(300, color="red", linestyle="--", linewidth=1, label="target 300 ms")
    axes[1].axhline(4096, color="red", linestyle="--", linewidth=1, label="target 4 GiB")
    for ax in axes:
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--modes", nargs="+", choices=["embedded", "server"], default=["embedded", "server"])
    ap.add_argument("--vectors", choices=["pooled", "model"], default="pooled")
    ap.add_argument("--work", type=Path, default=Path("/tmp/planqa-scale"))
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--out", type=Path, help="also write the table as Markdown")
    ap.add_argument("--plot", type=Path, help="write the curves as PNG")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--server-pid", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--reopen", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.work = args.work.resolve()
    if args.reopen:
        reopen()
        return
    if args.child:
        child(args)
        return
    from common import show_table

    info = prepare(args)
    results = []
    for size in sorted(args.sizes):
        for mode in args.modes:
            r = run_one(args, mode, size)
            results.append(r)
            print(json.dumps(r), file=sys.stderr)
    (args.work / "results.json").write_text(json.dumps({"info": info, "results": results}, indent=1), encoding="utf-8")
    header = ["mode", "chunks", "docs", "ingest chunks/s", "ingest peak RSS MiB", "server RSS MiB", "disk MiB",
              "1st query after ingest s", "warm p50 ms", "warm p95 ms", "refresh s", "new process s (query s)",
              "new process RSS MiB"]
    rows = [[r["mode"], f"{r['chunks']}", f"{r['docs']}", f"{r['chunks_per_s']:.0f}", f"{r['ingest_rss_mib']:.0f}",
             f"{r['server_rss_mib']:.0f}" if r["mode"] == "server" else "–", f"{r['disk_mib']:.0f}",
             f"{r['cold_query_s']:.1f}", f"{r['p50_ms']:.0f}", f"{r['p95_ms']:.0f}", f"{r['refresh_s']:.2f}",
             f"{r['reopen_total_s']:.1f} ({r['reopen_query_s']:.1f})", f"{r['reopen_rss_mib']:.0f}"] for r in results]
    show_table(f"scale ({args.vectors} vectors; model alone: {info['model_chunks_per_s']:.1f} chunks/s)",
               header, rows, args.out)
    if args.plot:
        plot(results, args.plot)


if __name__ == "__main__":
    main()
