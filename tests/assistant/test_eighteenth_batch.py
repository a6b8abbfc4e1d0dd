"""Rules of the eighteenth and nineteenth blind batches, on hand-made text: rankings in a bulletin, a level worked
back from its rate, a year of a monthly amount, the bodies a notice's title opens with, a release that names its place
only in the texts it cites, a chapter asked with the parts under it."""

from assistant.answer.extractive import _inline_list, _issuer_answer, _rank_asked, _rank_clause
from assistant.arithmetic import computed_sentence, derived, operations
from assistant.evidence import _ASKED_LEVEL, asks_goal, check_sentence, doc_label, sibling_named
from assistant.glossary import Glossary
from assistant.question import analyse
from vectordb.index import Hit

RANKS = ("综合得分排名前三位的是：甲局（98.15分）、乙局（97.62分）、丙局（97.30分）；"
         "排名后三位的是：丁局（90.12分）、戊局（89.47分）、己局（88.95分）。")


def _ranked(question: str, sentence: str) -> str | None:
    asked = _rank_asked(question)
    return _rank_clause(*asked, sentence) if asked else None


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


def test_who_is_first_or_last_said_in_prose():
    s = "甲市以89.47分位列全省第一，连续三年保持首位；丁市得分74.08分，位列末位，但较上年提高4.60分。"
    assert _ranked("营商环境评价谁拿了第一 多少分", s) == "甲市以89.47分位列全省第一"
    assert _ranked("排名垫底的是哪个市", s) == "丁市得分74.08分，位列末位"
    assert _ranked("第一批试点有哪些", "列入第一批试点的有甲县、乙县。") is None


def test_a_year_of_a_monthly_amount():
    q = "硕士在某市租房，一年租房补贴合计多少钱？"
    said = computed_sentence(q, ["按每月发放租房补贴：博士研究生1500元/月，硕士研究生1000元/月"], ["[1]"])
    assert said is not None and said.startswith("全年12000元（每月1000元×12个月）")
    assert "12000" in derived(said)
    # a yearly amount stated in the clause: nothing to compute from its month
    assert computed_sentence("一年合计多少", ["给予每年4万元、每月折合3333元的生活补贴"], ["[1]"]) is None


def test_more_question_readings():
    assert analyse("本科生租房补贴一个月给多少 能领几年").unit is None  # the second ask's unit is not the first's
    assert analyse("春运走公路的比坐火车的多出多少万人次？").unit == "万人次"
    assert analyse("到2035年某镇规划多少人").doc_years == ()  # a target year names no document
    assert analyse("2025年的规划里GDP目标是多少").doc_years == ("2025",)
    assert analyse("半年打分时日常监测占多大权重？").unit == "%"


def test_a_chapter_asked_with_the_parts_under_it():
    from assistant.answer.extractive import _path_draft

    def hit(section: str, text: str, start: int) -> Hit:
        return Hit(doc_id="d", name="d.txt", title="", section=section, index=0, start=start, end=start + len(text),
                   text=text, score=1.0, chunk_id=f"d-{start}")

    ch = "第十篇增进民生福祉 › 第三十四章提升教育质量"
    passages = [hit(f"{ch} › 三、推进普通高中教育", "三、推进普通高中教育\n推进示范性高中建设。", 300),
                hit(f"{ch} › 一、推进学前教育", "一、推进学前教育\n扩大普惠。", 100),
                hit(ch, "到2025年毛入学率达到95%。\n四、推进职业教育\n实施提质培优。", 400),
                hit(f"{ch} › 二、推进义务教育", "二、推进义务教育\n合理配建学校。", 200)]
    full = ch.split(" › ")
    draft = _path_draft(analyse("教育放在哪一章？下面分了哪几块？"), full, 3, passages, full)
    assert draft.answer.endswith("下设：一、推进学前教育[2]；二、推进义务教育[4]；三、推进普通高中教育[1]；四、推进职业教育[3]。")
    assert "下设" not in _path_draft(analyse("教育放在哪一章？"), full, 3, passages, full).answer


def test_no_gap_between_items_asked_each_nor_a_sum_of_two_indicators():
    listed = ["到2025年，力争高新技术企业、科技型中小企业数量分别达到80家以上、800家"]
    assert computed_sentence("两类企业跟2025年目标比，各还差多少家", listed, ["[1]"]) is None
    assert "720家" in computed_sentence("两类企业的目标相差多少家", listed, ["[1]"])
    two = ["到2025年，示范县生产总值超600亿元，一般公共预算收入超40亿元"]
    assert computed_sentence("示范县加上其他县区，一般公共预算收入目标加起来是多少", two, ["[1]"]) is None
    # the thing a figure counts may follow it
    said = computed_sentence("储能项目的规模，大概相当于新能源装机目标的百分之几？",
                             ["力争新能源装机总量突破130万千瓦，推进源网荷3万千瓦储能项目"], ["[1]"])
    assert said is not None and "2.3%" in said
