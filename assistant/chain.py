"""The question → retrieval → answer → cited result path, shared by the CLI and the UI."""

from __future__ import annotations

import re
import time
from typing import Sequence

from assistant.answer import REFUSAL, AnswerBackend, Draft
from assistant.answer.extractive import ExtractiveBackend, ExtractiveConfig
from assistant.evidence import DocLabel, check_passage, doc_scope
from assistant.glossary import Glossary
from assistant.question import analyse, enumeration_section
from assistant.rerank import make_reranker
from assistant.result import AnswerResult, Citation, Context, Timings
from assistant.retrieval import HybridSearch, PlanqaRetriever
from assistant.settings import Settings
from assistant.textnorm import squash
from vectordb.index import Hit, Index

MAX_QUESTION_CHARS = 1000
LIST_EXTRA = 8  # more chunks of the same section for list questions
LABEL_CHARS = 300  # a document's opening lines name it too (a speech's subtitle says 讲话)
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
        return ExtractiveBackend(index.embedder, ExtractiveConfig(max_sentences=settings.max_answer_sentences),
                                 Glossary.load(settings.glossary_path))
    raise ValueError(f"unknown answer backend {settings.answer_backend!r}")


class Assistant:
    def __init__(self, settings: Settings, index: Index, backend: AnswerBackend | None = None,
                 search: HybridSearch | None = None):
        self.settings = settings
        self.index = index
        self.search = search or HybridSearch(
            index, settings.retrieval(), Glossary.load(settings.glossary_path),
            make_reranker(settings.reranker, settings.embedding_device),
        )
        self.backend = backend or make_backend(settings, index)
        self._labels: tuple[str, dict[str, str]] | None = None

    def retriever(self, k: int | None = None, doc_ids: Sequence[str] | None = None,
                  section_prefix: str | None = None) -> PlanqaRetriever:
        """The same retrieval as a langchain retriever."""
        return PlanqaRetriever(search=self.search, k=k or self.settings.top_k,
                               doc_ids=list(doc_ids) if doc_ids else None, section_prefix=section_prefix)

    def warm(self) -> None:
        """Load the models now, so the first question's timings measure answering only."""
        self.index.embedder.embed_queries(["预热"])
        self.search.retrieve("预热", 1)

    def document_text(self, name: str) -> str | None:
        """The cleaned text citations slice into, by file name (for checking them)."""
        for r in self.index.documents():
            if r.name == name:
                return self.index.registry.text(r.doc_id)
        return None

    def doc_labels(self) -> dict[str, DocLabel]:
        """How questions name documents (title; opening lines), per live set."""
        key = self.index.live().key
        if self._labels is None or self._labels[0] != key:
            labels = {}
            for r in self.index.documents():
                text = self.index.registry.text(r.doc_id) or ""
                labels[r.doc_id] = DocLabel(squash(r.title), squash(f"{r.title}\n{text[:LABEL_CHARS]}"))
            self._labels = (key, labels)
        return self._labels[1]

    def gather(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
               section_prefix: str | None = None) -> list[Hit]:
        """Retrieval shaped by the question: per document for cross-document questions, and the rest of
        the section for list questions whose items span chunks."""
        k = k or self.settings.top_k
        info = analyse(question)
        scope = doc_scope(info, self.doc_labels())
        docs = sorted(scope.docs & set(doc_ids) if doc_ids and scope.docs else scope.docs or [])
        if info.cross_doc and len(docs) > 1:
            per = max(3, k // 2)
            hits = [h for d in docs for h in self.retrieve(question, per, [d], section_prefix)]
            return sorted(hits, key=lambda h: -h.score)
        return self.retrieve(question, k, doc_ids, section_prefix)

    def complete_list(self, question: str, evidence: list[Hit]) -> list[Hit]:
        """List questions whose numbered items span chunks: add the rest of the best passage's section."""
        best = next((h for h in evidence if h.section), None)
        if best is None:
            return evidence
        parent = enumeration_section(best.section)
        seen = {h.chunk_id for h in evidence}
        more = [h for h in self.retrieve(question, LIST_EXTRA, [best.doc_id], parent) if h.chunk_id not in seen]
        return evidence + self.gate(question, more)[0]

    def gate(self, question: str, hits: Sequence[Hit]) -> tuple[list[Hit], str]:
        """The passages that may answer (assistant/evidence.py), or none and why."""
        if not hits:
            return [], "nothing retrieved"
        if max(h.dense for h in hits) < self.settings.min_score:
            return [], "retrieval evidence is weak"
        info = analyse(question)
        scope = doc_scope(info, self.doc_labels())
        checks = [check_passage(info, h, self.search.glossary, self.settings.min_coverage, scope) for h in hits]
        kept = [h for h, c in zip(hits, checks) if c.ok]
        return kept, "" if kept else checks[0].reason

    def retrieve(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
                 section_prefix: str | None = None) -> list[Hit]:
        return self.search.retrieve(question, k or self.settings.top_k, doc_ids, section_prefix)

    def ask(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
            section_prefix: str | None = None) -> AnswerResult:
        q = validate_question(question)
        t0 = time.perf_counter()
        hits = self.gather(q, k, doc_ids, section_prefix)
        t1 = time.perf_counter()
        evidence, reason = self.gate(q, hits)
        if evidence and analyse(q).kind == "list":
            evidence = self.complete_list(q, evidence)
        if not evidence:
            draft = Draft(REFUSAL, refused=True, reason=reason)
        else:
            draft = self.backend.answer(q, evidence)
        answer, citations = renumber(draft, evidence)
        t2 = time.perf_counter()
        return AnswerResult(
            question=q, answer=answer, refused=draft.refused, citations=citations,
            contexts=[Context(doc=h.name, section=h.section, text=h.text, score=round(h.score, 6)) for h in hits],
            timings_ms=Timings(retrieve=(t1 - t0) * 1000, answer=(t2 - t1) * 1000, total=(t2 - t0) * 1000),
        )
