"""Rules of the fourteenth blind batch, on hand-made text: a body asked is quoted from its own clause, a date from the
clause of the event asked, a figure with the year its sentence opens with, a 一号文件 and a metro line as names, a
person's name and a telephone number as answers, a place for 在哪里着陆, two sides of a sum from one sentence, a rate
worked out from two counts, a place the tagger glued to a word, and titles of laws and PDFs."""

from assistant.answer.extractive import Candidate, ExtractiveBackend
from assistant.arithmetic import computed_sentence, operations
from assistant.evidence import Check, check_sentence, serials
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker
from ingest.clean import clean, extract_title

G = Glossary.load()
B = ExtractiveBackend(embedder=None, glossary=G)


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)


def _span(question: str, text: str) -> str | None:
    return B._span(analyse(question), Candidate(1, text, 1.0, Check(True)))


def _quote(question: str, text: str) -> str:
    info = analyse(question)
    return B._quote(info, Candidate(1, text, 1.0, check_sentence(info, text, G)))


def test_a_body_asked_is_quoted_from_its_own_clause_not_the_convener_s():
    s = "建立甲省某体系建设工作联席会议制度，由分管副省长担任召集人，联席会议办公室设在省商务厅，负责统筹协调。"
    assert _span("某体系建设联席会议的办公室放在哪个部门？", s) == "联席会议办公室设在省商务厅，"
    # a person asked is still the convener's clause
    assert "副省长" in _span("联席会议的召集人是谁？", s)


def test_a_date_is_quoted_from_the_clause_of_the_event_asked():
    s = "《甲市养犬管理条例》已由甲市人大常委会第二十九次会议于2025年8月28日通过，现予公布，自2026年3月1日起施行。"
    assert _span("甲市养犬管理条例从哪天开始施行？", s) == "自2026年3月1日起施行。"


def test_a_figure_is_given_with_the_year_its_sentence_opens_with():
    s = "到2025年,建成1个综合性居家养老服务中心,至少建设3个社区嵌入式养老服务机构,社区日间照料服务覆盖率大于90%。"
    quote = _quote("规划说到2025年社区嵌入式的养老机构要建几个？", s)
    assert "3个社区嵌入式" in quote and "（到2025年）" in quote
    # a span that starts with its year is not labelled again
    assert _quote("到2025年森林覆盖率要搞到多少？", "到2025 年,全区森林覆盖率达到35%以上").count("2025") == 1


def test_a_number_one_document_is_no_serial_thing_and_a_metro_line_is_one_whatever_it_is_called():
    assert serials("蒹塘县一号文件第（二十）项") == frozenset()
    assert serials("地铁2号线一期总投资多少") == serials("城市轨道交通2号线一期工程")
    assert serials("神舟十五号") == {("神舟号", 15)}


def test_a_figure_of_all_projects_does_not_answer_one_numbered_project():
    q = "地铁2号线一期总投资多少亿元？"
    assert not _check(q, "2026年共安排市级重大项目31个，总投资859.9亿元，年度计划投资249.5亿元。").ok
    assert _check(q, "城市轨道交通2号线一期工程总投资142.0亿元。").ok


def test_a_sentence_opening_with_its_year_dates_every_clause():
    s = "2025 年，区政府共收到行政复议申请 218 件，依法受理 196 件，审结 183件，直接纠错率为 11.5%；"
    assert not _check("甲区2024年收到多少件行政复议申请？", s).ok
    assert _check("甲区2025年收到多少件行政复议申请？", s).ok


def test_a_persons_name_asked_wants_a_name_not_an_office():
    q = "报告里那个第一责任人，也就是区长，叫什么名字？"
    assert not _check(q, "区政府主要负责人认真履行推进法治建设第一责任人职责。").ok
    assert _check(q, "区长王建国认真履行推进法治建设第一责任人职责。").ok
    # a thing's name is not a person's
    assert _check("运动会的吉祥物叫什么名字？", "火爆出圈的吉祥物“喜洋洋”、“乐融融”。").ok


def test_a_telephone_asked_wants_a_number():
    q = "群众想对巡视整改提意见，打哪个电话？"
    assert not _check(q, "欢迎广大干部群众对巡视整改落实情况进行监督。").ok
    assert _check(q, "联系电话：0749-8621205。").ok


def test_where_something_landed_wants_a_place_and_the_landing():
    q = "着陆巡视器在火星什么地方着陆？"
    assert not _check(q, "探测器由环绕器和着陆巡视器组成，着陆巡视器包括进入舱和火星车。").ok
    assert not _check(q, "我国在文昌航天发射场用运载火箭将火星探测器发射升空。").ok
    assert _check(q, "着陆巡视器成功着陆于火星乌托邦平原南部预选着陆区。").ok
    assert _check("主要短板在哪里？", "科技创新能力不强仍是主要短板。").ok  # no place asked


def test_two_sides_of_a_sum_from_the_one_sentence_that_gives_both():
    q = "巡视整改里党纪处分和政务处分加起来一共处分了多少人？"
    quotes = ["给予党纪处分31人、政务处分18人，组织处理72人次，建立完善制度机制43项", "其中给予党纪政务处分15人"]
    assert computed_sentence(q, quotes, ["[1]", "[2]"]).startswith("两者合计49人")


def test_a_rate_asked_to_be_worked_out_from_two_counts():
    q = "截至9月底，巡视整改措施的完成比例算下来是多少？"
    assert operations(q) == ["share"]
    assert "85.4%" in computed_sentence(q, ["96项整改措施已完成82项"], ["[1]"])
    assert operations("完成比例是多少？") == []  # a rate the documents state is read, not worked out


def test_a_place_glued_to_the_word_before_it_is_the_place():
    from assistant.query import read_places

    class Labels:
        def places(self):
            return frozenset({"琛州", "琛州市"})

    info = read_places("十四五这几年琛州在教育上总共花了多少钱？", Labels())
    assert "琛州" in info.places and "年琛州" not in info.places


def test_a_law_published_under_an_announcement_is_titled_by_its_name():
    text = ("甲市人民代表大会常务委员会公告\n（第三十一号）\n"
            "《甲市养犬管理条例》已由甲市第十六届人民代表大会常务委员会第二十九次会议于2025年8月28日通过，"
            "经乙省人大常委会批准，现予公布，自2026年3月1日起施行。\n\n"
            "乙省人民代表大会常务委员会关于批准《甲市养犬管理条例》的决定\n")
    assert extract_title(clean(text)) == "甲市养犬管理条例"


def test_a_title_line_keeps_its_years_and_not_the_issuer_below_it():
    assert extract_title(clean("甲市国土空间总体规划\n（2021—2035年）\n文 本\n甲市人民政府 编制\n")) == \
        "甲市国土空间总体规划（2021—2035年）"
    body = "\n".join(["２０２５年，甲区人民政府坚持依法行政，全面推进法治政府建设，各项工作取得积极成效，群众满"] * 12)
    pdf = clean("甲区 2025 年法治政府建设年度报告\n乙市甲区人民政府\n（2026 年 3 月 24 日）\n" + body, join_wraps=True)
    assert extract_title(pdf) == "甲区 2025 年法治政府建设年度报告"


def test_a_running_head_above_the_first_pages_title_goes():
    head = "甲区人民政府门户网站·法治政府建设年度报告"
    page = "\n".join(["区政府把法治政府建设摆在全局工作的重要位置，制定印发工作要点，明确任务分工和责任单位。"] * 6)
    pages = [f"{head}\n甲区 2025 年法治政府建设年度报告\n（2026 年 3 月 24 日）\n{page}\n— 1 —"]
    pages += [f"{head}\n{page}\n— {n} —" for n in range(2, 6)]
    out = clean("\n".join(pages), join_wraps=True)
    assert head not in out.text
    assert extract_title(out) == "甲区 2025 年法治政府建设年度报告"


def test_a_place_only_inside_a_quoted_phrase_is_a_word_of_the_phrase():
    info = analyse("冀州规划里“南有中山、北有冀州”说的是哪个行业？")
    assert info.places == ("冀州",) and "中山" in info.terms


def test_a_gap_to_the_askers_own_figure_given_in_the_question():
    from assistant.citecheck import check_citations
    from vectordb.index import Hit
    q = "我们县普惠性幼儿园覆盖率去年是百分之七十八，跟规划2025年的目标比还差几个点？"
    out = computed_sentence(q, ["普惠性幼儿园覆盖率达到85%"], ["[1]"])
    assert out and out.startswith("两者相差7个百分点（85%与78%）")
    # two figures of the unit in the quotes: no telling which one is compared
    assert computed_sentence(q, ["毛入园率达到91%,普惠性幼儿园覆盖率达到85%"], ["[1]"]) is None
    # nobody's own figure: no gap to it
    assert computed_sentence("覆盖率78%跟规划目标比还差几个点？", ["普惠性幼儿园覆盖率达到85%"], ["[1]"]) is None
    text = "普惠性幼儿园覆盖率达到85%"
    hit = Hit(doc_id="d", name="d.txt", title="规划", section="", index=0, start=0, end=len(text), text=text, score=1.0)
    # the citation check reads the note: 78% is the quoted figure less the gap it states
    assert not check_citations(f"普惠性幼儿园覆盖率达到85%[1]。{out}", [hit]).flags
    assert check_citations(f"普惠性幼儿园覆盖率达到85%[1]。两者相差7个百分点（85%与78%）[1]。", [hit]).flags
