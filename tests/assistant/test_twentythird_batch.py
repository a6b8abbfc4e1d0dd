"""Rules of the twenty-third blind batch, on hand-made text: the asker's own errand (给领导算个账：, 我们督查室在跟进：,
局长想看), a list led by the verb the question asks with, the body asked beside the ones the question names, a
bare target column read with the indicator before it, a town's row is no county's figure, a count of people, a
count and a share asked together, 计划 as a verb, a base year and a five-year period named, a document's number
and the day it was made."""

from assistant.answer.extractive import _led_items, own_date
from assistant.evidence import check_sentence
from assistant.glossary import Glossary
from assistant.query import without_asker
from assistant.question import analyse

G = Glossary.load()


def test_the_askers_errand_is_no_part_of_the_question():
    assert without_asker("给领导算个账：甲区经济总量2020年比2010年多了多少亿元？") == "甲区经济总量2020年比2010年多了多少亿元？"
    assert without_asker("我们督查室在跟进：实施意见里园区改革试点最晚什么时候交账？").startswith("实施意见里")
    assert without_asker("我在给科室做规划解读，纲要最后一篇讲的是什么？") == "纲要最后一篇讲的是什么？"
    assert without_asker("局长想看甲区养老、托育的安排，在纲要哪一章？").startswith("甲区养老")
    # a question that opens with 我 and asks is left whole
    assert without_asker("我县2025年GDP增长多少？") == "我县2025年GDP增长多少？"


def test_a_list_led_by_the_verb_the_question_asks_with():
    assert _led_items("重点发展肉类加工、粮油加工、速冻食品、饲料加工等产业", "市里食品加工产业集群重点发展哪些行当")
    assert _led_items("大力发展芯片封装、智能光电、高精机床等数字产业", "县里要大力发展的数字产业有哪几个方向")
    assert not _led_items("加快发展芯片封装、智能光电、高精机床等数字产业", "县里要大力发展的数字产业有哪几个方向")
    assert not _led_items("重点发展肉类加工和粮油加工", "重点发展哪些行当")  # no run of 、-items
    # 包括, 明确 lead any list: not the one a question asks with them
    assert not _led_items("包括新建、扩建、改建、技术改造等", "政府投资资金具体包括哪几类钱")
    assert not _led_items("政府投资年度计划应当明确项目名称、建设内容及规模、建设工期等事项", "政府投资资金具体包括哪几类")


def _assistant(folder, name: str, text: str):
    """An assistant over a fake knowledge base of one document."""
    from assistant.chain import Assistant
    from tests.fake_embedder import fake_base

    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return Assistant(*fake_base(folder))


def test_the_led_list_named_most_near_it_is_the_answer(home, tmp_path):
    a = _assistant(tmp_path / "docs", "report.txt", (
        "甲县政府工作报告\n二、今年重点工作\n（一）聚力结构优化，大力发展芯片封装、智能光电、高精机床等数字产业，"
        "力争战略性新兴产业增加值增长10%以上。\n（二）做强新兴产业，开展新一轮战略性新兴产业培育行动，大力发展光电光伏、"
        "高端装备制造、智能硬件、新材料等产业。\n"))
    r = a.ask("甲县报告里，新兴产业要大力发展哪几类？")
    assert not r.refused and "光电光伏、高端装备制造" in r.answer and "芯片封装" not in r.answer


def test_a_bare_target_column_is_of_the_indicator_before_it():
    row = "乡镇：乙镇；2025年常住人口城镇化率（%）：41.7；2030年目标（%）：50；2026—2030年新增落户人口（人）：4300。"
    assert check_sentence(analyse("乙镇2030年城镇化率目标多少？"), row, G).ok
    assert not check_sentence(analyse("乙镇2030年森林覆盖率目标多少？"), row, G).ok


def test_a_towns_row_is_no_countys_figure():
    info = analyse("甲县2030年常住人口城镇化率目标是多少？")
    town = "乡镇：乙镇；2025年常住人口城镇化率（%）：41.7；2030年目标（%）：50。"
    county = "乡镇：全县；2025年常住人口城镇化率（%）：54.6；2030年目标（%）：62。"
    assert not check_sentence(info, town, G).ok
    assert check_sentence(info, county, G).ok
    assert check_sentence(analyse("哪个乡镇2030年城镇化率目标最高？"), town, G).ok  # every place asked


def test_people_are_counted_as_people():
    assert check_sentence(analyse("家庭托育点最多能收几个孩子？"), "每个家庭托育点收托人数不超过5人。", G).ok
    assert not check_sentence(analyse("家庭托育点最多能收几个企业？"), "每个家庭托育点收托人数不超过5人。", G).ok


def test_a_count_and_a_share_asked_together_ask_no_one_unit():
    assert analyse("甲区到2027年普惠托位要达到多少个？占比多少？").unit is None
    assert analyse("甲区到2027年普惠托位要达到多少个？占比多少？").terms == ("甲区", "普惠托位", "占比")
    assert analyse("普惠托位占比要达到多少？").unit == "%"


def test_a_plan_as_a_verb_names_no_document():
    info = analyse("甲县今年保障性租赁住房计划建设多少套？")
    assert {"保障性", "租赁", "住房"} <= set(info.terms) and info.unit == "套"
    assert "生态" not in analyse("甲省十五五生态环境保护规划是哪个文号印发的？").terms  # 规划是…: the document


def test_a_base_year_dates_nothing_when_another_year_is_asked():
    info = analyse("到2030年单位地区生产总值能耗要比2020年下降多少？")
    assert not check_sentence(info, "到2025年，单位地区生产总值能耗比2020年下降14.5%。", G).ok
    assert check_sentence(info, "到2030年，单位地区生产总值能耗比2020年下降25%。", G).ok
    # a question with the base year alone is answered as before
    assert check_sentence(analyse("单位地区生产总值能耗要比2020年下降多少？"),
                          "到2025年，单位地区生产总值能耗比2020年下降14.5%。", G).ok


def test_a_five_year_period_named_is_another_periods():
    info = analyse("甲市“十三五”期间城镇新增就业累计多少万人？")
    assert not check_sentence(info, "“十四五”期间全市城镇新增就业累计38.6万人。", G).ok
    assert check_sentence(info, "“十三五”期间全市城镇新增就业累计31.2万人。", G).ok
    # 第十五届 is no period; a period compared with (较“十二五”末期) or naming the document (十四五总体思路) is not asked
    assert check_sentence(analyse("甲市“十四五”期间城镇新增就业累计多少万人？"),
                          "“十四五”期间全市城镇新增就业累计38.6万人，第十五届人才节同期举办。", G).ok
    assert check_sentence(analyse("十三五回顾里，一年里空气好的天数有多少天？"),
                          "2019年PM2.5平均浓度较“十二五”末期下降36%，空气质量优良天数达到228天。", G).ok
    assert check_sentence(analyse("那份“十四五”总体思路里，前五年全县植树造林多少万亩？"),
                          "“十三五”期间植树造林6.7万亩。", G).ok


def test_the_day_a_document_was_made():
    notice = "甲县人民政府文件\n甲政发〔2026〕7号\n关于印发《甲县规划》的通知\n各乡镇：\n现将规划印发给你们。\n" \
             "甲县人民政府\n2026年3月18日\n（此件公开发布）\n"
    assert own_date(notice)[1] == "2026年3月18日"
    fields = "索引号：001；主题分类：卫生。\n发布机构：甲区政府办公室；成文日期：2025-04-18。\n"
    assert own_date(fields)[1] == "2025-04-18"
    assert own_date("没有落款的正文。") is None


def test_a_notices_signature_says_nothing_of_where():
    from assistant.evidence import doc_label, heading_years

    opening = "甲省人民政府办公厅关于印发甲省实施方案的通知\n甲政办发〔2025〕31号\n各市人民政府：\n现印发给你们。\n" \
              "甲省人民政府办公厅\n2025年6月18日\n（此件公开发布）\n为贯彻落实党中央、国务院决策部署，制定本方案。"
    label = doc_label("甲省人民政府办公厅关于印发甲省实施方案的通知", "p.docx", opening)
    assert "国务院" not in label.where and "2025" in label.years
    speech = doc_label("政府工作报告", "r.txt", "政府工作报告\n——2026年1月26日在甲省第十四届人民代表大会第五次会议上")
    assert "甲省第十四届人民代表大会" in speech.where
    report = doc_label("坚定不移推进全面从严治党", "d.txt", "坚定不移推进全面从严治党\n（2026年1月16日）\n县纪委书记 某某\n"
                       "现在，我代表中共乙县纪律检查委员会常务委员会向全会作工作报告。")
    assert "乙县纪律检查委员会" in report.where  # a report's dateline, no 落款: what follows it says where
    assert heading_years("附件下载：甲政办发〔2025〕9号.pdf › 政策解读") == set()


def test_the_number_and_the_day_a_notice_was_made(home, tmp_path):
    a = _assistant(tmp_path / "docs", "notice.txt", (
        "甲县人民政府文件\n\n甲政发〔2026〕7号\n\n甲县人民政府\n关于印发《甲县农业农村现代化规划》的通知\n\n各乡镇人民政府：\n"
        "    现将《甲县农业农村现代化规划》印发给你们，请认真贯彻执行。\n\n                    甲县人民政府\n"
        "                    2026年3月18日\n（此件公开发布）\n\n甲县农业农村现代化规划\n\n第一章 发展基础\n"
        "    2025年粮食总产量达到38.6万吨。\n"))
    r = a.ask("甲县农业农村现代化规划是哪天印发的，文号多少？")
    assert not r.refused and "甲政发〔2026〕7号" in r.answer and "2026年3月18日" in r.answer
