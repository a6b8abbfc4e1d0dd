"""Retrieval benchmark: this product, its ablations, and a naive baseline, on an eval suite.

    python bench/bench_retrieval.py [--suite eval/suites/planning_corpus.jsonl] [--corpus ../shared/corpus]
                                    [--home DIR] [--k 5] [--out FILE.md]

Baseline: langchain RecursiveCharacterTextSplitter (500 characters, 50 overlap) over the loaded text,
the same embedding model, dense top-k only. Every row runs in this one process on the same questions
(answerable cases with gold quotes); a quote counts as found by the eval harness's rule (eval/match.py).
Latency is warm, per question, retrieval only.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from common import open_corpus_index, parser, show_table


def baseline(index, corpus: Path):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from eval.metrics import Passage
    from ingest.load import SUPPORTED_SUFFIXES, load

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    passages = []
    for f in sorted(corpus.iterdir()):
        if f.suffix.lower() in SUPPORTED_SUFFIXES:
            passages += [Passage(f.name, t) for t in splitter.split_text(load(f).text)]
    vecs = index.embedder.embed_passages([p.text for p in passages])

    def search(question: str, k: int) -> list[Passage]:
        q = index.embedder.embed_queries([question])[0]
        return [passages[i] for i in np.argsort(-(vecs @ q))[:k]]

    return search, len(passages)


def evaluate(search, cases, k: int) -> dict[str, float]:
    from eval.metrics import evidence_ranks, percentile, retrieval_scores

    rows, times = [], []
    for c in cases:
        t0 = time.perf_counter()
        ranked = search(c.question, 10)
        times.append((time.perf_counter() - t0) * 1000)
        rows.append(retrieval_scores(evidence_ranks([(e.doc, e.quote) for e in c.evidence], ranked), k))
    out = {key: sum(r[key] for r in rows) / len(rows) for key in rows[0]}
    out["p50_ms"], out["p95_ms"] = percentile(times, 50), percentile(times, 95)
    return out


def main() -> None:
    args = parser(__doc__).parse_args()
    s, index, tmp = open_corpus_index(args)
    from assistant.glossary import Glossary
    from assistant.rerank import LearnedReranker, NoReranker, RerankWeights, SentenceReranker
    from assistant.retrieval import HybridSearch, RetrievalConfig
    from eval.metrics import Passage
    from eval.suite import load_suite

    cases = [c for c in load_suite(args.suite) if c.answerable and c.evidence]
    k = args.k
    glossary = Glossary.load()

    base_search, n_base = baseline(index, args.corpus)
    plain = RetrievalConfig(expand=False, section_weight=0.0)
    earlier = RetrievalConfig(lexical_weight=3.0, rerank_candidates=20)  # the fusion the blend was fitted with
    learned = LearnedReranker(glossary)
    variants = [
        ("dense only", replace(plain, use_lexical=False), NoReranker()),
        ("BM25 only", replace(plain, use_dense=False), NoReranker()),
        ("fusion (dense + BM25)", plain, NoReranker()),
        ("+ section references", replace(plain, section_weight=2.0), NoReranker()),
        ("+ glossary expansion", replace(plain, section_weight=2.0, expand=True), NoReranker()),
        ("+ best-sentence rerank (an earlier default's signal)", RetrievalConfig(),
         SentenceReranker(RerankWeights(fused=0.3, dense=0.0, passage=0.0, sentence=1.0, heading=0.0))),
        ("+ blend rerank (hand-fitted, the earlier default)", earlier, SentenceReranker()),
        ("+ learned rerank (fitted on dev) = PlanQA", RetrievalConfig(), learned),
        ("BM25 only + learned rerank", replace(RetrievalConfig(), use_dense=False), learned),
        ("PlanQA + neighbour merge", RetrievalConfig(neighbours=True), learned),
        ("PlanQA without expansion", RetrievalConfig(expand=False), learned),
    ]
    index.embedder.embed_queries(["预热"])
    results = [(f"baseline: 500-char splitter, dense top-k ({n_base} chunks)", evaluate(base_search, cases, k))]
    for name, cfg, rr in variants:
        hs = HybridSearch(index, cfg, glossary, rr)
        hs.retrieve("预热", 1)
        results.append((name, evaluate(lambda q, n, hs=hs: [Passage(h.name, h.text) for h in hs.retrieve(q, n)], cases, k)))

    base = results[0][1]
    cols = ["hit@1", f"hit@{k}", f"recall@{k}", "mrr@10"]
    header = ["variant", *cols, f"hit@{k} ×base", "MRR ×base", "p50 ms", "p95 ms"]
    rows = []
    for name, r in results:
        rows.append([name] + [f"{r[c]:.3f}" for c in cols] + [
            f"{r[f'hit@{k}'] / base[f'hit@{k}']:.2f}" if base[f"hit@{k}"] else "–",
            f"{r['mrr@10'] / base['mrr@10']:.2f}" if base["mrr@10"] else "–", f"{r['p50_ms']:.0f}", f"{r['p95_ms']:.0f}"])
    show_table(f"retrieval on {args.suite.name}: {len(cases)} answerable questions, {index.count()} PlanQA chunks",
               header, rows, args.out)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
