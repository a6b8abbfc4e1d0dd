"""Rules read from how questions are asked (the asker's frame, a figure to confirm) and from news reports (datelines,
serial-numbered things, events foretold), tested on hand-made text."""

import pytest

from assistant.evidence import (
    asked_event,
    check_sentence,
    has_figure,
    names_serial,
    sentence_units,
    serials,
    sibling_named,
)
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker
from ingest.clean import clean

G = Glossary.load()


@pytest.mark.parametrize("asked, plain", [
    ("我在写汇报材料，想确认一下冀州区十四五末森林覆盖率要达到多少？", "冀州区十四五末森林覆盖率要达到多少？"),
    ("领导让我核对：两份报告各提了哪些要求", "两份报告各提了哪些要求"),
    ("文物部门同事问我：那次文物普查是第几次？", "那次文物普查是第几次？"),
    ("写港航简报要用：上海港的箱量是多少？", "上海港的箱量是多少？"),
    ("领导问到老旧小区改造，当年计划新开工多少个？", "老旧小区改造，当年计划新开工多少个？"),  # its subject stays
    ("我想了解一下，今年GDP目标多少", "今年GDP目标多少"),
    ("做好稳就业工作，报告提出了哪些措施？", "做好稳就业工作，报告提出了哪些措施？"),  # no asker here
    ("写材料用", "写材料用"),  # nothing else left: the question as asked
    ("给领导准备十二五回顾材料，想核实一下：当时的研发投入目标是多少？", "十二五，当时的研发投入目标是多少？"),  # names the plan
    ("准备出台哪些方案支持企业发展？", "准备出台哪些方案支持企业发展？"),  # a question word: the question itself
    ("我们局想参照那份通知定规矩——信息最迟多久报上去？", "那份通知定规矩——信息最迟多久报上去？"),
])
def test_the_askers_frame_is_no_part_of_the_question(asked, plain):
    assert without_asker(asked) == plain


def test_a_figure_to_confirm_asks_for_the_documents_figure():
    info = analyse("六五计划定的1985年钢产量，是不是4000万吨？")
    assert info.kind == "figure"
    assert analyse("这个县是不是国家级示范县？").kind == "yesno"  # no figure to confirm
    assert analyse("北京冬奥会共有多少名运动员参赛？").unit == "人"
    assert analyse("决赛的现场观众人数是多少？").unit == "人"
    assert has_figure("中国体育代表团共有886名运动员参赛", "人")
    assert not has_figure("来自91个国家和地区的运动员参赛", "人")
    assert analyse("杭州亚运会中国体育代表团获得多少枚金牌？").unit == "枚"
    assert analyse("2024年诺贝尔和平奖授予了谁？").kind == "who"


def test_a_news_reports_dateline_opens_a_block_and_is_no_sentence():
    text = "世界杯决赛前瞻：两队争夺冠军\n\n新华社多哈12月17日电（记者 某某）决赛将于18日打响。两队此前三次交锋。\n\n正文第二段。\n"
    cleaned = clean(text).text
    assert cleaned.startswith("世界杯决赛前瞻：两队争夺冠军\n")  # the headline is not run into the dateline
    spans = sentence_units(cleaned)
    first = cleaned[spans[1][0]: spans[1][1]]
    assert first == "决赛将于18日打响。"  # the dateline is left out of the report's first sentence


def test_the_day_a_report_was_filed_is_no_answer_date():
    when = analyse("梦天实验舱是哪天发射的？")
    assert not check_sentence(when, "新华社海南文昌10月31日电（记者 某某）搭载梦天实验舱的火箭顺利升空", G).ok
    assert check_sentence(when, "搭载梦天实验舱的火箭于2022年10月31日15时37分发射", G).ok
    who = analyse("男篮世界杯最有价值球员是谁？")  # the reporters named in a dateline are no answer
    assert not check_sentence(who, "新华社马尼拉9月10日电（记者 肖亚卓）男篮世界杯决赛10日进行", G).ok


def test_things_told_apart_by_a_serial_number():
    assert serials("神舟十五号乘组的指令长是谁") == {("神舟号", 15)}
    assert serials("第33届夏季奥运会") == {("届夏季", 33)}
    assert serials("十四届全国人大") == set()
    q = "神舟十五号乘组的指令长是谁"
    assert sibling_named(q, "神舟十四号载人飞船返回舱成功着陆")
    assert not sibling_named(q, "神舟十四号和神舟十五号乘组在轨交接")
    assert not sibling_named(q, "神舟15号乘组")  # the number written either way
    assert not names_serial("嫦娥六号带回了多少克样品", "嫦娥五号带回月球样品1731克")
    assert not check_sentence(analyse("嫦娥六号带回了多少克样品？"), "此前，嫦娥五号带回月球样品1731克", G).ok


def test_an_event_foretold_does_not_answer_it_as_done():
    info = analyse("2024年诺贝尔和平奖授予了谁？")
    assert not check_sentence(info, "诺贝尔和平奖预计将于11日揭晓，热门人选张某受关注", G).ok
    assert check_sentence(info, "挪威诺贝尔委员会11日宣布，将2024年诺贝尔和平奖授予张某", G).ok


def test_a_when_question_dates_its_own_event():
    assert asked_event("神舟十五号航天员乘组是哪天返回地球的？") == "返回"
    assert asked_event("这份报告是哪天、在哪次会议上作的？") is None  # 上作 is the tagger's slip past the comma
    assert asked_event("这份办法什么时候开始施行？") == "施行"  # past the aspect word
    info = analyse("十四届全国人大二次会议是哪天闭幕的？")
    assert not check_sentence(info, "十四届全国人大二次会议将于3月5日上午开幕", G).ok
    assert check_sentence(info, "十四届全国人大二次会议3月11日下午在北京闭幕", G).ok


def test_a_part_of_the_year_answers_neither_the_year_nor_another_part():
    year = analyse("2023年我国国内生产总值比上年增长多少？")
    assert not check_sentence(year, "2023年一季度国内生产总值284997亿元，同比增长4.5%", G).ok
    assert check_sentence(year, "2023年国内生产总值1260582亿元，比上年增长5.2%", G).ok
    third = analyse("2023年第三季度国内生产总值同比增长多少？")
    assert not check_sentence(third, "2023年一季度国内生产总值同比增长4.5%", G).ok
    assert check_sentence(third, "2023年三季度国内生产总值同比增长4.9%", G).ok


def test_digits_glued_to_latin_letters_name_a_thing():
    assert not has_figure("小米SU7由北京的工厂生产")
    assert has_figure("标准版续航里程为700公里")
