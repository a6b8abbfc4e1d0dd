"""Rules of the eighth blind batch, on hand-made text: a PDF copy's page furniture and fixed-width lines, a scan's
specks, questions about the document itself (哪天在人代会上作的), the items a list question asks counted or named
inside one clause, and the head of a compound indicator."""

from assistant.answer.extractive import _asked_thing, _counted_items, _inline_list
from assistant.evidence import asked_event, check_sentence, head_noun_named
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.clean import clean

G = Glossary.load()

_LINE = "　　全年全省地区生产总值达到3.86万亿元，增长5.3%；一般公共预算收入"


def _pdf_copy() -> str:
    # lines of one width, cut mid-sentence; paragraphs open with an indent; a page number and a running head
    body = [
        "政府工作报告",
        "——2026年1月21日在某省第十四届人民代表大会第五次会议上",
        "某省人民政府省长　某某某",
        "各位代表：",
    ]
    for n in range(1, 5):
        body += [_LINE.replace("3.86", f"3.8{n}"), f"241{n}.6亿元，增长4.1%，其中税收收入占比71.5%；规模以上工业增加值增",
                 f"长6.{n}%；固定资产投资增长3.2%；社会消费品零售总额1.5{n}万亿元，增", "", f"— {n} —", "",
                 "政府工作报告（2026年）", f"长4.{n}%。"]
    return "\n".join(body) + "\n"


def test_a_pdf_copys_page_numbers_and_running_heads_go_and_the_sentence_they_cut_joins():
    raw = _pdf_copy()
    cleaned = clean(raw)
    assert "— 1 —" not in cleaned.text and "政府工作报告（2026年）" not in cleaned.text
    assert "社会消费品零售总额1.52万亿元，增长4.2%。" in cleaned.text
    assert "一般公共预算收入2413.6亿元，增长4.1%" in cleaned.text and "工业增加值增长6.3%" in cleaned.text
    # the dateline and the byline stay lines of their own; a paragraph's indent still opens one
    assert "\n——2026年1月21日在某省第十四届人民代表大会第五次会议上\n某省人民政府省长" in cleaned.text
    assert cleaned.text.count("\n　　全年全省") == 4
    assert all(raw[i] == ch for ch, i in zip(cleaned.text, cleaned.source_index))  # deleting only


def test_lines_of_many_widths_are_no_pdf_copy():
    # a text whose lines are its sentences (no 。 at their ends) keeps them
    raw = "\n".join(f"{n}{line}" for n in range(3) for line in [
        "坚持发展是硬道理的本质要求，就是坚持科学发展", "以加快转变经济发展方式为主线",
        "今后五年，要确保科学发展取得新的显著进步，确保转变经济发展方式取得实质性进展",
        "构建扩大内需长效机制", "加强农业基础地位，提升制造业核心竞争力，发展战略性新兴产业"])
    assert clean(raw).text.count("\n") == raw.count("\n")


def test_a_table_laid_out_as_text_keeps_its_rows_where_lines_cut_mid_sentence_are_joined():
    # paragraphs parted by blank lines (a web copy): open lines join, the table's rows stay rows
    raw = ("第一章　发展目标\n\n到2030年，地区生产总值年均增长5.5%左右，\n常住人口城镇化率达到68%左右。\n\n"
           "表1　主要指标\n\n指　　标　　2025年　　2030年　　属性\n地区生产总值增长（%）　　[5.9]　　5.5左右　　预期性\n"
           "常住人口城镇化率（%）　　63.8　　68左右　　预期性\n\n第二章　重点任务\n")
    text = clean(raw).text
    assert "年均增长5.5%左右，常住人口城镇化率达到68%左右。" in text
    assert "\n地区生产总值增长（%）　　[5.9]　　5.5左右　　预期性\n常住人口城镇化率（%）" in text


def test_a_scans_specks_go_and_the_halves_of_the_sentence_they_cut_join():
    raw = "第五节经济特区\n为了适应对外经济技术合作和交流的扩展，我国在广东的深圳和福建\n。\t·\n的厦门试办经济特区。\n·\n各地区要加强领导。\n"
    text = clean(raw).text
    assert "我国在广东的深圳和福建的厦门试办经济特区。" in text
    assert "·" not in text and "\n各地区要加强领导。" in text  # after a sentence's end the break stays


def test_where_a_document_was_delivered_is_no_event_and_a_congress_is_named_short():
    assert asked_event("广东这份报告是哪天在省人代会上作的？") is None
    assert asked_event("卫星是哪天发射的？") == "发射"
    info = analyse("这份报告是哪天在省人代会上作的？")
    assert check_sentence(info, "——2026年1月26日在某省第十四届人民代表大会第五次会议上", G).ok


def test_a_lists_items_counted_right_after_them_and_the_thing_the_question_asks():
    info = analyse("数据专区一般分成哪几种类型？")
    assert _asked_thing(info) == "类型"
    s = "数据专区是各类专题数据区域的统称，一般分为领域类、区域类及综合基础类三种类型。"
    assert _inline_list(info, s, quoted_only=False) == "一般分为领域类、区域类及综合基础类三种类型"
    kinds = analyse("意见把全市县区分成哪几类来考核？")
    assert _inline_list(kinds, "全市10个县区分为优化开发县、重点发展县和优化开发区三类，开展年度考核。",
                        quoted_only=False) == "全市10个县区分为优化开发县、重点发展县和优化开发区三类"
    # a list of 等 names the thing asked after it, not another term of the question
    rules = analyse("通知里信息报送要遵循哪几条原则？")
    assert _asked_thing(rules) == "原则"
    assert _inline_list(rules, "突发事件、重大事故、重要工作动态等紧急信息，要在2小时内报送。", quoted_only=False) is None
    modes = analyse("行动计划里要推广的新模式有哪几种？")
    assert _inline_list(modes, "开展智能化制造、网络化协同、个性化定制、服务化延伸等新模式探索。",
                        quoted_only=False) == "开展智能化制造、网络化协同、个性化定制、服务化延伸等新模式探索"


def test_a_list_of_items_that_end_with_the_thing_asked_needs_no_等():
    info = analyse("高新区北区布局哪些行业？")
    assert _inline_list(info, "北区加快“腾笼换凤”,布局复合材料、采暖铸造、医药应急、医疗器械、汽车配件行业,打造总部基地。",
                        quoted_only=False) == "布局复合材料、采暖铸造、医药应急、医疗器械、汽车配件行业"
    assert _inline_list(info, "布局复合材料、采暖铸造、医药应急、医疗器械。", quoted_only=False) is None  # names no 行业


def test_a_counted_list_is_the_clause_that_names_the_asked_thing():
    info = analyse("规划里要严守的三条红线底线是哪三条？")
    s = "统筹生产、生活、生态三大空间布局,严守生态保护红线、永久基本农田、城镇开发边界三条控制线。"
    assert _inline_list(info, s, quoted_only=False) == "严守生态保护红线、永久基本农田、城镇开发边界三条控制线"
    five = analyse("指导思想里提的五大战略是哪五个？")
    assert _counted_items(five, "坚持稳中求进，实施制造强县、开放兴县、创新活县、生态立县、乡村振兴五大战略，着力构建新格局。") \
        == "实施制造强县、开放兴县、创新活县、生态立县、乡村振兴五大战略"


def test_a_compound_indicator_is_named_by_its_head_not_by_a_modifier():
    info = analyse("总体思路里单位GDP能耗要降多少？")
    assert info.indicator == "单位GDP能耗"
    assert not head_noun_named(info, "全社会研发投入占GDP的比重达到2.23%", G)
    assert head_noun_named(info, "单位GDP能耗下降15%", G)
    assert not check_sentence(info, "规上工业增加值年均增长15%以上，全社会研发投入占GDP的比重达到2.23%。", G).ok
    # a kind of figure (总量) is no head: GDP总量 is named by 地区生产总值
    assert head_noun_named(analyse("去年GDP总量多少？"), "地区生产总值3.86万亿元", G)
