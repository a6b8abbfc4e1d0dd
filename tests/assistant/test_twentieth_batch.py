"""Rules of the twentieth blind batch, on hand-made text: a document named before a demonstrative, every body of a
tier is no each-of-documents, a path asked at two levels, towns the tagger cuts, a date a rule applies from, an office
that holds a post, a part's sub-parts kept in one chunk, the partner figure counting what the first counts."""

from assistant.answer.extractive import ExtractiveBackend
from assistant.arithmetic import computed_sentence, operations, partner
from assistant.evidence import check_sentence, doc_label
from assistant.glossary import Glossary, normalise_query
from assistant.question import analyse
from vectordb.index import Hit

G = Glossary.load()


def _hit(text: str, section: str, index: int = 0, start: int = 0) -> Hit:
    return Hit(doc_id="d", name="d.html", title="通告", section=section, index=index, start=start,
               end=start + len(text), text=text, score=1.0, chunk_id=f"d-{index}")


def test_a_name_before_a_demonstrative_names_the_document():
    # 县政府这份工作报告: 县政府 names the report, RCEP is what is asked
    assert analyse("县政府这份工作报告有没有提到RCEP？怎么说的？").terms == ("RCEP",)
    assert "县政府" in analyse("县政府这份工作报告有没有提到RCEP？").doc_name


def test_every_body_of_a_tier_is_not_each_of_several_documents():
    info = analyse("冀州纲要最后一章讲的是规划怎么落实吧？分了哪几块，各乡镇各部门要承担什么？")
    assert not info.cross_doc
    assert analyse("甲县规划纲要和乙县实施方案各提了几个目标？").cross_doc


def test_a_path_asked_at_two_levels_is_given_down_to_the_heading_found():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    text = "二、深化地下水超采综合治理\n实行最严格的水资源管理制度，推进地下水超采综合治理。"
    hit = Hit(doc_id="d", name="d.txt", title="甲区十四五规划纲要",
              section="第七篇加强生态治理 › 第二十三章推进生态建设和修复 › 二、深化地下水超采综合治理",
              index=3, start=0, end=len(text), text=text, score=1.0, chunk_id="d-3")
    draft = backend._section_answer(analyse("关于地下水超采治理的内容位于哪一篇哪一章？"), [hit])
    assert draft is not None
    assert draft.answer.startswith("第七篇加强生态治理 › 第二十三章推进生态建设和修复[1]")  # down to the 章 asked
    # one level asked: that level's heading
    draft = backend._section_answer(analyse("地下水超采治理在哪一篇？"), [hit])
    assert draft is not None and draft.answer.startswith("第七篇加强生态治理[1]")


def test_a_town_the_tagger_cuts_is_one_place():
    assert analyse("枫口镇去年新修农村公路多少公里？").places == ("枫口镇",)
    assert "白鹭镇" in analyse("甲县白鹭镇中心小学今年的招生范围是怎么划的？").places
    assert analyse("泠水镇规划面积多少").places == ("泠水镇",)
    # a generic word before 镇 is no town
    assert analyse("示范镇建设多少个").places == ()


def test_the_date_a_rule_applies_from_answers_when_it_took_effect():
    info = analyse("公积金贷款利率这次下调是从哪天开始执行的？")
    assert info.kind == "when"
    said = "自2025年5月8日起，首套个人住房公积金贷款利率5年以上为2.6%"
    assert check_sentence(info, said, G).ok
    assert not check_sentence(info, "首套个人住房公积金贷款利率5年以上为2.6%", G).ok


def test_an_office_that_holds_a_post_says_who():
    info = analyse("公积金管委会的主任一般是谁来当？")
    assert check_sentence(info, "管委会主任由市人民政府分管副市长担任", G).ok
    assert not check_sentence(info, "管委会有委员25名，全年召开2次全体会议", G).ok


def test_a_time_asked_is_no_subject_a_passage_must_name():
    info = analyse("冀州规划里对政务服务全程网上办理有没有给出时间节点？")
    assert info.kind == "when"
    assert not {"时间", "节点", "给出"} & set(info.terms)


def test_a_decimal_after_letters_is_read_as_digits():
    assert "PM2.5" in normalise_query("PM二点五分别降了百分之几")
    assert normalise_query("二点五个百分点") == "二点五个百分点"  # not after letters: left as written


def test_the_earlier_level_is_the_level_less_its_rise():
    q = "空气好的天数241天 比原来多了135天 那原来是多少天"
    assert operations(q) == ["diff"]
    said = computed_sentence(q, ["空气质量优良天数达到241天，增加135天"], ["[1]"])
    assert said is not None and "106天" in said


def test_the_partner_figure_counts_what_the_first_counts():
    q = normalise_query("交通局明年投资目标比去年实际完成的多多少？")
    first = "力争全年完成交通固定资产投资13亿元以上"
    others = ["国省干线公路完成投资5.86亿元，农村公路完成投资4.92亿元",
              "全年完成交通固定资产投资12.7亿元，同比增长8.2%"]
    assert partner(q, first, others) == 1


def test_sub_parts_kept_inside_one_chunk_are_read_from_their_heading_lines():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    text = ("四、绕行线路\n管制期间，过往车辆请按照以下线路绕行：\n（一）东西方向：可绕行环城北路、兴业大道通行。\n"
            "（二）南北方向：可绕行东环路、西环路通行。\n（三）过江车辆：可绕行临江大桥、北湖隧道通行。")
    hit = _hit(text, "四、绕行线路 › （三）过江车辆：可绕行临江大桥、北湖隧道通行")
    draft = backend._section_answer(analyse("那个交通管制通告第四部分讲的啥？"), [hit])
    assert draft is not None
    answer = draft.answer
    assert answer.index("（一）东西方向") < answer.index("（二）南北方向") < answer.index("（三）过江车辆")


def test_the_year_before_a_report_reviews_only_its_latest_year():
    # a 2025年度 report dated 2026 speaks of 2025 and 2026, not 2024
    label = doc_label("甲县交通运输局局长2025年度述职报告", "duty_report_2025.txt",
                      "甲县交通运输局局长2025年度述职报告\n（2026年1月16日在述职大会上）\n")
    assert "2025" in label.implied_years and "2024" not in label.implied_years
    label = doc_label("政府工作报告", "gov_report_2025.txt", "政府工作报告\n——2025年1月15日在甲省人民代表大会上\n")
    assert {"2025", "2024"} <= label.implied_years


def test_a_share_of_the_amount_asked_is_no_amount_of_it():
    info = analyse("2025年末公积金缴存余额是多少？")
    share = "2025年末，个人住房贷款余额、项目贷款余额和购买国债余额的总和占缴存余额的比率为73.05%"
    assert not check_sentence(info, share, G).ok
    assert check_sentence(info, "2025年末，缴存余额892.74亿元，同比增长6.08%", G).ok
    # a share asked is answered by it
    assert check_sentence(analyse("贷款余额占缴存余额的比率是多少？"), share, G).ok


def test_the_issuer_of_a_notice_whose_title_names_none_is_its_signature():
    from assistant.answer.extractive import _issuer_answer, signature

    text = "（八）危险化学品运输车辆全天禁止进入城区道路。\n特此通告。\n甲市公安局乙分局\n2026年3月16日"
    hit = Hit(doc_id="d", name="d.html", title="乙区关于马拉松赛事期间实施交通管制的通告", section="八、注意事项",
              index=9, start=3200, end=3200 + len(text), text=text, score=1.0, chunk_id="d-9")
    draft = _issuer_answer(analyse("那个通告是哪个单位发的？啥时候发的？"), [hit])
    assert draft is not None and draft.answer == "甲市公安局乙分局（2026年3月16日）[1]。"
    # a red header's date at the top of a document is no signature
    assert signature("甲市教育局文件\n甲教发〔2026〕9号\n甲市教育局\n2026年5月1日\n关于…的通知", 0) is None


def test_a_plan_or_a_notice_reviews_no_year_before_its_own():
    label = doc_label("甲县教育局关于印发《甲县2026年义务教育招生入学工作方案》的通知", "enrollment_plan_2026.docx",
                      "甲县教育局关于印发《甲县2026年义务教育招生入学工作方案》的通知\n各乡镇中心学校：\n")
    assert "2026" in label.implied_years and "2025" not in label.implied_years


def test_question_words_read_as_users_type_them():
    assert analyse("听证方案附件1是个什么材料？").kind == "section"
    assert analyse("民办学校报的人多了要摇号，摇号是那天？").kind == "when"  # 那天 typed for 哪天
    assert analyse("那天的会议谁主持的？").kind != "when"
    assert analyse("那个项目全年预算是多少万？").unit == "元"  # a budget is money
    assert "比" not in analyse("去年公积金收进来的比取出去的多多少？").terms


def test_a_commitment_is_a_goal_not_a_result():
    info = analyse("管网漏损率实际多少？")
    assert not check_sentence(info, "市自来水公司承诺到2027年将公共供水管网漏损率控制在9%以内", G).ok
    assert check_sentence(info, "监审期间企业实际漏损率为15.3%", G).ok


def test_a_place_asked_beside_a_date_is_quoted_with_it():
    from assistant.answer.extractive import Candidate

    backend = ExtractiveBackend(embedder=None, glossary=G)
    info = analyse("听证会哪天开，在哪开？")
    sentence = "听证会定于2026年3月18日（星期三）上午9:00举行，地点为甲市政务服务中心三楼第二会议室。"
    c = Candidate(1, sentence, 1.0, check_sentence(info, sentence, G))
    assert "地点为甲市政务服务中心三楼第二会议室" in backend._quote(info, c)
    only = analyse("听证会哪天开？")
    c = Candidate(1, sentence, 1.0, check_sentence(only, sentence, G))
    assert "地点" not in backend._quote(only, c)


def test_a_first_grade_is_no_year():
    assert operations("今年公办小学一年级一共招多少娃？") == []
    assert "annual" in operations("租房补贴一年合计多少钱？")


def test_of_several_rows_the_one_keyed_by_the_thing_asked_answers():
    from assistant.answer.extractive import Candidate, _rows_keyed

    info = analyse("金桂大道比赛那天几点到几点不能走？")
    rows = ["序号：3；管制路段：新华路（望江路至金桂大道段）；管制时间：6:30—11:00",
            "序号：4；管制路段：金桂大道（新华路至云台路段）；管制时间：7:00—12:00"]
    chosen = [Candidate(1, r, 1.0, check_sentence(info, r, G)) for r in rows]
    assert [c.text for c in _rows_keyed(info, chosen)] == [rows[1]]
    # no row keyed by it: all stay
    other = analyse("云台路比赛那天几点到几点不能走？")
    assert len(_rows_keyed(other, chosen)) == 2


def test_a_share_asked_with_zhan_is_answered_by_the_share():
    info = analyse("到2030年县域消费在全省社零里要占多少？")
    assert check_sentence(info, "到2030年，县域消费占全省社会消费品零售总额的比重不低于42%", G).ok
