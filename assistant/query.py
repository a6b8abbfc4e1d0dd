"""A question, read once: the `Query` every step of the chain works from.

Built by `Assistant.query` after validation and condensing, it carries the question as asked, the standalone
question, its analysis (normalised text, kind, years, terms… from assistant/question.py), the documents it
names (scope) and the caller's filters (k, documents, section prefix), so no step recomputes them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from assistant.evidence import DocLabel, Scope, doc_label, doc_scope, mentioned_places, title_named
from assistant.params import LABEL_CHARS
from assistant.question import (_TIER_CHARS, KINDS, QuestionInfo, analyse, compares_places, county_of_province,
                                listed_place, place_key, real_place, without_asker)
from ingest.clean import TITLE_CHARS
from ingest.zh import squash
from vectordb.index import Index


def _qualified(title: str, label: DocLabel) -> str | None:
    """A shared title with the document's place (from its title or dateline) and its one year (from its title, file
    name or dateline), whichever it has: 政府工作报告（海南省，2026年）; None with neither."""
    year = f"{next(iter(label.years))}年" if len(label.years) == 1 else ""
    own = label.body_place or label.place  # the body's place is the more specific when both are named
    place = own if own and own not in title else ""
    said = "，".join(x for x in (place, year) if x)
    return f"{title}（{said}）" if said else None


class DocLabels:
    """How questions name documents (title, file name, opening lines), computed once per live set."""

    def __init__(self, index: Index):
        self.index = index
        self._cache: tuple[str, dict[str, DocLabel], dict[str, str], frozenset[str]] | None = None
        self._texts: tuple[str, dict[str, str]] | None = None

    def _current(self) -> tuple[str, dict[str, DocLabel], dict[str, str], frozenset[str]]:
        key = self.index.live().key
        cache = self._cache
        if cache is None or cache[0] != key:
            texts = self.index.registry.texts()
            docs = self.index.documents()
            labels = {r.doc_id: doc_label(r.title, r.name, texts.get(r.doc_id, "")[:LABEL_CHARS]) for r in docs}
            labels = {d: replace(label, mentioned=mentioned_places(label, texts.get(d, "")))
                      for d, label in labels.items()}
            counts = Counter(r.title for r in docs)
            # A document is named by its title; one whose title another shares (政府工作报告) by its title, place and one
            # year (政府工作报告（海南省，2026年）); by its file name when that is not unique either, or the title was cut short.
            names = {r.doc_id: r.title if counts[r.title] == 1 else _qualified(r.title, labels[r.doc_id]) or r.name
                     for r in docs}
            again = Counter(names.values())
            names = {r.doc_id: names[r.doc_id] if 1 < len(names[r.doc_id]) < TITLE_CHARS and again[names[r.doc_id]] == 1
                     else r.name for r in docs}
            places = frozenset(n for label in labels.values() for p in (label.place, label.body_place) if p
                               for n in (p, place_key(p)))
            cache = self._cache = (key, labels, names, places)
        return cache

    def texts(self) -> dict[str, str]:
        """Each live document's text, squashed (computed once per live set)."""
        key = self.index.live().key
        if self._texts is None or self._texts[0] != key:
            self._texts = (key, {d: squash(t) for d, t in self.index.registry.texts().items()})
        return self._texts[1]

    def places(self) -> frozenset[str]:
        """The places the documents are of, as written and without their tier (青岚市, 青岚), which the tagger may
        not know."""
        return self._current()[3]

    def all(self) -> dict[str, DocLabel]:
        return self._current()[1]

    def names(self) -> dict[str, str]:
        """How an answer names each document to a reader: its title, or its file name."""
        return self._current()[2]

    def of(self, doc_ids: Sequence[str] | None = None) -> dict[str, DocLabel]:
        """Only `doc_ids` when given: a question asked of some documents can only name those."""
        labels = self.all()
        return {d: label for d, label in labels.items() if d in set(doc_ids)} if doc_ids else labels


@dataclass(frozen=True)
class Query:
    question: str  # as asked (validated)
    standalone: str  # after condensing a follow-up; the question itself without history
    info: QuestionInfo  # analyse(standalone): normalised text, kind, years, unit, terms, places, parts
    scope: Scope  # the documents it names, among those it may search (doc_ids)
    gate_scope: Scope  # the same among every live document: what the rule gate holds passages to
    k: int  # passages per answer
    doc_ids: tuple[str, ...] | None = None  # search only these documents
    section_prefix: str | None = None  # search only under this heading path

    @property
    def text(self) -> str:
        """The normalised standalone question."""
        return self.info.text

    @property
    def named_docs(self) -> list[str]:
        """The documents the question names, within doc_ids when given (sorted; empty: it names none)."""
        docs = self.scope.docs
        return sorted(docs & set(self.doc_ids) if self.doc_ids and docs else docs or [])


def read_question(standalone: str, labels: DocLabels) -> QuestionInfo:
    """The question as the documents in the base read it: words that name no document here are terms again
    (`read_places` too)."""
    info = read_places(standalone, labels)
    if info.doc_name and (info.cross_doc or not title_named(info.text, labels.all())):
        # the words name no document here (what they say is asked of whatever answers), or several documents are
        # named at once, which hold each other's passages loosely
        # but the speaker's office (县委书记讲话) names a document, never a subject a passage must repeat
        info = replace(info, terms=info.terms + tuple(w for w in info.doc_name if not _ISSUER_WORD.fullmatch(w)),
                       doc_name=())
    if info.kind != "who" and any(k in info.text for k in KINDS) and any(_ISSUER_WORD.fullmatch(t) for t in info.terms):
        info = replace(info, terms=tuple(t for t in info.terms if not _ISSUER_WORD.fullmatch(t)))  # 县委书记那篇…讲话
    return info


_ISSUER_WORD = re.compile(r"[省市县区镇乡]?委?(?:书记|省长|市长|县长|区长|镇长|乡长|主任|总理)")


def read_places(standalone: str, labels: DocLabels) -> QuestionInfo:
    """The question with the base's places: a place a document is of is a place though the tagger took it for a
    name or a word, or cut it in two; two such places compared make it a question across documents. The answer
    backends read the question so (the words that name a document are no terms of a sentence answering it)."""
    info = analyse(standalone)
    known = labels.places()
    own = [t for t in info.terms if len(t) > 1 and t in known]
    if own:  # 青岚去年GDP: a place a document is of, which the tagger took for a name or a word
        info = replace(info, terms=tuple(t for t in info.terms if t not in own), places=info.places + tuple(own))
    for p in sorted((p for p in known if len(p) > 1 and p in info.text and not county_of_province(p, info.text)),
                    key=len, reverse=True):
        glued = [x for x in info.places if len(x) == len(p) + 1 and x.endswith(p) and not listed_place(x)]
        if glued:  # 十四五这几年琛州: the tagger took 年琛州 for the place
            info = replace(info, places=tuple(p if x in glued else x for x in info.places))
        if not any(p in x for x in info.places):  # 砚泉县 cut as 砚 / 泉县: the pieces are the place
            info = replace(info, terms=tuple(t for t in info.terms if t not in p),
                           places=tuple(x for x in info.places if x not in p) + (p,))
    places = list(info.places)
    for i in range(len(places) - 1):
        a, b = places[i], places[i + 1]
        # 桐陵县 cut as 桐 / 陵县, though no document is of it: the pieces are one place of a tier (not 蒲汀 / 河, a
        # river of the known 蒲汀)
        if a and b and min(len(a), len(b)) == 1 and a + b in info.text and (a + b)[-1] in _TIER_CHARS \
                and a not in known and b not in known:
            places[i], places[i + 1] = "", a + b
    if "" in places:
        info = replace(info, places=tuple(p for p in places if p))
    if not info.cross_doc and compares_places(info.text, [p for p in info.places if p in known or real_place(p)]):
        info = replace(info, cross_doc=True)  # places a document is of count, though the tagger does not know them
    return info


def make_query(question: str, standalone: str, labels: DocLabels, k: int, doc_ids: Sequence[str] | None = None,
               section_prefix: str | None = None) -> Query:
    standalone = without_asker(standalone)
    info = read_question(standalone, labels)
    ids = tuple(doc_ids) if doc_ids else None
    scope = _with_named(info, doc_scope(info, labels.of(ids)), labels)
    gate_scope = scope if ids is None else _with_named(info, doc_scope(info, labels.all()), labels)
    return Query(question=question, standalone=standalone, info=info, scope=scope, gate_scope=gate_scope, k=k,
                 doc_ids=ids, section_prefix=section_prefix)


def beyond_place(q: Query, labels: DocLabels) -> Query | None:
    """A figure of a place asked where the place's own documents may not give it (芩溪县2025年工业用水量: the county's
    plan does not, the city's water bulletin has its row): the question asked of every document its other words
    allow, the place then a name the passage itself must hold. None when no place narrowed the documents."""
    if q.info.kind != "figure" or not q.info.places or q.scope.docs is None or q.doc_ids is not None:
        return None
    placeless = replace(q.info, places=())
    scope = doc_scope(placeless, labels.all())
    if scope.docs is not None and scope.docs <= q.scope.docs:
        return None  # the other words name only the place's documents anyway
    scope = replace(scope, free_places=tuple(dict.fromkeys(scope.free_places + q.info.places)), several=False)
    return replace(q, scope=scope, gate_scope=scope)


def _with_named(info: QuestionInfo, scope: Scope, labels: DocLabels) -> Scope:
    """A named thing the tagger calls a place (滏阳新河, 衡水湖), of no document and no listed place, that the
    documents asked about write, or a place named with its tier (城北街道): a passage must name it too, as a place
    no document is of."""
    if not scope.docs:
        return scope
    known = labels.places()
    candidates = [p for p in info.places if len(p) > 2 and not real_place(p) and p not in known
                  and p not in scope.free_places]
    if not candidates:  # most questions: the documents' texts are not read
        return scope
    texts = labels.texts()
    # one with its tier that none of them writes is a neighbour they do not cover (none will name it)
    named = tuple(p for p in candidates if _TIERED_NAME.fullmatch(p)
                  or any(squash(p) in texts.get(d, "") for d in scope.docs))
    return replace(scope, free_places=scope.free_places + named) if named else scope


_TIERED_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?:街道|镇|乡|县|区|市|州|旗)")
