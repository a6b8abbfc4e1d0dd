"""Evaluation suites: JSONL, one case per line, and the check that every gold quote is real."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel, Field, ValidationError, model_validator

from eval.match import normalise
from ingest.documents import clean_loaded
from ingest.load import LoadError, Loaded, load


class Evidence(BaseModel):
    doc: str = Field(min_length=1, description="file name of the document")
    quote: str = Field(min_length=2, description="exact text from that document")


class Case(BaseModel):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    reference_answer: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    answerable: bool = True
    tags: list[str] = Field(default_factory=list)
    left_out: list[str] = Field(default_factory=list, description="documents filtered out when it is asked "
                                "(negatives-only cases)")

    @model_validator(mode="after")
    def _evidence_for_answerable(self) -> "Case":
        if self.answerable and not self.evidence and not self.reference_answer:
            raise ValueError("an answerable case needs evidence or a reference_answer")
        return self


class SuiteError(ValueError):
    """A suite file that cannot be used, with every bad line named."""


def load_suite(path: Path) -> list[Case]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise SuiteError(f"cannot read suite {path}: {e}") from e
    cases, problems, seen = [], [], set()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            case = Case.model_validate(json.loads(line))
        except (ValueError, ValidationError) as e:
            problems.append(f"line {n}: {str(e).splitlines()[0] if isinstance(e, json.JSONDecodeError) else e}")
            continue
        if case.id in seen:
            problems.append(f"line {n}: duplicate id {case.id!r}")
            continue
        seen.add(case.id)
        cases.append(case)
    if problems:
        raise SuiteError(f"{path}: {len(problems)} bad line(s)\n" + "\n".join(problems))
    if not cases:
        raise SuiteError(f"{path}: no cases")
    return cases


def validate_quotes(cases: list[Case], corpus: Path | Sequence[Path]) -> list[str]:
    """Problems with gold quotes: a missing document or a quote not in it (after normalisation), as loaded or as
    cleaned (the text the product searches: a markdown export's **bold** marks are gone from it; a document is
    cleaned only when a quote is not in its loaded text).
    `corpus` is one folder or several (a document is looked up in each, in order)."""
    folders = [Path(corpus)] if isinstance(corpus, (str, Path)) else [Path(c) for c in corpus]
    loads: dict[str, Loaded | None] = {}
    texts: dict[str, list[str]] = {}  # normalised: as loaded, then as cleaned once asked for
    problems = []
    for case in cases:
        for ev in case.evidence:
            if ev.doc not in loads:
                loads[ev.doc] = None
                for folder in folders:
                    if (folder / ev.doc).is_file():
                        try:
                            loads[ev.doc] = load(folder / ev.doc)
                            texts[ev.doc] = [normalise(loads[ev.doc].text)]
                        except (LoadError, OSError):
                            pass
                        break
            loaded, quote = loads[ev.doc], normalise(ev.quote)
            if loaded is None:
                problems.append(f"{case.id}: document {ev.doc} not found in {', '.join(map(str, folders))}")
                continue
            if quote not in texts[ev.doc][0] and len(texts[ev.doc]) == 1:
                texts[ev.doc].append(normalise(clean_loaded(loaded).text))
            if not any(quote in t for t in texts[ev.doc]):
                problems.append(f"{case.id}: quote not in {ev.doc}: {ev.quote}")
    return problems
