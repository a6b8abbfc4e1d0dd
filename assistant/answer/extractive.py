"""The default backend: no LLM, answers by quoting the passages' best sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from assistant.answer import REFUSAL, Draft
from assistant.textnorm import bigrams, tidy_figures
from ingest.chunk import sentence_spans
from vectordb.embeddings import Embedder
from vectordb.index import Hit

_NUMERIC_Q = re.compile(r"多少|几[个项家所座条年]|比[例重率]|占比|增长|增速|目标|规模|总量|达到|亿|万|%|率")
_HAS_FIGURE = re.compile(r"\d")
_MASKED = re.compile(r"[Xx]{2,}|X%|X％")
_ENDS_SENTENCE = re.compile(r"[。！？；!?;]")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Candidate:
    passage: int  # 1-based
    text: str
    score: float


@dataclass(frozen=True)
class ExtractiveConfig:
    max_sentences: int = 3
    min_sentence_score: float = 0.55
    relative_cut: float = 0.05  # keep sentences within this of the best one


class ExtractiveBackend:
    def __init__(self, embedder: Embedder, cfg: ExtractiveConfig = ExtractiveConfig()):
        self.embedder = embedder
        self.cfg = cfg

    def candidates(self, question: str, passages: Sequence[Hit]) -> list[Candidate]:
        sents: list[tuple[int, str]] = []
        for n, hit in enumerate(passages, start=1):
            for s, e in sentence_spans(hit.text, 0, len(hit.text)):
                text = hit.text[s:e].strip()
                if len(text) >= 6:
                    sents.append((n, text))
        if not sents:
            return []
        qv = self.embedder.embed_queries([question])[0]
        sv = self.embedder.embed_passages([t for _, t in sents])
        sims = sv @ qv
        qgrams = bigrams(question)
        numeric = bool(_NUMERIC_Q.search(question))
        # Place or document names the question shares with some passage title ("冀州区…").
        titles = {n: bigrams(p.title) for n, p in enumerate(passages, start=1)}
        named = qgrams & set().union(*titles.values())
        out = []
        for (n, text), sim in zip(sents, sims):
            overlap = len(qgrams & bigrams(text)) / len(qgrams) if qgrams else 0.0
            score = 0.55 * float(sim) + 0.45 * overlap
            if not _ENDS_SENTENCE.search(text[-2:]) and len(text) < 60:
                score -= 0.15  # a title or heading line, not a statement
            if numeric:
                has = _HAS_FIGURE.search(text) is not None
                score += 0.08 if has else -0.05
                if _MASKED.search(text) and not has:
                    score -= 0.05
            years = set(_YEAR.findall(question))
            if years and years & set(_YEAR.findall(tidy_figures(text))):
                score += 0.05
            if named and not named & titles[n]:
                score -= 0.1  # the question names another document's place
            score += 0.02 * float(passages[n - 1].dense)  # the passage's own similarity as a tie-breaker
            out.append(Candidate(n, text, score))
        out.sort(key=lambda c: -c.score)
        return out

    def answer(self, question: str, passages: Sequence[Hit]) -> Draft:
        ranked = self.candidates(question, passages)
        if not ranked or ranked[0].score < self.cfg.min_sentence_score:
            return Draft(REFUSAL, refused=True)
        best = ranked[0].score
        chosen: list[Candidate] = []
        for c in ranked:
            if len(chosen) >= self.cfg.max_sentences or c.score < best - self.cfg.relative_cut:
                break
            if any(c.text in o.text or o.text in c.text for o in chosen):
                continue
            chosen.append(c)
        # Quote in reading order: by passage rank, then position in the passage.
        chosen.sort(key=lambda c: (c.passage, passages[c.passage - 1].text.find(c.text)))
        used: list[int] = []
        parts = []
        for c in chosen:
            if c.passage not in used:
                used.append(c.passage)
            sentence = tidy_figures(c.text).rstrip("。；;，,！!？? ")
            parts.append(f"{sentence}[{c.passage}]。")
        return Draft("".join(parts), refused=False, used=used)
