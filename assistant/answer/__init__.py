"""Answer backends: turn a question and numbered passages into a cited answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

from vectordb.index import Hit

REFUSAL = "根据已收录的文件，没有找到能够回答这个问题的内容。"


@dataclass(frozen=True)
class Draft:
    """An answer whose markers [n] refer to passages[n-1] of the input."""

    answer: str
    refused: bool
    used: list[int] = field(default_factory=list)  # 1-based passage numbers, in order of first use
    reason: str = ""  # why it refused, for logs and the eval report


class AnswerBackend(Protocol):
    def answer(self, question: str, passages: Sequence[Hit]) -> Draft: ...
