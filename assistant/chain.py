"""The question → retrieval → answer → cited result path, shared by the CLI and the UI."""

from __future__ import annotations

import re
import time
from typing import Sequence

from assistant.answer import REFUSAL, AnswerBackend, Draft
from assistant.answer.extractive import ExtractiveBackend, ExtractiveConfig
from assistant.rerank import rerank
from assistant.result import AnswerResult, Citation, Context, Timings
from assistant.settings import Settings
from vectordb.index import Hit, Index

MAX_QUESTION_CHARS = 1000
_MARKER = re.compile(r"\[(\d+)\]")


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long)."""


def validate_question(question: object) -> str:
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    q = question.strip()
    if not q:
        raise QuestionError("the question is empty")
    if len(q) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(q)} characters; the limit is {MAX_QUESTION_CHARS}")
    return q


def renumber(draft: Draft, hits: Sequence[Hit]) -> tuple[str, list[Citation]]:
    """Markers [n] (n = passage rank) become [1], [2]… in order of first use; unknown markers are dropped."""
    mapping: dict[int, int] = {}
    citations: list[Citation] = []

    def repl(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if not 1 <= n <= len(hits):
            return ""
        if n not in mapping:
            mapping[n] = len(mapping) + 1
            h = hits[n - 1]
            citations.append(Citation(
                id=mapping[n], doc=h.name, title=h.title, section=h.section, text=h.text, start=h.start, end=h.end,
            ))
        return f"[{mapping[n]}]"

    return _MARKER.sub(repl, draft.answer), citations


def make_backend(settings: Settings, index: Index) -> AnswerBackend:
    if settings.answer_backend == "extractive":
        return ExtractiveBackend(index.embedder, ExtractiveConfig(max_sentences=settings.max_answer_sentences))
    raise ValueError(f"unknown answer backend {settings.answer_backend!r}")


class Assistant:
    def __init__(self, settings: Settings, index: Index, backend: AnswerBackend | None = None):
        self.settings = settings
        self.index = index
        self.backend = backend or make_backend(settings, index)

    def warm(self) -> None:
        """Load the models now, so the first question's timings measure answering only."""
        self.index.embedder.embed_queries(["预热"])
        self.index.search("预热", 1)

    def retrieve(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        k = k or self.settings.top_k
        candidates = self.index.search(question, max(k, self.settings.rerank_candidates), doc_ids=doc_ids)
        return rerank(question, candidates, k)

    def ask(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None) -> AnswerResult:
        q = validate_question(question)
        t0 = time.perf_counter()
        hits = self.retrieve(q, k, doc_ids)
        t1 = time.perf_counter()
        if not hits or max(h.dense for h in hits) < self.settings.min_score:
            draft = Draft(REFUSAL, refused=True)
        else:
            draft = self.backend.answer(q, hits)
        answer, citations = renumber(draft, hits)
        t2 = time.perf_counter()
        return AnswerResult(
            question=q, answer=answer, refused=draft.refused, citations=citations,
            contexts=[Context(doc=h.name, section=h.section, text=h.text, score=round(h.score, 6)) for h in hits],
            timings_ms=Timings(retrieve=(t1 - t0) * 1000, answer=(t2 - t1) * 1000, total=(t2 - t0) * 1000),
        )
