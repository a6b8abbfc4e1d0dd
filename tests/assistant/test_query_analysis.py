"""Glossary, question analysis, evidence rules, fusion and near-duplicate removal (no model)."""

import pytest

from assistant.evidence import (DocLabel, check_passage, check_sentence, doc_scope, has_figure, row_cells, row_years,
                                sentence_units)
from assistant.glossary import Glossary, GlossaryError, normalise_query
from assistant.question import analyse, enumeration_section
from assistant.retrieval import drop_near_duplicates, section_refs
from ingest.zh import squash
from vectordb.fusion import rrf
from vectordb.index import Hit


def test_normalise_query():
    assert normalise_query("２０２５年ＧＤＰ达到多少亿？") == "2025年GDP达到多少亿元?"
    assert normalise_query("展望二〇三五年") == "展望2035年"
    assert normalise_query("由2010 年的49.4 亿元") == "由2010年的49.4亿元"
    # a two-digit year that dates a document is a year; a span of years is not
    assert normalise_query("25年政府工作报告里说了什么") == "2025年政府工作报告里说了什么"
    assert normalise_query("81年的计划") == "1981年的计划"
    assert normalise_query("近10年的规划") == "近10年的规划" and normalise_query("用了12年规划") == "用了12年规划"
    assert normalise_query("25年来粮食产量") == "25年来粮食产量"


def test_glossary_expansion_adds_only_missing_terms(tmp_path):
    g = Glossary.load()
    ex = g.expand("冀州区“十四五”期间GDP年均增长目标是多少？")
    assert "地区生产总值" in ex.added and "第十四个五年规划" in ex.added
    assert "GDP" not in ex.added
    assert g.expand("乡村振兴有哪些要求").added[:1] == ("三农",)
    assert g.expand("今天天气").added == ()
    custom = tmp_path / "g.txt"
    custom.write_text("# 注释\n甲方案 | 乙方案\n", encoding="utf-8")
    assert Glossary.load(custom).expand("乙方案怎么样").added == ("甲方案",)
    custom.write_text("只有一个词\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="g.txt:1"):
        Glossary.load(custom)


@pytest.mark.parametrize("question,kind,unit", [
    ("冀州区2020年地区生产总值是多少？", "figure", None),
    ("XX县2019年全县生产总值是多少亿元？", "figure", "亿元"),
    ("政府工作报告中全县地区生产总值增长了百分之多少？", "figure", "%"),
    ("这份文件希望农民一年人均能支配多少钱？", "figure", "元"),
    ("评上先进集体的单位能拿多少奖金？", "figure", "元"),  # an amount of money, named by what it is for
    ("考评优秀的旗县区奖励多少资金？", "figure", "元"),
    ("讲话中“走出六条新路”具体是哪六条？", "list", None),
    ("冀州区规划纲要第七篇讲的是什么？", "section", None),
    ("冀州区规划中专门讲乡村振兴的是哪一篇？", "which_section", None),
    ("5G网络什么时候实现乡镇以上区域连续覆盖？", "when", None),
    ("这份报告是哪天在哪次会议上作的？", "when", None),
    ("登记表要在几号之前上报？", "when", None),
    ("冀州区的区长是谁？", "who", None),
])
def test_question_kinds(question, kind, unit):
    info = analyse(question)
    assert (info.kind, info.unit) == (kind, unit)


def test_question_terms_places_and_cross_doc():
    info = analyse("冀州区2020年地区生产总值是多少？")
    assert info.years == ("2020",) and info.places == ("冀州区",) and info.terms == ("地区生产总值",)
    assert "XX" not in analyse("XX县全社会研发投入占GDP的比重达到多少？").terms
    assert analyse("县委书记讲话和冀州区规划提出的经济增速目标各是多少？").cross_doc
    assert analyse("哪些文件提到了双倍增计划？").cross_doc
    assert not analyse("冀州区城镇和农村居民收入分别是多少？").cross_doc
    # a comparison of two places or two named documents compares documents
    assert analyse("甘肃和内蒙古今年的粮食产量目标哪个高？差多少？").cross_doc
    assert analyse("中央预算内投资，2024年报告比2021年报告多安排了多少？").cross_doc
    assert not analyse("按2019年政府工作报告，2018年实际就业比2019年的目标多出多少人？").cross_doc
    assert not analyse("先行示范村、整体推进村和重点帮扶村加起来有多少个？讲话对规划编制怎么要求？").cross_doc


def test_a_question_word_is_never_a_term():
    assert "哪几个" not in analyse("海南为完成未来五年的目标，必须在哪几个方面下功夫？").terms  # tagged as an idiom
    assert "下功夫" in analyse("海南为完成未来五年的目标，必须在哪几个方面下功夫？").terms
    # what a computation asks is no subject either (少多少, 相差, 加起来, 对得上)
    info = analyse("今年打算新增的城镇岗位，比去年实际做到的少多少人？两者相加和总数对得上吗？")
    assert not {"少", "两者", "相加", "得上"} & set(info.terms + info.head) and "岗位" in info.terms


def test_an_abbreviation_with_an_ampersand_is_one_term():
    assert "R&D" in analyse("全社会R&D经费增速目标是多少？").terms  # the glossary's R&D = 研发投入 can then match


def test_figures_in_the_unit_asked_and_masks():
    assert has_figure("示范县生产总值超600亿元", "亿元") is True
    assert has_figure("2019年全县生产总值完成XX亿元", "亿元") is False
    assert has_figure("到2025年基本完成") is None  # a year is not a figure
    assert has_figure("抓好八个方面工作") is True
    assert has_figure("增长X%") is False
    # a bare count after the unit's noun is a figure in that unit; an amount in another unit is not
    assert has_figure("我国60岁以上人口已达2.5亿。", "人") is True
    assert has_figure("投资2.5亿元。", "人") is None and has_figure("人均收入3万元", "人") is None


def test_figure_sentence_must_be_about_what_was_asked():
    g = Glossary.load()
    frame = analyse("全省粮食产量要保持在多少以上？")
    assert not check_sentence(frame, "优良天数比例保持在90%以上。", g).ok  # shares only the frame word 保持
    assert check_sentence(frame, "粮食产量保持在600万吨以上。", g).ok
    info = analyse("XX县2019年全县生产总值是多少亿元？")
    masked = check_sentence(info, "2019年全县生产总值完成XX亿元，前四年年均增长XX%。", g)
    assert not masked.ok and masked.masked
    other = check_sentence(info, "固定资产投资2020年预计完成XX亿元，五年累计达到1214.7亿元。", g)
    assert not other.ok  # a figure in 亿元, but about investment
    ok = check_sentence(analyse("冀州区2020年地区生产总值是多少？"), "全区生产总值由2010 年的49.4 亿元增长到2020 年的111 亿元,是", g)
    assert ok.ok and "111" in ok.focus


def test_doc_scope_from_how_questions_name_documents():
    labels = {
        "plan": DocLabel(squash("冀州区规划纲要"), squash("冀州区规划纲要 前言")),
        "speech": DocLabel(squash("真抓实干"), squash("真抓实干 ——在县委经济工作会议上的讲话")),
        "report": DocLabel(squash("2021年政府工作报告"), squash("2021年政府工作报告 各位代表")),
    }
    assert doc_scope(analyse("冀州区2020年地区生产总值是多少？"), labels).docs == {"plan"}
    assert doc_scope(analyse("讲话提出新能源装机总量要突破多少？"), labels).docs == {"speech"}
    assert doc_scope(analyse("县委书记讲话和冀州区规划提出的增速目标各是多少？"), labels).docs == {"plan", "speech"}
    assert doc_scope(analyse("2024年冀州区政府工作报告提出了哪些重点任务？"), labels).docs == frozenset()
    # a genre the place's documents do not name, undated: the place decides (its report may present a draft plan)
    assert doc_scope(analyse("冀州区政府工作报告提出了哪些重点任务？"), labels).docs == {"plan"}
    outside = doc_scope(analyse("北京市“十四五”规划的GDP增速目标是多少？"), labels)
    assert outside.docs is None and outside.free_places == ("北京",)


def test_section_helpers():
    assert section_refs("冀州区规划纲要第七篇和第二十三章讲什么") == ["第七篇", "第二十三章"]
    assert enumeration_section("二、保障措施 › 一是加强组织领导") == "二、保障措施"
    assert enumeration_section("第一篇 › 第一章") == "第一篇 › 第一章"


def test_rrf_known_values():
    fused = dict(rrf([(1.0, ["a", "b"]), (2.0, ["b", "c"])], k=60))
    assert fused["a"] == pytest.approx(1 / 61)
    assert fused["b"] == pytest.approx(1 / 62 + 2 / 61)
    assert fused["c"] == pytest.approx(2 / 62)
    assert [i for i, _ in rrf([(1.0, ["a", "b"]), (2.0, ["b", "c"])])] == ["b", "c", "a"]


def _hit(text, i):
    return Hit(doc_id="d", name="d.txt", title="t", section="s", index=i, start=0, end=len(text), text=text, score=1.0)


def test_near_duplicates_are_dropped_keeping_the_first():
    a = _hit("到2025年,全区森林覆盖率达到35%以上,城市建成区绿地率达到37.8%以上。", 0)
    b = _hit("到2025年,全区森林覆盖率达到35%以上,城市建成区绿地率达到37.8%以上。 ", 1)
    c = _hit("到2025年,全区粮食播种面积稳定在100万亩左右。", 2)
    assert drop_near_duplicates([a, b, c], 0.85) == [a, c]


def test_figures_with_a_magnitude_are_in_the_unit_asked():
    assert has_figure("全年减税降费近2万亿元", "元") is True
    assert has_figure("城镇新增就业1100万人以上", "万人") is True
    assert has_figure("全年减税降费XX万亿元", "元") is False
    assert has_figure("全年减税降费规模较大", "元") is None


def test_how_many_people_asks_a_figure_in_people():
    info = analyse("江西今年计划帮多少人在城镇找到工作？")
    assert info.unit == "人" and analyse("要花多少人民币？").unit != "人"
    assert has_figure("城镇新增就业41万人以上", "人") and has_figure("6600多万纳税人受益", "人")
    # a rate, or a year before a noun of people, is none
    assert has_figure("城镇、农村居民人均可支配收入分别增长4.5%、5.5%左右", "人") is None
    assert has_figure("2024年农村人口", "人") is None


def test_only_figure_of_a_sentence_takes_its_subject_from_earlier_clauses():
    g = Glossary.load()
    info = analyse("高职院校今年要扩招多少？")
    alone = "改革完善高职院校考试招生办法，鼓励更多应届高中毕业生报考，今年大规模扩招100万人。"
    assert check_sentence(info, alone, g).ok
    # With a neighbour's figure in the sentence, only the clause and the one before it may name the subject.
    crowded = "高职院校招生办法更加完善，就业形势稳定，职业培训补贴发放50亿元，新增创业主体30万户。"
    assert not check_sentence(info, crowded, g).ok
    # A masked figure is a neighbour too: the one unmasked count does not take the masked clause's subject.
    masked = "全县地区生产总值增长X%，一般公共预算收入增长X%，城乡居民收入增长X%，十方面民生实事悉数完成。"
    assert not check_sentence(analyse("该县财政收入是多少？"), masked, g).ok
    # a counted numeral answers 几个 only: 十方面 is no growth rate
    counted = "全县地区生产总值增长X%，十方面民生实事悉数完成。"
    assert not check_sentence(analyse("该县地区生产总值增长目标是多少？"), counted, g).ok
    assert check_sentence(analyse("该县完成了几方面民生实事？"), counted, g).ok


def _label(title, opening="", name=""):
    from assistant.evidence import doc_label
    return doc_label(title, name, opening)


def test_several_places_naming_different_documents_answer_from_each():
    labels = {
        "jx": _label("2026年江西省政府工作报告"),
        "nm": _label("2026年内蒙古自治区政府工作报告"),
        "gd": _label("2026年广东省政府工作报告"),
    }
    scope = doc_scope(analyse("江西和内蒙古2026年的经济增速目标是多少？"), labels)
    assert scope.docs == {"jx", "nm"} and scope.several
    assert not doc_scope(analyse("江西2026年的经济增速目标是多少？"), labels).several


def test_a_place_names_a_document_only_as_a_word_of_its_dateline():
    # 会议上海南省: 上海 is written across two words and names nothing; 海南 starts the word 海南省
    labels = {
        "hn": _label("政府工作报告", "政府工作报告\n——2026年1月26日在海南省第七届人民代表大会第五次会议上海南省省长"),
        "sh": _label("2026年上海市政府工作报告"),
    }
    assert labels["hn"].names_place("海南") and not labels["hn"].names_place("上海")
    assert labels["sh"].names_place("上海")
    assert doc_scope(analyse("上海2026年的经济增速目标是多少？"), labels).docs == {"sh"}
    assert doc_scope(analyse("海南2026年的经济增速目标是多少？"), labels).docs == {"hn"}


def test_a_dated_document_implies_its_year_and_the_year_before():
    from assistant.evidence import check_passage
    labels = {"r24": _label("2024年政府工作报告"), "r25": _label("2025年政府工作报告")}
    info = analyse("2024年政府工作报告说，2023年国内生产总值增长了多少？")
    assert info.years == ("2023",) and info.doc_years == ("2024",)
    scope = doc_scope(info, labels)
    assert scope.docs == {"r24"} and scope.years["r24"] == {"2024", "2023"}
    hit = Hit("r24", "r24.txt", "2024年政府工作报告", "一、2023年工作回顾", 0, 0, 20, "去年国内生产总值增长5.2%。", 1.0, 0.9)
    assert check_passage(info, hit, Glossary.load(), 0.5, scope).ok
    other = Hit("r25", "r25.txt", "2025年政府工作报告", "", 0, 0, 20, "去年国内生产总值增长5%。", 1.0, 0.9)
    assert not check_passage(info, other, Glossary.load(), 0.5, doc_scope(info, {"r25": labels["r25"]})).ok


def test_plans_and_congress_reports_named_by_their_short_names():
    labels = {
        "p12": _label("", "中华人民共和国国民经济和社会发展第十二个五年（2011—2015年）规划纲要，根据建议编制"),
        "c20": _label("高举中国特色社会主义伟大旗帜", "高举中国特色社会主义伟大旗帜\n——在中国共产党第二十次全国代表大会上的报告"),
        "r": _label("2025年政府工作报告", "各位代表：深入贯彻党的二十大精神"),
    }
    assert labels["p12"].plans == {"十二五"} and labels["c20"].plans == {"二十大"} and not labels["r"].plans
    assert doc_scope(analyse("十二五规划里森林覆盖率要提高到多少？"), labels).docs == {"p12"}
    assert doc_scope(analyse("二十大报告提出的中心任务是什么？"), labels).docs == {"c20"}


def test_rerank_blend_prefers_the_passage_under_the_asked_heading():
    from assistant.rerank import SentenceReranker
    q = "战略定位是什么？"
    other = Hit("d", "d.txt", "规划", "第四章 › 二、发展环境", 0, 0, 40, "京津冀协同发展带来机遇。", 0.05, 0.80)
    under = Hit("d", "d.txt", "规划", "第四章 › 三、战略定位", 1, 40, 80, "打造现代化中心城区、先进制造业聚集区。", 0.045, 0.80)
    ranked = SentenceReranker().rerank(q, [other, under], 2)
    assert ranked[0].index == 1 and ranked[0].score > ranked[1].score


def test_chinese_numeral_figures_answer_figure_questions():
    assert has_figure("基本医疗保险参保率稳定在百分之九十五", "%") is True
    assert has_figure("人均国内生产总值从三万九千八百元增加到八万一千元", "元") is True
    assert has_figure("2025年1月14日在湖南省第十四届人民代表大会第三次会议上") is None  # a dateline has no figure


def test_years_listed_with_a_document_year_name_documents_too():
    both = analyse("2019年和2021年政府工作报告定的GDP增长目标各是多少？")
    assert both.doc_years == ("2019", "2021") and both.years == ()
    places = analyse("上海2026年和福建2025年报告分别定的城镇调查失业率目标是多少？")
    assert places.doc_years == ("2026", "2025") and places.years == ()
    asked = analyse("2024年政府工作报告讲，2023年老百姓人均收入增长了多少？")
    assert asked.doc_years == ("2024",) and asked.years == ("2023",)
    # two document years listed name both years' reports: each answers
    labels = {"r19": _label("2019年政府工作报告"), "r21": _label("2021年政府工作报告"),
              "p21": _label("某县国民经济和社会发展第十四个五年规划纲要（2021年）"), "r23": _label("2023年政府工作报告")}
    scope = doc_scope(both, labels)
    assert scope.docs == {"r19", "r21"} and scope.several
    assert doc_scope(analyse("2021年政府工作报告定的GDP增长目标是多少？"), labels).docs == {"r21"}


def test_question_terms_leave_out_units_references_and_document_names():
    assert "钱" not in analyse("甘肃五年在交通上一共砸了多少钱？").terms
    assert analyse("十二五期间要建多少套保障房？").terms == ("保障房",)  # 套 is the counter; 保障房 one glossary term
    assert analyse("2021年政府工作报告第三部分的第（八）项是什么？").terms == ()
    assert "二十大" not in analyse("二十大报告说军队改革裁了多少人？").terms
    assert "十四五" in analyse("甘肃“十四五”五年在交通上投了多少钱？").terms  # a period, not a document name
    assert "城镇" in analyse("江西今年计划在城镇新安置多少人就业？").terms  # 在 glued by the tagger


@pytest.mark.parametrize("question,head", [
    ("内蒙古2026年社会消费品零售总额增长目标定的多少？", ("社会消费品零售总额",)),
    ("广东2025年粮食总产量具体是多少万吨？", ("粮食", "总产量")),
    ("六五计划规定1985年职工平均工资是多少元？", ("职工", "平均工资")),
    ("广东2025年外贸进出口规模有多大？", ("外贸", "进出口")),  # 规模 says the kind of figure, not which
    ("上海港去年一共装卸了多少集装箱？", ()),  # the noun after 多少 is the unit counted
    ("乡村振兴有哪些要求？", ()),
])
def test_the_indicator_a_figure_question_counts(question, head):
    assert analyse(question).head == head


def test_a_near_miss_indicator_is_not_the_answer():
    from assistant.evidence import names_head

    g = Glossary.load()
    grain = analyse("广东2025年粮食总产量具体是多少万吨？")
    assert not check_sentence(grain, "水产品总产量1020万吨以上。", g).ok
    assert check_sentence(grain, "粮食总产量1285万吨以上。", g).ok
    retail = analyse("内蒙古2026年社会消费品零售总额增长目标定的多少？")
    assert not check_sentence(retail, "今年主要预期目标是：地区生产总值增长5%左右。", g).ok
    rd = analyse("广东2025年研发经费大概投了多少亿元？")
    assert names_head(rd, squash("全社会研发投入5350亿元"), g)  # the phrase's glossary synonym names it


def test_long_terms_match_across_an_inserted_qualifier_but_not_another_head():
    from assistant.evidence import term_present

    g = Glossary.load()
    assert term_present("人均收入", squash("城乡居民人均可支配收入增长5%"), g)
    assert not term_present("一般公共预算收入", squash("民生支出占一般公共预算支出比重80%"), g)
    assert not term_present("经济社会", squash("中国特色社会主义思想，中央经济工作会议"), g)


def test_only_real_place_names_restrict_passages_to_a_place():
    labels = {"gd": _label("广东省政府工作报告")}
    assert doc_scope(analyse("杭州2026年GDP目标是多少？"), labels).free_places == ("杭州",)
    assert doc_scope(analyse("广东城镇调查失业率目标是多少？"), labels).free_places == ()
    # a listed place the tagger reads as another word (包头 as a verb) is still the place asked about
    assert analyse("包头数字政府考评指标的第三部分是什么？").places == ("包头",)
    assert doc_scope(analyse("包头数字政府考评指标的第三部分是什么？"), labels).free_places == ("包头",)


def test_a_section_dated_another_year_does_not_answer():
    from assistant.evidence import check_passage, heading_years

    assert heading_years("第三章 发展目标（2021—2023年）") == {"2021", "2022", "2023"}
    g = Glossary.load()
    info = analyse("2026年全社会固定资产投资增长目标是多少？")
    review = Hit(doc_id="d", name="d.txt", title="2026年政府工作报告", section="一、2025年工作回顾", index=0, start=0,
                 end=1, text="全社会固定资产投资增长4.6%。", score=1.0)
    plan = Hit(doc_id="d", name="d.txt", title="2026年政府工作报告", section="三、2026年重点工作", index=1, start=0,
               end=1, text="全社会固定资产投资增长5%左右。", score=1.0)
    assert not check_passage(info, review, g, 0.5).ok
    assert check_passage(info, plan, g, 0.5).ok


def test_who_questions_are_answered_by_a_person():
    g = Glossary.load()
    info = analyse("这份政府工作报告是谁作的？")
    assert not check_sentence(info, "2026年某省政府工作报告", g).ok
    assert not check_sentence(info, "我代表省人民政府，向大会报告工作", g).ok
    assert check_sentence(info, "省长任振鹤作政府工作报告。", g).ok


def test_person_names_start_with_a_surname_and_office_holders_answer_who_best():
    from assistant.evidence import person_names, type_match
    assert person_names("某省省长 王 明") == ["王明"]  # spaced as reports print the author line
    assert person_names("向驻地人民解放军指战员、武警官兵致以崇高的敬意") == []  # the tagger's 武警官兵 is no name
    assert person_names("向给予政府工作大力支持的代表致谢") == []
    assert person_names("由省长任组长") == []  # 任组长 is a post, not a name
    info = analyse("这份报告是谁作的？")
    g = Glossary.load()
    assert not check_sentence(info, "我谨代表省人民政府，向武警官兵致以崇高的敬意", g).ok
    holder, name, body = (type_match(info, s) for s in ("某省省长 王 明", "王明作政府工作报告。", "省人民政府办公厅"))
    assert holder > name > body > type_match(info, "加快建设现代化产业体系") == 0.0


ROW = "指标：居民消费价格涨幅；单位：%；2024年完成值：0.2；2025年目标值：2左右。"


def test_table_rows_are_read_as_cells():
    assert row_cells(ROW) == [("指标", "居民消费价格涨幅"), ("单位", "%"), ("2024年完成值", "0.2"), ("2025年目标值", "2左右")]
    assert row_cells("一是稳增长；二是促改革。") is None  # no column names
    assert row_cells("主要目标：增长6%；就业：稳定。") is None  # two cells are a sentence, not a row
    assert row_cells("到2025年，全县生产总值：200亿元；收入：3万元；人口：50万。") is None  # a comma in a "column"
    text = f"表1 主要指标\n{ROW}\n全年经济增长5%；就业稳定。"
    units = [text[s:e] for s, e in sentence_units(text)]
    assert units == ["表1 主要指标", ROW, "全年经济增长5%；", "就业稳定。"]  # the row stays one sentence
    assert row_years(text) == {"2024", "2025"} and row_years("2024年经济增长5%；就业稳定。") == set()


def test_a_table_row_answers_from_the_value_cell_of_what_was_asked():
    g = Glossary.load()
    assert check_sentence(analyse("居民消费价格涨幅2025年目标是多少？"), ROW, g).ok
    assert check_sentence(analyse("2024年居民消费价格涨了百分之多少？"), ROW, g).ok  # the unit from 单位
    assert not check_sentence(analyse("2025年城镇调查失业率目标是多少？"), ROW, g).ok  # another row's indicator
    assert not check_sentence(analyse("居民消费价格涨幅2025年目标是多少亿元？"), ROW, g).ok  # not in the unit asked
    # a passage under a heading of another year still answers for a year its table's columns name
    hit = Hit(doc_id="d", name="d.txt", title="t", section="一、2025年主要目标 › 表1 主要指标", index=0, start=0,
              end=len(ROW), text=ROW, score=1.0)
    assert check_passage(analyse("2024年居民消费价格涨幅是多少？"), hit, g, 0.5).ok
    other = Hit(**{**hit.__dict__, "text": "居民消费价格涨幅2024年为0.2%。"})
    assert not check_passage(analyse("2024年居民消费价格涨幅是多少？"), other, g, 0.5).ok


def test_a_figure_clause_naming_nothing_asked_needs_all_of_it_named_before():
    g = Glossary.load()
    lead = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，在实际工作中努力争取更好结果；"
    # 社会 of 社会消费品零售总额 is in 经济社会发展: the first item's figure is not the retail sales target
    assert not check_sentence(analyse("社会消费品零售总额增长目标定的多少？"), lead, g).ok
    assert not check_sentence(analyse("全社会研发经费增速目标是多少？"), lead, g).ok
    # a question all of whose words the lead names is answered by its first item
    assert check_sentence(analyse("今年经济增长的预期目标是多少？"), lead, g).ok
    # a clause that names what was asked itself is judged as before
    assert check_sentence(analyse("社会消费品零售总额增长目标定的多少？"), "主要预期目标是：社会消费品零售总额增长5%左右。", g).ok


def test_how_many_things_is_answered_by_a_count_not_a_rate():
    g = Glossary.load()
    info = analyse("育成了几个突破性新品种？")
    assert not check_sentence(info, "育成一批突破性新品种，全省农业科技进步贡献率超74%。", g).ok  # 一批, 74%: no count
    assert check_sentence(info, "育成突破性新品种12个，农业科技进步贡献率超74%。", g).ok
    assert check_sentence(analyse("全省新建了多少所学校？"), "全省新建学校十二所。", g).ok
    # 几倍 and 多少个百分点 ask no count of things
    assert check_sentence(analyse("2020年生产总值是2010年的几倍？"), "生产总值由2010年的49.4亿元增长到2020年的111亿元。", g).ok


def test_more_units_asked_must_be_carried():
    g = Glossary.load()
    cars = analyse("2023年全国新能源汽车产量是多少辆？")
    assert cars.unit == "辆"
    assert not check_sentence(cars, "新能源汽车产销量占全球比重超过60%。", g).ok
    assert check_sentence(cars, "2023年新能源汽车产量达到958.7万辆。", g).ok
    pm = analyse("PM2.5浓度要降到多少微克每立方米？")
    assert pm.unit == "微克"
    assert not check_sentence(pm, "PM 2.5浓度降低、优良天数比率完成市定目标。", g).ok  # PM2.5's 2.5 is no amount
    assert check_sentence(pm, "PM2.5平均浓度下降到35微克/立方米以下。", g).ok


def test_two_places_each_asked_compare_documents():
    assert analyse("广东和海南2025年细颗粒物平均浓度各是多少？").cross_doc
    assert analyse("广东、海南、江西三省的增速目标分别是多少？").cross_doc
    assert not analyse("广东城镇和农村居民收入分别是多少？").cross_doc  # 城镇 is no place
    assert not analyse("广东2025年细颗粒物平均浓度各是多少？").cross_doc  # one place


def test_a_modal_glued_to_its_verb_is_no_term():
    assert "要盖" not in analyse("城镇五年要盖多少面积的住房？").terms


def test_a_figure_passage_need_not_name_the_kind_of_figure():
    from assistant.evidence import check_passage
    from assistant.glossary import Glossary

    hit = Hit(doc_id="d", name="d.txt", title="t", section="s", index=0, start=0, end=20,
              text="全国城镇住宅，五年建成3.1亿平方米。", score=1.0)
    g = Glossary.load()
    assert check_passage(analyse("城镇五年要盖多少面积的住房？"), hit, g, 0.5).ok  # 面积 is the kind, 住房 = 住宅
    assert not check_passage(analyse("城镇五年要修多少面积的道路？"), hit, g, 0.5).ok


def test_documents_that_share_a_title_are_named_by_their_year():
    from types import SimpleNamespace as NS

    from assistant.query import DocLabels
    docs = [NS(doc_id="a", title="政府工作报告", name="r2021.txt"), NS(doc_id="b", title="政府工作报告", name="r2024.txt"),
            NS(doc_id="c", title="政府工作报告", name="undated.txt"), NS(doc_id="d", title="2026年甘肃省政府工作报告", name="g.txt")]
    texts = {"a": "政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上", "b": "政府工作报告\n——2024年3月5日在会议上",
             "c": "政府工作报告\n各位代表：", "d": "2026年甘肃省政府工作报告"}
    index = NS(live=lambda: NS(key="k"), registry=NS(texts=lambda: texts), documents=lambda: docs)
    names = DocLabels(index).names()
    assert names == {"a": "政府工作报告（2021年）", "b": "政府工作报告（2024年）", "c": "undated.txt",
                     "d": "2026年甘肃省政府工作报告"}
    # two provinces' reports of one year: the place their datelines name tells them apart
    docs = [NS(doc_id="h", title="政府工作报告", name="h.txt"), NS(doc_id="g", title="政府工作报告", name="g.txt")]
    texts = {"h": "政府工作报告\n——2026年1月26日在海南省第七届人民代表大会第五次会议上",
             "g": "政府工作报告\n——2026年1月27日在广东省第十四届人民代表大会第五次会议上"}
    index = NS(live=lambda: NS(key="k"), registry=NS(texts=lambda: texts), documents=lambda: docs)
    assert DocLabels(index).names() == {"h": "政府工作报告（海南省，2026年）", "g": "政府工作报告（广东省，2026年）"}


def test_a_places_government_taken_for_one_organisation_names_the_place():
    # the tagger reads 广东政府 and 广东省政府 as one organisation
    assert analyse("2023年广东政府工作报告说粮食产量是多少？").places == ("广东",)
    assert analyse("2023年广东省政府工作报告说粮食产量是多少？").places == ("广东省",)
    assert analyse("中国人民银行的贷款利率是多少？").places == ()  # an organisation, not a government


def test_a_rate_asked_alone_wants_a_percentage():
    assert analyse("2025年海南经济增速是多少？").unit == "%"
    assert analyse("2023年经济总量和增速各是多少？").unit is None  # two things asked
    assert analyse("轻工业和重工业的增幅差了多少？").unit is None  # a computation


def test_a_short_name_of_an_indicator_stands_for_its_names_not_back():
    from assistant.question import synonyms
    g = Glossary.load()
    assert "地区生产总值" in synonyms("经济", g) and "居民人均可支配收入" in synonyms("居民收入", g)
    assert "经济" not in synonyms("GDP", g)


def test_a_known_term_the_tagger_cuts_apart_is_one_term():
    # 细/颗粒物: one glossary term (its synonym PM2.5 then applies); words of their own stay apart
    assert "细颗粒物" in analyse("海南2025年细颗粒物平均浓度是多少？").terms
    assert analyse("十二五期间要建多少套保障房？").terms == ("保障房",)
    # a long known term is one indicator: 社会 of 经济社会 in a heading does not stand for it
    assert analyse("2024年社会消费品零售总额要增长多少？").terms[0] == "社会消费品零售总额"
    assert analyse("城乡居民收入要增长多少？").terms[:2] == ("城乡居民", "收入")  # no known term: words of their own
    assert "2035年" not in analyse("全国2035年人均国内生产总值要达到什么水平？").terms  # a year is no term


def test_a_quoted_name_is_one_term_whatever_the_tagger_makes_of_it():
    # 一网通/办: an idiom and a lone verb to the tagger, one name to the documents
    assert "一网通办" in analyse("政务服务“一网通办”这一大项满分多少？").terms
    assert "七地一屏一通道" in analyse("报告提到的「七地一屏一通道」指什么？").terms
    # plan names and periods stay as they were read (a period, not a subject)
    assert "十四五" in analyse("“十四五”期间GDP年均增长多少？").terms
    # a counted slogan is not: its items, which answer, do not repeat it
    assert "八个聚焦" not in analyse("报告说必须做到“八个聚焦”，是哪八个？").terms
    assert "走出六条新路" not in analyse("讲话中“走出六条新路”具体是哪六条？").terms


def test_a_joined_term_covers_as_much_as_the_words_it_was_joined_from():
    from assistant.evidence import coverage
    g = Glossary.load()
    info = analyse("规划里城镇调查失业率要控制在多少以内？")
    assert "城镇调查失业率" in info.terms
    # the rate is missing: 控制 alone covers a quarter, as it did with the rate as three words
    assert coverage(info, squash("全国总人口控制在13.9亿人以内。"), g) == pytest.approx(0.25)
    assert coverage(info, squash("调查失业率控制在5.5%以内。"), g) == 1.0  # a synonym of the whole term


def test_a_joined_term_partly_held_covers_its_words_held():
    from assistant.evidence import coverage
    g = Glossary.load()
    info = analyse("规划里城镇调查失业率要控制在多少以内？")
    # 城镇 and 调查 held, not the rate: three of the four words' worth (控制 too), as before the term was joined
    assert coverage(info, squash("城镇人口调查结果控制在"), g) == pytest.approx(0.75)


def test_a_day_asked_is_answered_by_a_day_not_a_year():
    g = Glossary.load()
    info = analyse("这份指导意见是哪天印发的？")
    assert not check_sentence(info, "将《某市2022年数字政府建设考评办法》印发给你们。", g).ok
    assert check_sentence(info, "2022年11月21日", g).ok
    assert check_sentence(info, "二〇二二年十一月二十一日", g).ok
    assert check_sentence(analyse("这份办法是哪一年印发的？"), "将《某市2022年考评办法》印发给你们。", g).ok


def test_lately_is_no_count_of_years():
    assert analyse("海南这几年抗过的最强台风叫什么名字？").unit is None  # 这几年: lately
    assert analyse("近几年GDP年均增长多少？").unit is None
    assert analyse("打算花几年把管理制度建起来？").unit == "年"


def test_a_place_named_before_this_county_is_a_place():
    # the tagger takes 大同 for an adverb; 这个县 after it says it is a place
    assert analyse("大同这个县去年一般公共预算收入有多少？").places == ("大同",)
    assert analyse("我们这个县今年GDP多少？").places == ()  # a pronoun is no place


def test_a_noun_after_how_much_is_the_subject_a_counter_is_not():
    assert analyse("六五计划要求1985年全国挖多少煤？").terms == ("煤",)
    assert "人" not in analyse("高职院校要招多少人？").terms
    assert analyse("需要多少钱？").unit == "元"


def test_a_noun_the_tagger_files_as_a_pronoun_is_kept():
    assert "本科" in analyse("困难家庭的孩子考上本科，一次性给多少钱？").terms


def test_percentage_points_asked_are_no_count_of_things():
    g = Glossary.load()
    info = analyse("两份规划对经济年均增速的要求各是多少？相差几个百分点？")
    assert not check_sentence(info, "围绕“争做两个确立忠诚拥护者”，推动经济发展迈进。", g).ok  # 两个 counts no growth
    assert check_sentence(info, "地区生产总值年均增长6%以上。", g).ok


def test_a_synonym_of_the_asked_qualifier_does_not_make_its_sibling_another_indicator():
    g = Glossary.load()
    info = analyse("2020年城里人人均收入预计多少？")  # 城里人: 城镇居民 and 城市居民
    assert check_sentence(info, "城镇、农村居民人均可支配收入2020年预计分别达到47429元和19755元。", g).ok
    assert not check_sentence(info, "农村居民人均可支配收入2020年预计达到19755元。", g).ok


def test_a_figure_of_a_place_the_question_does_not_name_is_not_the_answer():
    g = Glossary.load()
    info = analyse("甘肃十四五末经济总量做到了多少？")
    context = squash("2026年甘肃省政府工作报告")
    assert not check_sentence(info, "兰州新区经济总量突破500亿元、实现翻一番。", g, context).ok
    assert check_sentence(info, "全省地区生产总值达到13697.5亿元。", g, context).ok
    asked = analyse("北方冬季清洁取暖的比例达到多少？")  # 北方地区: the place asked
    assert check_sentence(asked, "北方地区清洁取暖率达到70%。", g).ok
    towns = analyse("到2025年全市要培育发展多少个特色小镇？")  # 各县区 is no place
    assert check_sentence(towns, "各县区培育发展2个以上、全市培育发展20个以上特色小镇。", g).ok


def test_a_proposed_amount_is_a_goal_whatever_it_is_compared_with():
    g = Glossary.load()
    info = analyse("地方政府专项债券打算安排多少？")
    assert check_sentence(info, "今年拟安排地方政府专项债券2.15万亿元，比去年增加8000亿元。", g).ok
    assert not check_sentence(info, "去年安排地方政府专项债券1.35万亿元，比上年增加2000亿元。", g).ok


def test_the_clause_most_about_what_was_asked_is_the_focus():
    g = Glossary.load()
    info = analyse("紧急信息要在多长时间内报送？")  # both clauses hold a span of time and some of the words asked
    check = check_sentence(info, "一般性信息要在3天内报送，紧急信息要在2小时内报送。", g)
    assert check.ok and "2小时" in check.focus


def test_a_count_is_answered_by_a_clause_naming_the_thing_counted():
    from assistant.evidence import counted_thing

    assert counted_thing("海南今年要引进多少家非国有博物馆？") == "博物馆"
    assert counted_thing("要求市里多少个部门之间的数据互通？") == "部门"  # the thing ends where 之间 joins another
    assert counted_thing("相差几个百分点？") == "" and counted_thing("有多少个？") == ""
    assert counted_thing("覆盖几个领域、多少个项目和课题？") == ""  # several counts name their things loosely
    g = Glossary.load()
    museums = analyse("海南今年要引进多少家非国有博物馆？")
    assert not check_sentence(museums, "基础教育引进国内外名校累计达88所。", g).ok
    assert check_sentence(museums, "引进非国有博物馆12家。", g).ok


def test_a_place_goes_by_its_name_without_its_tier():
    from assistant.question import place_key

    assert place_key("广东省") == "广东" and place_key("西藏自治区") == "西藏" and place_key("内蒙古自治区") == "内蒙古"
    assert place_key("上海") == "上海"


def test_which_one_asks_for_one_thing_which_three_for_items():
    assert analyse("海南今年要申办的国际农业合作论坛是哪一个？").kind == "what"
    assert analyse("乡村振兴要抓哪三个方面？").kind == "list"


def test_research_intensity_is_research_spending_as_a_share_of_output():
    from assistant.evidence import term_present

    g = Glossary.load()  # the statistical definition, written out as documents write it
    assert term_present("研发投入强度", squash("全社会研发经费支出相当于全市生产总值的比例达到4.6%左右"), g)
    assert term_present("研发投入强度", squash("研究与试验发展经费支出占国内生产总值比重达到２．２％"), g)
    assert not term_present("研发投入强度", squash("财政性教育经费支出占国内生产总值比例达到4%"), g)


def test_a_lead_in_span_of_time_is_the_time_of_what_follows_it():
    g = Glossary.load()
    info = analyse("打算花几年把数据专区管理制度建起来？")
    check = check_sentence(info, "利用2-3年时间，建立健全数据专区配套管理制度和标准规范，形成一套专区管理制度体系。", g)
    assert check.ok and check.focus.startswith("利用2-3年时间，建立健全")
    assert not check_sentence(info, "利用2-3年时间，培育一批数字经济龙头企业。", g).ok  # what follows is not what was asked


def test_words_naming_the_document_are_no_terms_while_they_name_one():
    from assistant.evidence import doc_label
    from assistant.query import make_query

    info = analyse("县委经济工作会议讲话提到的核心区生态修复二期，要建多长的绿色长廊？")
    assert info.doc_name == ("县委", "经济", "会议") and "县委" not in info.terms and "长廊" in info.terms
    assert analyse("二十大那份报告是以哪一届中央委员会的名义作的？").doc_name == ("二十大",)
    # a place or a place's government before the kind stays a place
    assert analyse("2023年广东政府工作报告说粮食产量是多少？").places == ("广东",)
    assert analyse("安徽工业互联网行动计划提出了哪些新模式？").places == ("安徽",)

    class Labels:  # DocLabels over two documents
        def __init__(self, labels):
            self.labels = labels

        def all(self):
            return self.labels

        def of(self, ids=None):
            return self.labels

        def texts(self):
            return {}

        def places(self):
            return frozenset()

    speech = {"s": doc_label("真抓实干", "s.txt", "——在县委经济工作会议上的讲话"),
              "r": doc_label("政府工作报告", "r.txt", "各位代表")}
    q = "县委经济工作会议讲话提到的绿色长廊要建多长？"
    assert make_query(q, q, Labels(speech), 5).info.terms == ("绿色", "长廊")
    # no document here is named by them: they are asked of whatever answers
    assert "会议" in make_query(q, q, Labels({"r": speech["r"]}), 5).info.terms


def test_a_year_in_chinese_numerals_counts_in_the_body_not_in_a_plans_title():
    from assistant.evidence import check_passage
    info = analyse("到2035年要建成哪些强国？")
    title = "第十四个五年规划和二〇三五年远景目标纲要"
    body = Hit("d", "d.txt", "报告", "", 0, 0, 30, "到二〇三五年，建成教育强国、科技强国、人才强国。", 1.0, 0.9)
    assert check_passage(info, body, Glossary.load(), 0.5).ok
    titled = Hit("p", "p.txt", title, "", 0, 0, 30, "建成教育强国、科技强国、人才强国。", 1.0, 0.9)
    assert check_passage(info, titled, Glossary.load(), 0.5).reason == "the passage does not mention 2035"


def test_which_body_is_answered_by_a_body_named():
    info = analyse("包头考评指标里“包头文化云”建设由哪个单位牵头考核？")
    assert info.kind == "who"
    g = Glossary.load()
    assert check_sentence(info, "“包头文化云”建设：由市文旅局牵头考核。", g).ok
    # the words 部门 or 委员 name no body; a person answers 谁, not 哪个单位
    assert check_sentence(info, "各部门要加强“包头文化云”建设。", g).reason == "the sentence names no body"
    assert not check_sentence(info, "“包头文化云”建设由委员张三负责。", g).ok
