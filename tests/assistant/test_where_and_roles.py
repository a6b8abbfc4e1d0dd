"""Rules of the fifth blind batch and the second news check, on hand-made text: where a topic sits in a document,
words the tagger glues, the kind of thing asked, a clause's subject, forecasts, roles and siblings."""

import pytest

from assistant.answer.extractive import Candidate, ExtractiveBackend
from assistant.evidence import (
    _ASKS_DONE,
    _parts_of_year,
    asked_role,
    check_sentence,
    coverage,
    stated_goal,
    term_present,
)
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.zh import squash
from vectordb.index import Hit

G = Glossary.load()
B = ExtractiveBackend(embedder=None, glossary=G)


def _hit(section: str, text: str) -> Hit:
    return Hit(doc_id="d", name="d.txt", title="某省政府工作报告", section=section, index=0, start=0, end=len(text),
               text=text, score=1.0)


@pytest.mark.parametrize("question", [
    "上海这份报告里，乡村振兴的安排放在今年任务的第几项？",
    "二十大报告哪一部分专门讲台湾问题？",
    "抓产业的内容在第几部分？",
    "疫情防控这些底线工作，讲话放在哪一块讲的？",
])
def test_where_a_topic_sits_is_asked_by_part(question):
    assert analyse(question).kind == "which_section"


@pytest.mark.parametrize("question", ["哪一项增长最快？", "第（八）项讲的是哪方面？", "连续几年发行国债？"])
def test_a_part_asked_otherwise_is_no_where_question(question):
    assert analyse(question).kind != "which_section"


def test_where_is_answered_by_the_heading_path_down_to_the_heading_that_names_it():
    info = analyse("乡村振兴的安排放在今年任务的第几项？")
    passages = [_hit("三、2026年主要任务 › （五）扩大开放", "（五）扩大开放\n稳外贸。"),
                _hit("三、2026年主要任务 › （六）着力推进乡村全面振兴，促进城乡融合发展",
                     "（六）着力推进乡村全面振兴，促进城乡融合发展\n稳定粮食生产。")]
    draft = B._section_answer(info, passages)
    # a tie on the question's words (任务, 乡村振兴) goes to the deeper heading; cited where the heading is shown
    assert draft.answer == "三、2026年主要任务 › （六）着力推进乡村全面振兴，促进城乡融合发展[2]。" and draft.used == [2]


def test_where_without_a_heading_that_names_it_is_the_best_passages_part():
    info = analyse("二十大报告哪一部分专门讲台湾问题？")
    passages = [_hit("十三、坚持和完善“一国两制”，推进祖国统一", "解决台湾问题是中国人自己的事。"),
                _hit("十四、促进世界和平与发展", "中国始终坚持维护世界和平。")]
    assert B._section_answer(info, passages).answer == "十三、坚持和完善“一国两制”，推进祖国统一[1]。"


def test_which_chapter_still_asks_for_a_numbered_chapter():
    info = analyse("关于营商环境的要求在哪一章？")
    passages = [_hit("第九篇 深化改革 › 第二十九章 创建一流营商环境", "优化营商环境。")]
    # the chapter, with the part above it that its path shows
    assert B._section_answer(info, passages).answer == "第九篇 深化改革 › 第二十九章 创建一流营商环境[1]。"
    # 哪几篇 asks for 篇 headings: none here, so the question is answered otherwise
    assert B._section_answer(analyse("金融五篇大文章指哪几篇？"), passages) is None


@pytest.mark.parametrize("question, glued", [
    ("2025年定的GDP目标是多少？", "年定"),
    ("广东这份报告是哪天在省人代会上作的？", "上作"),
])
def test_words_the_tagger_glues_are_no_terms(question, glued):
    assert glued not in analyse(question).terms


def test_the_kind_of_thing_asked_counts_only_where_the_passage_names_it():
    info = analyse("海南哪个市县被选为美丽乡村先行区？")
    assert info.asked_as == ("市县",)
    assert coverage(info, squash("五指山被选为全国首批美丽乡村先行区"), G) == 1.0
    # named, it counts as any term; a term the passage lacks still costs
    assert coverage(analyse("海南哪个市县被选为生态文明示范区？"), squash("五指山被选为美丽乡村先行区"), G) < 1.0
    assert analyse("叫什么名字？").terms == ()


def test_a_span_of_years_before_the_figure_asked_is_no_unit():
    assert analyse("2024年报告说要连续几年发超长期特别国债，当年先发多少？").unit is None
    assert analyse("国企利润几年内要翻几番？").unit is None
    assert analyse("要用几年时间建成？").unit == "年"


def test_a_clause_without_a_figure_is_the_subject_of_the_next():
    info = analyse("突发事故这类紧急信息最晚多久要报上去？")
    s = "一般性信息要在3天内报送，突发事件、重大事故等紧急信息，要在事件发生后2小时内报送。"
    span = B._span(info, Candidate(1, s, 1.0, check_sentence(info, s, G)))
    assert "2小时" in span and "3天" not in span


def test_a_month_is_a_part_of_the_year():
    assert _parts_of_year("11月份全国工业生产者出厂价格同比下降3.0%") == {"11月"}
    assert _parts_of_year("3月5日上午开幕") == set()
    info = analyse("2023年全年工业生产者出厂价格比上年下降了多少？")
    assert not check_sentence(info, "11月份全国工业生产者出厂价格同比下降3.0%", G).ok
    assert check_sentence(info, "2023年全年全国工业生产者出厂价格比上年下降3.0%", G).ok


def test_a_forecast_is_no_result():
    assert stated_goal("本届大会预计将有7万多人参会", "本届大会预计将有7万多人参会")
    assert stated_goal("观影人次有望超过1.5亿", "观影人次有望超过1.5亿")
    assert not stated_goal("大会共有8.5万人参会", "大会共有8.5万人参会")
    info = analyse("大会实际有多少人参会？")
    assert not check_sentence(info, "本届大会预计将有7万多人参会", G).ok
    assert check_sentence(info, "本届大会共有8.5万人参会", G).ok


def test_a_question_about_how_a_thing_was_done_asks_it_as_done():
    assert _ASKS_DONE.search("鹊桥二号中继星是用哪款火箭发射的？")
    assert not _ASKS_DONE.search("这项改革是什么样的？")
    info = analyse("鹊桥二号中继星是用哪款火箭发射的？")
    assert not check_sentence(info, "鹊桥二号中继星计划于2024年上半年择机发射", G).ok


@pytest.mark.parametrize("question, role", [
    ("第96届奥斯卡颁奖典礼的主持人是谁？", "主持人"),
    ("2024年NBA总决赛FMVP是谁？", "FMVP"),
    ("2024年诺贝尔文学奖得主是谁？", "得主"),
    ("巴黎奥运会中国体育代表团的旗手是谁？", "旗手"),
    ("全运会男子马拉松拿金牌的宁夏选手是谁？", None),  # whoever took part: no role
    ("击败郑钦文夺冠的是谁？", None),  # a person named, no role
    ("2021年政府工作报告是谁作的？", None),
])
def test_the_role_a_who_question_names(question, role):
    assert asked_role(question) == role


@pytest.mark.parametrize("question, sentence, answers", [
    ("第96届奥斯卡颁奖典礼的主持人是谁？", "杨紫琼凭借该片获得最佳女主角奖", False),  # a person, not the role asked
    ("第96届奥斯卡颁奖典礼的主持人是谁？", "颁奖典礼由主持人吉米·坎摩尔主持", True),  # a transliterated name
    ("2024年澳网男子单打冠军是谁？", "白俄罗斯选手萨巴伦卡战胜郑钦文，卫冕澳网女子单打冠军", False),  # a sibling
    ("2024年澳网男子单打冠军是谁？", "意大利选手辛纳逆转夺得澳网男子单打冠军", True),
])
def test_a_who_answer_is_about_the_one_asked(question, sentence, answers):
    assert check_sentence(analyse(question), sentence, G).ok is answers


def test_a_term_whose_tail_opens_an_item_its_head_governs():
    # 粮食播种面积…、产量…: the yield is the grain's
    assert term_present("粮食产量", squash("实现粮食播种面积3320万亩、产量1285万吨以上"), G)
    assert not term_present("粮食产量", squash("实现粮食播种面积3320万亩、棉花产量12万吨以上"), G)


@pytest.mark.parametrize("question, across", [
    ("十二五规划要保住多少耕地？二十大报告里的耕地底线又是多少？", True),
    ("二十大报告讲的城镇化率，和2024年政府工作报告回顾的水平相比，提高了多少？", True),
    ("2021年政府工作报告概述的十四五目标里，城镇化率要到多少？", False),  # a plan's period, not a second document
    ("十二五规划的耕地保有量是多少？", False),
])
def test_documents_named_by_short_names_are_compared(question, across):
    assert analyse(question).cross_doc is across


def test_a_count_named_before_the_question_word_counts_the_items():
    from assistant.answer.extractive import _asked_count, _counted_items

    info = analyse("上海那三个引领性产业是哪几个？")
    assert _asked_count(info) == 3
    s = "集成电路、生物医药、人工智能三大先导产业规模突破2万亿元。"
    assert _counted_items(info, s) == "集成电路、生物医药、人工智能三大先导产业"  # 引领性 worded otherwise
    assert _counted_items(info, "集成电路、生物医药两大先导产业规模突破1万亿元。") is None  # two are not three
