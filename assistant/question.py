"""What a question asks: its type, years, unit, content terms, places and section references.

Shared by the answer backends and the answerability check, so every backend
refuses for the same reasons.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, Sequence

from assistant.arithmetic import operation, operations
from assistant.glossary import DOCUMENT_AFTER_YEAR, Glossary, normalise_query
from assistant.references import heading_prefixes, without_refs
from ingest.zh import HEADING_REF as _SECTION_REF
from ingest.zh import CN_SMALL, SECTION_SEP
from vectordb.lexical import jieba_tokenizer
from ingest.targets import vocab as target_vocab
from ingest.zh import YEAR, vocabulary

Kind = Literal["figure", "list", "when", "yesno", "section", "which_section", "who", "what"]

_YEAR = re.compile(rf"{YEAR}(?=年|$|\D)")
# A year that names a document (2023年政府工作报告, 某省2026年的报告) rather than asks about that year.
_DOC_YEAR = re.compile(rf"(?<![到至止])({YEAR})年?{DOCUMENT_AFTER_YEAR}")  # 到2035年…规划多少人: a target year
# A year listed with one that names a document names one too (2019年和2021年的报告, 甲省2026年和乙省2025年报告).
_GAP = re.compile(r"[和与、及\u4e00-\u9fff]+")  # between listed years: a conjunction and a place
_LISTED_YEAR = re.compile(rf"({YEAR})年?度?的?(?=[和与、及][\u4e00-\u9fff]{{0,4}}?{YEAR})")
WHICH_LEVEL = re.compile(r"(?:哪[一几]?|第几)([篇章节])")  # 哪一篇, 放在第几章: a 第X篇 or 第X章 heading
# where a topic sits (乡村振兴在哪一部分讲的, 放在第几项, 写在哪一块): its heading answers
_WHERE_PART = re.compile(r"(?:哪一?|第几)个?(?:部分|大项|项|块|板块|专栏)")
_PLACED = re.compile(r"讲|放|写|提|部署|安排|涉及|说|谈|论述|阐述|出现|位于|在(?=[^，,。？?]{0,6}(?:哪|第几))")
_PARTS_OF = re.compile(r"(?:下面|下设|包括|包含|分为|分成|分|有)了?(?:哪几|哪些|几)[个大]?[篇章节]")
_SECTION_ASK = re.compile(r"讲(?!话)|主题|标题|内容|是什么|包括|哪些章|关于(?:什么|哪)|(?:[写说谈讲]|规定|要求|明确)[了的]?(?:什么|哪些|啥)|涉及(?:什么|哪些)|"
                          r"[哪什么]方面|是啥|干什么|是[个一]?(?:什么|啥)(?:材料|文件|东西|表)")
_CROSS = re.compile(r"哪些文件|哪几份|哪份文件|各文件|这几份|几份文件|哪些文档")
# each of several (各是, 各自, 各提…); 各乡镇、各部门 are every body of a tier, not each of the things asked
_EACH = re.compile(r"分别|各(?!乡镇|部门|单位|地|级|县|市|区|省|村|街道|企业|行业|族|界)")
# documents named by their short names (十二五规划, 二十大报告) or as a year's work report (2024年政府工作报告)
_SHORT_DOC = re.compile(rf"(?<![{CN_SMALL}第])[{CN_SMALL}]{{1,3}}[五大](?=[”\"’]?(?:规划|计划|纲要|报告|上的报告|的报告))")
_REPORT_OF_YEAR = re.compile(rf"{YEAR}年(?:度|的)?(?:政府)?工作报告")
DOC_WORDS = vocabulary("doc_words")  # kinds of document (ingest/data/doc_words.txt)
_DOC_WORD = "(?:" + "|".join(sorted(map(re.escape, DOC_WORDS), key=len, reverse=True)) + ")"
# two documents joined, then 都/均 (县委书记讲话和那份政府工作报告都引了…): a question to each of them
_BOTH_DOCS = re.compile(rf"{_DOC_WORD}[^，,。？?]{{0,12}}?[和与跟同及、][^，,。？?]{{0,16}}?{_DOC_WORD}[^，,。？?]{{0,10}}?[都均]")
_SHORT_NAME = re.compile(rf"[{CN_SMALL}]{{1,3}}[五大]")  # 十四五 (plan), 二十大 (congress)
PERIOD = re.compile(rf"[{CN_SMALL}]{{1,3}}五(?:时期|期间|末)?")  # 十三五: a five-year period, a time like a year
# 哪三个/哪两条 ask for items; 哪一个/哪一项 for one
_LIST = re.compile(rf"哪些|哪几|有什么|包括|具体是|指的是|是什么|哪(?!一[条个项类篇方大级种点])[{CN_SMALL}两几]+[条个项类篇方大级种点]")
# 一共几条，分别怎么表述: a count asked with the wording of each item, a list
EACH_WORDED = rf"(?:几|[{CN_SMALL}两])[个条项类方大种点件][^？?。]{{0,8}}(?:分别|各自?)(?:怎么|如何)"
_LIST_FIRST = re.compile(rf"哪些|哪几|哪(?!一[条个项类方大级种点])[{CN_SMALL}两]+[条个项类方大级种点]|列一下|列出|列举|罗列|逐条"
                         # 有几条，都是啥: a count asked with its items
                         r"|几[个条项类方大种点件][^？?。]{0,8}(?:都|分别|各自?)?(?:是|有)(?:什么|啥|哪些)"
                         r"|几[个条项类方大种点件][^？?。]{0,8}[？?，,]\s*(?:都|分别|各自?)(?:是|有)?(?:什么|啥|哪些)"  # 几条？分别是啥
                         rf"|{EACH_WORDED}")
_WHEN = re.compile(r"什么时候|何时|哪一年|哪年|什么时间|时间表|时间节点|完成时限|几月|哪一?天|(?<=是)那一?天(?=[?？]|$)|哪几天|几号(?![窗楼线门厅口房馆柜台位车桌院床文令])|哪个月")
_YESNO = re.compile(r"是否|有没有|是不是|能否|可否|对吗|对不对|没错吧|没记错吧|[^？?。，,]吧[？?]")  # …是6.7万亩吧？
# a figure the asker wants confirmed (是不是6%, 是不是先发5000亿): a number with its unit, not a year
_CONFIRMED = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d年)\d+(?:\.\d+)?(?:万亿|亿|万)?(?:%|元|人|吨|亩|公里|个|家|项|斤|千瓦)")
_WHO = re.compile(r"是谁|谁是|哪位|授予了?谁|[颁发]给了?谁|谁(?:获得|夺得|赢得|当选|捧得)")
# 设在哪个部门, 由哪个单位牵头: a body answers, as a person answers 谁
WHICH_BODY = re.compile(r"哪(?:个|些|家|一个|一家)?(部门|单位|机构|机关)")
_FIGURE = re.compile(r"多少|(?<!第)几[个项家所座条年倍天万亿成块]|(?<!第)几[台辆件篇位名人](?!家)|比[例重率]|占比|增速|增长率|多[长大高久远]|百分之|规模|总量|达到多"
                     r"|具体的?(?:数|数字|数值|目标值)|量化")  # 有没有具体的数, 量化指标: a figure
_WHICH_TEXT = re.compile(r"哪(?:一?部|个|份|项)(?:法律|法规|条例|规章|文件|规定)")
DOC_NUMBER_ASKED = re.compile(r"文号|发文字号|文件编号|发文编号")
AREA = "面积"  # the unit of 面积有多大: any unit of area (evidence.has_figure)
_AREA_ASKED = re.compile(r"面积(?:有|是|为|达到|一共|总共|共)?(?:多大|多少)")  # not 面积增长多少 (a rate or change)
# Measure units a figure question can ask for, longest first (ingest/data/asked_units.txt).
UNITS = vocabulary("asked_units")
# 多少人民币 is money; 那几天, 前几年 are a time, not a count asked
_ASKED_UNIT = re.compile(r"(?:多少|(?<![这那前后头近最])几)(" + "|".join(UNITS) + ")(?!民币)")
_MONEY = re.compile(r"多少(?![个项家所座户名条件位人次])[\u4e00-\u9fff]{0,4}?(?:钱|资金|奖金|奖励|奖补|补助|补贴|经费|资助|费用)"
                    r"|(?:多少|几)块钱"  # an amount of money: a figure in 元
                    r"|(?:产值|营业收入|营收|销售额|投资额|利润|损失|预算|花费)(?:是|有|为|达到|到了|能到|到)?多少")  # 产值是多少: an amount
# a rate of change asked alone (not 总量和增速, not a computation): a figure in %
_RATE = re.compile(r"增速|增幅|涨幅|降幅|增长率|增长速度|增长幅度|幅度(?:是|有|为)?多[少大]|多快")
_SEVERAL = re.compile(r"[和与及、]|分别|各")
# 按时办完的比例有多少, 满意度是多少: a share or rate, in %
_SHARE_ASKED = re.compile(r"(?:比例|比重|占比|满意度|[\u4e00-\u9fff]率)(?:力争|争取|要|将|预计|计划)?(?:是|有|为|能|大概|大约|约|达到|能达到|达|到了?|达到了)?(?:多少|几)"
                          r"|占多大(?:权重|比重|比例|份额)")
_SHARE_OF_PEOPLE = re.compile(r"占[到了]?(?:多少|几成)(?:人口|总人口|常住人口)")  # 志愿者要占多少人口: a share, in %
_HOW_LONG = re.compile(r"多长时间|多久|多长期限|多少时间")
# Words that frame a question rather than name its subject (ingest/data/question_words.txt).
GENERIC = frozenset(vocabulary("question_words"))
_KEEP_POS = ("n", "v", "eng", "j", "l", "nz", "a")
_GENERIC_POS = ("r", "m", "u", "p", "c", "x", "f", "d", "y", "q", "o", "zg")


# a development zone goes by its name as a place does (翊阳经开区, 翊阳经济技术开发区 → 翊阳), longest first
ZONES = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "高新区", "经开区", "开发区")


def place_key(place: str) -> str:
    """The name a place goes by without its tier (广东省 → 广东, 西藏自治区 → 西藏, 翊阳经开区 → 翊阳, 潆川城区 → 潆川)."""
    for tier in ("自治区", "自治州", "自治县", *ZONES):
        if place.endswith(tier) and len(place) > len(tier) + 1:
            return place[: -len(tier)]
    if place.endswith("城区") and len(place) > 3 and not any(c in _TIER_CHARS for c in place[:-2]):
        return place[:-2]  # 潆川城区: the town of 潆川 (not 东城区, nor 某市东城区)
    return place[:-1] if len(place) > 2 and place[-1] in "省市县区镇乡" else place


PROVINCES = frozenset(vocabulary("provinces"))  # ingest/data/provinces.txt
_TIER_CHARS = "省市县区镇乡州旗"
# characters that stand alone before a place as words of their own (在…区, 全市, 该县), not as part of its name
_NOT_IN_NAMES = frozenset("的在和与及是个这那该全本各每我你他从到向对比给把被为于里上下中内外又也都就还跟同去今明")
PLACES = PROVINCES | frozenset(vocabulary("places"))  # and ingest/data/places.txt: cities and areas
REGIONS = frozenset(vocabulary("regions"))  # ingest/data/regions.txt: regions, not a document's own place
_EVERY = "各全本该每"  # 各县区, 全市, 该省: every place of a tier, or the one spoken of, never a name
_ADMIN = re.compile(rf"(?![{_EVERY}哪其])..+[省市县区州盟旗镇乡]")
_XX_PLACE = re.compile(r"X+[县市区]")
_EVERY_TIER = re.compile(rf"[{_EVERY}][省市县区州镇乡村]{{1,3}}")
_TIERS = frozenset("省 市 县 区 州 盟 旗 自治区 自治州 自治县".split())
_TIERED = re.compile(r"[\u4e00-\u9fff]{2,5}(?:省|市|县|自治区|自治州|州|盟|旗)")


def county_of_province(place: str, question: str) -> bool:
    """浙江县的报告, 山西那个县委书记: the province says where the county whose document is asked of lies; it is no
    place a document or a passage must be of."""
    return place_key(place) in PROVINCES and bool(re.search(
        rf"{re.escape(place)}省?(?:那个|这个|那边的?|这边的?|的|某个?|一个)?[县区](?=[里的委那这，,\s]|政府|$)", question))


def listed_place(word: str) -> bool:
    """A place of ingest/data/provinces.txt or places.txt, with or without its tier (广东, 广东省)."""
    return word in PLACES or place_key(word) in PLACES


# every word that names a kind of document (报告, 实施意见, 行动计划, 通知…)
KINDS = frozenset(DOC_WORDS) | frozenset(vocabulary("genres")) | frozenset(vocabulary("title_genres"))
_DEMONSTRATIVE = frozenset("那 这 份 个 篇 该 那个 这个 那份 这份 那篇 这篇 该项".split())
_NAME_POS = ("n", "nz", "nt", "nr", "vn", "j", "eng", "l", "v")
MAX_NAME_WORDS = 4
_ISSUER = re.compile(r"(?:政府|党委|委员会|[委局厅办院部])$")  # a body (县政府, 发改委, 教育局)


# kinds of town or village, no town's name (定了哪几个中心镇)
_KINDS_OF_TOWN = frozenset("中心镇 重点镇 特色镇 建制镇 小城镇 示范镇 卫星镇 中心村 重点村 示范村 特色村 行政村 自然村 一般乡镇".split())
_PLANNED = frozenset({"计划", "规划"})  # kinds of document that are verbs too (计划建设, 规划布局)
# what a document does (规划是…, 规划定了, 规划到2025年, 计划要求): after these the kind names the document
_SAYS = frozenset("是 定 到 要 要求 明确 提出 指出 规定 说 讲 提到 写 印发 发布 出台 编 编制 设定 确定 部署 里 中 有 对 把 将 "
                  "给 为 提 讲到 写到 说到 显示 列 列出 包括 涉及 共 一共".split())


def _doc_name_words(words: Sequence[tuple[str, str]]) -> set[int]:
    """Positions of the words just before a kind of document, past a demonstrative, that name it (县委经济工作会议
    讲话, 那份县政府工作报告, 二十大那份报告): nouns and verbs only, a place or a particle ends them (a place stays a place)."""
    out: set[int] = set()
    for i, (w, _) in enumerate(words):
        if w not in KINDS or (w in _PLANNED and i + 1 < len(words) and words[i + 1][1].startswith("v")
                              and words[i + 1][0] not in KINDS and words[i + 1][0] not in _SAYS):
            continue  # 保障性租赁住房计划建设多少套: planned, no document named
        j = i - 1
        while j >= 0 and (words[j][0] in _DEMONSTRATIVE or words[j][0] in KINDS):
            j -= 1  # 这份规划纲要: past the demonstrative and the rest of the kind
        taken = 0
        while j >= 0 and taken < MAX_NAME_WORDS:
            if taken and words[j][0] in _DEMONSTRATIVE and j and _ISSUER.search(words[j - 1][0]):
                j -= 1  # 县政府这份工作报告: the body that issued it, before a demonstrative, names it too
                continue
            if not (words[j][1].startswith(_NAME_POS) and len(words[j][0]) > 1 and not listed_place(words[j][0])
                    and not words[j][1].startswith("ns") and not _government_of(words[j][0])):
                break
            out.add(j)
            j, taken = j - 1, taken + 1
    return out


def real_place(word: str) -> bool:
    """A word the tagger calls a place that is one (杭州, 某某县), not an ordinary word (城镇, 上岗, 上海港)."""
    return listed_place(word) or bool(_ADMIN.fullmatch(word) or _XX_PLACE.fullmatch(word))


_GOVERNMENT = re.compile(r"(?:人民)?政府")


def _government_of(word: str) -> str:
    """The listed place whose government an organisation token names (广东省政府 → 广东省)."""
    for n in range(len(word) - 1, 1, -1):
        head = word[:n]
        if (head in PLACES or place_key(head) in PLACES) and _GOVERNMENT.fullmatch(word[n:]):
            return head
    return ""


@functools.lru_cache(maxsize=1)
def _posseg():
    import jieba.posseg as pseg

    jieba_tokenizer()  # the same dictionary (planning terms included) as the lexical index
    return pseg


_BOUND = ("g", "zg", "ng", "vg", "ag", "tg")  # a character the tagger knows only as part of words


def _unknown_place(words: Sequence[tuple[str, str]], i: int) -> tuple[str, int] | None:
    """A place whose name starts with a character the tagger knows only inside words, cut apart, ending in its tier
    (雩|陵|市, 澴|平|县, 沣|台区, 瓴|州): (the place, how many words it takes), or None."""
    w, f = words[i]
    unknown = f == "x" and re.fullmatch(r"[\u4e00-\u9fff]", w)  # 蓁: a character the tagger has no word of
    # 璞|溪区: a rare character the tagger takes for a surname (nr) opens a name too
    if len(w) != 1 or not (f in _BOUND or f in ("nr", "yg") or unknown) or w in _TIER_CHARS or w in _NOT_IN_NAMES:
        return None
    name = w
    for j in range(i + 1, min(i + 3, len(words))):
        name += words[j][0]
        if len(name) > 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", words[j][0]) or words[j][0][0] in _NOT_IN_NAMES:
            return None  # 嶂|南|全省: 全省 is the province's whole, no part of a name
        if name[-1] in "省市县区州镇乡" and (len(name) >= 3 or name[-1] == "州"):  # 瓴|州 as 冀州, 泠|水镇
            return name, j - i + 1
        if len(name) == 2 and j + 1 < len(words) and _WHOLE_OF_TIER.fullmatch(words[j + 1][0]):
            return name, j - i + 1  # 蓁|阳|全市: a name without its tier, before the whole of it
        if len(name) == 2 and (zone := _zone_after(words, j + 1)):
            return name + zone[0], j - i + 1 + zone[1]  # 翊|阳|经|开区: a development zone's name
        if j == i + 1 and f != "nr" and _bare_name(words, j):
            return name, 2  # 汧|阳|护士, 溱|川|农村: a place named without its tier, before a word of its own
    return None


_WHOLE_OF_TIER = re.compile(r"全[省市县区州]")


def _bare_name(words: Sequence[tuple[str, str]], j: int) -> bool:
    """The character at j ends a two-character name its rare first character opened: one character alone that ends
    place names, before a word of two or more, a figure or the question's end."""
    w, f = words[j]
    after = words[j + 1] if j + 1 < len(words) else ("", "x")
    return len(w) == 1 and w in _NAME_ENDS and not f.startswith(("u", "p", "c", "r", "d", "m", "q", "f")) \
        and (len(after[0]) >= 2 or after[1] in ("m", "x") or after[0] in ("的", "那", "这", "该"))


# the characters that end most Chinese place names (阳, 川, 江, 溪…): a bare name ends with one
_NAME_ENDS = frozenset("阳川江溪陵山河湖源宁安平城台洲滨浦泉岭林湾渚桐岑峰坪塘沙岗庄原丘岩谷")


def _zone_after(words: Sequence[tuple[str, str]], k: int) -> tuple[str, int] | None:
    """A development zone's kind (经开区, 开发区…) in the words from k on: (the kind, how many words), or None."""
    rest = ""
    for n in range(k, min(k + 4, len(words))):
        rest += words[n][0]
        if rest in ZONES:
            return rest, n - k + 1
        if not any(z.startswith(rest) for z in ZONES):
            return None
    return None


def _known_word(word: str) -> bool:
    """A word of the tagger's dictionary (城镇, 冀州), not one its guesser made of an unknown name's end (湄区)."""
    return bool(_posseg().dt.tokenizer.FREQ.get(word))


# A numbered item: （一）… / 一是… / 一要… (the answer of a list question, one per item).
ITEM = re.compile(rf"^(?:[（(]([{CN_SMALL}])[）)]|([{CN_SMALL}])[是要])(.{{2,200}})")


def enumeration_section(section: str) -> str:
    """The section whose numbered items answer a list question: the parent when the path ends in an item."""
    parts = section.split(SECTION_SEP)
    return SECTION_SEP.join(parts[:-1]) if len(parts) > 1 and ITEM.match(parts[-1]) else section


@dataclass(frozen=True)
class QuestionInfo:
    text: str  # normalised question
    kind: Kind
    years: tuple[str, ...]  # years the question asks about
    unit: str | None
    terms: tuple[str, ...]  # content words the evidence must mention
    places: tuple[str, ...]  # place names (北京市, 某某省…) the evidence must be about
    section_refs: tuple[str, ...]
    cross_doc: bool
    doc_years: tuple[str, ...] = ()  # years by which it names a document
    parts: tuple[tuple[str, ...], ...] = ()  # heading prefixes of the parts it names (assistant/references.py)
    head: tuple[str, ...] = ()  # the indicator a figure question counts: the nouns before 多少 (粮食, 总产量)
    indicator: str = ""  # head's last noun, kept where the head check is off (evidence.head_noun_named)
    # words that name the document asked about (县委经济工作会议讲话): not terms while they name one (query.py)
    doc_name: tuple[str, ...] = ()
    # the kind of thing the answer is, named after the question word (哪个地方, 哪些部门, 哪家单位): a passage
    # names an instance of it, not the word, so it counts only where it is found
    asked_as: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4096)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) by the tagger the lexical index's dictionary extends; questions and answer sentences."""
    out: list[tuple[str, str]] = []
    # a year ends at its 年: the tagger would glue 年 to the word after it (2025年定的 → 年定); so does 多大
    for w, f in (x for piece in _AFTER_YEAR.split(text) if piece for x in _posseg().lcut(piece)):
        # R&D, M&A: one abbreviation, which the tagger splits at the ampersand
        if f == "eng" and len(out) > 1 and out[-1][0] == "&" and out[-2][1] == "eng":
            out[-2:] = [(out[-2][0] + "&" + w, "eng")]
        else:
            out.append((w, f))
    return tuple(out)


# a year ends at its 年 (see tagged_words); 多大 asks, and the tagger would glue its 大 to the noun (多大面积 → 大面积)
_AFTER_YEAR = re.compile(r"(?<=\d年)|(?<=多大)")


_RARE = 10  # a dictionary count below which a word is the tagger's accident (比到)
_SUFFIXES = "率量度"  # a measure's last character the tagger glued to the word after it (机械化|率到)


def _unglued(words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A word the tagger made up (not in its dictionary) that opens with a locative or a pronoun glued on
    (会议上作的 → 上作, 谁用): that character is cut off and what is left tagged again; one that opens with the
    previous word's own last character doubled, the rest a far commoner word (执法检查|组组长): that character goes
    back to it."""
    freq, out = jieba_tokenizer().dt.FREQ, []
    for w, f in words:
        if len(w) >= 2 and not freq.get(w) and _posseg().lcut(w[0])[0].flag in ("f", "r"):
            out += [(w[0], "f")] + list(tagged_words(w[1:]))
        elif len(w) >= 2 and not freq.get(w) and w[0] in _SUFFIXES and out and out[-1][1].startswith("n"):
            out[-1] = (out[-1][0] + w[0], "n")  # 机械化|率到: the rate is the noun's, then what follows it
            out += list(tagged_words(w[1:]))
        elif len(w) == 2 and not freq.get(w) and f.startswith("n") and w[1] in "能要将会可里中内":
            out += [(w[0], "n"), (w[1], "f" if w[1] in "里中内" else "v")]  # 券能, 券里: a noun, then a modal or locative
        elif len(w) >= 2 and w[0] == "年" and out and out[-1][0] in ("前", "去", "今", "明", "后", "当", "本", "上"):
            out[-1] = (out[-1][0] + "年", "t")  # 比前|年少了几辆: the year before last, then what it was less by
            out += list(tagged_words(w[1:]))
        elif len(w) == 2 and not freq.get(w) and w[1] in "定要将" and w[0] not in _NOT_IN_NAMES and w[0] != "来" \
                and out and out[-1][1][:1] in ("n", "v"):
            out[-1] = (out[-1][0] + w[0], "n")  # 收入|线定的是多少, 普惠托|位要: the noun's last character, then the verb
            out.append((w[1], "v"))
        elif len(w) >= 2 and not freq.get(w) and w[0] == "来":
            out += [("来", "v")] + list(tagged_words(w[1:]))  # 按多少户来划: 来 leads the verb, no subject
        elif len(w) >= 2 and w[0] == "比" and freq.get(w, 0) < _RARE and out and out[-1][0] == "占":
            out[-1] = ("占比", "n")  # 占|比到了多少: the share asked, then what follows it
            out += list(tagged_words(w[1:]))
        elif len(w) >= 3 and w[0] == w[1] and out and freq.get(w, 0) * 20 < freq.get(w[1:], 0):
            out[-1] = (out[-1][0] + w[0], out[-1][1])  # 执法检查|组组长: 执法检查组's last character, then 组长
            out += list(tagged_words(w[1:]))
        else:
            out.append((w, f))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _known_terms() -> frozenset[str]:
    """Terms of the built-in glossary and the indicator names: what the tagger cuts apart (细/颗粒物) is one
    term to match, so its synonyms (PM2.5) apply."""
    names = {t.lower() for g in Glossary.builtin().groups for t in g}
    names |= {n.lower() for syn, canon in target_vocab().synonyms for n in (syn, canon)}
    return frozenset(n for n in names if len(n) >= 2)  # 高|企: two characters cut apart


_OPEN, _CLOSE = "“‘「『\"", "”’」』\""


_COUNTED_SLOGAN = re.compile(rf"[{CN_SMALL}两]+[个大条项张种类]")  # “八个聚焦”, “走出六条新路”: its items answer, not it


def _quoted(words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The words inside quotation marks (“一网通办”, 「强省会」) joined into one name: the documents write it so,
    whatever the tagger makes of its pieces (一网通/办: an idiom and a lone verb). Figures, years, plan names
    (“十四五”) and counted slogans (“八个聚焦”, whose items do not repeat it) stay as tagged."""
    out, i = [], 0
    while i < len(words):
        w, _ = words[i]
        end = next((j for j in range(i + 1, min(i + 8, len(words))) if words[j][0] in _CLOSE), None) \
            if w in _OPEN else None
        inner = "".join(x for x, _ in words[i + 1:end]) if end else ""
        if end and 2 <= len(inner) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", inner) \
                and not _SHORT_NAME.fullmatch(inner) and not PERIOD.search(inner) \
                and not _COUNTED_SLOGAN.search(inner):
            out += [words[i], (inner, "nz"), words[end]]
            i = end + 1
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


_WHOLE = 6  # a known term this long is one indicator (社会消费品零售总额), not its words (社会 of 经济社会)


def _joined(words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Runs of two to four tagged words that spell a known term, one of them a lone character the tagger cut off
    (细 of 细颗粒物) or a Latin word (人均|GDP), or six characters or more, joined into one noun (longest first); a real place or a number is
    never part of one (2035年 is a year, not a term; 城镇人口 of 城镇人口比重 is a place only to the tagger)."""
    known, out, i = _known_terms(), [], 0
    while i < len(words):
        if i + 1 < len(words) and words[i][0].isdigit() and words[i + 1][1] == "eng" and len(words[i + 1][0]) <= 2 \
                and words[i + 1][0].isupper():  # 5G, 4A, 3D: a name, not a number and a letter
            out.append((words[i][0] + words[i + 1][0], "n"))
            i += 2
            continue
        for n in (4, 3, 2):
            run = words[i:i + n]
            if len(run) == n and (any(len(w) == 1 or w.isascii() for w, _ in run)
                                  or len("".join(w for w, _ in run)) >= _WHOLE) and not any(
                    (f == "ns" and real_place(w)) or f == "m" or w.isdigit() for w, f in run) \
                    and "".join(w for w, _ in run).lower() in known:
                out.append(("".join(w for w, _ in run), "n"))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


# counters and units a question counts in (多少人, 几套, 多少钱); a noun after 多少 is the subject (挖多少煤, 打了多少粮)
_COUNTED_IN = frozenset("个项家所座条户人名位次套件种类批只头辆台架艘张间处块部本场笔期届元钱岁年天月周倍吨亩度")
_NOT_PRONOUNS = frozenset({"本科", "前身", "多边"})  # nouns the tagger's dictionary files as pronouns (本 = this)
_PLACE_AFTER = re.compile(r"(?:这个|那个|这|该)[省市县区州]")
# 这几年/近几年/过去几年 say "lately", not "how many years" (几年 asks a span of years)
_FEW_YEARS = re.compile(r"(?<=[这那近去])几年")


# Who asks and why (我在写汇报材料，想确认一下…; 领导让我核对：; 写调研报告要引用一下，): the asker's frame names no
# subject, and its words would count as terms no passage holds. The subject it mentions stays (领导问到老破小改造).
_ASKER = re.compile(
    # what the asker is writing or preparing (我在写汇报材料，准备给科技局做个对比，做考核方案想参考一下：)
    r"(?:^|(?<=[，,：:]))(?:我们?)?(?:正在|在|要|得)?(?:写|起草|整理|准备|做|给)[^，,：:；;？?。—]{0,16}"
    r"(?:材料|资料|报告|简报|稿子|稿|汇报|发言|总结|提纲|对比表|对比|表格|方案|分析|清单|论文|文章|提案|通报|通知|纪要"
    r"|建议|议案|PPT|ppt)(?:时|呢)?"
    r"(?:要引用一下|要引用|要用|用|想参考一下|参考一下|想参考|[^，,：:；;？?。—]{1,8}(?=[，,：:—]))?[，,：:—]*"
    # who asks, and what they want done (领导让我核对：, 文物部门同事问我：, 我们局想参照…)
    r"|(?:我们?)?[\u4e00-\u9fff]{0,6}?(?:同事|领导|上级|[局处科部厅]长|[县市区镇乡]长|书记|主任|老师|朋友|客户|局|单位)"
    r"(?:刚才|刚刚)?(?:问我|问到|问起|问|让我|要我|叫我|想)(?:核对|核实|确认|了解|知道|比比|比较|看看|看|查查|查|梳理|参照|参考)?"
    r"(?:一下)?[，,：:]?"
    r"|(?:我们?)?(?:劳驾|麻烦|烦请)?(?:想|要|帮我|请)?先?(?:确认|核实|核对|核|了解|梳理)一下[，,：:]?"
    # the asker's own business (我们做物流的，, 我们公司做风电光伏，): what they do, not what they ask
    r"|^我们?(?:公司|厂|企业|单位|村|合作社|这边)?(?:是|主要)?(?:做|搞|干|经营|生产)[^，,：:；;？?。—]{1,12}?的?[，,：:]"
    # what they half remember (我记得报告里说…): the claim stays, the remembering goes
    r"|^我?(?:记得|印象中|印象里|好像记得)"
    # what the asker is doing, in a clause of its own before the question (我在整理各省今年的预期目标，)
    r"|^我们?(?:[县市区省局村镇乡]|单位|这边|[\u4e00-\u9fff]{1,3}[办室科处股组])?(?:正在|在)(?:给[^，,：:；;？?。—]{1,6}?)?"
    r"(?:写|起草|整理|准备|做|汇总|梳理|核对|比较|对比|研究|申报|申请|编制|谋划|筹备|筹划|策划|开展|搞|测算|核算|统计|调研|分析"
    r"|评估|跟进|督办|督查|解读|宣讲|备课)[^，,：:；;？?。—]{0,20}[，,：:—]+"
    # what the asker does for whom, before a colon (给领导算个账：, 帮县里测算奖金用：)
    r"|^(?:给|帮|替)(?:领导|上级|单位|局里|县里|市里|区里|镇里|乡里|科室|处里|科里|办公室|同事|部门)"
    r"[^，,：:；;？?。—]{1,10}[：:]"
    # what they ask it by (想知道, 请问): no word of it is asked about
    r"|(?:^|(?<=[，,：:]))我?(?:想知道|想了解|想问问|想问|请问|注意到)(?:一下)?[，,：:]?")


# a yes-no or either-or ask (涨不涨, 有没有, 跟常年比算多还是少) and 头 for first (头一年, 头两个月): no subject
_CHOICE_ASKED = re.compile(r"([\u4e00-\u9fff])[不没]\1|比?(?:算|是)?[多高大快早长好]还是[少低小慢晚短差]|没?记错|对不对"
                           r"|头(?=[一两二三几]个?[年月天周季])")
_SPACED_CLAUSE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")  # 能打多少万吨 种多少亩: a pause
_SHARE_WORDS = frozenset("比例 比重 占比 权重 比率".split())
# 比例定了什么目标, 比重现在是多少, 占多大权重: a share asked, in %
_SHARE_WORD_ASKED = re.compile(r"(?:比例|比重|占比|权重|比率)[^，,。？?；;]{0,8}?(?:多少|多大|几成|几|目标|定的|定了)"
                               r"|占(?:多大|多少|几成)")
_GOAL_ASKED = re.compile(r"什么(?:样的?)?(?:量化|具体|数量)?目标|目标(?:是|为|定|设)?(?:的|了|成|在)?(?:什么|啥)|"
                         r"(?:怎样|怎么样|如何)的?(?:量化)?目标")
_MEASURE = re.compile(r"[\u4e00-\u9fff]{2}(?:率|收入|总值|增速|产量|总额|总量|强度|增加值)|GDP|增速|增长速度")
_FRAME_EDGES = re.compile(r"^[，,：:—\s]+|[，,：:—\s]+$")  # the punctuation a frame leaves at either end


_ASKS = re.compile(r"[哪谁几吗]|什么|怎么|多少|多久|多长|多大|是否|是不是")
# what they ask it by, introducing the question after a colon (…，我想确认一下：), with the situation before it
_INTRODUCED = re.compile(r"[，,。；;](?:我们?)?(?:想|要|帮我|请|麻烦)?(?:确认|核实|核对|了解|查|问)(?:一下)?[：:]")


def _asked_twice(question: str) -> bool:
    """Two of its clauses ask a figure, one of them a count (…达到多少个？占比多少？): no one unit is asked."""
    asks = [c for c in re.split(r"[，,；;？?]", question) if not c.startswith("我")]  # 我在梳理几个县的…: the asker's
    return sum(bool(re.search(r"多少|几", c)) for c in asks) >= 2 and \
        any(re.search(r"(?:多少|几)[个家项所座条名户套](?!百分点)", c) for c in asks)


def without_asker(question: str) -> str:
    """The question without the asker's frame (the whole question when nothing else would be left). The situation
    told before a frame that introduces the question (企业反映补助款迟迟不到账，我想确认一下：…) is no part of it,
    unless it asks something itself."""
    m = _INTRODUCED.search(question)
    if m and not _ASKING.search(question[: m.start()]) and _ASKS.search(question[m.end():]) and \
            len(question) - m.end() >= 10:
        question = _kept_of(question[: m.start()]) + question[m.start() + 1:]
    rest = _FRAME_EDGES.sub("", _ASKER.sub(_frame_kept, question))
    return rest if len(rest) >= 4 else question


def _frame_kept(m: re.Match[str]) -> str:
    return _kept_of(m.group(0))


_QUOTED_PHRASE = re.compile(r"“[^“”]{2,40}[、，,；;][^“”]{1,40}”")


def _kept_of(frame: str) -> str:
    """What of a frame stays: all of it when it holds a question word (准备出台哪些方案 is the question itself), else
    the years, short document names and places it gives (给领导准备十二五回顾材料: 十二五)."""
    if _ASKING.search(frame):
        return frame
    kept = [x.group(0) for x in re.finditer(rf"{_SHORT_NAME.pattern}|{YEAR}年", frame)]
    kept += [w for w, f in tagged_words(frame) if f == "ns" or w in PLACES]  # 准备海南调研材料: 海南
    return "".join(kept) + "，" if kept else ""


# a change asked of a count (死亡人数要比2023年压降多少, 降幅高出几个百分点): documents give it as a rate as often
_CHANGE_ASKED = re.compile(r"百分点|[降增涨跌减]幅|幅度|比[^，,。？?；;]{0,12}?(?:下降|压降|降低|减少|增长|增加|提高|上升)了?(?:多少|几)")


@functools.lru_cache(maxsize=1024)  # pure: the chain asks about one question at several steps
def analyse(question: str) -> QuestionInfo:
    q = _FEW_YEARS.sub("些年", _SPACED_CLAUSE.sub("，", normalise_query(question)))
    refs = tuple(_SECTION_REF.findall(q))
    parts = tuple(heading_prefixes(q))
    if WHICH_LEVEL.search(q) and not (refs and _PARTS_OF.search(q)):  # 第十一篇包括哪几章: its parts, a section
        kind: Kind = "which_section"
    elif (refs or parts) and _SECTION_ASK.search(q):
        kind = "section"
    elif _WHERE_PART.search(q) and _PLACED.search(q):
        kind = "which_section"
    elif _WHEN.search(q):
        kind = "when"
    elif _WHO.search(q) or WHICH_BODY.search(q):
        kind = "who"
    elif DOC_NUMBER_ASKED.search(q):  # 发文字号是多少: a document number (某政办发〔2026〕9号), no figure
        kind = "what"
    elif _WHICH_TEXT.search(q):  # 比例是照着哪部法律哪一条定的: a text and its article, no figure
        kind = "what"
    elif _LIST_FIRST.search(q):
        kind = "list"
    elif _FIGURE.search(q) or _ASKED_UNIT.search(q):  # 几枚金牌, 多少克: a unit counts it
        kind = "figure"
    elif _YESNO.search(q) and _CONFIRMED.search(q):
        kind = "figure"  # 是不是定的6%: the documents' figure answers, whichever it is
    elif _YESNO.search(q):
        kind = "yesno"
    elif _LIST.search(q):
        kind = "list"
    else:
        kind = "what"
    if kind == "what" and _GOAL_ASKED.search(q) and _MEASURE.search(q):
        kind = "figure"  # 对城镇居民人均可支配收入设定了什么目标: the figure set for it
    unit = None
    of_people = bool(_SHARE_OF_PEOPLE.search(q))  # 占多少人口: a share, though 多少人 is a count's unit
    m = _ASKED_UNIT.search(q) if not of_people else None
    if m and m.group(1) == "年" and _ASKING.search(q, m.end()):
        m = _ASKED_UNIT.search(q, m.end())  # 连续几年发国债，先发多少: the years frame what is asked after them
    if m and re.search(r"(?:多少|几)(?=[\s，,。？?；;])", q[:m.start()]):
        pass  # 一个月给多少 能领几年: the first thing asked names no unit, the second's is not its
    elif m:
        unit = m.group(1)
    elif _MONEY.search(q):
        unit = "元"
    elif kind == "figure" and (re.search(r"(?:多少|几)名|(?:多少|几)个人(?![民才口员均工])", q) or (
            "人数" in q and not _CHANGE_ASKED.search(q))):
        unit = "人"  # 多少名运动员, 观众人数, 有几个人: people (名, 人); not 死亡人数比2023年压降多少 (a rate, too)
    elif kind == "figure" and re.search(r"(?:多少|几)分(?![之钟])|得分|总分", q):
        unit = "分"  # 占多少分, 得了多少分: points of a score
    elif _HOW_LONG.search(q):
        unit = "时长"
    elif kind == "figure" and _AREA_ASKED.search(q):  # 面积有多大: a figure in 平方米, 亩 or 公顷, not a count
        unit = AREA
    elif kind == "figure" and (re.search("百分之|百分比", q) or of_people or (
            (_RATE.search(q) or _SHARE_ASKED.search(q) or _SHARE_WORD_ASKED.search(q)) and not _SEVERAL.search(q)
            and operation(q) is None and not _asked_twice(q))):
        unit = "%"
    ops = operations(q)
    if unit == "倍" and "ratio" in ops:  # 是…的几倍: computed from two figures in their own unit
        unit = None
    if unit == "%" and "growth" in ops and len(ops) > 1:  # 涨了多少？涨幅是百分之几: computed from the amounts
        unit = None
    if unit == "%" and ops == ["share"] and "相当于" in q:  # 大概相当于装机目标的百分之几: one amount of the other
        unit = None
    terms, places = [], []
    # 多少人, 多少钱, 几套: the unit or counter asked for, not a subject the evidence must name
    counted = {unit, *(c for c in re.findall(r"(?:多少|几)([\u4e00-\u9fff])", q) if c in _COUNTED_IN)} - {None}
    if unit == "%":  # 上幼儿园的比例, 占多大比重: the share asked, which documents write as its rate (毛入园率)
        counted |= _SHARE_WORDS
    words = _unglued(_joined(_quoted(tagged_words(without_refs(q)))))
    naming, named_by = _doc_name_words(words), []
    glued: set[int] = set()
    for i, (w, f) in enumerate(words):
        if i in glued:
            continue
        w = w.strip()
        if (name := _unknown_place(words, i)) is not None:  # 雩|陵|市, 澴|平|县: a name of characters the tagger lacks
            places.append(name[0])
            glued.update(range(i, i + name[1]))
            continue
        after = words[i + 1][0] if i + 1 < len(words) else ""
        # 白鹭|镇, 泠|水镇, 城北|街道: a town whose name the tagger took for a word or a person's, cut before its tier
        if (f in ("nr", "ns") and len(w) == 2 and after in ("镇", "乡")) or (
                f in ("nr", "ns", "s") and len(w) == 2 and after == "街道") or (
                f in ("nr", *_BOUND) and len(w) == 1 and w not in _NOT_IN_NAMES and w not in _TIER_CHARS
                and len(after) == 2 and after[-1] in "镇乡" and re.fullmatch(r"[\u4e00-\u9fff]+", w)):
            places.append(w + after)
            glued.add(i + 1)
            continue
        if f != "r" and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) and _PLACE_AFTER.match(
                "".join(x for x, _ in words[i + 1:i + 3])):
            places.append(w)  # 大同这个县: a place the tagger took for another word
            continue
        if _SHORT_NAME.fullmatch(w) and "".join(x for x, _ in words[i + 1:i + 3]).lstrip("的").startswith(DOC_WORDS):
            continue  # 二十大报告, 十二五规划: the short name of a document, not a subject
        if f == "r" and w in _NOT_PRONOUNS:
            f = "n"
        if (not w or w in GENERIC or f == "e" or f.startswith(_GENERIC_POS) or _YEAR.fullmatch(w) or w.isdigit()
                or re.fullmatch(r"[Xx]+", w)  # XX is a masking placeholder, not a subject
                or _EVERY_TIER.fullmatch(w)  # 各县区, 全市: every place of a tier, not one
                or _ASKING.search(w)  # 哪几个, 什么样: a question word the tagger kept as an idiom or noun
                or w in counted):
            continue
        if f.startswith("v") and len(w) == 2 and w[0] in _MODAL:
            continue
        if i and words[i - 1][0] in ("多少", "几") and w[0] in counted and len(w) == 2 and \
                tagged_words(w[1])[0][1].startswith("v"):
            continue  # 多少户划: the counter asked glued to the verb after it
        # a listed place the tagger took for a word (包头 as a verb); not a kind of city (文明城市) nor a measure
        # the tagger files as a place (满意度)
        if f == "ns" and not (len(w) > 2 and w.endswith(("城市", "城镇"))) and w[-1] not in "度率量性" \
                and w not in _KINDS_OF_TOWN or w in PLACES:
            before = words[i - 1][0] if i else ""
            if len(w) == 2 and w[-1] in _TIER_CHARS and re.fullmatch(r"[\u4e00-\u9fff]", before) \
                    and before not in _NOT_IN_NAMES and before not in _TIER_CHARS and not _known_word(w) \
                    and not words[i - 1][1].startswith(("p", "c")):  # 按|濉州: a preposition is no first character
                w = before + w  # 澄|湄区: a name the tagger cut, its first character left alone
                terms = [t for t in terms if t != before]
            elif len(w) == 2 and w[-1] in _TIER_CHARS and len(before) == 2 and before[0] in _GLUED_BEFORE \
                    and not _known_word(before) and not _known_word(w):
                w = before[1] + w  # 说澜|岫区: the name's first character glued to the verb before it
                terms = [t for t in terms if t != before]
            tier = words[i + 1][0] if i + 1 < len(words) else ""
            # 东岭县: the tier the tagger cut off is the place's (a tiered place no document is of must be named)
            places.append(w + tier if tier in _TIERS and not real_place(w) else w)
        elif f.startswith("nr") and _TIERED.fullmatch(w):  # 乐亭县: a place the tagger took for a person
            places.append(w)
        elif f.startswith("nr") and len(w) == 2 and i and words[i - 1][1] == "ns" and i + 1 < len(words) \
                and words[i + 1][0] in _TIERS:  # 栎川市石泉|区: a district of the place before, not a person
            places.append(w + words[i + 1][0])
        elif f == "nt" and (own := _government_of(w)):  # 广东省政府 is one token to the tagger: 广东省's
            places.append(own)
        elif f.startswith(_KEEP_POS) and (len(w) > 1 or f.startswith("n")):
            # 县委经济工作会议讲话, 那份县政府工作报告: words that name the document, not what it is asked
            (named_by if i in naming else terms).append(_unglue_preposition(w))
    places = [p for p in places if not county_of_province(p, q)]
    # a place only inside a quoted phrase (“南有中山、北有冀州”说的是哪个行业) is a word of the phrase, not a scope
    asks = [m.span() for m in _WHEN.finditer(q)]  # 什么时间, 时间节点: the date asked, not a subject
    asks += [m.span() for m in _CHOICE_ASKED.finditer(q)]  # 涨不涨, 算多还是少, 头一年: how it is asked
    terms = [t for t in terms if not _only_inside(t, q, asks)]
    aside = _aside_spans(q)  # 我开了个小饭馆，…满多少能减多少: the asker's own life names no subject
    terms = [t for t in terms if not _only_inside(t, q, aside)] or terms
    phrases = [m.span() for m in _QUOTED_PHRASE.finditer(q)]
    quoted = [p for p in places if _only_inside(p, q, phrases)]
    places = [p for p in places if p not in quoted]
    terms += quoted
    head = _head(words, set(terms)) if kind == "figure" else ()
    asked_as = tuple(w for i, (w, f) in enumerate(words[1:], 1)
                     if w in terms and len(w) > 1 and f.startswith("n") and _ASKED_AS.fullmatch(words[i - 1][0]))
    named = _DOC_YEAR.findall(q)
    spans = [m.span(1) for m in _DOC_YEAR.finditer(q)]
    while True:  # years listed before a naming year, right to left (2019年、2020年和2021年的报告)
        more = [m for m in _LISTED_YEAR.finditer(q) if m.span(1) not in spans and any(
            0 < start - m.end() <= 5 and q[m.end()] in "和与、及" and _GAP.fullmatch(q[m.end():start])
            for start, _ in spans)]
        if not more:
            break
        spans += [m.span(1) for m in more]
        named += [m.group(1) for m in more]
    named = tuple(dict.fromkeys(sorted(named, key=q.find)))
    blanked = "".join("#" if any(s <= i < e for s, e in spans) else c for i, c in enumerate(q))
    asked = _YEAR.findall(blanked)
    return QuestionInfo(
        text=q, kind=kind, years=tuple(dict.fromkeys(asked)), unit=unit, doc_years=named, parts=parts,
        terms=tuple(dict.fromkeys(terms)), head=head, indicator=head[-1] if head else "",
        places=tuple(dict.fromkeys(places)), section_refs=refs,
        doc_name=tuple(dict.fromkeys(t for t in named_by if t not in terms)), asked_as=asked_as,
        cross_doc=bool(_CROSS.search(q)) or (bool(_EACH.search(q)) and len(set(re.findall(_DOC_WORD, q))) >= 2) or bool(
            _BOTH_DOCS.search(q)) or (
            len(set(_SHORT_DOC.findall(q))) + bool(_REPORT_OF_YEAR.search(q)) >= 2) or (
            compares_places(q, [p for p in places if real_place(p)])
            or (bool(_EACH.search(q)) or operation(q) is not None) and len(named) >= 2),
    )  # 2024年报告比2021年报告


# a clause the asker tells of their family or their days in (我闺女在开封上班, 我跟老伴都七十好几了, 我年轻时候…,
# 我在家看本地新闻); not who they are or what they do (我是硕士, 我在乡镇卫生院住院: a policy's condition)
_ABOUT_ME = re.compile(r"(?:^|(?<=[，,。；;！!]))(?:我|俺)们?的?(?=(?:儿子|女儿|闺女|孙子|孙女|外孙|侄子|侄女|老伴|爱人"
                       r"|老公|媳妇|父母|爸|妈|家里人|亲戚|邻居|跟老伴|和老伴|年轻|小时候|以前|退休|老家|天天|每天|平时|在家|记性))"
                       r"[^，,。；;！!？?]*")
_ASKS_HERE = re.compile(r"[哪谁吗呢]|(?<![好十])几|什么|怎么|多少|多久|多长|多大|是否|是不是|能不能|有没有|可不可以")
_INTENT = re.compile(r"想|要|打算|准备|申请|咨询|关心|关注|问|查|核|写|整理|报|比较|对比|研究|论文")  # the clause carries what is asked


# what the asker is writing the answer into (我在写汇报材料，…; 我在整理医保材料：…): the verb and the kind of writing
# name no subject (the words between, 医保, may)
_WORK_ASIDE = re.compile(r"(?:^|(?<=[。；;！!]))((?:我|俺)们?(?:这边)?(?:在|正在|要|得|准备|最近在)?(?:写|准备|整理|起草|赶|弄|做))"
                         r"[^，,。；;！!？?：:]{0,12}?((?:汇报|学习|对比|发言)?(?:材料|稿子|讲稿|稿|报告|汇报|提纲|文章|论文|简报|总结|PPT))"
                         r"[，,：:。]")


def _aside_spans(q: str) -> list[tuple[int, int]]:
    """Spans of clauses the asker tells of their own life in, before the question (我年轻时候在生产队种过地，现在
    退休了。…): the clause, or its whole sentence when no clause of it asks; none that asks, means to do something,
    or is the last; and the clause telling what the answer is for (我在写汇报材料，)."""
    spans = [m.span(g) for m in _WORK_ASIDE.finditer(q) if _ASKS_HERE.search(q[m.end():])
             and not _ASKS_HERE.search(m.group(0)) for g in (1, 2)]
    for m in _ABOUT_ME.finditer(q):
        clause = m.group(0)
        if _ASKS_HERE.search(clause) or _INTENT.search(clause) or not _ASKS_HERE.search(q[m.end():]):
            continue
        end = m.end()
        stop = re.search(r"[。；;！!？?]", q[m.start():])
        sentence_end = m.start() + stop.start() if stop else len(q)
        opens = m.start() == 0 or q[m.start() - 1] in "。；;！!"
        if opens and stop and q[sentence_end] in "。；;！!" and not _ASKS_HERE.search(q[m.start(): sentence_end]):
            end = sentence_end
        spans.append((m.start(), end))
    return spans


def _only_inside(word: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Every occurrence of the word in the text lies inside one of the spans (and there are spans)."""
    return bool(spans) and all(any(a <= m.start() and m.end() <= b for a, b in spans)
                               for m in re.finditer(re.escape(word), text))


def compares_places(q: str, places: Sequence[str]) -> bool:
    """Two of the places (or XX县) each asked (甲省和乙省…各是多少, 甲省和XX县哪个高): a question across documents."""
    return (bool(_EACH.search(q)) or operation(q) is not None) and len(
        {place_key(p) for p in places} | set(_XX_PLACE.findall(q))) >= 2


_ASKING = re.compile(r"哪|什么|怎么|怎样|多少|几[个条项种类方点件批家番倍]")
_ASKED_AS = re.compile(r"哪[个些家位类种所项条]?|哪一[个家位类种所项条]|哪几[个家位类种所项条]?")
_GLUED = "在对把从向给于"  # a preposition the tagger glued to the noun after it (在城镇)
_GLUED_BEFORE = "说在到去给对从和与跟同把向于"  # a verb or preposition the tagger glued to a name's first character


def _unglue_preposition(word: str) -> str:
    """在城镇 → 城镇: a preposition the tagger glued on is cut off, but not from a word of its own whose rest is
    none (对外贸易, not 外贸易)."""
    if len(word) <= 2 or word[0] not in _GLUED or (_known_word(word) and not _known_word(word[1:])):
        return word
    return word[1:]
_MODAL = "要能将"  # a modal the tagger glued to a one-character verb (要盖, 能拿): no subject
_ANCHOR = re.compile(r"多少|几.*|多[大长高久远]?")
_NOUN = ("n", "vn", "nz", "j", "l", "eng")
MEASURES = frozenset(vocabulary("measure_words"))  # 比例, 规模…: the kind of figure, not the indicator


def _head(words: tuple[tuple[str, str], ...], terms: set[str]) -> tuple[str, ...]:
    """The nouns that name the indicator a figure question counts: the run of nouns right before 多少/几 past the
    frame words (粮食总产量是多少 → 粮食, 总产量), or past one verb the noun before it (零售总额增长目标定的多少 →
    零售总额; the nouns before that are the verb's subject). A near-miss sentence about a neighbouring indicator
    lacks them. Nouns after 多少 are the unit counted (多少集装箱), not required."""
    at = next((i for i, (w, _) in enumerate(words) if _ANCHOR.fullmatch(w) and (
        w != "多" or i + 1 < len(words) and words[i + 1][0][:1] in "大长高久远")), None)
    if at is None:
        return ()

    def noun(i: int) -> bool:
        w, f = words[i]
        if len(w) == 1 and i and words[i - 1][0] in _MODAL:
            return False  # 一年要交多少钱: the tagger's noun after a modal is its verb
        return w in terms and w not in MEASURES and f.startswith(_NOUN) and not f.startswith(("nr", "ns", "nt"))

    i, verbs = at - 1, 0
    while i >= 0 and not noun(i):
        w, f = words[i]
        if f == "x" or f.startswith("ns") or re.search(r"\d", w):
            return ()  # punctuation, a figure or year, or a place first: nothing names the indicator
        if w in terms and w not in MEASURES:
            verbs += 1
            if verbs > 1:
                return ()
        i -= 1
    before = []
    while i >= 0 and noun(i) and not (verbs and before):  # after a verb, the nouns before it are its subject
        before.append(words[i][0])
        i -= 1
    return tuple(reversed(before))


_PEOPLES = re.compile(r"(.*[省市县区州])(法院|检察院|政府)")


def synonyms(term: str, glossary: Glossary) -> tuple[str, ...]:
    """The term's glossary group; a short name of an indicator (经济, 居民收入, CPI: ingest/data/indicators.txt)
    also stands for that indicator's names (地区生产总值, 居民人均可支配收入), not the other way round."""
    own = glossary.group_of.get(term.lower(), (term,))
    if m := _PEOPLES.fullmatch(term):  # 县法院 is the 县人民法院, 市政府 the 市人民政府
        own += (f"{m[1]}人民{m[2]}",)
    names = _indicator_names().get(term)  # the longer names only: GDP does not stand for 经济
    return own + tuple(n for n in names if n not in own and len(n) > len(term)) if names else own


@functools.lru_cache(maxsize=1)
def _indicator_names() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for syn, canon in target_vocab().synonyms:
        groups.setdefault(canon, []).append(syn)
    return {syn: tuple(dict.fromkeys([canon, *names])) for canon, names in groups.items() for syn in names
            if syn != canon}
