"""Does a passage (and a sentence of it) hold what the question asks? The refusal rules, shared by backends.

A wrong figure is worse than no answer, so evidence must be about the places the
question names, mention its years, cover enough of its content terms (glossary
synonyms count), and, for a figure question, carry an unmasked figure in the
unit asked (`XX亿元` is a placeholder, not a figure).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Sequence

from assistant.arithmetic import UNIT_KEYS, YEAR_WRITTEN, operation, operations, quantities, row_cells, wants_percent
from assistant.glossary import Glossary
from assistant.references import heading_path
from assistant.question import (AREA, DOC_NUMBER_ASKED, _SHORT_NAME, _XX_PLACE, DOC_WORDS, GENERIC, KINDS, MEASURES,
                                PERIOD, WHICH_BODY, ZONES, QuestionInfo, PROVINCES, REGIONS, _known_word, _unglued, listed_place, place_key,
                                real_place, synonyms, tagged_words)
from ingest.zh import arabic_years, bigrams, cn_number, sentence_spans, squash, tidy_figures
from ingest.targets import vocab as target_vocab
from vectordb.index import Hit
from vectordb.lexical import jieba_tokenizer
from ingest.zh import ARABIC_FIGURE, CN_FIGURE, CN_SMALL, CN_YEAR, NEWS_DATELINE, RELATIVE_YEARS, YEAR, vocabulary
from ingest.zh import DOC_NUMBER as DOC_NUMBER_PATTERN
from ingest.zh.vocab import vocabulary_groups

_CN_NUM = CN_SMALL + "百千两"
# A figure: a number that is not a year, a Chinese numeral before a counter (八个方面, 五方面), or one written
# out with its magnitude (百分之九十五, 三万九千八百元).
_COUNTERS = "个项条家所方篇大座户名倍"
# digits after a Latin letter name a thing (SU7, C919, PM2.5, M2), they count nothing; nor do a table's (表2, 附件1)
# or an ordinal's (第十五个五年规划)
_NOT_AFTER = r"(?<![A-Za-z图])(?<!附件)(?<![^代]表)(?<!^表)"
FIGURE = re.compile(rf"{_NOT_AFTER}{ARABIC_FIGURE}|(?<![第{_CN_NUM}])[{_CN_NUM}]+(?=[{_COUNTERS}])|{CN_FIGURE}")
_MEASURE = re.compile(rf"{_NOT_AFTER}{ARABIC_FIGURE}|{CN_FIGURE}")  # the same without counted numerals (十方面, 三大)
_ASKS_COUNT = re.compile(rf"(?:几|多少)[{_COUNTERS}](?!百分点|点)")  # 几个百分点 is a gap in %, not a count
_ASKS_ITEMS = re.compile(r"(?:几|多少)[个项条家所座户名件篇次](?!百分点|点)")  # how many things (not 几倍, 多少个百分点)
# A count: a number and a counter (12所, 3.2万个, 十个). 一批 is no count: it answers no 几个.
_COUNT = re.compile(rf"(?:\d+(?:\.\d+)?[万亿]?|[{_CN_NUM}]+)[多余]?(?:[{_COUNTERS}处种件台套位场次]|人(?!次))")  # 5人: 几个孩子
_NUMBER = rf"(?:\d+(?:\.\d+)?|{CN_FIGURE})"  # a figure's number, before its unit
# a masked figure: X or XX in a figure's place, before a unit or a counter (增长XX%, XX亿元, X个, X.X万亩) or ending a
# figure's clause (增长X。); not a masked name (结合X发展实际, XX镇, X县)
_MASK = re.compile(r"(?<![A-Za-z])[xX]{1,4}(?:\.[xX]+)?(?=[%个家亿万千百十年亩项条座所天人户元吨倍处名台套辆件床米公里平立岁分位头张批])"
                   r"|(?<=[长降到高低破过为约])[xX]{1,4}(?=[，,。；;]|$)")
_ASKS_DAY = re.compile(r"哪一?天|几号|哪一?日")
_DAY = re.compile(rf"\d{{1,2}}月\d{{1,2}}[日号]|[{CN_SMALL}]{{1,2}}月[{CN_SMALL}]{{1,3}}日")
DAY_SPAN = r"\d{1,2}日(?:至|到|—|－|-)\d{1,2}日"  # 每季度第一个月的1日至20日: days of every month or quarter
_TIME = re.compile(rf"(?:{YEAR}|{CN_YEAR})年|年底|年年底|月底|\d+月|{DAY_SPAN}")


@dataclass(frozen=True)
class Check:
    ok: bool
    reason: str = ""
    coverage: float = 0.0
    focus: str = ""  # the clause that holds the answer, when one does
    masked: bool = False  # the figure asked for is a placeholder (XX) here


# A long term counts as present when its first and last bigrams occur close together, in order, and this share
# of all its bigrams is there (人均收入 in 人均可支配收入; the head of a compound is its end: 预算收入 is not 预算支出).
SOFT_SHARE = 2 / 3


def gram_share(term: str, text: str) -> float:
    """The share of a squashed term's character bigrams found in a squashed text."""
    grams = {term[i:i + 2] for i in range(len(term) - 1)} or {term}
    return sum(g in text for g in grams) / len(grams)


# A Latin or digit term (M2, 5G, GDP) is a word of its own: M2 is not in PM2.5
_LATIN = re.compile(r"[A-Za-z0-9.+&-]+")


def _holds(term: str, text: str) -> bool:
    if _LATIN.fullmatch(term):
        return bool(re.search(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])", text))
    return term in text


SHORT_FROM = 5  # a term this long may be named by its short form; shorter ones' (三项建设 → 三建) occur by chance


@lru_cache(maxsize=4096)
def short_form(term: str) -> str:
    """The short form a term's words make by their first characters (股份制改造 → 股改, 高新技术企业 → 高企), as
    documents abbreviate them; "" unless it has two to three words of two characters or more."""
    words = [w for w, _ in tagged_words(term)]
    if not 2 <= len(words) <= 3 or any(len(w) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", w) for w in words):
        return ""
    return "".join(w[0] for w in words)


def term_present(term: str, text: str, glossary: Glossary) -> bool:
    for t in synonyms(term, glossary):
        t = squash(t)
        if _holds(t, text):
            return True
        if _LATIN.fullmatch(t):
            continue
        if len(t) >= 3 and any(f"{t[:k]}的{t[k:]}" in text for k in range(1, len(t))):
            return True  # 钢产量 in 钢的产量: a modifier the documents join with 的
        # head and tail close together, or the tail opening an item the head governs (粮食播种面积3320万亩、产量1285万吨)
        if len(t) >= 4 and re.search(f"{re.escape(t[:2])}(?:.{{0,{len(t)}}}?|[^，,。；;：:]{{0,16}}、){re.escape(t[-2:])}", text) \
                and gram_share(t, text) >= SOFT_SHARE:
            return True
    # 推动多少家企业做股份制改造: 推进十家企业股改培育 (the short form, looked for once the term itself is not found)
    return len(term) >= SHORT_FROM and bool(short := short_form(squash(term))) and short in text


def soft_presence(term: str, text: str, glossary: Glossary) -> float:
    """How well a squashed text holds a term: 1.0 verbatim (or a glossary synonym), else the share of the term's
    character bigrams found (a paraphrase or a split term scores between)."""
    best = 0.0
    for t in synonyms(term, glossary):
        t = squash(t)
        if not t:
            continue
        if _holds(t, text):
            return 1.0
        if not _LATIN.fullmatch(t):
            best = max(best, gram_share(t, text))
    return best


def coverage(info: QuestionInfo, text: str, glossary: Glossary, context: str = "") -> float:
    """Share of the question's content terms found in an already squashed text. Terms the context holds (the
    passage's title and heading path: the words that name the document or part) are left out, unless all are."""
    terms = [t for t in info.terms if not (context and term_present(t, context, glossary))] or info.terms
    if len(terms) < len(info.terms) and all(_verb_only(t) and not term_present(t, text, glossary) for t in terms):
        # the context names the things asked; a verb left that the text does not use (一共拿出多少套) is the asker's word
        terms = list(info.terms)
    terms = [t for t in terms if t not in info.asked_as or term_present(t, text, glossary)] or terms
    if not terms:
        return 1.0
    held = 0.0
    for t in terms:
        pieces = _words_in(t)
        held += len(pieces) if term_present(t, text, glossary) else sum(term_present(w, text, glossary) for w in pieces)
    return held / sum(len(_words_in(t)) for t in terms)


@lru_cache(maxsize=4096)
def _words_in(term: str) -> tuple[str, ...]:
    """The words a question term was joined from (城镇调查失业率: 城镇, 调查, 失业率), or the term itself: a known term
    counts as much as its words did, whole (or by a synonym), else word by word, so joining it makes its synonyms
    apply without changing what a passage holding some of its words covers."""
    words = tuple(w for w, f in tagged_words(term) if len(w) > 1 and f not in ("m", "x"))
    return words if len(words) > 1 else (term,)


def passage_text(hit: Hit) -> str:
    return squash(f"{hit.title}\n{hit.section}\n{hit.text}")


def sentence_units(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a passage (ingest.zh.sentence_spans), except that a table row stays one sentence, a
    dateline wrapped over two lines (——2026年1月26日在某省第十四届 / 人民代表大会第五次会议上) is one, and a news
    report's dateline (新华社北京3月5日电（记者 某某）) is left out."""
    out, pos = [], 0
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        body = line.strip()
        if row_cells(body):
            s = pos + len(line) - len(line.lstrip())
            out.append((s, s + len(body)))
        elif out and i and _DATELINE_START.match(prev := lines[i - 1].strip()) and _open(prev) and _open(line) \
                and not prev.endswith("上") and body and out[-1][1] <= pos:  # a dateline ends at 会议上
            out[-1] = (out[-1][0], pos + len(line.rstrip()))
        else:
            for a, b in sentence_spans(text, pos, pos + len(line)):
                if m := NEWS_DATELINE.match(text, a, b):  # a news report's dateline is no part of its first sentence
                    a = m.end()
                if a < b and out and out[-1][1] <= a and _GOES_ON_CLAUSE.match(text, a) and \
                        text[out[-1][0]:out[-1][1]].rstrip().endswith(("；", ";")):
                    out[-1] = (out[-1][0], b)  # …责令限期办理登记；逾期不办理的，处五百元以上罚款: one provision
                elif a < b:
                    out.append((a, b))
        pos += len(line)
    return out


# a clause that goes on from the one before its semicolon (逾期不改正的, 情节严重的, 拒不…的): a provision's sanction
_GOES_ON_CLAUSE = re.compile(r"\s*(?:逾期|拒不|情节(?:严重|较重|特别严重)|造成[^，,；;。]{0,12}?的|屡次|再次|多次)[^，,；;。]{0,16}?的[，,]")


_DATELINE_START = re.compile(rf"[—－-]{{2}}\s*(?:{YEAR}|{CN_YEAR})年")  # ——2026年1月26日在…会议上


def _open(line: str) -> bool:
    """A line that ends without a sentence's end (nor a closing bracket)."""
    return bool(line.strip()) and line.strip()[-1] not in "。！？；!?;）)」』"


def row_years(text: str) -> set[str]:
    """Years that name a column of a table row in the text (2024年完成值：5.3): the row is about those years."""
    return {y for line in text.splitlines() if (cells := row_cells(line)) for k, _ in cells for y in _YEAR.findall(k)}


# Words by which a question names a document rather than its subject (ingest/data/genres.txt, title_genres.txt).
GENRES = vocabulary("genres")
TITLE_GENRES = vocabulary("title_genres")


# a question's word for a kind of document → the words a title or opening of that kind holds (genre_names.txt)
GENRE_NAMES = {g[0]: g[1:] for g in vocabulary_groups("genre_names") if len(g) > 1}

# Every place asked at once (各省2026年GDP增长目标分别是多少): every document that states the value answers.
EVERY_PLACE = re.compile(r"各(?:个)?(?:省|地|市|区|县|自治区)|哪些(?:省|地方|城市)")
# words of a province's, a city's or a county's own affairs (全省, 该市, 区县, 县里)
# (or a yardstick of the country's: 居全国第几, 高于全国平均)
_LOCAL = re.compile(r"[省县州]|区县|[该本全这]市|市[里委政]|[该本全这]区|区[里委政]|[在居列占于]全国|全国(?:第|前|平均|排名|位次)")
_MASKED_PLACE = re.compile(r"(?<![A-Za-z])[XxＸ]+(?:省|市|县|区|州)")
_MASKED_NAME = re.compile(r"(?<![A-Za-z])[XxＸ]{1,3}(?![A-Za-z])")  # a place's name masked as X, XX
_LEVEL_OF_SUFFIX = {"自治区": "province", "省": "province", "市": "city", "州": "city", "盟": "city", "县": "county",
                    "区": "county", "旗": "county", "镇": "township", "乡": "township"}
_TITLE_LEVEL = re.compile(r"(自治区|[省市县区州盟旗])(?:国民经济|政府工作|人民政府)")  # XX县国民经济…规划
_OPENING_LEVEL = re.compile(r"(?:代表|在)([省市县区])(?:人民政府|委)|我([省市县区])")
# words that ask about one tier's document (县委书记的讲话, 这份区县政府工作报告, 该省, 市里): it narrows like a year
_ORGAN = "(?:人民)?(?:政府|法院|检察院)"  # 县政府, 县法院: a tier's own organ
_ASKED_LEVEL = {
    # 区县 names a county's document (这份区县政府工作报告), not the counties a city's document ranks (区县考核谁排第一)
    "county": re.compile(rf"县委|县{_ORGAN}|县里|[该本全]县|[这那]个县|区县(?=[^，,。？?；;：:\s]{{0,14}}?(?:报告|规划|纲要|讲话|意见|方案))"
                         rf"|区委|区{_ORGAN}|区里|[该本]区|[这那]个区"),
    "city": re.compile(rf"市委|市{_ORGAN}|市里|[该本全]市|[这那]个市"),
    "province": re.compile(rf"省委|省{_ORGAN}|省里|[该本全]省|[这那]个省"),
    "township": re.compile(r"(?<![城乡])[镇乡](?:党委|人民政府|政府|里|上)|[该本全][镇乡]|[这那]个[镇乡]"),
}
# 中国共产党某市第九届委员会 is a city's party committee, not the country's
_NATIONAL_ISSUER = re.compile(r"国务院|中华人民共和国|中共中央|中国共产党(?![\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|县|区|旗)(?:第|委员会))"
                              r"|全国人民代表大会")
_RANKED = r"第[一二三四五六七八九十\d]{1,3}[位名]|第几|前列|前[一二三四五六七八九十\d]|百强|排名|位次"
_YARDSTICK = re.compile(rf"(?<=[在居列于])全[省市县区]|全[省市县区](?=[^，,。？?]{{0,8}}(?:{_RANKED}))")
# 全国/我国 as what is asked about (2024年全国粮食产量), not as a yardstick (居全国第2位, 在全国百强县里)
_COUNTRY = re.compile(rf"(?<![在居列占于])(?:全国|我国)(?![^，,。？?]{{0,8}}(?:{_RANKED}|平均))")
_DATELINE = re.compile(rf"({YEAR})年(\d{{1,2}})月\d{{1,2}}日")
_SIGNED_BY = re.compile(r"(?:人民政府|办公厅|办公室|委员会|[局厅委])$")  # a date right after a body's name: its 落款
LATE_MONTH = 11  # a document dated from November on reviews its own year
_DOC_NUMBER_YEAR = re.compile(rf"[〔\[［]({YEAR})[〕\]］]\s*\d{{1,4}}\s*号")  # 某政办发〔2025〕31号: the year it was issued
# a place named as the body a document is of, which the tagger may not know (青岚市人民政府, 在西山县第十八届人民代表大会,
# 中共白沙县委): a name and its tier, then the body or session
# the body's place, after the place above it when both are named (在梧源市泮溪区第三届…), or after the dateline
# (…会议上泮溪区人民政府区长)
_ADMIN_NAME = re.compile(r"(?:^|(?<=[共在于年上）)\s。]))(?!中共|印发|转发|关于|[这那该本全我各此])(?:[\u4e00-\u9fff]{2,4}?[省市州盟])?"
                         r"((?:(?![局厅委办])[\u4e00-\u9fff]){2,4}?(?:自治区|自治州|[省市县区州盟旗镇乡]))"  # 琛州市教育局琛州: no 局
                         r"(?=人民政府|政府|人大|人民代表大会|第[一二三四五六七八九十]+届|[省市县区]?委|委员会|国民经济|\d{4}年|关于"
                         r"|[\u4e00-\u9fff]{1,8}?(?:厅|局|委员会|办公室)(?![\u4e00-\u9fff]{0,3}长))")  # 某省财政厅: its department
# a lower tier's body right after the place above it: 梧源市泮溪区第三届人民代表大会, 某省某市人民政府
_ADMIN_BELOW = re.compile(r"(?<=[省市州盟县区旗])([\u4e00-\u9fff]{2,4}?(?:自治县|[市县区旗镇乡]))"
                          r"(?=人民政府|政府|人大|人民代表大会|第[一二三四五六七八九十]+届|[市县区]?委)")
_TITLE_PLACE = re.compile(r"^(?:关于(?:印发)?)?《?([\u4e00-\u9fff]{2,3}?[省市县区州盟旗])")
_ZONE_NAME = rf"[\u4e00-\u9fff]{{2,3}}?(?:{'|'.join(ZONES)})"  # 翊阳经济技术开发区, 翊阳经开区
_ZONE_IN = re.compile(rf"(?:^|(?<=[省市县区州于的在）)]))({_ZONE_NAME})")
_TITLE_ZONE = re.compile(rf"^(?:关于(?:印发)?)?《?({_ZONE_NAME})")
_CITED_PLACE = re.compile(r"《([\u4e00-\u9fff]{2,3}?[省市县区州盟旗])(?=\d{4}年|[\u4e00-\u9fff]{2})")
_TIER_RANK = {"province": 0, "city": 1, "county": 2, "township": 3}
_BEFORE_PLACE = frozenset("上在于和与及的")
_YEAR = re.compile(YEAR)
_CN_ORD = CN_SMALL
_PLAN_ORDINAL = re.compile(rf"第([{_CN_ORD}]{{1,3}})个五年(?:[（(][^）)]{{0,24}}[）)])?(?:规划|计划)")
NAME_CHARS = 160  # a document names itself (第十二个五年规划纲要, 第二十次全国代表大会上的报告) within its opening
# 十二五规划, “十四五”纲要, and a period asked about (十二五期间, 十四五末): a soft reference to the plan of that period
_PLAN_SHORT = re.compile(rf"(?<![{_CN_ORD}第])([{_CN_ORD}]{{1,3}})五(?=[”\"’]?(?:规划|计划|纲要|期间|时期|末))")
# A party congress report: 第二十次全国代表大会 in its title, 二十大报告 in questions.
_CONGRESS = re.compile(rf"第([{_CN_ORD}]{{1,3}})次全国代表大会")
_CONGRESS_SHORT = re.compile(rf"(?<![{_CN_ORD}第])([{_CN_ORD}]{{2,3}})大(?=报告|上的报告|的报告)")


@dataclass(frozen=True)
class Scope:
    """Which documents a question is about, from the words by which it names them."""

    docs: frozenset[str] | None = None  # allowed doc ids; None: any
    free_places: tuple[str, ...] = ()  # places no document is labelled with: the passage text must name them
    several: bool = False  # the references name different documents (甲省和乙省…): answer from each
    years: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # doc id -> the years a document speaks of without writing them (a 2024 report's 今年 and 去年)
    own_years: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    # doc id -> the years a document is of (its title's, file name's, dateline's; a range's every year)


@dataclass(frozen=True)
class DocLabel:
    title: str  # squashed title: places name documents by it (某某区…, 某某县…)
    opening: str  # squashed title and opening lines: genres too (a speech's subtitle says 讲话)
    years: frozenset[str] = frozenset()  # the document's own year(s): title, file name, dateline
    where: str = ""  # squashed text that names the document's place: title, dateline (…在某省…会议上)
    plans: frozenset[str] = frozenset()  # 十四五 for 第十四个五年规划, 二十大 for 第二十次全国代表大会: short names
    # a local document that names no place of its own (X县, masked): the places its text keeps naming (大同 in a
    # county's speech), which a question may name it by
    mentioned: frozenset[str] = frozenset()
    lines: str = ""  # `opening` with its lines ended by 。: where a body's place may start a line
    late: frozenset[str] = frozenset()  # years of a dateline in the year's last months: it reviews that year itself

    @cached_property
    def _where_tokens(self) -> tuple[dict[int, int], frozenset[int]]:
        """Word starts (start -> word length) and word ends of `where`, cut by jieba."""
        starts, ends, at = {}, set(), 0
        for w in jieba_tokenizer().lcut(self.where or self.title):
            starts[at] = len(w)
            at += len(w)
            ends.add(at)
        return starts, frozenset(ends)

    @cached_property
    def national(self) -> bool:
        """Issued for the whole country: its title or dateline names a national body (国务院, 中华人民共和国…), or,
        naming no place there, its opening does (我代表国务院…)."""
        where = self.where or self.title
        issuer, place = _first_issuer_and_place(where)
        if issuer is None and place is None:
            issuer, place = _first_issuer_and_place(self.opening[:NAME_CHARS])
        # the first named decides: 云南省…(中华人民共和国) is a province's, 我代表国务院…(重庆) the country's
        return issuer is not None and (place is None or issuer < place)

    def names_place(self, key: str) -> bool:
        """The place is written in the title or dateline as a word of its own (or the start of one: 海南 in
        海南省), not across two words (上海 in 会议上海南省)."""
        own = self.body_place or self.place  # the place it is of, however the tagger cuts the words around it
        if own and key in (own, place_key(own)):
            return True
        if self.body_place and self._places:
            return False  # a district's report dated 在梧源市泮溪区…: the city above names the city's documents
        text = self.where or self.title
        starts, ends = self._where_tokens
        return any(m.start() in starts and (m.end() in ends or starts[m.start()] >= len(key))
                   for m in re.finditer(re.escape(key), text))

    @cached_property
    def _places(self) -> tuple[str, ...]:
        """The places its title or dateline names, in order (海南省 in …在海南省第七届人民代表大会…)."""
        # a name the tagger does not know may take the word before it (会议上栎溪区人民政府: 上栎溪区)
        text = self.where or self.title
        found = tuple(w[1:] if w[0] in _BEFORE_PLACE and not listed_place(w) and real_place(w[1:]) else w
                      for w in jieba_tokenizer().lcut(text) if real_place(w))
        zone = _ZONE_IN.search(text)  # 翊阳经济技术开发区, not the 技术开发区 the tagger cuts from it
        if zone and not listed_place(zone[1][:2]):
            kept = [w for w in found if w not in zone[1]] + [zone[1]]
            return tuple(sorted(kept, key=lambda w: text.find(w)))
        return found

    @cached_property
    def place(self) -> str:
        """The first place its title or dateline names, or ""."""
        return next(iter(self._places), "")

    @cached_property
    def body_place(self) -> str:
        """When the tagger finds no place there: the place named as the body the document is of (青岚市 in
        青岚市人民政府…, 在西山县第十八届人民代表大会, 中共青岚市委书记), from title, dateline or opening; when it finds
        one, a lower tier's body right after it (泮溪区 in 在梧源市泮溪区第三届人民代表大会); else ""."""
        if self._places:
            where = self.where or self.title
            for m in _ADMIN_BELOW.finditer(where):
                above = next((p for p in self._places if where[:m.start(1)].endswith(p)), "")
                if above and _TIER_RANK.get(_tier_level(m.group(1)), 0) > _TIER_RANK.get(_tier_level(above), 3):
                    return m.group(1)
            return ""
        for text in (self.where or self.title, (self.lines or self.opening)[:NAME_CHARS]):
            m = _ADMIN_NAME.search(text)
            if m and not _NATIONAL_ISSUER.search(text[:m.start()]):
                return m.group(1)
        # 关于《蓼川市…办法》的起草说明: a name the tagger does not know, with its tier, opening the title or the title
        # it cites (not 推进城市…, which opens with a word)
        m = _TITLE_PLACE.search(self.title) or _TITLE_ZONE.search(self.title)
        if m and _unknown_name(m[1]):
            return m[1]
        # 市政府召开第47次常务会议 / 审议《岚湄市2026年重点项目建设计划》: a release naming no place, whose opening
        # cites texts of one such place only (its own government's)
        cited = {m[1] for m in _CITED_PLACE.finditer(self.opening) if _unknown_name(m[1])}
        return cited.pop() if len(cited) == 1 else ""

    @cached_property
    def level(self) -> str:
        """The tier of government the document is of ("country", "province", "city", "county"; "" unknown): the
        country's when national, else the place its title's own body is of (冀州区国民经济…规划, 甘肃省政府工作报告),
        else its most specific place in title or dateline, else the body its opening speaks for (我代表县人民政府,
        县委全会, 我市)."""
        if self.national:
            return "country"
        if m := _TITLE_LEVEL.search(self.where or self.title):  # 冀州区国民经济…, 甘肃省政府工作报告
            return _LEVEL_OF_SUFFIX[m[1]]
        for word in (self.body_place, *reversed(self._places)):  # a body's place is the most specific named
            if level := _tier_level(word):
                return level
        m = _OPENING_LEVEL.search(self.opening[:NAME_CHARS])
        return _LEVEL_OF_SUFFIX[m[m.lastindex]] if m else ""

    @cached_property  # labels are built once per live set; every question's scope reads this
    def own_years(self) -> frozenset[str]:
        """The years the document is of: its own, and every year of a range its title writes (2021—2023年)."""
        return frozenset(self.years | heading_years(self.title))

    @cached_property
    def implied_years(self) -> frozenset[str]:
        """The years a dated document speaks of without always writing them: its own (今年), the one before,
        which a report reviews (去年), unless dated in that year's last months (a 全会公报 of 2025年12月27日 reviews
        2025), and the next when its opening says it plans for it (安排部署明年经济工作)."""
        ahead = {str(int(y) + 1) for y in self.years} if len(self.years) == 1 and "明年" in self.opening else set()
        # the year before the latest only: a 2025年度 report dated 2026 reviews 2025, and says nothing of 2024; a
        # plan, a notice or a rule (…工作方案的通知) reviews no year
        latest = {max(self.years - self.late)} if self.years - self.late else set()
        if _FORWARD.search(self.title) and not _REVIEWS.search(self.title):
            latest = set()
        return frozenset(self.years | {str(int(y) - 1) for y in latest} | ahead)


_FORWARD = re.compile(r"方案|计划|规划|意见|通知|办法|措施|细则|要点|通告|公告|条例")  # kinds that plan or rule
_REVIEWS = re.compile(r"报告|总结|公报|讲话|述职|回顾|情况")  # kinds that look back


def _unknown_name(place: str) -> bool:
    """A place with its tier (蓼川市) whose name the tagger does not know, as a word or as the start of one (not 城市,
    which opens 城市更新)."""
    return not _known_word(place[:2]) and not _known_word(place[:-1])


def _tier_level(place: str) -> str:
    """The tier a place's name ends with (甘肃省 → province, 西山县 → county; "" for none)."""
    return _LEVEL_OF_SUFFIX.get(place[-3:] if place.endswith("自治区") else place[-1:], "")


def _first_issuer_and_place(text: str) -> tuple[int | None, int | None]:
    """Where a national body (国务院…) and where a place (广东省, 阿坝州…) is first named in the text."""
    m = _NATIONAL_ISSUER.search(text)
    at, place = 0, None
    for w in jieba_tokenizer().lcut(text):
        if real_place(w):
            place = at
            break
        at += len(w)
    return (m.start() if m else None), place


MENTIONS = 2  # a place named this often in a placeless local document's text names it


def mentioned_places(label: DocLabel, text: str) -> frozenset[str]:
    """The places (as written and without their tier) a county's or city's document with no place of its own names
    at least MENTIONS times, of the tier right above its own (a city for a county's: 大同, not 北京 an hour away; a
    province for a city's); none for any other document."""
    if label.place or label.body_place or label.national or label.level not in ("county", "city"):
        return frozenset()
    above = (lambda w: place_key(w) in PROVINCES) if label.level == "city" else (
        lambda w: place_key(w) not in PROVINCES and w not in REGIONS)
    counts = Counter(w for w in jieba_tokenizer().lcut(text) if len(w) > 1 and listed_place(w) and above(w))
    return frozenset(n for w, c in counts.items() if c >= MENTIONS for n in (w, place_key(w)))


def doc_label(title: str, name: str, opening: str) -> DocLabel:
    """How questions can name one document, from its metadata (title, file name, opening lines)."""
    t, o = squash(title), squash(f"{title}\n{opening}")
    if len(t) > 60 or re.search(r"[,。;:]", t):
        t = ""  # a document without a title line: its first sentence names no genre
    years = set(_YEAR.findall(t)) | set(_YEAR.findall(name)) | {m.group(1) for m in _DATELINE.finditer(o)} | set(
        _DOC_NUMBER_YEAR.findall(o[:NAME_CHARS]))
    head = squash(title) + o[:NAME_CHARS]  # the title line may be cut short, or be the first sentence
    plan, congress = _PLAN_ORDINAL.search(head), _CONGRESS.search(head)  # the first: later ones cite others
    plans = {plan.group(1) + "五"} if plan else set()
    plans |= {congress.group(1) + "大"} if congress else set()
    # where a speech was given, after its dateline (——2026年1月26日在某省…会议上); a notice's 落款 date, under the body
    # that signs it (某省人民政府办公厅2025年6月18日), says nothing of it
    where = t + "".join(o[m.end():m.end() + 40] for m in _DATELINE.finditer(o)
                        if not _SIGNED_BY.search(o[:m.start()])) if t else o
    # lines end at 。 so that a place may open one (a portal's name, 某区人民政府门户网站, above a speech)
    lines = "。".join(squash(ln) for ln in f"{title}\n{opening}".split("\n") if ln.strip())
    late = {m.group(1) for m in _DATELINE.finditer(o) if int(m.group(2)) >= LATE_MONTH}
    return DocLabel(t, o, frozenset(years), where=where, plans=frozenset(plans), lines=lines, late=frozenset(late))


_BEFORE_GENRE = re.compile(r"(?:那个|这个|那份|这份|那篇|这篇|那项|这项|该|的|里|上)+$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")
_KINDS_LONGEST = sorted(KINDS, key=lambda w: (-len(w), w))  # 政府工作报告 before the 报告 inside it
MAX_NAME = 10


def _titled(name: str, kind: str, labels: dict[str, DocLabel]) -> frozenset[str]:
    """The documents whose title or opening holds the name and the kind of document."""
    return frozenset(d for d, label in labels.items()
                     if name in label.opening[:NAME_CHARS] and kind in label.opening[:NAME_CHARS])


def _named_alike(name: str) -> tuple[str, ...]:
    """The built-in glossary's other names of a whole term (创文: 创建文明城市…)."""
    return tuple(t for t in Glossary.builtin().group_of.get(name.lower(), ()) if t != name)


def title_named(text: str, labels: dict[str, DocLabel]) -> list[frozenset[str]]:
    """Documents a question names by the words just before a kind of document (县域经济那个实施意见, 工业互联网行动计划,
    乡村振兴意见): for each such mention, the documents whose title or opening holds the longest run of those words
    (two characters at least; a period such as 十四五 or a figure names no one document)."""
    found, taken = [], set()
    for word in _KINDS_LONGEST:
        for m in re.finditer(re.escape(word), text):
            if taken & set(range(m.start(), m.end())):
                continue  # 报告 inside 政府工作报告
            taken |= set(range(m.start(), m.end()))
            before = _BEFORE_GENRE.sub("", text[max(0, m.start() - MAX_NAME - 4):m.start()])
            for n in range(min(MAX_NAME, len(before)), 1, -1):
                name = before[-n:]
                if not _NAME_CHARS.fullmatch(name) or PERIOD.fullmatch(name) or _SHORT_NAME.fullmatch(name) or (
                        before[:-n][-1:].isdigit() or any(w in name for w in KINDS)):
                    continue  # 年政府工作报告 of 2021年政府工作报告: a year's tail and a kind name no one document
                # of that kind (乡村振兴规划 names no 意见 whose title says 乡村振兴)
                docs = _titled(name, word, labels)
                for other in () if docs else _named_alike(name):  # 创文计划: 创建全国文明城市三年行动计划
                    docs = _titled(squash(other), word, labels)
                    if docs:
                        break
                if docs:
                    if len(docs) < len(labels):
                        found.append(docs)
                    break
    return list(dict.fromkeys(found))


# who holds an office (主任谁来当, 由谁担任) is answered by the office that holds it (由分管副市长担任)
_HOLDER_ASKED = re.compile(r"谁来?(?:当|担任|兼任|出任)|由谁")
_HELD_BY = re.compile(r"由[^，,。；;]{2,24}?(?:担任|兼任|出任)")
# a rule's start (从哪天开始执行): the date it applies from (自2025年5月8日起)
_IN_FORCE = frozenset("执行 施行 实施 生效 启用 实行".split())
_SINCE = re.compile(r"[自从于](?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:起|开始)")


_CITED_GENRE = re.compile(r"重要(?:讲话|指示|批示)")  # 学习…重要讲话精神: another's words an opening cites


def own_genre(genre: str, opening: str) -> bool:
    """The opening names the document's own kind (…会议上的讲话), not only words it cites (总书记重要讲话精神)."""
    return any(not _CITED_GENRE.match(opening, max(0, m.start() - 2)) for m in re.finditer(re.escape(genre), opening))


def doc_scope(info: QuestionInfo, labels: dict[str, DocLabel]) -> Scope:
    """A reference that names some documents but not all restricts the question to them (all references for a
    one-document question, any of them for a cross-document one; references that contradict each other are
    ignored rather than refusing)."""
    genres = [g for g in GENRES if g in info.text]
    genres = [g for g in genres if not any(g != o and g in o for o in genres)]  # 工作报告 inside 政府工作报告
    short = [g for g in TITLE_GENRES if g in info.text and not any(g in o for o in genres)]
    xx = _XX_PLACE.findall(info.text)
    places = [place_key(p) for p in info.places] + xx
    real = {place_key(p) for p in info.places if real_place(p)} | set(xx)
    sets, free, place_sets, outright, found = [], [], [], [], []
    named = [g for g in GENRE_NAMES if g in info.text and not any(g in o for o in genres)]  # 党代会报告
    refs = [(g, "opening") for g in genres] + [(g, "title") for g in short] + [(g, "named") for g in named] + [
        (p, "place") for p in places]
    # A document whose title and opening name no genre (a report that starts at 各位代表) is not excluded by one.
    unknown = frozenset(d for d, label in labels.items()
                        if not any(g in label.opening for g in GENRES) and not any(g in label.title for g in TITLE_GENRES))
    for ref, kind in refs:
        key = squash(ref)
        # Places name a document by its title and dateline (its opening when it has no title): a place
        # mentioned in passing in an opening (城镇, 全省) names nothing.
        docs = frozenset(d for d, label in labels.items()
                         if (label.names_place(key) if kind == "place" else
                             own_genre(key, label.opening) if kind == "opening" else
                             any(own_genre(squash(w), label.opening) for w in GENRE_NAMES[ref]) if kind == "named"
                             else key in label.title))
        if docs and kind != "place":
            outright.append(docs)
            docs |= unknown
        if not docs and kind == "place":  # no document is of it: a placeless one that keeps naming it (大同…X县)
            docs = frozenset(d for d, label in labels.items() if key in label.mentioned)
        if not docs and kind == "place" and ref in xx:  # X县 when a county's document masks its own name (开创X…,
            tier = _LEVEL_OF_SUFFIX[ref[-1]]  # 县委X届) and names no place: the masked documents of that tier
            docs = frozenset(d for d, label in labels.items()
                             if _MASKED_NAME.search(label.opening[:NAME_CHARS]) and label.level == tier
                             and not _MASKED_PLACE.search(label.where or label.title))  # XX县's is named by XX县
        if not docs:
            if kind == "place" and ref in real:
                free.append(ref)
        elif len(docs) < len(labels):
            sets.append(docs)
            if kind == "place":
                place_sets.append(docs)
                found.append(ref)
    # 漱川市的安全生产治本攻坚…: a word the tagger calls a place (治本), no tier and no document's own place, names a
    # document only through a word of its title; beside a place a document is of, it names nothing
    # (compared documents may each be named so: 推进县域经济那个市)
    if len(place_sets) > 1 and not info.cross_doc and not frozenset.intersection(*place_sets):
        own_places = {place_key(p) for label in labels.values() for p in (label.place, label.body_place) if p}
        loose_refs = [i for i, ref in enumerate(found) if ref not in real and place_key(ref) not in own_places]
        if len(loose_refs) < len(found):
            for i in reversed(loose_refs):
                sets.remove(place_sets[i])
                del place_sets[i], found[i]
    # 河北冀州, 山西大同: a province right before a place documents are of says where that place is, no subject
    free = [p for p in free if not any(re.search(rf"{re.escape(p)}[省市]?{re.escape(o)}", info.text) for o in found)]
    sets += title_named(info.text, labels)
    soft = []  # years and plan ordinals: metadata a document may lack, so they narrow but never empty the scope
    own = {d: label.own_years for d, label in labels.items() if label.years}
    year_sets = [frozenset(d for d in own if year in own[d]) for year in dict.fromkeys(info.doc_years)]
    if len(year_sets) > 1 and not (real or _LOCAL.search(info.text) or EVERY_PLACE.search(info.text)):
        # 2021年和2025年报告 with no place: each year's country's report, where that year has one
        year_sets = [frozenset(d for d in docs if labels[d].national) or docs for docs in year_sets]
    soft += year_sets
    short = [p + "五" for p in _PLAN_SHORT.findall(info.text)] + [c + "大" for c in _CONGRESS_SHORT.findall(info.text)]
    for name in dict.fromkeys(short):
        soft.append(frozenset(d for d, label in labels.items() if name in label.plans))
    # 全国 narrows like a year, unless the question names its documents otherwise (六五计划和十二五规划)
    if _COUNTRY.search(info.text) and not (real or short or info.cross_doc or EVERY_PLACE.search(info.text)):
        # a document that names no place or tier may be the country's too (a news report of national statistics)
        soft.append(frozenset(d for d, label in labels.items() if label.national or label.level == ""))
    # a document named by its year (and genre) alone (2025年政府工作报告), no place (城镇 is none) and no local word:
    # the country's, when one of those named is the country's and others a province's or a county's
    if info.doc_years and not (real or short or info.cross_doc or _LOCAL.search(info.text)):
        named = frozenset.intersection(*sets, *year_sets)
        national = frozenset(d for d in named if labels[d].national)
        if national and national != named:
            soft.append(national)
    plain = _YARDSTICK.sub("", info.text)  # 在全省排第几: the province a county's rank is in, not the one asked of
    asked = [level for level, words in _ASKED_LEVEL.items() if words.search(plain)]
    if asked:  # 市里和区里各出多少: a document of either tier (not one of both, which none is)
        # a township's document is the county's business too (县里来要项目数据 of a 镇's summary)
        tiers = (*asked, "", *(("township",) if "county" in asked else ()))
        soft.append(frozenset(d for d, label in labels.items() if label.level in tiers))
    soft = [docs for docs in soft if docs and len(docs) < len(labels)]
    years = {d: label.implied_years for d, label in labels.items() if label.years}
    if not sets and not soft:
        return Scope(None, tuple(free), years=years, own_years=own)
    by_place = len(place_sets) > 1 and not frozenset.intersection(*place_sets)
    year_sets = [docs for docs in year_sets if docs and len(docs) < len(labels)]
    by_year = len(year_sets) > 1 and not frozenset.intersection(*year_sets)  # 2024年和2025年的报告
    if by_year and not info.cross_doc and not by_place:
        hard = frozenset.intersection(*sets) if sets else None  # 政府工作报告 applies to each year's
        loose = frozenset().union(*year_sets)
        return Scope((hard & loose) or loose if hard is not None else loose, tuple(free), several=True, years=years, own_years=own)
    if info.cross_doc or by_place:
        # References that name different documents (甲省和乙省, 2024年和2025年的报告): any of them. Places name
        # different documents of one kind: the other references still narrow them (a place and a genre that name
        # different documents name none: a 2024年某县政府工作报告 when only that county's plan is in the base).
        hard = frozenset().union(*sets) if sets else None
        if by_place and not info.cross_doc:
            hard = frozenset().union(*place_sets)
            for docs in sets:
                if docs not in place_sets:
                    hard &= docs
        elif by_place:  # XX县那份思路和冀州纲要: each place's documents, those the other references name where they do
            others = frozenset().union(*(docs for docs in sets if docs not in place_sets))
            hard = frozenset().union(*((docs & others) or docs for docs in place_sets))
        loose = frozenset().union(*soft) if soft else None
        allowed = hard if loose is None else loose if hard is None else (hard & loose) or hard
        return Scope(allowed, tuple(free), several=True, years=years, own_years=own)
    allowed = frozenset.intersection(*sets) if sets else None
    if allowed is not None and not allowed and place_sets:
        # the place's documents name no such genre: one of them may present the document named (江西…规划纲要草案
        # in 江西's report, which sets out the draft); the place decides, unless the question dates the document
        # and none of the place's is of that year (2024年某区政府工作报告 when only that district's plan is here)
        by_place = frozenset.intersection(*place_sets)
        if all(any(y in labels[d].years for d in by_place) for y in info.doc_years):
            allowed = by_place or allowed
    dated = frozenset.intersection(*year_sets) if year_sets else frozenset()
    # the place's documents are of other years (2024年报告…甘肃那次地震, only 甘肃's 2026 report here): the year's
    # document answers, and its passage must name the place
    if allowed and place_sets and dated and not allowed & dated and (
            year_docs := frozenset.intersection(dated, *(docs for docs in sets if docs not in place_sets))):
        allowed = year_docs
        free += [p for p in places if p in real and p not in free]
    # last, the documents a genre names outright before those that name none (实施意见: not a report that opens at
    # 各位代表), where the rest leaves both
    for docs in soft + outright:
        narrowed = docs if allowed is None else allowed & docs
        if narrowed:
            allowed = narrowed
    return Scope(allowed, tuple(free), years=years, own_years=own)


def in_scope(hits: Sequence[Hit], scope: Scope) -> list[Hit]:
    """The passages from the documents the question names (all when it names none)."""
    return [h for h in hits if scope.docs is None or h.doc_id in scope.docs]


_YEAR_RANGE = re.compile(rf"({YEAR})\s*年?\s*[-－—–~～至到]\s*({YEAR})")


def heading_years(section: str) -> set[str]:
    """The years a heading path is about: each year its innermost dated heading writes, and every year of a range
    (2021—2025年). A report's title above its parts names all its years (2025年预算执行情况和2026年预算草案); its
    part 一、2025年预算执行情况 is about the one."""
    for part in reversed(heading_path(section)):
        s = DOC_NUMBER.sub("", squash(part))  # 附件：某政办发〔2025〕9号: a document's number dates no part
        years = set(_YEAR.findall(s)) | _range_years(s)
        if years:
            return years
    return set()


def _range_years(text: str) -> set[str]:
    """Every year of each range the text writes (2021—2025年), up to thirty years long."""
    years: set[str] = set()
    for a, b in _YEAR_RANGE.findall(text):
        if int(a) < int(b) <= int(a) + 30:
            years |= {str(y) for y in range(int(a), int(b) + 1)}
    return years


def year_written(year: str, text: str) -> bool:
    """The text writes the year in figures or in Chinese numerals (二〇三五年, 二零三五年)."""
    return year in text or f"{year}年" in arabic_years(text)


# A thing told from its siblings by a serial number (神舟十五号 and 神舟十四号, 天问一号, 第33届 and 第32届): the name
# before the number (two characters) or, after 第, the counter and the two characters after it (第二类医疗器械)
# (2号线: a line, whether called 地铁 or 轨道交通); a 一号文件 or a 第1号令 is a document, no serial thing
_SERIAL = re.compile(rf"([\u4e00-\u9fff]{{2}})([{CN_SMALL}]{{1,4}}|\d{{1,4}})号(?!文件|令)(线)?"
                     rf"|第([{CN_SMALL}]{{1,4}}|\d{{1,4}})([届批次期类])([\u4e00-\u9fff]{{0,2}})"
                     rf"|第([{CN_SMALL}]{{1,4}}|\d{{1,4}})(中学|小学|人民医院|医院)")  # 第一中学: a school of a place


@lru_cache(maxsize=4096)  # the question's are read again for every sentence checked
def serials(text: str) -> frozenset[tuple[str, float]]:
    """The serial-numbered things a text names: (name, number) pairs, numbers read whichever way written."""
    out = set()
    for m in _SERIAL.finditer(squash(text)):
        name, number = ("号线" if m[3] else m[1] + "号", m[2]) if m[1] else (m[5] + m[6], m[4]) if m[4] else (m[8], m[7])
        value = float(number) if number.isdigit() else cn_number(number)
        if value is not None and not (m[1] and any(c in CN_SMALL for c in m[1])):
            out.add((name, value))
    return frozenset(out)


def sibling_named(question: str, text: str) -> str | None:
    """The serial-numbered thing a text names in place of the one asked (神舟十四号 for 神舟十五号), or None."""
    asked, named = serials(question), serials(text)
    for name, value in asked:
        others = [v for n, v in named if n == name]
        if others and value not in others:
            return name
    return None


_NOT_A_NAME = ("m", "r", "u", "p", "c", "d", "f", "q", "v", "t", "a", "y", "e", "x")  # numbers, verbs, times…


@lru_cache(maxsize=4096)
def _modifiers(text: str) -> tuple[tuple[str, str], ...]:
    """(word, the noun after it) for each pair of words of two or more characters where the first may name the
    second (问天 实验舱, 福厦 高铁): not a number, verb, time or function word."""
    words = tagged_words(text)
    return tuple((w, n) for (w, f), (n, g) in zip(words, words[1:])
                 if len(w) >= 2 and len(n) >= 2 and not f.startswith(_NOT_A_NAME) and g.startswith("n")
                 and w not in GENERIC and n not in GENERIC and not any(ch.isdigit() for ch in w))


def _name_like(word: str, places: bool = False) -> bool:
    """A name of one thing (雅万, 梦天; with `places`, also 福厦, 休斯敦): a name to the tagger, or a word it does not
    know; not an ordinary word (常住人口, 上级), which questions paraphrase."""
    tags = tagged_words(word)
    f = tags[0][1] if len(tags) == 1 else "x"
    return f in ("nr", "nrt", "nrfg", *(("ns",) if places else ())) or not _known_word(word)


def named_sibling(question: str, text: str, places: Sequence[str] = ()) -> str | None:
    """A thing the text names by another name before the same word (福厦高铁 for 雅万高铁, 问天实验舱 for 梦天实验舱)
    while the asked name occurs nowhere in it, or None: another thing of the kind asked. A place asked is no such
    name (梧源城镇化率: the scope reads it)."""
    q, t = squash(question), squash(text)
    for name, head in _modifiers(q):
        # 说澜|岫区: a name whose end opens a place asked is a piece of that place the tagger cut off
        if name in t or not _name_like(name) or real_place(name) or any(
                name in p or p in name or p.startswith(name[1:]) for p in places):
            continue
        if any(h == head and other != name and other not in q and _name_like(other, places=True)
               for other, h in _modifiers(t)):
            return name
    return None


_QUOTED_NAME = re.compile(r"[“\"「]([^”\"」“「]{2,12})[”\"」]")


def quoted_names(question: str) -> tuple[str, ...]:
    """The names a question quotes (“三廊一带”, “两业融合”): some passage retrieved names each as written (the items
    may stand in passages that do not: the 八个聚焦 one by one)."""
    return tuple(squash(m.group(1)) for m in _QUOTED_NAME.finditer(question)
                 if not _YEAR.fullmatch(m.group(1)) and not _NUMBERING.fullmatch(m.group(1).strip()))


_NUMBERING = re.compile(rf"第?[（(]?[{CN_SMALL}十百\d]+[）)]?[、.．章节篇条项部分]*")  # “三、”, “（二）”: a part, not a name


def unnamed_quote(info: QuestionInfo, hits: Sequence[Hit], glossary: Glossary) -> str | None:
    """A name the question quotes that none of the passages names, or None."""
    names = quoted_names(info.text)
    if not names:
        return None  # most questions quote nothing: no passage text to build
    texts = [passage_text(h) for h in hits]
    return next((n for n in names if not any(names_quoted(n, t, glossary) for t in texts)), None)


def names_quoted(name: str, text: str, glossary: Glossary) -> bool:
    """The (squashed) text names a name the question quotes, as written, by a synonym or loosely (_held_loosely)."""
    return term_present(name, text, glossary) or _held_loosely(name, text)


_PLACEHOLDER = re.compile(r"([×x某○□*＊]+)")  # a quoted name's blank (“×县”, “某某行动”): any word in its place
_GAP = re.compile(r"…+|\.{2,}|。{2,}")  # “南有…北有…”: a phrase quoted with what it frames left out
_NAME_NUMERALS = CN_SMALL + "两双"  # a name's numeral is never a typo (两廊一带, 三廊一带)
_COUNTED_NAME = re.compile(rf"([{CN_SMALL}两]+)个?([\u4e00-\u9fff]{{2,6}})")  # “四个着力”: four items opening 着力


def _held_loosely(name: str, text: str) -> bool:
    """A quoted name the text holds, though not as written: its pieces in order around a gap (“南有…北有…”); a
    counted phrase's word as many times as it counts (“四个着力”: 着力建设…，着力打造…); or with one character inside it
    mistyped (“枫乔经验” for 枫桥经验, four characters or more, never a numeral: “两廊一带” is another name than 三廊一带)."""
    pieces = [p for p in _GAP.split(name) if p]
    if len(pieces) > 1:
        return bool(re.search(".*?".join(map(re.escape, pieces)), text))
    if _PLACEHOLDER.search(name) and _PLACEHOLDER.sub("", name):
        # “×县”之路: the names the text quotes in its place (走好“生态立县”之路, “工业强县”之路), never a bare 全县
        blank = "[\u4e00-\u9fffx]{{1,{}}}"
        shape = "".join(blank.format(max(4, 2 * len(p))) if _PLACEHOLDER.fullmatch(p) else re.escape(p)
                        for p in _PLACEHOLDER.split(name) if p)
        return bool(re.search(f"[“\"]{shape}[”\"]", text))
    if (m := _COUNTED_NAME.fullmatch(name)) and (n := cn_number(m.group(1))) and n >= 2:
        return text.count(m.group(2)) >= n
    if len(name) < 4:
        return False
    # inside the name only: its first and last characters tell names apart (双倍增计划, 链倍增计划)
    return any(re.search(re.escape(name[:k]) + f"[^{_NAME_NUMERALS}\\d]" + re.escape(name[k + 1:]), text)
               for k in range(1, len(name) - 1) if name[k] not in _NAME_NUMERALS and not name[k].isdigit())


def names_serial(question: str, text: str) -> bool:
    """Every thing the question names by a name and serial number (神舟十五号) is named in the text."""
    asked = [(n, v) for n, v in serials(question) if n.endswith(("号", "号线"))]
    if not asked:
        return True  # most questions name none: the text, read for every sentence checked, need not be
    named = serials(text)
    return all(x in named for x in asked)


_NUMBER_YEAR = re.compile(r"[〔［\[]((?:19|20)\d\d)[〕］\]]")  # 鹭办发〔2024〕15号: a document number's year


def _mentions_year(year: str, hit: Hit, text: str, scope: Scope) -> bool:
    """In figures anywhere but a cited document's number (〔2024〕15号 is no 2024 figure); in Chinese numerals in
    the body only (a plan's title writes 二〇三五年远景目标)."""
    return (year in _NUMBER_YEAR.sub("", text) or year_written(year, _NUMBER_YEAR.sub("", hit.text))
            or year in scope.years.get(hit.doc_id, ()))


def unmentioned_years(info: QuestionInfo, hits: Sequence[Hit], scope: Scope = Scope()) -> list[str]:
    """The years a question names that none of the passages mentions."""
    return [y for y in info.years if not any(_mentions_year(y, h, passage_text(h), scope) for h in hits)]


def check_passage(info: QuestionInfo, hit: Hit, glossary: Glossary, min_coverage: float,
                  scope: Scope = Scope()) -> Check:
    text = passage_text(hit)
    if not (info.terms or info.places or info.years or info.doc_years or info.section_refs or info.parts
            or any(w in info.text for w in DOC_WORDS)):  # 这份规划分成哪几部分 names the document
        return Check(False, "the question names nothing to look for")  # “”, control characters, 他说了什么
    if scope.docs is not None and hit.doc_id not in scope.docs:
        return Check(False, "the passage is from a document the question does not ask about")
    for place in scope.free_places:
        if squash(place) not in text:
            return Check(False, f"the passage is not about {place}")
    if not names_serial(info.text, text):
        return Check(False, "the passage does not name the numbered thing asked about")
    missing = [y for y in info.years if not _mentions_year(y, hit, text, scope)]
    # 2024年多少, worked back from the next year's level and its rate: that year answers
    after = {str(int(y) + 1) for y in info.years} if operations(info.text) == ["prior"] else set()
    if after:
        missing = [y for y in missing if not _mentions_year(str(int(y) + 1), hit, text, scope)]
    # two years a computation spans (从2027年到2030年再提高几个百分点): each passage may hold one end (the gate then
    # wants every year in some passage, unmentioned_years)
    if missing and not (len(info.years) >= 2 and len(missing) < len(info.years) and operation(info.text)):
        return Check(False, f"the passage does not mention {missing[0]}")
    own = scope.own_years.get(hit.doc_id)
    if own and info.doc_years and not own & set(info.doc_years):
        # 2023年…考评办法 when only the 2022 one is here: another year's document, not the one named
        return Check(False, f"the passage's document is not of {'、'.join(info.doc_years)}")
    dated = heading_years(hit.section) if info.years else set()
    if dated and not dated & (set(info.years) | after) and not any(w in info.text for w in RELATIVE_YEARS) \
            and not row_years(hit.text) & set(info.years):  # a table's columns name their own years
        # 一、2025年工作回顾 answers about 2025, not the 2026 target its report also states
        return Check(False, f"the passage's section is about {'、'.join(sorted(dated))}")
    if info.kind in ("figure", "when", "who"):  # “强化监测评估”这项的完成时限: a passage about the thing quoted
        for name in quoted_names(info.text):
            if not names_quoted(name, text, glossary):
                return Check(False, f"the passage does not name “{name}”")
    # a figure question's kind of figure (面积, 比重, 目标) is what any figure there is: the passage may name only the rest
    subject = tuple(t for t in info.terms if t not in MEASURES) if info.kind == "figure" else info.terms
    cov = coverage(info, text, glossary)
    if subject and subject != info.terms:
        cov = max(cov, coverage(replace(info, terms=subject), text, glossary))
    if cov < min_coverage:
        return Check(False, f"the passage covers {cov:.0%} of the question's terms", cov)
    return Check(True, coverage=cov)


def _own_figure(clauses: Sequence[str], figs: Sequence[bool | None], i: int) -> bool:
    """The clause before holds a figure of another kind (a rate before an amount: 年均增速达到8.5%以上，到2025年突破70亿元),
    so what qualifies that one (年均) is not this one's."""
    # any figure before, not only one in the unit asked (年均增长5.5%左右，到2030年突破5000亿元 when 亿元 is asked)
    return i > 0 and (bool(figs[i - 1]) or has_figure(clauses[i - 1], None) is True) \
        and bool(_PERCENT.search(clauses[i - 1])) != bool(_PERCENT.search(clauses[i]))


_PERCENT = re.compile(r"[%％]|百分点")


# a figure's clause that is a condition (金额在1万元以下的货物和服务，): the clause after it says what then applies
_THRESHOLD_OF = re.compile(r"(?:以下|以上|以内|不足|超过|未满|低于|高于|不超过|不低于)[^，,；;。]{0,2}的[^，,；;。的]{0,8}[，,]\s*$")
_VAGUE_AMOUNT = re.compile(r"一批|若干|一系列|一些")
# a clause that only goes on with the figure of the one before it (同口径增长3.9%, 比上年提高0.8个百分点)
_GOES_ON_FIGURE = re.compile(r"(?:同比|同口径|按可比价格计算|比上年|较上年|比去年)?(?:增长|下降|提高|降低|上涨|增加|减少)")


# Part of a year (一季度, 上半年, 1-5月): a figure for it is not the year's, nor another part's
_PART_PERIOD = re.compile(r"(?:前|第)?[一二三四1-4]季度|[上下]半年|\d{1,2}[-—－~～至到]\d{1,2}月|(?<![\d—－~～至到])\d{1,2}月份")


_QUARTER_DIGITS = str.maketrans("1234", "一二三四")


def _parts_of_year(text: str) -> set[str]:
    """The parts of a year a text names, written alike (第三季度 and 3季度 as 三季度)."""
    return {p.removeprefix("第").translate(_QUARTER_DIGITS) if p.endswith("季度") else p.removesuffix("份")
            for p in _PART_PERIOD.findall(text)}


_PERIOD_OR_YEAR = re.compile(rf"{_PART_PERIOD.pattern}|全年")


def _last_part(text: str) -> str | None:
    """The part of a year the text names last, unless it turns to the whole year after it (一季度…，全年…)."""
    last = None
    for m in _PERIOD_OR_YEAR.finditer(text):
        last = m.group(0)
    return None if last in (None, "全年") else next(iter(_parts_of_year(last)), None)


# A clause that is only a span of time leading into what is done in it (利用2-3年时间，…; 力争用5年左右，…)
_LEAD_IN_SPAN = re.compile(r"(?:力争|争取|计划)?(?:利用|用|经过|花)?(?:\d+(?:[-—－~～至到]\d+)?|[一二三四五六七八九十两]{1,3})"
                           r"(?:个)?(?:年|个月|月)(?:左右)?(?:的)?(?:时间)?(?:左右)?[，,]")
# Units that count time: 几年 wants years; 多长时间 any span of time.
_AREA_UNITS = "(?:平方米|平方公里|平方千米|公顷|亩|平米)"  # 面积有多大: a figure in any of them
# 30日内 is a span of days (a date's 30日 has its month before it: has_figure)
_AGE_BRACKET = re.compile(r"(?<![\d.])\d{1,3}周?岁(?:及|或)?(?:以下|以上)")
_PER_BASE = re.compile(r"每(?:\d+(?:\.\d+)?|[一十百千万]+)[万千百]?(?=[名个户人位例])")
# 日 is a duration within a span (30日内) or after a decimal (平均住院日8.4日), else a date's day (4月1日)
_DURATIONS = {"年": "年", "天": r"天|工作日|日(?=内|以内|之内)|(?<=\.\d)日", "时长": "年|月|周|天|日|小时|分钟|工作日"}


# a rate, then a bare number (up to 100) that ends the clause: a percentage whose sign the text lost
_BARE_RATE = re.compile(r"(?:率|比重|比例|占比)[^，,；;。：:\d]{0,6}?(?<![\d.])(?:100|\d{1,2})(?:\.\d+)?(?=[，,；;。]|$)")


def has_figure(sentence: str, unit: str | None = None, counts: bool = True) -> bool | None:
    """True: an unmasked figure (in the unit); False: only masked ones; None: no figure at all. Without `counts`
    a Chinese numeral before a counter (十方面民生实事) is no figure: it answers 几个, not 多少 of a rate or sum."""
    s = squash(sentence)
    if unit in _DURATIONS:  # a duration (连续三年, 2-3年, 2小时内), never a year (2025年)
        # a date (11月21日) is no duration: no day after its month, no month before its day
        if re.search(rf"(?<![\d〇零{_CN_NUM}.月])(?:(?!{YEAR}年)\d{{1,4}}(?:[.-]\d+)?|[{_CN_NUM}]{{1,3}}|(?<=每)半)[多余]?个?半?"
                     rf"(?:{_DURATIONS[unit]})(?!\d)", s):
            return True
        return False if re.search(rf"[xX]+个?(?:{_DURATIONS[unit]})", s) else None
    # 每1000名活产数中, 每10万人口: the base a rate is counted on; 5岁以下儿童 (unless an age is asked): whom; no values
    s = _PER_BASE.sub("每", s if unit in ("岁", "周岁") else _AGE_BRACKET.sub("", s))
    if unit:
        u = _AREA_UNITS if unit == AREA else re.escape(squash(unit))
        mag = "[十百千万亿]{0,2}"  # 2万亿元 is a figure in 元, 100万人 one in 人
        if re.search(rf"{_NUMBER}(?:[多余]|以上|左右)?{mag}{u}", s) or (u == "%" and "百分之" in s):
            return True
        if u == "%" and _BARE_RATE.search(s):  # 城镇化率力争达到50; (a web page that lost its % signs)
            return True
        if u == "%" and re.search(rf"{_NUMBER}(?:‰|‱|/(?:10|十)?万|/千)", s):
            return True  # a rate on another base: 婴儿死亡率2.31‰, 孕产妇死亡率8.62/10万
        # people counted by what they are (6600多万纳税人, 3000名残疾人): a figure in 人
        if u == "人" and re.search(rf"{_NUMBER}[多余]?{mag}(?![年月日号])(?:名|名?[\u4e00-\u9fff]{{1,3}}?人)", s):
            return True
        # the unit named before a bare count: 60岁以上人口已达2.5亿 is a figure in 人
        if re.search(rf"{u}[^，,；;。\d]{{0,6}}?{_NUMBER}[万亿]+(?![\w\u4e00-\u9fff])", s):
            return True
        return False if re.search(rf"[xX]+(?:[多余]|以上|左右)?{mag}{u}", s) else None
    if (FIGURE if counts else _MEASURE).search(s):
        return True
    return False if _MASK.search(s) else None


def names_head(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """The text names the indicator a figure question counts (QuestionInfo.head): each of its nouns, or the
    whole phrase (a glossary synonym of 研发经费 is 研发投入)."""
    if not info.head:
        return True
    return (all(term_present(h, text, glossary) for h in info.head)
            or term_present("".join(info.head), text, glossary))


def head_noun_named(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """A compound indicator asked (单位GDP能耗) is named by its head, its last word (能耗), not by a modifier alone
    (研发投入占GDP的比重 has GDP, not 能耗); kinds of figure (总量, 规模) and Latin words are no head."""
    if not info.indicator:
        return True
    words = _words_in(info.indicator)
    last = words[-1]
    rate = len(last) >= 3 and last.endswith("率")  # 入园率 is not answered by 普惠性幼儿园覆盖率
    if (len(words) < 2 and not rate) or len(last) < 2 or last in MEASURES or _LATIN.fullmatch(last):
        return True
    return term_present(last, text, glossary) or term_present(info.indicator, text, glossary)


def _names_a_thing(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """Some term of the question other than a figure's frame words (保持, 达到, 增长, 年均, 累计:
    ingest/data/target_rules.txt) is in the text: a clause that shares only those counts something else
    (优良天数比例保持在90%以上 for 出煤量要保持在多少)."""
    things = [t for t in info.terms if t not in _FRAME]
    return not things or any(term_present(t, text, glossary) for t in things)


MIN_SEGMENT_COVERAGE = 0.5  # of one figure's own terms (two of them at least, a noun among them), when a question
MIN_WHOLE_COVERAGE = 0.2  # asks several in clauses of their own; and of the whole question's terms
_ASK_PIECE = re.compile(r"[^，,？?；;。！!]+")
_ASKS_FIGURE = re.compile(r"多少|(?<![好这那前后头近最])几|多[大高长久远]|百分之几")


@lru_cache(maxsize=256)
def ask_segments(question: str, terms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The terms of each figure a question asks in a clause of its own (耕地要保住多少亩，粮食一年产多少万吨), with
    those of the clauses that ask nothing (their frame); the terms whole when it asks one figure."""
    pieces = _ASK_PIECE.findall(question)
    asking = [p for p in pieces if _ASKS_FIGURE.search(p)] + follow_ups(question)
    if len(asking) < 2:
        return (terms,)
    shared = tuple(t for t in terms if not any(t in p for p in asking))
    return tuple(seg for p in asking for seg in [tuple(t for t in terms if t in p) + shared] if seg) or (terms,)


def follow_ups(question: str) -> list[str]:
    """The pieces after a figure's question that ask it again of another case without saying so (…每课时多少钱？带社团的
    呢？), without their 呢."""
    pieces = [p.strip() for p in _ASK_PIECE.findall(question)]
    return [p[:-1] for i, p in enumerate(pieces) if p.endswith("呢") and len(p) > 2 and not _ASKS_FIGURE.search(p)
            and any(_ASKS_FIGURE.search(x) for x in pieces[:i])]


def _about_asked(info: QuestionInfo, window: str, named: str, context: str, glossary: Glossary) -> float | None:
    """A figure's window (its clause and the one before, or a row's indicator, column and value) is about what was
    asked: enough of the question's terms, the indicator it counts named (in `named`), and a term other than frame
    words. Its coverage, or None."""
    # the kind of figure (比重, 规模) and the period (十三五) frame the figure; the clause need not repeat them
    subject = tuple(t for t in info.terms if t not in MEASURES and not PERIOD.fullmatch(t))
    cov = coverage(replace(info, terms=subject) if subject else info, window, glossary, context)
    segments = ask_segments(info.text, subject)
    if MIN_WHOLE_COVERAGE <= cov < MIN_CLAUSE_COVERAGE and len(segments) > 1:  # 耕地要保住多少亩，粮食产多少万吨
        cov = max([cov] + [c for seg in segments for held in [[t for t in seg if term_present(t, window, glossary)]]
                           if len(held) >= 2 and any(_noun(t) for t in held)
                           for c in [coverage(replace(info, terms=seg), window, glossary, context)]
                           if c >= MIN_SEGMENT_COVERAGE])
    if cov >= MIN_CLAUSE_COVERAGE and names_head(info, context + named, glossary) and (
            _names_a_thing(info, context + window, glossary)) and (
            head_noun_named(info, context + named, glossary) or operation(info.text) == "rate"):  # from its counts
        return cov
    return None


_CONTRASTS = tuple(tuple(w.split("|")) for w in vocabulary("contrasts"))


_THING_AFTER = re.compile(rf"(?:多少|几)[{_COUNTERS}家所座处]([^，,、。；;：:？?！!]+)")
_THING_POS = ("n", "nz", "vn", "j", "l", "eng")


@lru_cache(maxsize=256)  # asked once per question, read for every clause checked
def counted_thing(question: str) -> str:
    """The thing a count asked alone asks about, named after its counter (多少家非国有博物馆 → 博物馆; 多少个特色小镇和…
    → 小镇): the last noun before its phrase ends (at 之间, 的, 和, punctuation); "" when none, or when several
    counts are asked (几个领域、多少个项目 names its things loosely)."""
    found = _THING_AFTER.findall(question)
    if len(found) != 1:
        return ""
    nouns = []
    for w, f in _unglued(tagged_words(found[0])):  # 按多少户来划: 来 leads a verb, no thing
        if f.startswith(("f", "u", "c", "p", "x")):  # 部门之间的数据: the thing ends where a phrase joins another
            break
        if f.startswith(_THING_POS) and len(w) > 1 and w not in MEASURES:
            nouns.append(w)
    return "" if not nouns or nouns[-1] in ("百分点",) else nouns[-1]


_PEOPLE = tuple("孩子 儿童 婴幼儿 学生 老人 人员 居民 群众 农民 职工 员工 干部 教师 医生 患者 游客 毕业生 人才".split())
_PEOPLE_COUNTED = re.compile(r"\d+(?:\.\d+)?[万]?[多余]?[人名](?!次)|人数")  # 36人次 counts visits, not people


def _counts_asked(question: str, window: str, context: str, glossary: Glossary) -> bool:
    """A count's clause names the thing counted, or something like it (多少家博物馆 is not answered by 名校88所;
    多少名专业技术人员 is by 3万名专业技术人才, 多少家餐馆 by 2400户餐饮单位), and the words that make it a kind of
    thing (多少家灯塔工厂 is not answered by 智能工厂15家)."""
    thing = counted_thing(question)
    if not thing:
        return True
    if thing.endswith(_PEOPLE) and _PEOPLE_COUNTED.search(window):
        return True  # 几个孩子 is answered by 收托人数不超过5人: people are counted as 人
    text = context + window
    return (term_present(thing, text, glossary) or bool(set(thing) & set(window))) and all(
        term_present(m, text, glossary) for m in _kind_words(question))


_KIND_AFTER = re.compile(r"(?:多少|几)[个项条家所座户名处]([^，,、。；;：:？?！!]+)")  # not 大: 多少大学生


@lru_cache(maxsize=256)
def _kind_words(question: str) -> tuple[str, ...]:
    """The nouns right after a count's counter that make its thing a kind (多少家灯塔工厂 → 灯塔): the run of nouns
    that opens the phrase, but its last (几家企业做股份制改造: none)."""
    found = _KIND_AFTER.findall(question)
    run: list[str] = []
    for w, f in tagged_words(found[0]) if len(found) == 1 else ():
        if f.startswith(("v", "p", "u", "c", "f", "x", "r", "m", "q")) or len(w) == 1 or w in MEASURES:
            break  # 几家企业做股份制改造, 多少家餐馆新接入: the thing ends where a verb or a lone character starts
        run.append(w)
    return tuple(run[:-1])


_ITEM_MARK = re.compile(rf"^(?:[（(]?[{CN_SMALL}\d]+[)）、.．是]|其中)?")


@lru_cache(maxsize=1024)
def _verb_only(word: str) -> bool:
    """A term that is a verb and nothing else (拿出, 推出), not a verbal noun (建设) or a phrase."""
    words = tagged_words(word)
    return len(words) == 1 and words[0][1] == "v"


@lru_cache(maxsize=1024)
def _noun(word: str, kinds: bool = False) -> bool:
    """The word ends in a noun (案件, 成功率), not a verb (县法院审结: the court is who did it, not a kind); with
    `kinds`, also in a word that can make a kind of one (调解的成功率, 涉外案件), not a verb (提供护理: what is done)."""
    words = tagged_words(word)
    return bool(words) and (words[-1][1].startswith("n") or kinds and words[-1][1] in ("vn", "a", "b", "j", "l"))


_ASKED_AFTER = re.compile(r"(?:是|为|有|能|要|达到|达|了|共|一共|总共)?(?:多少|几)")
_COUNT_BEFORE = re.compile(r"(?:多少|几)[件个项家所座户名条篇次人类种][\u4e00-\u9fff]?$")  # 多少件涉未成年人…


def _asked_thing(info: QuestionInfo, term: str) -> bool:
    """The term is what the figure asked is of: right before 多少/几 (知识产权案件多少件, 成功率是多少) or counted right
    after them (多少件涉未成年人刑事案件)."""
    q = squash(info.text)
    at = q.find(term)
    return at >= 0 and bool(_ASKED_AFTER.match(q, at + len(term)) or _COUNT_BEFORE.search(q[max(0, at - 5):at]))


def _other_kind_of(info: QuestionInfo, window: str, context: str, glossary: Glossary) -> bool:
    """The question asks a figure of a thing named with the word that makes it a kind (知识产权案件多少件), and the
    window names that thing without the kind, nor the document or part it is in (行政案件187件), or names neither
    (审结15217件): a figure of another kind."""
    q, text = squash(info.text), context + window
    for k, (m, h) in enumerate(zip(info.terms, info.terms[1:])):
        # 知识产权案件, 未成年人刑事案件 name a kind; 提供护理 names what is done, 外国人过境 who does it
        if not (m + h in q and _noun(m, kinds=True) and _noun(h) and _asked_thing(info, m + h)) or \
                term_present(m, text, glossary) or term_present(m + h, text, glossary):
            continue
        if not term_present(h, text, glossary):
            if _ASKS_ITEMS.search(info.text):
                return True  # neither the kind nor the thing counted: it counts something else
            continue
        if h in window and len(m) >= 3:
            # what the question puts before it (未成年人) shares no two characters with the words before it there:
            # another kind (行政案件, 受理刑事案件), not the one named loosely
            run, j = m, k  # with the terms right before it in the question (审结知识产权 of 知识产权)
            while j > 0 and info.terms[j - 1] + run in q:
                j, run = j - 1, info.terms[j - 1] + run
            inside = [t for t in info.terms if h in t and t != h]  # 标准 inside 高标准 is no 标准 named
            before = [window[max(0, i - 3):i] for i in range(len(window)) if window.startswith(h, i)
                      and not any(window.startswith(t, j) for t in inside for j in range(i - len(t) + len(h), i + 1))]
            if before and all(len(b) >= 2 and not bigrams(b) & bigrams(run) for b in before):
                return True
    return False


def _other_place(info: QuestionInfo, clause: str, context: str) -> bool:
    """The figure's clause opens with a place that neither the question nor the document's title and part name
    (兰州新区经济总量突破500亿元 when the province's total was asked): that place's figure."""
    first = next(iter(jieba_tokenizer().lcut(_ITEM_MARK.sub("", clause))), "")
    if not listed_place(first) or first in context or first[:2] in info.text:
        return False  # a listed place (not 各县区); 北方地区 when 北方 was asked
    return not any(place_key(first) in p or place_key(p) in first for p in info.places)


# an event dated years before the text's own time (两年前的休斯敦世乒赛上, 四年前的7月15日): an earlier one
_YEARS_AGO = re.compile(r"(?<![\d万亿])[一二两三四五六七八九十\d]{1,3}年前的")


def years_ago(info: QuestionInfo, text: str) -> bool:
    """The text tells of an event some years before (两年前的…) while the question dates what it asks by a year and
    not so: another edition's."""
    return bool(info.years) and "年前" not in info.text and bool(_YEARS_AGO.search(text))


def _other_year(info: QuestionInfo, window: str) -> bool:
    """The figure's clauses date it, and to none of the years asked (2024年国内生产总值增长5%左右 when 2023 was asked):
    that year's figure. A range (2021—2023年) dates it to each of its years; 两年前的 dates it before them. A base
    year (比2020年下降) dates nothing when another year is asked (到2030年比2020年下降多少: not 到2025年's)."""
    if not info.years:
        return False
    if years_ago(info, window):
        return True
    base = set(_BASE_YEAR.findall(info.text))
    asked = set(info.years) - base
    written = set(YEAR_WRITTEN.findall(window)) | _range_years(window)
    if asked and base:
        written -= set(_BASE_YEAR.findall(window))
        return bool(written) and not written & asked
    return bool(written) and not written & set(info.years)


_BASE_YEAR = re.compile(rf"(?:比|较|相比|相较|对比)\s*({YEAR})\s*年")
# a line of a list (——…, 1.…, （1）…, ①…, ·…) and the line it hangs from: opened by its year, ending with a colon
_LIST_LINE = re.compile(rf"\s*(?:[—－]{{1,2}}|[-•·●▪◆](?!\d)|\d{{1,2}}[.．、)）](?!\d)|[（(]\d{{1,2}}[)）]|[①-⑳]|[（(][{CN_SMALL}]{{1,3}}[)）])")
_LIST_LEAD_MAX = 12  # lines of a list looked back over for the line it hangs from


def paragraph_lead(text: str, start: int) -> str:
    """The clause that dates the paragraph a sentence of `text` at `start` is in, when the sentence names no year of
    its own: its line's opening clause (到2027年，…。其中…) or, for an item of a list (——…达到40%), the line the list
    hangs from when that line opens with a year and ends with a colon (到2027年，主要目标是：). "" when none."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        m = _YEAR_LEAD.match(text, line_start)
        return m.group(0) if m and m.end() <= start else ""
    if not _LIST_LINE.match(text, start):
        return ""
    end = line_start - 1
    for _ in range(_LIST_LEAD_MAX):
        if end < 0:
            return ""
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        end = begin - 1
        if not line:
            continue
        if _LIST_LINE.match(line):
            continue
        m = _YEAR_LEAD.match(line)
        return m.group(0) if m and line.endswith(("：", ":")) else ""
    return ""

_LABEL_LEAD = re.compile(r"\s*(?:答|问|解读|说明)\s*[：:]\s*")


# a five-year period a clause is of (十四五期间), not one it compares with (较“十二五”末期)
_PERIOD_NAMED = re.compile(r"(?<![较比])(?<![较比][“\"])(十[一二三四五六七八九]五|[六七八九]五)"
                           r"(?=[”\"’]?(?:时期|期间|末|规划|计划|以来|初|中期|开局))")
# the period a question asks of, not the one naming its document (十四五总体思路里，前五年…)
_PERIOD_ASKED = re.compile(r"(?:十[一二三四五六七八九]五|[六七八九]五(?=[”\"’]?(?:时期|期间|末)))"
                           r"(?![”\"’]?(?:规划|纲要|思路|计划|总体|实施方案|方案|报告))")


def _other_period(info: QuestionInfo, window: str) -> bool:
    """The figure's clauses name a five-year period (十四五期间), and none the question asks (十三五期间…累计多少)."""
    asked = set(_PERIOD_ASKED.findall(info.text))
    said = set(_PERIOD_NAMED.findall(window))
    return bool(asked) and bool(said) and not asked & said


def contrasted(question: str, window: str) -> bool:
    """The window names a sibling of a qualifier the question asks instead of it (城镇登记失业率 when 城镇调查失业率
    was asked): another indicator's figure (ingest/data/contrasts.txt)."""
    for group in _CONTRASTS:
        asked = [w for w in group if w in question]
        if len(asked) == 1 and asked[0] not in window:
            others = [w for w in group if w != asked[0] and w not in question and w in window]
            # 城市 asked (a synonym of 城镇), 城镇、农村居民 in the window: a sibling of the other's asked word is there
            if others and not any(a in question and a in window for g in _CONTRASTS if set(others) & set(g) for a in g):
                return True
    return False


_KINDS = tuple(tuple(w.split("|")) for w in vocabulary("figure_kinds"))
_KIND_WORDS = re.compile("|".join(sorted((w for k in _KINDS for w in k), key=len, reverse=True)))
_FIGURE_START = re.compile(r"\d(?![\d.]*年)")  # a figure, not a year


_SHARE, _GROWTH = 0, 1  # the first two kinds of figure_kinds.txt: a share, a growth
# a question that may ask a rate without naming its kind: a goal (GDP目标是多少 is a growth), a rate, prices
_MAY_ASK_RATE = re.compile(r"目标|预期|计划|打算|要|力争|率|速|幅|百分|%|％|点|价格|物价|CPI|PPI|指数")


def _kind_of(word: str) -> int:
    return next(i for i, k in enumerate(_KINDS) if word in k)


@lru_cache(maxsize=256)  # asked once per question, read for every clause checked
def _asked_kinds(question: str) -> frozenset[int]:
    return frozenset(_kind_of(w) for w in _KIND_WORDS.findall(question))


# a question that asks a change (增加多少, 多招多少, 新增, 提高, 翻番), once 多少 and 至少 are set aside, and one that
# asks a level (挖到多少, 是多少, 总量): an amount added (增加煤炭产量2300万吨) answers the first, not the second
_ASKS_CHANGE = re.compile(r"[增涨减降扩净新翻多少缩]|提高|提升")
_NOT_CHANGE = re.compile(r"多少|至少|不少于|多大|多久|多长|多高|多远")
_ASKS_LEVEL = re.compile(r"到了?多少|达到|到几|是多少|有多少|多大|产量|总量|总额|总数|规模|保有|存量|余额")


def _asks_level(question: str) -> bool:
    return bool(_ASKS_LEVEL.search(question)) and not _ASKS_CHANGE.search(_NOT_CHANGE.sub("", question))
_PERCENT_AT = re.compile(r"[\d.，,·]+\s*(?:%|％|‰|个?百分点)")
# a question that may ask a share without naming its kind (占GDP多少, 城镇化率, 几成, 投入强度)
_MAY_ASK_SHARE = re.compile(r"占|率|百分之|%|％|几成|强度|比[重例]")


def other_kind(question: str, clause: str) -> bool:
    """The question asks one kind of rate (a share, a growth) and the clause's figure is of another: the measure
    word last before its first figure (ingest/data/figure_kinds.txt) is of a kind the question does not name. A
    question that names no kind is not answered, in a clause of one figure, by a share when it may not ask one
    (经济总量涨到了多少: 占世界经济的比重达18.5%), nor by an amount added or a growth rate when it asks a level (挖到多少:
    增加煤炭产量2300万吨; 2023年国内生产总值是多少: 增长5.2%) and no goal or rate."""
    asked = _asked_kinds(question)
    if len(asked) > 1:
        return False
    digit = _FIGURE_START.search(clause)
    # 提高到65% states a level, not a growth
    own = [m.group(0) for m in _KIND_WORDS.finditer(clause[: digit.start()] if digit else clause)
           if not clause.startswith(("到", "至"), m.end())]
    if not own:
        return False
    if not asked:
        if len(quantities(clause)) > 1:
            return False  # …比重达1.26%、高新技术企业达8200家: which figure is asked is not the first one's to say
        if own[-1] == "增加" and not clause.startswith("增加值", clause.rfind("增加", 0, digit.start() if digit else None)) \
                and digit and not _PERCENT_AT.match(clause, digit.start()):
            return _asks_level(question)  # 拿出多少额度 may ask what is added
        if _kind_of(own[-1]) == _GROWTH and digit and _PERCENT_AT.match(clause, digit.start()):
            return _asks_level(question) and not _MAY_ASK_RATE.search(question)  # GDP目标是多少 asks a growth
        return _kind_of(own[-1]) == _SHARE and not _MAY_ASK_SHARE.search(question)
    return _kind_of(own[-1]) not in asked


_SIZE_WORDS = frozenset({"规模", "总量", "水平", "数量", "数目", "数字", "金额", "额度", "容量"}) & MEASURES
_AMOUNT = re.compile(r"\d\s*(?:万|亿)?(?:元|吨|千瓦|瓦|千瓦时|平方米|平方公里|亩|公里|立方米)")


def _subject_named(info: QuestionInfo, context: str, clause: str, window: str, glossary: Glossary,
                   alone: bool = False) -> bool:
    """A figure clause that names nothing asked takes its subject from the clauses before it (主要预期目标是：地区生产
    总值增长5%左右): those must then name all of it, or the figure is the first item's, not what was asked (经济社会
    发展 holds 社会 of 全社会研发经费, not the research spending). When the figure is its sentence's only one (a
    provision: 在重点管理区未经登记饲养犬只的，…逾期不办理的，处五百元以上罚款), all but one of four or more will do."""
    # a size asked (规模, 总量) frames an amount (突破70亿元大关): no subject the clauses must name; not a count (入驻企业
    # 574家 is no 规模 of what was installed), nor a share or a rate (占全市多大比重 is not answered by a growth rate)
    sizes = _SIZE_WORDS if _AMOUNT.search(window) else frozenset()
    things = [t for t in info.terms if t not in _FRAME and t not in sizes and not PERIOD.fullmatch(t)]
    if not things or any(term_present(t, context + clause, glossary) for t in things):
        return True
    # what is counted right after 多少 (多招多少学生: 扩招100万人) is the figure's own unit, no subject the clauses
    # before must name; of two figures asked (每课时多少钱？带社团的呢？) the window may name either's
    for seg in ask_segments(info.text, tuple(things)):
        missing = sum(not term_present(t, context + window, glossary) for t in seg if f"多少{t}" not in info.text)
        if missing == 0 or (alone and len(seg) >= 4 and missing == 1):
            return True
    return False


def subject_start(info: QuestionInfo, clauses: Sequence[str], lo: int, glossary: Glossary) -> int:
    """Where a figure's quote starts so that it says whose figure it is: at `lo`, unless the quoted clauses lack a
    thing asked that a clause just before names (占一般公共预算收入的比重为72.3% when 税收's share was asked: from
    税收收入298.4亿元，增长2.1%，…). An item ends at a semicolon or colon; at most two clauses are added."""
    quoted = squash("".join(clauses[lo:]))
    missing = [t for t in info.terms if t not in _FRAME and t not in MEASURES and not PERIOD.fullmatch(t)
               and not term_present(t, quoted, glossary)]
    for j in range(lo - 1, max(-1, lo - 3), -1) if missing else ():
        if clauses[j].rstrip().endswith(("；", ";", "：", ":")):
            break
        if any(term_present(t, squash(clauses[j]), glossary) for t in missing):
            return j
    return lo


# an item of a year (——2024年：…): its year leads it; one pattern for the check's year lead and the quote's time lead
YEAR_ITEM_LEAD = rf"\s*(?:[—－]{{1,2}})?\s*{YEAR}\s*年(?:底|末|前)?\s*[：:]\s*"
_YEAR_LEAD = re.compile(rf"\s*(?:到|至|在|截至)?\s*{YEAR}\s*年(?:底|末|前|以来|全年)?\s*[，,]\s*|{YEAR_ITEM_LEAD}")
_FRAME = frozenset(w for key in ("verb", "growth", "decline", "filler", "tail") for w in target_vocab().words(key))
MIN_CLAUSE_COVERAGE = 0.3  # a quoted figure must be about what was asked, not a neighbour's figure
# a clause ends at a comma, semicolon or colon, but not at a thousands separator (1，304亿元 in older documents) or
# between the sides of a score or a time (3:3, 14:22)
CLAUSE = re.compile(r"(?:[^，,；;：:]|(?<=\d)[，,](?=\d{3}(?!\d))|(?<=\d)[：:](?=\d))+[，,；;：:]?")


_ASKS_GOAL = re.compile(r"目标|计划|规划|打算|(?<![主需])要|力争|预期|拟|将")
_ASKS_RESULT = re.compile(r"实际|完成了|达到了|去年|上年|过去|已经|了多少|到了")


def question_tense(question: str) -> str | None:
    """Does a figure question ask for a goal or for a result (None: it does not say)?"""
    result, goal = bool(_ASKS_RESULT.search(question)), bool(_ASKS_GOAL.search(question))
    return None if result == goal else "result" if result else "goal"


@lru_cache(maxsize=1)
def _tense_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    v = target_vocab()
    goal = "|".join(map(re.escape, v.words("target"))) + r"|左右|以上|以内|不低于|不少于|不超过|[到至]\d{4}年"
    return re.compile(goal), v.rx("result")


@lru_cache(maxsize=1)
def _section_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Headings of a review part and of a future part (target_rules.txt), compiled once."""
    v = target_vocab()
    return v.rx("past_section"), v.rx("future_section")


def _tense_marks(text: str) -> tuple[bool, bool]:
    """Whether the text has goal words, and whether it has result words."""
    goal_rx, result_rx = _tense_words()
    return bool(goal_rx.search(text)), bool(result_rx.search(text))


def statement_tense(sentence: str) -> str | None:
    """Does a sentence state a goal (力争…, …以上, 到2025年…) or a result (比上年…, 累计…), None when both or neither."""
    goal, result = _tense_marks(sentence)
    return None if goal == result else "goal" if goal else "result"


# A goal named in so many words (目标是多少, 预期增长多少, 打算): 计划 and 规划 also name documents, 要 also asks a plan;
# 人均预期寿命 is an indicator, 达到预期 a result
_NAMES_GOAL = re.compile(r"目标|承诺|(?<!人均)(?<![到及超于])预期(?!寿命)|力争|争取|打算|有望|预计将|预计[^，,。；;]{1,8}后"
                         r"|(?<=今年|明年)计划")  # 今年计划解决多少件 (not 六五计划, 计划单列市)


@lru_cache(maxsize=256)  # asked once per question, read for every sentence checked
def asks_goal(question: str) -> bool:
    """The question asks for a goal, and not also for a result (今年目标比去年实际高多少 asks both), nor a computation
    that may start from one (已发生的业务量离目标还差多少)."""
    return bool(_NAMES_GOAL.search(question)) and not _ASKS_RESULT.search(question) and operation(question) is None


@lru_cache(maxsize=256)
def asks_result(question: str) -> bool:
    """The question asks what happened (去年增长了多少, 实际完成多少) and names no goal or plan, nor a computation."""
    return bool(_ASKS_RESULT.search(question)) and not _ASKS_GOAL.search(question) and operation(question) is None


def stated_goal(clause: str, sentence: str) -> bool:
    """A figure is a goal in so many words: its clause, else the lead its sentence opens with (主要预期目标是：),
    names one (预期目标, 力争) and no result."""
    colon = re.search(r"[：:]", sentence)
    lead = sentence[: colon.start()] if colon and sentence.find(clause) > colon.start() else ""
    for text in (clause, lead):
        if _NAMES_GOAL.search(text):
            return not _tense_marks(text)[1]
        if _tense_marks(text)[1]:
            return False
    return False


@lru_cache(maxsize=256)
def _asks_average(question: str) -> bool:
    return "年均" in question and operation(question) is None


def keeps_average(question: str, window: str) -> bool:
    """An average annual figure (年均增长) is asked and the window states one, or none is asked: a single year's
    target (今年增长6%以上) does not answer a five-year average, nor a period's average (年均煤炭产量12亿吨) a single
    year's or a period's total (一共增长了多少). A computation may derive it instead."""
    if _asks_one_year(question) or _CUMULATIVE.search(question):  # 五年一共增长了多少: not 年均增长8.5%
        return not _STATES_AVERAGE.search(window)
    return not _asks_average(question) or bool(_AVERAGE.search(window))


_AVERAGE = re.compile(r"年均|年平均|每年")  # 平均每年 and 每年平均 hold 每年
_STATES_AVERAGE = re.compile(r"年均|年平均")
_CUMULATIVE = re.compile(r"(?:一共|总共|累计|合计)(?:增长|提高|下降|增加|降低|上升)")
_ONE_YEAR = re.compile(rf"今年|明年|当年|去年|本年|{YEAR}年")
_MANY_YEARS = re.compile(rf"年均|平均|每年|期间|时期|以来|几年|多年|{YEAR}\s*[—–~－-]|{YEAR}年?[到至]")


@lru_cache(maxsize=256)
def _asks_one_year(question: str) -> bool:
    """The question asks about one year (今年, 2026年), not a period or an average over years."""
    return bool(_ONE_YEAR.search(question)) and not _MANY_YEARS.search(question) and not PERIOD.search(question) \
        and operation(question) is None


def stated_result(clause: str, sentence: str, context: str) -> bool:
    """A figure reports what happened: its clause, else its sentence, says so (比上年, 累计) and no goal; or neither
    says anything and its heading path is a review (一、2025年工作回顾, 十三五时期取得的成就). A clause that
    proposes (今年拟安排…2.15万亿元，比去年增加8000亿元) reports nothing."""
    if "拟" in clause:
        return False
    for text in (clause, sentence):
        goal, result = _tense_marks(text)
        if goal or result:
            return result and not goal  # goal and result words both: no telling
    past, future = _section_words()
    return bool(past.search(context)) and not future.search(context)


def _opens_per_unit(window: str, at: int) -> bool:
    """单位 at `at` opens a per-unit measure (，单位GDP能耗), not ends a body's name (行政单位资产总额)."""
    return at == 0 or not "\u4e00" <= window[at - 1] <= "\u9fff" or window[at - 1] in "的每按"


def _per_unit(info: QuestionInfo, window: str) -> bool:
    """The window names an asked term only after 单位 (per unit of it) and names another thing after it, which
    the question does not ask (单位地区生产总值能耗 when 地区生产总值 was asked)."""
    q = squash(info.text)
    for term in info.terms:
        t = squash(term)
        if len(t) < 2 or "单位" + t in q or t not in window:
            continue
        if all(window[max(0, m.start() - 2): m.start()] == "单位" and _opens_per_unit(window, m.start() - 2)
               and m.end() < len(window) and
               "\u4e00" <= window[m.end()] <= "\u9fff" for m in re.finditer(re.escape(t), window)):
            return True
    return False


_COUNT_FRAMES = frozenset("有 要 达到 达 新增 增加 减少 完成 实现 带动 解决 吸纳 帮助 覆盖 惠及 超过 突破 约 共 一共 总共 累计 "
                          "能 可 需要 需 培养 引进 招聘 招收 录取 转移 安置".split())


@lru_cache(maxsize=256)
def _people_state(question: str) -> str:
    """What happened to the people a count in 人 asks about, the word right before 多少/几 (重伤多少人, 死亡几人), or ""."""
    words = tagged_words(question)
    for i, (w, f) in enumerate(words[1:], 1):
        if w in ("多少", "几") and i + 1 < len(words) and words[i + 1][0] in ("人", "人次", "名"):
            prev, tag = words[i - 1]
            if len(prev) >= 2 and tag[:1] in ("a", "v") and prev not in _COUNT_FRAMES:
                return prev
    return ""


def _people_state_named(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """A count of people by what happened to them (重伤多少人) is not answered by a count of another state (死亡)."""
    state = _people_state(info.text) if info.unit in ("人", None) else ""
    return not state or term_present(state, text, glossary)


_ASKS_CHANGE = re.compile(r"(?:增长|增加|提高|上升|下降|减少|降低)了?(?:多少|百分之几|几个百分点)|增幅|降幅")
_CHANGE_WORD = re.compile(r"[增长提升降减涨幅速]|比[上去前]年|同比|较上年|多了|少了")


def _level_for_change(question: str, window: str) -> bool:
    """要增长多少 asks a change; a clause that states a level alone (比例达到4.6%左右) does not give it."""
    # 至少得再提高几个百分点 of two levels is computed from them (arithmetic.py), not read
    return bool(_ASKS_CHANGE.search(question)) and not operation(question) and not _CHANGE_WORD.search(window)


_SHARE_OF = re.compile(r"占[到据]?(?!多大|多少|几|百分之)([^，,。；;？?的比]{1,10}?)(?:的)?(?:多大|多少|几成|百分之几)?(?:比重|比例|份额)")


def _other_whole(question: str, clause: str, glossary: Glossary, places: Sequence[str]) -> bool:
    """A share asked of one whole (GDP占全市多大比重) and the clause's share is of another (研发投入占GDP的比重): the
    whole after the question's 占 is not what follows the clause's."""
    asked, said = _SHARE_OF.search(question), _SHARE_OF.search(clause)
    if not asked or not said:
        return False
    # 占岱川GDP and 占全县地区生产总值: the place's whole either way; what is left must be one thing
    a, b = (_WHOLE_PLACE.sub("", x) or x for x in (asked.group(1), said.group(1)))
    for p in places:
        a = a.replace(p, "") or a
    return not (term_present(a, b, glossary) or term_present(b, a, glossary) or bigrams(squash(a)) & bigrams(squash(b)))


def _part_named(info: QuestionInfo, text: str, glossary: Glossary) -> bool:
    """A share asked of a part (财政赤字占GDP的比例) is answered where that part is named (赤字率…2.8%), not by another
    part's share of the same whole (财政性教育经费占国内生产总值比例4%)."""
    m = _PART_OF.search(info.text)
    if m is None:
        return True
    part = m.group(1)
    inside = [t for t in info.terms if t in part]
    return not inside or any(term_present(t, text, glossary) for t in inside) or part[-2:] in text


_PART_OF = re.compile(r"([\u4e00-\u9fffA-Za-z&]{2,16}?)占[^，,。？?]{1,16}?(?:比例|比重|比率|份额|几成|多大|多少)")
_WHOLE_PLACE = re.compile(r"^(?:[全本我该][省市县区]|[省市县区])")


# 由哪家保险公司承办, 哪家医院: an entity whose kind its name ends with, which the answering sentence names
_ENTITY_ASKED = re.compile(r"哪(?:一)?[家所个](?:[\u4e00-\u9fff]{0,4}?)(公司|银行|医院)")  # not 企业: 首钢, 葵花药业


def _before_plan(clause: str, frame: str) -> bool:
    """The clause's figure is of a year before the five-year plan the frame (title, heading path, question) names
    begins (增长到2020年的111亿元 in the 十四五 plan, 2021–2025): its starting level, no goal."""
    m = _PLAN_ORDINAL.search(frame) or _PLAN_SHORT.search(frame)
    n = cn_number(m.group(1)) if m else None
    years = [int(y) for y in _YEAR.findall(tidy_figures(clause))]
    # the first two plans ran 1953–1962; from the third (1966) each takes five years
    return bool(n and n >= 3 and years) and max(years) < 1966 + 5 * (int(n) - 3)


def _other_fee(info: QuestionInfo, window: str, glossary: Glossary) -> bool:
    """A fee, tax, insurance or voucher asked (摊位费减免多少) and the window's is another of its kind (减免社保费)."""
    for t in info.terms:
        if len(t) >= 3 and t[-1] in "费税险券" and not term_present(t, window, glossary) and \
                not bigrams(t[:-1]) & bigrams(window):  # 意外险: 意外伤害责任保险 names it loosely
            said = re.findall(rf"[\u4e00-\u9fff]{{2}}{t[-1]}", window)
            if any(o not in t and not bigrams(o[:-1]) & bigrams(t[:-1]) for o in said):
                return True
    return False


_WHOLE_TIER = re.compile(r"全([国省市县区镇乡])")
# one of an ordered series: 第二名, 第2档, 第三阶梯, 第一批
_ORDINAL_OF = re.compile(rf"第([{CN_SMALL}两\d]{{1,3}})(名|档|阶梯|级|等次|批|类|期|轮|梯队)")


def _ordinals(text: str) -> set[tuple[str, float | None]]:
    return {(m[2], float(m[1]) if m[1].isdigit() else cn_number(m[1].replace("两", "二")))
            for m in _ORDINAL_OF.finditer(text)}


def _other_ordinal(question: str, window: str) -> bool:
    """One of an ordered series asked (第二名, 第二阶梯) and the window, with the heading path, does not name it: its
    figure is another one's (第一名…100万元) or the series' in general (晋星的县区，奖励资金300万元)."""
    asked = _ordinals(question)
    return bool(asked) and not asked <= _ordinals(window)


def _other_tier(question: str, window: str) -> bool:
    """The whole of one tier asked (全县生产总值) and the window's figure is of another's whole only (全省…)."""
    asked = set(_WHOLE_TIER.findall(question))
    said = set(_WHOLE_TIER.findall(window))
    return bool(asked and said) and not asked & said


_EACH_THING = re.compile(r"每(?:一)?[个家项所座户名位条辆台部张套支](?P<rest>[\u4e00-\u9fff]{2,8})")


def _each_named(question: str, text: str, glossary: Glossary) -> bool:
    """A figure asked for each of a thing (每个平台补多少) is of that thing: the text names it."""
    for m in _EACH_THING.finditer(question):
        words = tagged_words(m.group("rest"))
        if words and words[0][1].startswith("n") and len(words[0][0]) >= 2 and \
                not term_present(words[0][0], text, glossary):
            return False
    return True


_OWNER = re.compile(r"(?<![城地社小园片街])[省市区县]属(?!于)|央属")  # 市属国企: whose the things counted are


def _owner_named(question: str, text: str) -> bool:
    """The owner the question names (市属国企营业收入) is named where the figure is: 全市国有企业 counts more."""
    return all(o in text for o in _OWNER.findall(question))


_WHOLE_OF = re.compile(r"占([^，,。；;]{1,16}?)的?(?:比率|比重|比例)")


_GROWTH_ASKED = re.compile(r"增速|增长|增幅|涨幅")
_SHARE_WORD = re.compile(r"比重|比例|占比|份额")


def _share_of_only(info: QuestionInfo, clause: str, glossary: Glossary) -> bool:
    """The clause gives a percentage of what the question names, as the whole a share is of (占缴存余额的比率),
    a term of it named nowhere else in the clause: no amount of it."""
    m = _WHOLE_OF.search(clause)
    if m is None or not re.search(r"\d(?:\.\d+)?[%‰]|[（(]%[)）]", clause):  # (%): a table row's unit
        return False
    inside = [t for t in info.terms if term_present(t, m.group(1), glossary)]
    outside = clause[: m.start()] + clause[m.end():]
    return any(not term_present(t, outside, glossary) for t in inside)


def check_sentence(info: QuestionInfo, sentence: str, glossary: Glossary, context: str = "", lead: str = "") -> Check:
    """For a figure question, some clause (with the one before it) must name what was asked and carry an
    unmasked figure in the unit asked; `focus` is that clause. `context` (squashed title and heading path) names
    the document and part: the clause need not repeat it. `lead` (paragraph_lead) dates a sentence naming no year."""
    if sibling_named(info.text, sentence):
        return Check(False, "the sentence is about another of the numbered things")
    if (kind := _ENTITY_ASKED.search(info.text)) and kind[1] not in sentence:
        return Check(False, f"the sentence names no {kind[1]}")  # 哪家保险公司承办: a company, not the notice's bodies
    if _AWARD.search(info.text) and "提名" in sentence and not _NOMINEES.search(info.text):
        return Check(False, "the sentence tells of a nomination, not an award")  # 获得…最佳男主角在内的13项提名
    if (name := named_sibling(info.text, sentence, info.places)) is not None:
        return Check(False, f"the sentence names another thing than {name}")
    if (cells := row_cells(sentence)) and not all(names_quoted(n, squash(sentence), glossary)
                                                  for n in quoted_names(info.text)):
        return Check(False, "the table row is about another thing than the one quoted")  # “发展养老金融”这项谁牵头
    if info.kind == "figure" and not names_serial(info.text, squash(sentence) + context):
        return Check(False, "the sentence does not name the numbered thing asked about")  # 2号线: not all projects'
    if info.kind == "figure" and cells:
        return _check_row(info, sentence, cells, glossary, context)
    if info.kind == "figure":
        clauses = [m.group(0) for m in CLAUSE.finditer(sentence)] or [sentence]
        counts = bool(_ASKS_COUNT.search(info.text))
        items = not info.unit and bool(_ASKS_ITEMS.search(info.text))
        figs = [has_figure(c, info.unit, counts) for c in clauses]
        # no neighbour's figure to confuse (a masked one counts): the subject may be clauses before
        alone = figs.count(True) == 1 and False not in figs
        masked = reported = planned = False
        best: tuple[float, str] | None = None  # the clause most about what was asked (一般性信息3天内…紧急信息2小时内)
        goal, result = asks_goal(info.text), asks_result(info.text)
        # a growth asked (GDP增速): its indicator named only as the whole a share is of (占GDP的比重) is not named; a
        # share asked (研发投入强度 is that share) or a question naming 占 keeps it
        growth = bool(_GROWTH_ASKED.search(info.text)) and "占" not in info.text and not _SHARE_WORD.search(info.text)
        named = _WHOLE_OF.sub("", squash(sentence)) if growth else squash(sentence)
        # a sentence that opens with its year alone (2025年，收到…218件，受理196件): every clause is of that year
        opening = 1 if len(clauses) > 2 and _LABEL_LEAD.fullmatch(clauses[0]) else 0  # 答：到2027年，…
        year_lead = squash(clauses[opening]) if len(clauses) > opening + 1 and _YEAR_LEAD.fullmatch(clauses[opening]) \
            else "" if YEAR_WRITTEN.search(tidy_figures(sentence)) else squash(lead)
        for i, (clause, fig) in enumerate(zip(clauses, figs)):
            masked |= fig is False
            if fig is True and items and not _COUNT.search(squash(clause)):
                continue  # 几个 is not answered by a rate or an amount (贡献率超74%)
            if fig is True and (growth or info.unit is None and not wants_percent(info.text) and "占" not in info.text) \
                    and _share_of_only(info, clause, glossary):
                continue  # 缴存余额是多少: not 贷款余额…占缴存余额的比率为73.05%; GDP增速: not 研发投入占GDP的比重
            if fig is True:
                lo = 0 if alone else max(0, i - 1)
                if lo == i - 1 and _VAGUE_AMOUNT.search(clauses[lo]):
                    lo = i  # 培育一批A，新增B12家: the clause before counts its own thing, vaguely
                if squash(clause).startswith("其中"):  # a part of the whole a clause before names (收入…，增长3.9%，其中税收…)
                    while lo > 0 and _GOES_ON_FIGURE.match(squash(clauses[lo])):
                        lo -= 1
                lead = next((j for j in range(lo - 1, -1, -1) if clauses[j].rstrip().endswith(("：", ":"))), None)
                # an item of a list after a colon (最低标准：80至89周岁…50元，90至99周岁…100元): the colon's lead names it
                window = squash((clauses[lead] if lead is not None else "") + "".join(clauses[lo: i + 1]))
                if i + 1 < len(clauses) and figs[i + 1] is None and _THRESHOLD_OF.search(clause):
                    window += squash(clauses[i + 1])  # 金额在1万元以下的货物和服务，可以凭发票直接报销: what applies
                if (part := _parts_of_year(window)) and not part & _parts_of_year(info.text):
                    continue  # 一季度增长4.5% answers neither the whole year nor another quarter
                if not part and (earlier := _last_part(squash("".join(clauses[:lo])))) and \
                        earlier not in _parts_of_year(info.text):
                    continue  # 2023年一季度国内生产总值284997亿元，按不变价格计算，同比增长4.5%: still the quarter's
                focus = clause
                if info.unit in _DURATIONS and i + 1 < len(clauses) and _LEAD_IN_SPAN.fullmatch(squash(clause)):
                    focus = clause + clauses[i + 1]  # 利用2-3年时间，建立健全…: the span of what follows it
                    window = squash(focus)
                if _per_unit(info, window):
                    continue  # 单位国内生产总值能耗降低2.5%: energy per unit of output, not the output
                cov = _about_asked(info, window, named, context, glossary)
                if cov is not None and _subject_named(info, context, squash(clause), window, glossary, alone) and \
                        not contrasted(info.text + "".join(glossary.expand(info.text).added), window) and \
                        keeps_average(info.text, squash(clause) if _own_figure(clauses, figs, i) else window) and \
                        not other_kind(info.text, squash(clause)) and \
                        not _other_place(info, squash(clause), context) and \
                        not _other_kind_of(info, window, context, glossary) and \
                        not _other_year(info, year_lead + window) and \
                        not _other_period(info, year_lead + window) and \
                        not _other_whole(info.text, squash(clause), glossary, info.places) and \
                        _part_named(info, context + window, glossary) and \
                        _people_state_named(info, context + window, glossary) and \
                        _owner_named(info.text, context + window) and \
                        not _other_fee(info, window, glossary) and \
                        complement_only(info, window) is None and \
                        not _other_tier(info.text, window) and \
                        not _other_ordinal(info.text, context + window) and \
                        _each_named(info.text, context + squash(sentence), glossary) and \
                        not _level_for_change(info.text, window) and \
                        _counts_asked(info.text, window, context, glossary):
                    if goal and (stated_result(clause, sentence, context) or _before_plan(clause, context + info.text)):
                        reported = True  # what happened is no answer to the goal asked (平均值为5.0% in 工作回顾)
                        continue
                    if result and stated_goal(clause, sentence):
                        planned = True  # nor a goal to what happened (去年增长多少: 今年预期目标是增长6%左右)
                        continue
                    if best is None or cov > best[0]:
                        best = (cov, focus)
        if best is not None:
            return Check(True, coverage=best[0], focus=best[1])
        what = f"figure in {info.unit}" if info.unit else "figure"
        if reported and not masked:
            return Check(False, f"the {what} about what was asked is a result, not a goal")
        if planned and not masked:
            return Check(False, f"the {what} about what was asked is a goal, not a result")
        return Check(False, f"only a masked {what} here" if masked else f"no {what} about what was asked", masked=masked)
    body = NEWS_DATELINE.sub("", sentence)  # a report's dateline: the day it was filed, its reporters
    dated = squash(body)
    if years_ago(info, dated):
        return Check(False, "the sentence tells of an event years before the year asked")
    if info.kind == "who" and (WHICH_BODY.search(info.text) or asked_action(info.text) in _BODY_ACTIONS):
        if not _BODY_NAME.search(dated):
            return Check(False, "the sentence names no body")
    elif info.kind == "who" and not ASKS_MORE_THAN_WHO.search(info.text) and not names_person(body) and not (
            _HOLDER_ASKED.search(info.text) and _HELD_BY.search(dated)):  # 主任谁来当: 由分管副市长担任 says who
        return Check(False, "the sentence names no person")
    if info.kind in ("who", "what") and _PERSON_NAME_ASKED.search(info.text) and not person_names(body):
        return Check(False, "the sentence gives no person's name")  # 区长叫什么名字: not 区政府主要负责人, nor X部长
    if info.kind in ("who", "what") and _PHONE_ASKED.search(info.text) and not _PHONE.search(body):
        return Check(False, "the sentence gives no telephone number")
    if info.kind == "what" and DOC_NUMBER_ASKED.search(info.text) and not DOC_NUMBER.search(dated):
        return Check(False, "the sentence gives no document number")
    if info.kind in ("who", "when", "what") and cells and (thing := _task_unnamed(info, dated + context, glossary)):
        return Check(False, f"the table row does not name {thing}")  # 隐患清零那项谁牵头: not 数字化转型行动's row
    if info.kind == "who" and (act := asked_action(info.text, bodies_only=True)) and \
            "负责" not in dated and not (act == "牵头" and "会同" in dated) and \
            not term_present(act, dated + context, glossary):  # 负责…统筹, 由甲会同乙: lead as 牵头 does
        return Check(False, f"the sentence does not say who {act}")  # 由哪个部门负责解释: not 经县人民政府同意
    if info.kind == "what" and asks_place(info.text):  # 在火星什么地方着陆: not what the lander is made of, nor
        if not names_place(dated):  # where it was launched from
            return Check(False, "the sentence names no place")
        if (event := _OWN_EVENT.search(info.text)) and event.group(0) not in dated:
            return Check(False, f"the sentence does not say where it {event.group(0)}")
    if info.kind in ("who", "what", "list") and (thing := _which_thing(info.text)) and thing in dated and \
            thing not in re.sub(rf"[XＸx]+{re.escape(thing)}", "", dated):
        return Check(False, f"only a masked {thing} here", masked=True)  # 具体是哪个遗址: XX遗址入选…
    if info.kind in ("who", "what") and (role := asked_role(info.text)) and \
            not term_present(role, dated + context, glossary):
        return Check(False, f"the sentence does not name the {role}")  # 主持人是谁: not whoever else it names
    if info.kind in ("what", "yesno") and _RANK_ASKED.search(info.text) and not _RANK_STATED.search(dated):
        return Check(False, "the sentence gives no rank")  # 覆盖率在全省排第几: not 覆盖率大于90%
    if info.kind != "figure" and contrasted(info.text, dated):
        return Check(False, "the sentence is about a sibling of what was asked")  # 女单 when 男子单打 was asked
    if info.kind != "figure" and _ASKS_DONE.search(info.text) and _FORETOLD.search(sentence) \
            and not _DONE.search(sentence):
        return Check(False, "the sentence foretells what the question asks as done")
    if info.kind == "when" and (done := asked_event(info.text)) and done in _IN_FORCE and _SINCE.search(dated):
        done = None  # 从哪天开始执行: 自2025年5月8日起… is when it took effect
    if info.kind == "when" and done and not _event_named(done, dated, glossary):
        return Check(False, f"the sentence does not say when it was {done}")
    if info.kind == "when" and done and _TIME.search(dated) and not dates_event(done, body, glossary):
        return Check(False, f"the sentence's date is not when it was {done}")
    if info.kind == "when" and not _TIME.search(dated):
        return Check(False, "the sentence has no date")
    if info.kind == "when" and _ASKS_DAY.search(info.text) and not _DAY.search(dated):
        return Check(False, "the sentence names no day")  # 哪天印发: a year alone (2022年…办法) is no answer
    return Check(True)


# words that ask who or when of a task (牵头, 配合单位, 完成时限) or name the table it is in (附件分工表里)
_TASK_FRAME = re.compile(r"牵头|配合|负责|责任|部门|单位|时限|时间|期限|要求|任务|事项|工作|表|附件|清单|分工|对接")
_ASK_WORD = re.compile(r"谁|哪|什么|何时|几")


def _task_unnamed(info: QuestionInfo, text: str, glossary: Glossary) -> str:
    """A thing the question names of the task whose doer or date is asked (隐患清零, 农村饮水安全) that a table row of
    tasks and its caption do not name: that thing, else ""."""
    q = squash(info.text)
    asks = _ASK_WORD.search(q)
    for t in info.terms:
        at = q.find(t)  # named before it is asked (…营地放在哪个乡镇？能装下多少人: not 能装)
        if len(t) >= 2 and 0 <= at < (asks.start() if asks else len(q)) and _noun(t) and not _TASK_FRAME.search(t) \
                and not listed_place(t) and t not in DOC_WORDS and not term_present(t, text, glossary):
            return t
    return ""


# where something physically happens or stands (在哪里着陆, 建在什么地方): a place answers; 短板在哪里 asks no place
_WHERE = re.compile(r"哪里|哪儿|什么地方|何地|何处|哪个地方")
_PLACED_EVENT = re.compile(r"着陆|登陆|降落|发射|举行|举办|召开|开幕|建在|建于|建成|设在|设于|落户|落地|位于|坐落|选址|亮相|"
                           r"发生|出发|抵达|到达|开的|办的|建的")
_OWN_EVENT = re.compile(r"着陆|登陆|降落|发射|出发|抵达|到达|亮相|发生")  # a place of another event is no answer
_PLACE_WORD = re.compile(r"[省市县区镇乡村旗州岛湾港山河湖江]$|平原|盆地|基地|园区|中心|[场馆站]$|故居|遗址|公园|广场|大厦|"
                         r"剧院|会堂|礼堂|宾馆|酒店|海域|沿海|地区|一带|附近")


@lru_cache(maxsize=256)
def asks_place(question: str) -> bool:
    """The question asks where something happens or stands (在哪里着陆, 建在什么地方), not where a problem lies."""
    return bool(_WHERE.search(question)) and bool(_PLACED_EVENT.search(question))


def names_place(sentence: str) -> bool:
    """A sentence names a place: a word the tagger takes for a place or a proper name (it tags 武威, 古田 as persons'
    names), a known place, or a word ending as places and sites do (着陆场, 故居, 沿海)."""
    return any(f in ("ns", "nr", "nt", "s") or listed_place(w) or (len(w) > 1 and bool(_PLACE_WORD.search(w)))
               for w, f in tagged_words(sentence))


_AWARD = re.compile(r"奖|冠军|最佳|得主")
_NOMINEES = re.compile(r"提名|候选|入围")


_HAN = re.compile(r"[\u4e00-\u9fff]")
PROSE_CELL = 12  # a value cell of this many Chinese characters may be a sentence (a task), not a figure and qualifier
# a cell that says what is to be done (提高到2.45%, 新增…60家、…，培育…), not an indicator's name (细颗粒物（PM2.5）浓度)
_TASK_WORDS = re.compile(r"[，,；;、]|达到|提高|提升|增长|增加|新增|完成|建成|实施|控制在|保持|突破|不低于|降低|下降")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
# a table's unit in its caption (各区县公共充电桩累计建设目标（单位：台）), squashed
_CAPTION_UNIT = re.compile(r"[（(]单位[:：]\s*([^（）()，,]{1,6})[)）]")
# a column's unit: （亿元）, （%）, or a rate's （元/平方米·月）, （元/亩或元/头）
_COLUMN_UNIT = re.compile(r"\s*[（(]([^（）()]{1,4}|[^（）()/]{1,3}/[^（）()]{1,8})[）)]$|(%)$")


def complement_only(info: QuestionInfo, text: str) -> str | None:
    """A term asked that the text names only as its complement (居民 in 非居民用水价格, the question naming no 非居民):
    the term, else None."""
    for t in info.terms:
        if len(t) >= 2 and t in text and f"非{t}" not in info.text and \
                all(text[i - 1: i] == "非" for i in (m.start() for m in re.finditer(re.escape(t), text))):
            return t
    return None


def _row_place_asked(place: str, info: QuestionInfo) -> bool:
    """A row's place is the one asked: named as in the question, or ending with a place asked (滢州市南湖县 when
    滢州南湖县 was asked; not when 滢州 alone was)."""
    return place in info.text or any(len(k := place_key(p)) >= 2 and place_key(place).endswith(k) for p in info.places)


def _check_row(info: QuestionInfo, sentence: str, cells: list[tuple[str, str]], glossary: Glossary,
               context: str) -> Check:
    """A table row answers a figure question from a value cell: the row's text cells (the indicator) with the
    column name must name what was asked, and the value, with the row's unit, must be a figure in the unit asked.
    When the question's years name columns (2025年目标值), only those columns answer. The whole row is quoted."""
    unit = next((v for k, v in cells if k in UNIT_KEYS), "")
    where = next(((k, v) for k, v in cells if _PLACE_COLUMN.search(k)), None)
    place_asked = where is not None and _row_place_asked(where[1], info)
    if where and not place_asked and not _WHOLE_ROW.match(where[1]) and not _PLACES_ASKED.search(info.text):
        return Check(False, f"the table row is {where[1]}'s, not the place asked")  # 琅溪县的城镇化率: not 白沙镇's row
    # the text cells (the indicator), a unit in brackets with figures of its own (孕产妇死亡率（/10万）) included
    labels = "".join(v for k, v in cells if k not in UNIT_KEYS and (bare := _BRACKETED.sub("", v).strip())
                     and not re.search(r"\d", bare))
    if (other := complement_only(info, squash(labels))) is not None:
        return Check(False, f"the table row is about 非{other}, not {other}")  # 居民用水: not 非居民用水价格's row
    if _other_ordinal(info.text, context + squash(sentence)):
        return Check(False, "the table row does not name the one of the series asked")  # 第二阶梯: not 特种行业用水's
    if other := _other_item(info, cells, context + squash(labels), glossary):
        return Check(False, f"the table row is {other}'s, not the one asked")  # 苹果种植保险: not 花生种植保险's
    values = [(k, v) for k, v in cells if re.search(r"\d", v) and not _YEAR.fullmatch(v)]
    lent, topic = {}, ""  # 2025年城镇化率（%） | 2030年目标（%）: a bare target column is of the indicator before it
    for k, _ in cells:
        core = _BARE_COLUMN.sub("", k)
        topic = core if core else topic
        lent[k] = "" if core else topic
    dated = [(k, v) for k, v in values if set(_YEAR.findall(k)) & set(info.years)]
    unnamed = ""
    for key, value in dated or values:
        if len(_HAN.findall(value)) >= PROSE_CELL and _TASK_WORDS.search(value):
            # a task written out in its cell (全社会研发经费投入强度提高到2.45%，…): its own clauses name what each
            # figure counts, as a sentence's do (培育一批单项冠军企业 has none)
            found = check_sentence(info, value, glossary, context + squash(labels + key))
            if found.ok:
                return Check(True, coverage=found.coverage, focus=sentence)
            continue
        # 完成预算%, 总投资（亿元）: the column names its values' unit; or the indicator does (…比重（%）)
        own = _COLUMN_UNIT.search(key) or _COLUMN_UNIT.search(labels) or _CAPTION_UNIT.search(context)
        if info.unit and has_figure(value + (unit or (own and (own.group(1) or own.group(2))) or ""),
                                    info.unit) is not True:
            continue
        if info.unit is None and not wants_percent(info.text) and "占" not in info.text and \
                _share_of_only(info, squash(labels + key), glossary):
            continue  # GDP是多少: not 旅游业增加值占地区生产总值比重（%） of an indicator table
        named = squash(labels + lent.get(key, "") + key)
        cov = _about_asked(info, named + squash(value), named, context, glossary)
        if cov is None and place_asked:
            # a table of places whose caption names the indicator (各区县公共充电桩累计建设目标（单位：台）): the
            # place's row counts what the caption names
            cov = _about_asked(info, context + named + squash(value), context + named, "", glossary)
        if cov is not None and _other_kind_of(info, squash(sentence), context, glossary):
            return Check(False, "the table row counts another kind of what was asked")  # 刑事案件: not 涉未成年人's
        if cov is not None and (thing := _unnamed_thing(info, context + named, glossary)):
            unnamed = thing  # 租金标准: not 物业费; another column may name it (印花税执行数: not 预算数's)
            continue
        if cov is not None:
            return Check(True, coverage=cov, focus=sentence)
    if unnamed:
        return Check(False, f"the table row does not name {unnamed}")
    return Check(False, "no figure about what was asked in the table row")


_TIME_UNIT = re.compile(_DURATIONS["时长"])
_ASKS = re.compile(r"多少|几")
# words that frame a figure asked rather than name its thing (门槛是多少, 上限多少, 花多少钱)
_FIGURE_FRAMES = frozenset("门槛 上限 下限 起点 封顶线 底线 钱 费用 金额 数额 价格 价钱".split())
# a figure asked of a thing per unit (物业费是每平方米每月多少钱): the thing is before the units
_PER_ASKED = re.compile(r"(?:是|为)?(?:每[\u4e00-\u9fff]{1,3}?)+(?:多少|几)")


def _unnamed_thing(info: QuestionInfo, named: str, glossary: Glossary) -> str:
    """The thing whose figure is asked (物业费 of 物业费是每平方米每月多少钱, 案件 of 多少件案件) when a table row and its
    caption do not name it, else ""."""
    q = squash(info.text)
    if len(_ASKS.findall(q)) != 1:
        return ""  # 执行数多少，完成预算百分之几: each column answers its own ask
    for t in info.terms:
        at = q.find(t)
        if len(t) >= 2 and _noun(t) and t not in MEASURES and t not in _FIGURE_FRAMES and not listed_place(t) and \
                not _TIME_UNIT.fullmatch(t) and \
                (_asked_thing(info, t) or at >= 0 and _PER_ASKED.match(q, at + len(t))) and \
                not term_present(t, named, glossary):
            return t
    return ""


def _other_item(info: QuestionInfo, cells: Sequence[tuple[str, str]], named: str, glossary: Glossary) -> str:
    """A text cell of the row names another item of the kind asked (苹果种植保险 when 花生种植保险 was asked, 大中型拖拉机
    累加补贴 for 联合收割机's): the cell ends with words of the question, its words before them are not the
    question's, and the question names before them a thing of its own the row and its caption do not. That item,
    or ""."""
    q = squash(info.text)
    for _, value in cells:
        if re.search(r"\d", value) or not 3 <= len(squash(value)) <= 30:
            continue
        for words in _items_of_cell(squash(value)):  # 中等职业教育免学费和国家助学金: each item
            item = "".join(words)
            # the longest run of its last words the question names (一件事 of 开办餐饮店一件事)
            at = next((i for i in range(1, len(words)) if "".join(words[i:]) in q), len(words))
            kind = "".join(words[at:])
            if len(kind) < 2:
                continue
            own = [w for w in words[:at] if len(w) >= 2]
            if not own or all(term_present(w, q, glossary) for w in own):
                continue  # 玉米种植保险 for 玉米保险: the question's own
            # the question's words before it, in its phrase (普通高中 of 溱川县普通高中免学费)
            phrase = _PHRASE_END.split(q[:q.find(kind)])[-1]
            if any(len(w) >= 2 and (_noun(w) or _locative(w)) and not listed_place(w) and w not in MEASURES
                   and not term_present(w, named + squash(value), glossary) and not _abbreviates(w, "".join(own))
                   for w in jieba_tokenizer().lcut(phrase)):
                return item
    return ""


_JOINING = frozenset({"和", "及", "与", "、", "以及"})
_PHRASE_END = re.compile(r"[，,。；;：:？?！!“”‘’《》「」\s]|的")


@lru_cache(maxsize=1024)
def _locative(word: str) -> bool:
    """A word of where (城北 of 城北街道): it names the one asked as a noun would."""
    words = tagged_words(word)
    return len(words) == 1 and words[0][1] == "s"


def _items_of_cell(value: str) -> list[list[str]]:
    """A cell's items, each as its words: parted where a word joins two (和, 及, 、), not inside a word (普及率)."""
    items: list[list[str]] = [[]]
    for w in jieba_tokenizer().lcut(value):
        if w in _JOINING:
            items.append([])
        else:
            items[-1].append(w)
    return [words for words in items if words]


def _abbreviates(word: str, name: str) -> bool:
    """The word is a short form of the name: its characters in the name's order, the first opening it (中职 of
    中等职业)."""
    at = 0
    for i, ch in enumerate(word):
        at = name.find(ch, at)
        if at < 0 or i == 0 and at != 0:
            return False
        at += 1
    return True


_PLACE_COLUMN = re.compile(r"^(?:乡镇|镇街|街镇|区县|县区|县市区?|市县|市州|县（市、区）|县\(市、区\)|地区|街道|区域|县市区名称|地区名称)$")
_WHOLE_ROW = re.compile(r"全[省市县区镇乡]|合计|总计|小计|全部|总体|平均")
_PLACES_ASKED = re.compile(r"各|分别|哪[个些几]|最[高低多少大小快慢]|排[名第]|前[三五十]|谁")


# what a column name says beside its indicator: years, a span of them, its unit and the words of a target or a base
_BARE_COLUMN = re.compile(rf"(?:{YEAR}\s*(?:[—–－-]\s*{YEAR})?\s*年?(?:底|末|度)?)|[（(][^（）()]*[)）]|目标值?|预期值?|规划值?|基期值?"
                          r"|基数|现状值?|实际值?|完成值?|数值|的|[\s：:]")


_DATE = re.compile(rf"(?:{YEAR}|{CN_YEAR})年(?:\d{{1,2}}月)?|\d{{1,2}}月\d{{1,2}}日|\d{{1,2}}月|年底|年末|月底|年初|上半年|下半年")
_BODY = re.compile(r"(?:委员会|人民政府|政府|办公室|办公厅|领导小组|小组|局|厅|部|委|中心|院|会议|大会)")
# a body by its name (国家计委, 省经济和信息化厅, 市文旅局): not the words 部门, 委员 or a meeting
_BODY_NAME = re.compile(r"[\u4e00-\u9fff](?:委员会|政府|办公室|办公厅|领导小组|局|厅|部(?!门)|委(?!员)|中心|院|[分银]行)")
_OFFICES = "总理|省长|市长|主席|书记|主任|局长|厅长|部长|县长|区长|组长"
OFFICE = re.compile(_OFFICES)  # a post one person holds: 谁 is answered by it
_PERSON_TITLE = re.compile(f"{_OFFICES}|委员|代表")
# a person's own name asked (区长叫什么名字, 那位部长的名字): an office is no answer; a thing's name (吉祥物叫什么) is
_PERSON_NAME_ASKED = re.compile(rf"(?:{_OFFICES}|负责人|同志|委员|代表|记者|主持人|发言人)[，,]?(?:叫什么|名叫什么|的名字|的姓名|姓什么)")
_PHONE_ASKED = re.compile(r"(?:哪个|什么|多少)(?:电话|号码)|电话(?:号码)?(?:是)?多少|联系电话|热线(?:电话)?(?:是)?多少")
_PHONE = re.compile(r"\d{3,4}[-－—]\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{5}(?!\d)|(?<!\d)\d{7,8}(?!\d)")
_ASPECT = frozenset({"开始", "正式", "全面"})  # 什么时候开始实施: the event is the verb after these
_WHEN_WORD = re.compile(r"什么时候|何时|哪一?年|哪一?天|几月|哪个月|什么时间")


DOC_NUMBER = re.compile(DOC_NUMBER_PATTERN)  # 〔2026〕9号 of 某政办发〔2026〕9号
OWN_NUMBER_SPAN = 400  # a document's own number stands in or under its title, in its first lines


def own_number(text: str) -> tuple[int, str] | None:
    """A document's own number (包府办发〔2022〕43号) and where it starts: the first in its opening that is not a cited
    document's (《…的通知》（包府办发〔2022〕10号）); None without one."""
    for m in DOC_NUMBER.finditer(text[:OWN_NUMBER_SPAN]):
        issuer = re.search(r"[\u4e00-\u9fff]{1,10}$", text[max(0, m.start() - 10): m.start()])  # 包府办发
        start = issuer.start() + max(0, m.start() - 10) if issuer else m.start()
        if not re.search(r"》\s*[（(]?$", text[max(0, start - 3): start]):
            return start, text[start: m.start()] + re.sub(r"\s+", "", m.group(0))
    return None


# 谁牵头, 由哪个部门负责解释: the action whose doer is asked (after 来/负责, which say only that someone does it)
_DOER_ACTION = re.compile(r"(?:谁|哪(?:个|些|家|一个|一家)?(?:部门|单位|机构|机关))(?:来|负责)?([\u4e00-\u9fff]{2,6})")
_BODY_ACTIONS = frozenset({"牵头", "主管", "承办", "监管", "审批", "受理", "解释"})  # done by a body (谁牵头: 市商务局)
_LIGHT_VERBS = frozenset({"负责", "担任", "进行", "开展", "是", "有", "来", "做", "搞", "管", "抓"})


@lru_cache(maxsize=256)
def asked_action(question: str, bodies_only: bool = False) -> str | None:
    """The verb right after the doer asked (谁牵头 → 牵头, 由哪个部门负责解释 → 解释), which the answer's sentence must
    say, or None (是谁, 哪个部门的职责, a light verb); `bodies_only`: after 哪个部门/单位/机构 only, not 谁."""
    m = _DOER_ACTION.search(question)
    if not m or (bodies_only and m.group(0).startswith("谁")):
        return None
    for w, f in tagged_words(m.group(1)):
        if f == "v" and len(w) >= 2 and w not in _LIGHT_VERBS:
            return w
        if not f.startswith(("d", "a", "vn")):  # 统一牵头, 共同推进: the verb after an adverb
            return None
    return None


_ROLE = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,8})(?:是谁|是哪一?位|是哪一?[支家国])")  # 冠军是哪支球队: the 冠军


@lru_cache(maxsize=256)
def asked_role(question: str) -> str | None:
    """The role a 谁 question names right before 是谁 (颁奖典礼的主持人是谁: 主持人; 总决赛FMVP是谁: FMVP), or None."""
    m = _ROLE.search(question)
    if m is None:
        return None
    w, f = _unglued(tagged_words(m.group(1)))[-1]  # 检查组组长 cut as 检查|组组长: the role is 组长
    # the word right before 是谁 (the tagger files 得主 and 选手 as verbs); one for whoever takes part is a person,
    # not a role that tells people apart
    if len(w) > 1 and not f.startswith(("nr", "ns", "nt", "m", "r", "u", "p", "c", "d", "a")) and w not in GENERIC \
            and w not in _ANYONE:
        return w
    return None


_WHICH_THING = re.compile(r"哪一?[个家座处所项位条]([\u4e00-\u9fff]{2,4}?)(?=[？?，,。的]|$)")


def _which_thing(question: str) -> str:
    """The noun a which-question asks a name of (具体是哪个遗址: 遗址; 哪家企业: 企业), or ""."""
    m = _WHICH_THING.search(question)
    return m.group(1) if m else ""


_ANYONE = frozenset({"选手", "运动员", "人员", "人士", "人物", "同志", "代表", "个人"})


@lru_cache(maxsize=256)
def asked_event(question: str) -> str | None:
    """The event a 何时 question dates: the first verb after its question word (是哪天发射的: 发射; 哪一年基本完成:
    完成), or None."""
    m = _WHEN_WORD.search(question)
    if m is None:
        return None
    window = _WHERE_AT.sub("", re.split(r"[、，,。？?；;]", question[m.end(): m.end() + 12])[0])[:8]
    after = tagged_words(window)
    for w, f in after:
        if f.startswith("v") and len(w) >= 2 and w not in GENERIC and w not in _ASPECT:
            return w
    # no word after it: the event named before 是 (C919首次商业飞行是哪天: 飞行)
    before = re.split(r"[、，,。？?；;]", question[: m.start()])[-1]
    if before.endswith("是") and not any(len(w) >= 2 for w, _ in after):
        words = tagged_words(before[:-1])
        if words and words[-1][1].startswith("v") and len(words[-1][0]) >= 2 and words[-1][0] not in GENERIC:
            return words[-1][0]
    return None


# a goal reached, in any of the words plans use for it (哪年拿下示范区: 到2030年成功创建…; 什么时候完成: 年底实现…)
_ACHIEVED = frozenset("完成 实现 建成 拿下 达成 做到 达到 创建 创成 完工 竣工 建好 办成 干完 做完".split())


def _event_named(event: str, text: str, glossary: Glossary) -> bool:
    events = _ACHIEVED if event in _ACHIEVED else (event,)
    return any(term_present(e, text, glossary) for e in events)


def dates_event(event: str, sentence: str, glossary: Glossary) -> bool:
    """A date of the sentence dates the event: both in one clause, or the date in a clause without a verb of its
    own, which dates the whole sentence (2021年12月3日，中老铁路全线开通运营). A date with its own verb dates that
    (福厦高铁6月28日启动联调联试，…进入开通运营前的重要阶段); an event followed by 前 is still ahead."""
    clauses = [squash(m.group(0)) for m in CLAUSE.finditer(sentence)] or [squash(sentence)]
    named = [_event_named(event, c, glossary) and f"{event}前" not in c for c in clauses]
    for i, c in enumerate(clauses):
        if not _TIME.search(c):
            continue
        if named[i]:
            return True
        if not any(f.startswith("v") and len(w) >= 2 for w, f in tagged_words(_DATE.sub("", c))) and any(named):
            return True
    return False


_WHERE_AT = re.compile(r"^在[^，,。？?]{1,10}?[上中里]")  # 哪天在省人代会上作的: where it happened, not what


# What happened, asked as done (授予了谁, 冠军是哪支球队, 最终): a sentence that only foretells it (将于…争夺冠军,
# 预计…登陆) does not answer
_ASKS_DONE = re.compile(r"了(?:谁|什么|多少|几|哪)|(?:冠军|得主)(?:是|为)|最终|获胜|夺冠|"
                        r"是[^，,。？?]{0,6}(?:哪|什么|谁|几)[^，,。？?]{1,10}(?<![样么种])的[？?]?$")  # 是用哪款火箭发射的
_FORETOLD = re.compile(r"将于|将在|即将|预计|有望|拟于|计划于|若(?!干)|如果|假如")
_DONE = re.compile(r"了|已|成功|宣布|圆满")
ASKS_MORE_THAN_WHO = re.compile(r"哪次|哪天|哪一天|何时|什么时候|哪里|在哪|什么会")  # 谁…在哪次会议: a person is only part of it


_RANK_ASKED = re.compile(r"(?:排|排名|位列|列|居|位居)(?:在|到)?第几|第几[名位]|排多少名")
_RANK_STATED = re.compile(rf"第[{CN_SMALL}\d]{{1,3}}[名位]?|首位|榜首|前[{CN_SMALL}\d]{{1,3}}|冠军|前列")
_SURNAMES = vocabulary("surnames")
_SURNAME1 = frozenset(w for w in _SURNAMES if len(w) == 1)
_SURNAME2 = frozenset(w for w in _SURNAMES if len(w) == 2)
_AFTER_OFFICE = re.compile(rf"(?:{_OFFICES})([\u4e00-\u9fff]{{2,3}})(?=$|[，,。；;、（(])")  # 省长任振鹤 at a line's end


def _is_name(word: str) -> bool:
    """A personal name: a surname, then one or two characters (the tagger also tags 武警官兵 and 大力支持)."""
    return (len(word) in (2, 3) and word[0] in _SURNAME1) or (len(word) in (3, 4) and word[:2] in _SURNAME2)


def person_names(sentence: str) -> list[str]:
    s = squash(sentence)
    names = [w for w, f in tagged_words(s) if f == "nr" and _is_name(w)]
    after = [m.group(1) for m in _AFTER_OFFICE.finditer(s) if _is_name(m.group(1)) and not OFFICE.search(m.group(1))]
    return names + [w for w in after if w not in names]


def names_person(sentence: str) -> bool:
    """A 谁 question's answer names a person: an office (省长, 组长; not a thing named after one: 县长办公会议, 市长热线)
    or a personal name."""
    return bool(OFFICE.search(_OFFICE_THING.sub("", squash(sentence)))) or bool(person_names(sentence)) or bool(
        _FOREIGN_NAME.search(sentence))


_OFFICE_THING = re.compile(rf"(?:{_OFFICES})(?:办公会议?|热线|信箱|专线|接待日|质量奖)")


_FOREIGN_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}")  # a name written in transliteration (吉米·坎摩尔)


_ITEMS = re.compile(rf"[、；;]|[{CN_SMALL}][是要]|[（(][{CN_SMALL}\d]+[）)]")


def type_match(info: QuestionInfo, sentence: str) -> float:
    """Does the sentence hold the kind of thing the question word asks for?"""
    s = squash(sentence)
    if info.kind == "figure":
        return 1.0 if has_figure(s, info.unit) else 0.0
    if info.kind == "when":
        return 1.0 if _DATE.search(s) else 0.0
    if info.kind == "who" and WHICH_BODY.search(info.text):  # 哪个部门: a body
        return 1.0 if _BODY_NAME.search(s) else 0.0
    if info.kind == "who":  # an office holder (省长任振鹤) answers best, then a name, then an office or a body
        names = person_names(s)
        if names:
            return 1.0 if any(m.group(1) in names for m in _AFTER_OFFICE.finditer(s)) else 0.75
        return 0.5 if _PERSON_TITLE.search(s) or _BODY.search(s) else 0.0
    if info.kind == "list":
        return min(1.0, len(_ITEMS.findall(s)) / 3)
    return 1.0


