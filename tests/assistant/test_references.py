"""Every way a question names a document or a part of one (assistant/references.py, evidence.doc_scope)."""

import pytest

from assistant.evidence import doc_label, doc_scope
from assistant.question import analyse
from assistant.references import heading_prefixes, matches, to_chinese, to_int


@pytest.mark.parametrize("q, expected", [
    ("第三部分讲了什么？", [("三、", "3、", "3.")]),
    ("第（八）项是什么", [("（八）", "（8）", "八是")]),  # an item may be run in: 八是…
    ("第(5)项说的什么", [("（五）", "（5）", "五是")]),
    ("第八项的内容", [("（八）", "（8）", "八是")]),
    ("第十五条怎么规定", [("第十五条", "第15条")]),
    ("第15条怎么规定", [("第十五条", "第15条")]),
    ("第二十三章", [("第二十三章", "第23章")]),
    ("第1章讲什么", [("第一章", "第1章")]),
    ("附件2是什么", [("附件二", "附件2")]),
    ("专栏3里有哪些工程", [("专栏三", "专栏3")]),
    ("【重点任务5】讲了什么", [("【重点任务5】",)]),
    ("第二编第三节", [("第二编", "第2编"), ("第三节", "第3节")]),
    ("广东今年GDP目标多少", []),
])
def test_heading_prefixes(q, expected):
    assert heading_prefixes(q) == expected


def test_numerals_round_trip():
    for n in (1, 9, 10, 11, 19, 20, 23, 99, 100, 105, 110, 999):
        assert to_int(to_chinese(n)) == n
    assert to_int("两") == 2 and to_int("〇") == 0 and to_int("abc") is None


def test_matches_folds_width_and_spaces():
    assert matches("（八）深化改革", ("（八）",))
    assert matches("(八)深化改革", ("（八）",))
    assert matches("第十五条　数据共享", ("第十五条",))
    assert not matches("（十八）其他", ("（八）",))


def test_part_reference_makes_a_section_question():
    info = analyse("这份意见第三部分讲了什么？")
    assert info.kind == "section" and info.parts == (("三、", "3、", "3."),)


def test_document_years_are_not_asked_years():
    info = analyse("2023年政府工作报告里赤字率是多少？")
    assert info.doc_years == ("2023",) and info.years == ()
    info = analyse("广东2026年的报告里GDP增长目标是多少")
    assert info.doc_years == ("2026",) and info.years == ()
    info = analyse("2026年广东GDP增长目标多少")
    assert info.doc_years == () and info.years == ("2026",)


LABELS = {
    "a": doc_label("政府工作报告", "gov_report_2023_national.txt", "各位代表：现在，我代表国务院"),
    "b": doc_label("政府工作报告", "report.txt", "——2026年1月26日在广东省第十四届人民代表大会第五次会议上"),
    "c": doc_label("中华人民共和国国民经济和社会发展第六个五年计划", "plan.txt", ""),
    "d": doc_label("关于实施乡村振兴战略的意见", "opinion.txt", "（2018年1月2日）"),
    "e": doc_label("政府工作报告", "gov_report_2024_national.txt", "各位代表"),
}


def test_label_reads_years_and_plan_ordinals():
    assert LABELS["a"].years == {"2023"}  # the file name
    assert LABELS["b"].years == {"2026"}  # the dateline
    assert LABELS["c"].plans == {"六五"}


@pytest.mark.parametrize("q, docs", [
    ("2023年政府工作报告里赤字率是多少？", {"a"}),
    ("广东这份报告提出的GDP目标是多少", {"b"}),
    ("六五计划里粮食产量目标是多少", {"c"}),
    ("六五期间粮食产量要增长多少", {"c"}),  # the period asked about names its plan
    ("“六五”时期国家每年要发多少国债", {"c"}),
    ("乡村振兴那个意见提出了哪些原则", {"d"}),
])
def test_scope_from_metadata(q, docs):
    assert doc_scope(analyse(q), LABELS).docs == docs


def test_contradicting_references_do_not_refuse():
    # a year no document has and a place one has: the place decides
    scope = doc_scope(analyse("广东2019年的报告里GDP是多少"), LABELS)
    assert scope.docs == {"b"}


def test_place_no_document_covers_is_free():
    scope = doc_scope(analyse("江苏省今年的GDP增长目标是多少"), LABELS)
    assert scope.docs is None and scope.free_places == ("江苏",)


def test_unknown_genre_stays_in_scope():
    # a report that starts at 各位代表 has no title: its first sentence (…提出意见) names no genre
    labels = dict(LABELS, f=doc_label("各位代表：现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
                                      "gov_report_2019_national.txt", "各位代表"))
    assert labels["f"].title == ""
    assert doc_scope(analyse("2019年政府工作报告里赤字率是多少？"), labels).docs == {"f"}
    # unknown is not a mismatch, but a document the genre names outright comes first: the 意见, not the report
    assert doc_scope(analyse("那个意见提出了哪些原则"), labels).docs == {"d"}
    # unless the words before the genre are in one title
    assert doc_scope(analyse("乡村振兴那个意见提出了哪些原则"), labels).docs == {"d"}


REPORT_TREE = [("a", "一、回顾"), ("b", "一、回顾 › （一）经济"), ("c", "二、总体要求"), ("d", "三、重点工作 › （一）产业"),
               ("e", "三、重点工作 › （一）产业"), ("f", "三、重点工作 › （二）民生"), ("g", "三、重点工作 › （二）民生 › 1.就业"),
               ("h", "三、重点工作 › （二）民生 › 2.教育")]


@pytest.mark.parametrize("question,path,shown", [
    ("第三部分的第（二）项是什么？", ("三、重点工作", "（二）民生"), ["f", "g", "h"]),  # nested: the item under the part
    # the enclosing heading the question names; no sub-parts: all its chunks
    ("重点工作的第（一）项讲什么？", ("三、重点工作", "（一）产业"), ["d", "e"]),
    ("第三部分讲什么？", ("三、重点工作",), ["d", "f"]),  # the part's first chunk and each sub-part's
    ("最后一部分讲什么？", ("三、重点工作",), ["d", "f"]),  # the last top-level part of the tree
    ("第三部分的最后一项是什么？", ("三、重点工作", "（二）民生"), ["f", "g", "h"]),
])
def test_parts_are_resolved_through_the_heading_tree(question, path, shown):
    from assistant.references import resolve_part

    assert resolve_part(REPORT_TREE, heading_prefixes(question), question) == (path, shown)


def test_a_part_the_document_lacks_resolves_to_nothing():
    from assistant.references import resolve_part

    assert resolve_part(REPORT_TREE, heading_prefixes("第九部分讲什么？")) is None
    assert resolve_part(REPORT_TREE, heading_prefixes("第一部分的第（三）项是什么？")) is None


def test_a_numbered_part_of_a_kind_the_document_numbers_but_lacks_is_absent():
    from assistant.references import absent_part

    def absent(q):
        return absent_part(REPORT_TREE, heading_prefixes(q))

    assert absent("第九部分讲什么？") == "九、"  # three numbered parts, not nine
    assert absent("第三部分的第（五）项是什么？") == "（五）"  # the part is there, its fifth item is not
    assert absent("第三部分的第（二）项是什么？") is None  # found
    assert absent("最后一部分讲什么？") is None
    # a kind of part the document numbers nowhere may be one its headings were not read for: not absent
    assert absent("第二章讲什么？") is None and absent("附件2是什么？") is None
    boxed = REPORT_TREE + [("i", "专栏1 重大工程"), ("j", "附件1 名词解释")]
    assert absent_part(boxed, heading_prefixes("专栏3是什么？")) == "专栏三"  # one box is enough to count them
    assert absent_part(boxed, heading_prefixes("附件1是什么？")) is None
    # a 5. item deep under a part is no 第五部分 of a document that numbers its parts 一、二、三、
    items = REPORT_TREE + [("k", "三、重点工作 › （二）民生 › 5.养老")]
    assert absent_part(items, heading_prefixes("第五部分讲什么？")) == "五、"
    assert absent("第二部分讲什么？") is None
    # an item run in as 八是… counts among the items a part numbers
    run_in = [("a", "三、重点工作 › 一是产业"), ("b", "三、重点工作 › 二是民生"), ("c", "四、保障")]
    assert absent_part(run_in, heading_prefixes("第四部分的第（八）项讲什么？")) == "（八）"
    assert absent_part(run_in, heading_prefixes("第三部分的第（二）项讲什么？")) is None


def test_a_place_name_the_tagger_takes_for_a_person_is_a_place():
    assert analyse("乐亭县十四五期间常住人口城镇化率目标是多少？").places == ("乐亭县",)
    assert analyse("李明县长说了什么？").places == ()


def test_a_document_named_by_the_words_before_its_kind():
    from assistant.evidence import title_named

    labels = dict(LABELS, f=doc_label("关于推进县域经济高质量发展的实施意见", "o.txt", ""),
                  g=doc_label("安徽省工业互联网创新发展行动计划（2021—2023年）的通知", "p.txt", ""))
    assert title_named("县域经济那个实施意见讲了什么", labels) == [{"f"}]
    assert title_named("安徽工业互联网行动计划的专栏3", labels) == [{"g"}]  # its longest run in a title
    # 报告 inside 政府工作报告 is not read again; a year, a period or a short name names no one document
    assert title_named("2023年政府工作报告里赤字率是多少", labels) == []
    labels["h"] = doc_label("2021年政府工作报告(区县)", "r.txt", "")
    assert title_named("2021年政府工作报告计划当年新开工改造多少个老小区", labels) == []  # not 年政府工作报告
    assert title_named("十四五规划和二十大报告", labels) == []
    # cross-document: each name adds its document
    assert doc_scope(analyse("县域经济实施意见和乡村振兴意见各提了哪些要求？"), labels).docs == {"d", "f"}


def test_the_whole_country_asked_about_narrows_to_national_documents():
    labels = dict(LABELS, g=doc_label("政府工作报告", "report.txt", "——2023年1月12日在广东省第十三届人民代表大会第六次会议上"))
    # the title, or an opening that names no place (e: nothing says so)
    assert [d for d, label in labels.items() if label.national] == ["a", "c"]
    # two 2023 reports: 全国 names the national one
    assert doc_scope(analyse("2023年政府工作报告里全国粮食产量是多少？"), labels).docs == {"a"}
    # the year is the figure's; documents that name no place or tier (d, e) may be the country's too, a
    # province's (b, g) may not
    assert doc_scope(analyse("2023年我国经济增速是多少？"), labels).docs == {"a", "c", "d", "e"}
    # a yardstick, a place, or every place: no narrowing
    assert doc_scope(analyse("2023年政府工作报告里粮食产量居全国第几位？"), labels).docs == {"a", "g"}
    assert doc_scope(analyse("广东在全国的粮食产量是多少？"), labels).docs == {"b", "g"}
    assert doc_scope(analyse("六五计划和十二五规划对全国人口各要控制到多少？"), labels).docs == {"c"}  # named already
    # metadata a document may lack never empties the scope
    assert doc_scope(analyse("乡村振兴那个意见要求全国怎么做？"), labels).docs == {"d"}


def test_a_report_named_by_genre_and_year_alone_is_the_countrys():
    labels = dict(LABELS, g=doc_label("政府工作报告", "report.txt", "——2023年1月12日在广东省第十三届人民代表大会第六次会议上"))
    assert doc_scope(analyse("2023年政府工作报告说粮食产量是多少？"), labels).docs == {"a"}
    # a place or a province's own word (全省): the province's is meant
    assert doc_scope(analyse("2023年政府工作报告说全省粮食产量是多少？"), labels).docs == {"g"}
    assert doc_scope(analyse("2023年广东政府工作报告说粮食产量是多少？"), labels).docs == {"g"}
    assert doc_scope(analyse("2023年政府工作报告里粮食产量居全国第几位？"), labels).docs == {"a", "g"}
    assert doc_scope(analyse("23年报告说粮食产量是多少？"), labels).docs == {"a"}  # named by its year alone
    assert doc_scope(analyse("2023年政府工作报告说地方政府专项债券安排多少？"), labels).docs == {"a"}  # 地方 is no place
    # 城镇 is a place to the tagger, not a place
    assert doc_scope(analyse("按2023年政府工作报告，2022年实际新增城镇就业多少人？"), labels).docs == {"a"}
    # no national document of that year: nothing to prefer
    only = {k: v for k, v in labels.items() if k != "a"}
    assert doc_scope(analyse("2023年政府工作报告说粮食产量是多少？"), only).docs == {"g"}
    # two years compared, no place: each year's country's report (广东's 2026 one is no 2026 national report here)
    assert doc_scope(analyse("2023年和2024年报告里的粮食产量目标各是多少？"), labels).docs == {"a", "e"}
    assert doc_scope(analyse("2023年和2026年报告里的粮食产量目标各是多少？"), labels).docs == {"a", "b"}


def test_the_last_part_named():
    from assistant.references import is_last, ordinal, without_refs

    (last,) = heading_prefixes("报告最后一部分要求建设哪几种政府？")
    assert is_last(last) and matches("十、建设人民满意的政府", last) and not matches("（一）建设法治政府", last)
    assert matches("第十二章 保障措施", heading_prefixes("最后一章讲什么")[0])
    assert ordinal("十、建设") == 10 and ordinal("第十五条 施行") == 15 and ordinal("（三）民生") == 3
    assert "最后" not in without_refs("最后一部分讲什么") and analyse("最后一部分讲什么？").kind == "section"


def test_a_question_about_how_a_document_is_divided():
    from assistant.references import outline, outline_level

    assert outline_level("这份2026年政府工作报告分成哪几大部分？") == "部分"
    assert outline_level("十二五规划一共有几篇？") == "篇" and outline_level("这份实施意见包括哪几个部分？") == "部分"
    # a part's own division is asked of the part, not of the document
    assert outline_level("未来五年的主要任务分成了哪几块？") is None and outline_level("第三部分讲什么？") is None
    chunks = [("c0", ""), ("c1", "一、过去一年工作回顾"), ("c2", "一、过去一年工作回顾 › （一）经济"),
              ("c3", "二、今年工作安排"), ("c4", "附件")]
    assert outline(chunks, "部分") == [("一、过去一年工作回顾", "c1"), ("二、今年工作安排", "c3")]  # the annex is no part
    unnumbered = [("c1", "工作回顾"), ("c2", "主要目标任务"), ("c3", "2026年重点工作")]
    assert [p for p, _ in outline(unnumbered, "部分")] == ["工作回顾", "主要目标任务", "2026年重点工作"]
    plan = [("c1", "第一篇 总体要求 › 第一章 发展环境"), ("c2", "第一篇 总体要求 › 第二章 指导思想"), ("c3", "第二篇 创新")]
    assert [p for p, _ in outline(plan, "篇")] == ["第一篇 总体要求", "第二篇 创新"]
    assert [p for p, _ in outline(plan, "章")] == ["第一章 发展环境", "第二章 指导思想"]


def test_a_document_named_by_another_year_is_not_the_one_here():
    from assistant.evidence import check_passage
    from assistant.glossary import Glossary
    from vectordb.index import Hit

    labels = {"m": doc_label("某市2022年数字政府建设考评办法", "m.txt", ""),
              "p": doc_label("某市数字政府建设行动方案（2021—2023年）", "p.txt", "")}
    hit = Hit(doc_id="m", name="m.txt", title="某市2022年数字政府建设考评办法", section="附件",
              index=0, start=0, end=20, text="一、政务服务“一网通办”（25分）", score=1.0)
    g = Glossary.load()
    for q, ok in (("某市2022年数字政府建设考评办法里一网通办占多少分？", True),
                  ("某市2023年数字政府建设考评办法里一网通办占多少分？", False)):
        info = analyse(q)
        assert check_passage(info, hit, g, 0.5, doc_scope(info, labels)).ok is ok
    # a range names every year in it: the 2022 plan is the 2021—2023 one
    plan = Hit(doc_id="p", name="p.txt", title="某市数字政府建设行动方案（2021—2023年）", section="一、目标",
               index=0, start=0, end=20, text="到2023年，一网通办事项达到500项。", score=1.0)
    info = analyse("某市2022年数字政府建设行动方案里一网通办事项要达到多少项？")
    assert check_passage(info, plan, g, 0.5, doc_scope(info, labels)).ok


def test_a_question_naming_nothing_is_not_answered_by_any_passage():
    from assistant.evidence import check_passage
    from assistant.glossary import Glossary
    from vectordb.index import Hit

    hit = Hit(doc_id="d", name="d.txt", title="某县十四五规划", section="一、总体要求", index=0, start=0, end=20,
              text="到2025年，地区生产总值达到300亿元。", score=1.0)
    g = Glossary.load()
    for q in ("“”", "\x00\x01\x02", "他说了什么？"):
        assert check_passage(analyse(q), hit, g, 0.5).reason == "the question names nothing to look for"
    # a document named by its kind (这份规划) or a part (第三部分) is something to look for
    assert check_passage(analyse("这份规划分成哪几部分？"), hit, g, 0.5).reason != "the question names nothing to look for"
    assert check_passage(analyse("第三部分讲什么？"), hit, g, 0.5).reason != "the question names nothing to look for"


def test_a_documents_tier_of_government_comes_from_its_place_or_the_body_it_speaks_for():
    assert LABELS["a"].level == "country"
    assert LABELS["b"].level == "province"  # 广东省 in the dateline
    assert doc_label("(河北省)衡水市冀州区国民经济和社会发展十四五规划", "plan.txt", "").level == "county"  # the last place
    assert doc_label("XX县国民经济和社会发展“十四五”规划总体思路", "plan.txt", "").level == "county"
    assert doc_label("2021年政府工作报告(区县)", "r.txt", "各位代表:现在,我代表县人民政府向大会报告工作").level == "county"
    assert doc_label("关于推进县域经济高质量发展的实施意见", "o.txt", "为加快推进我市县域经济高质量发展").level == "city"
    assert doc_label("2026年内蒙古自治区政府工作报告", "r.txt", "").level == "province"  # 自治区, not 区
    assert doc_label("讲话", "s.txt", "同志们").level == ""


def test_words_of_one_tier_narrow_to_its_documents():
    labels = dict(LABELS, f=doc_label("2021年政府工作报告(区县)", "r.txt", "各位代表:现在,我代表县人民政府向大会报告工作"),
                  g=doc_label("讲话", "s.txt", "——在县委全会上的讲话"))
    # e: a report whose tier nothing states is kept
    assert doc_scope(analyse("县里这份政府工作报告提出地区生产总值年均增长多少？"), labels).docs == {"e", "f"}
    assert doc_scope(analyse("县委书记的讲话说2025年GDP要突破多少？"), labels).docs == {"g"}
    assert doc_scope(analyse("该省政府工作报告说粮食产量是多少？"), labels).docs == {"b", "e"}
    # no tier word: every report
    assert doc_scope(analyse("政府工作报告说粮食产量是多少？"), labels).docs >= {"a", "b", "e", "f"}


def test_a_place_whose_documents_are_of_other_years_leaves_the_years_document_that_must_name_it():
    # only 广东's 2026 report is here; the 2023 report is the country's, and its passage must name 广东
    scope = doc_scope(analyse("2023年政府工作报告提到广东的哪个工程？"), LABELS)
    assert scope.docs == {"a"} and scope.free_places == ("广东",)
    scope = doc_scope(analyse("2026年政府工作报告提到广东的哪个工程？"), LABELS)
    assert scope.docs == {"b"} and scope.free_places == ()


def test_a_year_asked_is_found_written_in_chinese_numerals():
    from assistant.evidence import year_written

    assert year_written("2035", "到二〇三五年，我国发展的总体目标是") and year_written("2035", "到二零三五年基本实现")
    assert year_written("2035", "到2035年") and not year_written("2035", "到二〇三〇年") and not year_written("2035", "编号二〇三五")
