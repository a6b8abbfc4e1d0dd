"""Rules of the twenty-fourth blind batch, on hand-made text: a development zone is a place by its name (翊阳经开区,
a document of 翊阳经济技术开发区), a count of people asked as a change may be answered by a rate, items asked a
figure each (甲、乙、丙各奖多少) and a day or a body asked beside a figure are answered each, and 第十二条 of measures
numbered 十二、."""

from assistant.answer.extractive import _each_items, asking_clauses
from assistant.evidence import doc_label
from assistant.question import analyse, place_key
from assistant.references import heading_prefixes, runin_item
from tests.assistant.test_twentythird_batch import _assistant


def test_a_development_zone_is_a_place_by_its_name():
    assert analyse("翊阳经开区明年研发投入强度要达到多少？").places == ("翊阳经开区",)
    assert analyse("翊阳开发区去年规模以上工业产值多少？").places == ("翊阳开发区",)
    assert place_key("翊阳经开区") == place_key("翊阳经济技术开发区") == "翊阳"
    # a zone without a name is no place of a name
    assert "翊阳" not in "".join(analyse("经开区去年每亩地交了多少税？").places)


def test_a_zones_document_is_of_its_name():
    label = doc_label("翊阳经济技术开发区2025年工作总结和2026年工作计划", "zone.docx",
                      "翊阳经济技术开发区2025年工作总结和2026年工作计划\n翊阳经济技术开发区管委会\n2025年，翊阳经济技术开发区…")
    assert place_key(label.place or label.body_place) == "翊阳"
    assert label.names_place("翊阳")


def test_a_change_of_a_count_of_people_may_be_a_rate():
    assert analyse("方案里2025年事故总量和死亡人数要比2023年压降多少？").unit is None
    assert analyse("死亡人数的降幅目标比2024年的高出几个百分点？").unit != "人"
    assert analyse("今年观众人数有多少？").unit == "人"
    assert analyse("比去年减少多少人？").unit == "人"


def test_items_asked_a_figure_each():
    assert _each_items("上市奖励是分阶段给的吗？辅导备案、申报受理、成功上市各奖多少？") == ["辅导备案", "申报受理", "成功上市"]
    assert _each_items("住家和门面各占多少？") == ["住家", "门面"]
    assert _each_items("三大主导产业到2025年的规模目标各是多少？") == []  # items not named
    assert _each_items("上市奖励一共多少？") == []


def test_an_article_of_measures_numbered_as_parts():
    text = "十一、拓宽直接融资渠道。对发行债券的企业给予奖励。\n十二、设立应急转贷资金。市级设立规模5亿元的应急转贷资金。\n"
    at = runin_item(text, heading_prefixes("那份若干措施的第十二条讲的是什么？")[0])
    assert at is not None and text[at:].startswith("十二、设立应急转贷资金")


MEASURES = ("甲市金融支持实体经济若干措施\n"
            "一、实施贴息。对小微企业流动资金贷款，按贷款合同利率的50%给予贴息。\n"
            "二、支持企业上市。对拟上市企业实行分阶段奖励：完成辅导备案的，奖励150万元；"
            "提交上市申请并获受理的，奖励200万元；成功在境内证券交易所上市的，奖励450万元。\n"
            "三、设立应急转贷资金。市级设立规模5亿元的应急转贷资金，单笔最高不超过3000万元。\n"
            "四、附则。本措施自2025年5月1日起施行，有效期至2027年12月31日。本措施由市财政局会同市委金融办负责解释。\n")


def test_each_item_asked_is_answered(home, tmp_path):
    a = _assistant(tmp_path / "docs", "measures.txt", MEASURES)
    r = a.ask("甲市上市奖励，辅导备案、申报受理、成功上市各奖多少？")
    assert not r.refused and all(f in r.answer for f in ("150万元", "200万元", "450万元"))


def test_a_day_and_a_body_asked_beside_are_clauses_of_their_own():
    clauses = asking_clauses("甲市这套金融政策什么时候生效、管到哪一年？条文有疑问找哪个部门解释？")
    assert clauses == ["甲市这套金融政策什么时候生效、管到哪一年", "条文有疑问找哪个部门解释"]
    assert asking_clauses("签约期是从哪天到哪天？最晚什么时候必须搬走？") == ["签约期是从哪天到哪天", "最晚什么时候必须搬走"]
    assert asking_clauses("上市奖励是分阶段给的吗？") == []


def test_the_twelfth_article_is_the_measure_numbered_twelve(home, tmp_path):
    text = MEASURES.replace("三、设立应急转贷资金", "十二、设立应急转贷资金")
    a = _assistant(tmp_path / "docs", "measures.txt", text)
    r = a.ask("甲市若干措施的第十二条讲的是什么？")
    assert not r.refused and "应急转贷资金" in r.answer


def test_a_word_the_tagger_calls_a_place_names_no_document_beside_a_real_place(home, tmp_path):
    from assistant.chain import Assistant
    from tests.fake_embedder import fake_base

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "finance.txt").write_text("漱川市金融支持实体经济高质量发展若干措施\n一、实施贴息。按贷款合同利率的50%给予贴息。\n",
                                        encoding="utf-8")
    (folder / "safety.txt").write_text(
        "泠州市人民政府办公室关于印发泠州市安全生产治本攻坚三年行动实施方案的通知\n"
        "一、工作目标。较大事故起数控制在3起以内。\n", encoding="utf-8")
    a = Assistant(*fake_base(folder))
    names = {d: label.title for d, label in a.parts.labels.all().items()}
    # 治本 is a place to the tagger, and a word of the 泠州 notice's title: not beside 漱川市, which a document is of
    q = a.query("漱川市的安全生产治本攻坚三年行动，较大事故起数要控制在几起以内？")
    assert q.scope.docs is not None and {names[d][:3] for d in q.scope.docs} == {"漱川市"}
    q = a.query("泠州市的安全生产治本攻坚三年行动，较大事故起数要控制在几起以内？")
    assert {names[d][:3] for d in q.scope.docs} == {"泠州市"}


def test_a_figure_computed_on_is_dated_by_the_year_its_passage_leads_with():
    from assistant.answer.extractive import _dated

    before = "第三节　发展目标\n到2030年，知识产权强市建设取得明显成效。\n——知识产权运用效益充分显现。"
    quotes = ["知识产权质押融资额达到90亿元[1]。", "2025年全市知识产权质押融资额达到48.5亿元[2]。"]
    sentences = ["知识产权质押融资额达到90亿元，专利实施率达到30%。", "2025年全市知识产权质押融资额达到48.5亿元，惠及企业1900余家。"]
    out = _dated(quotes, ["第二章 总体要求 › 第三节 发展目标", "第一章 发展基础"], sentences, [before, ""])
    assert out == ["2030年：知识产权质押融资额达到90亿元[1]。", quotes[1]]  # 1900余家 is no year


def test_an_article_asked_of_a_glossary_is_its_numbered_entry_not_a_part():
    text = "四、全面加强政府自身建设\n（一）坚持政治引领。\n名词解释\n3．“四上企业”：指规模以上企业。\n4．“茗岑十条”：指县政府出台的十条措施。\n"
    at = runin_item(text, heading_prefixes("名词解释第4条的“茗岑十条”指的是什么文件？")[0])
    assert at is not None and text[at:].startswith("4．“茗岑十条”")
