"""What a question asks: its type, years, unit, content terms, places and section references.

Shared by the answer backends and the answerability check, so every backend
refuses for the same reasons.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from assistant.glossary import Glossary, normalise_query
from assistant.references import heading_prefixes
from ingest.zh import HEADING_REF as _SECTION_REF
from ingest.zh import CN_SMALL, SECTION_SEP
from vectordb.lexical import jieba_tokenizer
from ingest.zh import YEAR, vocabulary

Kind = Literal["figure", "list", "when", "yesno", "section", "which_section", "who", "what"]

_YEAR = re.compile(rf"{YEAR}(?=年|$|\D)")
# A year that names a document (2023年政府工作报告, 某省2026年的报告) rather than asks about that year.
_DOC_YEAR = re.compile(rf"({YEAR})年?度?的?[\u4e00-\u9fff]{{0,8}}?(?:政府工作报告|工作报告|报告|规划|计划|纲要|意见|"
                       r"方案|通知|办法|讲话)")
_WHICH_SECTION = re.compile(r"哪[一几]?[篇章节]")
_SECTION_ASK = re.compile(r"讲|主题|标题|内容|是什么|包括|哪些章")
_CROSS = re.compile(r"哪些文件|哪几份|哪份文件|各文件|这几份|几份文件|哪些文档")
_EACH = re.compile(r"分别|各是|各自|各提|各有")
DOC_WORDS = vocabulary("doc_words")  # kinds of document (ingest/data/doc_words.txt)
_LIST = re.compile(rf"哪些|哪几|有什么|包括|具体是|指的是|是什么|哪[{CN_SMALL}两几]+[条个项类篇方大]")
_LIST_FIRST = re.compile(rf"哪些|哪几|哪[{CN_SMALL}两]+[条个项类方大]")
_WHEN = re.compile(r"什么时候|何时|哪一年|哪年|什么时间|时间表|几月")
_YESNO = re.compile(r"是否|有没有|是不是|能否|可否")
_WHO = re.compile(r"是谁|谁是|哪位")
_FIGURE = re.compile(r"多少|几[个项家所座条年倍天万亿]|比[例重率]|占比|增速|增长率|多[长大高久远]|百分之|规模|总量|达到多")
# Measure units a figure question can ask for, longest first (ingest/data/asked_units.txt).
UNITS = vocabulary("asked_units")
_ASKED_UNIT = re.compile(r"(?:多少|几)(" + "|".join(UNITS) + ")")
_MONEY = re.compile(r"多少钱")
# Words that frame a question rather than name its subject (ingest/data/question_words.txt).
GENERIC = frozenset(vocabulary("question_words"))
_KEEP_POS = ("n", "v", "eng", "j", "l", "nz", "a")
_GENERIC_POS = ("r", "m", "u", "p", "c", "x", "f", "d", "y", "q", "o", "zg")


@functools.lru_cache(maxsize=1)
def _posseg():
    import jieba.posseg as pseg

    jieba_tokenizer()  # the same dictionary (planning terms included) as the lexical index
    return pseg


# A numbered item: （一）… / 一是… / 一要… (the answer of a list question, one per item).
ITEM = re.compile(rf"^(?:[（(]([{CN_SMALL}])[）)]|([{CN_SMALL}])[是要])(.{{2,200}})")


def enumeration_section(section: str) -> str:
    """The section whose numbered items answer a list question: the parent when the path ends in an item."""
    parts = section.split(SECTION_SEP)
    return SECTION_SEP.join(parts[:-1]) if len(parts) > 1 and ITEM.match(parts[-1]) else section


@dataclass(frozen=True)
class QuestionInfo:
    text: str  # normalised question
    kind: Kind
    years: tuple[str, ...]  # years the question asks about
    unit: str | None
    terms: tuple[str, ...]  # content words the evidence must mention
    places: tuple[str, ...]  # place names (北京市, 某某省…) the evidence must be about
    section_refs: tuple[str, ...]
    cross_doc: bool
    doc_years: tuple[str, ...] = ()  # years by which it names a document
    parts: tuple[tuple[str, ...], ...] = ()  # heading prefixes of the parts it names (assistant/references.py)


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((w, f) for w, f in _posseg().lcut(text))


@functools.lru_cache(maxsize=1024)  # pure: the chain asks about one question at several steps
def analyse(question: str) -> QuestionInfo:
    q = normalise_query(question)
    refs = tuple(_SECTION_REF.findall(q))
    parts = tuple(heading_prefixes(q))
    if _WHICH_SECTION.search(q):
        kind: Kind = "which_section"
    elif (refs or parts) and _SECTION_ASK.search(q):
        kind = "section"
    elif _WHEN.search(q):
        kind = "when"
    elif _WHO.search(q):
        kind = "who"
    elif _LIST_FIRST.search(q):
        kind = "list"
    elif _FIGURE.search(q):
        kind = "figure"
    elif _YESNO.search(q):
        kind = "yesno"
    elif _LIST.search(q):
        kind = "list"
    else:
        kind = "what"
    unit = None
    m = _ASKED_UNIT.search(q)
    if m:
        unit = m.group(1)
    elif _MONEY.search(q):
        unit = "元"
    elif kind == "figure" and re.search("百分之|百分比", q):
        unit = "%"
    terms, places = [], []
    for w, f in _words(q):
        w = w.strip()
        if (not w or w in GENERIC or f == "e" or f.startswith(_GENERIC_POS) or _YEAR.fullmatch(w) or w.isdigit()
                or re.fullmatch(r"[Xx]+", w)):  # XX is a masking placeholder, not a subject
            continue
        if f == "ns":
            places.append(w)
        elif f.startswith(_KEEP_POS) and (len(w) > 1 or f.startswith("n")):
            terms.append(w)
    named = tuple(dict.fromkeys(_DOC_YEAR.findall(q)))
    asked = _YEAR.findall(_DOC_YEAR.sub(lambda m: m.group(0)[len(m.group(1)):], q))
    return QuestionInfo(
        text=q, kind=kind, years=tuple(dict.fromkeys(asked)), unit=unit, doc_years=named, parts=parts,
        terms=tuple(dict.fromkeys(terms)), places=tuple(dict.fromkeys(places)), section_refs=refs,
        cross_doc=bool(_CROSS.search(q)) or (bool(_EACH.search(q)) and sum(w in q for w in DOC_WORDS) >= 2),
    )


def synonyms(term: str, glossary: Glossary) -> tuple[str, ...]:
    for group in glossary.groups:
        if any(term.lower() == t.lower() for t in group):
            return group
    return (term,)
