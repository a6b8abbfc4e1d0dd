"""Arithmetic over quoted figures, on hand-made quotes: what is computed, and every case where nothing may be."""

import pytest

from assistant.arithmetic import (COMPUTED_NOTE, COMPUTED_NOTE_MANY, computed_sentence, derived, operation, operations,
                                  partner, quantities)
from assistant.citecheck import check_citations
from vectordb.index import Hit


def test_operations_asked():
    assert operation("今年目标比去年实际少多少？") == "diff"
    assert operation("离累计目标还差多少？") == "diff"
    assert operation("常住人口城镇化率涨了几个百分点？") == "diff"
    assert operation("两项合计多少？") == "sum" and operation("甲和乙加起来是多少钱？") == "sum"
    assert operation("最高奖补是后者的几倍？") == "ratio"
    assert operation("每个县至少几个？") is None and operation("粮食产量是多少？") is None
    assert operation("经济增长了多少？") is None  # a stated growth rate, not a difference


def test_quantities_keep_magnitude_unit_and_plain_figures():
    qs = quantities("装机1.7亿千瓦，新增3000万千瓦；产值2，980亿元，增长27·7％，提高0.5个百分点")
    assert [(q.number, q.magnitude, q.unit) for q in qs] == [
        (1.7, "亿", "千瓦"), (3000, "万", "千瓦"), (2980, "亿", "元"), (27.7, "", "%"), (0.5, "", "百分点")]
    assert qs[0].value == pytest.approx(1.7e8) and qs[3].percent and not qs[0].percent


def test_difference_across_two_quotes_takes_the_clause_the_question_names():
    q = "今年城镇新增就业目标比去年实际少多少人？"
    quotes = ["城镇新增就业61.2万人，失业人员再就业15.1万人。", "城镇新增就业58万人，失业人员再就业12万人。"]
    s = computed_sentence(q, quotes, ["[1]", "[2]"])
    assert s == f"两者相差3.2万人（61.2万人与58万人）{COMPUTED_NOTE}[1][2]。"


def test_difference_of_percentages_is_in_points_and_from_to_in_one_quote():
    q = "这五年城镇人口比重提高了几个百分点？"
    quotes = ["供水普及率达到90%。", "常住人口城镇化率由50.12%提高到56.02%。"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) == \
        f"两者相差5.9个百分点（50.12%与56.02%）{COMPUTED_NOTE}[2]。"


def test_a_pair_in_one_quote_and_the_unit_the_question_wants():
    q = "城乡居民人均收入差多少？"  # money: the growth rates in the same quote are not the pair
    quotes = ["城镇、农村居民人均可支配收入分别达到41000元和18500元，年均分别增长7%和8.5%。"]
    assert computed_sentence(q, quotes, ["[3]"]).startswith("两者相差22500元（41000元与18500元）")


def test_sum_across_magnitudes_and_ratio():
    q = "现有装机加上今年新增的能到多少？"
    s = computed_sentence(q, ["装机1.7亿千瓦。", "新增装机3000万千瓦、发电量超3000亿度。"], ["[1]", "[2]"])
    assert s.startswith("两者合计2亿千瓦（1.7亿千瓦加3000万千瓦即0.3亿千瓦）")
    r = computed_sentence("甲平台最高奖补是乙平台的几倍？", ["甲平台最高奖补2000万元。", "乙平台最高500万元。"],
                          ["[1]", "[2]"])
    assert r.startswith("2000万元是500万元的4倍")


def test_a_sum_of_three_things_one_quote_lists():
    q = "甲平台、乙平台和丙平台加起来一共要培育多少家？"
    quote = "培育3家甲平台，20家乙平台，100家丙平台。"
    s = computed_sentence(q, ["其他内容。", quote], ["[1]", "[2]"])
    assert s == f"合计123家（3家加20家加100家）{COMPUTED_NOTE_MANY}[2]。"
    h = Hit("d", "d.txt", "报告", "一", 0, 0, 30, quote, 0.9, 0.9, "c1")
    assert not check_citations(s.replace("[2]", "[1]"), [h]).flags
    # a fourth figure in the quote: not the list asked
    assert computed_sentence(q, ["培育3家甲平台，20家乙平台，100家丙平台，5家丁平台。"], ["[1]"]) is None
    # a figure whose clause names nothing the question asks
    assert computed_sentence(q, ["培育3家甲平台，20家乙平台，新建100家工厂。"], ["[1]"]) is None


def test_nothing_is_computed_when_it_would_guess():
    # the documents state the change themselves
    assert computed_sentence("今年粮食目标比去年低多少？", ["粮食产量600万吨以上，比上年减少4.5万吨。"], ["[1]"]) is None
    # three things added up but two figures quoted
    assert computed_sentence("甲、乙和丙加起来一共多少家？", ["乙20家，丙100家。"], ["[1]"]) is None
    # three different figures: no pair
    assert computed_sentence("今年目标比去年多多少人？", ["新增就业50万人。", "新增就业79万人。", "新增就业70万人。"],
                             ["[1]", "[2]", "[3]"]) is None
    # units that differ
    assert computed_sentence("两者差多少？", ["投资100亿元。", "项目100个。"], ["[1]", "[2]"]) is None
    # one figure only
    assert computed_sentence("比去年多几条？", ["运行航线75条。"], ["[1]"]) is None
    assert computed_sentence("两者差多少？平均每年多少？", ["坚持稳中求进。", ""], ["[1]", "[2]"]) is None  # no figures
    assert computed_sentence("粮食产量是多少？", ["粮食产量600万吨。", "油料50万吨。"], ["[1]", "[2]"]) is None


def test_a_computed_figure_passes_the_citation_check_and_a_made_up_one_does_not():
    h1 = Hit("d", "d.txt", "报告", "一", 0, 0, 20, "装机1.7亿千瓦。", 0.9, 0.9, "c1")
    h2 = Hit("d", "d.txt", "报告", "二", 1, 20, 40, "新增装机3000万千瓦。", 0.9, 0.9, "c2")
    good = f"两者合计2亿千瓦（1.7亿千瓦加3000万千瓦）{COMPUTED_NOTE}[1][2]。"
    assert derived(good) >= {"2"}
    assert not check_citations(good, [h1, h2]).flags
    ascii_note = good.replace("（由", "(由").replace("计算）", "计算)")  # an LLM's copy of the note
    assert not check_citations(ascii_note, [h1, h2]).flags
    bad = f"两者合计2.5亿千瓦（1.7亿千瓦加3000万千瓦）{COMPUTED_NOTE}[1][2]。"
    assert [f.kind for f in check_citations(bad, [h1, h2]).flags] == ["figure_not_in_source"]


def test_a_neighbour_of_the_same_unit_is_no_pair_and_stated_changes_ask_nothing():
    q = "今年集装箱航线目标比去年实际多几条？"
    assert computed_sentence(q, ["去年运行集装箱班轮航线70条、境外航空航线90条。"], ["[1]"]) is None
    both = "九年义务教育巩固率目标比高中阶段毛入学率目标高多少？"
    assert computed_sentence(both, ["九年义务教育巩固率达到95%，高中阶段教育毛入学率提高到90%。"], ["[1]"]).startswith(
        "两者相差5个百分点")
    assert operation("加计扣除比例提到多少？") is None  # 扣除 is a noun here
    # a stated change: asked as a change, but one figure computes nothing
    assert operation("生产效率提高多少？") == "change"
    assert computed_sentence("生产效率提高多少？", ["重点企业生产效率提高20%以上。"], ["[1]"]) is None


def test_a_ratio_question_asks_no_figure_in_倍():
    from assistant.question import analyse
    assert analyse("甲平台最高奖补是乙平台的几倍？").unit is None
    assert analyse("今年粮食产量要达到多少吨？").unit == "吨"


def test_the_partner_of_a_quoted_figure_counts_the_same_thing():
    q = "今年粮食目标比去年实际收成少多少？"
    first = "粮食总产达446.1亿斤。"
    others = ["新增高标准农田150万亩。", "境外航线99条。", "粮食总产436亿斤以上。"]
    assert partner(q, first, others) == 2
    # the same unit about something else is no partner; nor a percentage for an amount
    assert partner(q, first, ["蔬菜产量1800万吨。", "粮食单产增长2%。"]) is None
    # what the question names counts too: two debts summed are different things
    s = partner("专项债和特别国债加起来是多少？", "先发行特别国债1万亿元。", ["拟安排地方政府专项债券3.9万亿元。"])
    assert s == 0
    assert partner("粮食产量是多少？", first, others) is None  # nothing to compute
    # the documents state the change: nothing to pair
    assert partner(q, "粮食总产436亿斤，比上年减少10.1亿斤。", others) is None


def test_a_change_asked_is_read_from_one_quotes_two_ends_only():
    q = "六五期间全国医院床位计划增加多少张？"
    assert operation(q) == "change" and operation("经济增长了多少？") is None
    s = computed_sentence(q, ["全国医院病床将由1980年的198万张增加到223万张。"], ["[1]"])
    assert s == f"两者相差25万张（198万张与223万张）{COMPUTED_NOTE}[1]。"
    assert computed_sentence("城镇化率提高多少？", ["城镇化率由52.23%提高到58.08%。"], ["[1]"]).startswith(
        "两者相差5.85个百分点")
    # two quotes that are no change of one thing: nothing computed, and no partner is looked for
    assert computed_sentence("床位增加多少张？", ["病床223万张。", "病床198万张。"], ["[1]", "[2]"]) is None
    assert partner("床位增加多少张？", "病床223万张。", ["病床198万张。"]) is None


def test_two_quotes_pair_only_when_both_figures_count_the_same_thing():
    q = "今年粮食产量目标比去年实际少多少？"
    # each quote's best figure, but the second counts something else: no difference of the two
    assert computed_sentence(q, ["粮食产量600万吨以上。", "新建冷库库容50万吨。"], ["[1]", "[2]"]) is None
    assert computed_sentence(q, ["粮食产量600万吨以上。", "粮食产量604.5万吨。"], ["[1]", "[2]"]).startswith(
        "两者相差4.5万吨")


def test_two_things_compared_take_one_figure_each():
    q = "碳排放强度和能耗强度的降幅目标差几个百分点？"
    carbon = "单位国内生产总值二氧化碳排放降低17%。"
    # both figures are about emissions (one side of the question): no pair
    assert computed_sentence(q, [carbon, "化学需氧量、二氧化硫排放分别减少8%。"], ["[1]", "[2]"]) is None
    assert computed_sentence(q, [carbon, "单位国内生产总值能耗强度降低16%。"], ["[1]", "[2]"]).startswith(
        "两者相差1个百分点（17%与16%）")


def test_every_computation_asked_in_order_and_a_check_computes_the_gap():
    from assistant.arithmetic import operations
    assert operations("涨了多少钱？现在大约是十年前的几倍？") == ["change", "ratio"]
    assert operations("两省今年增速目标哪个高？") == ["diff"] and operations("谁长得快？") == ["diff"]
    assert operations("实际数完成了目标吗？") == ["diff"] and operations("两个数对得上吗？") == ["diff"]
    # a check beside another computation is that computation's (加起来…对得上吗)
    assert operations("甲和乙加起来，跟总额对得上吗？") == ["sum"]
    assert operations("大约相当于经济总量的百分之几？") == ["share"]
    assert operations("研发经费占GDP比重的目标各是多少？") == []  # a stated share


def test_two_computations_in_one_answer():
    q = "示范村和提升村一共有多少个？提升村是示范村的几倍？"
    s = computed_sentence(q, ["建成市级示范片区1个、示范村10个、提升村110个。"], ["[1]"])
    assert s == f"两者合计120个（10个加110个）{COMPUTED_NOTE}[1]。110个是10个的11倍{COMPUTED_NOTE}[1]。"


def test_the_figure_naming_each_side_of_a_comparison():
    # not the 100万元 award of another sentence, nor the first figure of the quote twice
    q = "对新上项目每亩投资额的门槛，市区比县区高多少？"
    quotes = ["各县区新上项目亩均投资额达到300万元以上,市区达到350万元以上。", "考核第一名的县和区，分别奖励资金100万元。"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) == f"两者相差50万元（350万元与300万元）{COMPUTED_NOTE}[1]。"
    # the thing compared stands before its 的 (市区的要求比县区)
    q = "新上项目每亩投资强度，市区的要求比县区高多少？"
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) == f"两者相差50万元（350万元与300万元）{COMPUTED_NOTE}[1]。"


def test_figures_given_respectively_pair_and_a_sum_leaves_none_of_a_set_out():
    q = "高技术制造和装备制造这两块谁长得快？快几个百分点？"
    assert computed_sentence(q, ["高技术制造业、装备制造业增加值分别增长8.9%、7.7%。"], ["[1]"]) == \
        f"两者相差1.2个百分点（8.9%与7.7%）{COMPUTED_NOTE}[1]。"
    q = "示范县和其他三个县区的生产总值目标加起来一共多少？"
    quotes = ["示范县生产总值超600亿元。", "其他县区生产总值分别超500亿元、400亿元、400亿元。"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) is None


def test_a_share_is_computed_only_when_no_quote_states_one():
    q = "用报告里的数字算一下，研发经费支出大约占国内生产总值的百分之几？"
    s = computed_sentence(q, ["全社会研发经费支出2.8万亿元。", "国内生产总值达到114万亿元。"], ["[1]", "[2]"])
    assert s == f"2.8万亿元占114万亿元的2.5%{COMPUTED_NOTE}[1][2]。"
    assert "2.5" in derived(s)  # the citation check knows the share for computed
    q = "新能源装机大约占电力总装机的多大比例？"
    assert computed_sentence(q, ["电力总装机规模3.1亿千瓦，新能源装机1.7亿千瓦。"], ["[1]"]) == \
        f"1.7亿千瓦占3.1亿千瓦的54.8%{COMPUTED_NOTE}[1]。"
    assert computed_sentence(q, ["研发经费投入强度达到2.5%。", "国内生产总值达到114万亿元。"], ["[1]", "[2]"]) is None


def test_a_gap_under_one_of_the_larger_magnitude_is_written_in_the_smaller():
    q = "新能源装机离今年的目标还有多大缺口？"
    s = computed_sentence(q, ["新能源装机规模达到1亿千瓦。", "新能源总装机达到8041.6万千瓦。"], ["[1]", "[2]"])
    assert s == f"两者相差1958.4万千瓦（1亿千瓦即10000万千瓦与8041.6万千瓦）{COMPUTED_NOTE}[1][2]。"


def test_documents_compared_take_one_figure_each():
    from assistant.arithmetic import across
    q = "2025年广东和上海的经济总量分别是多少？广东是上海的几倍？"
    # a document's own change ends where it stands now: 14.58, not 11.37
    s = across(q, ["地区生产总值从11.37万亿元提高到14.58万亿元。", "全市生产总值达到5.67万亿元。"], ["[1]", "[2]"])
    assert s == f"14.58万亿元是5.67万亿元的2.57倍{COMPUTED_NOTE}[1][2]。"
    q = "甘肃和宁夏今年的增速目标哪个高？高多少？"
    assert across(q, ["地区生产总值增长6%左右。", "地区生产总值增长5.5%左右。"], ["[1]", "[2]"]) == \
        f"两者相差0.5个百分点（6%与5.5%）{COMPUTED_NOTE}[1][2]。"
    assert across(q, ["地区生产总值增长6%左右。", "粮食产量稳定在1300万吨以上。"], ["[1]", "[2]"]) is None  # no % there
    assert across(q, ["城镇新增就业41万人。", "粮食产量440万吨。"], ["[1]", "[2]"]) is None  # units differ
    assert across(q, ["坚持稳中求进。", ""], ["[1]", "[2]"]) is None  # no figures


def test_documents_compared_on_a_percentage_no_question_word_names_and_asked_whether_alike():
    from assistant.arithmetic import across, operations
    # 研发投入强度 is a percentage though no word of the question says so: the kind every quote gives
    q = "海南和江西今年研发投入强度的目标各是多少？哪个更高？"
    assert across(q, ["研发投入强度提升至1.8%。", "力争全社会研发投入强度达2.09%左右。"], ["[1]", "[2]"]) == \
        f"两者相差0.29个百分点（1.8%与2.09%）{COMPUTED_NOTE}[1][2]。"
    assert across(q, ["研发投入强度提升至1.8%。", "研发机构达到120家。"], ["[1]", "[2]"]) is None  # kinds differ
    q = "甘肃和宁夏今年定的增速目标一样吗？"
    assert operations(q) == ["diff"] and operations("两份报告的增速目标是否一致？") == ["diff"]
    assert across(q, ["地区生产总值增长5%左右。", "地区生产总值增长5%左右。"], ["[1]", "[2]"]) == \
        f"两者相同（5%与5%）{COMPUTED_NOTE}[1][2]。"
    assert operations("今年的目标和去年一样") == []  # a statement, not a question


def test_a_yearly_average_of_a_total_or_a_change_over_the_years_named():
    q = "内蒙古“十四五”期间平均每年新增城镇就业多少人？"
    s = computed_sentence(q, ["城镇新增就业累计106万人。"], ["[1]"])
    assert s == f"平均每年21.2万人（106万人÷5年）{COMPUTED_NOTE}[1]。" and "21.2" in derived(s)
    q = "这十年间粮食产量平均每年增加多少？"
    s = computed_sentence(q, ["粮食产量由1.2万亿斤增加到1.4万亿斤。"], ["[1]"])
    assert s.startswith(f"平均每年200亿斤（1.2万亿斤到1.4万亿斤，÷10年）{COMPUTED_NOTE}[1]。")
    assert "200" in derived(s.split("。")[0] + "。")
    # a quote that states a yearly figure, or no span of years asked: nothing computed
    assert computed_sentence(q, ["粮食产量年均增加200亿斤。"], ["[1]"]) is None
    assert computed_sentence("平均每年新增多少人？", ["城镇新增就业累计106万人。"], ["[1]"]) is None


def test_two_figures_given_together_are_the_pair_a_sum_of_two_adds():
    q = "厦门和福州两个机场去年的客流都创了新高，两个加起来一共多少人次？"
    quotes = ["全省接待游客6.5亿人次，厦门、福州机场旅客吞吐量分别达2790.6万人次、1529.9万人次，均创新高。"]
    assert computed_sentence(q, quotes, ["[1]"]) == \
        f"两者合计4320.5万人次（2790.6万人次加1529.9万人次）{COMPUTED_NOTE}[1]。"
    # two such clauses: the pair the question names; which was asked is unknown when it names both alike
    quotes = ["厦门、福州机场旅客吞吐量分别达2790.6万人次、1529.9万人次，泉州、漳州分别达300万人次、200万人次。"]
    assert "4320.5万人次" in computed_sentence(q, quotes, ["[1]"])
    quotes = ["厦门、福州机场旅客吞吐量分别达2790.6万人次、1529.9万人次，泉州、漳州机场旅客吞吐量分别达300万人次、200万人次。"]
    assert computed_sentence("两个机场的旅客吞吐量加起来一共多少人次？", quotes, ["[1]"]) is None


def test_a_respective_list_pairs_its_figures_with_its_own_items():
    # 城镇、农村居民…分别: the income pair, not the 倍 pair of the next 分别 clause; the last item's head is shared
    quotes = ["城镇、农村居民人均可支配收入分别达到37247元、17818元,分别是2010年的2.6倍、3.3倍,年均分别增长7%、8%"]
    s = computed_sentence("城里人和农村人的人均可支配收入相差多少？", quotes, ["[1]"])
    assert s is not None and s.startswith("两者相差19429元（37247元与17818元）")
    # one item asked: its figure against the other quote's, never against the list's other item
    quotes = ["到2025年,力争高新技术企业、科技型中小企业数量分别达到80家以上、800家", "高新技术企业达到42家"]
    q = "冀州的高新技术企业，2025年目标比十三五末的数量至少要多几家？"
    assert computed_sentence(q, quotes[:1], ["[1]"]) is None
    assert computed_sentence(q, quotes, ["[1]", "[2]"]).startswith("两者相差38家（80家与42家）")


def test_more_or_less_by_how_much_asks_a_difference():
    q = "2018年实际城镇新增就业比2019年定的新增就业目标多出多少人？"
    quotes = ["城镇新增就业1361万人。", "城镇新增就业1100万人左右。"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]) == f"两者相差261万人（1361万人与1100万人）{COMPUTED_NOTE}[1][2]。"
    assert operations("今年目标比上一年实际少了多少？") == ["diff"]
    assert operations("粮食产量减少了多少？") == ["change"]  # a change of one figure, not a gap of two


def test_every_item_of_a_kind_added_up_in_the_unit_asked():
    q = "行动计划要培育的各类平台加起来总共多少家？"
    quote = "培育3家综合型平台，20家行业型平台，100家企业级平台。"
    assert computed_sentence(q, [quote], ["[1]"]).startswith("合计123家（3家加20家加100家）")
    # a figure in another unit beside them: no sum of its own
    assert computed_sentence(q, ["培育3家平台，投资20亿元。"], ["[1]"]) is None
    # no unit asked, nothing to add
    assert computed_sentence("各类平台加起来怎么样？", [quote], ["[1]"]) is None


def test_a_growth_asked_as_a_percentage_beside_the_change():
    from assistant.citecheck import check_citations
    from vectordb.index import Hit

    q = "养老金最低标准涨了多少？涨幅大约是百分之几？"
    assert operations(q) == ["change", "growth"]
    quote = "城乡居民基础养老金最低标准从每月70元提高到88元。"
    s = computed_sentence(q, [quote], ["[1]"])
    assert s == ("两者相差18元（70元与88元）（由所引用的两个数值计算）[1]。"
                 "88元比70元增长25.7%（由所引用的两个数值计算）[1]。")
    hit = Hit(doc_id="d", name="d.txt", title="t", section="", index=0, start=0, end=len(quote), text=quote, score=1.0)
    assert not check_citations(quote[:-1] + "[1]。" + s, [hit]).flags  # the computed rate passes the figure check
    # two quotes without the two ends of one change: no growth is guessed
    assert computed_sentence(q, ["标准为70元。", "标准为88元。"], ["[1]", "[2]"]) is None


def test_a_ratio_asked_after_another_computation_wants_no_figure_in_times():
    from assistant.question import analyse

    assert analyse("示范村和提升村一共有多少个？提升村是示范村的几倍？").unit is None
    assert analyse("涨了多少？涨幅大约是百分之几？").unit is None
    assert analyse("2025年地区生产总值增长了百分之几？").unit == "%"  # a stated rate: still a percentage


def test_a_figure_restated_in_the_result_magnitude_is_derived_and_added_once():
    s = computed_sentence("中央和地方赤字加起来是多少？", ["中央财政赤字1.83万亿元，地方财政赤字9300亿元。"], ["[1]"])
    assert s.startswith("两者合计2.76万亿元（1.83万亿元加9300亿元即0.93万亿元）")
    assert {"0.93", "2.76"} <= derived(s)
    assert "3.69" not in derived(s)  # the restated figure is not added twice
    assert "0.5" not in derived("合计2.76万亿元（1.83万亿元加9300亿元即0.5万亿元）")  # a wrong restatement is no conversion


def test_things_named_in_the_clause_before_the_sum_word_are_added_in_the_counter_asked():
    q = "规划提到的养老服务机构、社区居家养老服务中心和农村互助幸福院，合计有多少个？"
    quote = ["拥有各类养老服务机构13家、社区居家养老服务中心3家、农村互助幸福院236个。"]
    assert computed_sentence(q, quote, ["[1]"]).startswith("合计252个（13家加3家加236个）")
    # counters of different things do not add up (人 and 个)
    assert computed_sentence(q, ["培训人员13人、社区居家养老服务中心3家、农村互助幸福院236个。"], ["[1]"]) is None


def test_a_change_a_quote_states_is_left_out_of_a_sum_but_stops_a_difference():
    quotes = ["拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。", "今年先发行超长期特别国债1万亿元。"]
    s = computed_sentence("地方政府专项债和超长期特别国债加起来是多少钱？", quotes, ["[1]", "[2]"])
    assert s.startswith("两者合计4.9万亿元（3.9万亿元加1万亿元）")
    # the documents state the change: no difference is computed from the pair
    assert computed_sentence("地方政府专项债比超长期特别国债多多少？", quotes, ["[1]", "[2]"]) is None


def test_figures_written_in_chinese_numerals_are_computed_on():
    q = "这十年老百姓人均收入涨了多少钱？现在大约是十年前的几倍？"
    s = computed_sentence(q, ["居民人均可支配收入从一万六千五百元增加到三万五千一百元。"], ["[1]"])
    assert "18600元" in s and "2.13倍" in s
    passage = Hit("d", "d.txt", "报告", "一", 0, 0, 30, "居民人均可支配收入从一万六千五百元增加到三万五千一百元。", 0.9, 0.9, "c1")
    assert check_citations(s, [passage]).flags == []  # 16500 and 35100 are in the passage, as numerals


def test_what_stands_now_plus_what_is_added_is_the_total_after():
    q = "今年风电光伏装机新增任务完成后，总规模大概能到多少千瓦？"
    quotes = ["确保新增新能源装机3000万千瓦、新能源发电量超3000亿度。", "电力总装机规模3.1亿千瓦，新能源装机1.7亿千瓦。"]
    # of the second quote's figures, the one counting what the first counts (新能源装机, not 电力总装机)
    assert computed_sentence(q, quotes, ["[1]", "[2]"]).startswith("两者合计2亿千瓦（3000万千瓦即0.3亿千瓦加1.7亿千瓦）")
    assert operations("起降点现在有多少个？今年新建的建成后总数能到多少？") == ["sum"]


def test_a_gap_under_one_of_its_magnitude_is_also_written_plainly():
    s = computed_sentence("人均收入这五年涨了多少钱？", ["人均可支配收入由2.57万元增加到3.52万元。"], ["[1]"])
    assert s.startswith("两者相差0.95万元即9500元（2.57万元与3.52万元）")
    assert {"0.95", "9500"} <= derived(s)


def test_what_stood_before_an_addition_is_the_total_less_the_addition():
    q = "今年新增5G基站之前全市原来大约有多少个？"
    assert operations(q) == ["diff"]
    s = computed_sentence(q, ["新增5G基站1000座，累计建设5G基站4600个。"], ["[1]"])
    assert s.startswith("两者相差3600个（1000座与4600个）")  # 座 and 个 count alike when 多少个 is asked
    # two additions are no total: nothing computed
    assert computed_sentence(q, ["新增5G基站1000座，新增千兆宽带用户4600个。"], ["[1]"]) is None


def test_two_years_compared_pair_the_figure_each_clause_dates():
    q = "村庄实现现代化的比例，2030年比2025年要高出多少个百分点？"
    said = computed_sentence(q, ["2025年20%的村庄基本实现现代化,2030年50%村庄实现现代化"], ["[1]"])
    assert said is not None and said.startswith("两者相差30个百分点")
    # a year no figure's clause names: no pair
    assert computed_sentence("2030年比2020年高多少个百分点？", ["2025年20%的村庄，2030年50%村庄"], ["[1]"]) is None


def test_what_stood_before_is_worked_back_from_the_added_and_the_total():
    q = "按今年5G基站新增数和累计数倒推，年初已经建了多少个？"
    said = computed_sentence(q, ["新增5G基站1000座，累计建设5G基站4600个"], ["[1]"])
    assert said is not None and "3600个" in said


def test_counted_items_of_one_list_are_compared_side_by_side():
    s = ["推动16个先行示范村、9个整体推进村和10个重点帮扶村规划编制"]
    # 比重点 is 比 + 重点, not a share; the last item, joined by 和, is an item of its own
    assert computed_sentence("先行示范村比重点帮扶村多几个？", s, ["[1]"]).startswith("两者相差6个（16个与10个）")
    assert computed_sentence("整体推进村比重点帮扶村少几个？", s, ["[1]"]).startswith("两者相差1个（9个与10个）")
