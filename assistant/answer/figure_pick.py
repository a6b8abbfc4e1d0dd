"""Arithmetic the rules could not pair, with an LLM's help: the model only copies, from the best sentences, the
figures the question computes on (差多少, 加起来, 几倍), one per line; Python computes. A copied figure counts only
when a sentence states it (number, magnitude and unit), so the figures are the documents' own and every sentence
quoted cites its passage: the citation and figure check holds by construction. A reply that copies fewer than two
stated figures, or figures of different units, gives no answer (the rules' answer stands)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import Draft, prompt
from assistant.arithmetic import Quantity, operation, plain, quantities, statement, wants_percent
from assistant.question import analyse
from vectordb.index import Hit

MAX_SENTENCES = 8  # the scorer's best sentences the model reads
MAX_TOKENS = 96  # of the reply: a few 项目：数值 lines; a model that goes on to compute is cut short
_MARKS = "，,；;。！？"


@dataclass(frozen=True)
class Listed:
    quantity: Quantity
    sentence: str  # as quoted (plainly written)
    passage: int  # 1-based


def listed(question: str, sentences: Sequence[tuple[int, str]]) -> list[Listed]:
    """The figures of the kind asked (percentages or not) that the sentences state, in order, without repeats."""
    percent = wants_percent(question)
    out, seen = [], set()
    for passage, text in sentences:
        s = plain(text)
        for q in quantities(s):
            key = (passage, q.written, s)
            if q.percent == percent and key not in seen:
                seen.add(key)
                out.append(Listed(q, s, passage))
    return out


def messages(question: str, sentences: Sequence[tuple[int, str]]) -> list:
    rows = "\n".join(f"{i}. {plain(t)}" for i, (_n, t) in enumerate(sentences, start=1))
    return [SystemMessage(prompt("figures.zh.txt")), HumanMessage(f"【原文】\n{rows}\n\n【问题】{question}")]


def parse(reply: str, figures: Sequence[Listed]) -> list[Listed]:
    """The stated figures a reply copies (项目：数值, one per line: each line's first quantity after its label), in
    order, without repeats; a line whose figure no sentence states (a total the model added up) is left out."""
    out: list[Listed] = []
    for line in reply.splitlines():
        value = re.split(r"[：:]", line, maxsplit=1)[-1]
        got = quantities(value)
        if not got:
            continue
        q = got[0]
        match = next((f for f in figures if f.quantity.unit == q.unit and abs(f.quantity.value - q.value) < 1e-9), None)
        if match is not None and all(abs(o.quantity.value - q.value) >= 1e-9 for o in out):
            out.append(match)
    return out


def pick(model: BaseChatModel, question: str, sentences: Sequence[tuple[int, str]]) -> Draft | None:
    """A computed answer from the figures the model picks among the sentences ((passage, text), best first), or
    None when the question asks no arithmetic or the pick does not make one."""
    op = operation(question)
    if op is None or op == "average":  # an average divides one total by the years: no pair for the model to pick
        return None
    figures = listed(question, sentences)
    if len(figures) < 2:
        return None
    reply = model.invoke(messages(question, sentences), max_tokens=MAX_TOKENS).content
    chosen = parse(reply if isinstance(reply, str) else "", figures)
    if op != "sum":
        chosen = chosen[:2]
    quoted: dict[str, int] = {}
    for f in chosen:
        quoted.setdefault(_clauses(f), f.passage)
    cite = "".join(dict.fromkeys(f"[{f.passage}]" for f in chosen))
    computed = statement(op, [f.quantity for f in chosen], cite)
    if computed is None:
        return None
    parts = [f"{q}[{n}]。" for q, n in quoted.items()] + [computed]
    used = list(dict.fromkeys(f.passage for f in chosen))
    return Draft("".join(parts), refused=False, used=used, reason="the LLM picked the figures, Python computed")


def _clauses(f: Listed) -> str:
    """What a figure's quote shows: its clause and the one before (what it counts), not a whole long sentence."""
    s, q = f.sentence, f.quantity
    lo = max(s.rfind(p, 0, q.start) for p in _MARKS)
    lo = max(s.rfind(p, 0, lo) for p in _MARKS) + 1 if lo > 0 else 0
    ends = [i for i in (s.find(p, q.start + len(q.written)) for p in _MARKS) if i >= 0]
    return s[lo: min(ends) if ends else len(s)]


def best_sentences(extractive, question: str, passages: Sequence[Hit]) -> list[tuple[int, str]]:
    """The extractive scorer's best sentences (passage number, text), of the best passage's document unless the
    question compares documents (two documents' figures are no pair for one report's question)."""
    info = analyse(question)
    ranked = [c for c in extractive.candidates(info, passages) if not c.check.masked]
    if ranked and not info.cross_doc:
        doc = passages[ranked[0].passage - 1].doc_id
        ranked = [c for c in ranked if passages[c.passage - 1].doc_id == doc]
    return [(c.passage, c.text) for c in ranked[:MAX_SENTENCES]]
