"""Multi-turn: a follow-up ("那2035年呢？") becomes a standalone question before retrieval.

Rules work without an LLM; with an LLM backend the model rewrites (prompts/condense.zh.txt), and the rules
stand whenever its rewrite is empty or implausibly long.
"""

from __future__ import annotations

import re
from typing import Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import prompt
from assistant.glossary import normalise_query
from assistant.question import analyse
from ingest.zh import YEAR

_LEAD = re.compile(r"^(那么|那|还有|另外|同样|再问一下|请问)[，,、\s]*")
_TAIL = re.compile(r"[呢吗啊呀]?[?？。!！\s]*$")
_YEAR = re.compile(YEAR)
MAX_HISTORY_TURNS = 6


def last_user_question(history: Sequence[dict]) -> str | None:
    for m in reversed(history or []):
        if m.get("role") == "user" and isinstance(m.get("content"), str) and m["content"].strip():
            return m["content"].strip()
    return None


def is_follow_up(question: str) -> bool:
    q = normalise_query(question)
    info = analyse(q)
    return bool(_LEAD.search(q)) or bool(re.search(r"呢[?？]?$", q)) or (not info.terms and not info.places)


def condense_rules(question: str, history: Sequence[dict]) -> str:
    prev = last_user_question(history)
    if not prev or not is_follow_up(question):
        return question
    core = _TAIL.sub("", _LEAD.sub("", normalise_query(question)))
    years = _YEAR.findall(core)
    prev_years = list(_YEAR.finditer(prev))
    if years and prev_years:
        last = prev_years[-1]  # the target year of the earlier question ("到2025年" → "到2035年")
        return prev[: last.start()] + years[-1] + prev[last.end():]
    if not core:
        return prev
    return f"{_TAIL.sub('', prev)}（{core}）？"


def condense_llm(model: BaseChatModel, question: str, history: Sequence[dict]) -> str:
    if not last_user_question(history):
        return question
    turns = [m for m in history if m.get("role") in ("user", "assistant")][-2 * MAX_HISTORY_TURNS:]
    transcript = "\n".join(f"{'用户' if m['role'] == 'user' else '助手'}：{m['content']}" for m in turns)
    try:
        out = model.invoke([SystemMessage(prompt("condense.zh.txt")),
                            HumanMessage(f"【对话记录】\n{transcript}\n【追问】{question}")]).content
    except Exception:  # noqa: BLE001 - the model server may be down; the rules still work
        out = ""
    out = out.strip().splitlines()[0].strip() if isinstance(out, str) and out.strip() else ""
    if not out or len(out) > 3 * len(question) + 60:
        return condense_rules(question, history)
    return out
