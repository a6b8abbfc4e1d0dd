"""Figure and comparison questions answered from the indicator table (vectordb.targets), with chunk citations.

``figure_question(q)`` reads what a question asks for: indicators (ingest/data/indicators.txt synonyms, e.g.
GDP增长 → 地区生产总值增速), years ("2026年", "十四五末" → 2025), the kind (目标 → target, 完成/实现 → result) and
whether it compares ("比…提高多少", "分别", "各省"). ``find_rows(index, fq, doc_ids)`` returns the live rows
that match, each with the chunk that holds its value (id, section, offsets: what the chat cites).
``answer_figures(index, q, doc_ids)`` puts both together and, for a comparison of exactly two comparable values
of one indicator in one document, computes their difference from those two cited values only (and says so).

``row_answer`` writes the answer itself for comparisons across documents and years (the chain uses it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from assistant.arithmetic import COMPUTED_NOTE, across, operation
from assistant.targets_table import citation, value_text
from ingest.targets import TargetRow, vocab
from ingest.zh import RELATIVE_YEARS, YEAR, squash
from vectordb.live import chunk_at
from vectordb.targets import live_targets

_YEAR = re.compile(rf"(?<!\d)({YEAR})\s*年")
_FYP_END = re.compile(r"[“\"]?(十[一二三四五六]?五|[六七八九]五)[”\"]?(?:时期|期间|规划)?(末|期末|收官之年)")
_TARGET = re.compile(r"目标|预期|力争|计划|规划|要达到|将达到|争取")
_RESULT = re.compile(r"完成|实现了|实际|达到了|去年|上年|过去|回顾|已经|取得")
_COMPARE = re.compile(r"比|相比|对比|比较|提高了?多少|增加了?多少|下降了?多少|差|变化|分别|各省|各市|各地|哪个|哪些省")
_GROWTH = re.compile(r"^(?:的)?(?:年均|平均)?(?:增长|增速|增幅)")
_RATE = re.compile(r"(?:率|比重|比例|涨幅|增速|增幅|强度|占比|降幅)$")
_ALL_TARGETS = re.compile(r"(?:主要|预期|发展)(?:预期)?目标(?:和指标)?(?:有哪些|是什么|包括哪些|都有什么)|(?:主要|哪些)指标")


@dataclass(frozen=True)
class FigureQuestion:
    indicators: tuple[str, ...]  # canonical names, in the order the question names them; () = every indicator
    years: tuple[int, ...] = ()
    kind: str | None = None  # target | result | None (either)
    compare: bool = False


@dataclass(frozen=True)
class CitedRow:
    row: TargetRow
    chunk_id: str | None  # the live chunk holding the value (None when the index has no chunk table)
    chunk_start: int | None
    chunk_end: int | None
    section: str  # the row's section path

    @property
    def citation(self) -> str:
        return citation(self.row)


@dataclass(frozen=True)
class Difference:
    earlier: CitedRow
    later: CitedRow
    delta: float
    unit: str  # "百分点" for two percentages, else the values' unit

    @property
    def text(self) -> str:
        a, b = self.earlier.row, self.later.row
        d = f"{self.delta:+.2f}".rstrip("0").rstrip(".")
        return (f"{b.indicator}{_label(b)}{value_text(b)}，{_label(a)}{value_text(a)}，相差{d}{self.unit}"
                + COMPUTED_NOTE)


@dataclass
class FigureAnswer:
    question: FigureQuestion
    rows: list[CitedRow] = field(default_factory=list)
    difference: Difference | None = None

    def lines(self) -> list[str]:
        """One line per row, numbered like answer citations: "[n] 文件 年份 指标 数值"."""
        out = [f"[{i}] {c.row.doc_name} {_label(c.row)}{c.row.indicator}：{value_text(c.row)}"
               for i, c in enumerate(self.rows, 1)]
        if self.difference is not None:
            out.append(self.difference.text)
        return out


def _label(r: TargetRow) -> str:
    return f"{r.year}年" if r.year else (r.period or "")


def _indicator_names() -> set[str]:
    return {canon for _, canon in vocab().synonyms}


def figure_question(question: str) -> FigureQuestion | None:
    """What a figure question asks for; None when it names no known indicator (and does not ask for the main
    targets as a whole: "这份报告的主要预期目标有哪些" asks for every target row in scope)."""
    q = question.replace(" ", "")
    names: list[str] = []
    known = _indicator_names()
    taken = [False] * len(q)
    for syn, canon in vocab().synonyms:  # longest synonym first
        for m in re.finditer(re.escape(syn), q):
            if any(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            name = canon
            if not _RATE.search(name) and _GROWTH.match(q[m.end():]):
                name += "增速"  # GDP增长 / 生产总值增长目标 → 地区生产总值增速
            if name not in names and (name in known or name.endswith("增速")):
                names.append(name)
    if not names and not _ALL_TARGETS.search(q):
        return None
    years = [int(y) for y in _YEAR.findall(q)]
    fyp = {w.partition(" ")[0]: int(w.partition(" ")[2]) for w in vocab().words("fyp")}
    years += [fyp[m.group(1)] + 4 for m in _FYP_END.finditer(q) if m.group(1) in fyp]
    kind = "target" if _TARGET.search(q) and not _RESULT.search(q) else (
        "result" if _RESULT.search(q) and not _TARGET.search(q) else None)
    if not names:
        kind = "target"
    return FigureQuestion(tuple(names), tuple(dict.fromkeys(years)), kind, bool(_COMPARE.search(q)) or len(years) > 1)


def _chunks(index):
    live = getattr(index, "live", None)
    if live is None:
        return None
    try:
        return live()
    except Exception:  # noqa: BLE001 - rows are still cited by document, section and offsets
        return None


def cite(index, rows: Sequence[TargetRow]) -> list[CitedRow]:
    """Each row with the live chunk that holds its value."""
    table = _chunks(index)
    out = []
    for r in rows:
        hit = chunk_at(table, r.doc_id, r.value_start) if table is not None else None
        out.append(CitedRow(r, hit.id if hit else None, hit.start if hit else None, hit.end if hit else None,
                            r.section_path))
    return out


def find_rows(index, fq: FigureQuestion, doc_ids: Sequence[str] | None = None) -> list[CitedRow]:
    """The live rows of the question's indicators (and years and kind, when it names them), in document then
    year order, each with its chunk citation. A row whose kind is not the asked one is dropped only when a row of
    the asked kind exists for the same document, indicator and year ("十四五末目标比十三五末提高多少": the 2025
    target and the 2020 result)."""
    rows = [r for r in live_targets(index, doc_ids) if not fq.indicators or r.indicator in fq.indicators]
    if fq.years:
        rows = [r for r in rows if r.year in fq.years]
    if fq.kind:
        have = {(r.doc_id, r.indicator, r.year) for r in rows if r.kind == fq.kind}
        rows = [r for r in rows if r.kind == fq.kind or (fq.indicators and (r.doc_id, r.indicator, r.year) not in have)]
    order = {name: i for i, name in enumerate(fq.indicators)}
    rows.sort(key=lambda r: (r.doc_name, order.get(r.indicator, 0), r.year or 0, r.value_start))
    return cite(index, rows)


def difference(cited: Sequence[CitedRow]) -> Difference | None:
    """later − earlier, when the rows hold exactly two values of one indicator in one document, for two years,
    in the same unit, and neither is a range."""
    if len(cited) != 2:
        return None
    a, b = sorted(cited, key=lambda c: c.row.year or 0)
    ra, rb = a.row, b.row
    if (ra.doc_id != rb.doc_id or ra.indicator != rb.indicator or not ra.year or not rb.year or ra.year == rb.year
            or ra.unit != rb.unit or ra.number_high is not None or rb.number_high is not None):
        return None
    unit = "个百分点" if ra.unit in ("%", "％") else ra.unit
    return Difference(a, b, round(rb.number - ra.number, 6), unit)


def answer_figures(index, question: str, doc_ids: Sequence[str] | None = None) -> FigureAnswer | None:
    """The rows answering a figure or comparison question, with citations; None when the question names no
    known indicator or no row matches (the chain then answers from passages as usual)."""
    fq = figure_question(question)
    if fq is None:
        return None
    rows = find_rows(index, fq, doc_ids)
    if not rows:
        return None
    return FigureAnswer(fq, rows, difference(rows) if fq.compare else None)


# --- answers written from the rows (the chain uses these) -----------------------------------------------------

# The relative years a question may use of a dated document (offsets: ingest.zh.RELATIVE_YEARS).
_RELATIVE = re.compile("|".join(sorted(("今年", "本年", "明年", "去年", "上年", "上一年"), key=len, reverse=True)))
_KIND_WORD = {"target": "目标", "plan": "安排", "result": "实际", "baseline": "基数"}
_DIFFERENCE = re.compile(r"比|较|相差|差[了几多距]|变化")  # a comparison of two values, not 分别/各
_CLAUSE_END = "，,；;。：:\n"
MAX_CLAUSE = 60  # a longer clause is written as indicator and value instead of quoted
_COUNTABLE = re.compile(r"[人户家个件座条所项台辆套名万亿千百]")
_PERIOD = re.compile(r"年均|期间|时期|五年|以来")  # a question about a period, not a year: left to the passages


@dataclass(frozen=True)
class RowSentence:
    """One sentence of a row answer: text pieces, each followed by the citation of its row (None: no marker)."""

    pieces: tuple[tuple[str, CitedRow | None], ...]


@dataclass(frozen=True)
class RowAnswer:
    sentences: tuple[RowSentence, ...]

    @property
    def rows(self) -> list[CitedRow]:
        return [c for s in self.sentences for _, c in s.pieces if c is not None]


def relative_years(question: str, own: Sequence[int]) -> tuple[int, ...]:
    """今年/去年… read against a document's own year (a 2026 report's 今年 is 2026); none without one."""
    return tuple(max(own) + RELATIVE_YEARS[m.group(0)] for m in _RELATIVE.finditer(question)) if own else ()


def _years_for(fq: FigureQuestion, question: str, own: Sequence[int]) -> tuple[int, ...]:
    """The years a question asks of one document: those it writes, and 今年/去年… read against the document's
    own year."""
    years = list(dict.fromkeys([*fq.years, *relative_years(question, own)]))
    # A year that names the document (2019年政府工作报告) is asked only when the question asks nothing else of it.
    inner = [y for y in years if y not in own]
    return tuple(inner if inner and len(years) > 2 else years)


def _pick(rows: Sequence[CitedRow], kind: str | None) -> CitedRow | None:
    """The row of the asked kind, else the only kind there is; the first the document states."""
    if kind:
        same = [c for c in rows if c.row.kind == kind]
        if same:
            return same[0]
    kinds = {c.row.kind for c in rows}
    return rows[0] if len(kinds) == 1 and rows else None


def _per_year(rows: Sequence[CitedRow], years: Sequence[int], kind: str | None) -> list[CitedRow] | None:
    """One row per asked year (per indicator), or None when a year has none. Comparing two years without a kind
    asked: the later year is the target, the earlier one the result (a report reviews last year and sets this one's
    targets; a plan starts from a base year)."""
    out = []
    ordered = sorted(years)
    for y in ordered:
        at = [c for c in rows if c.row.year == y]
        want = kind
        if want is None and len(ordered) == 2:
            want = "target" if y == ordered[-1] else "result"
        picked = _pick(at, want)
        if picked is None:
            return None
        out.append(picked)
    return out


def _clause(text: str | None, r: TargetRow) -> str:
    """The clause of the document that states the value, as written (so the answer quotes its source)."""
    if not text:
        return ""
    lo = max((text.rfind(ch, r.sentence_start, r.value_start) for ch in _CLAUSE_END), default=-1)
    lo = max(lo + 1, r.sentence_start)
    ends = [i for i in (text.find(ch, r.value_end, r.sentence_end + 1) for ch in _CLAUSE_END) if i != -1]
    hi = min(ends + [r.sentence_end])
    clause = text[lo:hi].strip()
    return clause if 0 < len(clause) <= MAX_CLAUSE else ""


def _when_written(c: CitedRow, text: str | None) -> str:
    """The row's year or period as its cited chunk writes it ("2025年", "今年", "过去一年"), or "" when the chunk
    writes neither: every figure of an answer must be in its cited passage, years included. The year first, also
    when only the chunk's heading path writes it (二、2024年经济社会发展总体要求 dates its 今年: the citation check
    reads a passage's heading path with its text)."""
    r = c.row
    chunk = squash(text[c.chunk_start:c.chunk_end]) if text and c.chunk_start is not None else ""
    chunk = squash(c.section) + chunk
    for when in (f"{r.year}年" if r.year else "", r.period):
        if when and squash(when) in chunk:
            return when
    return ""


def _value_piece(c: CitedRow, text: str | None) -> str:
    """"2026年目标：地区生产总值增长5%左右": the year and kind, then the clause as written (or indicator and value)."""
    r = c.row
    label = _when_written(c, text) + _KIND_WORD.get(r.kind, "")
    said = _clause(text, r)
    if not said:
        said = f"{r.indicator}{value_text(r)}"
    elif r.subject not in said and r.indicator not in said:  # the clause leaves its subject to an earlier one
        label += f"（{r.indicator}）"
    return f"{label}：{said}" if label else said


def _difference_sentence(d: Difference, text: str | None) -> RowSentence:
    a, b = d.earlier.row, d.later.row
    up = d.delta > 0
    word = ("多" if up else "少") if _COUNTABLE.search(b.unit) else ("高" if up else "低")
    size = f"{abs(d.delta):.4f}".rstrip("0").rstrip(".")
    approx = "约" if a.qualifier or b.qualifier else ""
    return RowSentence(((_value_piece(d.later, text), d.later), (f"；{_value_piece(d.earlier, text)}", d.earlier),
                        (f"；前者比后者{word}{approx}{size}{d.unit}{COMPUTED_NOTE}。", None)))


def row_answer(index, question: str, docs: Sequence[str], own_years: dict[str, Sequence[int]],
               names: dict[str, str], several: bool, partial: bool = False) -> RowAnswer | None:
    """A figure question answered from the indicator table, or None (the chain then answers from passages).

    Two shapes, all or nothing: several named documents (`several`), each giving one row per indicator and year
    ("甲省和乙省2026年的经济增速目标分别是多少"); or one document, a comparison of one indicator in two years,
    answered with both cited values and their difference ("今年的增速目标比去年实际高多少"). With `partial`
    (a question about every place, 各省…) the documents that state no such value are left out instead, and at
    least two must answer. A question about a period (年均, 期间) is left to the passages: rows are read by year."""
    fq = figure_question(question)
    if fq is None or not fq.indicators or _PERIOD.search(question):
        return None
    if several and len(docs) < 2 or not several and (
            len(docs) != 1 or not _DIFFERENCE.search(question) or len(fq.indicators) != 1):
        return None
    sentences = []
    for d in docs:
        own = own_years.get(d, ())
        years = _years_for(fq, question, own)
        if several:
            mine = tuple(y for y in years if y in own)
            if partial and not mine:
                continue  # every place: only the documents of the year asked (its reports), not a passing mention
            years = mine or years
        elif len(years) != 2:
            return None
        picked = _picked(index, fq, d, years) if years else None
        if picked is None:
            if partial:
                continue
            return None
        text = index.text(d)
        if several:
            pieces = tuple(((f"《{names.get(d, d)}》" if i == 0 else "；") + _value_piece(c, text), c)
                           for i, c in enumerate(picked))
            sentences.append(RowSentence(pieces + (("。", None),)))
        else:
            diff = difference(picked)
            if diff is None:
                return None
            sentences.append(_difference_sentence(diff, text))
    if partial and len(sentences) < 2:
        return None
    answer = RowAnswer(tuple(sentences))
    computed = _across_documents(question, sentences) if several else None
    if computed:  # cited to both rows it is computed from
        first, second = answer.rows
        answer = RowAnswer(answer.sentences + (RowSentence(((computed.rstrip("。"), first), ("", second), ("。", None))),))
    return answer


def _across_documents(question: str, sentences: Sequence[RowSentence]) -> str | None:
    """甲省和乙省的增速目标哪个高、高多少: the computation asked, from two documents' one value each (no range)."""
    rows = [[c for _, c in s.pieces if c is not None] for s in sentences]
    if len(rows) != 2 or any(len(r) != 1 or r[0].row.number_high is not None for r in rows) or not operation(question):
        return None
    quotes = ["".join(piece for piece, c in s.pieces if c is not None) for s in sentences]
    return across(question, quotes, ["", ""])


def _picked(index, fq: FigureQuestion, doc: str, years: Sequence[int]) -> list[CitedRow] | None:
    """One cited row per indicator and year of one document, or None when one is missing."""
    rows = find_rows(index, FigureQuestion(fq.indicators, tuple(years), None, fq.compare), [doc])
    picked: list[CitedRow] = []
    for name in fq.indicators:
        got = _per_year([c for c in rows if c.row.indicator == name], years, fq.kind)
        if not got:
            return None
        picked += got
    return None if any(c.chunk_id is None for c in picked) else picked
