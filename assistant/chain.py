"""The chain shared by the CLI, the UI and eval, in LCEL:

condense (multi-turn) → gather (hybrid retrieval) → evidence gate → backend (streaming) → citation check
(fallback to the extractive answer when an LLM answer fails it) → AnswerResult.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Sequence

from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda
from langchain_core.runnables.utils import AddableDict

from assistant.answer import REFUSAL, AnswerBackend, Draft, Piece, stream_by_sentence
from assistant.answerability import AnswerabilityModel, Judgement, explain, features
from assistant.backends import EXTRACTIVE
from assistant.builder import Components, components
from assistant.citecheck import Checked, check_citations
from assistant.condense import condense_llm, condense_rules
from assistant.definitions import DEFINE, defines, field_label, has_note_marker, labelled, notes_for
from assistant.evidence import (EVERY_PLACE, DocLabel, Scope, check_passage, check_sentence, coverage, in_scope,
                                own_number, paragraph_lead, sentence_units, term_present, unmentioned_years,
                                unnamed_quote)
from assistant.params import (DEFINITION_DOCS, FIELD_DOC_COVERAGE, FIGURE_COVERAGE_RELIEF, LIST_EXTRA,
                              MAX_QUESTION_CHARS, MIN_GROUNDING, ROW_PASSAGES)
from assistant.answer.extractive import (ANNOUNCE_CHUNKS, ASKS_ISSUER, ASKS_SUBPARTS, ISSUE_DATE_ASKED, ISSUED_TITLE,
                                          MAX_OUTLINE, MAX_SUBPARTS, announced_part, own_date, runs_on_unmarked,
                                          runs_past_end, signature, unnumbered)
from assistant.query import Query, beyond_place, make_query
from assistant.question import DOC_NUMBER_ASKED, analyse, enumeration_section, place_key
from assistant.result import AnswerResult, Citation, Context, Flag, Timings
from assistant.references import (absent_part, annexes_listed, ending_siblings, items_as_parts, listed_annex,
                                  opening, outline, outline_level, parallel_siblings, part_opening, resolve_part, to_int)
from assistant.retrieval import PlanqaRetriever
from assistant.settings import Settings
from assistant.target_answers import answer_figures, relative_years, row_answer
from ingest.zh import SECTION_SEP, bigrams, squash
from vectordb.index import Hit, Index
from vectordb.live import chunk_at

FALLBACK_NOTICE = "模型的回答未通过引用核查，已改为直接摘录文件原文。"
REFUSED_NOTICE = "模型未从这些段落中作答，已改为直接摘录文件原文。"
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


def renumber(answer: str, hits: Sequence[Hit], notes: Callable[[Hit], list[str]] = lambda h: []
             ) -> tuple[str, list[Citation]]:
    """Markers [n] (n = passage rank) become [1], [2]… in order of first use; unknown markers are dropped. `notes`
    gives a cited passage's notes (the document's entries for its ［n］ markers)."""
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
                notes=notes(h),
            ))
        return f"[{mapping[n]}]"

    return _MARKER.sub(repl, answer), citations


_BOXED = ("专栏",)  # boxes a document names in its text wherever it has them (annexes it may list by number alone)


@dataclass(frozen=True)
class Prepared:
    """What the chain's first step hands the second: the query, its passages, the clock so far."""

    query: Query
    hits: list[Hit]
    started: float  # perf_counter at the start
    condense_ms: float
    retrieve_ms: float


@dataclass(frozen=True)
class Decision:
    """The passages that may answer (empty: refuse, and why), and the learnt judgement when it decided."""

    evidence: list[Hit]
    reason: str
    judgement: Judgement | None = None
    rows: Draft | None = None  # the answer written from the indicator table (its markers point into evidence)


class Assistant:
    """The chain over components built once (assistant/builder.py), answering with one backend.

    `Assistant(settings, index)` builds the components; `Assistant(settings, parts=parts)` shares them, and
    `with_backend(name)` gives an Assistant on the same components that answers with another backend.
    """

    def __init__(self, settings: Settings, index: Index | None = None, backend: AnswerBackend | None = None,
                 search=None, model=None, answerability: AnswerabilityModel | None = None,
                 parts: Components | None = None, backend_name: str | None = None):
        if parts is None:
            if index is None:
                raise ValueError("give an index or the components")
            parts = components(settings, index, search=search, answerability=answerability)
        self.parts = parts
        self.settings = parts.settings
        self.index, self.search, self.extractive = parts.index, parts.search, parts.extractive
        self.answerability = answerability or parts.answerability
        name = backend_name or settings.answer_backend
        if backend is None and model is None:
            backend, model = parts.backend(name), parts.chat_model(name)
        elif backend is None:
            backend = parts.make_backend(name, model)
        self.backend, self.model = backend, model
        self._pipeline: Runnable | None = None

    def with_backend(self, name: str) -> "Assistant":
        """The same components answering with backend `name`."""
        return self if name == self.backend.name else Assistant(self.settings, parts=self.parts, backend_name=name)

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
        """How questions name documents (title; opening lines), per live set; only `doc_ids` when given."""
        return self.parts.labels.of(doc_ids)

    def query(self, question: str | Query, k: int | None = None, doc_ids: Sequence[str] | None = None,
              section_prefix: str | None = None, asked: str | None = None) -> Query:
        """The question read once (`question` is the standalone text; `asked` the words the user typed)."""
        if isinstance(question, Query):
            return question
        return make_query(asked if asked is not None else question, question, self.parts.labels,
                          k or self.settings.top_k, doc_ids, section_prefix)

    def retrieve(self, question: str, k: int | None = None, doc_ids: Sequence[str] | None = None,
                 section_prefix: str | None = None) -> list[Hit]:
        return self.search.retrieve(question, k or self.settings.top_k, doc_ids, section_prefix)

    def gather(self, question: str | Query, k: int | None = None, doc_ids: Sequence[str] | None = None,
               section_prefix: str | None = None) -> list[Hit]:
        """Retrieval shaped by the question: per document for cross-document questions; only the documents the
        question names when it names some."""
        q = self.query(question, k, doc_ids, section_prefix)
        docs = q.named_docs
        if (q.info.cross_doc or q.scope.several) and len(docs) > 1:
            per = max(3, q.k // 2)
            hits = [h for d in docs for h in self.retrieve(q.standalone, per, [d], q.section_prefix)]
            return sorted(hits, key=lambda h: -h.score)
        return self.retrieve(q.standalone, q.k, docs or q.doc_ids, q.section_prefix)

    def complete_list(self, question: str | Query, evidence: list[Hit]) -> list[Hit]:
        """List questions whose numbered items span chunks: add the rest of the best passage's section (and, before
        any heading, the chunks a list the best passages open runs on into)."""
        best = next((h for h in evidence if h.section), None)
        q = self.query(question)
        if best is not None:
            parent = enumeration_section(best.section)
            seen = {h.chunk_id for h in evidence}
            more = [h for h in self.retrieve(q.standalone, LIST_EXTRA, [best.doc_id], parent)
                    if h.chunk_id not in seen]
            evidence = evidence + self.gate(q, more)[0]
        seen = {h.chunk_id for h in evidence}
        evidence = evidence + [h for h in self._parallel_items(q, evidence) if h.chunk_id not in seen]
        seen = {h.chunk_id for h in evidence}
        return evidence + [h for h in self._announced_rest(q, evidence) if h.chunk_id not in seen]

    def _announced_rest(self, q: Query, evidence: list[Hit]) -> list[Hit]:
        """A list a chunk announces (至少有三大宝贵机遇：一是…) may run on past its end: the next chunks, and the first chunk
        under each sub-heading of its part, for the top passages whose list does; unmarked items after a colon
        (主要预期目标是：A；B；) only into the next chunks, which need not name the place or year again."""
        nxt, following = [], []
        for h in evidence[:3]:
            above = announced_part(q.info, h)  # …主要是：（一）… filed under （一）: the items are its siblings
            announced = runs_past_end(q.info, h.text) or above is not None
            unmarked = runs_on_unmarked(q.info, h.text)  # 主要预期目标是：A；B；… on into the next chunk only
            if not announced and not unmarked:
                continue
            tree = self._headings(h.doc_id)
            order = [cid for cid, _ in tree]
            at = order.index(h.chunk_id) if h.chunk_id in order else -1
            if at >= 0:  # the list goes on in the chunks right after: no need to name the place or year again
                following += order[at + 1: at + 1 + ANNOUNCE_CHUNKS]
            if not announced:
                continue
            # items that are sub-headings of its part ((一)突出科创驱动…): the first chunk under each
            base, firsts = unnumbered(above or h.section), {}
            for cid, section in tree:
                bare = unnumbered(section)
                if bare.startswith(base + SECTION_SEP) and SECTION_SEP not in bare[len(base) + len(SECTION_SEP):]:
                    firsts.setdefault(bare, cid)
            nxt += list(firsts.values())[:MAX_SUBPARTS]
        following = list(dict.fromkeys(following))
        shown = self._as_hits(q, following, evidence) if following else []
        nxt = [c for c in dict.fromkeys(nxt) if c not in following]
        return shown + (self._row_hits(q, nxt, evidence) if nxt else [])

    def _parallel_items(self, q: Query, evidence: list[Hit]) -> list[Hit]:
        """Items that are headings opening alike (聚焦…) with a word the question names, or numbered headings ending
        with one (…行动 for 哪几大行动): the first chunk under each sibling of a top passage's heading, for the
        siblings whose headings share most with the question."""
        live = self.index.live()
        words = bigrams(q.info.text)
        trees: dict[str, list[tuple[str, str]]] = {}
        best: tuple[int, list[str]] | None = None
        for h in evidence[:5]:  # numbered headings ending with what the question asks (哪几大行动): the whole run
            if h.doc_id not in trees:
                trees[h.doc_id] = self._headings(h.doc_id)
            ended = ending_siblings(trees[h.doc_id], h.section, q.info.text)
            if ended:
                return self._row_hits(q, ended, evidence)
        for h in evidence[:3]:
            ids = parallel_siblings(trees[h.doc_id], h.section)
            heads = [live.rows[i].section.split(SECTION_SEP)[-1] for i in ids]
            shared = len(words & bigrams("".join(heads)))
            if ids and opening(heads[0]) in q.info.text and (best is None or shared > best[0]):
                best = (shared, ids)
        return self._row_hits(q, best[1], evidence) if best else []

    def _weak(self, hits: Sequence[Hit]) -> bool:
        return max(h.dense for h in hits) < self.settings.min_score

    def gate(self, question: str | Query, hits: Sequence[Hit]) -> tuple[list[Hit], str]:
        """The rule gate: the passages that may answer (assistant/evidence.py), or none and why."""
        if not hits:
            return [], "nothing retrieved"
        if self._weak(hits):
            return [], "retrieval evidence is weak"
        q = self.query(question)
        floor = self.settings.min_coverage - (FIGURE_COVERAGE_RELIEF if q.info.kind == "figure" else 0.0)
        checks = [check_passage(q.info, h, self.search.glossary, floor, q.gate_scope) for h in hits]
        kept = [h for h, c in zip(hits, checks) if c.ok]
        # the ends of a span of years, each somewhere (one year asked, every kept passage mentions it already)
        if len(q.info.years) > 1 and kept and (missing := unmentioned_years(q.info, kept, q.gate_scope)):
            return [], f"the passages do not mention {missing[0]}"
        if kept and (name := unnamed_quote(q.info, hits, self.search.glossary)) and not self._doc_names(kept, name):
            return [], f"no document here names “{name}”"  # a name quoted is no paraphrase: 三廊一带 is not 一核三带
        return kept, "" if kept else checks[0].reason

    def _place_stated(self, q: Query, kept: Sequence[Hit]) -> bool:
        """Some sentence (or table row) of the passages names each place asked and answers the question: a
        passage that names the place elsewhere (我市每10万人中… beside a table of its counties) does not."""
        for h in kept:
            context = squash(f"{h.title}\n{h.section}")
            for start, end in sentence_units(h.text):
                sentence = h.text[start:end]
                if all(squash(p) in squash(sentence) for p in q.scope.free_places) and check_sentence(
                        q.info, sentence, self.search.glossary, context, paragraph_lead(h.text, start)).ok:
                    return True
        return False

    def _doc_names(self, hits: Sequence[Hit], name: str) -> bool:
        """Some document of the passages names it, where no passage retrieved does (走出六条新路: its items were)."""
        texts = (self.index.registry.text(d) or "" for d in dict.fromkeys(h.doc_id for h in hits))
        return any(term_present(name, squash(t), self.search.glossary) for t in texts)

    def assess(self, question: str | Query, hits: Sequence[Hit], doc_ids: Sequence[str] | None = None
               ) -> tuple[Judgement, list[Hit], list]:
        """The answerability judgement (assistant/answerability.py) over the retrieved passages, the passages in
        the question's scope, and their scored sentences."""
        q = self.query(question, doc_ids=doc_ids)
        scope = q.scope if hits else Scope()
        passages = in_scope(hits, scope)
        if hits and self._weak(hits):
            passages = []
        cands = self.extractive.candidates(q.info, passages) if passages else []
        feats = features(q.info, hits, passages, cands, scope, self.search.glossary)
        return self.answerability.judge(feats, self.settings.refusal_threshold), passages, cands

    # --- the chain: prepare, then answer events ---------------------------
    def condense(self, question: str, history: Sequence[dict]) -> str:
        mode = self.settings.condense
        if self.model is not None and (mode == "llm" or (mode == "auto" and self.backend.name != EXTRACTIVE)):
            return condense_llm(self.model, question, history)
        return condense_rules(question, history)

    def _prepare(self, x: dict) -> Prepared:
        """Validate, condense, read the question once, retrieve."""
        t0 = time.perf_counter()
        question = validate_question(x.get("question"))
        history = validate_history(x.get("history"))
        standalone = self.condense(question, history) if history else question
        t1 = time.perf_counter()
        q = self.query(standalone, x.get("k"), x.get("doc_ids"), x.get("section_prefix"), asked=question)
        hits = self.gather(q)
        if (wider := beyond_place(q, self.parts.labels)) is not None and not self.gate(q, hits)[0]:
            more = self.gather(wider)  # the place's documents do not say: another's sentence naming it may
            if self._place_stated(wider, self.gate(wider, more)[0]):
                q, hits = wider, more
        t2 = time.perf_counter()
        return Prepared(q, hits, started=t0, condense_ms=(t1 - t0) * 1000, retrieve_ms=(t2 - t1) * 1000)

    def _decide(self, q: Query, hits: list[Hit]) -> Decision:
        """Refuse or not: the rule gate, or the learnt judgement when configured; list questions get the rest of
        their section."""
        judgement = None
        written = self.rows_answer(q, hits)
        if written is not None:
            return Decision(written[0], "", rows=written[1])
        numbered = self.doc_number_answer(q, hits) if DOC_NUMBER_ASKED.search(q.info.text) else None
        if numbered is not None:
            return numbered
        if self.settings.answerability == "model":
            judgement, evidence, _ = self.assess(q, hits)
            reason = explain(judgement.features) if hits else "nothing retrieved"
            if not judgement.answerable:
                evidence = []
        else:
            evidence, reason = self.gate(q, hits)
        defined = self.definition_passages(q, hits)
        if defined:  # 四上企业指什么: the document's own glossary entry answers first
            taken = {h.chunk_id for h in defined}
            evidence = defined + [h for h in evidence if h.chunk_id not in taken]
        fields = self.field_passages(q, hits) or self.signature_passages(q, hits)
        if fields:  # 实施主体是哪个部门: the asked document's line labelled 实施主体：, retrieved or not
            taken = {h.chunk_id for h in fields}
            evidence = fields + [h for h in evidence if h.chunk_id not in taken]
        shown = self.part_passages(q, hits)
        if shown:  # 第三部分的第（八）项: the part itself and its sub-parts, found through the heading tree
            taken = {h.chunk_id for h in shown}
            evidence, reason = shown + [h for h in evidence if h.chunk_id not in taken], ""
        parts = self.outline_passages(q, hits)
        if parts:  # 这份报告分成哪几部分: the first chunk of each top-level part, from the heading tree
            taken = {h.chunk_id for h in parts}
            evidence, reason = parts + [h for h in evidence if h.chunk_id not in taken], ""
        rows = self.indicator_passages(q, hits)
        if rows:  # the table matched document, indicator and year: its passages answer first
            taken = {r.chunk_id for r in rows}
            evidence = rows + [h for h in evidence if h.chunk_id not in taken]
        if evidence and q.info.kind == "list":
            evidence = self.complete_list(q, evidence)
        if evidence and q.info.kind == "which_section":  # 在哪一部分讲: the chunks that show the parts' headings
            taken = {h.chunk_id for h in evidence}
            # (哪一章，下面分了哪几块: and the parts right under each part they sit in)
            opened = self.heading_passages(q, evidence, children=bool(ASKS_SUBPARTS.search(q.info.text)))
            evidence = evidence + [h for h in opened if h.chunk_id not in taken]
        if evidence and not shown and (missing := self.missing_part(q, hits)):
            listed = self.annex_answer(q, hits)
            return listed or Decision([], f"the document has no {missing}", judgement)
        return Decision(evidence, reason, judgement)

    def annex_answer(self, q: Query, hits: Sequence[Hit]) -> Decision | None:
        """附件2是什么 of a document that lists its annexes (附件：1．…\n2．…) without their text: the title the list gives,
        cited to the chunk that holds it."""
        doc = self._asked_doc(q, hits)
        text = self.index.text(doc) if doc else None
        found = listed_annex(text, list(q.info.parts)) if text else None
        if found is None:
            return None
        at, title = found
        row = chunk_at(self.index.live(), doc, at)
        shown = self._row_hits(q, [row.id], hits) if row else []
        if not shown:
            return None
        part = q.info.parts[0][-1]  # 附件2, as annex lists number them
        return Decision(shown, "", rows=Draft(f"{part}：{title}[1]。", refused=False, used=[1]))

    def doc_number_answer(self, q: Query, hits: Sequence[Hit]) -> Decision | None:
        """发文字号是多少: the number under (or in) the asked document's title, the first in its opening that is not a
        cited document's (《…》（某办发〔2022〕10号）), cited to the chunk that holds it; None without one."""
        doc = self._asked_doc(q, hits)
        text = self.index.text(doc) if doc else None
        found = own_number(text) if text else None
        row = chunk_at(self.index.live(), doc, found[0]) if found else None
        shown = self._row_hits(q, [row.id], hits) if row else []
        if not shown:
            return None
        dated = own_date(text) if ISSUE_DATE_ASKED.search(q.info.text) else None  # 哪天印发的，文号多少
        day = chunk_at(self.index.live(), doc, dated[0]) if dated else None
        if day is not None and day.id != row.id:
            shown += self._row_hits(q, [day.id], hits)  # the 落款's own chunk, cited second
        said = f"；{dated[1]}[{len(shown)}]" if day is not None and (day.id == row.id or len(shown) > 1) else ""
        return Decision(shown, "", rows=Draft(f"{found[1]}[1]{said}。", refused=False, used=list(range(1, len(shown) + 1))))

    def missing_part(self, q: Query, hits: Sequence[Hit]) -> str | None:
        """The numbered part a question names (第十三篇, 专栏13, 第三部分第（九）项) that none of the documents it names (or,
        naming none, the best hit's) has, though one of them numbers parts of that kind; None when one has it."""
        if not q.info.parts:
            return None
        docs = q.named_docs or [d for d in [self._asked_doc(q, hits)] if d]
        parts = list(q.info.parts)
        trees = [self._headings(d) for d in docs]
        as_parts = items_as_parts(parts)
        if any(resolve_part(tree, parts) or as_parts and resolve_part(tree, as_parts) for tree in trees) or \
                any(self._runin_chunk(q, d) for d in docs):
            return None
        found = next((m for tree in trees if (m := absent_part(tree, parts))), None)
        if found is None and docs and len(parts) == 1 and parts[0][0].startswith("附件"):
            # 附件6 of a document whose list names five annexes (附件：1．…5．…)
            listed = [annexes_listed(self.index.text(d) or "") for d in docs]
            if all(listed) and (to_int(parts[0][0][2:]) or 0) > max(listed):
                found = parts[0][0]
        if found is None and docs and parts[0][0].startswith(_BOXED):
            # 专栏3 of a document whose text names no 专栏3 at all (a box its headings missed would still be named)
            texts = [squash(self.index.text(d) or "") for d in docs]
            if all(t and not any(re.search(rf"{re.escape(squash(p))}(?!\d)", t) for p in parts[0]) for t in texts):
                found = parts[0][0]
        return found

    def definition_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """For a question that asks what a term means: passages of the documents it names (or of the best hits'
        documents) whose glossary entry or “X”是指 sentence defines a term it names, retrieved or not."""
        if not DEFINE.search(q.info.text):
            return []
        docs = q.named_docs or list(dict.fromkeys(h.doc_id for h in in_scope(hits, q.scope)))[:DEFINITION_DOCS]
        live = self.index.live()
        ids = [cid for d in docs for cid in live.by_doc.get(d, ()) if defines(q.info.text, live.rows[cid].text)]
        return self._row_hits(q, ids[:DEFINITION_DOCS], hits) if ids else []

    def field_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The chunk of the document asked about (named, else the best in-scope hit's) whose field line labels its
        value with the thing asked (实施主体：…, 列席：…), retrieved or not."""
        doc = self._asked_doc(q, hits)
        if doc is None:
            return []
        live = self.index.live()
        found = next(((cid, m) for cid in live.by_doc.get(doc, ())
                      if (m := labelled(q.info.text, live.rows[cid].text))), None)
        if found is None:
            return []
        # the document must be about what the question names besides the label (关于托育那个提案答复: 托育, 提案)
        label = field_label(found[1])
        rest = replace(q.info, terms=tuple(t for t in q.info.terms if t not in label and label not in t))
        text = squash(self.index.text(doc) or "")
        if rest.terms and coverage(rest, text, self.search.glossary) < FIELD_DOC_COVERAGE:
            return []
        return self._row_hits(q, [found[0]], hits)

    def signature_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """哪个单位发的 of a document whose title names no issuer: the chunk of its 落款 (body and date), retrieved
        or not."""
        doc = self._asked_doc(q, hits) if ASKS_ISSUER.search(q.info.text) else None
        title = next((h.title for h in hits if h.doc_id == doc), "")
        if doc is None or ISSUED_TITLE.match(title.strip()):
            return []
        m = signature(self.index.text(doc) or "")
        row = chunk_at(self.index.live(), doc, m.start(1)) if m else None
        return self._as_hits(q, [row.id], hits) if row else []

    @staticmethod
    def _asked_doc(q: Query, hits: Sequence[Hit]) -> str | None:
        """The one document a question about a document's structure is about: the one it names, else the best
        in-scope hit's."""
        named = q.named_docs
        return named[0] if len(named) == 1 else next((h.doc_id for h in in_scope(hits, q.scope)), None)

    def part_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """For a question about a numbered part (第三部分, 第（八）项, 附件2…): the passages that show it and its
        sub-parts, resolved through the heading tree of the document the question names (or the best hit's)."""
        if q.info.kind != "section" or not q.info.parts:
            return []
        doc = self._asked_doc(q, hits)
        if doc is None:
            return []
        parts = list(q.info.parts)
        found = resolve_part(self._headings(doc), parts, q.info.text)
        if found:
            return self._row_hits(q, found[1][:1 + MAX_SUBPARTS], hits)
        row = self._runin_chunk(q, doc)
        if row:
            return self._row_hits(q, [row], hits)
        # 纪要第三项 of a document numbered 一、二、三、 with no item (三) or 三是 anywhere: its part
        found = resolve_part(self._headings(doc), as_parts, q.info.text) if (as_parts := items_as_parts(parts)) else None
        return self._row_hits(q, found[1][:1 + MAX_SUBPARTS], hits) if found else []

    def _runin_chunk(self, q: Query, doc: str) -> str | None:
        """The chunk of a document that holds the one item a question names, run in as a paragraph's opening
        ((16)…, 18.…) where no heading numbers it, or a short part's heading line inside a chunk that starts before
        it; None when it names several parts or the document has no such."""
        text = self.index.text(doc) if len(q.info.parts) == 1 else None
        found = part_opening(text, q.info.parts[0]) if text else None
        row = chunk_at(self.index.live(), doc, found[0]) if found else None
        return row.id if row else None

    def outline_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """For a question about how a document is divided (分成哪几部分, 共有几篇): the first passage of each of its
        parts, in order, from the heading tree of the document it names (or the best hit's); two parts at least."""
        level = outline_level(q.info.text)
        if level is None:
            return []
        doc = self._asked_doc(q, hits)
        if doc is None:
            return []
        parts = outline(self._headings(doc), level)
        return self._row_hits(q, [cid for _, cid in parts[:MAX_OUTLINE]], hits) if len(parts) >= 2 else []

    def heading_passages(self, q: Query, evidence: Sequence[Hit], top: int = 3, children: bool = False) -> list[Hit]:
        """The chunk that opens each part the best passages sit in (its first chunk shows the heading line), from
        the outermost part inwards, so a where-answer is cited to its heading; with `children`, also the chunk that
        opens each part right under those (at most MAX_SUBPARTS each)."""
        opening: list[str] = []
        trees: dict[str, list[tuple[str, str]]] = {}  # the best passages are mostly of one document
        for h in evidence[:top]:
            path = h.section.split(SECTION_SEP)
            if h.doc_id not in trees:
                trees[h.doc_id] = self._headings(h.doc_id)
            heads = trees[h.doc_id]
            for depth in range(1, len(path) + 1):
                prefix = SECTION_SEP.join(path[:depth])
                first = next((c for c, s in heads if s == prefix or s.startswith(prefix + SECTION_SEP)), None)
                if first is not None and first not in opening:
                    opening.append(first)
                under: dict[str, str] = {}
                for c, s in heads if children and depth < len(path) else ():
                    if s.startswith(prefix + SECTION_SEP):
                        under.setdefault(SECTION_SEP.join(s.split(SECTION_SEP)[:depth + 1]), c)
                opening += [c for c in list(under.values())[:MAX_SUBPARTS] if c not in opening]
        # the parts of passages that passed the gate: their openings need not name the topic or place again
        return self._as_hits(q, opening, evidence)

    def _headings(self, doc: str) -> list[tuple[str, str]]:
        """One document's heading tree: (chunk id, heading path) of its live chunks in reading order."""
        live = self.index.live()
        return [(cid, live.rows[cid].section) for cid in live.by_doc.get(doc, ())]

    def indicator_passages(self, q: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The passages holding the indicator-table values a figure question asks for (assistant/target_answers.py):
        only when it names its document(s) and a year, so a near-miss year or indicator matches no row."""
        if not self.settings.indicator_rows or q.info.kind != "figure" or not q.named_docs:
            return []
        found = answer_figures(self.index, q.standalone, q.named_docs)
        if found is None or not found.question.indicators:
            return []
        rows = found.rows
        if not found.question.years:
            # 今年, 去年 read against the one document named (a 2026 report's 去年 is 2025), else no year at all
            labels = self.parts.labels.of(q.named_docs)
            own = [int(y) for label in labels.values() for y in label.years]
            years = relative_years(q.standalone, own) if len(q.named_docs) == 1 else ()
            rows = [c for c in rows if c.row.year in years]
            if not rows:
                return []
        ids = list(dict.fromkeys(c.chunk_id for c in rows if c.chunk_id))[:ROW_PASSAGES]
        return self._row_hits(q, ids, hits) if ids else []

    def _as_hits(self, q: Query, chunk_ids: Sequence[str], hits: Sequence[Hit]) -> list[Hit]:
        """Hits for chunks found other than by retrieval, scored as the best retrieved passage."""
        top = max((h.score for h in hits), default=1.0)
        qvec = self.index.embedder.embed_queries([q.info.text])[0]
        return self.index.hits([(i, top) for i in chunk_ids], {}, qvec)

    def _row_hits(self, q: Query, chunk_ids: Sequence[str], hits: Sequence[Hit]) -> list[Hit]:
        """Hits for chunks the indicator table or the heading tree points at, held to the question's scope, places
        and years."""
        # The table vouches for the indicator, not for the scope: places, years and documents are checked as usual.
        return [h for h in self._as_hits(q, chunk_ids, hits)
                if check_passage(q.info, h, self.search.glossary, 0.0, q.gate_scope).ok]

    def rows_answer(self, q: Query, hits: Sequence[Hit]) -> tuple[list[Hit], Draft] | None:
        """Figure questions across named documents or comparing two years of one, answered from the indicator
        table: each value cited to the passage that holds it, a difference computed only from two cited values
        (assistant/target_answers.py). None: answer from the passages as usual."""
        if not self.settings.indicator_rows or q.info.kind != "figure":
            return None
        named, partial = q.named_docs, False
        if not named and EVERY_PLACE.search(q.text):  # 各省…: every document that states the value
            named, partial = sorted(q.doc_ids or self.parts.labels.all()), True
        if not named:
            return None
        several = len(named) > 1 and (q.info.cross_doc or q.scope.several or partial)
        labels = self.parts.labels.of(named)
        own = {d: sorted(int(y) for y in label.years) for d, label in labels.items()}
        places = [place_key(p) for p in q.info.places]
        # documents in the order the question names them (江西和内蒙古: 江西 first)
        order = sorted(named, key=lambda d: next(
            (i for i, p in enumerate(places) if d in labels and labels[d].names_place(p)), len(places)))
        found = row_answer(self.index, q.standalone, order, own, self.parts.labels.names(), several, partial)
        if found is None:
            return None
        ids = list(dict.fromkeys(c.chunk_id for c in found.rows))
        evidence = self._row_hits(q, ids, hits)
        if len(evidence) != len(ids):
            return None
        number = {h.chunk_id: i for i, h in enumerate(evidence, 1)}
        text = "".join(piece + (f"[{number[c.chunk_id]}]" if c is not None else "")
                       for s in found.sentences for piece, c in s.pieces)
        return evidence, Draft(text, refused=False, used=list(number.values()))

    def _draft(self, q: Query, d: Decision) -> Iterator[AddableDict | tuple[Draft, str]]:
        """The backend's answer, streamed as {"piece"} events; ends with (draft, notice). A model server that
        fails gives the extractive answer instead."""
        draft, notice = Draft(REFUSAL, refused=True, reason=d.reason), ""
        if d.rows is not None:  # written from the table: the same for every backend
            for event in stream_by_sentence(d.rows):
                if isinstance(event, Piece):
                    yield AddableDict(piece=event.text)
            yield d.rows, ""
            return
        if d.evidence:
            try:
                for event in self.backend.stream(q.standalone, d.evidence):
                    if isinstance(event, Piece):
                        yield AddableDict(piece=event.text)
                    else:
                        draft = event
            except Exception as e:  # noqa: BLE001 - a model server down must not lose the question
                if self.backend.name == EXTRACTIVE:
                    raise
                draft = self.extractive.answer(q.standalone, d.evidence)
                notice = f"模型服务出错（{type(e).__name__}），已改为直接摘录文件原文。"
            if draft.refused and self.backend.name != EXTRACTIVE and not self.settings.llm_may_refuse:
                # Opt-in: the gate alone decides (it passed these passages), so a small model that will not
                # answer from them gives way to the quote rather than refusing on its own.
                quoted = self.extractive.answer(q.standalone, d.evidence)
                if not quoted.refused:
                    draft, notice = quoted, REFUSED_NOTICE
        yield draft, notice

    def _guard(self, q: Query, evidence: list[Hit], draft: Draft, notice: str
               ) -> tuple[Draft, Checked | None, str]:
        """Citation check; an LLM answer that fails it (low grounding, a figure not in its sources) gives way to
        the extractive answer."""
        checked = check_citations(draft.answer, evidence) if not draft.refused else None
        if checked is not None and self.backend.name != EXTRACTIVE and not notice and (
                checked.grounding < MIN_GROUNDING or any(f.kind == "figure_not_in_source" for f in checked.flags)):
            draft, notice = self.extractive.answer(q.standalone, evidence), FALLBACK_NOTICE
            checked = check_citations(draft.answer, evidence) if not draft.refused else None
        if draft.fallback and not notice:
            notice = FALLBACK_NOTICE
        return draft, checked, notice

    def _notes(self, hit: Hit) -> list[str]:
        """A cited passage's notes: only a passage with note markers reads its document's text."""
        return notes_for(hit.text, self.index.text(hit.doc_id)) if has_note_marker(hit.text) else []

    def _result(self, p: Prepared, contexts: list[Context], d: Decision, draft: Draft, checked: Checked | None,
                notice: str, answer_ms: float) -> AnswerResult:
        q, judgement = p.query, d.judgement
        answer, citations = renumber(checked.answer if checked else draft.answer, d.evidence, self._notes)
        total_ms = (time.perf_counter() - p.started) * 1000
        return AnswerResult(
            question=q.question, standalone_question=q.standalone if q.standalone != q.question else None,
            answer=answer, refused=draft.refused, citations=citations, contexts=contexts,
            grounding=round(checked.grounding, 4) if checked else None,
            flags=[Flag(kind=f.kind, sentence=f.sentence, detail=f.detail) for f in checked.flags] if checked else [],
            backend=self.backend.name, notice=notice, reason=draft.reason if draft.refused else "",
            answerability=None if judgement is None else {
                "probability": judgement.probability, "threshold": self.answerability.threshold
                if self.settings.refusal_threshold is None else self.settings.refusal_threshold,
                "features": {k: round(v, 4) for k, v in judgement.features.items()}},
            timings_ms=Timings(condense=p.condense_ms, retrieve=p.retrieve_ms, answer=answer_ms, total=total_ms),
        )

    def _answer_events(self, inputs: Iterator[Prepared]) -> Iterator[AddableDict]:
        p: Prepared | None = None
        for item in inputs:
            p = item
        assert p is not None
        q, hits = p.query, p.hits
        contexts = [Context(doc=h.name, section=h.section, text=h.text, score=round(h.score, 6)) for h in hits]
        yield AddableDict(standalone=q.standalone, contexts=contexts)
        t2 = time.perf_counter()
        decision = self._decide(q, hits)
        draft, notice = Draft(REFUSAL, refused=True, reason=decision.reason), ""
        for event in self._draft(q, decision):
            if isinstance(event, tuple):
                draft, notice = event
            else:
                yield event
        draft, checked, notice = self._guard(q, decision.evidence, draft, notice)
        answer_ms = (time.perf_counter() - t2) * 1000
        yield AddableDict(result=self._result(p, contexts, decision, draft, checked, notice, answer_ms))

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
