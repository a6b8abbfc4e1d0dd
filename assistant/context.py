"""Numbered passages for an LLM prompt, within a token budget (tiktoken cl100k)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ingest.zh import count_tokens
from vectordb.index import Hit

MIN_PASSAGE_TOKENS = 40  # a passage cut shorter than this is left out instead


@dataclass(frozen=True)
class PromptContext:
    text: str
    passages: list[Hit]  # the ones included, numbered 1..n in this order
    tokens: int


def _escape(text: str) -> str:
    """Document text is data: it must not close or open our passage tags."""
    return text.replace("<passage", "＜passage").replace("</passage", "＜/passage")


def _open_tag(n: int, hit: Hit) -> str:
    return f'<passage id="{n}" title="{_escape(hit.title)}" section="{_escape(hit.section)}">\n'


def build_context(passages: Sequence[Hit], budget: int) -> PromptContext:
    parts, used, total = [], [], 0
    for hit in passages:
        head = _open_tag(len(used) + 1, hit)
        body = _escape(hit.text)
        cost = count_tokens(head + body) + 4
        if total + cost > budget:
            room = budget - total - count_tokens(head) - 4
            if room < MIN_PASSAGE_TOKENS:
                break
            while body and count_tokens(body) > room:  # cut the last passage to fit, at a character boundary
                body = body[: int(len(body) * room / max(count_tokens(body), 1)) - 1]
            cost = count_tokens(head + body) + 4
        parts.append(f"{head}{body}\n</passage>")
        used.append(hit)
        total += cost
        if total >= budget:
            break
    return PromptContext("\n".join(parts), used, total)


def build_focused(passages: Sequence[Hit], picks: dict[int, list[str]], budget: int) -> PromptContext:
    """Only the sentences that matter: for each passage number n in `picks`, its chosen sentences (in the
    passage's order) under its title and section, numbered as the passages are (so [n] means passages[n-1])."""
    parts, used, total = [], [], 0
    for n, hit in enumerate(passages, start=1):
        chosen = picks.get(n)
        if not chosen:
            continue
        chosen = sorted(chosen, key=lambda s: hit.text.find(s))
        head = _open_tag(n, hit)
        body = _escape("……".join(chosen))
        cost = count_tokens(head + body) + 4
        if total + cost > budget and used:
            break
        parts.append(f"{head}{body}\n</passage>")
        used.append(hit)
        total += cost
    return PromptContext("\n".join(parts), used, total)
