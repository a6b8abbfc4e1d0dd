"""Rules of the twenty-fifth blind batch, on hand-made text: an item of a list is dated by the line it hangs from
(到2027年，主要目标是： / ——…达到88%), an item of a year (——2026年：…) by its own lead, a table row's place by its
name inside a longer one (滢州市南湖县 when 滢州南湖县 is asked), a town's 城区 by the town, and a term named only as
its complement (非居民用水) is not the term asked."""

from assistant.answer.extractive import _TIME_LEAD
from assistant.evidence import complement_only, paragraph_lead
from assistant.question import analyse, place_key
from tests.assistant.test_twentythird_batch import _assistant

PLAN = ("甲市农村人居环境整治提升五年行动实施方案\n"
        "一、总体要求\n（二）主要目标\n"
        "到2027年，农村人居环境明显改善，主要目标是：\n"
        "——农村卫生厕所普及率达到88%以上；\n"
        "——农村生活污水治理率达到45%。\n"
        "到2030年，农村人居环境全面提升，主要目标是：\n"
        "——农村卫生厕所普及率达到95%左右；\n"
        "——农村生活污水治理率达到60%以上。\n"
        "二、保障措施\n市级财政每年安排专项资金5000万元。\n")


def test_a_list_item_is_dated_by_the_line_it_hangs_from():
    assert paragraph_lead(PLAN, PLAN.index("——农村卫生厕所普及率达到88%")) == "到2027年，"
    assert paragraph_lead(PLAN, PLAN.index("——农村生活污水治理率达到60%")) == "到2030年，"
    assert paragraph_lead(PLAN, PLAN.index("市级财政")) == ""  # a paragraph of its own, no lead
    text = "到2025年，地区生产总值达到1000亿元。人均地区生产总值达到10万元。\n"
    assert paragraph_lead(text, text.index("人均")) == "到2025年，"  # a sentence of a line its first one dates


def test_an_item_of_a_year_leads_with_its_year():
    assert _TIME_LEAD.match("——2026年：安全生产治本攻坚取得决定性成效").group(0) == "——2026年："
    assert _TIME_LEAD.match("——2026年1月26日在甲市第十四届人民代表大会") is None  # a speech's date line


def test_the_year_asked_picks_the_item_under_its_lead(home, tmp_path):
    a = _assistant(tmp_path / "docs", "plan.txt", PLAN)
    r = a.ask("甲市人居环境方案里，到2027年农村卫生厕所普及率要达到多少？")
    assert not r.refused and "88%" in r.answer and "95%" not in r.answer and "2027" in r.answer
    r = a.ask("甲市人居环境方案里，到2028年农村卫生厕所普及率要达到多少？")
    assert r.refused  # neither lead is of 2028


def test_a_row_of_a_place_named_inside_a_longer_name():
    from assistant.evidence import _row_place_asked

    assert _row_place_asked("滢州市南湖县", analyse("滢州南湖县2027年农村生活污水治理率要达到多少？"))
    assert not _row_place_asked("滢州市南湖县", analyse("滢州2027年农村生活污水治理率要达到多少？"))
    assert not _row_place_asked("滢州市北山县", analyse("滢州南湖县2027年农村生活污水治理率要达到多少？"))


def test_a_towns_urban_area_goes_by_the_towns_name():
    assert place_key("潆川城区") == "潆川"
    assert place_key("东城区") == "东城" and place_key("滢州市东城区") == "滢州市东城"  # districts keep their names


def test_a_term_named_only_as_its_complement_is_not_the_term():
    info = analyse("甲县居民用水第二阶梯水价是多少？")
    assert complement_only(info, "项目名称：非居民用水价格（政府定价）") == "居民"
    assert complement_only(info, "项目名称：居民生活用水价格（政府定价）") is None
    assert complement_only(analyse("甲县非居民用水价格是多少？"), "项目名称：非居民用水价格") is None


def test_a_list_announced_at_a_chunks_end_runs_on_into_the_next():
    from assistant.answer.extractive import runs_on_unmarked

    lead = "（四）一票否决。考核年度内发生下列情形之一的，考核等次直接确定为不合格："
    assert runs_on_unmarked(analyse("甲县河湖长制考核里，哪些情况会被一票否决、直接定为不合格？"), lead)
    assert not runs_on_unmarked(analyse("甲县森林覆盖率目标是多少？"), lead)  # the lead names nothing asked
    assert not runs_on_unmarked(analyse("甲县河湖长制考核里，哪些情况会被一票否决？"), lead + "\n1.辖区内发生水污染事件的。")


def test_the_last_item_joined_by_he_is_an_item_of_its_own():
    from assistant.answer.extractive import _inline_list, _items_of

    clause = "大力发展企业年金、职业年金、个人储蓄性养老保险和商业养老保险等补充养老保险"
    assert _items_of(clause) == ["大力发展企业年金", "职业年金", "个人储蓄性养老保险", "商业养老保险"]
    info = analyse("甲县规划里，除了基本养老保险，还要大力发展哪几种补充养老保险？")
    assert _inline_list(info, clause + "。", quoted_only=False) == clause


def test_another_of_an_ordered_series_is_no_answer():
    from assistant.evidence import _other_ordinal

    q = "市里年度考核，拿第二名的县能奖励多少钱？"
    assert _other_ordinal(q, "年度考核第一名的县和区，分别奖励资金100万元")
    assert not _other_ordinal(q, "第2名奖励50万元") and not _other_ordinal(q, "第一名奖励100万元，第二名奖励50万元")
    assert _other_ordinal(q, "晋星的县区，奖励资金300万元")  # the one asked not named
    assert _other_ordinal("居民用水第二阶梯水价多少？", "第一阶梯（年用水量180立方米及以下）每立方米2.60元")
    assert not _other_ordinal("居民用水水价多少？", "第一阶梯（年用水量180立方米及以下）每立方米2.60元")


REPORT = ("甲区2026年政府工作报告\n"
          "一、2025年工作回顾\n全年实现地区生产总值486.3亿元，同比增长6.2%。一般公共预算收入32.1亿元。\n"
          "二、2026年主要目标\n地区生产总值增长6%左右。\n")


def test_a_figure_asked_of_a_year_its_heading_is_of_carries_that_year(home, tmp_path):
    a = _assistant(tmp_path / "docs", "report.txt", REPORT)
    r = a.ask("甲区2025年地区生产总值是多少？")
    assert not r.refused and "486.3亿元" in r.answer and "2025年" in r.answer
