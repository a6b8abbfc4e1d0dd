"""Definitions: a question that asks what a term means is answered from the documents' own definition of it (a
名词解释/注释 entry or a “X”是指 sentence); and quoting that never carries a document's own note markers."""

from __future__ import annotations

import re
from typing import Sequence

from assistant.answer import Draft
from assistant.evidence import row_cells
from assistant.question import tagged_words
from ingest.zh import squash, tidy_figures
from vectordb.index import Hit

# A document's own note markers (［1］, [12], 〔注〕): never quoted, or they would read as citation markers.
_NOTE_MARK = re.compile(r"[［\[〔]\s*(?:注\s*)?\d{0,3}\s*[］\]〕]")
_QUOTES = re.compile(r"[“”\"‘’'《》〈〉「」]")
# 是什么意思, 指什么, 的含义, 什么是: a question that asks what a term means
# 是哪四张网, 具体是哪几个: the items of a term the documents' glossary may define (“四网融合”：…)
DEFINE = re.compile(r"意思|含义|指什么|指的是|是指|具体指|什么是|指哪|是什么|具体(?:是|有|包括)哪|是哪[几两一二三四五六七八九十]")
_MEANS = re.compile(r"意思|含义|指什么|指的是|是指|具体指|什么是|指哪")  # 是什么 alone asks the meaning only of a listed term
# A glossary entry (名词解释, 注释): a marker or number, the term, a colon (or 指), the definition on the same line
# or the next one
_GLOSS = re.compile(r"^[ \t\u3000]*(?P<mark>[［\[〔(（][ \t]*(?:注[ \t]*)?\d{0,3}[ \t]*[］\]〕)）]|\d{1,3}[ \t]*[.．、])?[ \t\u3000]*"
                    r"(?P<term>[^：:，,。；;\n]{2,24}?)[ \t\u3000]*(?:[：:]|[，,](?=是指|指))[ \t\u3000]*(?:是指|指)?"
                    r"(?P<def>[^\n]*)$", re.M)
_DEFINED = re.compile(r"[“\"](?P<term>[^”\"\n]{2,20})[”\"][，,]?(?:是指|指的是)(?P<def>[^。\n]+)")
# a field line of a form, a guide or minutes (实施主体：…, 列席：…, 附件：…): its label, then its value to the line's end
_FIELD_LINE = re.compile(r"^[ \t\u3000]*(?P<label>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,5})"
                         r"[ \t\u3000]*[：:][ \t\u3000]*(?P<value>[^\n]{2,90}?)[ \t\u3000]*$", re.M)
_ASKS_AFTER_LABEL = r"(?:的|里|都|是|有|为|在|叫|写的|具体)*(?:哪|谁|什么|啥|多少|几)"
_OWNER_GAP = 4  # a person named this close before the label owns the value asked (某某委员的联系电话)
_ROW = re.compile(r"[；;][^；;：:]{1,8}[：:]")  # 序号：1；事项：…: a table row, not a field


def quotable(text: str) -> str:
    """Passage text as an answer quotes it: figures tidied, the document's own note markers left out."""
    return _NOTE_MARK.sub("", tidy_figures(text))


def _named(term: str, question: str) -> bool:
    """The question names the term (quotes aside; a term of four or more characters may differ by a character,
    as OCR'd 国民收人 for 国民收入); an entry of several quoted terms (“三大高地”“五大战略”：…) names each."""
    parts = re.findall(r"[“\"]([^”\"]{2,20})[”\"]", term)
    if len(parts) > 1:
        return any(_named(p, question) for p in parts)
    t = _QUOTES.sub("", squash(term))
    if len(t) < 2:
        return False
    if t in question:
        return True
    return len(t) >= 4 and any(_one_misread(t, question[i:i + len(t)]) for i in range(len(question) - len(t) + 1))


_NUMERALS = set("零〇一二三四五六七八九十百千万亿两0123456789")


def _one_misread(term: str, seen: str) -> bool:
    """At most one character differs, and not a numeral (三大高地 is not 四大高地; 国民收人 is 国民收入)."""
    diff = [(a, b) for a, b in zip(term, seen) if a != b]
    return len(diff) <= 1 and not any(a in _NUMERALS or b in _NUMERALS for a, b in diff)


def _entries(question: str, text: str):
    """(term, definition on its line, end of the match) of each entry of the text that defines a term the question
    names: glossary lines (a line without a glossary number only when the meaning is asked; a table row is none)
    and “X”是指 sentences. `question` is squashed, quotes removed."""
    means = bool(_MEANS.search(question))
    for m in _GLOSS.finditer(text):
        term = _NOTE_MARK.sub("", m.group("term")).strip()
        if (m.group("mark") or means) and not row_cells(m.group(0).strip()) and _named(term, question):
            yield term, m.group("def"), m.end()
    for m in _DEFINED.finditer(text):
        term = _NOTE_MARK.sub("", m.group("term")).strip()
        if _named(term, question):
            yield term, m.group("def"), m.end()


def _entry_body(text: str, body: str, end: int) -> str:
    """An entry's definition: on its own line, or on the next line ("" when that line is the next entry)."""
    body = body.strip()
    if body:
        return body
    body = next((ln.strip() for ln in text[end:].splitlines() if ln.strip()), "")
    return "" if _GLOSS.match(body) else body


def definition(question: str, passages: Sequence[Hit]) -> Draft | None:
    """A what-does-it-mean question answered by the documents' own definition of the term it names: a glossary
    entry (［5］ESI：⏎…, 1.“两重”：是指…, 〔注〕X，指…) or a body sentence (“X”是指…). The longest term named
    wins; None when no passage defines a term of the question."""
    q = _QUOTES.sub("", squash(question))
    best: tuple[int, int, str] | None = None
    for n, hit in enumerate(passages, start=1):
        text = hit.text
        for term, body, end in _entries(q, text):
            body = _entry_body(text, body, end)
            if len(body) < 2:
                continue
            key = (len(squash(term)), -n)
            if best is None or key > best[:2]:
                best = (*key, f"{quotable(term)}：{quotable(body).rstrip('。；; ')}[{n}]。")
    if best is None:
        return None
    return Draft(best[2], refused=False, used=[-best[1]])


_MARK_NUMBER = re.compile(r"[［\[〔]\s*(?:注\s*)?(\d{1,3})\s*[］\]〕]")


def note_entries(doc_text: str) -> dict[str, str]:
    """The document's own notes by number: 名词解释/注释 entries opened by a note marker (［5］ESI：…) → "ESI：…"."""
    out: dict[str, str] = {}
    for m in _GLOSS.finditer(doc_text):
        mark = _MARK_NUMBER.fullmatch((m.group("mark") or "").strip())
        if not mark:
            continue
        body = _entry_body(doc_text, m.group("def"), m.end())
        if body and not _GLOSS.match(body):
            out.setdefault(mark.group(1), f"{quotable(m.group('term')).strip()}：{quotable(body)}")
    return out


def has_note_marker(text: str) -> bool:
    return bool(_MARK_NUMBER.search(text))


def notes_for(passage: str, doc_text: str | None) -> list[str]:
    """The notes of the document for the note markers a passage carries (“一降三减”［1］ → the entry ［1］), in the
    order they appear; none for a passage that is itself the glossary."""
    # a marker inside a sentence refers to a note; one opening a line is the note itself
    marks = list(dict.fromkeys(m.group(1) for m in _MARK_NUMBER.finditer(passage)
                               if passage[passage.rfind("\n", 0, m.start()) + 1:m.start()].strip()))
    if not marks or not doc_text:
        return []
    entries = note_entries(doc_text)
    return [f"［{n}］{entries[n]}" for n in marks if n in entries]


def defines(question: str, text: str) -> bool:
    """Some entry of the text defines a term the question names (for finding glossary passages)."""
    return next(_entries(_QUOTES.sub("", squash(question)), text), None) is not None


def field_label(m: re.Match[str]) -> str:
    """A field line's label as the question would write it (联 系 人, justified, is 联系人)."""
    return re.sub(r"[ \u3000]", "", m.group("label"))


def labelled(question: str, text: str) -> re.Match[str] | None:
    """The first field line of the text whose label is the thing the question asks (实施主体是哪个部门: 实施主体：…;
    谁请假: 请假：…); a table row or a label with no value on its line is none."""
    asked = squash(question)
    # a person the question names (提案人某某委员的联系电话) is whose value is asked: a field that does not name them
    # is another's (the replying office's 联系电话)
    people = [w for w, f in tagged_words(question) if f in ("nr", "nrfg", "nrt") and len(w) >= 2]
    for m in _FIELD_LINE.finditer(text):
        label, value = field_label(m), m.group("value")
        if _ROW.search(value) or value.endswith(("：", ":")):
            continue
        at = asked.find(label)
        if any(p not in value and 0 <= at - asked.find(p) - len(p) <= _OWNER_GAP for p in people if p in asked):
            continue
        if re.search(rf"{label}{_ASKS_AFTER_LABEL}|谁{label}", asked):
            return m
    return None


def field_answer(question: str, passages: Sequence[Hit], among: int = 1) -> Draft | None:
    """The field line of the first passage (the chain puts the asked document's field line first) that labels its value
    with the thing asked, quoted whole."""
    for n, hit in enumerate(passages[:among], start=1):
        m = labelled(question, hit.text)
        if m is not None:
            line = f"{field_label(m)}：{m.group('value')}".rstrip("。；;，,、 ")
            return Draft(f"{quotable(line)}[{n}]。", refused=False, used=[n])
    return None
