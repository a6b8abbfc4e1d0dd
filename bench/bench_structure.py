"""Per corpus-dev document: sections found, TOC removed, characters removed as boilerplate.

    python bench/bench_structure.py [FOLDER]   (default ../shared/corpus-dev)

Prints a Markdown table (the one in docs/PERFORMANCE.md).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

from ingest.documents import clean_loaded
from ingest.load import load
from ingest.sections import find_headings, parse_sections
from ingest.structure import format_structure

LEVELS = {1: "篇/编/附件", 2: "章", 3: "节", 4: "条/part", 5: "一、", 6: "（一）", 7: "1.", 8: "一是", 9: "一要", 10: "专栏"}


def main(folder: Path) -> None:
    print("| document | sections | headings by level | TOC removed | boilerplate chars removed |")
    print("|---|---|---|---|---|")
    for f in sorted(folder.iterdir()):
        if f.name == "README.md" or not f.is_file():
            continue
        loaded = load(f)  # as ingest reads it: the format's cleaning and heading hints (bold, heading styles, h1–h6)
        c = clean_loaded(loaded)
        hints = [(level, head) for _, level, head in format_structure(loaded, c)["hints"]]
        counts = collections.Counter(level for _, level, _ in find_headings(c.text, hints))
        levels = ", ".join(f"{LEVELS[lv]} {n}" for lv, n in sorted(counts.items()))
        sections = sum(1 for s in parse_sections(c.text, hints) if s.path)
        toc = f"yes ({c.toc_chars} chars)" if c.toc_chars else "no"
        print(f"| {f.name} | {sections} | {levels} | {toc} | {c.boilerplate_chars} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus-dev")
