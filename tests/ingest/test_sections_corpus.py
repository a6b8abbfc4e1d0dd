"""The real section structure of each sample document."""

import collections
import re
from pathlib import Path

import pytest

from ingest.chunk import chunk_spans
from ingest.clean import clean
from ingest.sections import find_headings, parse_sections

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="sample corpus not beside the repo")


def _doc(prefix: str) -> str:
    (f,) = CORPUS.glob(f"{prefix}_*.txt")
    return clean(f.read_text(encoding="utf-8")).text


def _levels(text: str) -> collections.Counter:
    return collections.Counter(level for _, level, _ in find_headings(text))


def _path_at(text: str, needle: str) -> tuple[str, ...]:
    i = text.index(needle)
    (path,) = [p for s, e, p in chunk_spans(text) if s <= i < e]
    return path


def test_001_parts_and_chapters():
    text = _doc("001")
    counts = _levels(text)
    assert counts[1] == 12 and counts[2] == 44 and counts[5] == 137
    chapters = {p[1] for _, _, p in chunk_spans(text) if len(p) > 1}
    numbers = {re.match(r"第([一二三四五六七八九十]+)章", c).group(1) for c in chapters}
    assert len(numbers) == 44  # every chapter is a section path of some chunk
    path = _path_at(text, "第二十三章")
    assert path[0].startswith("第七篇") and path[1].startswith("第二十三章")
    assert _path_at(text, "全区生产总值由2010 年的49.4 亿元")[:2] == ("第一篇把握新的历史方位,开启现代化建设新征程", "第一章小康社会全面建成")


def test_000_outline_levels_without_toc_copies():
    text = _doc("000")
    assert _levels(text) == {5: 4, 6: 12, 7: 29}
    path = _path_at(text, "着力构建“一带、九区、多廊”")
    assert path == ("四、开启新征程", "（一）优化布局生态、生活、生产“三生”空间，构建XX高质量发展新版图",
                    "1.着力构建“一带、九区、多廊”蓝绿交织海陆生态安全新格局")
    heads = [h for _, _, h in find_headings(text)]
    assert not any(h.startswith(("一是", "二是")) for h in heads)  # in-paragraph enumerations


def test_002_standalone_yishi_headings():
    text = _doc("002")
    assert _levels(text) == {5: 5, 8: 26}
    assert _path_at(text, "建立市县统筹规划") == ("三、以产业为基,把强县和富民统一起来", "二是实施产业集群培育提速行动")


def test_003_inline_headings_after_marker_removal():
    text = _doc("003")
    heads = [h for _, _, h in find_headings(text)]
    assert [h[:2] for h in heads if re.match("[一二三]、", h)] == ["一、", "二、", "三、"]
    assert sum(h.startswith("(") for h in heads) == 9
    assert _path_at(text, "凝心聚力抓实体经济量质齐升")[-1].startswith("(一)凝心聚力")


def test_004_speech_levels():
    text = _doc("004")
    counts = _levels(text)
    assert counts[5] == 3 and counts[6] == 8
    assert all(len(h) <= 40 for _, _, h in find_headings(text))  # run-in headings cut at the first 。


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sections_partition_every_document(prefix):
    text = _doc(prefix)
    secs = parse_sections(text)
    assert secs[0].start == 0 and secs[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(secs, secs[1:]))
    spans = chunk_spans(text)
    tops = {s: p[:1] for s, _, p in spans}
    for s, e, p in spans:  # a chunk never crosses a top-level section
        inside = [sec for sec in secs if sec.start < e and s < sec.end and sec.path]
        assert len({sec.path[:1] for sec in inside}) <= 1, (p, text[s:s + 40])
    assert tops
