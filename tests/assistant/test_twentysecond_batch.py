"""Rules of the twenty-second blind batch, on hand-made text: how a question is asked is no subject (涨不涨, 算多还是少,
头一年, 没记错吧), words the tagger glues (多少户划, 收入|线定), a name it has no word for before 全市, a
province that says where the county asked of lies, a rank asked against the province, a goal reached in the words
plans use, a share of the place's GDP named another way, the figure set for an indicator, the rank asked."""

from assistant.evidence import check_sentence, doc_label, doc_scope
from assistant.glossary import Glossary
from assistant.question import analyse

G = Glossary.load()


def test_how_a_question_is_asked_names_no_subject():
    info = analyse("标准厂房租金头一年按多少钱一平米算的？以后涨不涨？")
    assert info.terms == ("标准厂房", "租金")
    assert "比算" not in analyse("2025年全市平均下了多少毫米雨？跟常年比算多还是少？").terms
    info = analyse("XX县那份总体思路里，前五年全县种树是6.7万亩吧？这个数没记错吧？")
    assert info.kind == "figure" and "记错" not in info.terms and "种树" in info.terms
    assert analyse("城里人跟农村人收入有没有差距").terms == ("城里人", "农村人", "收入", "差距")


def test_words_the_tagger_glues_are_read_as_written():
    assert "户划" not in analyse("书记讲话说网格化管理 一个网格按多少户划").terms
    assert analyse("全县有多少户籍人口").terms == ("户籍", "人口")  # 户 of 户籍 is no counter asked
    assert "收入线" in analyse("防返贫监测的收入线定的是多少钱？").terms


def test_a_name_the_tagger_has_no_word_for_before_the_whole_of_it():
    assert analyse("2025年蓁阳全市平均下了多少毫米雨？").places == ("蓁阳",)
    # 全省 stays the province's whole, no part of the name
    assert not any(p.endswith("全省") for p in analyse("嶂南全省的算力今年要搞到多大规模？").places)


def test_a_province_says_where_the_county_asked_of_lies():
    labels = {"zj": doc_label("2026年甲省政府工作报告", "zj.txt", "各位代表"),
              "xx": doc_label("乙县2021年政府工作报告", "xx.txt", "各位代表")}
    assert analyse("那个浙江县的政府工作报告里 县里葡萄拿了个啥称号").places == ()
    assert analyse("山西那个县委书记讲话里说了什么").places == ()
    assert analyse("浙江省的报告里葡萄拿了个啥称号").places == ("浙江省",)
    # 县里 still names a county's document
    assert doc_scope(analyse("那个浙江县的政府工作报告里 县里葡萄拿了个啥称号"), labels).docs == frozenset({"xx"})


def test_a_rank_against_the_province_names_no_provincial_document():
    labels = {"prov": doc_label("甲省政府工作报告", "p.txt", "各位代表"),
              "cty": doc_label("乙县政府工作报告", "c.txt", "各位代表")}
    assert doc_scope(analyse("报告里居家养老覆盖率在全省排第几"), labels).docs is None
    assert doc_scope(analyse("全省居家养老覆盖率是多少"), labels).docs == frozenset({"prov"})


def test_a_rank_asked_is_answered_by_a_rank():
    info = analyse("报告里居家养老中心管老人一日三餐 覆盖率在全省排第几")
    assert not check_sentence(info, "社区日间照料服务覆盖率大于90%。", G).ok
    assert check_sentence(info, "居家养老服务中心“一日三餐”覆盖率全省第一。", G).ok


def test_a_goal_reached_in_the_words_plans_use():
    info = analyse("5G网络在乡镇以上区域连续覆盖，实施意见要求什么时候完成？")
    assert check_sentence(info, "加快5G网络建设，2022年年底实现乡镇以上区域连续覆盖。", G).ok
    info = analyse("岱川打算哪一年拿下省级全域旅游示范区？")
    assert check_sentence(info, "到2030年，成功创建省级全域旅游示范区。", G).ok
    # a verb of another kind is still its own event
    info = analyse("这个条例什么时候公布？")
    assert not check_sentence(info, "到2030年，成功创建省级全域旅游示范区。", G).ok


def test_a_share_of_the_places_gdp_named_another_way():
    info = analyse("旅游占岱川GDP的比重现在是多少？")
    assert check_sentence(info, "旅游业增加值占全县地区生产总值的比重达到6.8%。", G).ok
    # the whole is still the thing asked: 占GDP is not 占财政支出
    assert not check_sentence(info, "旅游业投入占全县财政支出的比重达到6.8%。", G).ok


def test_the_goal_set_for_an_indicator_is_a_figure():
    info = analyse("该实施意见对2025年城镇居民人均可支配收入设定了什么目标？")
    assert info.kind == "figure"
    assert not check_sentence(info, "到2025年，各县城镇化率力争达到50%。", G).ok
    assert analyse("该实施意见提出了什么目标？").kind != "figure"  # no indicator named


def test_a_share_asked_of_a_part_is_not_answered_by_another_parts_share():
    info = analyse("2019年的政府工作报告，财政赤字占GDP的比例打算按多少安排？")
    assert not check_sentence(info, "国家财政性教育经费占国内生产总值比例继续保持在4%以上。", G).ok
    info = analyse("研发投入占GDP的比重今年要到多少？")
    assert check_sentence(info, "全社会研发投入占GDP的比重达到2.5%。", G).ok


def test_an_amount_asked_is_not_answered_by_a_tables_share_of_it():
    row = "序号：3；指标：旅游业增加值占地区生产总值比重（%）；2025年（基期）：6.8；2030年：9.0。"
    assert not check_sentence(analyse("岱川县2025年的GDP是多少？"), row, G).ok
    assert check_sentence(analyse("岱川县旅游业增加值占GDP比重2030年是多少？"), row, G).ok  # (%) is the row's unit


CITY = ("甲阳市2025年水资源公报\n八、用水量\n2025年全市总用水量15.86亿立方米。\n表7  2025年甲阳市各县区用水量\n"
        "县区          农业用水    工业用水    总用水量\n            (亿立方米)  (亿立方米)  (亿立方米)\n"
        "中心城区          1.06        1.18        3.82\n乙溪县            3.51        0.66        4.99\n"
        "丙川县            4.12        0.86        5.86\n九、用水指标\n全市人均综合用水量384立方米。\n")
COUNTY = ("乙溪县防止返贫动态监测和帮扶工作实施方案\n一、监测对象\n脱贫不稳定户、边缘易致贫户和突发严重困难户。\n"
          "二、监测标准\n2025年度监测收入标准为家庭年人均纯收入7900元。\n")


def test_a_countys_figure_in_its_citys_document(home, tmp_path):
    from assistant.chain import Assistant
    from tests.fake_embedder import fake_base

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "water.txt").write_text(CITY, encoding="utf-8")
    (docs / "plan.txt").write_text(COUNTY, encoding="utf-8")
    settings, index = fake_base(docs)
    a = Assistant(settings, index)
    # the county's own plan says nothing of its water: the city's table row that names it does
    r = a.ask("乙溪县2025年工业用水量是多少？")
    assert not r.refused and "0.66" in r.answer and r.citations[0].doc == "water.txt"
    # the county's own document still answers what it says
    r = a.ask("乙溪县2025年的监测收入标准是多少元？")
    assert not r.refused and "7900元" in r.answer
    # a figure of the city as a whole is no figure of the county
    assert a.ask("乙溪县人均综合用水量是多少立方米？").refused
