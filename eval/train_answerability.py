"""Learn the answerability judgement on development suites and write the artefact the assistant loads.

    python -m eval.train_answerability eval/suites/dev.jsonl [more.jsonl …] [--out assistant/data/answerability.json]

Examples: every case as asked (label 1 when it is answerable and a retrieved passage holds a gold quote, 0 when it is
unanswerable; answerable cases whose evidence was not retrieved are left out of the fit, since no judgement could make
their answer right), plus every answerable case asked again with its source documents filtered out (label 0: the
negatives-only setting). A logistic regression is fitted on standardised features; the refusal threshold is chosen
on out-of-fold probabilities (folds by document) for the best refusal F1 with refusal precision ≥ --precision.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

from assistant.answerability import FEATURES, AnswerabilityModel
from eval.match import quote_in
from eval.suite import load_suite


def collect(assistant, cases, k: int, progress=print, sink: Path | None = None, neg_every: int = 1) -> list[dict]:
    """Feature rows: {"id", "doc", "label", "real", "answerable", "features"}; appended to `sink` as they come,
    and cases already there are not measured again (a long run can be resumed)."""
    docs = {r.name: r.doc_id for r in assistant.index.documents()}
    rows = []
    if sink is not None and sink.is_file():
        rows = [json.loads(x) for x in sink.read_text(encoding="utf-8").splitlines() if x.strip()]
    done = {r["id"] for r in rows}
    out = sink.open("a", encoding="utf-8") if sink is not None else None
    for n, case in enumerate(cases, 1):
        if case.id in done:
            continue
        first = len(rows)
        ev_docs = sorted({e.doc for e in case.evidence})
        group = ev_docs[0] if ev_docs else next((t for t in case.tags[1:] if t not in ("paraphrase",)), case.id)
        hits = assistant.gather(case.question, k)
        judgement, passages, _ = assistant.assess(case.question, hits)
        held = any(p.name == e.doc and quote_in(e.quote, p.text) for p in passages for e in case.evidence)
        rows.append({"id": case.id, "doc": group, "answerable": case.answerable, "real": True,
                     "label": (1 if held else None) if case.answerable else 0, "features": judgement.features})
        if case.answerable and ev_docs and all(d in docs for d in ev_docs) and n % neg_every == 0:
            keep = [i for name, i in docs.items() if name not in ev_docs]
            hits = assistant.gather(case.question, k, keep)
            judgement, _, _ = assistant.assess(case.question, hits, keep)
            rows.append({"id": case.id + "/neg", "doc": group, "answerable": False, "real": False, "label": 0,
                         "features": judgement.features})
        if out is not None:
            out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[first:]))
            out.flush()
        if n % 25 == 0:
            progress(f"{n}/{len(cases)} cases")
    return rows


def refusal_f1(y_answerable: np.ndarray, refused: np.ndarray) -> tuple[float, float, float]:
    should = ~y_answerable
    tp = int((refused & should).sum())
    p = tp / refused.sum() if refused.sum() else 0.0
    r = tp / should.sum() if should.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_threshold(prob: np.ndarray, answerable: np.ndarray, forced: np.ndarray, neg_prob: np.ndarray,
                     neg_forced: np.ndarray, min_precision: float) -> tuple[float, dict]:
    """Best refusal F1 with precision ≥ min_precision (ties: more negatives refused); `forced` marks cases the
    extractive answer refuses anyway (no sentence of the asked type)."""
    best = None
    for t in np.round(np.arange(0.05, 0.951, 0.01), 2):
        refused = (prob < t) | forced
        p, r, f1 = refusal_f1(answerable, refused)
        neg = float(((neg_prob < t) | neg_forced).mean()) if len(neg_prob) else 0.0
        ok = p >= min_precision
        key = (ok, f1 + 0.25 * neg if ok else p)
        if best is None or key > best[0]:
            best = (key, float(t), {"refusal_precision": round(p, 3), "refusal_recall": round(r, 3),
                                    "refusal_f1": round(f1, 3), "negatives_refused": round(neg, 3)})
    return best[1], best[2]


def fit(rows: list[dict], min_precision: float, folds: int = 5, c: float = 1.0) -> AnswerabilityModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    X = np.array([[r["features"][n] for n in FEATURES] for r in rows], dtype=float)
    label = np.array([-1 if r["label"] is None else r["label"] for r in rows])
    groups = np.array([r["doc"] for r in rows])
    train = label >= 0

    def model_for(idx: np.ndarray):
        scaler = StandardScaler().fit(X[idx])
        lr = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(scaler.transform(X[idx]), label[idx])
        return scaler, lr

    oof = np.zeros(len(rows))
    n_groups = len(set(groups))
    for tr, te in GroupKFold(n_splits=min(folds, n_groups)).split(X, label, groups):
        tr = tr[train[tr]]
        scaler, lr = model_for(tr)
        oof[te] = lr.predict_proba(scaler.transform(X[te]))[:, 1]
    # the extractive answer refuses anyway when no sentence of the asked type is there
    forced = (X[:, FEATURES.index("has_passing")] == 0) & (X[:, FEATURES.index("has_typed")] == 0)
    real = np.array([r["real"] for r in rows])
    answerable = np.array([r["answerable"] for r in rows])
    threshold, scores = choose_threshold(oof[real], answerable[real], forced[real], oof[~real], forced[~real],
                                         min_precision)
    scaler, lr = model_for(np.flatnonzero(train))
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return AnswerabilityModel(FEATURES, tuple(scaler.mean_.round(6)), tuple(scale.round(6)),
                              tuple(lr.coef_[0].round(6)), float(lr.intercept_[0].round(6)),
                              {"out_of_fold": scores, "examples": int(train.sum()), "real_cases": int(real.sum()),
                               "negatives": int((~real).sum()), "left_out": int((~train).sum()),
                               "min_refusal_precision": min_precision}, threshold=threshold)


def suite_hashes(paths: list[Path]) -> dict[str, str]:
    """What a model was trained on, for its artefact's meta."""
    return {str(s): hashlib.sha256(s.read_bytes()).hexdigest()[:16] for s in paths}


def print_weights(names, coef) -> None:
    for name, w in sorted(zip(names, coef), key=lambda t: -abs(t[1])):
        print(f"  {name:20s} {w:+.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("assistant/data/answerability.json"))
    ap.add_argument("--rows", type=Path, help="feature rows (JSONL): appended as measured; a rerun resumes")
    ap.add_argument("--neg-every", type=int, default=1, help="negatives-only variant of every N-th answerable case")
    ap.add_argument("--reuse", action="store_true", help="fit on the rows file as it is, measuring nothing")
    ap.add_argument("--k", type=int, default=None)
    ap.add_argument("--precision", type=float, default=0.90, help="refusal precision the threshold must reach")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    if args.rows and args.rows.is_file() and args.reuse:
        rows = [json.loads(line) for line in args.rows.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        from assistant.chain import Assistant
        from assistant.builder import open_index
        from assistant.settings import Settings

        settings = Settings(answerability="model")
        index = open_index(settings)
        assistant = Assistant(settings, index, answerability=AnswerabilityModel.neutral())
        cases = [c for s in args.suites for c in load_suite(s)]
        rows = collect(assistant, cases, args.k or settings.top_k, progress=lambda m: print(m, file=sys.stderr, flush=True),
                       sink=args.rows, neg_every=args.neg_every)
    model = fit(rows, args.precision, c=args.c)
    model.meta.update({
        "trained": date.today().isoformat(),
        "suites": suite_hashes(args.suites),
    })
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.meta, ensure_ascii=False, indent=1))
    print_weights(model.names, model.coef)
    print(f"threshold {model.threshold}  → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
