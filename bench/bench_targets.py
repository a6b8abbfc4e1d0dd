"""Indicator rows against the hand-labelled gold set (eval/targets_gold.jsonl). Ingest-free: each document
is loaded, cleaned and extracted here (no embedding, no store).

Prints row precision and recall (rows whose value lies in a labelled passage), precision and recall of
each field over matched rows, and value exactness over every row of every document (the value equals
the cleaned text at its offsets).

    python bench/bench_targets.py [--json] [--show-errors]
    python bench/bench_targets.py --build-gold     # eval/targets_gold_src/*.txt -> eval/targets_gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.clean import clean  # noqa: E402
from ingest.load import load  # noqa: E402
from ingest.sections import parse_sections  # noqa: E402
from ingest.targets import extract_targets, vocab  # noqa: E402

GOLD = REPO / "eval" / "targets_gold.jsonl"
GOLD_SRC = REPO / "eval" / "targets_gold_src"
ROOTS = [(REPO / ".." / "shared" / "corpus-dev").resolve(), (REPO / ".." / "shared" / "corpus").resolve()]
FIELDS = ("indicator", "unit", "qualifier", "year", "kind", "base_value", "base_year", "scope")


# --- gold ------------------------------------------------------------------------

def _number(s: str) -> tuple[float, float | None]:
    s = unicodedata.normalize("NFKC", s).replace(" ", "")
    if "-" in s[1:]:
        lo, hi = s.split("-", 1) if not s.startswith("-") else (s, None)
        return float(lo), float(hi)
    return float(s), None


def build_gold(src: Path = GOLD_SRC, out: Path = GOLD) -> int:
    """The labelling format (one block per passage) to JSONL: passage records and row records."""
    records, block = [], None
    for f in sorted(src.glob("*.txt")):
        for n, raw in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                parts = [p.strip() for p in line[1:].split("|")]
                doc, anchor, opts = parts[0], parts[1], dict(p.split("=", 1) for p in parts[2:])
                block = {"type": "passage", "doc": doc, "anchor": anchor, "end": opts.pop("end", ""),
                         "defaults": opts, "src": f"{f.name}:{n}"}
                records.append(block)
                continue
            parts = [p.strip() for p in line.split("|")]
            quote, value, unit, indicator = parts[0], parts[1], parts[2], parts[3]
            qualifier = parts[4] if len(parts) > 4 else ""
            opts = dict(block["defaults"])
            opts.update(dict(p.split("=", 1) for p in parts[5:] if "=" in p))
            lo, hi = _number(value)
            records.append({
                "type": "row", "doc": block["doc"], "anchor": block["anchor"], "quote": quote, "value": value,
                "number": lo, "number_high": hi, "unit": unit, "indicator": indicator, "qualifier": qualifier,
                "year": int(opts["year"]) if opts.get("year") else None, "period": opts.get("period", ""),
                "kind": opts.get("kind", ""), "base_value": opts.get("base", ""),
                "base_year": int(opts["base_year"]) if opts.get("base_year") else None,
                "scope": opts.get("scope", ""), "src": f"{f.name}:{n}"})
    for r in records:
        if r["type"] == "passage":
            r.pop("defaults")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return sum(r["type"] == "row" for r in records)


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- documents -------------------------------------------------------------------

def find_doc(name: str) -> Path:
    for root in ROOTS:
        if (root / name).exists():
            return root / name
    raise FileNotFoundError(name)


def document(name: str):
    loaded = load(find_doc(name))
    text = clean(loaded.text, join_wraps=True if loaded.fmt == "pdf" else None).text
    return text, parse_sections(text)


def passage_span(text: str, anchor: str, end: str = "") -> tuple[int, int]:
    i = text.find(anchor)
    if i < 0:
        raise ValueError(f"passage anchor not in the cleaned text: {anchor!r}")
    s = text.rfind("\n", 0, i) + 1
    j = text.find(end, i) if end else i
    if end and j < 0:
        raise ValueError(f"passage end not in the cleaned text: {end!r}")
    e = text.find("\n", j + len(end))
    return s, len(text) if e < 0 else e


# --- scoring ---------------------------------------------------------------------

def _norm_unit(u: str) -> str:
    return unicodedata.normalize("NFKC", u or "")


def _quals(q: str) -> frozenset[str]:
    v = vocab()
    words, out = sorted(v.pre + v.post, key=len, reverse=True), set()
    rest = q or ""
    while rest:
        w = next((w for w in words if rest.startswith(w)), None)
        out.add(w or rest[0])
        rest = rest[len(w) if w else 1:]
    return frozenset(out)


def _base_num(s: str):
    import re

    m = re.match(r"[0-9０-９][0-9０-９ .．,，]*", s or "")
    if not m:
        return None
    try:
        return _number(m.group(0).replace(",", "").replace("，", "").strip())[0]
    except ValueError:
        return None


def field_value(d: dict, f: str):
    v = d.get(f)
    if f == "unit":
        return _norm_unit(v) or None
    if f == "qualifier":
        return _quals(v) or None
    if f == "base_value":
        return _base_num(v)
    if f == "indicator":  # quotes and spaces are not part of a name
        return "".join(ch for ch in v if ch not in "“”\"‘’ 　") or None
    return v if v not in ("", None) else None


def score(show_errors: bool = False) -> dict:
    gold = load_gold()
    by_doc: dict[str, list[dict]] = {}
    for r in gold:
        by_doc.setdefault(r["doc"], []).append(r)
    tp = fp = fn = 0
    exact_ok = exact_all = 0
    fields = {f: {"correct": 0, "pred": 0, "gold": 0} for f in FIELDS}
    errors, per_doc, t0 = [], {}, time.perf_counter()
    for doc, recs in sorted(by_doc.items()):
        text, sections = document(doc)
        rows = extract_targets(text, sections)
        for r in rows:
            exact_all += 1
            exact_ok += text[r.value_start:r.value_end] == r.value
        spans, golds = [], []
        for rec in recs:
            if rec["type"] == "passage":
                spans.append(passage_span(text, rec["anchor"], rec.get("end", "")))
        for rec in recs:
            if rec["type"] != "row":
                continue
            ps = passage_span(text, rec["anchor"], next((p.get("end", "") for p in recs if p["type"] == "passage"
                                                        and p["anchor"] == rec["anchor"]), ""))
            q = text.find(rec["quote"], ps[0], ps[1])
            if q < 0:
                raise ValueError(f"{rec['src']}: quote not in its passage: {rec['quote']!r}")
            golds.append((q, q + len(rec["quote"]), rec))
        in_passages = [r for r in rows if any(s <= r.value_start < e for s, e in spans)]
        used: set[int] = set()
        d_tp = 0
        for r in in_passages:
            hit = next((k for k, (qs, qe, g) in enumerate(golds) if k not in used and qs <= r.value_start < qe
                        and abs(g["number"] - r.number) < 1e-9
                        and (g["number_high"] is None) == (r.number_high is None)), None)
            if hit is None:
                fp += 1
                errors.append(("FP", doc, r.value + r.unit, r.indicator, text[max(r.sentence_start, r.value_start - 20):r.value_end + 4]))
                continue
            used.add(hit)
            tp += 1
            d_tp += 1
            g, rd = golds[hit][2], r.to_dict()
            for f in FIELDS:
                gv, pv = field_value(g, f), field_value(rd, f)
                if gv is not None:
                    fields[f]["gold"] += 1
                if pv is not None and (gv is not None or f not in ("year", "base_year")):
                    fields[f]["pred"] += 1  # year is only scored where the gold states one
                if gv is not None and pv == gv:
                    fields[f]["correct"] += 1
                elif show_errors and (gv is not None or pv is not None) and not (gv is None and f in ("year", "base_year")):
                    errors.append((f, doc, r.value + r.unit, f"gold={gv} got={pv}", g["quote"]))
        for k, (_qs, _qe, g) in enumerate(golds):
            if k not in used:
                fn += 1
                errors.append(("FN", doc, g["value"] + g["unit"], g["indicator"], g["quote"]))
        per_doc[doc] = {"gold": len(golds), "matched": d_tp, "extracted_in_passages": len(in_passages), "rows_total": len(rows)}
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    out = {
        "documents": len(by_doc), "gold_rows": tp + fn, "extracted_in_passages": tp + fp, "matched": tp,
        "row_precision": round(P, 4), "row_recall": round(R, 4),
        "value_exactness": round(exact_ok / exact_all, 4) if exact_all else 1.0, "rows_checked_for_exactness": exact_all,
        "fields": {f: {"precision": round(c["correct"] / c["pred"], 4) if c["pred"] else None,
                       "recall": round(c["correct"] / c["gold"], 4) if c["gold"] else None,
                       "scored_gold": c["gold"]} for f, c in fields.items()},
        "per_document": per_doc, "seconds": round(time.perf_counter() - t0, 2),
    }
    return out, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-errors", action="store_true", help="print every miss, false row and wrong field")
    ap.add_argument("--build-gold", action="store_true", help="rebuild eval/targets_gold.jsonl from eval/targets_gold_src/")
    a = ap.parse_args()
    if a.build_gold:
        print(f"{build_gold()} gold rows -> {GOLD}")
        return
    out, errors = score(a.show_errors)
    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"documents {out['documents']}, gold rows {out['gold_rows']}, extracted in labelled passages "
              f"{out['extracted_in_passages']}, matched {out['matched']}  ({out['seconds']} s)")
        print(f"row precision {out['row_precision']:.3f}  recall {out['row_recall']:.3f}  "
              f"value exactness {out['value_exactness']:.3f} over {out['rows_checked_for_exactness']} rows")
        print(f"{'field':<12}{'precision':>10}{'recall':>10}{'gold':>6}")
        for f, m in out["fields"].items():
            p = "-" if m["precision"] is None else f"{m['precision']:.3f}"
            r = "-" if m["recall"] is None else f"{m['recall']:.3f}"
            print(f"{f:<12}{p:>10}{r:>10}{m['scored_gold']:>6}")
    if a.show_errors:
        for e in errors:
            print(" | ".join(str(x) for x in e), file=sys.stderr)


if __name__ == "__main__":
    main()
