"""The default backend: no LLM; answers by quoting the passages' best sentences, each with [n].

Sentences are scored by embedding similarity, question-term overlap, figures
(for 多少 questions), years and place agreement; a sentence is only quoted if
its passage and the sentence itself pass the evidence checks (assistant/evidence.py).
List questions gather items across passages; cross-document questions answer
per document; section questions answer from the heading path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Sequence

from assistant.answer import REFUSAL, Draft, Piece, stream_by_sentence
from assistant.arithmetic import (YEAR_WRITTEN, across, clause_bounds, computed_sentence, operation, operations,
                                  partner, quantities)
from assistant.evidence import (ASKS_MORE_THAN_WHO, CLAUSE, DAY_SPAN, OFFICE, YEAR_ITEM_LEAD, Check, asked_event,
                                check_sentence, coverage, follow_ups, has_figure, row_cells, heading_years,
                                paragraph_lead, question_tense, sentence_units, statement_tense, subject_start,
                                term_present, type_match)
from assistant.definitions import DEFINE, definition, field_answer, quotable
from assistant.glossary import Glossary
from assistant.question import ITEM as _ITEM
from assistant.question import (EACH_WORDED, WHICH_BODY, WHICH_LEVEL, QuestionInfo, analyse, enumeration_section, synonyms,
                                tagged_words)
from assistant.references import (MIN_PARALLEL, asks_for, common_ending, heading_path, is_last, is_numbered, item_body,
                                  items_as_parts, lead_clause, matches, numbered_parts, opening, ordinal, outline_level,
                                  outline_part, part_opening, to_chinese, to_int, within)
from ingest.targets import vocab as target_vocab
from ingest.zh import bigrams, cn_number, squash, tidy_figures
from ingest.sections import heading_of
from ingest.zh import SECTION_SEP, sentence_spans
from vectordb.embeddings import Embedder
from vectordb.index import Hit
from ingest.zh import ARABIC_FIGURE, CN_DIGITS, CN_FIGURE, CN_SMALL, CN_YEAR, DECIMAL, YEAR, arabic_figures

_ENDS_SENTENCE = re.compile(r"[。！？；!?;]")
_YEAR = re.compile(YEAR)
_CLAUSE = re.compile(r"[^;；]+[;；]?")
_DATE_SPAN = re.compile(rf"(?:{YEAR}|{CN_YEAR})\s*年|\d{{1,2}}\s*月|年底|年末|月底|年初|{DAY_SPAN}")
_CITED_TITLE = re.compile(r"《[^《》]*》")
_BODY_SPAN = re.compile(r"委员会|人民政府|办公室|办公厅|领导小组|[局厅部委]")
_SEVERAL = re.compile(r"分别|各|和|与|及|、|其中|[？?].+")  # several figures asked (…多少？其中…呢)
_ASKS = re.compile(r"多少|多高|多大|多快|多长|几[个家项所条次点成倍年岁天万亿]|呢")


def _asks_twice(question: str) -> bool:
    """Two of its clauses ask (…收入多少，涨了多少; 有多少家，去年新认定了几家)."""
    return sum(bool(_ASKS.search(c)) for c in re.split(r"[，,；;？?]", question)) >= 2
# A clause that goes on stating the figure of the clause before it (提高1岁，达到74.5岁; …30%，最高300万元).
_GOES_ON = re.compile(r"^(?:达到|达|提高到|增加到|增长到|下降到|降至|降到|减少到|控制在|保持在|稳定在|突破|超过|"
                      r"最高|最多|最低|不超过|不低于|不少于|其中|年均|分别|"
                      # the figure's own change (2146家，比上年末增加138家; 4.82亿件，增长18.6%)
                      r"(?:比上年(?:末|同期)?|较上年(?:末)?|同比|比20\d\d年(?:末)?)?(?:增长|下降|提高|增加|减少|降低|上升|回落)[约近]?\d)")
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*\n\s*(?=[\u4e00-\u9fff])")
_CN_YEAR_RUN = re.compile(rf"{CN_YEAR}年(?:[^，。；]{{0,3}}?{CN_YEAR}年)?")  # a date or a span of years, as written
_DIGIT_FIGURE = re.compile(f"{ARABIC_FIGURE}|{CN_FIGURE}")  # a figure that is not a year (Arabic or written out)
# a clause that only says when (到2025年，…; “十四五”期间，…; 今年，…): a figure after it is of that time, so it is quoted too
_TIME_LEAD = re.compile(r"\s*(?:力争|争取|预计|计划|确保)?(?:到|至|在|截至)?\s*(?:(?:19|20)\d\d\s*年(?:底|末|前)?|"
                        r"[“\"]?[一二三四五六七八九十]{1,3}五[”\"]?(?:期间|末|时期)|今年|明年|今后五年|未来五年|届时)\s*[，,]\s*"
                        rf"|{YEAR_ITEM_LEAD}")
# A table-of-contents line: dotted leaders or a trailing page number after padding.
_TOC_LINE = re.compile(r"(?:[.…·．]{3,}|\s{2,})\s*\d{1,4}\s*$")
_ORDINAL = {c: i for i, c in enumerate(CN_SMALL, 1)}
_NUMBER = re.compile(DECIMAL)
# a question the document itself asks (a reporter's, an FAQ's): it states nothing
_ASKED_HERE = re.compile(r"[？?][”\"」』）)]*$")
_ASKS_SEVERAL = re.compile(rf"哪些|哪几|哪([{CN_SMALL}两]+)([条个项类方大篇级种点])|分别是(?:什么|啥)|都(?:有|是)(?:什么|啥|哪些)"
                           rf"|{EACH_WORDED}")


MAX_SUBPARTS = 8  # a part's answer lists at most this many sub-part headings
MAX_HEADING = 40  # a heading line is no longer than this
MAX_OUTLINE = 30  # a document's outline: at most this many parts (a plan has up to twenty-odd 篇)
_LEAD = re.compile(r"[^，,、；;：:。！？!?\s]{4,20}。")  # a run-in lead: a short sentence standing as its own line
_MARKERS = re.compile(r"\[\d+\]")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,60})[”\"]")
_FULL_STOP = ("。", "！", "？")
_INTRO = re.compile(r"[：:]")  # 主要目标是：A；B
_ITEMS = re.compile(r"[；;]")
_INTRO_COVERAGE = 0.6  # the words before the colon name the list asked for
_RUNIN_TITLE = 16  # characters of a run-in title before a sentence on its line ((四)一票否决。)


def _asked_count(info: QuestionInfo) -> int | None:
    """The number of items a list question counts (哪八个 → 8; 那三个产业是哪几个 → 3), if it says."""
    m = _ASKS_SEVERAL.search(info.text)
    if not m:
        return None
    count = m.group(1) or next((c.group(1) for c in _COUNTED_BEFORE.finditer(info.text, 0, m.start())), None)
    if not count:
        return None
    return sum(_ORDINAL.get(c, 0) for c in count) if count != "两" else 2


_COUNTED_BEFORE = re.compile(rf"[那这]([{CN_SMALL}两]+)[个项大类条种]")  # 那三个引领性产业是哪几个
# a sentence that announces the items after it by their count (集中体现在四个方面。 至少有三大宝贵机遇：一是…)
_ANNOUNCES = re.compile(rf"(?<![{CN_SMALL}第\d])([{CN_SMALL}两])(?:[个大项条类种]|(?=方面))[\u4e00-\u9fff]{{0,6}}?(?:[：:。；;]|$)")
# an item marked in running text or opening a line: 一是…, （一）…, (一)…
_MARKED = re.compile(rf"(?:^|(?<=[：:。；;\n]))\s*(?:([{CN_SMALL}])[是要]|[（(]([{CN_SMALL}])[）)]|第([{CN_SMALL}])[，,、])"
                     rf"\s*([^。；;！!？?\n]{{2,200}})")
MAX_ANNOUNCE_GAP = 3  # characters between an announcement and its first item
ANNOUNCED_AMONG = 3  # a list announced by its count: among the best sentences that answer
UNCOUNTED_AMONG = 5  # one announced without a count (存在的困难和问题。第一，…): among these
ANNOUNCE_CHUNKS = 3  # chunks after it that may hold the rest of an announced list


def _announced_count(info: QuestionInfo, m: re.Match[str]) -> int:
    """How many items an announcement counts, when that agrees with the question (as many as it counts, or the
    count words it names when it counts none: 五方面工作分别是什么); else 0."""
    n = 2 if m.group(1) == "两" else _ORDINAL.get(m.group(1), 0)
    want = _asked_count(info)
    return n if n >= 2 and (want == n if want else m.group(0)[:2] in info.text) else 0


def _marked_items(text: str) -> Iterator[tuple[int, int, str]]:
    """(where, number, lead) of each item marked in the text: 一是区位优势。… → (0, 1, 区位优势)."""
    for im in _MARKED.finditer(text):
        yield im.start(), _ORDINAL.get(im.group(1) or im.group(2) or im.group(3), 0), _item_lead(im.group(4))


def _leads_after(text: str) -> list[str]:
    """The leads of the items marked right at the start of `text` and on, numbered 1, 2, 3… in order."""
    leads: list[str] = []
    for at, order, lead in _marked_items(text):
        if not leads and at > MAX_ANNOUNCE_GAP:
            break  # the items must follow the announcement at once
        if order == len(leads) + 1 and lead:
            leads.append(lead)
    return leads


def runs_past_end(info: QuestionInfo, text: str) -> bool:
    """The text announces the counted list a question asks for (…三大宝贵机遇：一是…) and ends before its last item,
    so the rest runs on past it."""
    for m in _ANNOUNCES.finditer(text):
        n = _announced_count(info, m)
        rest = text[m.end():]
        if n and (not rest.strip() or 0 < len(_leads_after(rest)) < n):
            return True
    # uncounted (必须把握好以下几点：一是…；): the text ends inside it, after an item that a semicolon closes
    return any(_leads_after(rest := text[m.end():]) and rest.rstrip().endswith(("；", ";"))
               for m in _UNCOUNTED_ANNOUNCES.finditer(text))


def runs_on_unmarked(info: QuestionInfo, text: str) -> bool:
    """The text ends inside a list of unmarked items after a colon that names what is asked (主要预期目标是：A；B；),
    after an item a semicolon closes, or at the colon itself (…考核等次直接确定为不合格：): the rest is in the next chunk."""
    colon = max(text.rfind("："), text.rfind(":"))
    # the lead is the clause right before the colon (…强国，总的战略安排是分两步走：names no 强国 it lists)
    lead = re.split(r"[，,。；;\n]", text[:max(colon, 0)])[-1]
    rest = text[colon + 1:].strip()
    return colon > 0 and "\n" not in rest and (not rest or rest.endswith(("；", ";"))) and any(
        len(t) >= 2 and t in squash(lead) for t in info.terms)


_UNCOUNTED_ANNOUNCES = re.compile(r"(?:以下|如下)[\u4e00-\u9fff]{0,4}[：:]|主要(?:是|有|表现为|表现在|包括)[：:]")


def announcing_part(hit: Hit, at: int) -> str:
    """The heading path whose items an announcement at `at` of the hit's text opens: the hit's own, or its parent
    when the hit's own last heading follows the announcement (存在的主要问题…主要是：（一）企业主体责任…: the chunk
    is filed under （一）, the items are its siblings)."""
    path = hit.section.split(SECTION_SEP)
    if len(path) > 1 and squash(path[-1]) and squash(path[-1]) in squash(hit.text[at:]):
        return SECTION_SEP.join(path[:-1])
    return hit.section


def announced_part(info: QuestionInfo, hit: Hit) -> str | None:
    """The part whose sub-headings are the items of a list the hit's text announces without a count and goes on
    to as headings (…主要是：（一）…), when that is not the hit's own section; else None."""
    for m in _UNCOUNTED_ANNOUNCES.finditer(hit.text):
        part = announcing_part(hit, m.end())
        if part != hit.section and _leads_after(hit.text[m.end():]):
            return part
    return None


def _same_part(hit: Hit, passages: Sequence[Hit], section: str | None = None) -> list[tuple[int, str]]:
    """(rank, text) of the other passages of the hit's document under the same part (`section`, else the hit's)."""
    part = unnumbered(section or hit.section)
    return [(j, h.text) for j, h in enumerate(passages, 1)
            if h is not hit and h.doc_id == hit.doc_id and unnumbered(h.section).startswith(part)]


def _grown(items: list[tuple[str, int]], same: Sequence[tuple[int, str]], n: int | None) -> list[tuple[str, int]]:
    """A list's items continued, in order, from the passages of its part whatever their rank (to n items; all the
    consecutive ones when n is None)."""
    grown = True
    while grown and (n is None or len(items) < n):
        grown = False
        for j, text in same:
            for _, order, lead in _marked_items(text):
                if order == len(items) + 1 and lead:
                    items.append((lead, j))
                    grown = True
    return items


RUNIN_SENTENCES = 2  # a run-in item asked (（16）全面融入都市圈。推进…): its lead and the sentence after it


def _runin_answer(info: QuestionInfo, passages: Sequence[Hit]) -> Draft | None:
    """An item no heading numbers, asked by its number ((16), 18. asked as 第18条): the paragraph it opens, quoted from
    its lead on, cited to the first passage that holds it."""
    for n, hit in enumerate(passages, 1):
        found = part_opening(hit.text, info.parts[0])
        if found is None:
            continue
        at, head = found[0], ""
        if found[1]:  # a short part's heading line inside the passage (四、事故性质): its heading, then what it opens with
            stop = hit.text.find("\n", at)
            if stop < 0:
                continue
            head, at = hit.text[at:stop].strip().rstrip("。：:") + "：", stop + 1
        end = hit.text.find("\n", at)
        end = len(hit.text) if end < 0 else end
        if (n_item := to_int(hit.text[at])) and hit.text[at + 1: at + 2] == "是":  # 五是…；六是…: up to the next item
            nxt = re.compile(rf"[。；;]\s*{to_chinese(n_item + 1)}是").search(hit.text, at, end)
            end = nxt.start() + 1 if nxt else end
        spans = sentence_spans(hit.text, at, end)[:RUNIN_SENTENCES]
        if spans:
            quote = head + hit.text[spans[0][0]: spans[-1][1]].rstrip("。；;，, ")
            return Draft(f"{tidy_figures(quote)}[{n}]。", refused=False, used=[n])
    return None


# sentences that open with an adverb of sequence (首先，…其次，…再次，…最后，…): the items of a list no number marks
_SEQUENCE = re.compile(r"(?:^|(?<=[。！？\n]))[ \t\u3000]*(首先|其次|再次|然后|最后)[，,]([^，,。；;\n]{2,40})")
_FIRST_STEP, _LAST_STEPS = "首先", ("其次", "再次", "最后")


def _sequenced(info: QuestionInfo, doc: str, passages: Sequence[Hit], glossary: Glossary) -> Draft | None:
    """哪几对关系 answered by sentences of one document that open 首先，…其次，…最后，…: each one's first clause, in
    reading order from the 首先 on, cited; None without three such items or when they name none of the question's
    terms."""
    found: list[tuple[int, int, str, str, int]] = []
    for n, hit in enumerate(passages, start=1):
        if hit.doc_id == doc:
            found += [(hit.index, m.start(), m.group(1), m.group(2), n) for m in _SEQUENCE.finditer(hit.text)]
    found.sort()
    start = next((i for i, f in enumerate(found) if f[2] == _FIRST_STEP), None)
    if start is None:
        return None
    run = [found[start]]
    for f in found[start + 1:]:
        if f[2] == _FIRST_STEP or f[:2] == run[-1][:2]:
            break
        run.append(f)
    items = [(re.sub(r"^(?:要|要着力|要着重|要坚持)", "", clause), n) for *_, clause, n in run]
    if len(items) < MIN_PARALLEL or not any(s in _LAST_STEPS for _, _, s, _, _ in run) or not any(
            term_present(t, squash("".join(c for c, _ in items)), glossary) for t in info.terms):
        return None
    return Draft("；".join(f"{tidy_figures(c)}[{n}]" for c, n in items) + "。", refused=False,
                 used=list(dict.fromkeys(n for _, n in items)))


def _next_chunk(hit: Hit, passages: Sequence[Hit]) -> Hit | None:
    """The passage that is the chunk right after `hit` in its document, if retrieved."""
    return next((h for h in passages if h.doc_id == hit.doc_id and h.index == hit.index + 1), None)


def unnumbered(section: str) -> str:
    """A heading path without its parts' numbers (二、今后五年… and 今后五年… alike)."""
    return SECTION_SEP.join(re.sub(rf"^\s*[{CN_SMALL}]+、", "", e) for e in section.split(SECTION_SEP))


def _path_draft(info: QuestionInfo, shown: list[str], n: int, passages: Sequence[Hit], full: list[str]) -> Draft:
    """Where a part sits (its path `shown`, cited to passage n); when the question also asks what it is divided into
    (哪一章，下面分了哪几块), the parts right under it (`full` is its whole heading path), each cited to a passage that
    shows its heading, two at least."""
    said = f"{tidy_figures(SECTION_SEP.join(shown))}[{n}]"
    if not ASKS_SUBPARTS.search(info.text):
        return Draft(said + "。", refused=False, used=[n])
    below = [p for p in passages if p.section.split(SECTION_SEP)[:len(full)] == full
             and len(p.section.split(SECTION_SEP)) > len(full)]
    found = {p.section.split(SECTION_SEP)[len(full)]: (p.doc_id, p.start) for p in reversed(below)}
    levels = {h[0] for e in found if (h := heading_of(e))}
    within = [p for p in passages if p.section.split(SECTION_SEP)[:len(full)] == full]
    for p in within:  # a short part the chunker kept inside the chunk before it (…毛入学率达到95%。四、推进职业教育…)
        for m in re.finditer(r"(?m)^[ \t\u3000]*(\S[^\n]*)$", p.text):
            if (h := heading_of(m.group(1))) and h[0] in levels and len(m.group(1)) <= MAX_HEADING:
                found.setdefault(m.group(1).strip(), (p.doc_id, p.start + m.start(1)))
    under = sorted(found, key=found.get)  # in reading order
    parts = [(e, m) for e in under[:MAX_SUBPARTS] if (m := _showing(e, passages))]
    if len(parts) < 2:
        return Draft(said + "。", refused=False, used=[n])
    said += "，下设：" + "；".join(f"{tidy_figures(e).rstrip('。；;，,：: ')}[{m}]" for e, m in parts)
    return Draft(said + "。", refused=False, used=list(dict.fromkeys([n, *(m for _, m in parts)])))


def _showing(element: str, passages: Sequence[Hit]) -> int | None:
    """The first passage (1-based) whose text shows a heading, or None."""
    return next((m for m, h in enumerate(passages, 1) if squash(element) in squash(h.text)), None)


def _item_lead(body: str) -> str:
    return re.split(r"[，,：:。；;]", body, maxsplit=1)[0].strip()


def _parallel_leads(passages: Sequence[Hit]) -> list[tuple[str, list[tuple[str, int]], str]]:
    """Items opening alike (聚焦…, 紧扣…, ——必须坚持…): lines of one section (the bodies between them do not break a
    run; it may span chunks), or the headings of passages under one parent; each item's lead clause with its
    passage number, in reading order; with the opening they share and, for lines, the heading they are under."""
    groups: dict[tuple, dict[str, tuple[int, int, int]]] = {}
    for n, hit in enumerate(passages, start=1):
        # sentences, and what follows a colon (努力方向是：坚定不移走好“X”之路，…。坚定不移走好“Y”之路…)
        units = [u for s, e in sentence_spans(hit.text, 0, len(hit.text)) for u in re.split(r"[：:]", hit.text[s:e])]
        for pos, line in enumerate(units):
            lead = lead_clause(line)
            if 2 <= len(lead) <= 30 and not _TOC_LINE.search(line):
                groups.setdefault(("line", hit.doc_id, hit.section, opening(line)), {}).setdefault(
                    lead, (hit.index, pos, n))
        path = heading_path(hit.section)
        if path:  # numbered headings (一、坚持…) group as NUMBERED: a list only under a parent the question names
            groups.setdefault(("heading", hit.doc_id, path[:-1], opening(path[-1]) or NUMBERED), {}).setdefault(
                lead_clause(path[-1]), (hit.index, -1, n))
    return [(key[-1], [(lead, at[2]) for lead, at in sorted(g.items(), key=lambda t: t[1][:2])],
             (heading_path(key[2]) or ("",))[-1] if key[0] == "line" else (key[2] or ("",))[-1])
            for key, g in groups.items() if len(g) >= MIN_PARALLEL and len(key[-1]) == 2]


NUMBERED = "##"  # the opening of numbered headings (一、, （一）), which share no words


def _opens_quoted(info: QuestionInfo, leads: list[tuple[str, list[tuple[str, int]], str]]) -> bool:
    """The question quotes how items open (都是“始终坚持”打头的) and a run of lines opens so."""
    quoted = re.findall(r"“([^“”]{2,12})”", info.text)
    return any(q.startswith(start) for start, _, _ in leads if start != NUMBERED for q in quoted)


def _inline_list(info: QuestionInfo, sentence: str, quoted_only: bool = True) -> str | None:
    """The group of the sentence that lists as many items as the question counts (“城市、临港、矿业”三大经济; unless
    `quoted_only`, also a clause of that many short items: 支持甲县、乙县创建…), or None."""
    n = _asked_count(info)
    clauses = [c for c in re.split(r"[，,；;。：:（）()\s]", sentence) if c]
    if n is None:
        if quoted_only or not (thing := _asked_thing(info)):
            return None
        # 推广哪几种新模式: a clause of three or more short items, then 等 and what is asked (…数字化管理等新模式)
        return next((
            clause for clause in clauses for cut in [_through(clause, thing, info.terms)]
            for items in [_items_of(clause) or _items_before(cut, thing)]
            if len(items) >= 3 and all(2 <= len(i) <= 12 for i in items)
            and (cut != clause or _ends_with_thing(clause, thing))), None) or next((
            clause for clause in clauses for m in [_SAYS_COUNT.search(clause)]
            if m and (thing in m.group(3) if m.group(3) else f"几{m.group(2)}" in info.text)
            and _lists_as_many(clause[: m.start()][-60:].split("为")[-1], _ORDINAL.get(m.group(1), 2))), None)
    if quoted_only:
        groups = _QUOTED.findall(sentence)
    else:  # a clause of as many items that names what the question asks about (严守…红线、…三条控制线)
        groups = [c for c in clauses if any(t in c for t in info.terms)]
    return next((g for g in groups if len(g.split("、")) == n and all(1 <= len(i) <= 16 for i in g.split("、"))),
                None)


_FRAMED = re.compile(r"(?:对|围绕|针对|聚焦)([^，,；;。：:]{6,160}?)(?:等)?(?:[\u4e00-\u9fff]{0,3}?)(?:开展|召开|进行|举办|组织)"
                     r"([^，,；;。]*)")


# 东坝、桥头、石门、柳湾4个人民法庭: items, then as many of the thing they are
_ITEMS_COUNTED = re.compile(rf"([^，,；;。：:]{{4,160}}?)(\d{{1,2}}|[{CN_SMALL}两]{{1,3}})[个家所座项条类]([\u4e00-\u9fff]{{2,10}})")


_ITEM_SPLIT = re.compile(r"、|以及|和|及")


# 这份通知是哪几个部门联合发的: the bodies that open the document's title (某市医疗保障局　某市财政局关于…的通知)
ASKS_ISSUER = re.compile(r"(?:谁|哪(?:个|几个|些|家|几家|一个)?(?:部门|单位|机关|机构))[^，,。？?]{0,4}?(?:联合)?"
                          r"(?:发|印发|下发|制发|发布|出台)(?:的|了|出)|发文(?:单位|机关|部门)")
_BODY_END = "局|厅|委|办|政府|委员会|办公室|院|中心|小组"  # how a body's name ends (某市财政局, 某县人民政府)
ISSUED_TITLE = re.compile(rf"^([^《》关]{{4,60}}?(?:{_BODY_END}|部))[\s\u3000]*关于")


def _issuer_answer(info: QuestionInfo, passages: Sequence[Hit]) -> Draft | None:
    """Who issued the document the passages are of: the bodies its title opens with, quoted from the passage that
    holds the title, else the body and date it is signed with (落款), from the passage that holds them; None when
    neither is in a passage."""
    if not passages or not ASKS_ISSUER.search(info.text):
        return None
    m = ISSUED_TITLE.match(passages[0].title.strip())
    for n, hit in enumerate(passages, start=1):
        if hit.doc_id != passages[0].doc_id:
            continue
        if m is not None and m[1] in hit.text:
            return Draft(f"{m[1]}[{n}]。", refused=False, used=[n])
        if m is None and (signed := signature(hit.text, hit.start)) is not None:
            return Draft(f"{signed[1]}（{signed[2]}）[{n}]。", refused=False, used=[n])
    return None


# 落款: a body's name on a line of its own, its date on the next (琮阳市公安局蘅川分局 / 2026年3月16日)
_SIGNATURE = re.compile(rf"(?m)^[ \t\u3000]*([^\s，,。；;：:《》（）()]{{4,30}}?(?:{_BODY_END}))"
                        r"[ \t\u3000]*\n[ \t\u3000]*((?:19|20)\d\d年\d{1,2}月\d{1,2}日)[ \t\u3000]*$")


def signature(text: str, start: int = 0) -> re.Match[str] | None:
    """The first body-and-date signature in a text that starts at `start` of its document, past the document's
    opening lines (a red header's date is no 落款)."""
    return next((m for m in _SIGNATURE.finditer(text) if start or text.count("\n", 0, m.start()) >= 3), None)


# the day a document was issued, asked (哪天印发的, 成文日期, 发布时间)
ISSUE_DATE_ASKED = re.compile(r"(?:印发|发布|下发|出台|发文|成文|签发|落款)[^，,。？?]{0,3}?(?:日期|时间|时候)|(?:哪天|哪一天|什么时候|何时"
                              r"|几月几[日号])[^，,。？?]{0,3}?(?:印发|发布|下发|出台|发文|成文|签发)")
_DATE_FIELD = re.compile(r"(?:成文|发文|印发|签发)日期[ \t\u3000]*[：:][ \t\u3000]*"
                         r"((?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-./]\d{1,2}[-./]\d{1,2}))")


def own_date(text: str) -> tuple[int, str] | None:
    """The day a document was made and where it stands: its 成文日期 field, else the date of its 落款 (signature)."""
    m = _DATE_FIELD.search(text)
    if m:
        return m.start(1), m.group(1)
    m = signature(text)
    return (m.start(2), m.group(2)) if m else None


# an end asked beside a start (从哪天开始执行，管到什么时候; 有效期到哪天)
_UNTIL_TOO = re.compile(r"(?:管|用|有效|执行|实施)到(?:什么时候|哪天|哪一天|何时)|有效期(?:到|至)?(?:什么时候|哪天|多久|多长)|截止到?(?:什么时候|哪天)")
# a place asked beside a date (哪天开，在哪开) and a sentence that says where something is held
_WHERE_TOO = re.compile(r"在哪(?:里|儿)?(?:开|举行|召开|办)|什么地方|地点在?哪|哪个地方")
_PLACE_SAID = re.compile(r"地点(?:为|是|设在|在|：|:)|在[^，,。；;]{2,24}(?:举行|召开|举办)")


# 教育放在哪一章？下面分了哪几块 / 讲了哪几个方面: the part asked for, and the parts under it
ASKS_SUBPARTS = re.compile(r"(?:分了?|分成|分为|包括|包含|讲了?|有)(?:哪几|哪些|几)[个大]?(?:块|部分|方面|节|章|项|个方面)")


# a ranking asked (谁排第一, 得分最低的是哪个, 倒数三名是哪几个) and a sentence that lists the first or last places in
# order (排名前三位的是：甲（96.82分）、乙…；排名后三位的是：…)
RANK_LEAD = 120  # characters before a ranked list that may name its group
WORKED_AMONG = 8  # the best sentences a level worked back or a year's total is looked for in
_ASKED_FIRST = re.compile(r"排(?:名|在)?第一|[拿得]了?第一|第一名|头名|榜首|居首|首位|(?:最高|最好)(?=[^，,。？?]{0,6}?(?:哪|谁))")
_ASKED_LAST = re.compile(r"倒数第一|末位|最后一名|垫底|排(?:名|在)?最后|(?:最低|最差)(?=[^，,。？?]{0,6}?(?:哪|谁))")
_ASKED_RUN = re.compile(rf"(前|后|倒数)([{CN_SMALL}\d])(?:名|位)")
_SAID_FIRST = re.compile(r"(?:位列|排名|排在|位居|居|名列)(?:全省|全市|全县|全区|全国|各[市县区])?(?:第一(?!批|次|期|届)|首位|榜首)")
_SAID_LAST = re.compile(r"(?:位列|排名|排在|位居|居|名列)(?:全省|全市|全县|全区|全国|各[市县区])?(?:末位|最后一?名?|倒数第一)")
_RANK_RUN = re.compile(rf"(?:排名|排|位列|居)?(前|后)([{CN_SMALL}\d])(?:名|位)(?:的|单位|的单位)?(?:是|为|依次是|依次为|分别是|分别为)?[:：]")


def _rank_asked(question: str) -> tuple[str, bool] | None:
    """The ranking a question asks: its side (前 for the first places, 后 for the last) and whether it asks a run of
    places (前三名, 倒数三名) rather than one; None when it asks none."""
    run = _ASKED_RUN.search(question)
    if run:
        return ("前" if run[1] == "前" else "后"), True
    if _ASKED_FIRST.search(question):
        return "前", False
    return ("后", False) if _ASKED_LAST.search(question) else None


def _rank_clause(side: str, run: bool, sentence: str) -> str | None:
    """The clause of a sentence that answers the ranking asked (`_rank_asked`): the clause saying who is first or
    last (甲市以89.47分位列全省第一; 丁市…，位列末位), else of a list of the first or last places the first place (the
    list's lead and first item), the last (the list), or the run of places asked; None when it says none."""
    marks = "，,；;。：:"
    if not run:  # 临溪市以89.47分位列全省第一: a sentence that says who is first (or last)
        said = (_SAID_FIRST if side == "前" else _SAID_LAST).search(sentence)
        if said:
            start = clause_bounds(sentence, said.start(), marks)[0]
            if start == said.start() and start > 0:  # 苇塘市得分74.08分，位列末位: who it is, in the clause before
                start = clause_bounds(sentence, start - 1, marks)[0]
            return sentence[start: said.end()]
    for m in _RANK_RUN.finditer(sentence):
        if m[1] != side:
            continue
        start = clause_bounds(sentence, m.start(), marks)[0]
        end = next((i for i in range(m.end(), len(sentence)) if sentence[i] in "；;。"), len(sentence))
        if side == "前" and not run:  # the first place: the list's first item
            end = next((i for i in range(m.end(), end) if sentence[i] == "、"), end)
        return sentence[start:end]
    return None


def _framed_items(info: QuestionInfo, sentence: str, glossary: Glossary) -> str | None:
    """The clause that lists what an action was done on, framed by 对/围绕 (对A、B、C和D开展执法检查5次, 围绕A、B、C召开专题
    协商会4次), when the action names what the question asks about: three items or more; or a clause of items counted
    as the thing asked (东坝、桥头、石门、柳湾4个人民法庭), as many as it counts. None when no clause is either."""
    def asked(text: str) -> bool:
        return any(len(t) >= 2 and term_present(t, squash(text), glossary) for t in info.terms)

    for clause in re.split(r"[，,；;。]", sentence):
        m = _FRAMED.search(clause)
        items = [i for i in _ITEM_SPLIT.split(m.group(1)) if i] if m and asked(m.group(2)) else []
        if len(items) >= 3 and all(2 <= len(i) <= 24 for i in items):
            return clause
        m = _ITEMS_COUNTED.search(clause)
        items = [i for i in _ITEM_SPLIT.split(m.group(1)) if i] if m and asked(m.group(3)) else []
        n = int(m.group(2)) if m and m.group(2).isdigit() else cn_number(m.group(2)) if m else None
        if len(items) >= 2 and len(items) == n and all(1 <= len(i) <= 16 for i in items):
            return clause
    return None


def _without(text: str, terms: Sequence[str]) -> str:
    """The text with the question's terms cut out, longest first."""
    for t in sorted(terms, key=len, reverse=True):
        text = text.replace(t, "")
    return text


def _led_items(clause: str, asked: str) -> bool:
    """A clause of three or more short 、-items closed by 等, whose first item opens with a verb the (squashed)
    question asks with (重点发展肉类加工、粮油加工、速冻食品等产业 for 重点发展哪些行当)."""
    items = clause.rpartition("等")[0].split("、")
    if len(items) < 3 or not all(2 <= len(i) <= 12 for i in items[1:]):
        return False
    first = items[0]
    return any(first[:k] in asked and first[:k].endswith(_LEAD_VERBS) and 2 <= len(first) - k <= 12
               for k in range(2, min(len(first) - 1, 8)))


# what a plan does with the items it lists (重点发展, 加快培育, 大力推进…), not 包括 or 明确, which lead any list
_LEAD_VERBS = tuple("发展 培育 建设 打造 推进 推动 实施 布局 引进 壮大 提升 支持 扶持 开展 建立 完善 加强 优化 招引 谋划 攻坚 突破".split())


def _through(clause: str, thing: str, terms: Sequence[str]) -> str:
    """The clause up to the thing asked when the thing ends its 、-items inside it and what follows names more of the
    question (完善水晶、细缝、挂锁行业“链长制”工作机制 → 完善水晶、细缝、挂锁行业 for 完善“链长制”的行业), else the clause."""
    at = clause.rfind(thing)
    if not at > clause.rfind("、") >= 0:
        return clause
    rest = clause[at + len(thing):]
    return clause[: at + len(thing)] if any(t != thing and len(t) >= 2 and t in rest for t in terms) else clause


# …帕金森病6个病种: the items' count and what they are, closing them
_COUNT_CLOSE = re.compile(rf"(?:等)?(?:\d{{1,2}}|[{CN_SMALL}两]{{1,3}})[个项类种家所条座]([\u4e00-\u9fff]{{1,6}})$")


def _ends_with_thing(clause: str, thing: str) -> bool:
    """The clause's items end with the thing asked: at its end, after its 等 (…数字化管理等新模式), as the last
    item's own ending before a closing 等 (…XX农贸小镇等), or in their closing count (…6个病种)."""
    if (m := _COUNT_CLOSE.search(clause)) and thing in m[1]:
        return True
    if "等" not in clause:
        return clause.endswith(thing)
    before, _, after = clause.rpartition("等")
    return thing in after[:12] or (not after and before.endswith(thing))


def _items_before(clause: str, thing: str) -> list[str]:
    """布局复合材料、采暖铸造、汽车配件行业: the 、-items of a clause that ends with the thing asked (the first
    without its verb, the last without the thing)."""
    items = clause.split("、")
    if len(items) < 3 or not clause.endswith(thing) or len(items[-1]) <= len(thing):
        return []
    items[-1] = items[-1][: -len(thing)]
    items[0] = items[0][-12:] if len(items[0]) > 12 else items[0]
    return items


def _asked_thing(info: QuestionInfo) -> str | None:
    """The term a list question asks the items of: the first after 哪几种/哪些 (哪几条原则), else the last before it
    (推广的新模式有哪几种)."""
    m = _WHICH_ITEMS.search(info.text)
    if m is None:
        return None
    after = [t for t in info.terms if 0 <= info.text.find(t, m.end()) <= m.end() + 3]
    before = [t for t in info.terms if 0 <= info.text.find(t) < m.start()]
    return (after or before[-1:] or [None])[0]


_WHICH_ITEMS = re.compile(r"哪(?:几|些)(?:方面|[个种条项类大位家])?")


# 分为领域类、区域类及综合基础类三种类型: the items, then their count and what they are (the question names the
# latter, or asks 哪几类 of a bare 三类)
_SAYS_COUNT = re.compile(rf"([{CN_SMALL}两])([个项大类种条])([\u4e00-\u9fff]{{0,6}})$")


# what counts the items the question asks for (“四个体系”, 三重压力, 三大保卫战): a numeral, maybe a counter, a noun
_COUNT_LEAD = re.compile(rf"[{CN_SMALL}两]+[个项大重类种条]?(?=[\u4e00-\u9fff]{{2}})")


def _counted_items(info: QuestionInfo, sentence: str) -> str | None:
    """完善金融市场、产品、机构和基础设施“四个体系”: the items the sentence lists right before (or, after a colon, right
    after) the count term the question names, when there are as many as it asks for; that span of the sentence."""
    n = _asked_count(info)
    if not n or n < 2:
        return None
    for m in _COUNT_LEAD.finditer(info.text):
        if _ORDINAL.get(m.group(0)[0], 2 if m.group(0)[0] == "两" else 0) != n:
            continue
        for size in (4, 3, 2):  # the noun after the numeral, longest the sentence holds (三重压力是哪…: 压力)
            term = info.text[m.start(): m.end() + size]
            at = sentence.find(term)
            if at >= 0 and not re.search(r"[^\u4e00-\u9fff]", term):
                break
        else:
            # the count and the thing's last word, worded otherwise between (那三个引领性产业: 三大先导产业)
            thing = re.split(r"[是有哪的，,？?、]", info.text[m.end():])[0]
            said = re.search(rf"{m.group(0)[0]}[个项大重类种条]?[\u4e00-\u9fff]{{0,4}}?{re.escape(thing[-2:])}",
                             sentence) if len(thing) >= 2 else None
            if said is None:
                continue
            term, at = said.group(0), said.start()
        lo = max(sentence.rfind(p, 0, at) for p in "，,；;。：:（）()") + 1
        end = at + len(term) + (sentence[at + len(term): at + len(term) + 1] in "”\"」")
        if _lists_as_many(sentence[lo: at].strip("“\"「 "), n):
            return sentence[lo: end].strip()
        rest = sentence[end:]
        if rest[:1] in "：:":
            hi = min([j for j in (rest.find(p, 1) for p in "，,；;。（）()") if j > 0] or [len(rest)])
            if _lists_as_many(rest[1: hi], n):
                return sentence[lo: end + hi].strip()
    return None


# 分哪几大类, 包括哪几个方面: a kind of item asked, no number; and a sentence that lists as many as it counts of it
_KIND_ASKED = re.compile(r"哪几(?:个|大)?(类|方面|种|块)")
_KIND_COUNTED = re.compile(rf"([{CN_SMALL}两])(?:个|大)?(类|方面|种|块)")
_LIST_LEAD = re.compile(r"^(?:主要)?(?:包括|包含|涵盖|分为|分成|划分为|按照|围绕|共有|有|即)")


def _self_counted(info: QuestionInfo, sentence: str) -> str | None:
    """The items a sentence lists right before their count of the kind asked (包括甲、乙（注）、丙和丁四类 for 分哪几大类),
    when there are as many as it says; that clause, or None."""
    asked = _KIND_ASKED.search(info.text)
    if asked is None or _asked_count(info):
        return None
    for m in _KIND_COUNTED.finditer(sentence):
        if m.group(2) != asked.group(1):
            continue
        lo = max(sentence.rfind(p, 0, m.start()) for p in "，,；;。：:") + 1
        items = _LIST_LEAD.sub("", re.sub(r"（[^（）]{0,20}）|\([^()]{0,20}\)", "", sentence[lo: m.start()]).strip())
        n = _ORDINAL.get(m.group(1), 2 if m.group(1) == "两" else 0)
        if n >= 2 and _lists_as_many(items, n):
            stop = re.search(r"[，,；;。]", sentence[m.end():])  # …五大类20项主要指标: to the clause's end
            return sentence[lo: m.end() + (stop.start() if stop else len(sentence) - m.end())].strip()
    return None


def _lists_as_many(clause: str, n: int) -> bool:
    """The clause lists n short items (甲、乙、丙和丁)."""
    items = [i for i in re.split(r"、|和|及|与", clause) if i.strip()]
    return len(items) == n and all(1 <= len(i) <= 16 for i in items)


def _inline_item(part: tuple[str, ...], element: str, passages: Sequence[Hit]) -> Draft | None:
    """第三部分的第（六）项 when the part numbers its items in the text (一是…；二是…；六是实施现代物流建设行动): the item
    of that number under the part's heading, when no heading is numbered so."""
    number = next((to_int(re.sub(r"[第（）()、.条项款]", "", p)) for p in part), None)
    if not number:
        return None
    lead = re.compile(rf"(?:^|[。；;：:，,\s]){re.escape(to_chinese(number))}是([^。；;]+)")
    for n, hit in enumerate(passages, start=1):
        if element in hit.section.split(SECTION_SEP) and (m := lead.search(hit.text)):
            return Draft(f"{to_chinese(number)}是{m.group(1).rstrip('，,：: ')}[{n}]。", refused=False, used=[n])
    return None


def _affix_list(info: QuestionInfo, sentence: str) -> str | None:
    """哪几种类型的政府 / 哪几个“强”字头的行动: the clause of three or more short 、-items that end alike (法治政府、
    诚信政府、高效政府) or begin alike (强科技、强工业、强县域), what they share being named by the question (two
    characters or more, or quoted)."""
    quoted = set(re.findall(r"[“\"]([^”\"]{1,60})[”\"]", info.text))  # “强”字头: one character, quoted
    for clause in re.split(r"[，,；;。：:（）()]", sentence):
        items = [i.strip() for i in clause.split("、")]
        if len(items) < 3 or not all(1 <= len(i) <= 16 for i in items[1:-1]) or any(
                i[-n:] in info.text for i in items for n in range(4, len(i) + 1)):
            continue  # an item the question names (区域重大战略) makes these its siblings, not its parts
        end, start = common_ending(items[:-1]), os.path.commonprefix(items[1:])
        if (end and end in items[-1] and (len(end) >= 2 and asks_for(info.text, end) or end in quoted)) or (
                start and start in items[0] and start in quoted):
            return clause.strip()
    return None


def _ending_run(info: QuestionInfo, passages: Sequence[Hit]) -> Draft | None:
    """A list whose items are numbered headings under one parent ending alike with what the question asks
    ((一)网络体系强基行动 … (九)生态体系构建行动 for 哪几大行动; the chain adds the first chunk under each): their
    leads in reading order, each cited to a passage under it."""
    runs: dict[tuple[str, tuple[str, ...]], dict[str, tuple[int, int]]] = {}
    for n, hit in enumerate(passages, start=1):
        path = heading_path(hit.section)
        if path and is_numbered(path[-1]):
            runs.setdefault((hit.doc_id, path[:-1]), {}).setdefault(path[-1], (hit.index, n))
    for run in runs.values():
        if len(run) < MIN_PARALLEL:
            continue
        heads = sorted(run, key=lambda h: run[h][0])
        end = common_ending([item_body(h) for h in heads])
        if len(end) >= 2 and asks_for(info.text, end):
            return Draft("；".join(f"{item_body(h)}[{run[h][1]}]" for h in heads) + "。", refused=False,
                         used=list(dict.fromkeys(run[h][1] for h in heads)))
    return None


_BARE_LABEL = re.compile(r"(?:附件|附表|专栏|第[一二三四五六七八九十\d]{1,3}部分)\s*[\d一二三四五六七八九十]{0,3}[：:]?")


def _label_title(element: str, text: str) -> str:
    """A part headed by a bare label (附件1, 专栏3) is named by the title line under it (附件1 → 2026年省十件民生实事):
    that line in brackets when it is one (short, no sentence end); else ""."""
    if not _BARE_LABEL.fullmatch(squash(element)):
        return ""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    at = next((i for i, x in enumerate(lines) if squash(x).startswith(squash(element).rstrip("：:"))), None)
    title = lines[at + 1] if at is not None and at + 1 < len(lines) else ""
    ok = 2 <= len(title) <= 40 and not _ENDS_SENTENCE.search(title[-1:]) and not re.search(r"[：:]$", title)
    return f"（{tidy_figures(title)}）" if ok else ""


def _items_of(clause: str) -> list[str]:
    """The 、-separated items of a clause, the first without its verb and the last without what follows 等."""
    items = clause.split("、")
    if len(items) >= 3 and (m := _COUNT_CLOSE.search(items[-1])) and len(items[-1]) > len(m[0]):
        items[-1] = items[-1][: m.start()]  # …帕金森病6个病种: as with 等
    elif len(items) < 3 or "等" not in items[-1]:
        return []
    else:
        items[-1] = items[-1].split("等")[0]
    items[-1:] = [i for i in _LAST_JOIN.split(items[-1]) if i]  # A、B、C和D等: D is an item of its own
    items[0] = items[0][-12:] if len(items[0]) > 12 else items[0]
    return items


_LAST_JOIN = re.compile(r"以及|和|及")


# A line that names a document, an annex or a list (…行动计划（2021-2023年）, …工作组名单, …考评指标): a title
_TITLE_LINE = re.compile(r"[^，,。；;：:]{4,60}(?:规划|纲要|意见|报告|方案|通知|决定|办法|条例|计划|要点|名单|指标|细则|清单)"
                         r"(?:[（(][^）)]{2,20}[）)])?")


def _is_heading(text: str, hit: Hit, info: QuestionInfo) -> bool:
    """The document's title, a heading line of the passage's own section path, or a line that is a title (it
    names a document, annex or list, without a sentence's end): never an answer, except to a question about
    sections, or, stating a figure, to a figure question."""
    if info.kind in ("section", "which_section") or _ENDS_SENTENCE.search(text[-1:]):
        return False
    if info.kind == "figure" and quantities(text):
        return False  # a heading that states a figure (一、政务服务“一网通办”（25分）) answers one
    t = squash(text)
    return bool(t) and (t == squash(hit.title) or any(t == squash(p) for p in hit.section.split(SECTION_SEP))
                        or bool(_TITLE_LINE.fullmatch(text.strip())))


@dataclass(frozen=True)
class Candidate:
    passage: int  # 1-based
    text: str
    score: float
    check: Check
    sim: float = 0.0  # embedding similarity to the question
    overlap: float = 0.0  # share of the question's bigrams in the sentence
    term_cov: float = 0.0  # share of the question's content terms (glossary synonyms count)
    lead: str = ""  # the clause dating its paragraph, when it names no year itself (evidence.paragraph_lead)


@dataclass(frozen=True)
class SentenceWeights:
    """How a candidate sentence scores. Fitted on the dev split: the gold sentence is the best passing candidate
    for 0.757 of dev questions (0.712 with the earlier fixed title/figure bonuses; regression 0.959 vs 0.946)."""

    sim: float = 0.45  # embedding similarity to the question
    overlap: float = 0.35  # share of the question's bigrams in the sentence
    terms: float = 0.2  # share of its content terms (glossary synonyms count)
    answer_type: float = 0.1  # holds what the question word asks for (a figure in the unit, a date, a person…)
    passage: float = 0.1  # its passage's rerank score, relative to the best passage's
    year: float = 0.05  # mentions a year the question asks about
    tense: float = 0.05  # a goal asked (目标是多少, 要打多少) and a goal stated (力争…以上), or a result and a result
    person: float = 0.2  # a 谁 question: the answer type again (a named office holder over a sentence that only
    # shares the question's words: 我代表省人民政府… is no answer to 谁作的报告)


@dataclass(frozen=True)
class ExtractiveConfig:
    weights: SentenceWeights = SentenceWeights()
    max_sentences: int = 3
    relative_cut: float = 0.06  # keep sentences within this of the best one
    list_cut: float = 0.15  # wider for list and cross-document questions
    max_quote_chars: int = 160  # longer sentences are cut to their best clauses
    min_sentence_score: float = 0.45  # rules mode: below this no sentence answers
    typed_fallback: bool = False  # model mode: the judgement accepted, so quote the best sentence of the asked type
    max_span_chars: int = 80  # a figure/date/person answer: the clauses that hold it, no longer than this
    masked_gap: float = 0.2  # refuse when the best sentence masks the figure and the next answer is this far behind
    head_check: bool = False  # a figure clause must name the indicator asked (QuestionInfo.head); opt-in
    partner_pool: int = 12  # sentences searched for the second figure of a difference, sum or ratio


_NUMBERED_LINE = re.compile(rf"^(?:[（(](\d{{1,2}}|[{CN_SMALL}])[）)]|(\d{{1,2}})[.．、](?!\d)|([{CN_SMALL}])[是要、])"
                            r"\s*(.{2,200})")
ITEM_LEAD_MAX = 20  # an item whose first sentence is this short is quoted whole (民生优先，群众自愿)


def _names_part(info: QuestionInfo, heading: str) -> bool:
    """The question names the heading's title (基本原则 of （二）基本原则, 工作原则 of 1.4 工作原则)."""
    body = squash(item_body(re.sub(r"^\d{1,2}(?:[.．]\d{1,2})+\s*", "", heading.strip())))
    return len(body) >= 2 and body in info.text


def _named_part_items(info: QuestionInfo, doc: str, section: str, passages: Sequence[Hit]) -> Draft | None:
    """基本原则有哪几条 where a heading under the section names what is asked (（二）基本原则, 1.4 工作原则): the numbered
    items under that heading (1. …, （1）…, （一）…), each quoted by its first sentence or lead clause; None when no
    heading is named or fewer than two items follow it."""
    items: dict[int, tuple[str, int]] = {}

    def add(m: re.Match[str], n: int) -> None:
        raw = m.group(1) or m.group(2) or m.group(3)
        order = int(raw) if raw.isdigit() else _ORDINAL.get(raw, 0)
        first = re.split(r"[。；;]", m.group(4), maxsplit=1)[0].strip()
        lead = first if len(first) <= ITEM_LEAD_MAX else _item_lead(m.group(4))
        if order and lead and order not in items:
            items[order] = (lead, n)

    for n, hit in enumerate(passages, start=1):
        if hit.doc_id != doc:
            continue
        path = hit.section.split(SECTION_SEP)
        for k in range(len(path) - 1):  # 工作要求 › 一、压实工作责任: the numbered part under the one named
            if _names_part(info, path[k]) and (m := _NUMBERED_LINE.match(path[k + 1].strip())):
                add(m, n)
        if not (hit.section.startswith(section) or section.startswith(hit.section)):
            continue
        under = any(_names_part(info, e) for e in path[len(section.split(SECTION_SEP)):])
        for s, e in sentence_spans(hit.text, 0, len(hit.text)):
            for line in hit.text[s:e].strip().split("\n"):
                line = line.strip()
                head = heading_of(line)
                if head and not _NUMBERED_LINE.match(line):
                    under = _names_part(info, head[1])
                    continue
                if under and (m := _NUMBERED_LINE.match(line)):
                    add(m, n)
    if len(items) < 2:
        return None
    chosen = sorted(items.items())[:10]
    return Draft("；".join(f"{lead}[{n}]" for _, (lead, n) in chosen) + "。", refused=False,
                 used=list(dict.fromkeys(n for _, (_, n) in chosen)))


_YEAR_LEAD_BEFORE = re.compile(r"到(\d{4})年[，,]")
_YEAR_SAID = re.compile(r"((?:19|20)\d\d)\s*年")


def _dated(quotes: list[str], sections: Sequence[str], sentences: Sequence[str], befores: Sequence[str] = ()
           ) -> list[str]:
    """Figures computed on are each labelled with the one year their heading is about (一、2024年工作回顾 vs
    二、2025年工作安排), else the one year their whole sentence names (到2027年，…，占比达到65%), else the year the
    passage before it leads with (到2030年，… / ——…达到90亿元), when the years differ and the quote names none: a gap
    between years says which."""
    years = [heading_years(s) or set(_YEAR_SAID.findall(tidy_figures(t)))  # not 惠及企业1900余家
             or set(_YEAR_LEAD_BEFORE.findall(tidy_figures(b))[-1:])
             for s, t, b in zip(sections, sentences, befores or [""] * len(sentences))]
    if len(quotes) != 2 or not all(len(y) == 1 for y in years) or years[0] == years[1]:
        return quotes
    return [q if _YEAR.search(tidy_figures(q)) else f"{next(iter(y))}年：{q}" for q, y in zip(quotes, years)]


def _time_note(lead: str) -> str:
    """A time lead as a note after a quote: 到2025年， → （到2025年）, ——2026年： → （2026年）."""
    return f"（{squash(lead).strip('—－，,：:')}）"


class ExtractiveBackend:
    name = "extractive"

    def __init__(self, embedder: Embedder, cfg: ExtractiveConfig = ExtractiveConfig(), glossary: Glossary | None = None):
        self.embedder = embedder
        self.cfg = cfg
        self.glossary = glossary or Glossary.load()
        self._last: tuple[tuple, list[Candidate]] | None = None  # the answerability check scored these already
        # how an answer names each document (assistant.query.DocLabels.names: a shared title with its year)
        self.doc_names: Callable[[], dict[str, str]] = dict
        # how the question is read: with the base's places (assistant.query.read_places)
        self.read: Callable[[str], QuestionInfo] = analyse

    # --- scoring -------------------------------------------------------
    def candidates(self, info: QuestionInfo, passages: Sequence[Hit]) -> list[Candidate]:
        """Scored sentences of the passages, best first (the last result is reused for the same input)."""
        key = (info.text, tuple((h.chunk_id, h.start, h.end) for h in passages))
        last = self._last
        if last is not None and last[0] == key:
            return list(last[1])
        out = self._score(info, passages)
        self._last = (key, out)
        return list(out)

    def _score(self, info: QuestionInfo, passages: Sequence[Hit]) -> list[Candidate]:
        sents: list[tuple[int, str, Check, str]] = []
        # a named indicator (a glossary term: GDP, 城镇调查失业率) is checked always, its synonyms counting
        named = bool(info.head) and all(h.lower() in self.glossary.group_of for h in info.head)
        checked = info if self.cfg.head_check or named else replace(info, head=())
        for n, hit in enumerate(passages, start=1):
            context = squash(f"{hit.title}\n{hit.section}")
            heading_year = self._heading_year(info, hit)
            for s, e in sentence_units(hit.text):
                text = hit.text[s:e].strip()
                if (len(text) >= 6 and not _TOC_LINE.search(text) and not _is_heading(text, hit, info)
                        and not _ASKED_HERE.search(text)):
                    dated = bool(YEAR_WRITTEN.search(tidy_figures(text)))
                    lead = "" if dated else paragraph_lead(hit.text, s) or heading_year
                    sents.append((n, text, check_sentence(checked, text, self.glossary, context, lead), lead))
        if not sents:
            return []
        qv = self.embedder.embed_queries([info.text])[0]
        sims = self.embedder.embed_sentences([t for _, t, _, _ in sents]) @ qv
        qgrams = bigrams(info.text)
        years = set(info.years)
        asks = question_tense(info.text)
        top = max((h.score for h in passages), default=0.0)
        out = []
        for (n, text, check, lead), sim in zip(sents, sims):
            overlap = len(qgrams & bigrams(text)) / len(qgrams) if qgrams else 0.0
            term_cov = coverage(info, squash(text), self.glossary)
            w = self.cfg.weights
            kind = type_match(info, text)
            score = w.sim * float(sim) + w.overlap * overlap + w.terms * term_cov + w.answer_type * kind
            if info.kind == "who" and not ASKS_MORE_THAN_WHO.search(info.text):
                score += w.person * kind
            if top > 0:
                score += w.passage * passages[n - 1].score / top
            if years and years & set(_YEAR.findall(tidy_figures(text + lead))):
                score += w.year
            if asks and info.kind == "figure":
                said = statement_tense(text)
                score += w.tense * (1 if said == asks else -1 if said else 0)
            out.append(Candidate(n, text, score, check, float(sim), overlap, term_cov, lead))
        out.sort(key=lambda c: -c.score)
        return out

    @staticmethod
    def _heading_year(info: QuestionInfo, hit: Hit) -> str:
        """The year asked when the passage's heading is of it alone and its text writes it (一、2025年工作回顾 over
        全年实现地区生产总值486.3亿元): a figure quoted from it carries that year."""
        years = heading_years(hit.section) if info.kind == "figure" and info.years else set()
        year = next(iter(years)) if len(years) == 1 else ""
        return f"{year}年" if year in info.years and f"{year}年" in hit.text else ""

    # --- composing -----------------------------------------------------
    def _trim(self, info: QuestionInfo, text: str, focus: str = "") -> str:
        """Cut a long sentence to its best clauses (contiguous, around the answering clause), so the quote
        stays readable."""
        if len(text) <= self.cfg.max_quote_chars:
            return text
        clauses = [m.group(0) for m in _CLAUSE.finditer(text)]
        if len(clauses) < 2:
            return text
        qgrams = bigrams(info.text)
        holds = [i for i, c in enumerate(clauses) if focus and focus.strip("，,；;：: ") in c]
        best = holds[0] if holds else max(range(len(clauses)), key=lambda i: (len(qgrams & bigrams(clauses[i])), -i))
        lo = hi = best
        while hi + 1 < len(clauses) and len("".join(clauses[lo:hi + 2])) <= self.cfg.max_quote_chars:
            hi += 1
        return "".join(clauses[lo:hi + 1])

    def _named_in(self, info: QuestionInfo, clause: str) -> set[str]:
        return {t for t in info.terms if term_present(t, squash(clause), self.glossary)}

    def _span(self, info: QuestionInfo, c: Candidate) -> str | None:
        """The shortest run of clauses that answers a figure/date/person question: the clause holding the answer
        that best matches the question (with the clause before it when that one names the subject), then the
        following clauses while they carry figures (年均增长…, 市区…). None when no clause holds such an answer."""
        if info.kind not in ("figure", "when", "who"):
            return None
        if row_cells(c.text):
            return c.text.strip()  # a table row: its indicator, unit and columns together
        clauses = [m.group(0) for m in CLAUSE.finditer(c.text)]
        if len(clauses) < 2:
            return None
        twice = _asks_twice(info.text)
        if info.kind == "figure":
            unit = None if twice else info.unit  # two things asked (总量多少？增速呢？): each in its own unit
            hold = [i for i, x in enumerate(clauses) if has_figure(x, unit) and (
                unit or _DIGIT_FIGURE.search(tidy_figures(x)))]  # in the unit asked (连续三年 for 几年)
        else:
            hold = []
            # a person before a body, unless a body is asked (办公室设在哪个部门: not the clause of its 召集人)
            body = bool(WHICH_BODY.search(info.text)) and "谁" not in info.text
            who = (_BODY_SPAN, OFFICE) if body else (OFFICE, _BODY_SPAN)
            for want in {"when": (_DATE_SPAN,), "who": who}[info.kind]:
                # a year in a title cited (审议《某市2026年…计划》) dates no event
                hold = hold or [i for i, x in enumerate(clauses) if want.search(_CITED_TITLE.sub("", x))]
            if body:  # the body asked is another than the ones the question names (领导小组的办公室设在哪个部门)
                hold = [i for i in hold if _BODY_SPAN.search(_without(clauses[i], info.terms))] or hold
        if info.kind == "when" and (done := asked_event(info.text)):  # 哪天开始施行: the date of 施行, not of 通过
            hold = [i for i in hold if done in squash(clauses[i])] or hold
        if not hold:
            return None
        if info.kind == "figure":  # a figure the question itself gives (那186个项目干完了多少) is no answer to it
            given = set(_NUMBER.findall(tidy_figures(info.text)))
            hold = [i for i in hold if set(_NUMBER.findall(tidy_figures(clauses[i]))) - given] or hold
        qgrams = bigrams(info.text)

        asked = {squash(x) for t in info.terms for x in synonyms(t, self.glossary)}  # 居民收入 = 居民人均可支配收入
        modifiers = [m for m in target_vocab().words("modifier") if m not in info.text and not any(m in x for x in asked)]

        def match(j: int) -> tuple[float, int]:
            # the clause's own content terms first (粮食产量511万吨 over 今年目标是：生产总值增长5%, which shares
            # only the question's frame words), then the words it shares with the clause before it; a term that a
            # modifier the question lacks makes another indicator (人均GDP for GDP) does not count
            def cover(text: str) -> float:
                text = squash(text)
                for m in modifiers:
                    text = re.sub(rf"{m}[^，,；;：:。]{{0,6}}", "", text) if m in text else text
                return coverage(info, text, self.glossary) if info.terms else 0.0

            own = cover(clauses[j])
            if not own and j > 0 and not _DIGIT_FIGURE.search(tidy_figures(clauses[j - 1])):
                # its subject: a clause before it with no figure (紧急信息，要在…2小时内报送)
                own = cover(clauses[j - 1] + clauses[j])
            return own, len(qgrams & bigrams("".join(clauses[max(0, j - 1): j + 1])))

        i = max(hold, key=lambda j: (*match(j), -j))
        focused = [j for j in hold if c.check.focus and clauses[j] == c.check.focus]
        if info.kind == "figure" and len(focused) == 1 and focused[0] != i and (
                self._named_in(info, clauses[focused[0]]) - self._named_in(info, clauses[i])):
            i = focused[0]  # 区属国企欠债: 负债总额679.16亿元 (its subject in the clause before), not 资产总额
        lo, hi = i, i
        if i > 0 and len(qgrams & bigrams(clauses[i - 1])) > len(qgrams & bigrams(clauses[i])) / 2:
            lo = i - 1
        if info.kind == "figure" and lo > 0 and _TIME_LEAD.fullmatch(clauses[lo - 1]):
            lo -= 1
        if info.kind == "figure":
            lo = subject_start(info, clauses[:i + 1], lo, self.glossary)
        several = bool(_SEVERAL.search(info.text)) or twice
        if several and info.kind == "figure":  # every figure clause the question's own words name, and those between
            named = [j for j in hold if match(j)[0] > 0]
            if named and len("".join(clauses[min(lo, *named):max(hi, *named) + 1])) <= self.cfg.max_span_chars:
                lo, hi = min(lo, *named), max(hi, *named)

        def goes_on(j: int) -> bool:
            nxt = clauses[j]
            return bool(_DIGIT_FIGURE.search(tidy_figures(nxt))) and bool(
                several or qgrams & bigrams(nxt) or _GOES_ON.match(nxt.strip()))

        while info.kind == "figure" and hi + 1 < len(clauses) and len("".join(clauses[lo:hi + 2])) <= self.cfg.max_span_chars:
            if goes_on(hi + 1):
                hi += 1
            elif hi + 2 < len(clauses) and _GOES_ON.match(clauses[hi + 2].strip()) and goes_on(hi + 2) \
                    and len("".join(clauses[lo:hi + 3])) <= self.cfg.max_span_chars:
                hi += 2  # …的30%，给予一次性奖补，最高300万元: one clause without a figure between
            else:
                break
        if info.kind == "when" and "谁" in info.text and hi + 1 < len(clauses) and OFFICE.search(clauses[hi + 1]):
            hi += 1  # 哪天开的，谁主持的: the date, then the person its next clause names
        if info.kind == "when" and _UNTIL_TOO.search(info.text) and hi + 1 < len(clauses) and \
                _DATE_SPAN.search(clauses[hi + 1]):
            hi += 1  # 从哪天开始执行，管到什么时候: the date it starts, then the one its next clause ends it on
        if info.kind == "when" and _WHERE_TOO.search(info.text) and hi + 1 < len(clauses) and \
                _PLACE_SAID.search(clauses[hi + 1]):
            hi += 1  # 哪天开，在哪开: the date, then the place its next clause names
        span = "".join(clauses[lo:hi + 1])
        return span if len(span) <= self.cfg.max_quote_chars else None

    def _quote(self, info: QuestionInfo, c: Candidate) -> str:
        span = self._span(info, c)
        text = quotable(span or self._trim(info, c.text, c.check.focus)).strip().rstrip("。；;，,、：:！!？? ")
        text = _WRAP.sub("", text)  # a sentence wrapped over two lines (a dateline) reads as one
        if info.kind == "figure" and not re.search(rf"{YEAR}\s*年", text):  # the time the figure is of, noted
            if span and (lead := _TIME_LEAD.match(c.text)) and not span.startswith(lead.group(0)):
                text += _time_note(lead.group(0))  # 到2025年，建成…，至少建设3个…
            elif c.lead:
                text += _time_note(c.lead)  # 到2027年，主要目标是：/ ——…达到40%
        if info.kind == "when" and not re.search(rf"{YEAR}年", text) and (run := _CN_YEAR_RUN.search(text)):
            text += f"（{arabic_figures(run.group(0))}）"  # 从二〇二〇年到二〇三五年…（2020年到2035年）
        return text + f"[{c.passage}]。"

    def _led_list(self, info: QuestionInfo, passing: Sequence[Candidate]) -> Draft | None:
        """重点发展哪些行当: the clause of short items after the verb the question asks with (重点发展肉类加工、粮油加工…
        等产业); of several, the one whose clause and the clause before it name most of the question (新兴产业…大力发展)."""
        asked = squash(info.text)
        led = [(c, cl) for c in passing for cl in re.split(r"[，,；;。：:]", c.text) if _led_items(cl, asked)]

        def named(x: tuple[Candidate, str]) -> int:
            at = x[0].text.find(x[1])
            before = re.split(r"[，,；;。]", x[0].text[:max(at, 0)].rstrip("，,；; "))[-1]
            return sum(term_present(t, squash(before + x[1]), self.glossary) for t in info.terms)
        return self._clause_draft(*max(led, key=named)) if led else None

    def _quote_through(self, info: QuestionInfo, c: Candidate, computed: str) -> str:
        """The quote of a sentence from where its span starts through the clause of the last figure the computed
        sentence names (…空气质量优良天数达到241天,增加135天)."""
        text = quotable(c.text)
        span = quotable(self._span(info, c) or "")
        start = max(text.find(span), 0) if span else 0
        used = [q.start + len(q.written) for q in quantities(text) if q.written in computed and q.start >= start]
        end = max(used, default=len(text))
        stop = re.search(r"[，,；;。]", text[end:])
        return text[start: end + (stop.start() if stop else len(text) - end)].rstrip("。；;，,、：:！!？? ") + f"[{c.passage}]。"

    def stream(self, question: str, passages: Sequence[Hit]) -> Iterator[Piece | Draft]:
        yield from stream_by_sentence(self.answer(question, passages))

    def answer(self, question: str, passages: Sequence[Hit]) -> Draft:
        info = self.read(question)
        if info.kind in ("section", "which_section"):
            draft = self._section_answer(info, passages)
            if draft is not None:
                return draft
        level = outline_level(info.text)
        if level is not None:
            draft = self._outline_answer(level, passages)
            if draft is not None:
                return draft
        if DEFINE.search(info.text):
            defined = definition(info.text, passages)
            if defined is not None:
                return defined
        field = field_answer(info.text, passages) or _issuer_answer(info, passages)
        if field is not None:
            return field
        ranked = self.candidates(info, passages)
        passing = [c for c in ranked if c.check.ok]
        if (asked := _rank_asked(info.text)) is not None:
            ranking = [(c, cl) for c in ranked for cl in [_rank_clause(*asked, c.text)] if cl]
            if ranking:  # of several ranked groups (区县…, 市直部门…), the one whose words before it the question names
                def group_named(c: Candidate) -> int:
                    text = passages[c.passage - 1].text
                    at = max(text.find(c.text), 0)
                    return sum(t in text[max(0, at - RANK_LEAD): at] + c.text for t in info.terms)
                return self._clause_draft(*max(ranking, key=lambda x: group_named(x[0])))
        if operations(info.text)[:1] in (["prior"], ["annual"]):
            worked = self._worked(info, ranked)
            if worked is not None:
                return worked
        if passing and ranked[0].check.masked and ranked[0].score - passing[0].score > self.cfg.masked_gap:
            return Draft(REFUSAL, refused=True, reason="the best matching sentence masks the figure (XX)")
        if not passing and self.cfg.typed_fallback:
            # The answerability judgement accepted these passages: quote the best sentence of the asked type.
            passing = [c for c in ranked if not c.check.masked and type_match(info, c.text) > 0][:1]
        if not passing or (not self.cfg.typed_fallback and passing[0].score < self.cfg.min_sentence_score):
            reason = ranked[0].check.reason if ranked and not ranked[0].check.ok else "no sentence answers the question"
            return Draft(REFUSAL, refused=True, reason=reason)
        if info.cross_doc and len({passages[c.passage - 1].doc_id for c in passing}) > 1:
            # documents compared; places of one document (厦门和福州…加起来) are answered as one document
            return self._per_document(info, passing, passages)
        if info.kind == "what":  # 两步走是怎么安排的: the arrangement is the colon's items, not the first of them
            introduced = self._introduced(info, passing[:1], passages)
            if introduced is not None:
                return introduced
        announced = self._announced(info, passing[:UNCOUNTED_AMONG], passages) if info.kind == "list" else None
        if announced is not None:
            return announced
        if info.kind == "list" and _ASKS_SEVERAL.search(info.text):
            framed = next(((c, cl) for c in passing[:3] for cl in [_framed_items(info, c.text, self.glossary)] if cl),
                          None)
            if framed is not None:
                return self._clause_draft(*framed)
            counted = next(((c, cl) for c in passing[:3] for cl in [_self_counted(info, c.text)] if cl), None)
            if counted is not None:  # 分哪几大类: 包括甲、乙、丙和丁四类, before headings of a part
                return self._clause_draft(*counted)
            headed = self._parallel(info, passages, headed=True)
            if headed is not None:
                return headed
            # the items counted by the thing the question counts (五大战略) first, then any quoted group of as many
            counted = next(((c, cl) for c in passing[:5] for cl in [_counted_items(info, c.text)] if cl), None)
            if counted is not None:
                return self._clause_draft(*counted)
            # near the best, and naming as much of the question as it (北区…布局哪些行业: not 南区's sentence)
            near = [c for c in passing[:5] if c.score >= passing[0].score - self.cfg.list_cut
                    and c.term_cov >= passing[0].term_cov]
            inline = next((c for c in passing[:5] if _inline_list(info, c.text)), None)
            if inline is not None:
                return self._draft([self._quote(info, inline)], [inline])
            clause = next(((c, cl) for c in near for cl in [_inline_list(info, c.text, quoted_only=False)] if cl), None)
            if clause is not None:
                return self._clause_draft(*clause)
            affixed = next(((c, cl) for c in passing[:3] for cl in [_affix_list(info, c.text)] if cl), None)
            if affixed is not None:
                return self._clause_draft(*affixed)
            introduced = self._introduced(info, passing[:5], passages)
            if introduced is not None:
                return introduced
            sequenced = _sequenced(info, passages[passing[0].passage - 1].doc_id, passages, self.glossary)
            if sequenced is not None:
                return sequenced
            if _opens_quoted(info, _parallel_leads(passages)):  # the lines that open as quoted, before any other run
                draft = self._parallel(info, passages)
                if draft is not None:
                    return draft
            led = self._led_list(info, passing[:5])
            if led is not None:
                return led
            draft = (_ending_run(info, passages) or self._enumeration(info, passing[0], passages)
                     or self._parallel(info, passages))
            if draft is not None:
                return draft
        # 工作要求讲了哪几方面: the numbered parts under the heading named, wherever asked (a question of several items
        # had them looked for already, by _enumeration)
        if info.kind == "list" and not _ASKS_SEVERAL.search(info.text):
            first = passages[passing[0].passage - 1]
            named = _named_part_items(info, first.doc_id, enumeration_section(first.section), passages)
            if named is not None:
                return named
        cut = self.cfg.list_cut if info.kind == "list" else self.cfg.relative_cut
        best = passing[0].score
        chosen: list[Candidate] = []
        top_doc = passages[passing[0].passage - 1].doc_id
        for c in passing:
            if len(chosen) >= self.cfg.max_sentences or c.score < best - cut:
                break
            if any(c.text in o.text or o.text in c.text for o in chosen):
                continue
            if info.kind == "figure" and not info.cross_doc and passages[c.passage - 1].doc_id != top_doc:
                continue  # one document's figure answers a question about one: another's is a guess beside it
            chosen.append(c)
        chosen = _rows_keyed(info, chosen)
        if chosen and not info.cross_doc and not operation(info.text):  # one document's other things asked
            if info.kind in ("figure", "when", "who"):
                chosen += self._other_asks(info, chosen, ranked, passages)
            if info.kind == "figure":
                chosen += self._each_asks(info, chosen, ranked, passages)
        if info.kind == "when" and chosen and _WHERE_TOO.search(info.text) and not any(
                _PLACE_SAID.search(c.text) for c in chosen):  # 哪天开，在哪开: the sentence that says where, too
            doc = passages[chosen[0].passage - 1].doc_id
            chosen += [c for c in ranked if c not in chosen and passages[c.passage - 1].doc_id == doc
                       and _PLACE_SAID.search(c.text)][:1]
        # Quote in reading order: by passage rank, then position in the passage.
        chosen.sort(key=lambda c: (c.passage, passages[c.passage - 1].text.find(c.text)))
        parts = [self._quote(info, c) for c in chosen]
        bare = [_MARKERS.sub("", p) for p in parts]
        # the same words quoted twice (one clause of two sentences, a sentence two passages share) are said once
        kept = [i for i, b in enumerate(bare) if b not in bare[:i]]
        chosen, parts, bare = [chosen[i] for i in kept], [parts[i] for i in kept], [bare[i] for i in kept]
        # one document's figures only, unless the question compares documents
        one_doc = info.cross_doc or len({passages[c.passage - 1].doc_id for c in chosen}) == 1
        computed = computed_sentence(info.text, bare, [f"[{c.passage}]" for c in chosen]) if one_doc else None
        if computed is None and operation(info.text):
            paired = self._paired(info, chosen[0], ranked, passages)
            if paired is not None:
                chosen, parts, computed = paired
        if computed is None and operation(info.text) and one_doc:
            # the figures the question computes on may lie in the clauses the quote left out (达到241天,增加135天)
            first = chosen[0]
            whole = computed_sentence(info.text, [quotable(first.text)], [f"[{first.passage}]"])
            if whole is not None:
                chosen, parts, computed = [first], [self._quote_through(info, first, whole)], whole
        if computed:
            texts = [passages[c.passage - 1].text for c in chosen]
            parts = _dated(parts, [passages[c.passage - 1].section for c in chosen], [c.text for c in chosen],
                           [t[:max(t.find(c.text), 0)] for t, c in zip(texts, chosen)])
        return self._draft(parts + ([computed] if computed else []), chosen)

    def _other_asks(self, info: QuestionInfo, chosen: list[Candidate], ranked: Sequence[Candidate],
                    passages: Sequence[Hit]) -> list[Candidate]:
        """A question that asks two things in two clauses (编制是多少，实际在岗几个人？): for each clause that names its
        own thing and that no chosen sentence answers, the best sentence of the same document that does."""
        clauses = asking_clauses(info.text)
        if len(clauses) < 2:
            return self._follow_ups(info, chosen, ranked, passages) if info.kind == "figure" else []
        doc = passages[chosen[0].passage - 1].doc_id
        taken = list(chosen)

        def answers(sub: QuestionInfo, c: Candidate) -> bool:
            hit = passages[c.passage - 1]
            return check_sentence(sub, c.text, self.glossary, squash(f"{hit.title}\n{hit.section}")).ok

        for clause in clauses:
            sub = self.read(clause)
            if sub.kind not in ("figure", "when", "who") or not sub.terms or any(answers(sub, c) for c in taken):
                continue
            found = next((c for c in ranked if c not in taken and not c.check.masked
                          and passages[c.passage - 1].doc_id == doc and answers(sub, c)), None)
            if found is not None:
                taken.append(found)
        if info.kind == "figure":
            taken += self._follow_ups(info, taken, ranked, passages)
        return taken[len(chosen):]

    def _follow_ups(self, info: QuestionInfo, chosen: list[Candidate], ranked: Sequence[Candidate],
                    passages: Sequence[Hit]) -> list[Candidate]:
        """A figure asked again of another case (每课时多少钱？带社团的呢？立了二等功呢？): the sentence of the chosen one's
        passage that names the case, with a figure, unless a chosen sentence already does."""
        first = chosen[0]
        found = []
        for clause in follow_ups(info.text):
            own = self.read(clause).terms
            if not own or any(all(term_present(t, squash(c.text), self.glossary) for t in own) for c in chosen + found):
                continue
            c = next((c for c in ranked if c not in chosen and c not in found and c.passage == first.passage
                      and not c.check.masked and has_figure(c.text) is True
                      and all(term_present(t, squash(c.text), self.glossary) for t in own)), None)
            if c is not None:
                found.append(c)
        return found

    def _each_asks(self, info: QuestionInfo, chosen: list[Candidate], ranked: Sequence[Candidate],
                   passages: Sequence[Hit]) -> list[Candidate]:
        """Items asked a figure each (辅导备案、申报受理、成功上市各奖多少): for each item no chosen sentence names, the best
        sentence of the same document that names it and holds a figure of the kind asked."""
        items = _each_items(info.text)
        if not items:
            return []
        doc = passages[chosen[0].passage - 1].doc_id
        taken = list(chosen)

        def held(item: str, c: Candidate) -> float:  # 申报受理 in 提交…上市申请并获受理的: its words, one by one
            words = [w for w, _ in tagged_words(item) if len(w) > 1] or [item]
            text = squash(c.text)
            return 1.0 if term_present(item, text, self.glossary) else \
                sum(term_present(w, text, self.glossary) for w in words) / len(words)

        for item in items:
            if any(held(item, c) == 1.0 for c in taken):
                continue
            found = [(held(item, c), -i, c) for i, c in enumerate(ranked) if c not in taken and not c.check.masked
                     and passages[c.passage - 1].doc_id == doc and has_figure(c.text, info.unit) is True]
            best = max(found, key=lambda x: x[:2], default=None)
            if best is not None and best[0] >= 0.5:
                taken.append(best[2])
        return taken[len(chosen):]

    def _worked(self, info: QuestionInfo, ranked: Sequence[Candidate]) -> Draft | None:
        """A level worked back from its rate, or a year of a monthly amount, from whichever sentence of the question's
        words gives what it needs: the clauses from the first figure used to the last, and the computation."""
        found = next(((c, w) for c in ranked[:WORKED_AMONG] if c.term_cov > 0
                      for w in [computed_sentence(info.text, [quotable(c.text)], [f"[{c.passage}]"])] if w), None)
        if found is None:
            return None
        c, worked = found
        text = quotable(c.text)
        at = [q.start for q in quantities(text) if q.written in worked]  # the level and its rate, and between
        quote = text[clause_bounds(text, min(at), "，,；;。")[0]: clause_bounds(text, max(at), "，,；;。")[1]] if at else text
        return self._draft([f"{quote.rstrip('。；;，,、：: ')}[{c.passage}]。", worked], [c])

    def _clause_draft(self, c: Candidate, clause: str) -> Draft:
        """The clause that lists the items is the answer; the citation shows the sentence."""
        return self._draft([f"{quotable(clause).rstrip('。；;，,、：:！!？? ')}[{c.passage}]。"], [c])

    def _paired(self, info: QuestionInfo, first: Candidate, ranked: Sequence[Candidate], passages: Sequence[Hit]):
        """The best sentence's figure and its partner among the other sentences of the passages (of its document,
        unless the question compares documents), when the question computes on two figures the answer quoted only
        one of: (chosen, quotes, computed sentence), or None."""
        doc = passages[first.passage - 1].doc_id
        pool = [c for c in ranked if c is not first and not c.check.masked and c.text not in first.text
                and first.text not in c.text and (info.cross_doc or passages[c.passage - 1].doc_id == doc)]
        pool = pool[: self.cfg.partner_pool]
        quotes = [_MARKERS.sub("", self._quote(info, c)) for c in (first, *pool)]
        i = partner(info.text, quotes[0], quotes[1:])
        if i is None:
            return None
        pair = sorted((first, pool[i]), key=lambda c: (c.passage, passages[c.passage - 1].text.find(c.text)))
        parts = [self._quote(info, c) for c in pair]
        computed = computed_sentence(info.text, [_MARKERS.sub("", p) for p in parts], [f"[{c.passage}]" for c in pair])
        return (pair, parts, computed) if computed else None

    def _introduced(self, info: QuestionInfo, passing: Sequence[Candidate], passages: Sequence[Hit]) -> Draft | None:
        """A list the documents introduce by its own name and a colon (主要预期目标是：A；B；C。): the whole
        sentence, its items being the clauses after the colon, when what comes before the colon names what the
        question lists (most of its terms)."""
        for c in passing:
            text = passages[c.passage - 1].text
            at = text.find(c.text)
            if at < 0:
                continue
            start = max(text.rfind(m, 0, at) for m in _FULL_STOP) + 1
            ends = [e for e in (text.find(m, at) for m in _FULL_STOP) if e >= 0]
            end = min(ends) + 1 if ends else len(text)
            whole = re.sub(r"\s+", "", text[start:end])
            also = None  # the passage the list runs on into (the chunk right after), cited too
            if not ends and runs_on_unmarked(info, text) and (nxt := _next_chunk(passages[c.passage - 1], passages)):
                stops = [e for e in (nxt.text.find(m) for m in _FULL_STOP) if e >= 0]
                whole += re.sub(r"\s+", "", nxt.text[: min(stops) + 1 if stops else len(nxt.text)])
                also = passages.index(nxt) + 1
            colon = _INTRO.search(whole)
            items = [i for i in _ITEMS.split(whole[colon.end():].rstrip("。！？")) if i] if colon else []
            if len(items) < 2:  # a passage cut after the first item (…；) lists nothing
                continue
            # a run-in title the sentence follows on its line ((四)一票否决。考核年度内发生下列情形之一的…：) names it too
            line = text[text.rfind("\n", 0, start) + 1: start]
            titled = squash(line) if len(squash(line)) <= _RUNIN_TITLE else ""
            if coverage(info, titled + whole[: colon.start()], self.glossary) >= _INTRO_COVERAGE:
                quote = quotable(whole).rstrip("。！？；;， ") + f"[{c.passage}]" + (f"[{also}]" if also else "") + "。"
                draft = self._draft([quote], [c])
                if also:
                    draft.used.append(also)
                return draft
        return None

    def _per_document(self, info: QuestionInfo, passing: list[Candidate], passages: Sequence[Hit]) -> Draft:
        best_per_doc: dict[str, Candidate] = {}
        for c in passing:
            doc = passages[c.passage - 1].doc_id
            if doc not in best_per_doc and c.score >= passing[0].score - self.cfg.list_cut:
                best_per_doc[doc] = c
        chosen = list(best_per_doc.values())[: self.cfg.max_sentences]
        names = self.doc_names()
        quotes = [self._quote(info, c) for c in chosen]
        parts = [f"《{names.get(passages[c.passage - 1].doc_id) or passages[c.passage - 1].title}》：{q}"
                 for c, q in zip(chosen, quotes)]
        computed = across(info.text, [_MARKERS.sub("", q) for q in quotes],
                          [f"[{c.passage}]" for c in chosen]) if len(chosen) > 1 and operation(info.text) else None
        return self._draft(parts + ([computed] if computed else []), chosen)

    @staticmethod
    def _announced(info: QuestionInfo, passing: Sequence[Candidate], passages: Sequence[Hit]) -> Draft | None:
        """A list a sentence announces by its count, its items marked right after (至少有三大宝贵机遇：一是产业转移
        机遇。…二是…; 集中体现在四个方面。一是区位优势。…): each item's lead, as many as announced (and as the
        question counts, when it does), continued in the passages of the same part."""
        for rank, c in enumerate(passing):
            hit = passages[c.passage - 1]
            at = hit.text.find(c.text)
            found = list(_ANNOUNCES.finditer(c.text)) if at >= 0 and rank < ANNOUNCED_AMONG else []
            n = _announced_count(info, found[-1]) if found else 0
            said = list(_UNCOUNTED_ANNOUNCES.finditer(c.text)) if at >= 0 and not n else []
            if said:  # 必须把握好以下几点：一是…；二是…: every item in order, continued in the passages of its part
                end = at + said[-1].end()
                items = _grown([(lead, c.passage) for lead in _leads_after(hit.text[end:])],
                               _same_part(hit, passages, announcing_part(hit, end)), None)
                if len(items) >= 2:
                    return Draft("；".join(f"{lead}[{k}]" for lead, k in items) + "。", refused=False,
                                 used=list(dict.fromkeys(k for _, k in items)))
            if not n:
                # announced without a count (也要清醒看到存在的困难和问题。第一，…第二，…): the items right after it,
                # when the announcing sentence holds as much of the question as the best one
                leads = _leads_after(hit.text[at + len(c.text):]) if at >= 0 and c.text.rstrip().endswith(
                    ("。", "：", ":")) and c.term_cov >= passing[0].term_cov else []
                if len(leads) >= 2:
                    return Draft("；".join(f"{lead}[{c.passage}]" for lead in leads) + "。", refused=False,
                                 used=[c.passage])
                continue
            rest = hit.text[at + found[-1].end():]
            items = [(lead, c.passage) for lead in _leads_after(rest)]
            if items or not rest.strip():  # announced at the passage's end: the items all after it
                items = _grown(items, _same_part(hit, passages), n)
            if len(items) >= n:
                items = items[:n]
                return Draft("；".join(f"{lead}[{k}]" for lead, k in items) + "。", refused=False,
                             used=list(dict.fromkeys(k for _, k in items)))
        return None

    def _enumeration(self, info: QuestionInfo, best: Candidate, passages: Sequence[Hit]) -> Draft | None:
        """List questions whose answer is a run of numbered items (一是…二是…, （一）…) in one section:
        quote each item's lead clause, in order, from every passage of that section."""
        section = enumeration_section(passages[best.passage - 1].section)
        doc = passages[best.passage - 1].doc_id
        named = _named_part_items(info, doc, section, passages)
        if named is not None:
            return named
        items: dict[int, tuple[str, int]] = {}
        for n, hit in enumerate(passages, start=1):
            if hit.doc_id != doc or not (hit.section.startswith(section) or section.startswith(hit.section)):
                continue
            lines = [hit.text[s:e].strip() for s, e in sentence_spans(hit.text, 0, len(hit.text))]
            for line in lines + hit.section.split(SECTION_SEP):
                m = _ITEM.match(line)
                if m:
                    order = _ORDINAL.get(m.group(1) or m.group(2), 0)
                    lead = _item_lead(m.group(3))
                    if order and lead and order not in items:
                        items[order] = (lead, n)
        if len(items) < 2:
            return None
        parts = [f"{lead}[{n}]" for _, (lead, n) in sorted(items.items())[:10]]
        used = list(dict.fromkeys(n for _, n in [v for _, v in sorted(items.items())[:10]]))
        return Draft("；".join(parts) + "。", refused=False, used=used)

    def _parallel(self, info: QuestionInfo, passages: Sequence[Hit], headed: bool = False) -> Draft | None:
        """A list whose items open alike (聚焦…, 紧扣…, ——必须坚持…) with a word the question names, or (`headed`
        only) lines under a heading the question names (基本原则: ——始终坚持…): the run that shares most
        with the question, as many items as it counts; each item's lead clause, cited."""
        want = _asked_count(info)
        qgrams = bigrams(info.text)
        best = None
        leads = _parallel_leads(passages)
        if headed and _opens_quoted(info, leads):
            return None  # 都是“始终坚持”打头的: the lines that open so, not the parts of a heading named
        for start, items, heading in leads:
            # the question names the items' opening (“八个聚焦”, 走好哪几条路) or the part they make up: a run merely
            # on its topic is no answer
            body = squash(item_body(heading)) if heading else ""
            named = len(body) >= 2 and body in info.text  # 基本原则有哪几条 under （二）基本原则
            if not (named if headed else start in info.text and start != NUMBERED) or (
                    want is not None and len(items) < want):
                continue
            if headed and any(len(b) >= 4 and b in info.text for lead, _ in items for b in [squash(item_body(lead))]):
                continue  # 门诊慢特病新加了哪几种: the part asked is one of these, its siblings no answer
            shared = len(qgrams & bigrams("".join(lead for lead, _ in items)))
            if best is None or shared > best[0]:
                best = (shared, items[:want] if want else items[:10])
        if best is None:
            return None
        items = best[1]
        return Draft("；".join(f"{lead}[{n}]" for lead, n in items) + "。", refused=False,
                     used=list(dict.fromkeys(n for _, n in items)))

    @staticmethod
    def _outline_answer(level: str, passages: Sequence[Hit]) -> Draft | None:
        """How the first passage's document is divided: each part's heading, cited to a passage under it, in
        reading order (the chain found them through the heading tree); None unless two parts show."""
        if not passages:
            return None
        doc = passages[0].doc_id
        parts: dict[str, int] = {}
        for n, hit in enumerate(passages, start=1):
            part = outline_part(hit.section, level) if hit.doc_id == doc else None
            if part is not None:
                parts.setdefault(part, n)
        parts = numbered_parts(parts, level)
        if len(parts) < 2:
            return None
        items = [f"{tidy_figures(p).rstrip('。；;，,：: ')}[{n}]" for p, n in parts.items()]
        return Draft(f"共{len(parts)}{level}：{'；'.join(items)}。", refused=False, used=list(dict.fromkeys(parts.values())))

    @staticmethod
    def _draft(parts: list[str], chosen: list[Candidate]) -> Draft:
        used: list[int] = []
        for c in chosen:
            if c.passage not in used:
                used.append(c.passage)
        return Draft("".join(parts), refused=False, used=used)

    def _section_answer(self, info: QuestionInfo, passages: Sequence[Hit]) -> Draft | None:
        """Answer 第七篇讲什么 / 哪一篇讲乡村振兴 from heading paths; cite a passage whose text holds the heading."""
        numbers = range(1, len(passages) + 1)  # the chain already kept passages about the right document
        heads: list[tuple[float, str, int]] = []
        levels = _asked_levels(info.text)
        level = levels[0] if len(levels) == 1 else None  # 哪一篇哪一章: the whole path, down to the heading found
        if info.kind == "section" and (as_parts := items_as_parts(list(info.parts))) and not any(
                matches(e, p) for h in passages for e in h.section.split(SECTION_SEP) for p in info.parts) and \
                not (len(info.parts) == 1 and _runin_answer(info, passages)):
            info = replace(info, parts=tuple(as_parts))  # 纪要第三项 of a document numbered 一、二、三、, no 三是
        fixed = [p for p in info.parts if not is_last(p)]
        for n in numbers:
            path = passages[n - 1].section.split(SECTION_SEP)
            for element in path:
                if info.kind == "section":
                    # the part named last is the one asked (第三部分的第（八）项 asks for the item)
                    rank = max((i + 1 for i, p in enumerate(info.parts) if matches(element, p)), default=0)
                    if rank and is_last(info.parts[rank - 1]) and not within(path, fixed):
                        rank = 0  # 第七篇最后一章: a chapter of another part is not the one asked
                    if rank or any(element.startswith(r) for r in info.section_refs):
                        # 最后一部分: of the parts shown, the one numbered last
                        last = rank and is_last(info.parts[rank - 1])
                        heads.append((float(rank or 1) + (ordinal(element) / 1000 if last else 0), element, n))
                else:
                    # 哪一篇 asks for a 第X篇 heading; 哪一部分/第几项 for whichever heading names the topic
                    if level is None or _of_level(element, level):
                        cov = coverage(info, squash(element), self.glossary)
                        if cov > 0:
                            heads.append((cov, element, n))
        if info.kind == "which_section" and level is None:
            return self._where(info, heads, passages)
        if not heads:
            return _runin_answer(info, passages) if info.kind == "section" and len(info.parts) == 1 else None
        score, element, n = max(heads, key=lambda t: (t[0], -t[2]))
        if info.kind == "section" and int(score) < len(info.parts):
            inline = _inline_item(info.parts[-1], element, passages)
            if inline is not None:
                return inline
        # Prefer a passage that shows the heading itself, so the citation supports the answer.
        holder = _showing(element, passages) or n
        if info.kind != "section":
            # 放在第几章？属于哪一篇: the parts above the one found, as its path shows them
            path = passages[n - 1].section.split(SECTION_SEP)
            above = path[: path.index(element)] if level is not None and element in path else []
            return _path_draft(info, [*above, element], holder, passages, full=path[: path.index(element) + 1]
                               if element in path else [element])
        # What a part says: its heading, then the headings of its sub-parts, each cited to a passage under it.
        children: dict[str, int] = {}
        for m in numbers:
            path = passages[m - 1].section.split(SECTION_SEP)
            if element in path and path.index(element) + 1 < len(path):
                children.setdefault(path[path.index(element) + 1], m)
        if 0 < len(children) < FEW_SUBPARTS:  # sub-parts the chunker kept inside one chunk, from their heading lines
            children = _children_in_text(element, children, passages)
        if not children:  # sub-parts led by a short sentence: a line of its own (旗帜鲜明讲政治。) or a paragraph's
            for m in numbers:  # first (加强文化遗产保护传承。聚力打造…)
                if passages[m - 1].section.split(SECTION_SEP)[-1:] == [element]:
                    for line in passages[m - 1].text.splitlines():
                        lead = _LEAD.match(line.strip())
                        if lead and squash(lead.group(0).rstrip("。")) != squash(element).rstrip("。"):
                            children.setdefault(lead.group(0).rstrip("。"), m)
        parts = [f"{tidy_figures(c).rstrip('。；;，, ')}[{m}]" for c, m in list(children.items())[:MAX_SUBPARTS]]
        head = f"{tidy_figures(element).rstrip('。；;，,：: ')}{_label_title(element, passages[holder - 1].text)}[{holder}]"
        used = list(dict.fromkeys([holder, *children.values()]))[: 1 + MAX_SUBPARTS]
        if not parts and (first := self._first_sentence(info, element, passages[holder - 1])):
            return Draft(f"{head}：{first}[{holder}]。", refused=False, used=used)  # no sub-parts: what it opens with
        return Draft(f"{head}：{'；'.join(parts)}。" if parts else f"{head}。", refused=False, used=used)

    @staticmethod
    def _where(info: QuestionInfo, heads: list[tuple[float, str, int]], passages: Sequence[Hit]) -> Draft | None:
        """Where a topic sits: the heading path down to the heading that names it best, else the path of the best
        passage (the part it is discussed in), cited to that passage."""
        if heads and info.terms:  # on a tie the deeper heading (（六）着力推进乡村全面振兴 under 三、主要任务)
            def depth(t: tuple[float, str, int]) -> int:
                return passages[t[2] - 1].section.split(SECTION_SEP).index(t[1])

            _, element, n = max(heads, key=lambda t: (t[0], depth(t), -t[2]))
            path = passages[n - 1].section.split(SECTION_SEP)
            path = path[: path.index(element) + 1]
            levels = _asked_levels(info.text)
            deepest = [i for i, e in enumerate(path) if levels and _of_level(e, levels[-1])]
            if deepest:  # 放在第几章？属于哪一篇: down to the deepest level asked, not the heading below it
                path = path[: deepest[0] + 1]
        else:
            n, path = 1, [e for e in passages[0].section.split(SECTION_SEP) if e.strip()] if passages else []
        if not path:
            return None
        # cite a passage that shows the heading, the deepest one first, so the citation supports the answer
        n = next((m for e in reversed(path) if len(squash(e)) > 2 and (m := _showing(e, passages))), n)
        return _path_draft(info, [tidy_figures(e).rstrip('。；;，,：: ') for e in path], n, passages, full=path)

    def _first_sentence(self, info: QuestionInfo, element: str, hit: Hit) -> str:
        """The first sentence of a passage after the part's heading and title lines, cut to its first clauses."""
        at = hit.text.find(element.strip())
        start = at + len(element.strip()) if at >= 0 else 0
        for s, e in sentence_units(hit.text):
            # an article's text on its number's line (第十九条 学校应当…): the sentence from after the number
            text = hit.text[max(s, start):e].strip()
            if e <= start or s < start and (at < 0 or s > at) or len(text) < 10 \
                    or not _ENDS_SENTENCE.search(text[-1:]) or re.search(r"\s{2,}", text) \
                    or len(re.findall(r"[\u4e00-\u9fff]", text)) < 0.7 * len(text):
                continue  # a form's cells (电视        &9826) are no sentence
            return tidy_figures(self._trim(info, text, _CLAUSE.match(text).group(0))).rstrip("。；;，,、：: ")
        return ""


def _asked_levels(question: str) -> list[str]:
    """The heading levels a question asks for (哪一篇, 第几章), outermost first."""
    asked = WHICH_LEVEL.findall(question)
    return [lv for lv in "篇章节" if lv in asked]


def _of_level(heading: str, level: str) -> bool:
    """A 第X篇 / 第X章 / 第X节 heading of that level."""
    return bool(re.match(rf"第[{CN_DIGITS}\d]+{level}", heading))


FEW_SUBPARTS = 3  # a part shown with fewer sub-parts than this may hold others inside one chunk


def _children_in_text(element: str, children: dict[str, int], passages: Sequence[Hit]) -> dict[str, int]:
    """A part's sub-parts in reading order: those the passages' paths show, and those of the same level whose heading
    lines sit inside a passage under the part (四、绕行线路's （一）（二） kept in the chunk of （三）)."""
    levels = {f[0] for c in children for f in [heading_of(c)] if f}
    if len(levels) != 1:
        return children
    level = levels.pop()
    found: dict[str, tuple[str, int, int]] = {}  # key → (heading, passage, position in the document)
    for m, hit in enumerate(passages, 1):
        path = hit.section.split(SECTION_SEP)
        if element not in path:
            continue
        if path.index(element) + 1 < len(path):
            child = path[path.index(element) + 1]
            key = squash(child)[:12]
            found.setdefault(key, (child, m, hit.start + max(hit.text.find(child.strip()), 0)))
        at = 0
        for line in hit.text.split("\n"):
            f = heading_of(line)
            if f and f[0] == level:
                key = squash(f[1])[:12]
                found.setdefault(key, (f[1], m, hit.start + at))
            at += len(line) + 1
    if len(found) <= len(children):
        return children
    return {head: m for head, m, _ in sorted(found.values(), key=lambda t: (passages[t[1] - 1].doc_id, t[2]))}


def asking_clauses(question: str) -> list[str]:
    """The clauses of a question that each ask something: a figure's asks 多少, a day's (什么时候搬走) or a body's
    (找哪个部门解释) asks as its kind does."""
    return [c for c in re.split(r"[，,；;？?]", question) if _ASKS.search(c) or analyse(c).kind in ("when", "who")]


# 甲、乙、丙各奖多少, 甲和乙各是多少: the items before 各, each asked its own figure
_EACH_ASKED = re.compile(r"([^，,。？?；;：:]{2,60}?)各(?:自|是|为|有|占|奖|补|给|定|要|能拿|能领|安排)?[^，,。？?；;、]{0,6}?(?:多少|几)")


def _each_items(question: str) -> list[str]:
    """The items a question asks a figure of each (辅导备案、申报受理、成功上市各奖多少 → the three), or []."""
    m = _EACH_ASKED.search(question)
    if not m:
        return []
    items = [x.strip() for x in re.split(r"[、和与及跟]", m.group(1))]
    return items if len(items) >= 2 and all(2 <= len(x) <= 8 for x in items) else []


def _rows_keyed(info: QuestionInfo, chosen: list[Candidate]) -> list[Candidate]:
    """Of several table rows chosen, those whose cell opens with a thing the question names (管制路段：金桂大道（…）),
    when some do: a row that names it inside another's cell (新华路（望江路至金桂大道段）) is about that other."""
    names = [t for t in (*info.terms, *info.places) if len(t) > 1]
    rows = [(c, row_cells(c.text)) for c in chosen]
    if len(chosen) < 2 or not names or not all(cells for _, cells in rows):
        return chosen
    keyed = [c for c, cells in rows if any(v.startswith(t) for _, v in cells for t in names)]
    return keyed if keyed and len(keyed) < len(chosen) else chosen
