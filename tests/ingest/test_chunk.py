from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunk import ChunkConfig, chunk_spans
from ingest.sections import heading_of, parse_sections
from ingest.tokens import count_tokens

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def _check_partition(text: str, spans, max_tokens: int) -> None:
    prev = 0
    for s, e, _ in spans:
        assert prev <= s < e <= len(text)
        assert text[prev:s].strip() == ""  # nothing but whitespace between chunks
        assert count_tokens(text[s:e]) <= max_tokens
        prev = e
    assert text[prev:].strip() == ""


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="冀州区规划发展目标。；，\n 0123456789亿元%（一）第二章", min_size=0, max_size=80), max_size=30),
       st.integers(min_value=20, max_value=120))
def test_chunks_cover_text_within_token_bound(parts, max_tokens):
    text = "".join(parts)
    _check_partition(text, chunk_spans(text, ChunkConfig(max_tokens=max_tokens, min_tokens=5)), max_tokens)


def test_headings():
    assert heading_of("第七篇着力加强生态治理,提高资源环境承载能力") == (1, "第七篇着力加强生态治理,提高资源环境承载能力")
    assert heading_of("第二十二章 扩大有效投资")[0] == 2
    assert heading_of("一、目标任务") == (5, "一、目标任务")
    assert heading_of("（二）基本原则")[0] == 6
    assert heading_of("1.着力构建“一带、九区、多廊”蓝绿交织海陆生态安全新格局。围绕全县…")[1].startswith("1.着力构建")
    assert heading_of("2.23%的增长") is None
    assert heading_of("一、" + "长" * 60 + "。") is None  # prose, not a heading


def test_sections_nest():
    text = "前言\n第一篇 总体\n第一章 基础\n一、成就\n正文。\n二、问题\n正文。\n第二章 目标\n正文。\n"
    paths = [s.path for s in parse_sections(text)]
    assert ("第一篇 总体", "第一章 基础", "二、问题") in paths
    assert ("第一篇 总体", "第二章 目标") in paths


@pytest.mark.skipif(not CORPUS.exists(), reason="sample corpus not beside the repo")
def test_sample_corpus_chunks():
    text = (CORPUS / "001_28c4fe0a356f8a23.txt").read_text(encoding="utf-8")
    spans = chunk_spans(text)
    _check_partition(text, spans, 350)
    chapters = {p[1] for _, _, p in spans if len(p) > 1 and "章" in p[1][:6]}
    assert len(chapters) >= 40
    i = text.index("全区生产总值由2010 年的49.4 亿元")
    (path,) = [p for s, e, p in spans if s <= i < e]
    assert path[0].startswith("第一篇") and path[1].startswith("第一章")
