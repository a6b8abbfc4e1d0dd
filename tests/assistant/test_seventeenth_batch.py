"""Rules of the seventeenth blind batch, on hand-made text: a field line (实施主体：…, 列席：…) answers the question
that asks for its label."""

from assistant.definitions import field_answer, labelled
from assistant.glossary import Glossary
from vectordb.index import Hit

GUIDE = "事项名称：甲县灵活就业人员社会保险补贴申领\n实施主体：甲县人力资源和社会保障局\n承办机构：甲县就业服务中心\n"
MINUTES = "会议还研究了其他事项。\n\n　　列席：张三（县政府办公室）　李四（县财政局）\n\n　　请假：王五（在外学习）\n"


def _hit(text: str) -> Hit:
    return Hit(doc_id="d", name="d.txt", title="", section="", index=0, start=0, end=len(text), text=text,
               score=1.0, chunk_id="d-0")


def test_a_field_line_answers_the_label_asked():
    draft = field_answer("这个事项的实施主体是哪个部门？", [_hit(GUIDE)])
    assert draft is not None and draft.answer == "实施主体：甲县人力资源和社会保障局[1]。" and draft.used == [1]
    assert "张三" in field_answer("这次常务会列席的都有谁", [_hit(MINUTES)]).answer
    assert "王五" in field_answer("纪要里谁请假没来", [_hit(MINUTES)]).answer


def test_a_label_the_question_does_not_ask_for_is_no_answer():
    # 承办机构 is named but not asked; 实施 alone is no label
    assert labelled("承办机构的电话在补贴政策里有说吗", GUIDE) is None
    assert field_answer("补贴什么时候实施", [_hit(GUIDE)]) is None


def test_a_justified_label_and_the_owner_of_the_value():
    reply = "办理类别：A类\n　　联系单位：县卫生健康局\n　　联 系 人：林某\n　　联系电话：0795-1234567\n"
    assert field_answer("那个提案答复的联系人是谁", [_hit(reply)]).answer == "联系人：林某[1]。"
    # the proposer's own phone is not the replying office's
    assert labelled("提案人邵雅琳委员的联系电话是多少", reply) is None
    assert labelled("答复单位的联系电话是多少", reply) is not None


def test_a_table_row_or_an_empty_label_is_no_field_line():
    row = "序号：1；审批事项：项目建议书审批；审批部门：县发展和改革局\n主要任务：\n一是推进改革。\n"
    assert labelled("序号是多少", row) is None
    assert labelled("主要任务是什么", row) is None


def test_a_township_is_the_place_of_its_report():
    from assistant.evidence import doc_label, doc_scope
    from assistant.query import read_places
    from assistant.question import place_key

    label = doc_label("政府工作报告", "t.txt", "——2026年1月9日在甲塘镇第十九届人民代表大会第六次会议上")
    assert (label.body_place or label.place) == "甲塘镇" and label.level == "township"
    assert place_key("甲塘镇") == "甲塘"
    other = doc_label("政府工作报告", "c.txt", "——2026年1月20日在乙市第十七届人民代表大会第五次会议上")
    labels = {"t": label, "c": other}

    class Known:  # the base's places, as assistant.query.DocLabels gives them
        @staticmethod
        def places():
            return frozenset(n for x in labels.values() for p in (x.place, x.body_place) if p
                             for n in (p, place_key(p)))

    info = read_places("甲塘镇去年财政收入多少", Known())
    assert "甲塘镇" in info.places and doc_scope(info, labels).docs == frozenset({"t"})


def test_a_place_the_tagger_does_not_know_opens_the_cited_title():
    from assistant.evidence import doc_label

    assert doc_label("关于《蓼丙市既有住宅增设电梯管理办法（征求意见稿）》的起草说明", "n.html", "").body_place == "蓼丙市"
    # a title that opens with a word names no place
    assert doc_label("关于《推进城市更新行动的实施意见》的解读", "r.html", "").body_place == ""


def test_two_tiers_that_share_a_cost_name_no_tier_of_document():
    from assistant.evidence import doc_label, doc_scope
    from assistant.question import analyse

    labels = {"city": doc_label("关于《丙川市电梯管理办法》的起草说明", "c.html", "丙川市住房和城乡建设局"),
              "county": doc_label("丁坪县水利局2025年度部门决算说明", "d.docx", "")}
    scope = doc_scope(analyse("加装电梯每台补多少钱？市里和区里各出多少？"), labels)
    assert scope.docs is None or "city" in scope.docs
    assert doc_scope(analyse("县里水利局去年三公经费多少"), labels).docs == frozenset({"county"})


def test_a_short_parts_heading_line_is_found_inside_a_chunk():
    from assistant.references import heading_line

    text = "三、事故原因\n4.县应急管理局指导督促不力。\n四、事故性质\n经调查认定，是一起一般生产安全责任事故。\n"
    assert text[heading_line(text, ("四、", "第四部分")):].startswith("四、事故性质")
    assert heading_line(text, ("五、", "第五部分")) is None
    assert heading_line("（四）事故性质\n", ("（四）",)) is None  # a sub-part is found as a run-in item


def test_which_law_and_counts_of_things_are_asked_as_such():
    from assistant.question import analyse

    assert analyse("业主表决的比例是照着哪部法律定的？").kind == "what"  # a text named, not the ratio
    assert analyse("补助比例是多少").kind == "figure"
    assert analyse("水利局名下现在有几台车？").kind == "figure"
    assert analyse("去年任免了几名干部").kind == "figure"
    assert analyse("APEC领导人非正式会议是第几次？").kind != "figure"  # an ordinal, written out in words
    assert "名下" not in analyse("水利局名下现在有几台车？").terms


def test_a_short_form_made_of_a_terms_words_names_it():
    from assistant.evidence import short_form, term_present
    from assistant.glossary import Glossary

    g = Glossary.load()
    assert short_form("股份制改造") == "股改" and short_form("高新技术企业") == "高企"
    assert term_present("股份制改造", "重点服务十家加速挂牌上市企业,推进十家企业股改培育", g)
    assert not term_present("股份制改造", "推进十家企业改革培育", g)
    assert short_form("城镇化率") == ""  # a one-character word makes no short form


def test_the_kind_of_figure_is_no_subject_a_clause_must_name():
    from assistant.evidence import check_sentence
    from assistant.glossary import Glossary
    from assistant.question import analyse

    sentence = "今后一个时期的奋斗目标是：地区生产总值年均增速达到8.5%以上，到2025年突破70亿元大关，县域经济综合实力位次前移。"
    check = check_sentence(analyse("县里经济总量到2025年要上到啥规模"), sentence, Glossary.load())
    assert check.ok and "70亿元" in check.focus
    # a count is no size of what was asked
    counted = "开发区着力引入生物医药、新材料、节能环保、高端装备制造和新能源等新兴产业项目,入驻企业增加到574家。"
    assert not check_sentence(analyse("那位县委书记希望风电光伏这些新能源装起来的规模做到多大"), counted, Glossary.load()).ok


def test_a_township_word_narrows_to_the_townships_report():
    from assistant.evidence import doc_label, doc_scope
    from assistant.question import analyse

    labels = {"t": doc_label("政府工作报告", "t.txt", "——2026年1月9日在甲塘镇第十九届人民代表大会第六次会议上"),
              "c": doc_label("政府工作报告", "c.txt", "——2026年1月20日在乙川市第十七届人民代表大会第五次会议上")}
    assert doc_scope(analyse("报告里说去年镇上修了多少公里路？"), labels).docs == frozenset({"t"})
    assert doc_scope(analyse("乡镇上报的项目有多少个"), labels).docs is None  # 乡镇上报: no tier asked


def test_a_short_parts_heading_inside_a_passage_answers_the_part_asked():
    from assistant.answer.extractive import _runin_answer
    from assistant.question import analyse

    text = ("4.县应急管理局指导督促不力。对开发区专项整治工作指导督促不够。\n四、事故性质\n"
            "经调查认定，甲县“7·23”中毒窒息事故是一起一般生产安全责任事故。\n五、责任认定及处理建议\n")
    draft = _runin_answer(analyse("报告第四部分讲的是什么"), [_hit(text)])
    assert draft is not None and draft.answer.startswith("四、事故性质：经调查认定") and "一般生产安全责任事故" in draft.answer


def test_a_second_thing_asked_in_its_own_clause_is_answered_too():
    from assistant.answer.extractive import ExtractiveBackend
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=Glossary.load())
    text = ("本部门核定编制72名，其中行政编制14名、事业编制58名。局机关内设办公室、规划计划股等6个内设机构。"
            "全年组织防汛演练4次，参演人员达到820人次。截至年底，局机关实有在职人员67人，离退休人员31人。")
    hit = Hit(doc_id="d", name="d.docx", title="甲县水利局2025年度部门决算说明", section="一、部门基本情况", index=0,
              start=0, end=len(text), text=text, score=1.0, chunk_id="d-0")
    answer = backend.answer("这个局核定编制是多少？实有在职人员几个人？", [hit]).answer
    assert "72名" in answer and "67人" in answer and "820人次" not in answer


def test_items_opened_by_adverbs_of_sequence_make_a_list():
    from assistant.answer.extractive import _sequenced
    from assistant.question import analyse

    text = ("在具体工作中，要着重把握好几个关系。首先，要把握好稳和进的关系。稳是大局，进是方向。其次，要把握好当前和长远的关系。"
            "再次，要把握好政府和市场的关系。最后，要把握好发展和安全的关系。")
    draft = _sequenced(analyse("讲话要处理好哪几对关系"), "d", [_hit(text)], Glossary.load())
    assert draft is not None and draft.answer == ("把握好稳和进的关系[1]；把握好当前和长远的关系[1]；把握好政府和市场的关系[1]；"
                                                  "把握好发展和安全的关系[1]。")
    # a sequence that names nothing asked is no answer to it
    assert _sequenced(analyse("讲话提了哪些招商方式"), "d", [_hit(text)], Glossary.load()) is None


def test_which_chapter_and_the_chapters_of_a_part():
    from assistant.question import analyse

    assert analyse("优化营商环境放在第几章？属于哪一篇？").kind == "which_section"
    assert analyse("纲要第七篇的主题是什么，下面分了哪几章？").kind == "section"


def test_a_which_chapter_answer_shows_the_parts_above():
    from assistant.answer.extractive import ExtractiveBackend
    from assistant.question import analyse

    backend = ExtractiveBackend(embedder=None, glossary=Glossary.load())
    text = "第二十九章创建一流营商环境\n全面落实《优化营商环境条例》，持续深化放管服改革。"
    hit = Hit(doc_id="d", name="d.txt", title="甲区十四五规划纲要", section="第八篇全面深化改革开放 › 第二十九章创建一流营商环境",
              index=3, start=0, end=len(text), text=text, score=1.0, chunk_id="d-3")
    draft = backend._section_answer(analyse("优化营商环境放在第几章？属于哪一篇？"), [hit])
    assert draft is not None and draft.answer == "第八篇全面深化改革开放 › 第二十九章创建一流营商环境[1]。"


def test_an_unmarked_list_after_its_colon_runs_on_into_the_next_chunk():
    from assistant.answer.extractive import ExtractiveBackend, runs_on_unmarked
    from assistant.question import analyse
    from tests.fake_embedder import FakeEmbedder

    first = "2026年是开局之年。\n\n全县经济社会发展主要预期目标是：地区生产总值增长6%左右；规模以上工业增加值增长8%；"
    rest = "固定资产投资增长6.5%；城镇新增就业6500人。\n\n一、聚力项目建设"
    info = analyse("砚泉县2026年主要预期目标都有哪些？")
    assert runs_on_unmarked(info, first) and not runs_on_unmarked(info, first.rstrip("；") + "。")
    hits = [Hit(doc_id="d", name="d.md", title="甲县2026年工作要点", section="", index=i, start=0, end=len(t), text=t,
                score=1.0 - i / 10, chunk_id=f"d-{i}") for i, t in enumerate([first, rest])]
    answer = ExtractiveBackend(embedder=FakeEmbedder(), glossary=Glossary.load()).answer(info.text, hits).answer
    assert "地区生产总值增长6%左右" in answer and "城镇新增就业6500人" in answer and answer.endswith("[1][2]。")


def test_a_bulletin_or_notice_is_named_by_its_title_and_night_is_not_day():
    from assistant.evidence import check_sentence, doc_label, doc_scope
    from assistant.question import analyse

    labels = {"b": doc_label("2025年甲阳市生态环境状况公报", "b.pdf", ""),
              "r": doc_label("政府工作报告", "r.txt", "——2026年1月20日在乙川市第十七届人民代表大会第五次会议上")}
    assert doc_scope(analyse("这份生态环境公报里近岸海域水质优良比例是多少"), labels).docs == frozenset({"b"})
    g = Glossary.load()
    assert not check_sentence(analyse("道路交通夜间平均等效声级是多少分贝"), "道路交通昼间平均等效声级为67.2分贝。", g).ok
    assert not check_sentence(analyse("这起事故的间接经济损失有多少"), "造成3人死亡，直接经济损失416万元。", g).ok
