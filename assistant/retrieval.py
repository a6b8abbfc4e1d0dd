"""Hybrid retrieval: glossary expansion → dense + BM25 (+ section references) → weighted RRF →
near-duplicate removal → rerank → optional neighbour merge. A langchain BaseRetriever."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.glossary import Expanded, Glossary, normalise_query
from assistant.question import SECTION_SEP
from assistant.references import heading_prefixes, is_last, matches, ordinal, within
from assistant.rerank import LearnedReranker, Reranker, best_sentence
from ingest.zh import bigrams
from ingest.zh import HEADING_REF
from vectordb.fusion import RRF_K, rrf
from vectordb.index import Hit, Index
from vectordb.lexical import tokenize


@dataclass(frozen=True)
class RetrievalConfig:
    candidates: int = 30  # per retriever, before fusion
    rerank_candidates: int = 30  # fused passages the reranker sees
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    section_weight: float = 2.0  # chunks under a 第X篇/章 the question names
    expansion_weight: float = 1.0  # BM25 over the glossary terms the question did not use, as its own list
    rrf_k: int = RRF_K
    use_dense: bool = True
    use_lexical: bool = True
    expand: bool = True
    dedupe: float = 0.85  # bigram Jaccard above which a lower passage is a near duplicate
    neighbours: bool = False  # merge the adjacent chunk of the same section when the best sentence sits at an edge


def section_refs(question: str) -> list[str]:
    return HEADING_REF.findall(question)


def drop_near_duplicates(hits: Sequence[Hit], threshold: float) -> list[Hit]:
    kept: list[tuple[Hit, set[str]]] = []
    for h in hits:
        x = bigrams(h.text)
        if all(not (x and y) or len(x & y) / len(x | y) < threshold for _, y in kept):
            kept.append((h, x))
    return [h for h, _ in kept]


class HybridSearch:
    """The retrieval pipeline over one Index; thread-safe for reading."""

    def __init__(self, index: Index, config: RetrievalConfig = RetrievalConfig(),
                 glossary: Glossary | None = None, reranker: Reranker | None = None):
        self.index = index
        self.config = config
        self.glossary = glossary or Glossary.load()
        self.reranker = reranker or LearnedReranker(self.glossary)

    def expand(self, question: str) -> Expanded:
        return self.glossary.expand(question) if self.config.expand else Expanded(normalise_query(question))

    def _section_ids(self, question: str, allow: set[str] | None) -> list[str]:
        refs = section_refs(question)
        ids = self.index.under_headings(refs, self.config.candidates, allow) if refs else []
        parts = heading_prefixes(question)
        if parts:
            ids += [i for i in self._under_parts(parts, allow) if i not in set(ids)]
        return ids[: self.config.candidates]

    def _under_parts(self, parts: list[tuple[str, ...]], allow: set[str] | None) -> list[str]:
        """Chunks under a heading that a part reference names (第三部分, 第（八）项, 附件2…), in reading order."""
        t = self.index.live()
        out = []
        last = [p for p in parts if is_last(p)]
        fixed = [p for p in parts if not is_last(p)]
        for ids in t.by_doc.values():
            under: list[tuple[str, str]] = []  # (chunk id, the heading that matched)
            for cid in ids:
                if allow is not None and cid not in allow:
                    continue
                path = t.rows[cid].section.split(SECTION_SEP)
                if last and fixed:  # 第七篇最后一章: the last chapter under the part named
                    if not within(path, fixed):
                        continue
                    hit = next((e for e in path if matches(e, last[0])), None)
                else:
                    hit = next((e for p in parts for e in path if matches(e, p)), None)
                if hit is not None:
                    under.append((cid, hit))
            if last and under:  # 最后一部分: only the document's last heading of that kind
                final = max((e for _, e in under), key=ordinal)
                under = [(cid, e) for cid, e in under if e == final]
            out += [cid for cid, _ in under]
            if len(out) >= self.config.candidates:
                return out[: self.config.candidates]
        return out

    def _candidates(self, ex: Expanded, doc_ids: Sequence[str] | None, section_prefix: str | None) -> list[Hit]:
        cfg = self.config
        allow = self.index.select(doc_ids, section_prefix)
        qvec = self.index.embedder.embed_queries([ex.text])[0]
        lists: list[tuple[float, list[str]]] = []
        dense: list[tuple[str, float]] = []
        if cfg.use_dense:
            dense = self.index.dense(qvec, cfg.candidates, allow)
            lists.append((cfg.dense_weight, [i for i, _ in dense]))
        if cfg.use_lexical:
            tokens = tokenize(ex.text)
            lists.append((cfg.lexical_weight, [i for i, _ in self.index.lexical(tokens, cfg.candidates, allow)]))
            if ex.added:  # synonyms rank on their own, so they add recall without drowning the question's terms
                extra = tokens + [t for term in ex.added for t in tokenize(term)]
                lists.append((cfg.expansion_weight, [i for i, _ in self.index.lexical(extra, cfg.candidates, allow)]))
        section = self._section_ids(ex.text, allow)
        if section:
            lists.append((cfg.section_weight, section))
        return self.index.hits(rrf(lists, cfg.rrf_k)[: cfg.rerank_candidates], dict(dense), qvec)

    def shortlist(self, question: str, doc_ids: Sequence[str] | None = None,
                  section_prefix: str | None = None) -> tuple[str, list[Hit]]:
        """The expanded question and the fused candidates the reranker sees, near duplicates removed."""
        ex = self.expand(question)
        hits = self._candidates(ex, doc_ids, section_prefix)
        if self.config.dedupe < 1.0:
            hits = drop_near_duplicates(hits, self.config.dedupe)
        return ex.text, hits

    def retrieve(self, question: str, k: int = 5, doc_ids: Sequence[str] | None = None,
                 section_prefix: str | None = None) -> list[Hit]:
        self.index.warm()  # a new process: the model loads while `pinned` reads the live snapshot
        with self.index.pinned():
            text, hits = self.shortlist(question, doc_ids, section_prefix)
            hits = self.reranker.rerank(text, hits, k)
            if self.config.neighbours:
                hits = [self._with_neighbour(question, h) for h in hits]
        return hits

    def _with_neighbour(self, question: str, hit: Hit) -> Hit:
        """Merge the adjacent chunk of the same section when the best sentence touches the chunk's edge."""
        _, s, e = best_sentence(question, hit.text)
        before, after = self.index.neighbours(hit.chunk_id)
        rows = self.index.live().rows
        pick = before if s == 0 and before else after if e >= len(hit.text.rstrip()) and after else None
        if pick is None or rows[pick].section != hit.section:
            return hit
        text = self.index.text(hit.doc_id)
        start, end = min(hit.start, rows[pick].start), max(hit.end, rows[pick].end)
        if text is None:
            return hit
        return replace(hit, start=start, end=end, text=text[start:end])


def to_document(hit: Hit) -> Document:
    return Document(page_content=hit.text, metadata={
        "doc": hit.name, "doc_id": hit.doc_id, "title": hit.title, "section": hit.section, "chunk": hit.index,
        "start": hit.start, "end": hit.end, "score": hit.score, "similarity": hit.dense,
    })


class PlanqaRetriever(BaseRetriever):
    """Drop-in langchain retriever: `PlanqaRetriever(search=HybridSearch(index), k=5).invoke("…")`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    search: Any
    k: int = 5
    doc_ids: list[str] | None = None
    section_prefix: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(h) for h in self.search.retrieve(query, self.k, self.doc_ids, self.section_prefix)]
