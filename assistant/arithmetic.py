"""Arithmetic over quoted figures: a question that asks a difference, a sum, a ratio or a share (差多少, 加起来, 几倍,
占…百分之几; a check such as 完成了吗 asks the gap) of two figures the documents state separately gets one computed
sentence per computation it asks, from two quoted figures only (one from each document when documents are compared),
which says what it computed from. Nothing is computed when the quotes do not give exactly two figures of one kind,
except a sum of more things than two (甲、乙和丙加起来) that one quote lists, one figure each, and a yearly average
(平均每年) of one total or one quote's change over the years the question spans.

Quantities are read with their magnitude (万, 亿, 万亿) and unit, so 1.7亿千瓦 plus 3000万千瓦 is 2亿千瓦; two
percentages differ by 个百分点."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator, Sequence

from assistant.glossary import Glossary
from ingest.zh import YEAR, arabic_figures, bigrams, cn_number, squash, tidy_figures

COMPUTED_NOTE = "（由所引用的两个数值计算）"
COMPUTED_NOTE_MANY = "（由所引用的各数值计算）"  # a sum of more than two
OWN_FIGURE_NOTE = "（由所引用的数值与问题给出的数值计算）"  # a gap to the asker's own figure
MONTHS_NOTE = "（由所引用的月额计算）"  # a year of a monthly amount


def is_computed(text: str) -> bool:
    """The text holds a sentence PlanQA computed (it states figures no passage does), its note written in any width
    or spacing (an LLM may copy it with ASCII brackets)."""
    t = squash(text)
    return any(squash(note) in t for note in (COMPUTED_NOTE, COMPUTED_NOTE_MANY, OWN_FIGURE_NOTE, MONTHS_NOTE))


# 今年新建的建成后总数能到多少: what stands now plus what is added
_AFTER_ADDED = re.compile(r"(?:新增|新建|新开工|建成|完成)[^。？?]{0,10}?后[，,]?[^。？?]{0,8}?(?:总|累计|一共|共)[^。？?]{0,8}?(?:多少|几)")
# 新增5G基站之前原来有多少个, 按新增数和累计数倒推: the total less what was added
# (and 是从多少天提上来的, 比上年多安排了一些，倒推一下上年是多少: where a figure rose from, given the rise)
_ADDED, _TOTAL = re.compile(r"新增|新建|增加"), re.compile(r"累计|总|共|达到|达|安排")
_BEFORE_ADDED = re.compile(rf"(?:{_ADDED.pattern})[^。？?]{{0,12}}?(?:之前|以前|倒推)[^。？?]{{0,10}}?(?:多少|几)"
                           # 比2016年多了135天，那2016年是多少: the earlier year's, the level less the rise
                           rf"|比(?P<base>{YEAR})年(?:多|增加|提高|增长|上升)了?[^。？?]{{0,16}}?(?P=base)年[^。？?]{{0,8}}?(?:多少|几)"
                           # 比原来多了135天，那原来是多少: the same, the earlier level named 原来
                           r"|(?:多|增加|提高|增长|上升)了?[^。？?]{0,16}?那?(?:原来|之前|以前)(?:是|有)?(?:多少|几)"
                           r"|倒推[^。？?]{0,12}?(?:多少|几)|从多少[\u4e00-\u9fff]{0,2}(?:提|涨|增|升)")
_SUM = re.compile(r"加起来|加上|合计|之和|总和|[两二三]\S{0,3}一共|[和与及、][^，。？?]{1,10}?(?:一共|总共)|"
                  + _AFTER_ADDED.pattern)
_EXCEPT = re.compile(r"(?:除了?([^，,。？?]{1,16}?)(?:以外|之外|(?=[，,]))|(?:扣掉|扣除|去掉|减去|刨去|刨除)([^，,。？?]{1,16}?)(?:的?部分)?"
                     r"(?=[，,]|还|剩|其余))[^。？?]{0,12}?(?:还有|其余|其他|剩下|还剩|剩)[^。？?]{0,8}?(?:多少|几)")
_PER_ITEM = re.compile(r"平均(?:每|一)(个|项|家|所|户|座|条|辆|台)")
# a rate of an outcome counted in things (成功率, 执结率, 办结率): its outcome word before 率
_COUNT_RATE = re.compile(r"(?<!增长)(成功|执结|结案|办结|办复|解决|采用|立案|整改|完成|化解|审结|调解|达标|合格|通过|签约|履约|到位)"
                         r"率(?:是|为|有|能|能有|大概|大约|约|达到|算下来)?(?:多少|几|百分之几)")
# 按报告给的增幅倒推一下，2024年大概多少: the level before a stated rate of change (立案264件，同比增长14.3%)
_PRIOR = re.compile(r"(?:按|照|根据|用)[^。？?]{0,16}?(?:增幅|降幅|增速|增长率|涨幅|减幅|下降幅度|幅度|百分比)"
                    r"[^。？?]{0,12}?(?:倒推|反推|推算|算|推|估)")
# 一年租房补贴合计多少 when a document states it by the month (硕士研究生1000元/月): twelve months of it
_ANNUAL = re.compile(r"(?:一年(?!级)|全年|一整年)(?:下来)?[^。？?]{0,10}?(?:合计|一共|总共|共|加起来|算下来)[^。？?]{0,6}?(?:多少|几)")
_OPS = (
    ("prior", _PRIOR),
    ("annual", _ANNUAL),
    ("ratio", re.compile(r"几倍|多少倍")),
    ("sum", _SUM),
    ("diff", re.compile(r"相差|还差|" + _BEFORE_ADDED.pattern + "|"
                        r"差了?多少|差了?几|(?<![至最提升降])[多少高低快慢]多少|(?<![至最提升降])[多少高低快慢]了?几|还剩|"
                        r"剩下?多少|(?<![至最提升降多])[多少][\u4e00-\u9fff]{1,2}了多少|"
                        r"[多少高低]出了?多少|(?<![至最提升降减增缩])[多少高低快慢]了多少|净增|缺口|超(?:了|出)多少|(?:涨|提高|增加|下降|降低|减少)了?几个百分点|"
                        r"(?:哪个|谁)(?:更|要|[长涨跑]得)?[多少高低快慢大小]|"
                        r"(?:一样|相同|一致)(?:吗|不|没有)|是否(?:一样|相同|一致)")),
    # 平均每年多少 of a total over a period the question (or the quote) names: the total ÷ its years
    ("average", re.compile(r"平均每年|每年平均|平均一年|一年平均|摊到每一?年")),
    # 除了雨污分流以外还有多少: one quote's total less the part it names after 其中 (780公里，其中雨污分流260公里)
    ("except", _EXCEPT),
    # 平均每个项目多少投资: one quote's amount over its count of those things (860亿元 ÷ 320个)
    ("per", _PER_ITEM),
    # a check of one figure against another (完成了吗, 对得上吗): both figures and their gap, unless it asks more
    ("check", re.compile(r"对得上|够不够|超额|(?:完成|达到|实现)了?(?:目标|任务)?(?:吗|没有)|是否(?:完成|达到|超过)")),
    # 占经济总量的百分之几 when no quote states the share: one figure of the other, as a percentage
    # and a rate asked to be worked out (完成比例算下来是多少, 按审结的算…败诉的比例): one count of the other
    ("share", re.compile(r"占[^，。？?]{1,12}?(?:百分之几|几成|多大比[例重])"
                         r"|占[^，。？?]{1,14}?的?比[例重](?:大概|大约|约)(?:是|为|有)?(?:多少|几)|相当于[^，。？?]{1,12}?(?:百分之几|几成)|(?:算|推算)[^，。？?]{0,16}?占"
                         r"|(?:比例|比率|[\u4e00-\u9fff]率)[^，。？?]{0,4}?(?:算下来|算出来|算一下)|(?:按|照)[^，。？?]{1,10}算[，,]"
                         r"[^。？?]{0,16}?(?:比例|比率|[\u4e00-\u9fff]率)")),
    # 调解成功率是多少 when the documents give only the counts (调解纠纷4126件，调解成功2587件): the one over the other
    ("rate", _COUNT_RATE),
    # 床位增加多少张 when the documents say 由198万张增加到223万张: computed from one quote's two ends only (增长
    # is left out: 增长了多少 asks a stated rate)
    ("change", re.compile(r"(?:增加|提高|提升|扩大|减少|下降|降低|缩小|涨)了?多少")),
    # 涨幅大约是百分之几 beside another computation (涨了多少？): the change of one quote's two ends as a percentage
    ("growth", re.compile(r"(?:增长|提高|增加|上涨|涨幅|增幅)[了率]?[^，。？?]{0,4}?(?:百分之几|百分之多少|多少%|几成)")),
)
_COUNTERS = frozenset("个 项 家 所 户 座 条 辆 台 件 张 套 起".split())  # what things are counted in, not amounts
_MAG = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "": 1.0}
_UNITS = sorted("""% ‰ 个百分点 百分点 元 美元 人次 人 户 家 个 项 条 件 座 所 辆 吨 斤 公斤 千瓦时 千瓦 度 亩 公顷 平方米 平方公里
公里 千米 米 岁 套 张 次 场 台 标箱 立方米 微克/立方米 兆 天 小时 倍 分 册 篇 部 只 头 架 艘 床 起""".split(), key=len, reverse=True)
_QUANTITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?(" + "|".join(map(re.escape, _UNITS)) + ")")
_FROM_TO = re.compile(r"(?:由|从)[^，。；：]{0,24}?(\d+(?:\.\d+)?(?:万亿|亿|万)?[^\d，。；、]{0,5}?)[^，。；]{0,12}?"
                      r"(?:提高|增加|增长|上升|下降|减少|降低|扩大|提升|达|跃升)?(?:到|至)")
_WANTS_PERCENT = re.compile(r"百分点|率|比重(?!点)|比例|占比|%|％|增速|增幅|涨幅|降幅")  # 比重点帮扶村 compares
_JOINS = re.compile(r"和|与|、|及|加上|同")
# A quote that states a change (比上年减少3.4万吨).
_STATED = re.compile(r"(?:比|较|同比)[^，。；]{0,16}?(?:增加|减少|提高|下降|降低|增长|上升|多|少)了?约?\d")


@dataclass(frozen=True)
class Quantity:
    number: float  # as written (53.1 in 53.1万人)
    magnitude: str  # 万亿 | 亿 | 万 | ""
    unit: str  # % for percentages, 百分点, 万人's 人
    start: int  # position in the text
    written: str

    @property
    def value(self) -> float:
        return self.number * _MAG[self.magnitude]

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "‰", "百分点")


def operation(question: str) -> str | None:
    """diff | sum | ratio | change | share: the first computation the question asks, if any."""
    return next(iter(operations(question)), None)


def operations(question: str) -> list[str]:
    """Every computation the question asks, in the order it asks them (涨了多少？是原来的几倍？)."""
    found = sorted((m.start(), name) for name, rx in _OPS for m in [rx.search(question)] if m)
    names = list(dict.fromkeys(name for _, name in found))
    if "check" in names:  # a check computes the gap, unless another computation is asked (加起来…对得上吗)
        names = ["diff"] if names == ["check"] else [n for n in names if n != "check"]
    if "except" in names:  # 扣掉X还剩多少: the total less the part, its 还剩 no second computation
        names = [n for n in names if n != "diff"]
    if "prior" in names:  # 倒推 from a rate is that one computation, no difference of two levels
        names = ["prior"]
    return names


_POINT = re.compile(r"(?<=\d)[·．](?=\d)")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


_WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def plain(text: str) -> str:
    """Figures written plainly: ９３％ → 93%, 27·7％ → 27.7%, 2，980 → 2980."""
    return arabic_figures(_THOUSANDS.sub("", _POINT.sub(".", tidy_figures(text).translate(_WIDE))))


def quantities(text: str) -> list[Quantity]:
    return _quantities(plain(text))


def _quantities(s: str) -> list[Quantity]:
    """Quantities of a text already written plainly (positions are into it)."""
    out = []
    for m in _QUANTITY.finditer(s):
        unit = "百分点" if m.group(3) in ("个百分点", "百分点") else m.group(3)
        out.append(Quantity(float(m.group(1)), m.group(2) or "", unit, m.start(), m.group(0)))
    return out


def _fmt(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _express_down(value: float, like: Sequence[Quantity]) -> tuple[str, str]:
    """As _express, stepping down past the inputs' magnitudes when the value is under one of them (200亿斤 a year of
    a 0.2万亿斤 change)."""
    for mag in sorted({q.magnitude for q in like} | {"亿", "万", ""}, key=lambda m: _MAG[m], reverse=True):
        if value >= _MAG[mag] and _MAG[mag] <= max(_MAG[q.magnitude] for q in like):
            return _fmt(round(value / _MAG[mag], 2)), mag
    return _fmt(round(value, 2)), ""


def _express(value: float, like: Sequence[Quantity]) -> tuple[str, str]:
    """The value written in the largest magnitude of the inputs (what the documents would write)."""
    mags = sorted({q.magnitude for q in like}, key=lambda m: _MAG[m], reverse=True)
    # the largest magnitude, unless the value is under one of it (1958.4万千瓦, not 0.1958亿千瓦)
    mag = next((m for m in mags if value >= _MAG[m]), mags[-1])
    return _fmt(value / _MAG[mag]), mag


_QUESTION_CLAUSE_END = re.compile(r"[，,。？?；;]")


def _question_clauses(question: str) -> list[str]:
    """A question's clauses (what joins things, 甲和乙, is read within one)."""
    return _QUESTION_CLAUSE_END.split(question)


def _terms_joined(question: str, rx: re.Pattern[str]) -> int:
    """How many things the clause holding the sum word adds up (甲和乙加起来: 2)."""
    clauses = _question_clauses(question)
    at = next((i for i, c in enumerate(clauses) if rx.search(c)), None)
    clause = clauses[at] if at is not None else ""
    joins = len(_JOINS.findall(clause))
    if not joins and _PAIR_WORD.search(clause):  # 厦门和福州两个机场…两个加起来: the pair was joined earlier
        joins = max((len(_JOINS.findall(c)) for c in clauses), default=0) or 1
    elif not joins and at and len(clause[: rx.search(clause).start()]) <= 2:
        joins = len(_JOINS.findall(clauses[at - 1]))  # 甲、乙和丙，合计有多少个: the clause before names them
    return joins + 1


def _best_in(question: str, s: str, qs: list[Quantity]) -> Quantity:
    """The quantity whose clause shares most with the question (the first on a tie)."""
    qgrams = bigrams(question)
    return max(qs, key=lambda q: (len(qgrams & bigrams(_words_of(s, q))), -q.start))


def _best_beside(question: str, s: str, qs: list[Quantity], other_s: str, other: Quantity) -> Quantity:
    """As _best_in, also counting what its words share with the other figure's lead."""
    qgrams, other_lead = bigrams(question), _named(_lead(other_s, other))
    return max(qs, key=lambda q: (len(qgrams & bigrams(_words_of(s, q))) + len(other_lead & _named(_lead(s, q))),
                                  -q.start))


def clause_bounds(s: str, at: int, marks: str) -> tuple[int, int]:
    """Start and end of the clause of `s` holding position `at`, clauses ending at any of `marks`."""
    lo = max(s.rfind(p, 0, at) for p in marks) + 1
    hi = min((j for j in (s.find(p, at) for p in marks) if j >= 0), default=len(s))
    return lo, hi


def _clause_of(s: str, q: Quantity, marks: str = "，,；;：:。") -> str:
    return s[clause_bounds(s, q.start, marks)[0]: q.start + len(q.written)]


_ITEM_JOIN = re.compile(r"、|以及|和|与|及")


@lru_cache(maxsize=512)
def _respective(s: str) -> dict[int, tuple[str, str]]:
    """甲、乙分别达到A、B: each figure after 分别 (to its clause's end) with the item before 分别 it belongs to and the
    verb after 分别, when the items are as many as the figures and the figures of one unit. The last item carries a
    head its shorter partners leave out (城镇、农村居民人均可支配收入): only as much of it as the first item is its own."""
    out: dict[int, tuple[str, str]] = {}
    for m in re.finditer("分别", s):
        lo = max(s.rfind(p, 0, m.start()) for p in "，,；;。：:") + 1
        hi = min((j for j in (s.find(p, m.end()) for p in "，,；;。") if j >= 0), default=len(s))
        items = [x for x in _ITEM_JOIN.split(s[lo: m.start()]) if x]
        qs = [q for q in _quantities(s) if m.end() <= q.start < hi]
        if len(items) < 2 or len(items) != len(qs) or len({q.unit for q in qs}) != 1:
            continue
        verb = s[m.end(): qs[0].start]
        for item, q in zip(items, qs):
            out[q.start] = (item, verb)
    return out


def _words_of(s: str, q: Quantity, marks: str = "，,；;：:。") -> str:
    """What names a figure: its clause, or for a figure of a 分别 list its own item (科技型中小企业 for 800家 in
    高新技术企业、科技型中小企业数量分别达到80家以上、800家)."""
    item = _respective(s).get(q.start)
    return item[0] + item[1] if item else _clause_of(s, q, marks)


def _own_items(s: str, a: Quantity, b: Quantity) -> tuple[set[str], set[str]] | None:
    """The words only one of two figures of one 分别 list names (城镇 and 农村 of 城镇、农村居民人均可支配收入), or None
    when they are not such a pair."""
    got = _respective(s)
    if a.start not in got or b.start not in got:
        return None
    wa, wb = got[a.start][0], got[b.start][0]
    short = min(len(wa), len(wb))  # the longer item's head is shared
    na, nb = _named(wa[:short] if len(wa) > len(wb) else wa), _named(wb[:short] if len(wb) > len(wa) else wb)
    return na - nb, nb - na


_EACH_GAP = re.compile(r"(?:各|分别|各自)(?:还|要)?(?:差|多|少|增加|提高|涨)")


def _both_asked(question: str, s: str, a: Quantity, b: Quantity) -> bool:
    """Two figures of one quote are the pair asked when one clause gives both (分别达到A和B) or the question names
    what each clause is about (巩固率93%，毛入学率87%), not when a neighbour shares the unit (航线75条、航线99条)."""
    ca, cb = _words_of(s, a, "，,；;：:。、"), _words_of(s, b, "，,；;：:。、")
    if ca in cb or cb in ca:
        return True
    first = min(a.start, b.start)
    if "分别" in s[clause_bounds(s, first, "。；;")[0]: first]:  # 甲、乙分别增长8.9%、7.7%: one clause gives both, in order
        return _asks_both(question, s, a, b) and not _EACH_GAP.search(question)  # (as in _given_together)
    qgrams = bigrams(question)
    # each clause whole: what it counts may follow its figure (推进源网荷3万千瓦储能项目)
    marks = "，,；;：:。、"
    ga, gb = qgrams & bigrams(_around(s, a, marks)), qgrams & bigrams(_around(s, b, marks))
    if len(ga - gb) >= 2 and len(gb - ga) >= 2:
        return _indicator_named(question, s, a) and _indicator_named(question, s, b)
    return _other_side(question, ca, cb)


_FRAME_END = re.compile(r"(?:达到|超过|突破|力争|争取|增长到|提高到|增加到|控制在|保持在|达|超|为|是|约|共|合计|累计)+$")


def _indicator_named(question: str, s: str, q: Quantity) -> bool:
    """The indicator right before a figure (示范县生产总值超600亿元: 生产总值), or right after it, is one the question
    names, or a synonym of one: two clauses' subjects asked (示范县…) do not make a GDP and a revenue one pair."""
    lo, hi = clause_bounds(s, q.start, "，,；;：:。、")
    before = _FRAME_END.sub("", s[lo: q.start])
    end = q.start + len(q.written)
    named = before[-4:] + s[end: min(hi, end + 4)]  # or right after it (3万千瓦储能项目)
    if len(named) < 2:
        return True
    return bool(_named(named) & _named(question + "".join(Glossary.builtin().expand(question).added)))


def _other_side(question: str, ca: str, cb: str) -> bool:
    """Two clauses of one indicator (城镇居民人均可支配收入50716元；农村居民人均可支配收入25348元) for a question that
    compares two things (城里人和农村人): one clause names one side, the other names neither (its side paraphrased),
    and both name the indicator asked, two bigrams' worth."""
    keys = _side_keys(question)
    if keys is None:
        return False
    na, nb = _named(ca), _named(cb)
    sides = [[bool(n & k) for k in keys] for n in (na, nb)]
    one = sorted(sum(s) for s in sides) == [0, 1]
    return one and len(na & nb & _named(question)) >= 2


def _added_and_total(question: str, s: str, a: Quantity, b: Quantity) -> bool:
    """What stood before an addition is asked, and one figure is the addition, the other the total (新增…1000座，
    累计…4600个)."""
    ca, cb = _clause_of(s, a), _clause_of(s, b)
    return bool(_BEFORE_ADDED.search(question)) and any(
        _ADDED.search(x) and _TOTAL.search(y) and not _ADDED.search(y) for x, y in ((ca, cb), (cb, ca)))


def wants_percent(question: str) -> bool:
    """The question computes on percentages (率, 比重, 百分点) rather than amounts."""
    return bool(_WANTS_PERCENT.search(question))


def _found(question: str, quotes: Sequence[str], percent: bool | None = None) -> list[list[Quantity]]:
    """Each quote's quantities of the kind asked (percentages or not)."""
    percent = wants_percent(question) if percent is None else percent
    unit = _asked_unit(question)
    alike = _PLACES_COUNTED if unit in _PLACES_COUNTED else frozenset()  # 13家机构、236个幸福院: 多少个 counts them alike
    return [[replace(q, unit=unit) if q.unit in alike else q for q in _quantities(t) if q.percent == percent]
            for t in quotes]


def _from_to(found: list[list[Quantity]], quotes: Sequence[str]) -> tuple[Quantity, Quantity, list[int]] | None:
    """由52.23%提高到58.08%: both ends of a change in one quote."""
    for i, t in enumerate(quotes):
        for m in _FROM_TO.finditer(t):
            after = [q for q in found[i] if q.start >= m.end()]
            before = [q for q in found[i] if m.start() <= q.start < m.end()]
            if before and after and before[0].unit == after[0].unit:
                return before[0], after[0], [i]
    return None


_PLANNED = re.compile(r"预期|计划|目标")
_ACTUAL = re.compile(r"实际|完成")


def _planned_actual(question: str, found: list[list[Quantity]], quotes: Sequence[str]
                    ) -> tuple[Quantity, Quantity, list[int]] | None:
    """预期增长6%左右，实际增长5.6%: a plan's figure and what came of it, in one quote, when the question asks both
    (or the gap to the target, 离目标还差多少)."""
    if not (_PLANNED.search(question) and _ACTUAL.search(question) or _TARGET_GAP.search(question)):
        return None
    for i, t in enumerate(quotes):
        plan = _PLANNED.search(t)
        done = _ACTUAL.search(t, plan.end()) if plan else None
        if done is None:
            continue
        before = [q for q in found[i] if plan.end() <= q.start < done.start()]
        after = [q for q in found[i] if q.start >= done.end()]
        if len(before) == 1 and after and before[0].unit == after[0].unit:
            return before[0], after[0], [i]
    return None


def _pick(question: str, quotes: Sequence[str], percent: bool | None = None) -> tuple[Quantity, Quantity, list[int]] | None:
    """Two quantities of one kind and unit from the (plainly written) quotes, and the quotes they come from."""
    found = _found(question, quotes, percent)
    # the two years the question names pick their figures before a change one quote states (由2020年的A到2025年的B)
    ends = _year_pair(question, quotes, found) or _from_to(found, quotes) or _planned_actual(question, found, quotes)
    if ends is not None:
        # 离目标还差多少: a change from a base year to now (由1.86%提高到2.31%) is no gap to a target
        if _TARGET_GAP.search(question) and not any(_TARGET_WORD.search(quotes[i]) for i in ends[2]):
            return None
        return ends
    keys = _side_keys(question)
    sided = [_sided(t, qs, keys) for t, qs in zip(quotes, found)] if keys is not None else None
    pair = _side_pair(sided) if sided is not None else None
    if pair is not None:
        return pair
    given = _given_together(question, quotes, found)
    if given is not None:
        return given
    holding = [i for i, qs in enumerate(found) if qs]
    if len(holding) > 1 and sided and any(len({side for side, _, _ in per}) == 2 for per in sided):
        # some quote names a figure for each side (第一档2100元…第三档1800元; 第一档20.5元…第三档17.5元) and
        # _side_pair found no one pair: a figure of one quote is no side of another's
        return None
    if len(holding) == 1 and len(found[holding[0]]) == 2:
        a, b = found[holding[0]]
        return (a, b, holding) if a.unit == b.unit and (_both_asked(question, quotes[holding[0]], a, b) or
                                                        _added_and_total(question, quotes[holding[0]], a, b)) else None
    picked = {}
    for i in holding:
        q = _best_in(question, quotes[i], found[i])
        picked.setdefault(round(q.value, 6), (q, i))
    if len(picked) != 2:
        return None
    (a, i), (b, j) = picked.values()
    # of a quote's figures, the one counting what the other counts (新能源装机 for 新增新能源装机, not 电力总装机)
    a = _best_beside(question, quotes[i], found[i], quotes[j], b)
    b = _best_beside(question, quotes[j], found[j], quotes[i], a)
    if a.value == b.value:
        return None
    if a.unit != b.unit or not (_about(question, quotes[i], a, quotes[j], b) and _about(question, quotes[j], b, quotes[i], a)):
        return None
    if not _one_each(question, _lead(quotes[i], a), _lead(quotes[j], b)):
        return None
    return a, b, [i, j]


_TARGET_GAP = re.compile(r"目标[^，。？?]{0,6}?(?:还?差|相差|差距)|(?:离|距离?)[^，。？?]{0,12}?目标")
_TARGET_WORD = re.compile(r"目标|预期|计划|规划")
_SIDES = re.compile(r"比|和|与|同|跟")
_PAIR_WORD = re.compile(r"[两二](?:个|者|项|块|类|方面|部分|家|座)")


def _given_together(question: str, quotes: Sequence[str],
                    found: list[list[Quantity]]) -> tuple[Quantity, Quantity, list[int]] | None:
    """甲、乙分别达A、B: the one clause that gives exactly two figures of the kind asked after 分别, in one unit, of
    things the question asks both of (the best named, when several clauses give two: 收入分别达到37247元、17818元 over
    分别是2010年的2.6倍、3.3倍)."""
    pairs = []
    qgrams = _named(question)
    if _EACH_GAP.search(question):  # 各还差多少: each item's own gap, not the gap between the items
        return None
    for i, t in enumerate(quotes):
        for m in re.finditer("分别", t):
            lo, hi = clause_bounds(t, m.start(), "，,；;。")
            qs = [q for q in found[i] if m.end() <= q.start < hi]
            if len(qs) == 2 and qs[0].unit == qs[1].unit and _asks_both(question, t, qs[0], qs[1]):
                pairs.append((len(qgrams & _named(t[lo: m.start()])), (qs[0], qs[1], [i])))
    top = max((n for n, _ in pairs), default=0)
    best = [p for n, p in pairs if n == top]
    return best[0] if len(best) == 1 else None


def _asks_both(question: str, s: str, a: Quantity, b: Quantity) -> bool:
    """Both figures of a 分别 list are asked, unless the question names one item only and no second thing beside
    it (冀州的高新技术企业…比十三五末多几家 asks 高新技术企业's figure, not its gap to 科技型中小企业's)."""
    own = _own_items(s, a, b)
    if own is None:
        return True
    qgrams = _named(question)
    named = [bool(qgrams & w) for w in own]
    if all(named) or not any(named):
        return True
    keys = _side_keys(question)  # 城里人和农村人: the other side is the item named otherwise
    words = own[0] if named[0] else own[1]
    return keys is not None and any(words & k for k in keys)


def _single_joins(question: str, rx: re.Pattern[str]) -> Iterator[tuple[str, re.Match[str]]]:
    """Each clause of the question that `rx` joins exactly once, with that join."""
    for clause in _question_clauses(question):
        joins = list(rx.finditer(clause))
        if len(joins) == 1:
            yield clause, joins[0]


def _side_keys(question: str) -> tuple[set[str], set[str]] | None:
    """The two things a question joins or compares (市区比县区高多少, 示范村和提升村一共): the words next to the join on
    each side, those the other side lacks; None unless one clause joins exactly two."""
    for clause, j in _single_joins(question, _SIDES):
        head = _shared_head(clause[: j.start()], clause[j.end():])
        if head:  # 农村居民人均可支配收入和全体居民人均可支配收入: the words before the shared head tell them apart
            left, right = _named(clause[max(0, j.start() - head[1] - 3): j.start() - head[1]]), _named(head[0])
            if left - right and right - left:
                return left - right, right - left
        before = clause[max(0, j.start() - 3): j.start()]
        of = clause.rfind("的", max(0, j.start() - 3), j.start())
        if of > 0 and j.group(0) == "比":  # 市区的要求比县区: the thing compared is before its 的
            before += "，" + clause[max(0, of - 3): of]
        left, right = _named(before), _named(clause[j.end(): j.end() + 3])
        # less what both sides end with, though cut at three characters (党纪处分和政务处分: 处分)
        left -= _named(clause[j.end(): j.end() + 5])
        right -= _named(clause[max(0, j.start() - 5): j.start()])
        if left - right and right - left:
            return left - right, right - left
    return None


def _shared_head(before: str, after: str) -> tuple[str, int] | None:
    """The words that set the thing after a join apart (全体 of 全体居民人均可支配收入) when what follows them, four
    characters or more, is how the thing before the join ends; with that head's length."""
    for p in range(1, 5):
        for n in range(min(len(before), len(after) - p), 3, -1):
            if after[p: p + n] == before[-n:]:
                return after[:p], n
    return None


_LAST_ITEM = re.compile(r"[和及与](?=\d)")


def _side_pair(sided: Sequence[list[tuple[int, int, Quantity]]]):
    """One figure whose own item names one side of the question's two things and one the other (各县区…300万元以上,
    市区达到350万元以上 for 市区比县区高多少), when exactly one figure names each; else None. `sided`: each quote's
    figures by side (_sided)."""
    sides: tuple[list, list] = ([], [])
    for i, per in enumerate(sided):
        for side, n, q in per:
            sides[side].append((n, q, i))
    # one quote giving one figure for each side (给予党纪处分31人、政务处分18人) over figures of several quotes
    per = [Counter(k for _, _, k in side) for side in sides]
    together = [i for i in per[0] if per[0][i] == 1 and per[1][i] == 1]
    if len(together) == 1:
        (a,), (b,) = ([q for _, q, k in side if k == together[0]] for side in sides)
        if a.unit == b.unit:
            return a, b, together
    best = []
    for side in sides:  # the figure naming its side best, if one does (示范村10个 over 示范片区1个)
        top = max((n for n, _, _ in side), default=0)
        at_top = [(q, i) for n, q, i in side if n == top]
        if len(at_top) != 1:
            return None
        best.append(at_top[0])
    (a, i), (b, j) = best
    return (a, b, sorted({i, j})) if a.unit == b.unit else None


def _sided(quote: str, qs: Sequence[Quantity], keys: tuple[set[str], set[str]]) -> list[tuple[int, int, Quantity]]:
    """(side, words of it named, quantity) for each figure whose own item names one side of the two asked."""
    listed = _LAST_ITEM.sub("、", quote)  # 9个整体推进村和10个重点帮扶村: the last item joins by 和
    out = []
    for q in qs:
        item = _named(_words_of(listed, q, "，,；;：:。、") if q.start in _respective(listed)
                      else _around(listed, q, "，,；;：:。、"))
        left, right = len(item & keys[0]), len(item & keys[1])
        if bool(left) != bool(right):
            out.append((0 if left else 1, max(left, right), q))
    return out


YEAR_WRITTEN = re.compile(rf"({YEAR})年")  # a year written as one (2025年), not a bare number


_PLAN_END = re.compile(r"([一二三四五六七八九十]{1,3})五[”\"]?末")  # 十四五末: the plan's last year, 2025


def _plan_end(ordinal: str) -> str:
    """The last year of the plan of that ordinal (六五: 1985, 十四五: 2025)."""
    return str(1985 + 5 * (int(cn_number(ordinal) or 6) - 6))


_YEAR_BEFORE = re.compile(rf"({YEAR})年(?:的|底|末)?(?:达到|为|是|增加到|提高到|突破|超过)?$")


def _year_of(quote: str, q: Quantity) -> str | None:
    """The year a figure is of: the one year its clause names (2025年20%的村庄), or the year written right before it
    (由2020年的1720亿元增加到2025年的2380亿元: 2025 for 2380), else None."""
    clause = _clause_of(quote, q)
    written = YEAR_WRITTEN.findall(clause)
    if len(written) == 1:
        return written[0]
    m = _YEAR_BEFORE.search(clause[: len(clause) - len(q.written)])
    return m.group(1) if m else None


def _year_pair(question: str, quotes: Sequence[str], found: list[list[Quantity]]):
    """2030年比2025年高多少 (2025年20%的村庄…，2030年50%村庄…): when the question compares two years and exactly one
    figure's own clause names each, those two; else None."""
    years = list(dict.fromkeys(YEAR_WRITTEN.findall(question) + [_plan_end(m) for m in _PLAN_END.findall(question)]))
    if len(years) != 2:
        return None
    picked = []
    for year in years:
        at = [(q, i) for i, qs in enumerate(found) for q in qs if _year_of(quotes[i], q) == year]
        if len(at) != 1:
            return None
        picked.append(at[0])
    (a, i), (b, j) = picked
    return (a, b, sorted({i, j})) if a.unit == b.unit and a is not b else None


def _one_each(question: str, lead_a: str, lead_b: str) -> bool:
    """A question that compares two things it joins (碳排放强度和能耗强度…差几个百分点): each figure's words name a
    different one of them, so two figures of one side (二氧化碳排放降低17%, 二氧化硫排放减少8%) are no pair. True when
    the question joins no two things that differ in words."""
    clause, join = next(_single_joins(question, _JOINS), ("", None))
    if join is None:
        return True
    left, right = _named(clause[: join.start()]), _named(clause[join.end():])
    left, right = left - right, right - left
    if not left or not right:
        return True
    a, b = _named(lead_a), _named(lead_b)
    return bool((a & left and b & right) or (a & right and b & left))


def _about(question: str, s: str, q: Quantity, other_s: str, other: Quantity) -> bool:
    """The words before the figure (its clause and the one before) name what the question asks about or what the
    other figure counts, two bigrams' worth (or all of a one-word lead: 装机1.7亿千瓦): 粮食总产达446.1亿斤 and
    粮食总产436亿斤 pair, 境外航线99条 does not."""
    own = _named(_FRAME_WORDS.sub("，", _lead(s, q)))
    other_words = _named(_FRAME_WORDS.sub("，", _lead(other_s, other)))
    return bool(own) and len(own & (_named(question) | other_words)) >= min(2, len(own))


# words that state any figure (达到, 提高到, 控制在): two leads that share only these count different things
# (森林覆盖率达到42.5% and 物种保护率达到95%)
_FRAME_WORDS = re.compile(r"达到|提高到|提升到|增长到|增加到|下降到|降低到|降至|降到|控制在|保持在|稳定在|突破|超过|力争|争取|"
                          r"以上|以下|左右|累计|分别|全年|年均")


def _lead(s: str, q: Quantity) -> str:
    marks = "，,；;：:。"
    lo = max(s.rfind(p, 0, q.start) for p in marks)
    before = max(s.rfind(p, 0, lo) for p in marks) + 1 if lo > 0 else 0
    item = _respective(s).get(q.start)
    if item:  # a figure of a 分别 list: the clause before the list's, and its own item
        return (s[before: lo + 1] if lo > 0 else "") + item[0] + item[1]
    return s[before: q.start]


def _states_change(s: str) -> bool:
    """The quote states a change in the unit of the level before it (511万吨，比上年减少3.4万吨): the documents give the
    difference, and the two figures are no pair. A change in another unit (2980亿元，比上年增长27.7%) is a figure."""
    return _without_changes(s) != s


_BARE = re.compile(r"(-?\d+(?:\.\d+)?)(左右|以上|以内|以下)?")
_LABEL_UNIT = re.compile(r"[（(]([^（）()\d]{1,4})[）)]")  # 地区生产总值（亿元）


_ROW_SPLIT = re.compile(r"[；;]")
UNIT_KEYS = ("单位", "计量单位")


def row_cells(sentence: str) -> list[tuple[str, str]] | None:
    """A table row as ingest writes it ("列名：值；列名：值", ingest.formats.row_text): its (column, value) cells,
    else None. Three cells at least, each column name short and without a comma; a piece naming no column after a
    cell is that cell's value going on past a semicolon of its own (收费标准：首次鉴定每例3200元；再次鉴定每例4000元)."""
    parts = _ROW_SPLIT.split(sentence.strip().rstrip("。"))
    if len(parts) < 3:
        return None
    cells, goes_on = [], 0
    for part in parts:
        key, sep, value = part.replace(":", "：").partition("：")
        key = key.strip()
        if sep and key and len(key) <= 20 and not re.search(r"[，,。]", key):
            cells.append((key, value.strip()))
        elif cells and cells[-1][1] and part.strip():
            cells[-1] = (cells[-1][0], f"{cells[-1][1]}；{part.strip()}")
            goes_on += 1
        else:
            return None
    return cells if len(cells) >= 3 and goes_on <= len(cells) else None


def _row_text(quote: str) -> str:
    """A table row (指标名称：…；单位：%；2025年基数：61.5；2028年：72) as a sentence of figures in the row's unit
    (…2025年基数为61.5%；2028年为72%), so its columns compute like any figures; other quotes as they are."""
    cells = row_cells(quote) or []
    unit = next((v for k, v in cells if k in UNIT_KEYS), "") or next(
        (m.group(1) for k, v in cells if not _BARE.fullmatch(v) for m in [_LABEL_UNIT.search(v)] if m), "")
    if not cells or not unit or len(unit) > 4 or _BARE.fullmatch(unit):
        return quote
    return "；".join(f"{k}为{m.group(1)}{unit}{m.group(2) or ''}"
                     if (m := _BARE.fullmatch(v)) and k not in ("序号", "编号") else f"{k}：{v}" for k, v in cells)


def computed_sentence(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """The sentences stating what the question asks to compute from the quotes (markers[i] cites quotes[i]), one per
    computation it asks, or None when it asks none or the quotes do not give exactly two figures of one kind."""
    quotes = [plain(_row_text(t)) for t in quotes]
    levels = [_without_changes(t) for t in quotes]
    changes = levels != quotes  # a quote states a change (_states_change)
    ops = operations(question)
    if ops == ["prior"]:
        return _prior(question, quotes, markers)
    if "annual" in ops and (said := _annual(question, quotes, markers)):
        return said
    said = []
    for op in ops:
        if op == "sum":  # a change the documents state (比上年增加1000亿元) is no part of a sum: the levels add up
            said.append(_computed(op, question, levels, markers))
        elif not changes or _BEFORE_ADDED.search(question):  # where it rose from: the level less the rise it states
            said.append(_computed(op, question, quotes, markers))
    return "".join(dict.fromkeys(s for s in said if s)) or _against_own(question, quotes, markers)


# the asker's own place (我们县…是78%，跟规划的目标比还差几个点): its figure, given in the question, against the documents'
_OWN_PLACE = re.compile(r"我们(?:县|市|区|镇|乡|村|省|这里|这儿)?|我[县市区镇乡省]|本[县市区镇]|咱们?|俺们?")


def _against_own(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """A gap between the one figure the question gives for the asker's own place and the one figure of that unit
    the quotes give about what was asked; None otherwise."""
    if operations(question) != ["diff"] or not _OWN_PLACE.search(question):
        return None
    own = _quantities(plain(question))
    if len(own) != 1:
        return None
    theirs = [(q, i) for i, qs in enumerate(_found(question, quotes)) for q in qs if q.unit == own[0].unit]
    if len(theirs) != 1:
        return None
    doc, i = theirs[0]
    said = statement("diff", [doc, own[0]], markers[i])
    return said.replace(COMPUTED_NOTE, OWN_FIGURE_NOTE) if said else None


def _without_changes(s: str) -> str:
    """The quote with each change it states in the unit of the level before it blanked out (positions kept)."""
    qs = _quantities(s)
    for m in _STATED.finditer(s):
        change = next((q for q in qs if q.start >= m.end() - 1), None)
        if change is not None and any(q.start < m.start() and q.unit == change.unit for q in qs):
            end = change.start + len(change.written)
            s = s[: m.start()] + "　" * (end - m.start()) + s[end:]
    return s


_SPAN = re.compile(r"(?<![\d第])(\d{1,2}|[二两三四五六七八九十])年(?:里|间|来|内|中|期间|时间)")
_PLAN_SPAN = re.compile(r"[一二三四五六七八九十]{1,3}五[”\"]?(?:期间|时期|规划|计划)")
_STATES_YEARLY = re.compile(r"年均|平均每年|每年")


def _years_spanned(question: str, quotes: Sequence[str]) -> int | None:
    """How many years a total spans: 五年里, 这十年间, 十四五期间 (five) in the question, else in the quotes."""
    for text in (question, *quotes):
        m = _SPAN.search(text)
        if m:
            return int(m.group(1)) if m.group(1).isdigit() else int(cn_number(m.group(1)) or 0)
        if _PLAN_SPAN.search(text):
            return 5
    return None


def _average(question: str, quotes: Sequence[str], cite: str) -> str | None:
    """平均每年: a total (or one quote's change from A to B) over the years the question names, unless the figure's
    clause states a yearly figure itself."""
    years = _years_spanned(question, quotes)
    if not years or years < 2:
        return None
    found = _found(question, quotes)
    ends = _from_to(found, quotes)
    if ends is not None:
        a, b, used = ends
        if _STATES_YEARLY.search(_around(quotes[used[0]], b)):
            return None
        unit = "个百分点" if a.percent else a.unit
        total = abs(b.number - a.number) if a.percent else abs(b.value - a.value)
        number, mag = (_fmt(round(total / years, 2)), "") if a.percent else _express_down(total / years, (a, b))
        return f"平均每年{number}{mag}{unit}（{a.written}到{b.written}，÷{years}年）{COMPUTED_NOTE}{cite}。"
    holding = [(i, qs) for i, qs in enumerate(found) if qs]
    if len(holding) != 1 or found[holding[0][0]][0].percent:
        return None
    i, qs = holding[0]
    t = _best_in(question, quotes[i], qs)
    if _STATES_YEARLY.search(_around(quotes[i], t)):  # 每年新增20万人: the documents give the yearly figure
        return None
    number, mag = _express_down(t.value / years, (t,))
    return f"平均每年{number}{mag}{t.unit}（{t.written}÷{years}年）{COMPUTED_NOTE}{cite}。"


def _total_less_part(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """除了X以外还有多少 (扣掉X和Y还剩多少): in the one quote that names X after 其中, the total before 其中 less X's
    figure (and Y's, each part after 其中 whose clause names one of them), in one unit."""
    m = _EXCEPT.search(question)
    part_name = _named(m.group(1) or m.group(2))
    found = []
    for i, t in enumerate(quotes):
        at = t.find("其中")
        if at < 0 or not part_name & _named(t[at: at + 24]):
            continue
        qs = _quantities(t)
        after = [q for q in qs if q.start > at]
        # the total in the part's unit (312个，涉及居民4.1万户，其中…105个: not the households)
        before = [q for q in qs if q.start < at and after and q.unit == after[0].unit]
        if not before or not after:
            continue
        parts = [after[0]] + [q for q in after[1:] if q.unit == after[0].unit and part_name & _named(_clause_of(t, q))]
        if before[-1].value > sum(q.value for q in parts):
            found.append((before[-1], parts, i))
    if len(found) != 1:
        return None
    total, parts, i = found[0]
    number, mag = _express(total.value - sum(q.value for q in parts), (total, *parts))
    note = COMPUTED_NOTE if len(parts) == 1 else COMPUTED_NOTE_MANY
    return f"{number}{mag}{total.unit}（{'−'.join(q.written for q in (total, *parts))}）{note}{markers[i]}。"


def _rate_of_counts(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """成功率是多少 of one quote's counts: the count whose clause names the outcome (调解成功2587件) over the count
    before it, in its counter and larger (诉前委派调解纠纷4126件); None when a quote states the rate, with the question's
    other words, or when not exactly one quote gives such a pair."""
    outcome = _COUNT_RATE.search(question).group(1)
    others = _named(question) - _named(outcome + "率")
    pairs = []
    for i, t in enumerate(quotes):  # written plainly already (computed_sentence)
        qs = _quantities(t)
        if any(q.percent and outcome + "率" in (c := _clause_of(t, q)) and others & _named(c) for q in qs):
            return None  # the documents state it
        counts = [q for q in qs if q.unit in _COUNTERS or q.unit in ("人", "人次", "篇", "次")]
        for k, part in enumerate(counts):
            if outcome not in _clause_of(t, part):
                continue
            wholes = [q for q in counts[:k] if q.unit == part.unit and q.value > part.value
                      and outcome not in _clause_of(t, q)]
            if wholes:
                pairs.append((part, wholes[-1], i))
                break
    if len(pairs) != 1:
        return None
    part, whole, i = pairs[0]
    rate = _fmt(round(100 * part.value / whole.value, 1))
    return f"{outcome}率约{rate}%（{part.written}÷{whole.written}）{COMPUTED_NOTE}{markers[i]}。"


def _per_item(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """平均每个多少: the one quote that gives exactly one count in the counter asked and one other amount, the amount
    over the count; None when no quote, or more than one, does."""
    counter = _PER_ITEM.search(question).group(1)
    pairs = []
    for i, t in enumerate(quotes):
        qs = [q for q in _quantities(t) if not q.percent]
        counts, amounts = [q for q in qs if q.unit == counter], [q for q in qs if q.unit != counter]
        if len(counts) == 1 and len(amounts) == 1 and counts[0].value and amounts[0].unit not in _COUNTERS:
            pairs.append((amounts[0], counts[0], i))
    if len(pairs) != 1:
        return None
    amount, count, i = pairs[0]
    number, mag = _express_down(amount.value / count.value, (amount,))
    return f"平均每{counter}约{number}{mag}{amount.unit}（{amount.written}÷{count.written}）{COMPUTED_NOTE}{markers[i]}。"


def _computed(op: str, question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    if op == "growth":  # only between the two ends one quote gives (从每月70元提高到88元), in order
        ends = _from_to(_found(question, quotes, percent=False), quotes)
        if ends is None or ends[0].value == 0:
            return None
        a, b, used = ends
        rate = 100 * (b.value - a.value) / a.value
        word = "增长" if rate >= 0 else "下降"
        cite = "".join(dict.fromkeys(markers[i] for i in used))
        return f"{b.written}比{a.written}{word}{_fmt(round(abs(rate), 1))}%{COMPUTED_NOTE}{cite}。"
    if op == "average":
        return _average(question, quotes, "".join(dict.fromkeys(markers)))
    if op == "per":
        return _per_item(question, quotes, markers)
    if op == "except":
        return _total_less_part(question, quotes, markers)
    if op == "rate":
        return _rate_of_counts(question, quotes, markers)
    if op == "sum":  # 甲和乙加起来 pairs two quotes' figures; more things add what one quote lists
        n = 2 if _AFTER_ADDED.search(question) else _terms_joined(question, _SUM)
        if n == 1 and _COLLECTIVE.search(question):  # 各类平台加起来: every figure one quote gives in the unit asked
            return _sum_listed(question, quotes, markers, None)
        if n != 2:
            return _sum_listed(question, quotes, markers, n) if n > 2 else None
    if op == "share" and any(_found(question, quotes, percent=True)):
        return None  # the documents state the share
    if op == "share" and (whole := _whole_and_part(question, quotes)) is not None:
        return statement(op, whole[:2], markers[whole[2]])
    # beside a growth asked as a percentage (涨了多少？涨幅是百分之几), the change is in the amounts' own unit
    amounts = False if "growth" in operations(question) else None
    got = (_from_to(_found(question, quotes, amounts), quotes) if op == "change"
           else _pick(question, quotes, percent=False if op == "share" else None))
    if got is None:
        return None
    a, b, used = got
    if op == "sum" and any(_one_of_several(quotes[i], q, (a, b)) for q, i in ((a, used[0]), (b, used[-1]))):
        return None
    return statement(op, [a, b], "".join(dict.fromkeys(markers[i] for i in used)))


# an amount by the month: 1000元/月, 每人每月1070元, 月补贴600元
_MONTHLY = re.compile(r"(?:每人)?每月(?:发放)?(\d+(?:\.\d+)?)(万)?元|(\d+(?:\.\d+)?)(万)?元/(?:人·|人/)?月")


def _annual(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """A year's total of an amount the quotes give by the month only (no yearly figure in its clause): of several,
    the one whose words the question shares most; twelve times it."""
    qgrams = _named(question)
    found = []
    for i, t in enumerate(quotes):
        for m in _MONTHLY.finditer(t):
            lo, hi = clause_bounds(t, m.start(), "，,；;。")
            if re.search(r"每年|/年|年均|全年", t[lo:hi]):
                continue
            before = t[clause_bounds(t, m.start(), "，,；;。：:、")[0]: m.start()]
            found.append((len(qgrams & _named(before)), len(qgrams & _named(t[lo:m.start()])), m, i))
    if not found:
        return None
    *_, m, i = max(found, key=lambda f: f[:2])  # the item's own words first (硕士研究生1000元/月), then its clause's
    number, mag = float(m[1] or m[3]), m[2] or m[4] or ""
    written = f"{m[1] or m[3]}{mag}元"
    return f"全年{_fmt(round(number * 12, 2))}{mag}元（每月{written}×12个月）{MONTHS_NOTE}{markers[i]}。"


# a rate of change stated after its levels: 同比增长14.3%, 同比分别下降18.8%和13.9%
_RATE_AFTER = re.compile(r"(?:同比|比上年|较上年|比去年|较去年)(分别)?(增长|增加|提高|上升|下降|减少|降低)了?"
                         r"((?:\d+(?:\.\d+)?%[、和及]?)+)")
_FALLS = ("下降", "减少", "降低")


def _prior(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """The level the year before, from a level and the rate of change stated after it (264件，同比增长14.3% →
    264÷(1+14.3%) ≈ 231件): with 分别, the levels before the rates pair with them in order. Of several such levels,
    the one in the unit the question counts in, else the one whose words the question shares most."""
    unit = _asked_unit(question)
    pairs = []
    for i, t in enumerate(quotes):
        for m in _RATE_AFTER.finditer(t):
            rates = [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)%", m[3])]
            lo = clause_bounds(t, m.start(), "。；;")[0]
            levels = [q for q in _quantities(t[lo:m.start()]) if not q.percent]
            levels = [replace(q, start=q.start + lo) for q in levels]
            if m[1] and len(levels) >= len(rates):
                pairs += [(q, r, m[2], i) for q, r in zip(levels[-len(rates):], rates)]
            elif not m[1] and levels and len(rates) == 1:
                pairs.append((levels[-1], rates[0], m[2], i))
    if unit:
        pairs = [p for p in pairs if p[0].unit == unit]
    if not pairs:
        return None
    qgrams = _named(question)
    q, rate, verb, i = max(pairs, key=lambda p: len(qgrams & _named(_lead(quotes[p[3]], p[0]))))
    factor = 1 - rate / 100 if verb in _FALLS else 1 + rate / 100
    if factor <= 0:
        return None
    value = q.number / factor
    number = _fmt(round(value)) if q.unit in _COUNTERS or q.unit in ("人", "人次") else _fmt(round(value, 2))
    sign = "−" if verb in _FALLS else "+"
    return (f"按{q.written}、{verb}{_fmt(rate)}%倒推，上一年约{number}{q.magnitude}{q.unit}"
            f"（{q.written}÷(1{sign}{_fmt(rate)}%)）{COMPUTED_NOTE}{markers[i]}。")


def _whole_and_part(question: str, quotes: Sequence[str]) -> tuple[Quantity, Quantity, int] | None:
    """完成投资2.46万亿元，其中交通项目完成投资6150亿元: a total and, after its 其中, the part the question names best
    (two bigrams or more of its clause that the total's clause lacks), in the total's unit."""
    qgrams = _named(question)
    for i, t in enumerate(quotes):
        at = t.find("其中")
        qs = _quantities(t) if at >= 0 else []
        before = [q for q in qs if q.start < at]
        if not before:
            continue
        total = before[-1]
        own = _named(_clause_of(t, total))
        scored = [(len((qgrams & _named(_clause_of(t, q))) - own), q) for q in qs
                  if q.start > at and q.unit == total.unit and q.value < total.value]
        best = max((n for n, _ in scored), default=0)
        parts = [q for n, q in scored if n == best]
        if best >= 2 and len(parts) == 1 and qgrams & own:
            return parts[0], total, i
    return None


def _one_of_several(s: str, q: Quantity, picked: Sequence[Quantity]) -> bool:
    """The figure is one of a set its clause gives (其他县区生产总值分别超500亿元、400亿元、400亿元) and the others were
    not picked: a sum of two would leave them out."""
    lo, hi = clause_bounds(s, q.start, "，,；;。")
    if "分别" not in s[lo:q.start]:
        return False
    return any(o.unit == q.unit and o.written not in {p.written for p in picked}
               for o in _quantities(s[lo:hi]))


def across(question: str, quotes: Sequence[str], markers: Sequence[str]) -> str | None:
    """Documents compared (广东和海南的增速目标哪个高，高多少): one figure from each document's quote, the one whose
    clause shares most with the question, all of one unit and each about what was asked; the computations asked."""
    quotes = [plain(t) for t in quotes]
    if len(quotes) < 2 or any(_states_change(t) for t in quotes):
        return None
    found = _found(question, quotes)
    if not all(found):  # 研发投入强度 asks a percentage no word of the question names: the kind every quote gives
        found = _found(question, quotes, percent=not wants_percent(question))
        if not all(found):
            return None
    # 从11.37万亿元提高到14.58万亿元: a document's own change ends where it stands now
    picked = [ends[1] if ends else _best_in(question, t, qs)
              for t, qs in zip(quotes, found) for ends in [_from_to([qs], [t])]]
    # each figure's words name something the question or the other document's figure names (each document's
    # sentence was already chosen as answering the question there)
    leads = [_named(_lead(t, q)) for t, q in zip(quotes, picked)]
    n = len(picked)
    if len({q.unit for q in picked}) != 1 or not all(
            lead & (_named(question) | leads[(i + 1) % n]) for i, lead in enumerate(leads)):
        return None
    said = []
    for op in operations(question):
        op = "diff" if op == "change" else op  # 后一年提高了多少: the change between the documents
        if op == "sum" or (op in ("diff", "ratio") and len(picked) == 2):
            said.append(statement(op, picked, "".join(dict.fromkeys(markers))))
    return "".join(dict.fromkeys(s for s in said if s)) or None


# 各类, 各项, 这些, 所有: the question adds up every item of a kind without naming them
_COLLECTIVE = re.compile(r"各[类项种个级]|这几[类项种个]|这些|所有|全部|总共|一共")


def _asked_unit(question: str) -> str | None:
    """The unit a question counts in (一共多少家 → 家), if it names one."""
    m = re.search(r"(?:多少|几)(" + "|".join(map(re.escape, _UNITS)) + ")", question)
    return m.group(1) if m else None


# counters of places and bodies (13家机构, 3所学校, 236个幸福院): a question counting in one counts them all
_PLACES_COUNTED = frozenset("个家所座处")


def _sum_listed(question: str, quotes: Sequence[str], markers: Sequence[str], n: int | None) -> str | None:
    """甲、乙和丙加起来: one quote that lists exactly n figures of one unit (培育3家…20家…100家), each in a clause
    that shares words with the question; with n None (各类平台加起来一共多少家), at least two figures, all the quote
    gives in the unit the question counts in."""
    qgrams = _named(question)
    unit = _asked_unit(question)
    if n is None and unit is None:
        return None
    for i, qs in enumerate(_found(question, quotes)):
        if n is None:
            if any(q.unit != unit or not _counts_asked(quotes[i], q, unit, qgrams) for q in qs) or len(qs) < 2:
                continue
        elif len(qs) != n:
            continue
        if len({q.unit for q in qs}) == 1 and all(qgrams & _named(_around(quotes[i], q)) for q in qs):
            return statement("sum", qs, markers[i])
    return None


def _counts_asked(s: str, q: Quantity, unit: str, qgrams: set[str]) -> bool:
    """A figure written with another counter than the one asked (3个 for 多少家) counts what the question counts only
    when the question names the thing after it (3个街道 is no 单位)."""
    if q.written.endswith(unit):
        return True
    after = s[q.start + len(q.written): q.start + len(q.written) + 4]
    return bool(qgrams & _named(after))


def _around(s: str, q: Quantity, marks: str = "，,；;：:。") -> str:
    """The clause holding a quantity, both sides of it (培育3家…平台: the noun may follow the figure)."""
    lo, hi = clause_bounds(s, q.start, marks)
    return s[lo:hi]


def _written_in(q: Quantity, mag: str) -> str:
    """A figure as quoted, with its value in the result's magnitude when it differs (9300亿元即0.93万亿元): the
    reader sees the sum add up."""
    if q.magnitude == mag or q.percent:
        return q.written
    return f"{q.written}即{_fmt(round(q.value / _MAG[mag], 4))}{mag}{q.unit}"


INCOMPARABLE = 1000  # figures whose sizes differ more than this many times are not computed together


def statement(op: str, picked: Sequence[Quantity], cite: str) -> str | None:
    """The computed sentence for quantities already picked (two; a sum may add more), all of one unit, or None."""
    if len(picked) < 2 or len({q.unit for q in picked}) != 1 or (op != "sum" and len(picked) != 2):
        return None
    a, b = picked[0], picked[1]
    values = [abs(q.value) for q in picked]
    if min(values) > 0 and max(values) / min(values) > INCOMPARABLE:
        return None  # 23000元 and 30亿元: a person's income and a county's revenue are no two sides of one sum
    unit = "个百分点" if a.unit in ("%", "百分点") and op in ("diff", "change") else a.unit
    if op == "ratio":
        big, small = (a, b) if a.value >= b.value else (b, a)
        if small.value == 0:
            return None
        return f"{big.written}是{small.written}的{_fmt(round(big.value / small.value, 2))}倍{COMPUTED_NOTE}{cite}。"
    if op == "share":
        big, small = (a, b) if a.value >= b.value else (b, a)
        if big.value == 0:
            return None
        return f"{small.written}占{big.written}的{_fmt(round(100 * small.value / big.value, 1))}%{COMPUTED_NOTE}{cite}。"
    if op == "sum":
        number, mag = _express(sum(q.value for q in picked), picked)
        both, note = ("两者", COMPUTED_NOTE) if len(picked) == 2 else ("", COMPUTED_NOTE_MANY)
        return f"{both}合计{number}{mag}{unit}（{'加'.join(_written_in(q, mag) for q in picked)}）{note}{cite}。"
    if a.value == b.value:
        return f"两者相同（{a.written}与{b.written}）{COMPUTED_NOTE}{cite}。"
    gap = abs(a.value - b.value)
    number, mag = _express(gap, (a, b))
    if unit == "个百分点":
        mag = ""
        number = _fmt(abs(a.number - b.number))
    said = f"{number}{mag}{unit}"
    if mag and unit != "个百分点" and gap < _MAG[mag]:  # under one of its magnitude (0.95万元): also plainly (9500元)
        down, lower = _express_down(gap, (a, b))
        said += f"即{down}{lower}{unit}" if lower != mag else ""
    return f"两者相差{said}（{_written_in(a, mag)}与{_written_in(b, mag)}）{COMPUTED_NOTE}{cite}。"


def partner(question: str, first: str, others: Sequence[str]) -> int | None:
    """For a question that computes on two figures of which the quoted sentence `first` gives one: the index of the
    first of `others` (best first) giving the other, of the same kind and unit, about the question or about what
    `first` counts (粮食总产达446.1亿斤 … 粮食总产436亿斤以上). None when no sentence does or a quote states the change
    itself (比上年减少3.4万吨: the documents give the difference)."""
    if operation(question) in (None, "change"):  # a change is read from one quote's two ends
        return None
    first = plain(first)
    if _states_change(first):
        return None
    best, best_shared = None, -1
    for i, other in enumerate(others):
        other = plain(other)
        got = None if _states_change(other) else _pick(question, [first, other])
        if got is not None and got[2] == [0, 1]:  # a pair across the two quotes: _pick checked both are _about it
            # of the sentences that pair, the one whose figure counts most nearly what the first's does (完成交通固定
            # 资产投资13亿元 pairs 全年完成交通固定资产投资12.7亿元 before 国省干线公路完成投资5.86亿元)
            shared = len(_named(_lead(first, got[0])) & _named(_lead(other, got[1])))
            if shared > best_shared:
                best, best_shared = i, shared
    return best


def _named(text: str) -> set[str]:
    """Bigrams of the words (a figure's digits name nothing)."""
    return {g for g in bigrams(text) if not re.search(r"\d", g)}


def derived(sentence: str) -> set[str]:
    """Numbers a computed sentence states that are the difference, sum or ratio of two others it quotes (with
    their magnitudes), as written."""
    qs = quantities(sentence)
    out = set()
    per = re.search(r"÷(\d+)年", sentence)
    if per:  # 平均每年: a total, or the change between two figures, over the years divided by
        years = int(per.group(1))
        for r in qs:
            others = [q for q in qs if q is not r]
            totals = [q.value if r.unit != "百分点" else q.number for q in others]
            totals += [abs(a.number - b.number) if a.percent and b.percent else abs(a.value - b.value)
                       for i, a in enumerate(others) for b in others[i + 1:]]
            value = r.number if r.unit == "百分点" else r.value
            if any(abs(value - t / years) <= 0.006 * max(1.0, _MAG[r.magnitude]) for t in totals):
                out.add(_fmt(r.number))
    # a figure written again in another magnitude (9300亿元即0.93万亿元) is derived, and computed on once
    again = {j for j, r in enumerate(qs) if any(q.unit == r.unit and q.magnitude != r.magnitude and
                                                abs(q.value - r.value) < 1e-6 * max(1.0, q.value) for q in qs[:j])}
    out |= {_fmt(qs[j].number) for j in again}
    qs = [q for j, q in enumerate(qs) if j not in again]
    if "×12个月" in sentence:  # a year of a monthly amount
        out |= {_fmt(r.number) for r in qs for a in qs if r is not a and a.unit == r.unit == "元"
                and abs(r.value - 12 * a.value) < 1e-6 * max(1.0, r.value)}
    prior = re.search(r"÷\(1([+−])(\d+(?:\.\d+)?)%\)", sentence)
    for r in qs:
        others = [q for q in qs if q is not r]
        if prior and not r.percent:  # 264件÷(1+14.3%): the level the year before, rounded as written
            factor = 1 + (1 if prior[1] == "+" else -1) * float(prior[2]) / 100
            if any(not a.percent and a.unit == r.unit and abs(r.number - a.number / factor) <= 0.51 for a in others):
                out.add(_fmt(r.number))
        if len(others) > 2 and len({q.unit for q in others} | {r.unit}) == 1 and \
                abs(r.value - sum(q.value for q in others)) < 1e-6 * max(1.0, r.value):
            out.add(_fmt(r.number))
        # a total less its parts (1.87亿元−9200万元−2600万元): one other is the sum of this and the rest
        if len(others) > 2 and len({q.unit for q in others} | {r.unit}) == 1 and any(
                abs(a.value - r.value - sum(q.value for q in others if q is not a)) < 1e-6 * max(1.0, a.value)
                for a in others):
            out.add(_fmt(r.number))
        for i, a in enumerate(others):
            for b in others[i + 1:]:
                if r.unit == "百分点" or (a.percent and b.percent):
                    values = (abs(a.number - b.number), a.number + b.number)
                    if any(abs(r.number - v) < 1e-6 for v in values):
                        out.add(_fmt(r.number))
                    continue
                candidates = [abs(a.value - b.value), a.value + b.value]
                if r.unit == "倍" or r.unit not in (a.unit, b.unit):
                    candidates += [a.value / b.value if b.value else -1, b.value / a.value if a.value else -1]
                    if any(abs(r.number - v) < 0.0051 for v in candidates[2:]):  # a ratio rounded to 2 places
                        out.add(_fmt(r.number))
                    if r.unit == "%" and any(abs(r.number - 100 * v) < 0.051 for v in candidates[2:]):  # a share, 1 place
                        out.add(_fmt(r.number))
                    if r.unit == "%" and any(v > 0 and abs(r.number - 100 * abs(v - 1)) < 0.051 for v in candidates[2:]):
                        out.add(_fmt(r.number))  # a growth from one to the other, 1 place
                if any(abs(r.value - v) < 1e-6 * max(1.0, v) for v in candidates[:2]):
                    out.add(_fmt(r.number))
    return out
