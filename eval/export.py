"""A run as a RAGAS-ready dataset: question, answer, contexts, ground_truth (JSONL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from eval.runner import CaseResult


def ragas_rows(cases: Sequence[CaseResult]) -> list[dict]:
    rows = []
    for c in cases:
        if c.error:
            continue
        rows.append({
            "question": c.question,
            "answer": c.answer,
            # the passages the answer was written from: cited ones first, then the rest retrieved
            "contexts": [x["text"] for x in c.citations] + [x["text"] for x in c.contexts
                                                              if x["text"] not in {y["text"] for y in c.citations}],
            "ground_truth": c.reference_answer if c.answerable else "文件中没有相关信息。",
            "id": c.id,
        })
    return rows


def write_ragas(cases: Sequence[CaseResult], path: Path) -> int:
    rows = ragas_rows(cases)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)
