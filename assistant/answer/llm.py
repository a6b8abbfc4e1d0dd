"""LLM backends: a chat model answers from the numbered passages (prompts/answer.zh.txt), or only rephrases the
extractive answer's sentences (prompts/constrained.zh.txt). Both let the model pick the figures of arithmetic the
rules could not pair (figure_pick.py). Their output is checked by assistant/citecheck.py."""

from __future__ import annotations

from typing import Iterator, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import REFUSAL, Draft, Piece, collect, prompt, stream_by_sentence
from assistant.answer.figure_pick import best_sentences, pick
from assistant.arithmetic import is_computed, operation
from assistant.citecheck import figures
from assistant.context import build_context, build_focused
from assistant.params import LLM_SENTENCES
from vectordb.index import Hit

_REFUSAL_HEAD = REFUSAL[:12]


def _stream_text(model: BaseChatModel, messages) -> Iterator[str]:
    for chunk in model.stream(messages):
        if isinstance(chunk.content, str) and chunk.content:
            yield chunk.content


def answer_messages(question: str, context: str) -> list:
    return [SystemMessage(prompt("answer.zh.txt").format(refusal=REFUSAL)),
            HumanMessage(f"【资料】\n{context}\n\n【问题】{question}")]


class ChatBackend:
    """Any langchain chat model (OpenAI-compatible server, llama.cpp) answering from the passages."""

    def __init__(self, model: BaseChatModel, name: str, token_budget: int, extractive=None, focused: bool = False):
        self.model, self.name, self.token_budget = model, name, token_budget
        self.extractive = extractive  # picks the sentences of arithmetic questions (and of every prompt when focused)
        self.focused = focused and extractive is not None  # the prompt holds only the best sentences

    def context(self, question: str, passages: Sequence[Hit]) -> str:
        """The 【资料】 of the prompt: the extractive scorer's best sentences under their passage numbers (a small
        model on 2 cores reads ~75 tokens/s and loses the answer in whole chunks), else whole passages."""
        if self.focused:
            picks: dict[int, list[str]] = {}
            for c in self.extractive.candidates(self.extractive.read(question), passages)[:LLM_SENTENCES]:
                picks.setdefault(c.passage, []).append(c.text)
            if picks:
                return build_focused(passages, picks, self.token_budget).text
        return build_context(passages, self.token_budget).text

    def stream(self, question: str, passages: Sequence[Hit]) -> Iterator[Piece | Draft]:
        computed = _computed(self.model, self.extractive, question, passages)
        if computed is not None:
            yield from stream_by_sentence(computed)
            return
        text = ""
        for piece in _stream_text(self.model, answer_messages(question, self.context(question, passages))):
            text += piece
            yield Piece(piece)
        text = text.strip()
        refused = not text or _REFUSAL_HEAD in text
        yield Draft(REFUSAL if refused else text, refused=refused, reason="the model found no answer" if refused else "")

    def answer(self, question: str, passages: Sequence[Hit]) -> Draft:
        return collect(self.stream(question, passages))


class ConstrainedBackend:
    """The extractive backend picks the sentences; the LLM only rephrases them. If the rephrasing loses a
    figure or a citation, the extractive answer stands."""

    def __init__(self, extractive, model: BaseChatModel, name: str = "llamacpp-constrained"):
        self.extractive, self.model, self.name = extractive, model, name

    def stream(self, question: str, passages: Sequence[Hit]) -> Iterator[Piece | Draft]:
        base = self.extractive.answer(question, passages)
        if base.refused:
            yield from stream_by_sentence(base)
            return
        computed = _computed(self.model, self.extractive, question, passages, base)
        if computed is not None:
            yield from stream_by_sentence(computed)
            return
        messages = [SystemMessage(prompt("constrained.zh.txt")), HumanMessage(f"【问题】{question}\n【摘录】\n{base.answer}")]
        text = ""
        for piece in _stream_text(self.model, messages):
            text += piece
            yield Piece(piece)
        text = text.strip()
        kept_figures = set(figures(base.answer)) <= set(figures(text))
        kept_citations = {f"[{n}]" for n in base.used} <= {f"[{n}]" for n in range(1, len(passages) + 1) if f"[{n}]" in text}
        if not text or not kept_figures or not kept_citations:
            yield Draft(base.answer, refused=False, used=base.used, reason="rephrasing dropped a figure or citation",
                        fallback=True)
            return
        yield Draft(text, refused=False, used=base.used)

    def answer(self, question: str, passages: Sequence[Hit]) -> Draft:
        return collect(self.stream(question, passages))


def _computed(model: BaseChatModel, extractive, question: str, passages: Sequence[Hit],
              base: Draft | None = None) -> Draft | None:
    """For a question that computes on figures: the rules' computed answer, else one computed from the figures the
    model picks; None for other questions, or when the rules refuse or no pick makes a computation."""
    if extractive is None or operation(question) is None:
        return None
    base = base or extractive.answer(question, passages)
    if base.refused:
        return None
    if is_computed(base.answer):
        return base
    return pick(model, question, best_sentences(extractive, question, passages))
