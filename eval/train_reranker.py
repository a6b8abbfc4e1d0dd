"""Learn the reranker on development suites and write the artefact the assistant loads.

    PLANQA_HOME=<a knowledge base holding the suites' documents> \\
    python -m eval.train_reranker eval/suites/dev.jsonl [more.jsonl …] [--out assistant/data/reranker.json]

Each answerable case with gold evidence gives one group per document it is answered from: the fused candidates the
reranker sees for the question (within that document when the question names several, as the chain retrieves
them), labelled 1 when the passage holds a gold quote. A logistic regression over `candidate_features` is fitted on
standardised features. Before the final fit, folds by document measure what it ranks on documents it was not
trained on, beside the hand-weighted `sentence` reranker over the same candidates (hit@5, MRR@10).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.linear import Linear
from assistant.rerank import RERANK_FEATURES, RERANKER_FORMAT, SentenceReranker, candidate_features
from eval.match import quote_in
from eval.train_answerability import print_weights, suite_hashes
from eval.suite import load_suite


def collect(assistant, cases, progress: Callable[[str], None] = print) -> list[dict]:
    """Groups {"id", "doc", "features": [[…]], "labels": [0/1], "sentence": [hand score]} (fused order)."""
    search = assistant.search
    names = {r.doc_id: r.name for r in assistant.index.documents()}
    hand = SentenceReranker()
    groups = []
    for n, case in enumerate(cases, 1):
        if not case.answerable or not case.evidence:
            continue
        q = assistant.query(case.question)
        docs = q.named_docs
        per_doc = (q.info.cross_doc or q.scope.several) and len(docs) > 1
        for doc in (docs if per_doc else [None]):
            if doc is not None and not any(e.doc == names.get(doc) for e in case.evidence):
                continue
            text, hits = search.shortlist(q.standalone, [doc] if doc else (docs or q.doc_ids), q.section_prefix)
            if not hits:
                continue
            labels = [int(any(h.name == e.doc and quote_in(e.quote, h.text) for e in case.evidence)) for h in hits]
            feats = candidate_features(text, hits, search.glossary)
            ranked = hand.rerank(text, hits, len(hits))
            order = {h.chunk_id: s for s, h in zip(range(len(ranked), 0, -1), ranked)}
            groups.append({"id": case.id, "doc": names.get(doc) or case.evidence[0].doc, "labels": labels,
                           "features": [[f[k] for k in RERANK_FEATURES] for f in feats],
                           "sentence": [float(order[h.chunk_id]) for h in hits]})
        if n % 50 == 0:
            progress(f"{n}/{len(cases)} cases")
    return groups


def ranking(groups: list[dict], scores: list[np.ndarray], k: int = 5) -> dict[str, float]:
    """hit@k and MRR@10 of the gold passages when each group is ordered by its scores (groups with a gold
    candidate only: the others no reranker can fix)."""
    hit = mrr = n = 0
    for g, s in zip(groups, scores):
        labels = np.array(g["labels"])
        if not labels.any():
            continue
        n += 1
        order = np.argsort(-np.asarray(s), kind="stable")
        first = int(np.flatnonzero(labels[order])[0]) + 1
        hit += first <= k
        mrr += 1.0 / first if first <= 10 else 0.0
    return {"groups": n, f"hit@{k}": round(hit / n, 3) if n else 0.0, "mrr@10": round(mrr / n, 3) if n else 0.0}


def _fit(groups: list[dict], c: float) -> Linear:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    X = np.array([row for g in groups for row in g["features"]], dtype=float)
    y = np.array([v for g in groups for v in g["labels"]])
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs candidates that hold a gold quote and candidates that do not")
    scaler = StandardScaler().fit(X)
    lr = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(scaler.transform(X), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return Linear(RERANK_FEATURES, tuple(scaler.mean_.round(6)), tuple(scale.round(6)), tuple(lr.coef_[0].round(6)),
                  float(lr.intercept_[0].round(6)), {"examples": int(len(y)), "positives": int(y.sum())})


def _score(model: Linear, g: dict) -> np.ndarray:
    return np.array([model.z(dict(zip(RERANK_FEATURES, row))) for row in g["features"]])


def fit(groups: list[dict], folds: int = 5, c: float = 0.1) -> Linear:
    """The model fitted on all groups; its meta holds the out-of-fold comparison (folds by document)."""
    docs = sorted({g["doc"] for g in groups})
    fold = {d: i % folds for i, d in enumerate(docs)}
    oof: list[np.ndarray | None] = [None] * len(groups)
    for f in range(min(folds, len(docs))):
        train = [g for g in groups if fold[g["doc"]] != f]
        model = _fit(train, c)
        for i, g in enumerate(groups):
            if fold[g["doc"]] == f:
                oof[i] = _score(model, g)
    model = _fit(groups, c)
    model.meta.update({"c": c, "folds_by_document": min(folds, len(docs)), "documents": len(docs),
                       "out_of_fold": {"learned": ranking(groups, oof),
                                       "sentence": ranking(groups, [g["sentence"] for g in groups]),
                                       "fused": ranking(groups, [-np.arange(len(g["labels"])) for g in groups])}})
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("assistant/data/reranker.json"))
    ap.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    from assistant.builder import open_index
    from assistant.chain import Assistant
    from assistant.settings import Settings

    settings = Settings(reranker="sentence")  # the shortlist does not depend on it; the artefact may not exist yet
    assistant = Assistant(settings, open_index(settings))
    cases = [c for s in args.suites for c in load_suite(s)]
    groups = collect(assistant, cases, progress=lambda m: print(m, file=sys.stderr, flush=True))
    model = fit(groups, args.folds, args.c)
    model.meta.update({
        "trained": date.today().isoformat(),
        "suites": suite_hashes(args.suites),
        "candidates": settings.candidates, "rerank_candidates": settings.rerank_candidates,
    })
    args.out.write_text(json.dumps(model.to_json(RERANKER_FORMAT), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    print(f"{'ranking (out of fold, by document)':36s} {'hit@5':>6s} {'mrr@10':>7s}")
    for name, r in model.meta["out_of_fold"].items():
        print(f"{name:36s} {r['hit@5']:6.3f} {r['mrr@10']:7.3f}")
    print_weights(model.names, model.coef)
    print(f"→ {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
