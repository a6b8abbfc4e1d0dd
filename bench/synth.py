"""Seeded synthetic planning-like corpus, made by varying the sample documents' own sentences.

    python bench/synth.py --chunks 100000 --out /tmp/planqa-synth [--seed 7]

Each document is a county plan: a title, 第X章 chapters, 一、 sections, and paragraphs of corpus
sentences with their places, years and figures changed. Document i depends only on (seed, i), so a
smaller corpus is a prefix of a larger one. Chunks are counted with the product's own chunker, and
manifest.json lists the files with the running chunk total.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.chunk import ChunkConfig, chunk_spans  # noqa: E402
from ingest.clean import clean  # noqa: E402
from ingest.load import load  # noqa: E402
from ingest.zh import CN_SMALL as NUMERALS  # noqa: E402

# Invented place names: synthetic documents must not look like any real one.
PLACES = tuple(f"{a}{b}{c}" for a in "东西南北" for b in "山河湖川林石泉岭" for c in "县区市")[:33]
YEARS = ("2020年", "2021年", "2022年", "2023年", "2024年", "2025年", "2035年")
_SENTENCE = re.compile(r"(?:(?<=[。；！？])|^)([\u4e00-\u9fff“（][^。；！？]{13,89}[。；])")
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十]+章\s*(\S.{1,24})$", re.M)
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]+、\s*(\S.{1,24})$", re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"20[0-9]{2}年")


@dataclass
class Material:
    sentences: list[str]
    chapters: list[str]
    sections: list[str]


def material(corpus: Path) -> Material:
    sentences, chapters, sections = set(), set(), set()
    for f in sorted(corpus.iterdir()):
        if not f.is_file():
            continue
        text = re.sub(r"\s*\n\s*", "", clean(load(f).text).text)  # hard wraps cut sentences
        sentences.update(s.strip() for s in _SENTENCE.findall(text) if not re.search(r"\.{4,}|…{2,}|\s{3,}", s))
        lines = clean(load(f).text).text
        chapters.update(m.strip() for m in _CHAPTER.findall(lines))
        sections.update(m.strip() for m in _SECTION.findall(lines) if "。" not in m)
    return Material(sorted(sentences), sorted(chapters), sorted(sections))


def _vary(sentence: str, rng: random.Random, place: str) -> str:
    s = _YEAR.sub(lambda _m: rng.choice(YEARS), sentence)
    s = _NUMBER.sub(lambda m: m.group() if m.group().startswith("20") and len(m.group()) == 4
                    else str(round(float(m.group()) * rng.uniform(0.5, 1.8), 1 if "." in m.group() else None)), s)
    return re.sub(r"X{2,}(?![亿万%\d位])", place, s)


def _numeral(n: int) -> str:
    return NUMERALS[n - 1] if n <= 10 else "十" + NUMERALS[n - 11] if n < 20 else "二十"


def document(m: Material, seed: int, i: int) -> str:
    """Document i of the corpus for this seed."""
    rng = random.Random(f"{seed}:{i}")
    place = rng.choice(PLACES)
    lines = [f"{place}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（第{i + 1}号）", ""]
    for c in range(1, rng.randint(4, 7) + 1):
        lines += [f"第{_numeral(c)}章  {rng.choice(m.chapters)}", ""]
        for s in range(1, rng.randint(3, 6) + 1):
            lines.append(f"{_numeral(s)}、{rng.choice(m.sections)}")
            for _ in range(rng.randint(1, 2)):
                lines.append("".join(_vary(x, rng, place) for x in rng.sample(m.sentences, rng.randint(2, 4))))
            lines.append("")
    return "\n".join(lines)


def count_chunks(text: str, cfg: ChunkConfig) -> int:
    return len(chunk_spans(clean(text).text, cfg))


def generate(out: Path, chunks: int, seed: int = 7, corpus: Path = ROOT / ".." / "shared" / "corpus",
             cfg: ChunkConfig = ChunkConfig(), progress=lambda _done, _total: None) -> dict:
    """Write documents until they hold at least `chunks` chunks; reuse a matching earlier corpus."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["seed"] == seed and manifest["max_tokens"] == cfg.max_tokens and manifest["chunks"] >= chunks:
            return manifest
    m = material(corpus)
    files, total, i = [], 0, 0
    while total < chunks:
        text = document(m, seed, i)
        name = f"plan_{i:06d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        total += count_chunks(text, cfg)
        files.append([name, total])
        i += 1
        progress(total, chunks)
    manifest = {"seed": seed, "max_tokens": cfg.max_tokens, "chunks": total, "files": files}
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def prefix(manifest: dict, chunks: int) -> list[str]:
    """The fewest leading files that hold at least `chunks` chunks."""
    names = []
    for name, total in manifest["files"]:
        names.append(name)
        if total >= chunks:
            break
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=10000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    manifest = generate(args.out, args.chunks, args.seed)
    print(f"{len(manifest['files'])} documents, {manifest['chunks']} chunks in {args.out}")


if __name__ == "__main__":
    main()
