"""Indicator rows: every quantitative target and result stated in a document's cleaned text.

``extract_targets(text, sections)`` is a pure function of the cleaned text (and its section spans), so
the rows can be derived again from any stored version and never go stale. Each row carries the
value exactly as written (``text[value_start:value_end] == value``, checked when the row is made),
its unit, qualifier, year or period, kind (target / result / plan / baseline), base value and year,
attribute (预期性/约束性), scope, section path and sentence span.

The vocabularies live in ingest/data/: units.txt (what counts as a unit), qualifiers.txt (左右, 力争…),
indicators.txt (indicator synonyms), target_rules.txt (cue words for kinds, verbs, scopes, periods).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ingest.models import SECTION_SEP
from ingest.sections import Section
from ingest.zh import CN_SMALL, RELATIVE_YEARS

DATA = Path(__file__).with_name("data")
KINDS = ("target", "result", "plan", "baseline")

_D = "0-9０-９"
# A number as written: spaced digits ("2 9 0 0", "6 .5"), thousands commas ("10,300"), decimals (".", "．", OCR "·").
NUMBER = rf"[{_D}](?:[ ]?[{_D}])*(?:[,，][{_D}]{{3}}(?![{_D}]))*(?:[ ]?[.．·][ ]?[{_D}](?:[ ]?[{_D}])*)?"
_MASK = "XxＸｘ×*＊"
_YEAR = rf"[12](?:[ ]?[{_D}]){{3}}[ ]?年"  # "2020年", "2 0 0 1年", "2010 年"
_DASH = "-—–~～－"
_SENT_END = "。！？!?\n"
_CLAUSE = "，,；;：:。！？!?\n（(）)"


@dataclass(frozen=True)
class TargetRow:
    indicator: str  # normalised name (indicators.txt), or the subject as written
    subject: str  # the subject phrase as written
    value: str  # == text[value_start:value_end]: the number(s) as written, without the final unit
    value_start: int
    value_end: int
    number: float  # the value read as a number (the low end of a range)
    number_high: float | None  # the high end of a range ("4.5%—5%")
    unit: str
    qualifier: str = ""  # 左右, 以上, 力争, 不低于 … ("" when none)
    year: int | None = None  # the year the value is for, when known
    period: str = ""  # the time expression as written ("到2035年", "“十五五”时期", "今年", "年均")
    kind: str = "result"  # target | result | plan | baseline
    base_value: str = ""  # "由X增长到Y", "比…的X": X as written (with its unit)
    base_year: int | None = None
    attribute: str = ""  # 预期性 | 约束性 when the text says so
    scope: str = ""  # 全省, 全国 … when stated
    section: tuple[str, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0
    doc_id: str = ""
    doc_name: str = ""

    @property
    def section_path(self) -> str:
        return SECTION_SEP.join(self.section)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["section"] = self.section_path
        return d


# --- vocabularies ------------------------------------------------------------

def _lines(name: str) -> list[str]:
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class Vocab:
    units: tuple[str, ...]
    pre: tuple[str, ...]
    post: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...]  # (synonym, canonical), longest synonym first
    rules: dict = field(default_factory=dict)

    def words(self, key: str) -> list[str]:
        return self.rules.get(key, [])

    def rx(self, key: str) -> re.Pattern[str]:
        words = sorted(self.words(key), key=len, reverse=True)
        return re.compile("|".join(words) if words else r"(?!x)x")


@functools.lru_cache(maxsize=1)
def vocab() -> Vocab:
    units = tuple(sorted(_lines("units.txt"), key=len, reverse=True))
    pre, post = [], []
    for line in _lines("qualifiers.txt"):
        where, _, word = line.partition(" ")
        (pre if where == "pre" else post).append(word.strip())
    syn = []
    for line in _lines("indicators.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        syn.extend((s, names[0]) for s in names)
    rules: dict[str, list[str]] = {}
    for line in _lines("target_rules.txt"):
        key, _, words = line.partition(" ")
        if key in ("compare", "review_year"):
            rules[key] = [words.strip()]
        else:
            rules[key] = [w.strip() for w in words.split("|") if w.strip()]
    return Vocab(units, tuple(sorted(pre, key=len, reverse=True)), tuple(sorted(post, key=len, reverse=True)),
                 tuple(sorted(syn, key=lambda p: len(p[0]), reverse=True)), rules)


@functools.lru_cache(maxsize=1)
def _patterns():
    v = vocab()
    unit = "|".join(re.escape(u) for u in v.units)
    # number [多/余] [space] unit, optionally a range: number [unit] dash number [多] [space] unit
    value = re.compile(
        rf"(?<![{_D}.．A-Za-zＡ-Ｚａ-ｚ{_MASK}])(?P<lo>{NUMBER})(?:[ ]?(?:{unit}))?[ ]?(?P<dash>[{_DASH}])[ ]?(?P<hi>{NUMBER})"
        rf"(?P<approx>[多余])?[ ]?(?P<unit>{unit})(?![{_MASK}])"
        rf"|(?<![{_D}.．A-Za-zＡ-Ｚａ-ｚ{_MASK}])(?P<num>{NUMBER})(?P<approx2>[多余])?[ ]?(?P<unit2>{unit})(?![{_MASK}])")
    fyp = "|".join(w.split()[0] for w in sorted(v.words("fyp"), key=len, reverse=True))
    time = re.compile(
        rf"(?P<pre>到|至|截至|截止)?(?P<y>(?:[12][ ]?[{_D}][ ]?[{_D}][ ]?[{_D}]))[ ]?年(?P<end>底|末)?(?P<since>以来)?"
        rf"|(?:[“\"](?P<fyp>{fyp})[”\"]|(?P<fyp2>{fyp})(?=时期|期间|末|期末|规划|计划))(?P<fyp_part>时期|期间|末|期末|规划期)?"
        rf"|(?P<rel>今年|明年|去年|上年|过去一年|过去五年|全年)"
        rf"|(?P<avg>年均|平均每年|每年)")
    return value, time


def _num(s: str) -> float | None:
    s = unicodedata.normalize("NFKC", s).replace(" ", "").replace(",", "").replace("·", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _fyp_years() -> dict[str, int]:
    out = {}
    for w in vocab().words("fyp"):
        name, _, year = w.partition(" ")
        out[name] = int(year)
    return out


# --- document year -----------------------------------------------------------

_DATELINE = re.compile(rf"({NUMBER})[ ]?年[ ]?[{_D}]{{1,2}}[ ]?月[ ]?[{_D}]{{1,2}}[ ]?日[ ]?在")
_REPORT_TITLE = re.compile(rf"({NUMBER})[ ]?年[^\n。]{{0,20}}政府工作报告")
_TARGET_YEAR = re.compile(rf"({NUMBER})[ ]?年(?:[^\n。，,]{{0,12}})?(?:主要)?预期目标")


def document_year(text: str) -> int | None:
    """The year a report speaks from ("今年"): its dateline, its title, or the year of its 预期目标."""
    head = text[:600]
    for rx in (_DATELINE, _REPORT_TITLE):
        m = rx.search(head)
        if m and (y := _num(m.group(1))) and 1949 < y < 2100:
            return int(y)
    m = re.search(vocab().words("review_year")[0], text)
    if m and (y := _num(m.group("y") or m.group("y2"))):
        return int(y) + 1
    # a plan names its five-year period in the title: "十四五规划", "第十个五年计划"
    m = re.search(rf"第([{CN_SMALL}]{{1,3}})个五年|[“\"]?([{CN_SMALL}]{{1,3}}五)[”\"]?(?:规划|计划)", text[:300])
    if m:
        first = _fyp_years().get(m.group(1) + "五" if m.group(1) else m.group(2))
        if first:
            return first
    m = _TARGET_YEAR.search(text)
    if m and (y := _num(m.group(1))) and 1949 < y < 2100:
        return int(y)
    return None


# --- sentences, clauses, subjects ---------------------------------------------

def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    s = pos
    while s > 0 and text[s - 1] not in _SENT_END:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in _SENT_END:
        e += 1
    if e < len(text) and text[e] in "。！？!?":
        e += 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _paragraph_end(text: str, pos: int) -> int:
    i = text.find("\n", pos)
    return len(text) if i < 0 else i


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1


def _section_at(sections: Sequence[Section], pos: int) -> tuple[str, ...]:
    lo, hi = 0, len(sections)
    while lo < hi:  # last section with start <= pos
        mid = (lo + hi) // 2
        if sections[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    return sections[lo - 1].path if lo else ()


@dataclass
class _Value:
    start: int  # of the number(s)
    end: int
    unit: str
    unit_end: int
    number: float
    high: float | None
    approx: str
    match_start: int
    post_end: int = 0  # after a trailing qualifier
    qualifier_post: str = ""


def _find_values(text: str, start: int, end: int) -> list[_Value]:
    value_rx, _ = _patterns()
    out = []
    for m in value_rx.finditer(text, start, end):
        if m.group("num") is not None:
            s, e = m.span("num")
            lo, hi = _num(m.group("num")), None
            unit, approx = m.group("unit2"), m.group("approx2") or ""
            uend = m.end("unit2")
        else:
            s, e = m.start("lo"), m.end("hi")
            lo, hi = _num(m.group("lo")), _num(m.group("hi"))
            unit, approx = m.group("unit"), m.group("approx") or ""
            uend = m.end("unit")
        if lo is None or (hi is not None and hi < lo):
            continue
        while e > s and text[e - 1] == " ":
            e -= 1
        out.append(_Value(s, e, unit, uend, lo, hi, approx, m.start()))
    return out


def _strip_words(s: str, words: Iterable[str], at_start: bool) -> tuple[str, list[str]]:
    found, changed = [], True
    words = sorted(words, key=len, reverse=True)
    while changed and s:
        changed = False
        for w in words:
            if (s.startswith(w) if at_start else s.endswith(w)):
                s = s[len(w):] if at_start else s[: -len(w)]
                found.append(w)
                changed = True
                break
    return s, found


def _subject(clause: str, v: Vocab) -> tuple[str, dict]:
    """Split the text between a clause start and a value into (subject, facts)."""
    facts: dict = {"verbs": [], "pre": [], "scope": ""}
    _, time_rx = _patterns()
    s = clause
    s = re.sub(r"按[^，,；;。]{0,12}?(?:价格|不变价)计算的?", "", s)
    s = re.sub(rf"(?:比|较|相比)(?:“?[十一二三四五六七八九]{{1,3}}五”?末?|{_YEAR}(?:底|末)?|上年|去年|同期)(?:的)?|(?:较|相比)", "", s)
    s = time_rx.sub(lambda m: "" if not m.group("avg") else m.group(0), s)
    s = re.sub(rf"是{_YEAR}的$", "", s)
    s = re.sub(rf"^[{_D}]+[个家项名户所座]", "", s)  # "304个省列重大项目完成投资"
    s = re.sub(r"[\s“”\"'‘’《》【】\[\]［］]", "", s)
    s = re.sub(r"^[、，,；;：:]+", "", s)
    for _ in range(3):
        s, found = _strip_words(s, v.words("verb") + v.words("tail") + list(v.pre), at_start=False)
        facts["verbs"] += [w for w in found if w in v.words("verb")]
        facts["pre"] += [w for w in found if w in v.pre]
        s, lead = _strip_words(s, v.words("filler") + list(v.pre), at_start=True)
        facts["pre"] += [w for w in lead if w in v.pre]
        s, sc = _strip_words(s, v.words("scope"), at_start=True)
        if sc:
            facts["scope"] = sc[0]
    s = s.strip("、，,；;：:的")
    return s, facts


def canonical(subject: str, verbs: Sequence[str], unit: str) -> str:
    v = vocab()
    name = subject
    modifiers = v.words("modifier")
    for syn, canon in v.synonyms:
        if subject.endswith(syn):
            prefix = subject[: -len(syn)]
            if not prefix:
                name = canon
            elif prefix in modifiers and not canon.startswith(prefix):
                name = prefix + canon  # 城镇 + 居民人均可支配收入
            # any other prefix ("海洋生产总值", "数字经济核心产业增加值") names another indicator: keep it
            break
    rate_like = re.search(r"(?:率|比重|比例|涨幅|增速|增幅|强度|占比|降幅)$", name)
    if unit in ("%", "％", "‰") and not rate_like:
        if any(w in v.words("growth") for w in verbs):
            name += "增速"
        elif any(w in v.words("decline") for w in verbs):
            name += "降幅"
    return name


# --- kind, time ---------------------------------------------------------------

def _time_before(text: str, start: int, end: int, first: bool = False):
    """The last (or first) time expression in text[start:end]: (match, period, is_avg)."""
    _, time_rx = _patterns()
    year, period, avg = None, "", False
    for m in time_rx.finditer(text, start, end):
        before = text[max(start, m.start() - 3): m.start()]
        if re.search(r"(?:按|比|较|由|从|相比)$", before) or (m.group("y") and text[m.end():m.end() + 2].startswith(("价格", "不变"))):
            continue
        if m.group("avg"):
            avg = True
            continue
        if m.group("rel") == "全年" and year is not None:
            continue  # "过去一年，全年实现…": 全年 adds nothing to a named year
        if m.group("pre") and m.start() > 0 and text[m.start() - 1] in "长加高升降少大小":
            period = m.group(0)[len(m.group("pre")):]  # "增长到2020年": 到 belongs to the verb
        else:
            period = m.group(0)
        year = m
        if first:
            break
    return year, period, avg


def _resolve_year(m: re.Match | None, doc_year: int | None) -> int | None:
    if m is None:
        return None
    if m.group("y"):
        return int(_num(m.group("y")))
    if m.group("fyp") or m.group("fyp2"):
        first = _fyp_years().get(m.group("fyp") or m.group("fyp2"))
        part = m.group("fyp_part") or ""
        return first + 4 if first and part in ("末", "期末") else None
    rel = m.group("rel")
    if doc_year is None:
        return None
    offset = RELATIVE_YEARS.get(rel)  # 全年, 过去五年: no one year
    return None if offset is None else doc_year + offset


def _kind(before: str, paragraph_lead: str, section: Sequence[str], year: int | None, period: str,
          doc_year: int | None, clause: str, plan_doc: bool = False) -> str:
    v = vocab()
    target, result, plan = v.rx("target"), v.rx("result"), v.rx("plan")
    if target.search(before) or (period.startswith(("到", "至")) and (doc_year is None or (year or 0) >= doc_year)):
        return "target"
    future = None
    if year is not None and doc_year is not None:
        future = year >= doc_year
    elif period.startswith(("今年", "明年")):
        future = True
    elif period.startswith(("去年", "上年", "过去")):
        future = False
    if result.search(before) and future is not True:
        return "result"
    if future is None:
        heads = "".join(section)
        if target.search(paragraph_lead):
            future = True
        elif v.rx("past_section").search(heads):
            future = False
        elif v.rx("future_section").search(heads):
            future = True
        elif plan_doc:
            future = True
    if future:
        goal = target.search(paragraph_lead) or v.rx("target_section").search("".join(section))
        return "plan" if plan.search(clause) and not goal else "target"
    return "result"


# --- the extractor ----------------------------------------------------------------

def extract_targets(text: str, sections: Sequence[Section] | None = None, doc_year: int | None = None,
                    doc_id: str = "", doc_name: str = "") -> list[TargetRow]:
    """Every indicator value stated in ``text`` (a document's cleaned text), in document order."""
    v = vocab()
    sections = sorted(sections or [], key=lambda s: s.start)
    if doc_year is None:
        doc_year = document_year(text)
    compare = v.rx("compare")
    rows: list[TargetRow] = []
    pos = 0
    fyp = _fyp_years()
    plan_doc = bool(v.rx("plan_doc").search(text[:300])) and not _is_report(text)
    while pos < len(text):
        if text[pos] in _SENT_END or text[pos].isspace():
            pos += 1
            continue
        s0, s1 = _sentence_span(text, pos)
        pos = max(s1, pos + 1)
        if s1 <= s0:
            continue
        values = _find_values(text, s0, s1)
        if not values:
            continue
        para = _paragraph_start(text, s0)
        lead_end = text.find("。", para, s0) if para < s0 else -1
        paragraph_lead = text[para:lead_end + 1] if lead_end >= 0 else ""
        section = _section_at(sections, s0)
        prev_subject, prev_verbs, group = "", [], []
        for i, val in enumerate(values):
            # trailing qualifier: 左右/以上 after the unit
            tail = text[val.unit_end: val.unit_end + 3]
            post = next((q for q in v.post if tail.startswith(q)), "")
            val.qualifier_post = post or val.approx
        follow = v.rx("follow")
        for i, val in enumerate(values):
            k = val.unit_end + (len(val.qualifier_post) if val.qualifier_post != val.approx else 0)
            while k < s1 and text[k] == " ":
                k += 1
            if k < s1 and (text[k].isalnum() or text[k] in "_") and not follow.match(text, k):
                continue  # "1000万千瓦光伏大基地": the number modifies a noun
            # the clause: from the last clause mark (or the previous value) to this value
            cstart = val.match_start
            while cstart > s0 and text[cstart - 1] not in _CLAUSE:
                cstart -= 1
            after_prev = i > 0 and values[i - 1].unit_end > cstart
            if after_prev:
                cstart = values[i - 1].unit_end + len(values[i - 1].qualifier_post if values[i - 1].qualifier_post != values[i - 1].approx else "")
            clause = text[cstart: val.match_start]
            if compare.search(clause):
                continue
            # a base value: "由X增长到Y" / "从X提高到Y" inside this clause, X being the previous value
            base_value, base_year = "", None
            if after_prev:
                pv = values[i - 1]
                pstart = _clause_start(text, pv.match_start, s0)
                lead_m = re.search(rf"(?:由|从)(?:(?P<y>{_YEAR})(?:底|末)?|上年|去年|“?[十一二三四五六七八九]{{1,3}}五”?末)?的?(?:平均)?$",
                                   text[pstart: pv.match_start])
                mid = text[pv.unit_end: val.match_start]
                if lead_m and re.fullmatch(rf"[^，,；;。]{{0,8}}?(?:到|至)[ ]?(?:{_YEAR}(?:底|末)?的?)?", mid):
                    base_value = text[pv.start: pv.unit_end]
                    if lead_m.group("y"):
                        base_year = int(_num(lead_m.group("y").rstrip("年 ")))
                    if rows and rows[-1].value_start == pv.start:
                        rows.pop()
                    clause = text[pstart: pstart + lead_m.start()] + mid
            # "比1980年的2,187亿元增长21.7%": the compared value is a base, not a row
            pre_text = text[max(s0, val.match_start - 12): val.match_start]
            cmp_m = re.search(rf"(?:比|较|相比)(?:“?(?P<fyp>[十一二三四五六七八九]{{1,3}}五)”?末?|(?P<y>[12][{_D}]{{3}})年(?:底|末)?|上年|去年|同期)?的$", pre_text)
            if cmp_m:
                if rows and rows[-1].unit == val.unit and not rows[-1].base_value:
                    prev = rows[-1]
                    by = int(_num(cmp_m.group("y"))) if cmp_m.group("y") else (fyp.get(cmp_m.group("fyp") or "", -5) + 4 if cmp_m.group("fyp") else None)
                    rows[-1] = _replace(prev, base_value=text[val.start: val.unit_end], base_year=by if by and by > 0 else None)
                continue
            subject, facts = _subject(clause, v)
            # 分别: "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右"
            if "分别" in clause:
                head = clause[: clause.index("分别")]
                sub_all, f2 = _subject(head, v)
                facts["verbs"] += _subject(clause[clause.index("分别") + 2:], v)[1]["verbs"]
                parts = [p for p in re.split(r"[、和及与]", sub_all) if p]
                for pair in v.words("pair"):  # "城乡居民人均可支配收入分别增长5%、6.5%"
                    word, *halves = pair.split()
                    if len(parts) == 1 and parts[0].startswith(word):
                        parts = [h + parts[0][len(word):] for h in halves]
                n_group = 1
                j = i + 1
                while j < len(values) and re.fullmatch(r"[、和及与\s]*", text[values[j - 1].unit_end + len(values[j - 1].qualifier_post if values[j - 1].qualifier_post != values[j - 1].approx else ""): values[j].match_start]):
                    n_group += 1
                    j += 1
                if not parts and n_group > 1 and len(rows) >= n_group and all(
                        r.sentence_start == s0 for r in rows[-n_group:]):
                    # "产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%": the subjects came before
                    parts = [r.subject for r in rows[-n_group:]]
                    facts["scope"] = rows[-n_group].scope
                if len(parts) == n_group and n_group > 1:
                    last = parts[-1]
                    group = [p + last[len(p):] if len(p) <= 4 and len(last) > len(p) and all(len(q) == len(p) for q in parts[:-1]) else p
                             for p in parts]
                    subject, facts["scope"] = group[0], f2["scope"] or facts["scope"]
                    group = group[1:]
                else:
                    subject = sub_all
                    group = [sub_all] * (n_group - 1)
                prev_verbs = facts["verbs"]
            elif not subject and group:
                subject = group.pop(0)
                facts["verbs"] = prev_verbs
            elif not subject and prev_subject:
                subject = prev_subject
                if not facts["verbs"]:
                    facts["verbs"] = prev_verbs
            else:
                group = []
            if not subject:
                continue
            prev_subject, prev_verbs = subject, facts["verbs"] or prev_verbs
            # time, qualifier, kind
            tm, period, avg = _time_before(text, s0, val.match_start)
            if tm is None:  # the paragraph's time, then the section heading's
                tm, period, _ = _time_before(text, para, s0, first=True)
            if tm is None and section:
                heads = "\n".join(section)
                tm, period, _ = _time_before(heads, 0, len(heads), first=True)
            if tm is None:  # "…年均增长8%左右，到2005年，…": a time later in the paragraph
                tm, period, _ = _time_before(text, val.unit_end, _paragraph_end(text, s1), first=True)
            year = _resolve_year(tm, doc_year)
            pre_q = sorted(dict.fromkeys(w for w in facts["pre"] if w in v.pre), key=clause.rfind)
            qualifier = "".join(pre_q + ([val.qualifier_post] if val.qualifier_post else []))
            before = text[s0: val.match_start]
            kind = _kind(before, paragraph_lead, section, year, period, doc_year, clause, plan_doc)
            if year is None and doc_year is not None and _is_report(text) and not re.search(
                    r"[十一二三四五六七八九]五|五年|以来", period + paragraph_lead + text[s0:val.match_start]):
                # a work report speaks of this year's goals and last year's results
                year = doc_year if kind in ("target", "plan") else doc_year - 1
            if avg:
                period = (period + "年均") if period else "年均"
            attribute = ""
            around = text[val.unit_end: min(s1, val.unit_end + 12)]
            m_attr = re.search(r"(约束性|预期性)", clause + around)
            if m_attr:
                attribute = m_attr.group(1)
            if base_year is None:
                cm = re.search(rf"(?:比|较|相比)(?P<y>{_YEAR})", text[s0: val.match_start][-40:])
                if cm and not re.search(r"[，,；;。]", text[s0: val.match_start][-40:][cm.end():]):
                    base_year = int(_num(cm.group("y").rstrip("年 ")))
                else:  # "是2010年的2.1倍": a multiple of a base year
                    cm = re.search(rf"是(?P<y>{_YEAR})的$", text[max(s0, val.match_start - 12): val.match_start])
                    if cm:
                        base_year = int(_num(cm.group("y").rstrip("年 ")))
            value = text[val.start: val.end]
            row = TargetRow(
                indicator=canonical(subject, facts["verbs"], val.unit), subject=subject, value=value,
                value_start=val.start, value_end=val.end, number=val.number, number_high=val.high, unit=val.unit,
                qualifier=qualifier, year=year, period=period, kind=kind, base_value=base_value, base_year=base_year,
                attribute=attribute, scope=facts["scope"], section=section, sentence_start=s0, sentence_end=s1,
                doc_id=doc_id, doc_name=doc_name)
            _check(text, row)
            rows.append(row)
    return rows


def _clause_start(text: str, pos: int, floor: int) -> int:
    while pos > floor and text[pos - 1] not in _CLAUSE:
        pos -= 1
    return pos


@functools.lru_cache(maxsize=64)
def _is_report_cached(head: str) -> bool:
    return bool(re.search(r"政府工作报告|各位代表", head))


def _is_report(text: str) -> bool:
    return _is_report_cached(text[:3000])


def _replace(row: TargetRow, **kw) -> TargetRow:
    d = asdict(row)
    d.update(kw)
    d["section"] = tuple(row.section)
    return TargetRow(**d)


def _check(text: str, row: TargetRow) -> None:
    """Every value is the exact text at its offsets: a broken row is a bug, never a stored fact."""
    if text[row.value_start:row.value_end] != row.value or not row.value:
        raise ValueError(f"value {row.value!r} is not the text at {row.value_start}:{row.value_end}")
    if not (row.sentence_start <= row.value_start < row.value_end <= row.sentence_end):
        raise ValueError(f"value {row.value!r} lies outside its sentence")
    if row.kind not in KINDS:
        raise ValueError(f"unknown kind {row.kind!r}")
