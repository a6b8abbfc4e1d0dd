"""The chain shared by the CLI, the UI and eval, in LCEL:

condense (multi-turn) → gather (hybrid retrieval) → evidence gate → backend (streaming) → citation check
(fallback to the extractive answer when an LLM answer fails it) → AnswerResult.
"""

from __future__ import annotations

import re
import time
from typing import Any, Iterator, Sequence

from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda
from langchain_core.runnables.utils import AddableDict

from assistant.answer import REFUSAL, AnswerBackend, Draft, Piece
from assistant.answerability import AnswerabilityModel, Judgement, explain, features
from assistant.backends import chat_model, extractive_backend, make_backend
from assistant.citecheck import check_citations
from assistant.condense import condense_llm, condense_rules
from assistant.evidence import DocLabel, Scope, check_passage, doc_label, doc_scope, in_scope
from assistant.glossary import Glossary
from assistant.question import analyse, enumeration_section
from assistant.rerank import make_reranker
from assistant.result import AnswerResult, Citation, Context, Flag, Timings
from assistant.retrieval import HybridSearch, PlanqaRetriever
from assistant.settings import Settings
from assistant.textnorm import squash
from vectordb.index import Hit, Index

MAX_QUESTION_CHARS = 1000
LIST_EXTRA = 8  # more chunks of the same section for list questions
LABEL_CHARS = 300  # a document's opening lines name it too (a speech's subtitle says 讲话)
MIN_GROUNDING = 0.5  # an LLM answer below this (or with a figure not in its sources) gives way to the extractive one
FALLBACK_NOTICE = "模型的回答未通过引用核查，已改为直接摘录文件原文。"
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


def validate_history(history: object) -> list[dict]:
    """Chat history in messages format; anything malformed is dropped rather than failing the question."""
    if not isinstance(history, (list, tuple)):
        return []
    out = []
    for m in history:
        if isinstance(m, dict) and m.get("role") in ("user", "assistant"):
            content = m.get("content")
            if isinstance(content, list):  # gradio parts: [{"type": "text", "text": ...}]
                content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
            if isinstance(content, str) and content.strip():
                out.append({"role": m["role"], "content": content[:MAX_QUESTION_CHARS * 4]})
    return out


def renumber(answer: str, hits: Sequence[Hit]) -> tuple[str, list[Citation]]:
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

    return _MARKER.sub(repl, answer), citations


class Assistant:
    def __init__(self, settings: Settings, index: Index, backend: AnswerBackend | None = None,
                 search: HybridSearch | None = None, model=None, answerability: AnswerabilityModel | None = None):
        self.settings = settings
        self.index = index
        self.search = search or HybridSearch(
            index, settings.retrieval(), Glossary.load(settings.glossary_path),
            make_reranker(settings.reranker, settings.embedding_device),
        )
        self.model = model if model is not None or backend is not None else chat_model(settings)
        self.backend = backend or make_backend(settings, index.embedder, self.model)
        self.extractive = extractive_backend(settings, index.embedder)
        self.answerability = answerability or (AnswerabilityModel.load(settings.answerability_model)
                                               if settings.answerability == "model" else AnswerabilityModel.neutral())
        self._labels: tuple[str, dict[str, DocLabel]] | None = None
        self._pipeline: Runnable | None = None

    # --- retrieval -----------------------------------------------------
    def retriever(self, k: int | None = None, doc_ids: Sequence[str] | None = None,
                  section_prefix: str | None = None) -> PlanqaRetriever:
        """The same retrieval as a langchain retriever."""
        return PlanqaRetriever(search=self.search, k=k or self.settings.top_k,
                               doc_ids=list(doc_ids) if doc_ids else None, section_prefix=section_prefix)

    def warm(self) -> None:
        """Load the models now, so the first question's timings measure answering only."""
        self.index.embedder.embed_queries(["预热"])
        self.search.retrieve("预热", 1)
        analyse("预热")

    def document_ids(self) -> dict[str, str]:
        """File name → document id, for every live document."""
        return {r.name: r.doc_id for r in self.index.documents()}

    def document_text(self, name: str) -> str | None:
        """The cleaned text citations slice into, by file name (for checking them)."""
        for r in self.index.documents():
            if r.name == name:
                return self.index.text(r.doc_id)
        return None

    def doc_labels(self, doc_ids: Sequence[str] | None = None) -> dict[str, DocLabel]:
        """How questions name documents (title; opening lines), per live set; only `doc_ids` when given (a question
        asked of some documents can only name those)."""
        labels = self._all_labels()
        return {d: label for d, label in labels.items() if d in set(doc_ids)} if doc_ids else labels

    def _all_labels(self) -> dict[str, DocLabel]:
        key = self.index.live().key
        if self._labels is None or self._labels[0] != key:
            labels = {}
            texts = self.index.registry.texts()
            for r in self.index.documents():
                text = texts.get(r.doc_id, "")
                labels[r.doc_id] = doc_label(r.title, r.name, text[:LABEL_CHARS])
            self._labels = (key, labels)
        return self._labels[1]

    def retrieve(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
                 section_prefix: str | None = None) -> list[Hit]:
        return self.search.retrieve(question, k or self.settings.top_k, doc_ids, section_prefix)

    def gather(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
               section_prefix: str | None = None) -> list[Hit]:
        """Retrieval shaped by the question: per document for cross-document questions."""
        k = k or self.settings.top_k
        info = analyse(question)
        scope = doc_scope(info, self.doc_labels(doc_ids))
        docs = sorted(scope.docs & set(doc_ids) if doc_ids and scope.docs else scope.docs or [])
        if (info.cross_doc or scope.several) and len(docs) > 1:
            per = max(3, k // 2)
            hits = [h for d in docs for h in self.retrieve(question, per, [d], section_prefix)]
            return sorted(hits, key=lambda h: -h.score)
        # Only the documents the question names can answer it: search them alone.
        return self.retrieve(question, k, docs or doc_ids, section_prefix)

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

    def assess(self, question: str, hits: Sequence[Hit], doc_ids: Sequence[str] | None = None
               ) -> tuple[Judgement, list[Hit], list]:
        """The answerability judgement (assistant/answerability.py) over the retrieved passages, the passages in
        the question's scope, and their scored sentences."""
        info = analyse(question)
        scope = doc_scope(info, self.doc_labels(doc_ids)) if hits else Scope()
        passages = in_scope(hits, scope)
        if hits and max(h.dense for h in hits) < self.settings.min_score:
            passages = []
        cands = self.extractive.candidates(info, passages) if passages else []
        feats = features(info, hits, passages, cands, scope, self.search.glossary)
        return self.answerability.judge(feats, self.settings.refusal_threshold), passages, cands

    # --- the chain -------------------------------------------------------
    def condense(self, question: str, history: Sequence[dict]) -> str:
        mode = self.settings.condense
        if self.model is not None and (mode == "llm" or (mode == "auto" and self.backend.name != "extractive")):
            return condense_llm(self.model, question, history)
        return condense_rules(question, history)

    def _prepare(self, x: dict) -> dict:
        t0 = time.perf_counter()
        question = validate_question(x.get("question"))
        history = validate_history(x.get("history"))
        standalone = self.condense(question, history) if history else question
        t1 = time.perf_counter()
        hits = self.gather(standalone, x.get("k"), x.get("doc_ids"), x.get("section_prefix"))
        t2 = time.perf_counter()
        return {"question": question, "standalone": standalone, "hits": hits, "t0": t0,
                "condense_ms": (t1 - t0) * 1000, "retrieve_ms": (t2 - t1) * 1000}

    def _answer_events(self, inputs: Iterator[dict]) -> Iterator[AddableDict]:
        x: dict[str, Any] = {}
        for item in inputs:
            x = item
        q, hits = x["standalone"], x["hits"]
        contexts = [Context(doc=h.name, section=h.section, text=h.text, score=round(h.score, 6)) for h in hits]
        yield AddableDict(standalone=q, contexts=contexts)
        t2 = time.perf_counter()
        judgement = None
        if self.settings.answerability == "model":
            judgement, evidence, _ = self.assess(q, hits, x.get("doc_ids"))
            reason = explain(judgement.features) if hits else "nothing retrieved"
            if not judgement.answerable:
                evidence = []
        else:
            evidence, reason = self.gate(q, hits)
        if evidence and analyse(q).kind == "list":
            evidence = self.complete_list(q, evidence)
        notice, draft = "", Draft(REFUSAL, refused=True, reason=reason)
        if evidence:
            try:
                for event in self.backend.stream(q, evidence):
                    if isinstance(event, Piece):
                        yield AddableDict(piece=event.text)
                    else:
                        draft = event
            except Exception as e:  # noqa: BLE001 - a model server down must not lose the question
                if self.backend.name == "extractive":
                    raise
                draft, notice = self.extractive.answer(q, evidence), f"模型服务出错（{type(e).__name__}），已改为直接摘录文件原文。"
        checked = check_citations(draft.answer, evidence) if not draft.refused else None
        if checked is not None and self.backend.name != "extractive" and not notice and (
                checked.grounding < MIN_GROUNDING or any(f.kind == "figure_not_in_source" for f in checked.flags)):
            draft, notice = self.extractive.answer(q, evidence), FALLBACK_NOTICE
            checked = check_citations(draft.answer, evidence) if not draft.refused else None
        if draft.fallback and not notice:
            notice = FALLBACK_NOTICE
        answer, citations = renumber(checked.answer if checked else draft.answer, evidence)
        t3 = time.perf_counter()
        result = AnswerResult(
            question=x["question"], standalone_question=q if q != x["question"] else None,
            answer=answer, refused=draft.refused, citations=citations, contexts=contexts,
            grounding=round(checked.grounding, 4) if checked else None,
            flags=[Flag(kind=f.kind, sentence=f.sentence, detail=f.detail) for f in checked.flags] if checked else [],
            backend=self.backend.name, notice=notice, reason=draft.reason if draft.refused else "",
            answerability=None if judgement is None else {
                "probability": judgement.probability, "threshold": self.answerability.threshold
                if self.settings.refusal_threshold is None else self.settings.refusal_threshold,
                "features": {k: round(v, 4) for k, v in judgement.features.items()}},
            timings_ms=Timings(condense=x["condense_ms"], retrieve=x["retrieve_ms"], answer=(t3 - t2) * 1000,
                               total=(t3 - x["t0"]) * 1000),
        )
        yield AddableDict(result=result)

    def pipeline(self) -> Runnable:
        """The LCEL chain: input {"question", "history"?, "k"?, "doc_ids"?, "section_prefix"?}; `.stream()`
        yields {"standalone", "contexts"}, then {"piece": text} as the answer is written, then {"result"}."""
        if self._pipeline is None:
            self._pipeline = RunnableLambda(self._prepare) | RunnableGenerator(self._answer_events)
        return self._pipeline

    def stream(self, question: str, history: Sequence[dict] | None = None, k: int | None = None,
               doc_ids: Sequence[str] | None = None, section_prefix: str | None = None) -> Iterator[dict]:
        validate_question(question)  # fail before the chain starts, with QuestionError
        yield from self.pipeline().stream({"question": question, "history": list(history or []), "k": k,
                                           "doc_ids": list(doc_ids) if doc_ids else None,
                                           "section_prefix": section_prefix})

    def ask(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
            section_prefix: str | None = None, history: Sequence[dict] | None = None) -> AnswerResult:
        result = None
        for event in self.stream(question, history, k, doc_ids, section_prefix):
            result = event.get("result", result)
        assert result is not None
        return result
