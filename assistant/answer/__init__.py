"""Answer backends: turn a question and numbered passages into a cited answer.

`stream` yields text pieces as they come, then exactly one `Draft` (the whole answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from vectordb.index import Hit

REFUSAL = "根据已收录的文件，没有找到能够回答这个问题的内容。"
PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


@dataclass(frozen=True)
class Draft:
    """An answer whose markers [n] refer to passages[n-1] of the input."""

    answer: str
    refused: bool
    used: list[int] = field(default_factory=list)  # 1-based passage numbers, in order of first use
    reason: str = ""  # why it refused (or fell back), for logs and the eval report
    fallback: bool = False  # the backend's own output was replaced by the extractive answer


@dataclass(frozen=True)
class Piece:
    text: str


class AnswerBackend(Protocol):
    name: str

    def answer(self, question: str, passages: Sequence[Hit]) -> Draft: ...

    def stream(self, question: str, passages: Sequence[Hit]) -> Iterator[Piece | Draft]: ...


def prompt(name: str) -> str:
    return (PROMPTS / name).read_text(encoding="utf-8").strip()


def stream_by_sentence(draft: Draft) -> Iterator[Piece | Draft]:
    """Streaming for a backend that has its whole answer at once: one piece per sentence."""
    for part in _SENTENCE_END.split(draft.answer):
        if part:
            yield Piece(part)
    yield draft


def collect(events: Iterator[Piece | Draft]) -> Draft:
    draft = None
    for e in events:
        if isinstance(e, Draft):
            draft = e
    if draft is None:
        raise RuntimeError("the backend ended without an answer")
    return draft
