"""Rules of the eleventh blind batch, on hand-made text: another thing of the kind asked (福厦高铁 for 雅万高铁), an
indicator per unit of the one asked, the role a 是哪支 question names, the date of the event asked, two years a
question names by their plans, a table row's columns computed, places of rare characters in a question and a
document, the situation an asker tells before the question, a list announced without a count that runs on into the
next passage, a count asked with its items, and a part's chapters asked."""

from assistant.answer.extractive import ExtractiveBackend, runs_past_end
from assistant.arithmetic import computed_sentence
from assistant.evidence import asked_event, check_sentence, doc_label, named_sibling
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker
from ingest.clean import clean, extract_title
from vectordb.index import Hit

from tests.fake_embedder import FakeEmbedder

G = Glossary.load()
B = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)


def test_another_thing_named_before_the_same_word_is_no_answer():
    other = "福厦高铁北起福州南站，南至漳州站，正线全长277.42公里。"
    assert not _check("雅万高铁全长多少公里？", other).ok
    assert _check("雅万高铁全长多少公里？", "雅万高铁全长142.3公里，最高设计时速350公里。").ok
    assert not _check("梦天实验舱是哪天发射的？", "搭载问天实验舱的长征五号B遥三运载火箭，于2022年7月24日14时22分点火发射。").ok
    # ordinary words before a noun are paraphrased too often to count (风电光伏 装机 for 新能源 装机)
    assert _check("这个县风电光伏这些新能源装机要做到多大规模？", "力争新能源装机总量突破130万千瓦。").ok


def test_a_figure_per_unit_of_the_indicator_asked_is_another_indicator():
    assert not _check("2023年我国国内生产总值比上年增长多少？", "单位国内生产总值能耗降低2.5%左右。").ok
    both = _check("2023年我国国内生产总值比上年增长多少？", "国内生产总值增长5.2%，单位国内生产总值能耗降低2.5%左右。")
    assert both.ok and "5.2%" in both.focus and "2.5%" not in both.focus
    assert _check("单位地区生产总值能耗下降多少？", "单位地区生产总值能耗降低2.5%左右。").ok


def test_the_role_a_which_question_names_must_be_in_the_answer():
    assert not _check("2022年卡塔尔世界杯冠军是哪支球队？", "距离2022年卡塔尔世界杯揭幕还有两天。").ok
    assert _check("2022年卡塔尔世界杯冠军是哪支球队？", "阿根廷队在点球大战中以4:2胜出，夺得本届世界杯冠军。").ok


def test_a_date_with_a_verb_of_its_own_dates_that_not_the_event_asked():
    assert not _check("福厦高铁是什么时候开通运营的？",
                      "福厦高铁6月28日启动联调联试，标志着这一我国首条跨海高铁进入开通运营前的重要阶段。").ok
    assert _check("福厦高铁是什么时候开通运营的？", "2023年9月28日，福厦高铁正式开通运营。").ok
    assert _check("神舟十六号是哪天发射的？", "北京时间2023年5月30日9时31分，搭载神舟十六号载人飞船的长征二号F遥十六运载火箭在"
                                      "酒泉卫星发射中心点火发射，约10分钟后，飞船与火箭成功分离。").ok


def test_the_event_a_when_question_names_before_its_question_word():
    assert asked_event("C919首次商业飞行是哪天？") == "飞行"
    assert asked_event("那份意见的通知是哪天印发的？") is None or asked_event("那份意见的通知是哪天印发的？") != "通知"
    assert not _check("C919首次商业飞行是哪天？", "全球首架C919大型客机2022年12月9日在上海浦东机场交付中国东方航空。").ok


def test_two_plans_ends_pick_their_years_figures():
    said = computed_sentence("十五五末GDP要比十四五末多出多少亿？",
                             ["到2030年达到3200亿元左右", "全市地区生产总值由2020年的1720亿元增加到2025年的2380亿元左右"],
                             ["[1]", "[2]"])
    assert said is not None and "820亿元" in said and "1720" not in said


def test_a_table_rows_columns_compute_like_figures():
    row = "序号：5；指标名称：重点行业关键工序数控化率；单位：%；2025年基数：61.5；2026年：65；2027年：68.5；2028年：72。"
    said = computed_sentence("关键工序数控化率到2028年比2025年的基数要提高几个百分点？", [row], ["[1]"])
    assert said is not None and "10.5个百分点" in said
    plan = "类别：经济发展；指标：1.地区生产总值（亿元）；2025年：2380；2030年：3200左右；属性：预期性"
    said = computed_sentence("地区生产总值2030年比2025年多多少？", [plan], ["[1]"])
    assert said is not None and "820亿元" in said


def test_a_place_of_characters_the_tagger_lacks_is_a_place():
    assert "澴平县" in analyse("我在做县域对比，雩陵市澴平县今年地区生产总值增长目标是多少？").places
    assert "沣台区" in analyse("沣台区今年开办企业要压到几个工作日？").places
    assert "瓴州" in analyse("瓴州今年数字化车间累计要到几个").places
    assert analyse("民政局开会要用：冀州规划居家社区养老那块，到2025年定了哪些硬指标？").places == ("冀州",)
    assert "高企" in analyse("高企数量平均每年要净增多少家？").terms  # 高|企: a glossary term cut apart


def test_the_situation_told_before_the_question_is_no_part_of_it():
    q = "企业反映补助款迟迟不到账，我想确认一下：按省里的办法，省财政厅拿到补助名单以后多久要把钱下达？"
    assert without_asker(q).startswith("按省里的办法")
    assert without_asker("冀州区2025年GDP，我想确认一下：是不是6%？").startswith("冀州区2025年GDP")
    assert without_asker("我在测算进度：瓴州关键工序数控化率到2028年要到多少？").startswith("瓴州")


def test_a_portals_name_and_breadcrumb_are_lines_of_their_own():
    text = ("某河区人民政府门户网站\n\n首页 > 政务公开 > 领导讲话\n\n在全区优化营商环境大会上的讲话\n\n（2026年2月26日）\n\n"
            "同志们：\n\n今天，区委、区政府召开全区优化营商环境大会，这是春节后我们召开的第一个全区性大会。\n\n"
            "过去的一年，全区上下把优化营商环境作为一把手工程来抓，推出了一批改革举措。\n")
    cleaned = clean(text)
    assert extract_title(cleaned) == "在全区优化营商环境大会上的讲话"
    label = doc_label(extract_title(cleaned), "speech.txt", cleaned.text[:300])
    assert label.body_place == "某河区" and label.level == "county"


def test_a_department_names_its_provinces_document():
    label = doc_label("雩南省财政厅　雩南省科学技术厅关于印发《雩南省科技型中小企业研发费用补助资金管理办法》的通知",
                      "measures.html", "")
    assert label.body_place == "雩南省" and label.level == "province"


def test_a_list_announced_without_a_count_runs_on_into_the_next_passage():
    def hit(text: str, i: int) -> Hit:
        return Hit(doc_id="d", name="d.txt", title="政府工作报告", section="二、总体要求和主要目标", index=i, start=0,
                   end=len(text), text=text, score=1.0)

    first = hit("今年政府工作的总体要求是：稳中求进。做好今年工作，必须把握好以下几点：一是坚持把发展作为第一要务，推动经济"
                "实现质的有效提升；", 0)
    rest = hit("二是坚持把项目作为第一抓手，以项目建设论英雄；三是坚持把改革作为第一动力。全县的主要预期目标是：地区生产总值增长6%左右。", 1)
    info = analyse("报告说做好今年工作要把握哪几点？")
    assert runs_past_end(info, first.text) and not runs_past_end(info, first.text + rest.text)
    draft = B.answer("报告说做好今年工作要把握哪几点？", [first, rest])
    assert draft.answer == "坚持把发展作为第一要务[1]；坚持把项目作为第一抓手[2]；坚持把改革作为第一动力[2]。"


def test_a_count_asked_with_its_items_is_a_list():
    assert analyse("县域经济那个实施意见 保障措施有几条 都是啥").kind == "list"
    assert analyse("方案的重点任务一共有几大行动，分别是啥？").kind == "list"
    assert analyse("冀州区有几个省级园区？").kind == "figure"


def test_a_parts_chapters_asked_is_a_section_question():
    assert analyse("冀州纲要第十一篇下面包括哪几章？").kind == "section"
    assert analyse("乡村振兴在哪一篇？").kind == "which_section"


def test_the_whole_of_a_place_is_no_part_of_its_name():
    assert not any(p.startswith("嶂南全") for p in analyse("嶂南全省的算力今年要搞到多大规模？").places)


def test_a_place_or_an_ordinary_word_before_the_indicator_is_no_other_name():
    assert named_sibling("梧源城镇化率去年多少", "常住人口城镇化率为68.9%，比上年末提高0.8个百分点。", ("梧源",)) is None
    assert _check("规划里省财政每年拿多少钱专门搞生态环保？", "“十五五”期间，省级财政每年安排生态环境保护专项资金不少于30亿元。").ok
