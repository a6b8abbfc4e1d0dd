"""Rules of the twenty-seventh blind batch, on hand-made text: a table row naming another item of the kind asked
(苹果种植保险 for 花生种植保险's), counting another kind (刑事案件 for 涉未成年人刑事案件), giving another thing's figure
(租金标准 for 物业费) or another task's doer (隐患清零那项谁牵头) answers nothing; a rate on another base (‰, /10万) is a
rate asked; 8.4日 is a span of days; 地区生产总值增速 is 地区生产总值年均增长; a difference between two sides takes
both from one quote when each quote names both."""

from dataclasses import replace

from assistant.arithmetic import computed_sentence
from assistant.evidence import check_sentence, has_figure
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.zh import squash

G = Glossary.builtin()


def analyse_loosely(question: str):
    """As the extractive answer reads a question: the indicator it names is not required word for word."""
    return replace(analyse(question), head=())

INSURANCE = squash("甲市政策性农业保险保费补贴实施方案 二、补贴险种和标准 表1 险种、保险金额")
APPLE = "险种：苹果种植保险；保险金额（元/亩）：2500；保险费率（%）：6；农户自缴比例（%）：35。"


def test_a_row_of_another_item_of_the_kind_asked_answers_nothing():
    assert not check_sentence(analyse_loosely("花生种植保险每亩保额是多少？"), APPLE, G, INSURANCE).ok
    assert check_sentence(analyse_loosely("苹果种植保险每亩保额是多少？"), APPLE, G, INSURANCE).ok
    assert check_sentence(analyse_loosely("苹果保险每亩保额是多少？"), APPLE, G, INSURANCE).ok  # named loosely
    school = ("服务项目：中等职业教育免学费和国家助学金；服务对象：中等职业学校学生；"
              "支付标准：免学费标准每生每年2000元；牵头单位：县教育局。")
    assert not check_sentence(analyse_loosely("普通高中免学费的标准是每生每年多少钱？"), school, G).ok
    assert check_sentence(analyse_loosely("中等职业教育免学费的标准是每生每年多少钱？"), school, G).ok


def test_a_row_of_another_kind_or_thing_answers_nothing():
    court = "案件类别：刑事案件；2024年受理（件）：655；2025年受理（件）：612。"
    assert not check_sentence(analyse_loosely("2025年受理了多少件涉未成年人刑事案件？"), court, G).ok
    assert check_sentence(analyse_loosely("2025年受理了多少件刑事案件？"), court, G).ok
    rent = "小区：和园小区；地址：纬二路66号；套数：86；租金标准（元/平方米·月）：8.8。"
    caption = squash("表1 小区、地址、套数")
    assert not check_sentence(analyse_loosely("和园小区的物业费是每平方米每月多少钱？"), rent, G, caption).ok
    assert check_sentence(analyse_loosely("和园小区的租金是每平方米每月多少钱？"), rent, G, caption).ok


def test_a_task_row_answers_who_leads_only_the_task_it_names():
    row = "序号：2；重点任务：中小企业数字化转型普及行动；牵头单位：省工业和信息化厅；完成时限：持续推进。"
    context = squash("附件 重点任务分工表")
    assert not check_sentence(analyse_loosely("隐患清零那项行动由谁牵头？"), row, G, context).ok
    assert check_sentence(analyse_loosely("数字化转型普及行动由谁牵头？"), row, G, context).ok


def test_a_rate_on_another_base_is_a_rate():
    assert has_figure("婴儿死亡率为2.31‰", "%") and has_figure("孕产妇死亡率8.62/10万", "%")
    row = "指标：孕产妇死亡率（/10万）；2025年：8.62；2024年：9.15；比上年增减：-0.53。"
    found = check_sentence(analyse_loosely("2025年孕产妇死亡率多少？"), row, G, squash("表6 妇幼卫生主要指标"))
    assert found.ok


def test_days_after_a_decimal_are_a_span():
    assert has_figure("出院者平均住院日为8.4日，", "天")
    assert not has_figure("自2026年4月1日起施行，", "天")


def test_a_growth_rate_of_output_is_its_yearly_growth():
    q = analyse("十四五规划对地区生产总值增速的要求是多少？")
    assert check_sentence(q, "“十四五”期间，地区生产总值年均增长6%以上。", G).ok


def test_a_difference_of_two_sides_stays_within_one_quote():
    quotes = ["月最低工资标准为：第一档2100元、第二档1950元、第三档1800元。",
              "非全日制小时最低工资标准为：第一档20.5元、第二档19.0元、第三档17.5元。"]
    said = computed_sentence("第一档和第三档的月最低工资差多少钱？", quotes, ["[1]", "[2]"])
    assert not said or "1782.5" not in said  # no side of one quote set against the other's
    assert "300元" in computed_sentence("第一档和第三档的月最低工资差多少钱？", quotes[:1], ["[1]"])


def test_a_place_is_read_without_the_preposition_before_it_and_after_a_rare_first_character():
    assert analyse("按濉州的政策解读，病假工资最低不能少于多少？").places == ("濉州",)
    assert analyse("璞溪区今年计划供应多少建设用地？").places == ("璞溪区",)
    assert analyse("王区长说了什么？").places == ()  # a surname before a post is no place
    # a name without its tier whose first character the tagger knows only inside words (汧|阳)
    q = analyse("汧阳护士队伍去年扩大了多少？")
    assert q.places == ("汧阳",) and "阳" not in q.terms
    assert analyse("工地扬尘这块提了什么要求？").places == ()  # 扬尘 ends no place name


def test_a_tables_number_or_an_ordinal_is_no_figure():
    assert has_figure("表2 甲区2026年度国有建设用地分季度供应安排") is None
    assert has_figure("详见附件2") is None
    assert has_figure("出席代表2000名") is True
    assert has_figure("第十五个五年规划纲要") is None and has_figure("建成十五个示范村") is True  # an ordinal
    assert analyse("甲区今年在城北街道计划供应多少建设用地？").places[-1] == "城北街道"


def test_a_task_asked_by_the_table_it_is_in_is_named_by_its_row():
    row = "序号：8；重点任务：工业网络和数据安全保障行动；牵头单位：省委网信办；完成时限：持续推进。"
    assert check_sentence(analyse_loosely("附件分工表里，网络和数据安全那项由哪个单位牵头？"), row, G).ok


def test_a_rates_base_and_an_age_bracket_are_no_values():
    assert has_figure("婴儿死亡率、5岁以下儿童死亡率指每1000名活产数中相应年龄组儿童死亡数。") is None
    assert has_figure("5岁以下儿童死亡率为3.47‰", "%") and has_figure("人均预期寿命达到79.3岁", "岁")
    assert has_figure("65岁以上老年人口1.2万人", "人")


def test_a_periods_total_growth_is_no_yearly_average():
    s = "地区生产总值年均增速达到8.5%以上，到2025年突破70亿元大关。"
    assert not check_sentence(analyse("过去五年地区生产总值一共增长了百分之多少？"), s, G).ok
    assert check_sentence(analyse("地区生产总值年均增速要达到多少？"), s, G).ok


def test_what_the_asker_writes_for_is_no_subject():
    q = analyse("我在写汇报材料，汧阳那份卫生统计公报里每千人拥有的病床是多少张？")
    assert "汇报" not in q.terms and "材料" not in q.terms and q.unit == "张" and q.places == ("汧阳",)
    assert "十四五" in analyse("我在准备十四五总结的汇报材料，这五年经济年均增长是多少？").terms  # the period is asked
