"""The answering chain's tuned numbers, in one place (measured on the dev split: docs/PERFORMANCE.md).

User-facing knobs (top_k, min_score, min_coverage, fusion weights…) live in Settings; these are the fixed ones.
"""

from __future__ import annotations

# assistant/chain.py
LIST_EXTRA = 8  # a list question's items can span chunks: this many more chunks of the best passage's section
MIN_GROUNDING = 0.5  # an LLM answer below this grounding (or with a figure not in its sources) gives way to extractive
# A figure question's passages may cover this much less of its terms: a sentence must still hold a figure about
# what was asked (dev: 2 answerable figure questions more, no unanswerable one answered; other kinds lost 3 at 0.4)
FIGURE_COVERAGE_RELIEF = 0.1
MAX_QUESTION_CHARS = 1000  # a longer question is refused before anything runs

# assistant/query.py
LABEL_CHARS = 300  # a document's opening lines name it too (a speech's subtitle says 讲话)

# assistant/chain.py: figure questions and the indicator table
ROW_PASSAGES = 3  # indicator-table passages a figure question takes at most (one per matching value)
DEFINITION_DOCS = 3  # documents searched for a glossary entry of the term asked, and entries taken
FIELD_DOC_COVERAGE = 0.5  # a field line (联系人：…) answers only from a document that holds this share of the rest asked

# assistant/answer/llm.py
LLM_SENTENCES = 8  # sentences (the extractive scorer's best) an LLM backend reads instead of whole passages
