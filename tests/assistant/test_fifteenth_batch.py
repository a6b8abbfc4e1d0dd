"""Rules of the fifteenth blind batch, on hand-made text: decimal outline headings (1 / 1.1 / 3.2.1) and 3.2节, a
document number kept off its title line and asked for, a task written out in a table cell, the doer of the action
asked, a place the tagger cut in two though no document is of it, a document masked as X, a communiqué dated in
December, the area asked, people counted by what happened to them, a share of another whole, the items under a
heading the question names, an item run on in its paragraph, and computations (除了…以外, 平均每个, 占…比重大概多少)."""

from assistant.answer.extractive import _named_part_items, _runin_answer
from assistant.arithmetic import computed_sentence, operations
from assistant.evidence import asked_action, check_sentence, doc_label, doc_scope
from assistant.glossary import Glossary
from assistant.question import AREA, analyse, without_asker
from assistant.references import heading_prefixes, matches
from ingest.clean import clean, extract_title
from ingest.sections import find_headings, heading_of, parse_sections
from vectordb.index import Hit

G = Glossary.load()


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)


def _hit(text: str, section: str = "", doc: str = "d", index: int = 0) -> Hit:
    return Hit(doc_id=doc, name=f"{doc}.txt", title="", section=section, index=index, start=0, end=len(text),
               text=text, score=1.0, chunk_id=f"{doc}-{index}")


def test_decimal_outline_numbers_nest_by_their_depth():
    text = "甲县预案\n1 总则\n1.1 编制目的\n为了……。\n1.2 工作原则\n（1）坚持人民至上。\n2 组织指挥\n2.1 领导机构\n县政府……。\n"
    paths = [s.path for s in parse_sections(text) if s.path]
    assert ("1 总则", "1.1 编制目的") in paths and ("2 组织指挥", "2.1 领导机构") in paths
    assert heading_of("3.2.1 监测")[0] > heading_of("3.2 监测预警")[0] > heading_of("3 风险防控")[0]
    assert heading_of("3.2 监测预警")[0] < heading_of("一、总体要求")[0]  # a section's own 一、 nests inside it
    # a number alone before a word is a heading only where its sub-parts follow (a table's "10 市科技局" is not)
    assert [h for _, _, h in find_headings("表\n10 市科技局\n11 市财政局\n")] == []
    assert heading_of("2025 年") is None and heading_of("1 耕地地力保护补贴 118元") is None


def test_a_decimal_part_is_named_as_3_2_jie():
    prefixes = heading_prefixes("预案第3.2节讲的什么内容")
    assert prefixes == [("3.2",)]
    assert matches("3.2 监测预警", prefixes[0]) and matches("3.2.1 监测", prefixes[0])
    assert not matches("3.21 其他", prefixes[0]) and not matches("3 风险防控", prefixes[0])
    assert heading_prefixes("增长3.2%") == []
    assert not matches("附件21", ("附件2",))  # a number ends where the element's does


def test_a_document_number_is_kept_off_the_title_and_answers_wenhao():
    text = "甲县人民政府办公室\n关于印发《甲县2026年农业生产发展补贴实施细则》的通知\n甲政办发〔2026〕9号\n各乡镇人民政府：\n" + \
        "经县人民政府同意，现将细则印发给你们，请认真贯彻执行。\n"
    assert extract_title(clean(text, join_wraps=True)) == "关于印发《甲县2026年农业生产发展补贴实施细则》的通知"
    info = analyse("那个农业补贴细则的发文字号是多少？")
    assert info.kind == "what" and "文字" not in info.terms
    assert check_sentence(info, "甲政办发〔2026〕9号", G).ok
    assert not check_sentence(info, "经县人民政府同意，现将细则印发给你们。", G).ok


def test_a_task_written_out_in_a_table_cell_names_what_its_figures_count():
    row = "序号：10；重点任务：高新技术企业总数达到1150家，全社会研发经费投入强度提高到2.45%；牵头单位：市科技局；完成时限：2026年12月底。"
    assert _check("研发投入强度今年要提到多少", row).ok
    vague = ("序号：9；重点任务：新增省级专精特新中小企业60家、国家级专精特新“小巨人”企业6家，培育一批制造业单项冠军企业；"
             "牵头单位：市工业和信息化局；完成时限：2026年12月底。")
    assert not _check("今年要培育几家制造业单项冠军企业？", vague).ok
    assert _check("今年新增几家省级专精特新中小企业？", vague).ok


def test_the_doer_asked_is_of_the_action_asked():
    assert asked_action("细则由哪个部门负责解释？") == "解释"
    assert asked_action("谁来统一牵头和监管各个专区") == "牵头"
    assert asked_action("主持人是谁") is None and asked_action("哪个部门具体负责") is None
    q = "甲县农业补贴细则由哪个部门负责解释？"
    assert _check(q, "第十九条 本细则由县农业农村局会同县财政局负责解释。").ok
    assert not _check(q, "经县人民政府同意，现将细则印发给你们。").ok
    # 负责…统筹 says who leads as 牵头 does; 谁牵头 wants a body, not any clause
    assert _check("数据专区归哪个部门牵头统筹？", "甲市经济和信息化局负责数据专区的统筹协调和监督指导。").ok
    assert not _check("发展低空经济的任务是谁牵头？", "序号：五、加强生态文明建设。").ok


def test_a_place_cut_in_two_is_one_place_though_no_document_is_of_it():
    from assistant.query import read_places

    class Labels:
        def places(self):
            return frozenset({"栖原县"})

    assert read_places("桐陵县的突发事件总体应急预案里，一级响应由谁指挥？", Labels()).places == ("桐陵县",)


def test_a_masked_county_is_the_document_that_masks_its_own_name():
    labels = {"speech": doc_label("真抓实干", "s.txt", "奋力开创X全方位推动高质量发展新局面\n——在县委X届二次全会上的讲话"),
              "xx": doc_label("XX县国民经济和社会发展规划总体思路", "p.txt", ""),
              "city": doc_label("甲市人民政府工作报告", "r.txt", "各位代表")}
    assert doc_scope(analyse("X县新能源装机力争突破多少"), labels).docs == frozenset({"speech"})
    assert doc_scope(analyse("XX县新能源装机力争突破多少"), labels).docs == frozenset({"xx"})
    assert doc_scope(analyse("X市的GDP是多少"), labels).free_places == ("X市",)  # no masked city here


def test_a_party_committee_of_a_city_is_no_national_document_and_december_reviews_its_own_year():
    label = doc_label("中国共产党甲市第九届委员会第十次全体会议公报", "c.txt",
                      "（2025年12月27日中国共产党甲市第九届委员会第十次全体会议通过）")
    assert not label.national and label.level == "city"
    assert "2025" in label.implied_years and "2024" not in label.implied_years
    report = doc_label("甲市政府工作报告", "r.txt", "——2025年1月20日在甲市第十七届人民代表大会第三次会议上")
    assert "2024" in report.implied_years  # a January report reviews the year before
    assert doc_label("中国共产党第二十次全国代表大会上的报告", "s.txt", "").national


def test_an_area_asked_wants_a_unit_of_area():
    info = analyse("县级应急物资储备库总面积有多大？")
    assert info.unit == AREA
    assert not check_sentence(info, "全县建有县级应急物资储备库2个，储备的救灾物资满足3000人需求。", G).ok
    assert check_sentence(info, "全县建有县级应急物资储备库2个，总面积5000平方米。", G).ok


def test_people_counted_by_what_happened_to_them():
    s = "重大事件：造成10人以上30人以下死亡（含失踪），或者5000万元以上1亿元以下直接经济损失的。"
    assert not _check("甲县预案里，重伤多少人以上算重大突发事件？", s).ok
    assert _check("甲县预案里，死亡多少人以上算重大突发事件？", s).ok


def test_a_share_of_another_whole_is_no_answer():
    assert not _check("X县去年GDP占全市多大比重", "全社会研发投入占GDP的比重达到2.23%。").ok
    assert _check("研发投入占GDP的比重是多少", "全社会研发投入占GDP的比重达到2.23%。").ok


def test_the_items_under_a_heading_the_question_names():
    info = analyse("城市更新方案的基本原则有哪几条？")
    text = ("1. 民生优先，群众自愿。把群众满意作为出发点。\n2. 规划引领，系统推进。坚持片区统筹。\n"
            "3. 保护传承，彰显特色。严格保护历史文化街区。")
    draft = _named_part_items(info, "d", "一、总体要求", [_hit(text, "一、总体要求 › （二）基本原则")])
    assert draft.answer == "民生优先，群众自愿[1]；规划引领，系统推进[1]；保护传承，彰显特色[1]。"
    lines = "1.4 工作原则\n（1）坚持人民至上、生命至上。把保障人民生命安全作为首要任务。\n（2）坚持统一领导、分级负责。在县委领导下。\n1.5 事件分级\n（1）特别重大。"
    draft = _named_part_items(analyse("预案定了哪几条工作原则"), "d", "1 总则", [_hit(lines, "1 总则")])
    assert draft.answer == "坚持人民至上、生命至上[1]；坚持统一领导、分级负责[1]。"
    assert _named_part_items(analyse("预案有哪些保障措施"), "d", "1 总则", [_hit(lines, "1 总则")]) is None


def test_an_item_run_on_in_its_paragraph_is_quoted_to_the_next_item():
    text = "全会要求，2026年要重点抓好以下工作：一是着力推动产业转型升级。四是着力深化改革开放；五是着力加强生态环境保护，深入打好蓝天碧水净土保卫战；六是着力保障和改善民生。"
    info = analyse("全会公报里明年重点工作的第五项讲的啥")
    assert _runin_answer(info, [_hit(text)]).answer == "五是着力加强生态环境保护，深入打好蓝天碧水净土保卫战[1]。"


def test_three_computations_nobody_asked_before():
    q = "地下管网里，除了雨污分流以外的管网还有多少公里？"
    quotes = ["新建改造地下管网780公里，其中雨污分流改造管网260公里", "新建改造口袋公园120个、城市绿道150公里"]
    assert computed_sentence(q, quotes, ["[1]", "[1]"]).startswith("520公里（780公里−260公里）")
    assert computed_sentence(q, quotes[1:], ["[1]"]) is None  # no quote names the part after 其中
    per = computed_sentence("今年市级重点项目平均每个要完成多少投资", ["全年实施市级重点项目320个，完成年度投资860亿元以上"], ["[1]"])
    assert per.startswith("平均每个约2.69亿元（860亿元÷320个）")
    assert computed_sentence("平均每个项目多少钱", ["实施项目320个、新建120个，完成投资860亿元"], ["[1]"]) is None  # two counts
    assert "37.8%" in computed_sentence("6个重点项目的总投资占三年投资的比重大概多少？",
                                        ["重点推进以下6个项目，总投资211.4亿元", "三年累计完成城市更新投资约560亿元"], ["[1]", "[2]"])
    assert operations("数字经济占GDP的比重是多少") == []  # a share the documents state is read, not worked out


def test_a_change_asked_is_not_answered_by_a_level_and_a_share_asked_by_its_whole():
    assert not _check("今年研发经费支出要增长多少", "全社会研发经费支出相当于全市生产总值的比例达到4.6%左右。").ok
    assert _check("今年研发经费支出要增长多少", "全社会研发经费支出增长10%以上。").ok
    # 占多大比重 names no whole after 占: any whole the clause names may be the one meant
    assert _check("高技术制造业在规上工业里占多大比重", "高技术制造业增加值占规模以上工业增加值的比重为18.6%。").ok


def test_an_annex_past_the_list_and_a_box_no_text_names_are_absent():
    from assistant.references import annexes_listed, listed_annex

    text = "本预案自印发之日起施行。\n附件\n1．甲县突发事件分级标准\n2．甲县专项应急预案目录\n3．甲县应急响应流程图\n甲县人民政府\n"
    assert annexes_listed(text) == 3 and annexes_listed("附件：1．甲县名录\n2．乙县名录\n") == 2 and annexes_listed("无附件") == 0
    assert listed_annex(text, [("附件2", "附件二")])[1] == "甲县专项应急预案目录"


def test_half_an_hour_counts_and_a_date_is_no_duration():
    from assistant.evidence import has_figure

    assert has_figure("到北京只需一个半小时", "时长") is True
    assert has_figure("京经信发〔2022〕87号 2022年11月21日", "时长") is not True
    assert has_figure("一般事项3个工作日内办结", "时长") is True
    assert "县里" not in analyse("那个县政府工作报告里县里拿到了啥葡萄方面的称号").terms


def test_a_document_s_own_number_is_the_one_under_its_title_not_one_it_cites():
    from assistant.evidence import own_number

    text = ("甲市人民政府办公室关于印发《甲市数字政府建设考评办法》的通知\n甲府办发〔2022〕43号\n各旗县区人民政府：\n"
            "按照《甲市人民政府办公室关于印发行动方案的通知》（甲府办发〔2022〕10号）要求，现印发给你们。")
    start, number = own_number(text)
    assert number == "甲府办发〔2022〕43号" and text[start:].startswith("甲府办发〔2022〕43号")
    cited_only = "各单位：\n按照《乙省关于印发某方案的通知》（乙政发〔2021〕5号）要求，现印发给你们。"
    assert own_number(cited_only) is None


def test_a_table_s_number_is_not_run_into_the_year_of_its_title():
    assert matches("表1 2025年市级一般公共预算收入执行情况表", ("表一", "表1"))


def test_an_indicator_name_with_digits_is_no_task_and_who_leads_is_not_a_body_s_action():
    row = "类别：大气环境；序号：1；指标：设区市细颗粒物（PM2.5）平均浓度（微克/立方米）；2025年：29.8；2030年：≤27；属性：约束性。"
    assert _check("十五五末的PM2.5要降到多少？", row).ok
    assert asked_action("联席会议谁牵头？办公室放在哪个部门", bodies_only=True) is None
    assert asked_action("细则由哪个部门负责解释？", bodies_only=True) == "解释"


def test_the_speaker_s_office_and_meta_words_are_no_terms():
    from assistant.query import read_question

    class Labels:
        def places(self):
            return frozenset()

        def all(self):
            return {}

    info = read_question("县委书记那篇经济工作会议讲话里，县里未来要闯出的几条路子分别是什么？", Labels())
    assert "县委书记" not in info.terms and "路子" in info.terms
    assert "县委书记" in read_question("县委书记讲县里的家底和长处，归纳成了哪几个方面？", Labels()).terms  # no document named
    assert "提法" not in analyse("几份规划里城镇化率目标都说到六成，提法有啥不同？").terms
