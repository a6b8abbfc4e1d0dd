"""Rules of the thirteenth blind batch, on hand-made text: sums and gaps the rules now pair (or refuse to), lists
named inside a clause, a question a document asks, spoken money and days, a role the tagger cut, a press
conference named by its genre, the ends of a span of years in two passages."""

from assistant.arithmetic import computed_sentence, operations
from assistant.evidence import asked_role, check_sentence
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker

G = Glossary.load()


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)


def test_things_listed_with_commas_then_counted_together_are_a_sum():
    q = "推动规划编制的甲示范村、乙推进村、丙帮扶村一共多少个？"
    assert operations(q) == ["sum"]
    out = computed_sentence(q, ["推动16个甲示范村、9个乙推进村和10个丙帮扶村规划编制。"], ["[1]"])
    assert out and out.startswith("合计35个")


def test_two_things_of_one_indicator_told_apart_by_the_words_before_it():
    q = "到2025年农村居民人均可支配收入和全体居民人均可支配收入的目标差多少钱？"
    quote = ["到2025年,农村居民人均可支配收入达到23000元以上,居民人均可支配收入达到33000元以上。"]
    out = computed_sentence(q, quote, ["[1]"])
    assert out and "10000元" in out


def test_a_count_of_other_things_is_no_part_of_the_sum_asked():
    q = "检查组两轮实地检查加起来一共查了多少家单位？"
    quote = ["检查组对开发区和甲、乙、丙3个街道开展集中检查，实地检查生产经营单位38家。"]
    assert computed_sentence(q, quote, ["[1]"]) is None  # 3个街道 are no 单位
    both = ["4月集中检查生产经营单位38家，5月暗访抽查生产经营单位24家。"]
    assert computed_sentence(q, both, ["[1]"]).startswith("两者合计62家")


def test_a_gap_to_a_target_is_not_a_change_since_a_base_year():
    q = "研发投入强度离十四五目标还差多少个百分点？"
    changed = ["研发经费投入强度由2020年的1.86%提高到2025年的2.31%。"]
    assert computed_sentence(q, changed, ["[1]"]) is None
    row = ["序号：4；指标：研发经费投入强度；单位：%；2020年基数：1.86；2025年规划目标：2.5；2025年实际：2.31"]
    out = computed_sentence(q, row, ["[1]"])
    assert out and "0.19个百分点" in out
    # asked as a change, the change is computed as before
    assert "0.45个百分点" in computed_sentence("研发投入强度五年提高了几个百分点？", changed, ["[1]"])


def test_items_listed_before_the_thing_asked_inside_a_clause():
    from assistant.answer.extractive import _inline_list
    info = analyse("报告里提到要完善“链长制”的传统行业是哪几个？")
    assert _inline_list(info, "提升传统产业,完善甲乙、丙丁、戊己行业“链长制”工作机制,加快推进数字化改造。",
                        quoted_only=False) == "完善甲乙、丙丁、戊己行业“链长制”工作机制"
    town = analyse("总体思路里培育的特色农业小镇都有哪几个？")
    assert _inline_list(town, "重点培育发展甲地都市农业小镇、乙地绿色果蔬小镇、丙地农贸小镇等。", quoted_only=False)
    # two items are no list
    assert _inline_list(town, "重点培育发展甲地农业小镇、乙地农贸小镇等。", quoted_only=False) is None


def test_a_question_the_document_asks_is_no_answer():
    from assistant.answer.extractive import _ASKED_HERE
    assert _ASKED_HERE.search("某报记者：长者食堂建成以后，老年人在这里吃饭有没有优惠？")
    assert _ASKED_HERE.search("问：补贴标准是多少？”")
    assert not _ASKED_HERE.search("每餐给予4元补助。")


def test_spoken_money_and_days():
    money = analyse("老人一顿补贴几块钱？")
    assert money.kind == "figure" and money.unit == "元"
    assert analyse("检查组集中下去实地看是哪几天？").kind == "when"
    assert analyse("有哪几项任务？").kind == "list"


def test_a_figure_the_question_gives_is_not_its_answer():
    from assistant.answer.extractive import Candidate, ExtractiveBackend
    from assistant.evidence import Check
    be = ExtractiveBackend(None, glossary=G)  # _span embeds nothing
    c = Candidate(1, "纲要部署的186项重大工程项目中，已完成或基本完成171项，完成率91.9%。", 1.0, Check(True), 0.9, 0.5, 1.0)
    assert "171项" in be._span(analyse("那186个重大工程项目，干完了多少个？"), c)  # not 186 alone
    assert "171项" in be._span(analyse("纲要里那186个重大工程项目，最后完成了多少个？"), c)


def test_a_role_the_tagger_cut_with_its_bodys_last_character():
    q = "执法检查组组长是谁？"
    assert asked_role(q) == "组长"
    assert "组组长" not in analyse(q).terms
    assert check_sentence(analyse(q), "检查组由区人大常委会副主任王某某任组长。", G, "").ok


def test_a_press_conference_named_by_its_genre():
    from assistant.evidence import GENRE_NAMES
    assert "新闻发布会" in GENRE_NAMES["发布会"]


def test_the_ends_of_a_span_of_years_may_lie_in_two_passages():
    from assistant.evidence import check_passage
    from vectordb.query import Hit
    info = analyse("养老机构护理型床位占比从2027年到2030年要再提高几个百分点？")
    one_end = Hit(doc_id="d1", name="d1.docx", title="某省实施方案", section="一、总体要求", index=0, start=0, end=30,
                  text="到2027年，养老机构护理型床位占比达到65%。", score=0.9)
    assert check_passage(info, one_end, G, 0.0).ok
    asked_once = analyse("养老机构护理型床位占比2030年要达到多少？")
    assert not check_passage(asked_once, one_end, G, 0.0).ok


def test_a_thesis_and_a_proposal_are_the_askers_frame():
    assert without_asker("我写论文要引用：现代环境治理体系由哪几方构成？") == "现代环境治理体系由哪几方构成？"
    assert without_asker("写提案要用，县里托育补贴每个多少钱？") == "县里托育补贴每个多少钱？"


def test_a_digit_and_a_capital_letter_are_one_term():
    assert "5G" in analyse("乡镇啥时候能连上5G信号？").terms
    assert "3A" in analyse("建成几个3A级景区？").terms
    assert analyse("2025年GDP是多少？").terms == ("GDP",)


def test_a_part_after_its_totals_qizhong_is_a_share_of_it():
    quote = ["五年实施重点项目1860个，完成投资2.46万亿元，其中交通项目完成投资6150亿元，能源项目完成投资3280亿元。"]
    assert computed_sentence("重点项目投资里交通项目占了多大比重？", quote, ["[1]"]).startswith("6150亿元占2.46万亿元的25%")
    assert computed_sentence("项目投资占多大比重？", quote, ["[1]"]) is None  # no part named


def test_a_known_term_of_chinese_and_latin_words_is_one_term():
    assert analyse(without_asker("想核一下：到2025年人均GDP到了多少？")).terms == ("人均GDP",)


def test_a_list_announced_before_the_sub_headings_that_are_its_items():
    from assistant.answer.extractive import announced_part, runs_past_end
    from vectordb.query import Hit
    text = "二、存在的主要问题\n检查中也发现，一些环节还比较薄弱，主要是：\n（一）企业主体责任落实不到位。\n部分企业负责人意识不强。"
    hit = Hit(doc_id="d", name="d.pdf", title="某区报告", section="二、存在的主要问题 › （一）企业主体责任落实不到位",
              index=3, start=0, end=len(text), text=text, score=1.0)
    info = analyse("检查发现的问题主要有哪几方面？")
    assert announced_part(info, hit) == "二、存在的主要问题"
    # filed under the part itself, or announcing nothing, there is no other part to read
    own = Hit(**{**hit.__dict__, "section": "二、存在的主要问题"})
    assert announced_part(info, own) is None
    plain = Hit(**{**hit.__dict__, "text": "部分企业负责人意识不强。\n（二）双重预防机制建设质量不高。"})
    assert announced_part(info, plain) is None and not runs_past_end(info, plain.text)


def test_figures_of_two_years_are_each_labelled_with_their_sentences_year():
    from assistant.answer.extractive import _dated
    quotes = ["养老机构护理型床位占比达到65%", "养老机构护理型床位占比达到72%"]
    sentences = ["到2027年，银发经济规模达到2800亿元左右，养老机构护理型床位占比达到65%。",
                 "到2030年，养老机构护理型床位占比达到72%。"]
    assert _dated(quotes, ["一、总体要求", "一、总体要求"], sentences) == ["2027年：" + quotes[0], "2030年：" + quotes[1]]
    assert _dated(quotes, ["一、总体要求"] * 2, [sentences[0]] * 2) == quotes  # one year: nothing to tell apart


def test_a_table_row_answers_only_about_the_thing_quoted():
    row = "序号：12；重点任务：发展康复辅助器具产业；牵头单位：省民政厅；完成时限：2026年12月底前"
    asked = "“发展养老金融”这项由哪个单位牵头？"
    assert not _check(asked, row).ok
    assert _check(asked, row.replace("发展康复辅助器具产业", "发展养老金融")).ok


def test_a_bank_is_a_body():
    info = analyse("“发展养老金融”这项由哪个单位牵头？")
    assert check_sentence(info, "牵头单位：中国人民银行某省分行。", G, "").ok
    assert not check_sentence(info, "牵头的是王某某同志。", G, "").ok


def test_which_n_levels_asks_a_list_and_which_one_level_does_not():
    assert analyse("网格化管理那个五级联动，是哪五级？").kind == "list"
    assert analyse("哪一级政府负责？").kind != "list"
