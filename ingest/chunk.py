"""Token-bounded chunks cut at sentence ends, never across a top-level section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import Chunk, SourceDocument
from ingest.sections import Section, parse_sections
from ingest.structure import table_sections
from ingest.tokens import count_tokens, encoding
from ingest.zh import sentence_spans


@dataclass(frozen=True)
class ChunkConfig:
    max_tokens: int = 350
    min_tokens: int = 60  # smaller neighbours in one top-level section are merged


def _split_long(text: str, s: int, e: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut one over-long sentence at token boundaries (character offsets stay exact)."""
    enc = encoding()
    pieces, cur = [], s
    while cur < e:
        lo, hi = cur + 1, e
        while lo < hi:  # the longest prefix within the bound
            mid = (lo + hi + 1) // 2
            if len(enc.encode(text[cur:mid], disallowed_special=())) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((cur, lo))
        cur = lo
    return pieces


def _pack(text: str, units: list[tuple[int, int]], max_tokens: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in units:
        if count_tokens(text[s:e]) > max_tokens:
            if cur:
                spans.append(cur)
                cur = None
            spans.extend(_split_long(text, s, e, max_tokens))
            continue
        if cur and count_tokens(text[cur[0]:e]) <= max_tokens:
            cur = (cur[0], e)
        else:
            if cur:
                spans.append(cur)
            cur = (s, e)
    if cur:
        spans.append(cur)
    return spans


def _merge_small(text: str, items: list[tuple[int, int, tuple[str, ...]]], cfg: ChunkConfig,
                 barriers: tuple[int, ...] = ()):
    """Merge a tiny piece with its neighbour in the same top-level section, when the two fit one chunk
    and no barrier (a table block's start or end) lies between them.

    The merged piece keeps the deeper path when one heading contains the other, else their common prefix.
    """
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for s, e, path in items:
        if out:
            ps, pe, ppath = out[-1]
            small = min(count_tokens(text[ps:pe]), count_tokens(text[s:e])) < cfg.min_tokens
            if small and ppath[:1] == path[:1] and count_tokens(text[ps:e]) <= cfg.max_tokens \
                    and not any(ps < b < e for b in barriers):
                keep = path if path[: len(ppath)] == ppath else _common(ppath, path)
                out[-1] = (ps, e, keep)
                continue
        out.append((s, e, path))
    return out


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# a table row as the loaders write it (列名：值；列名：值。): one unit, never cut between its cells, nor inside a value
# holding semicolons of its own (收费标准：首次每例3200元；再次每例4000元；政策依据：…)
_ROW = re.compile(r"(?:[^：；。\n]{1,40}：[^；\n]{0,200}；(?:[^：；\n]{1,200}；)*)+[^：；。\n]{1,40}：[^；\n]*(?:；[^：；\n]{1,200})*")


def _rows_whole(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence units of a table row joined into one."""
    out: list[tuple[int, int]] = []
    for s, e in units:
        if out:
            ps, pe = out[-1]
            line_start = text.rfind("\n", 0, ps) + 1
            line_end = text.find("\n", ps)
            line_end = len(text) if line_end < 0 else line_end
            if e <= line_end and _ROW.fullmatch(text[line_start:line_end].strip().rstrip("。")):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def chunk_spans(text: str, cfg: ChunkConfig = ChunkConfig(), sections: list[Section] | None = None,
                barriers: tuple[int, ...] = ()):
    """(start, end, section path) for every chunk, in document order."""
    items = []
    for sec in sections if sections is not None else parse_sections(text):
        for s, e in _pack(text, _rows_whole(text, sentence_spans(text, sec.start, sec.end)), cfg.max_tokens):
            items.append((s, e, sec.path))
    return _merge_small(text, items, cfg, barriers)


def document_sections(doc: SourceDocument) -> list[Section]:
    """Sections from the text and the format's heading hints, each table block a section of its own."""
    sections = parse_sections(doc.text, [(level, head) for _, level, head in doc.hints])
    return table_sections(sections, doc.tables)


def chunk_document(doc: SourceDocument, cfg: ChunkConfig = ChunkConfig()) -> list[Chunk]:
    barriers = tuple(sorted({b for s, e, _ in doc.tables for b in (s, e)}))
    spans = chunk_spans(doc.text, cfg, document_sections(doc), barriers)
    return [
        Chunk(
            doc_id=doc.doc_id, name=doc.name, title=doc.title, index=i, start=s, end=e,
            text=doc.text[s:e], tokens=count_tokens(doc.text[s:e]), section_path=path,
            table=next((name for ts, te, name in doc.tables if ts <= s and e <= te), ""),
            flattened=any(fs < e and s < fe for fs, fe in doc.flattened_tables),
        )
        for i, (s, e, path) in enumerate(spans)
    ]
