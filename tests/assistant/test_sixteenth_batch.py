"""Rules of the sixteenth blind batch, on hand-made text: documents named by the body that reports (人大报告,
政协报告, 法院报告) or by a short genre in their title (纪要, 通报, 指南), a tier's court named without its 人民, a
year that only a cited document's number holds, people asked as 几个人, points asked as 多少分, a window's number
that is no date, a span of days written 30日内, a rate computed from its counts, and a kind of thing the question
names."""

from assistant.evidence import check_passage, check_sentence, doc_label, doc_scope, has_figure, term_present
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker
from vectordb.index import Hit

G = Glossary.load()


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)

LABELS = {
    "npc": doc_label("甲市人民代表大会常务委员会工作报告", "n.txt", "——2026年1月20日在甲市第十七届人民代表大会第五次会议上"),
    "cppcc": doc_label("政协乙区第九届委员会常务委员会工作报告", "c.html", "中国人民政治协商会议乙区委员会"),
    "court": doc_label("丙县人民法院工作报告", "f.docx", "——2026年1月15日在丙县第十八届人民代表大会第五次会议上"),
    "gov": doc_label("甲市政府工作报告", "g.txt", "各位代表：现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"),
    "minutes": doc_label("丁县人民政府第3次常务会议纪要", "m.txt", "2026年3月10日下午，县长某某主持召开县政府第3次常务会议。"),
}


def test_a_report_is_named_by_the_body_that_reports():
    assert doc_scope(analyse("人大报告回顾部分第（二）项讲的啥"), LABELS).docs == frozenset({"npc"})
    assert doc_scope(analyse("政协报告回顾去年工作的第（五）项讲的啥"), LABELS).docs == frozenset({"cppcc"})
    assert doc_scope(analyse("法院工作报告里去年受理了多少案件"), LABELS).docs == frozenset({"court"})
    # a government report's opening names the 政协 members it invites, not its own kind
    assert "gov" not in (doc_scope(analyse("政协报告里提案立案多少件"), LABELS).docs or ())


def test_a_short_genre_in_the_title_names_the_document():
    assert doc_scope(analyse("纪要第三项说了什么"), LABELS).docs == frozenset({"minutes"})


def test_a_tiers_court_is_named_without_its_renmin():
    assert term_present("县法院", "丙县人民法院工作报告", G)
    assert not term_present("县法院", "丙县人民检察院工作报告", G)
    assert term_present("案子", "全年受理各类案件15862件", G)
    # 县法院 asks about a county's documents, as 县政府 does
    assert "gov" not in doc_scope(analyse("县法院去年审结了多少案件"), LABELS).docs  # a city's report


def test_a_year_only_a_cited_document_number_holds_is_not_mentioned():
    text = "根据《甲市乡镇综合考核办法》（甲办发〔2024〕15号）有关规定，对2025年度工作进行了综合考核。"
    hit = Hit(doc_id="d", name="d.txt", title="", section="", index=0, start=0, end=len(text), text=text,
              score=1.0, chunk_id="d-0")
    check = check_passage(analyse("2024年度乡镇综合考核第一名是哪个乡镇"), hit, G, 0.5)
    assert not check.ok and "2024" in check.reason
    assert check_passage(analyse("2025年度乡镇综合考核第一名是哪个乡镇"), hit, G, 0.5).ok


def test_people_points_and_a_windows_number_are_asked_as_such():
    assert analyse("因为拒执罪移送公安的有几个人").unit == "人"
    assert analyse("有多少个人才工作站").unit != "人"  # 人才 is no person counted
    assert analyse("综合考核里经济这一块占多少分").unit == "分"
    assert analyse("综合考核一共几分之几的乡镇优秀").unit != "分"
    assert analyse("到县里哪儿办，几号窗口？").kind != "when"
    assert analyse("每个月几号发补贴").kind == "when"


def test_a_span_of_days_is_written_ri_nei():
    assert has_figure("在本通报印发之日起30日内报送书面整改报告", "天") is True
    assert has_figure("剩余隐患须在4月30日前全部整改到位", "天") is None  # a date, no span


def test_a_rate_of_an_outcome_is_computed_from_its_counts():
    from assistant.arithmetic import computed_sentence, operations
    q = "县法院去年诉前调解的成功率是多少？"
    assert operations(q) == ["rate"]
    said = computed_sentence(q, ["全年诉前委派调解纠纷4126件，调解成功2587件，平均用时12天"], ["[1]"])
    assert said is not None and "62.7%" in said and "2587件÷4126件" in said
    # stated by the documents, with the question's other words: read, not computed
    assert computed_sentence(q, ["诉前调解成功率达到62%，调解成功2587件，委派调解纠纷4126件"], ["[1]"]) is None
    assert operations("城镇化率是多少") == []  # an indicator's rate is read


def test_a_kind_the_question_names_is_not_answered_by_another_kind():
    assert not _check("县法院去年审结知识产权案件多少件", "全年受理行政案件187件，审结179件。").ok
    assert not _check("县法院去年审结知识产权案件多少件", "审结破产案件4件。").ok  # 产 is no kind shared
    assert not _check("县法院去年审结知识产权案件多少件", "审结15217件，同比上升7.1%。").ok  # no thing named
    assert not _check("县法院审结了多少件涉未成年人刑事案件", "全年受理刑事案件612件，审结598件。").ok
    assert _check("外国人过境免签可以在境内待多久", "过境免签境内停留时间延长至240小时。").ok  # who, no kind
    assert _check("老百姓收入增长多少", "居民人均可支配收入增长5%。").ok  # a synonym of the kind
    assert _check(  # the kind named loosely
        "养老机构里能提供护理服务的床位比例有什么要求", "到2025年,全区养老机构护理型床位占比不低于55%。").ok
    assert _check("县法院审结知识产权案件多少件", "审结知识产权案件179件。", "丙县人民法院工作报告").ok
    # 标准 inside 高标准 names no 标准 of another kind: the first of two things asked is answered
    assert _check("今年高标准农田要新建改造多少亩，每亩财政投入标准多少？", "新建和改造提升高标准农田3.2万亩。").ok


def test_the_things_an_action_was_done_on_are_the_list_asked():
    from assistant.answer.extractive import _framed_items
    said = _framed_items(analyse("人大去年执法检查检查了哪些法律法规？"),
                         "常委会对安全生产法、食品安全法、水污染防治法和《甲市养老服务条例》开展执法检查4次，推动解决问题。", G)
    assert said == "常委会对安全生产法、食品安全法、水污染防治法和《甲市养老服务条例》开展执法检查4次"
    said = _framed_items(analyse("县法院下面有哪几个人民法庭？"), "东坝、桥头、石门、柳湾4个人民法庭全部建成工作站，设立联系点14个。", G)
    assert said == "东坝、桥头、石门、柳湾4个人民法庭全部建成工作站"
    assert _framed_items(analyse("有哪几个人民法庭？"), "东坝、桥头3个人民法庭全部建成。", G) is None  # 2 items, 3 counted
    # the action names nothing the question asks about: no list of it
    assert _framed_items(analyse("提出了哪些重点任务"), "围绕产业、生态、民生开展调研。", G) is None


def test_a_total_less_the_parts_taken_off():
    from assistant.arithmetic import computed_sentence, derived, operations
    q = "老旧小区改造总投资里，扣掉中央省级补助和县配套，还有多少钱要靠别的渠道？"
    assert operations(q) == ["except"]
    said = computed_sentence(q, ["总投资约1.87亿元，其中争取中央和省级补助资金9200万元，县级配套资金2600万元"], ["[1]"])
    assert said is not None and said.startswith("6900万元（1.87亿元−9200万元−2600万元）")
    assert "6900" in derived(said)
    assert operations("国债总盘子扣掉以旧换新的部分还剩多少？") == ["except"]


def test_the_earlier_years_figure_is_the_level_less_the_rise_the_question_gives():
    from assistant.arithmetic import computed_sentence, operations
    q = "2020年空气优良天数比2016年多了135天，那2016年大概是多少天？"
    assert operations(q) == ["diff"]
    assert "106天" in computed_sentence(q, ["空气质量优良天数达到241天,增加135天"], ["[1]"])
    assert operations("2025年比2024年增长了多少，2023年是多少") == []  # another year: no base asked


def test_an_item_asked_of_a_document_numbered_by_parts_is_its_part():
    from assistant.references import heading_prefixes, items_as_parts, resolve_part
    parts = heading_prefixes("纪要第三项说了什么")
    chunks = [("c0", "某县人民政府常务会议纪要"), ("c1", "一、关于一季度经济运行"), ("c2", "二、关于重点项目"),
              ("c3", "三、关于汛期防灾减灾准备工作")]
    assert resolve_part(chunks, parts) is None  # no （三）
    assert resolve_part(chunks, items_as_parts(parts))[0] == ("三、关于汛期防灾减灾准备工作",)
    assert items_as_parts(heading_prefixes("第三部分讲什么")) is None  # a part already


def test_a_count_of_things_money_with_its_purpose_and_a_school_of_another_stage():
    assert not _check("县法院去年审结知识产权案件多少件", "案件平均审理周期46.2天，比上年缩短5.8天。").ok  # no count
    assert analyse("考核为一般的乡镇要扣减多少工作经费？").unit == "元"
    assert analyse("多少家企业获补贴").unit != "元"  # a count of firms
    assert not _check("东部新城那所新建初中要求哪年投入使用？", "东部新城片区新建小学须在2027年秋季学期前投入使用。").ok
