"""What the bench scripts share: suite/corpus/home arguments and an index with the corpus ingested."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def parser(doc: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--suite", type=Path, default=ROOT / "eval" / "suites" / "planning_corpus.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpus")
    ap.add_argument("--home", type=Path, help="reuse this data folder (ingested if empty)")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--out", type=Path, help="also write the table as Markdown")
    return ap


def open_corpus_index(args: argparse.Namespace):
    """(settings, index, temporary folder or None): the corpus ingested into --home or a temporary folder."""
    tmp = None
    if args.home is None:
        tmp = tempfile.TemporaryDirectory()
        args.home = Path(tmp.name)
    os.environ["PLANQA_HOME"] = str(args.home)
    from assistant.builder import open_index
    from assistant.settings import Settings
    from vectordb.pipeline import ingest_paths

    settings = Settings()
    index = open_index(settings)
    if index.count() == 0:
        print(f"ingesting {args.corpus} …", file=sys.stderr)
        ingest_paths(index, [args.corpus], settings.chunking())
    return settings, index, tmp


def show_table(title: str, header: list[str], rows: list[list[str]], out: Path | None) -> None:
    """Print a table (first column left-aligned) and, with --out, write it as Markdown."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for i, h in enumerate(header):
        table.add_column(h, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    Console(width=200).print(table)
    if out:
        md = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"] + ["| " + " | ".join(r) + " |" for r in rows]
        out.write_text("\n".join(md) + "\n", encoding="utf-8")
