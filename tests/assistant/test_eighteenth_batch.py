"""Rules of the eighteenth blind batch, on hand-made text: rankings in a bulletin, a level worked back from its rate,
the bodies a notice's title opens with, a release that names its place only in the texts it cites."""

from assistant.answer.extractive import _inline_list, _issuer_answer, _ranked
from assistant.arithmetic import computed_sentence, derived, operations
from assistant.evidence import _ASKED_LEVEL, asks_goal, check_sentence, doc_label, sibling_named
from assistant.glossary import Glossary
from assistant.question import analyse
from vectordb.index import Hit

RANKS = ("综合得分排名前三位的是：甲局（98.15分）、乙局（97.62分）、丙局（97.30分）；"
         "排名后三位的是：丁局（90.12分）、戊局（89.47分）、己局（88.95分）。")


def _hit(text: str, title: str = "") -> Hit:
    return Hit(doc_id="d", name="d.docx", title=title, section="", index=0, start=0, end=len(text), text=text,
               score=1.0, chunk_id="d-0")


def test_a_ranking_asked_is_answered_from_the_ranked_list():
    assert _ranked("谁排第一 多少分", RANKS) == "综合得分排名前三位的是：甲局（98.15分）"
    assert _ranked("得分最低的是哪个单位", RANKS).endswith("己局（88.95分）")
    assert _ranked("倒数三名是哪几个", RANKS).startswith("排名后三位的是：丁局")
    # a highest amount asked is no ranking (年度最高支付限额), nor a bare 最低 without 哪/谁
    assert _ranked("年度最高支付限额是多少", RANKS) is None
    assert _ranked("最低多少分", RANKS) is None


def test_a_level_is_worked_back_from_its_stated_rate():
    q = "按报告给的增幅倒推一下，2024年大概立了多少件案子？"
    assert operations(q) == ["prior"]
    said = computed_sentence(q, ["处置问题线索736件，立案264件，同比增长14.3%，处分251人"], ["[1]"])
    assert said is not None and "231件" in said and "264件÷(1+14.3%)" in said
    assert "231" in derived(said)
    # 分别: the levels pair with the rates in order; the count asked (起) picks its own
    said = computed_sentence("照会上通报的降幅算，2024年发生了多少起事故？",
                             ["全市共发生各类生产安全事故39起、死亡31人，同比分别下降18.8%和13.9%"], ["[1]"])
    assert said is not None and "48起" in said
    # no rate after the level: nothing to work back from
    assert computed_sentence(q, ["立案264件，处分251人"], ["[1]"]) is None


def test_the_part_left_is_the_total_in_the_parts_unit():
    said = computed_sentence("那个三年方案，除了今年启动的，后面两年还剩多少个小区？",
                             ["到2028年底，累计改造老旧小区312个，涉及居民4.1万户，其中2026年计划启动改造105个"], ["[1]"])
    assert said is not None and said.startswith("207个")


def test_the_issuers_of_a_notice_are_the_bodies_its_title_opens_with():
    title = "甲市医疗保障局　甲市财政局关于调整城乡居民基本医疗保险待遇有关事项的通知"
    hit = _hit(f"{title}\n各县（市、区）医疗保障局：\n现就有关事项通知如下。", title)
    draft = _issuer_answer(analyse("这个通知是哪几个部门联合发的"), [hit])
    assert draft is not None and draft.answer == "甲市医疗保障局　甲市财政局[1]。"
    assert _issuer_answer(analyse("这个通知是什么时候执行的"), [hit]) is None
    assert _issuer_answer(analyse("是哪个部门发的"), [_hit("关于做好某项工作的通知", "关于做好某项工作的通知")]) is None


def test_a_release_is_of_the_place_whose_texts_it_cites():
    opening = "市政府召开第47次常务会议\n3月12日下午，市长某某主持召开市政府第47次常务会议，审议《汀澜市2026年重点项目建设计划》等文件。"
    assert doc_label("市政府召开第47次常务会议", "m.html", opening).body_place == "汀澜市"
    # texts of two places cited: neither is its own
    two = opening + "会议审议了《琪渚市交通规划》。"
    assert doc_label("市政府召开第47次常务会议", "m.html", two).body_place == ""


def test_counties_ranked_in_a_city_document_ask_no_county_document():
    county = _ASKED_LEVEL["county"]
    assert county.search("那份区县2021年政府工作报告第二部分讲什么")
    assert county.search("这份区县报告对县属国企提的目标")
    assert not county.search("10月份区县热线考核谁排第一")
    assert not county.search("市里给区县的转移支付有多少")


def test_question_readings_of_this_batch():
    assert "交" not in analyse("城乡居民医保个人一年要交多少钱").head  # the modal's verb is no indicator
    assert analyse("国庆那几天热线一共接了多少单").unit != "天"  # 那几天 is a time
    assert analyse("去年事故造成的直接经济损失是多少").unit == "元"
    assert analyse("10月份群众对热线的满意度是多少").unit == "%"
    assert analyse("基本原则一共几条，分别怎么表述的？").kind == "list"
    assert "原文" not in analyse("十四五期间经济增速目标原文怎么说的").terms
    assert asks_goal("纪委今年计划帮群众解决多少件急难愁盼的事")
    assert not asks_goal("六五计划里1985年进出口总额是多少")  # a plan's name is no goal asked


def test_an_inline_list_closed_by_its_count():
    info = analyse("门诊慢特病这次新加了哪几种病？")
    s = "门诊慢特病病种由36种增加至42种，新增甲病、乙病、丙病、丁病6个病种。"
    assert _inline_list(info, s, quoted_only=False) == "新增甲病、乙病、丙病、丁病6个病种"


def test_a_kind_of_entity_asked_and_a_numbered_school():
    g = Glossary.load()
    assert not check_sentence(analyse("大病保险是由哪家保险公司承办的"), "大病保险由市医疗保障局组织实施。", g).ok
    assert check_sentence(analyse("大病保险是由哪家保险公司承办的"), "大病保险由某某人寿保险公司承办。", g).ok
    assert sibling_named("县第二中学这次招几个老师", "招聘单位：县第一中学；人数：3") == "中学"
    assert sibling_named("县第一中学这次招几个老师", "招聘单位：县第一中学；人数：3") is None


def test_a_date_asked_with_who_quotes_the_person_after_it():
    from assistant.answer.extractive import Candidate, ExtractiveBackend
    from assistant.evidence import Check

    backend = ExtractiveBackend(embedder=None, glossary=Glossary.load())
    s = "3月12日下午，市长某某主持召开市政府第47次常务会议，审议《某市2026年重点项目建设计划》等文件。"
    span = backend._span(analyse("第47次常务会议是哪天开的，谁主持的？"), Candidate(1, s, 1.0, Check(True)))
    assert span == "3月12日下午，市长某某主持召开市政府第47次常务会议，"
    # a year in a cited title dates nothing: the clause of the day is the date
    assert backend._span(analyse("第47次常务会议是哪天开的？"), Candidate(1, s, 1.0, Check(True))) == "3月12日下午，"


def test_a_level_before_the_plan_begins_is_no_goal_of_it():
    g = Glossary.load()
    plan = "某区国民经济和社会发展第十四个五年规划纲要"
    info = analyse("十四五末GDP总量目标是多少亿元？")
    base = "全区生产总值由2010年的49.4亿元增长到2020年的111亿元。"
    check = check_sentence(info, base, g, plan)
    assert not check.ok and "result" in check.reason
    assert check_sentence(info, "到2025年，全区生产总值达到170亿元。", g, plan).ok
