"""Answer-type-aware extraction on hand-made sentences: the shortest span that answers, never a heading or TOC line."""

from dataclasses import replace

from assistant.answer.extractive import _TOC_LINE, Candidate, ExtractiveBackend, _is_heading
from assistant.evidence import asks_goal, check_sentence, soft_presence, term_present
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.zh import squash
from vectordb.index import Hit

G = Glossary.load()
B = ExtractiveBackend(embedder=None, glossary=G)


def quote(q, sentence):
    info = analyse(q)
    c = Candidate(1, sentence, 1.0, check_sentence(info, sentence, G))
    return B._quote(info, c)


def test_figure_answer_is_the_clause_with_the_figure():
    s = ("坚持稳中求进工作总基调，统筹发展和安全，今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，"
         "城镇新增就业50万人以上，居民消费价格涨幅3%左右，粮食产量稳定在1400万吨以上。")
    q = quote("地区生产总值增长目标是多少？", s)
    assert "5%左右" in q and len(q) <= 40 and "粮食" not in q


def test_figure_clause_named_by_its_own_words_not_the_frame():
    # the first clause after the colon shares only the question's frame (今年…目标); the answer names the subject
    s = ("今年经济社会发展的主要预期目标是：地区生产总值增长5.0%左右，城镇调查失业率5%左右，"
         "居民消费价格涨幅2%左右，粮食产量511万吨以上，单位地区生产总值能耗保持下降。")
    q = quote("今年的目标是要打多少粮食？", s)
    assert "511万吨以上" in q and "生产总值" not in q


def test_several_figures_keep_the_following_clauses():
    s = "全年城镇、农村居民人均可支配收入分别达到37247元、17818元，分别增长8%、9%，脱贫攻坚成果巩固。"
    q = quote("城镇和农村居民人均可支配收入分别是多少？", s)
    assert "37247" in q and "17818" in q and len(q) <= 80


def test_date_answer():
    s = "为贯彻落实党中央部署，经研究，本办法自2021年7月1日起施行，有效期2年，由州政务服务局负责解释。"
    q = quote("这个办法什么时候开始施行？", s)
    assert "2021年7月1日" in q and "解释" not in q


def test_who_answer():
    s = "各位代表，我代表省人民政府向大会报告政府工作，请予审议，省长 李四，并请省政协委员提出意见。"
    q = quote("这份报告是谁作的？", s)
    assert "省长" in q and len(q) < len(s)


def test_other_questions_keep_the_sentence():
    s = "坚持农业农村优先发展。"
    assert quote("乡村振兴要坚持什么原则？", s).startswith("坚持农业农村优先发展")


def test_toc_and_heading_lines_are_never_candidates():
    assert _TOC_LINE.search("一、迈上新台阶 ………………………… 5")
    assert _TOC_LINE.search("第二章 主要目标                     12")
    assert not _TOC_LINE.search("地区生产总值增长6%左右，达到1.2万亿元。")
    info = analyse("地区生产总值增长目标是多少？")
    hit = Hit(doc_id="d", name="d.txt", title="2026年某省政府工作报告", section="一、总体要求 › （一）主要目标", index=0,
              start=0, end=1, text="", score=1.0)
    assert _is_heading("（一）主要目标", hit, info)
    assert _is_heading("2026年某省政府工作报告", hit, info)  # the document's title line names, never answers
    assert not _is_heading("地区生产总值增长6%左右。", hit, info)
    assert not _is_heading("（一）主要目标", hit, analyse("第（一）项讲了什么？"))
    # a line that titles a document, an annex or a list is no answer either
    for line in ("某省工业互联网创新发展行动计划（2021-2023年）", "省推进工业互联网创新发展专项工作组名单", "某市数字政府建设考评指标"):
        assert _is_heading(line, hit, info)
    assert not _is_heading("实施某省工业互联网创新发展行动计划。", hit, info)
    # a heading that states a figure answers a figure question (its score, its target)
    scored = Hit(doc_id="d", name="d.txt", title="考评办法", section="附件 › 一、政务服务“一网通办”（25分）", index=0,
                 start=0, end=1, text="", score=1.0)
    assert not _is_heading("一、政务服务“一网通办”（25分）", scored, analyse("一网通办这一项满分多少？"))
    assert _is_heading("一、政务服务“一网通办”（25分）", scored, analyse("一网通办这一项有哪些要求？"))


def test_a_part_is_answered_by_its_heading_and_its_sub_parts_headings():
    info = analyse("第三部分的第（二）项是什么？")

    def hit(section, text):
        return Hit(doc_id="d", name="d.txt", title="t", section=section, index=0, start=0, end=len(text), text=text,
                   score=1.0)

    passages = [hit("三、重点工作 › （二）民生", "（二）民生\n办好民生实事。"), hit("三、重点工作 › （二）民生 › 1.就业", "稳就业。"),
                hit("三、重点工作 › （二）民生 › 2.教育", "办好教育。")]
    draft = B._section_answer(info, passages)
    assert draft.answer == "（二）民生[1]：1.就业[2]；2.教育[3]。" and draft.used == [1, 2, 3]


def test_a_part_without_sub_headings_is_summarised_by_its_run_in_leads():
    info = analyse("第四部分讲什么？")

    def hit(text):
        return Hit(doc_id="d", name="d.txt", title="t", section="四、加强政府自身建设", index=0, start=0, end=len(text),
                   text=text, score=1.0)

    passages = [hit("四、加强政府自身建设\n必须展现新作为，实现新突破。\n旗帜鲜明讲政治。\n"
                    "讲政治是我们高标准建设自由贸易港的根本保证。"),
                hit("要统筹用好立法权，推进重点领域立法。\n依法行政强法治。\n强法治是关键支撑，要推进立法。")]
    draft = B._section_answer(info, passages)
    # lines with a comma, or longer than a lead, explain; only the one-clause short lines lead
    assert draft.answer == "四、加强政府自身建设[1]：旗帜鲜明讲政治[1]；依法行政强法治[2]。"


def test_a_part_is_summarised_by_the_short_first_sentences_of_its_paragraphs():
    info = analyse("重点工作的第（六）项讲的是什么？")
    text = ("（六）加快推进文旅强省建设。\n加强文化遗产保护传承。聚力打造全国重要的文化传承创新基地，促进系统保护。\n"
            "大力繁荣文化事业。深化党的创新理论学习宣传教育。\n开展“文化进万家”“送戏下乡”等惠民活动，营造浓厚氛围。")
    draft = B._section_answer(info, [_passage(text, "三、重点工作 › （六）加快推进文旅强省建设。")])
    # the heading line is not its own sub-part; a paragraph that opens with a long clause leads nothing
    assert draft.answer == "（六）加快推进文旅强省建设[1]：加强文化遗产保护传承[1]；大力繁荣文化事业[1]。"


def test_items_opening_alike_across_chunks_answer_a_counted_list():
    info = analyse("报告说必须做到“四个聚焦”，是哪四个？")

    def hit(index, text, section="二、主要目标任务"):
        return Hit(doc_id="d", name="d.txt", title="t", section=section, index=index, start=0, end=len(text),
                   text=text, score=1.0)

    passages = [hit(1, "实现目标，必须做到“四个聚焦”：\n聚焦对外开放，建设自由贸易港。\n全面落实总体方案。"),
                hit(2, "聚焦高质量发展，打造现代化产业体系。\n以新发展理念为引领。\n聚焦陆海统筹，再造一个海上强省。"),
                hit(3, "发挥优势。\n聚焦生态文明，厚植绿色底色。\n聚焦民生福祉，办好实事。")]
    draft = B._parallel(info, passages)
    assert draft.answer == "聚焦对外开放[1]；聚焦高质量发展[2]；聚焦陆海统筹[2]；聚焦生态文明[3]。"
    assert draft.used == [1, 2, 3]
    # fewer items than counted, or items unrelated to the question: no list
    assert B._parallel(analyse("报告说必须做到“八个聚焦”，是哪八个？"), passages) is None
    assert B._parallel(analyse("报告提出了哪些财政政策？"), passages) is None


def test_headings_opening_alike_under_one_parent_are_items():
    from assistant.references import parallel_siblings
    info = analyse("政府工作要聚焦哪几项任务？")
    tree = [("c1", "二、总体要求"), ("c2", "二、总体要求 › 聚焦经济建设这一中心工作"),
            ("c3", "二、总体要求 › 聚焦经济建设这一中心工作"), ("c4", "二、总体要求 › 聚焦高质量发展这一首要任务"),
            ("c5", "二、总体要求 › 聚焦人民这一根本宗旨"), ("c6", "二、总体要求 › 重点工作"), ("c7", "三、其他 › 聚焦别的")]
    assert parallel_siblings(tree, "二、总体要求 › 聚焦高质量发展这一首要任务") == ["c2", "c4", "c5"]
    assert parallel_siblings(tree, "二、总体要求 › 重点工作") == []  # no siblings open alike
    passages = [Hit(doc_id="d", name="d.txt", title="t", section=sec, index=i, start=0, end=2, text="正文。", score=1.0)
                for i, (_, sec) in enumerate(tree[1:5])]
    draft = B._parallel(info, passages)
    assert draft.answer == "聚焦经济建设这一中心工作[1]；聚焦高质量发展这一首要任务[3]；聚焦人民这一根本宗旨[4]。"


def test_lines_opening_alike_under_the_heading_the_question_names_are_its_items():
    text = ("（二）基本原则\n根据上述指导方针，要重点把握好以下原则：\n——始终坚持党对一切工作的领导。党是领导核心。\n"
            "——始终坚持以人民为中心。\n——始终坚持发展是第一要务。发展是解决一切问题的基础。")
    hit = Hit(doc_id="d", name="d.txt", title="t", section="三、描绘新蓝图 › （二）基本原则", index=0, start=0,
              end=len(text), text=text, score=1.0)
    info = analyse("十四五时期要把握的基本原则有哪几条？")
    assert B._parallel(info, [hit], headed=True).answer == \
        "始终坚持党对一切工作的领导[1]；始终坚持以人民为中心[1]；始终坚持发展是第一要务[1]。"
    assert B._parallel(info, [hit]) is None  # the question names neither their opening (始终)…
    assert B._parallel(analyse("十四五时期的发展目标有哪几条？"), [hit], headed=True) is None  # …nor their heading


def test_numbered_headings_are_no_parallel_items():
    from assistant.references import opening
    assert opening("第十章 培育发展战略性新兴产业") == opening("（一）稳增长") == opening("3．推进改革") == ""
    assert opening("——必须坚持人民至上。") == "必须" and opening("聚焦对外开放，建设自贸港。") == "聚焦"


def test_items_opening_alike_within_one_paragraph():
    info = analyse("报告提出今后五年要坚定不移走好哪几条路？")
    text = ("今后五年努力方向是：坚定不移走好“生态立县”之路，巩固生态优势。坚定不移走好“工业强县”之路，壮大产业。"
            "坚定不移走好“开放活县”之路，扩大开放。")
    hit = Hit(doc_id="d", name="d.txt", title="t", section="二、目标", index=0, start=0, end=len(text), text=text,
              score=1.0)
    assert B._parallel(info, [hit]).answer == \
        "坚定不移走好“生态立县”之路[1]；坚定不移走好“工业强县”之路[1]；坚定不移走好“开放活县”之路[1]。"


def test_a_difference_pairs_the_best_sentence_with_its_partner_in_the_same_document():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)

    def hit(doc, section, text, index):
        return Hit(doc_id=doc, name=f"{doc}.txt", title=f"{doc}政府工作报告", section=section, index=index, start=0,
                   end=len(text), text=text, score=0.5, dense=0.5, chunk_id=f"{doc}:{index}")

    q = "今年粮食产量目标比去年实际少多少？"
    plan = hit("甲", "二、今年工作安排", "今年主要预期目标：粮食产量511万吨以上，城镇新增就业50万人。", 1)
    review = hit("甲", "一、去年工作回顾", "粮食播种面积1266.6万亩、产量514.4万吨，创历史新高。", 0)
    other = hit("乙", "三、今年重点工作", "坚持藏粮于地、藏粮于技，持续加强农田水利和仓储设施建设，确保口粮绝对安全，全年粮食产量520万吨。", 0)
    answer = backend.answer(q, [plan, other, review]).answer
    assert "511万吨" in answer and "514.4万吨" in answer and "两者相差3.4万吨" in answer
    assert "520万吨" not in answer  # another document's figure is never the partner
    alone = backend.answer(q, [plan, other]).answer
    assert "相差" not in alone
    # a question about one document quotes one document's figures, not another's beside them
    mine, theirs = hit("甲", "二、今年工作安排", "今年粮食产量保持在511万吨以上。", 1), \
        hit("乙", "三、今年重点工作", "今年粮食产量保持在520万吨以上。", 0)
    one = backend.answer("今年粮食产量要保持在多少？", [mine, theirs]).answer
    assert ("511万吨" in one) != ("520万吨" in one)


def test_a_list_introduced_by_its_name_and_a_colon_is_quoted_whole():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = ("2026年是开局之年。今年经济社会发展的\n主要预期目标\n是：地区生产总值增长5%左右；"
            "地方一般公共预算收入增长3%左右；居民收入增长与经济增长同步。这样的目标，是综合考虑提出来的。")
    hit = Hit(doc_id="d", name="d.txt", title="政府工作报告", section="三、今年工作安排", index=0, start=0,
              end=len(text), text=text, score=0.5, dense=0.5, chunk_id="d:0")
    answer = backend.answer("今年的报告定了哪几项主要预期目标？", [hit]).answer
    assert answer == ("今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；地方一般公共预算收入增长3%左右；"
                      "居民收入增长与经济增长同步[1]。")
    # what an arrangement is: the same whole sentence; a passage cut after its first item lists nothing
    plan = ("全面建成现代化强国，总的战略安排是分两步走：从二〇二〇年到二〇三五年基本实现现代化；"
            "从二〇三五年到本世纪中叶建成现代化强国。")
    two = Hit(doc_id="d", name="d.txt", title="报告", section="三、任务", index=0, start=0, end=len(plan), text=plan,
              score=0.5, dense=0.5, chunk_id="d:1")
    assert backend.answer("建成现代化强国的两步走是怎么安排的？", [two]).answer == plan.rstrip("。") + "[1]。"
    cut = plan[: plan.index("；") + 1]
    first = Hit(doc_id="d", name="d.txt", title="报告", section="三、任务", index=0, start=0, end=len(cut), text=cut,
                score=0.5, dense=0.5, chunk_id="d:2")
    info = analyse("建成现代化强国的两步走是怎么安排的？")
    assert backend._introduced(info, backend.candidates(info, [first]), [first]) is None
    # a colon that introduces something else is no answer to the list asked
    info = analyse("今年的报告提出了哪些改革举措？")
    assert backend._introduced(info, backend.candidates(info, [hit]), [hit]) is None


def _passage(text: str, section: str = "注释") -> Hit:
    return Hit(doc_id="d", name="d.txt", title="报告", section=section, index=0, start=0, end=len(text), text=text,
               score=1.0)


GLOSSARY = "注释\n［1］一降三减：\n全年火灾起数总体下降，火灾亡人数、伤人数减少。\n［2］四大主导产业：\n旅游业、现代服务业。\n"


def test_a_term_is_defined_from_the_documents_glossary():
    from assistant.definitions import definition

    body = _passage("火灾呈现“一降三减”［1］良好态势。", "一、回顾")
    d = definition("海南报告里“一降三减”是什么意思？", [body, _passage(GLOSSARY)])
    assert d.answer == "一降三减：全年火灾起数总体下降，火灾亡人数、伤人数减少[2]。" and d.used == [2]
    # run-in entries, a note, a body sentence; an OCR'd character (收人) still names the term asked
    assert definition("“两重”指什么？", [_passage("1.“两重”：是指国家重大战略实施。")]).answer == "“两重”：国家重大战略实施[1]。"
    assert definition("国民收入使用额是什么意思？", [_passage("〔注〕国民收人使用额，指国民收人生产额加上进口额。")]).answer \
        == "国民收人使用额：国民收人生产额加上进口额[1]。"
    assert definition("新三样指的是什么？", [_passage("“新三样”是指电动汽车、锂电池和光伏产品。", "一、回顾")]).answer \
        == "新三样：电动汽车、锂电池和光伏产品[1]。"
    # the entry must be of a term the question names; an entry line is not a definition of the next
    assert definition("三张清单是什么意思？", [_passage(GLOSSARY)]) is None
    assert definition("四大主导产业是什么意思？", [_passage("［2］四大主导产业：\n［3］五互一共：\n中外互鉴。")]) is None
    # without 意思/指/含义, only a numbered glossary entry defines: a plain "X：" line or a table row does not
    assert definition("主要目标是什么？", [_passage("主要目标：\n地区生产总值增长5%。")]) is None
    assert definition("四大主导产业是什么？", [_passage(GLOSSARY)]).answer == "四大主导产业：旅游业、现代服务业[1]。"
    assert definition("指标的含义是什么？", [_passage("指标：地区生产总值；单位：%；目标值：5。")]) is None


def test_a_documents_own_note_markers_are_never_quoted():
    from assistant.definitions import quotable

    assert quotable("火灾呈现“一降三减”［1］良好态势") == "火灾呈现“一降三减”良好态势"
    assert quotable("国民收人使用额〔注〕为4，590亿元[12]。") == "国民收人使用额为4，590亿元。"
    assert quotable("增长5%（约）") == "增长5%（约）"


def test_passages_that_define_a_term_of_the_question_are_found():
    from assistant.definitions import defines

    assert defines("广东报告里的四上企业指什么？", "附件2\n1.“四上”企业：\n现阶段统计工作实践中…")
    assert defines("“两重”是什么？", "1.“两重”：是指国家重大战略实施。")  # a numbered entry answers 是什么
    assert not defines("主要目标是什么？", "主要目标：地区生产总值增长5%。")  # a plain line only when the meaning is asked
    assert not defines("四上企业指什么？", "覆盖21万家“四上”企业，主动帮助企业。")  # mentioned, not defined


def test_the_items_of_a_term_asked_for_are_its_glossary_entry():
    from assistant.definitions import DEFINE, definition

    entry = _passage("5.“三通一码”：赣服通、赣政通、赣企通、赣通码。")
    for q in ("江西政务服务的“三通一码”具体是哪几个？", "轨道交通“四网融合”是哪四张网？"):
        assert DEFINE.search(q)
    assert definition("江西政务服务的“三通一码”具体是哪几个？", [entry]).answer == "“三通一码”：赣服通、赣政通、赣企通、赣通码[1]。"
    assert not DEFINE.search("今年的主要目标有哪几个？")


def test_several_figures_asked_span_every_named_clause():
    s = ("深入实施多能互补工程，力争电力总装机达到1.1亿千瓦，新能源装机规模占比突破65%，构建多能并举、供需适配的"
         "综合能源供给系统。")
    q = quote("今年发电装机总量要冲到多少？其中新能源占比呢？", s)
    assert "1.1亿千瓦" in q and "65%" in q and "综合能源" not in q


def test_a_clause_going_on_with_the_figure_is_kept():
    s = "人均预期寿命提高1岁，达到74.5岁，城乡居民收入较快增长。"
    assert "74.5岁" in quote("人均预期寿命的目标是多少？", s)
    s = "对建成的二级节点项目按照不超过项目投资额30%的比例，给予一次性奖补，最高300万元。"
    q = quote("建成二级节点最多补多少？", s)
    assert "30%" in q and "300万元" in q


def test_goal_or_result_asked_and_stated():
    from assistant.evidence import question_tense, statement_tense

    assert question_tense("粮食产量目标是多少？") == "goal"
    assert question_tense("去年粮食产量达到了多少？") == "result"
    assert question_tense("粮食产量是多少？") is None
    assert statement_tense("确保粮食总产量稳定在76亿斤以上") == "goal"
    assert statement_tense("粮食总产量比上年增长2%") == "result"
    assert statement_tense("粮食总产量76亿斤") is None


def test_a_duration_answers_how_many_years():
    from assistant.evidence import has_figure

    assert has_figure("连续三年入选百强县", "年") and has_figure("用2-3年时间建成", "年")
    assert has_figure("2025年全面完成", "年") is None and has_figure("二〇二五年", "年") is None
    s = "生态旅游风生水起，涌现出一批网红村，获评全国休闲农业示范县，连续三年入选全国县域旅游综合实力百强县。"
    q = quote("这个县在旅游实力百强里连续上榜几年？", s)
    assert "连续三年" in q and "网红村" not in q


def test_how_long_asks_any_span_of_time():
    from assistant.evidence import has_figure

    info = analyse("外国人过境免签可以在境内待多久？")
    assert info.unit == "时长" and "多久" not in info.terms
    assert analyse("打算用多长时间建立制度？").unit == "时长"
    assert has_figure("停留时间延长至240小时", "时长") and has_figure("利用2-3年时间", "时长")
    assert has_figure("2025年底前完成", "时长") is None
    assert "240小时" in quote("外国人过境免签可以在境内待多久？", "优化入境政策，过境免签境内停留时间延长至240小时，入境游客增长。")


def test_period_and_kind_of_figure_frame_the_clause():
    # 十三五 is the period (like a year) and 比重 the kind of figure: the answering clause need not repeat them
    assert check_sentence(analyse("某县十三五这五年投资累计完成了多少钱？"),
                          "固定资产投资2020年预计完成XX亿元，五年累计达到1214.7亿元。", G).ok
    assert check_sentence(analyse("半年考核打分里，日常监测占多大比重？"),
                          "半年考评分值=日常监测（60%）+实地调研（20%）+民意调查（10%）+第三方评估（10%）", G).ok
    # a neighbour's figure still does not answer
    assert not check_sentence(analyse("半年考核打分里，专家评审占多大比重？"),
                              "半年考评分值=日常监测（60%）+实地调研（20%）+民意调查（10%）", G).ok


def test_a_clause_listing_as_many_items_as_asked():
    from assistant.answer.extractive import _inline_list

    info = analyse("实施意见点名支持哪两个县创建国家级冷链物流基地？")
    s = "加快省级物流枢纽建设，支持甲县、乙县创建国家级冷链物流基地。"
    assert _inline_list(info, s, quoted_only=False) and not _inline_list(info, s)
    assert not _inline_list(info, "支持甲县、乙县、丙县创建物流基地。", quoted_only=False)  # three, not two
    assert _inline_list(analyse("哪三大经济？"), "壮大“城市、临港、矿业”三大经济。")
    # no count asked (哪几种): three or more short items in a clause that names what is asked
    info = analyse("行动计划要推广哪几种新模式？")
    s = "根据企业规模、行业需求、服务特点，开展智能化制造、网络化协同、个性化定制等新模式探索与推广。"
    assert _inline_list(info, s, quoted_only=False) and not _inline_list(info, s)
    assert not _inline_list(info, "根据企业规模、行业需求、服务特点，开展探索与推广新模式。", quoted_only=False)
    assert not _inline_list(info, "开展智能化制造、网络化协同、个性化定制等探索。", quoted_only=False)  # names nothing asked


def test_an_entry_of_several_quoted_terms_defines_each():
    from assistant.definitions import definition

    text = "名词解释\n7.“三大高地”“五大战略”：甲地高质量发展高地、乙地改革开放高地、丙地生态文明建设高地，产业升级战略、项目带动战略。\n"
    d = definition("报告里的“三大高地”指哪三个？", [_passage(text, "名词解释")])
    assert d is not None and "甲地高质量发展高地" in d.answer and d.answer.endswith("[1]。")
    assert definition("报告里的“四大高地”指哪四个？", [_passage(text, "名词解释")]) is None


def test_a_modifier_the_question_lacks_makes_another_indicator():
    # 人均GDP is not the GDP asked; 居民人均可支配收入 is the 居民收入 asked (a glossary synonym)
    q = quote("十四五末GDP规模有多大？", "经济总量达到2.67万亿元，人均GDP进入全国前8位。")
    assert "2.67万亿元" in q and q.startswith("经济总量")
    q = quote("去年居民收入是多少？", "城镇化率达到60%，全体居民人均可支配收入3.5万元，增长5%。")
    assert "3.5万元" in q and "城镇化率" not in q



def test_the_same_clause_from_two_sentences_is_quoted_once():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = ("今年的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。"
            "全年城镇新增就业1200万人以上，城镇调查失业率5.5%左右。")
    hit = Hit(doc_id="d", name="d.txt", title="政府工作报告", section="一、主要目标", index=0, start=0, end=len(text),
              text=text, score=0.5, dense=0.5, chunk_id="d:0")
    assert backend.answer("城里的失业率上限定在多少？", [hit]).answer == "城镇调查失业率5.5%左右[1]。"


def test_figures_computed_on_are_dated_by_their_headings_and_places_of_one_document_answer_as_one():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)

    def hit(section, text, index):
        return Hit(doc_id="甲", name="甲.txt", title="甲省政府工作报告", section=section, index=index, start=0,
                   end=len(text), text=text, score=0.5, dense=0.5, chunk_id=f"甲:{index}")

    q = "今年粮食产量目标比去年实际少多少？"
    plan = hit("二、2025年工作安排", "今年主要预期目标：粮食产量511万吨以上，城镇新增就业50万人。", 1)
    review = hit("一、2024年工作回顾", "粮食播种面积1266.6万亩、产量514.4万吨，创历史新高。", 0)
    answer = backend.answer(q, [plan, review]).answer
    assert "两者相差3.4万吨" in answer and "2025年：" in answer and "2024年：" in answer
    # undated headings (or one year for both) add no label
    assert "年：" not in backend.answer(q, [hit("二、今年工作安排", plan.text, 1), hit("一、去年工作回顾", review.text, 0)]).answer
    # two cities of one document summed: one answer, not a per-document one
    q = "厦门和福州两个机场去年的客流都创了新高，两个加起来一共多少人次？"
    s = hit("一、2024年工作回顾", "全省接待游客6.5亿人次，厦门、福州机场旅客吞吐量分别达2790.6万人次、1529.9万人次，均创新高。", 0)
    answer = backend.answer(q, [s]).answer
    assert "两者合计4320.5万人次" in answer and "《" not in answer


def test_a_thousands_separator_is_no_clause_end():
    s = "计划规定，1985年国家财政支出1，304亿元，比1980年增加100亿元。"
    assert "1，304亿元" in quote("六五计划1985年国家财政支出多少？", s)


def test_everyday_words_for_an_indicator_find_it_through_the_glossary():
    info = analyse("今年打算新增多少城镇岗位？")
    assert check_sentence(info, "城镇新增就业50万人、失业人员实现再就业10万人。", G).ok
    assert not check_sentence(info, "新增高标准农田50万亩。", G).ok


def test_a_sibling_indicators_figure_does_not_answer():
    info = analyse("十二五规划里城镇调查失业率要控制在多少以内？")
    assert not check_sentence(info, "城镇登记失业率控制在5%以内。", G).ok  # 登记 for 调查: another indicator
    assert check_sentence(info, "城镇调查失业率控制在5.5%以内。", G).ok
    assert not check_sentence(analyse("今年进口额是多少？"), "货物进出口总额达到4万亿元。", G).ok
    # a glossary synonym in the question names the qualifier too (城里人 = 城镇居民)
    assert check_sentence(analyse("1985年城里人的消费水平是多少元？"), "城镇居民的消费水平达到547元。", G).ok


def test_a_result_does_not_answer_the_goal_asked():
    info = analyse("2026年城镇调查失业率目标定在多少？")
    review = squash("政府工作报告\n一、2025年工作回顾 › 六是全力保障和改善民生")
    plan = squash("政府工作报告\n二、2026年工作安排")
    assert not check_sentence(info, "城镇新增就业149.4万人，城镇调查失业率平均值为5.0%。", G, review).ok
    assert check_sentence(info, "城镇调查失业率5.5%左右。", G, review).ok  # the clause states a goal itself
    assert check_sentence(info, "城镇调查失业率5.5%。", G, plan).ok
    # a question that asks the result too, or names no goal, takes the review's figure
    assert check_sentence(analyse("2026年城镇调查失业率是多少？"), "城镇调查失业率平均值为5.0%。", G, review).ok
    assert check_sentence(analyse("去年实际的城镇调查失业率比今年目标低多少？"), "城镇调查失业率平均值为5.0%。", G,
                          review).ok
    assert not asks_goal("人均预期寿命是多少岁？")
    assert not asks_goal("规划定的指标最后达到预期的有几项？")  # met expectations: a result
    assert not asks_goal("已发生的业务量离今年定的累计目标还差多少？")  # a computation from a result and a goal


def test_a_latin_term_is_a_word_of_its_own():
    assert not term_present("M2", squash("细颗粒物（PM2.5）平均浓度下降2.7%"), G)
    assert term_present("M2", squash("广义货币M2增速同名义经济增速基本匹配"), G)
    assert soft_presence("M2", squash("PM2.5"), G) == 0.0
    info = analyse("广义货币M2增速目标是多少？")
    assert not check_sentence(info, "地级及以上城市细颗粒物（PM2.5）平均浓度下降2.7%。", G).ok


def test_a_single_years_figure_does_not_answer_an_average_asked():
    info = analyse("2021年政府工作报告定的“十四五”时期GDP年均增长目标是多少？")
    assert not check_sentence(info, "今年发展主要预期目标是：国内生产总值增长6%以上。", G).ok
    assert check_sentence(info, "国内生产总值年均增长5.5%左右。", G).ok
    # a computation may derive the average from two figures (the answering backend reads no head: ExtractiveConfig)
    derived = replace(analyse("城镇化率年均提高了几个百分点？"), head=())
    assert check_sentence(derived, "常住人口城镇化率由52.23%提高到58.08%。", G).ok


def test_an_average_word_is_no_subject():
    # 年均 frames the figure like 增长 does: a clause with only it names nothing asked (the question asks GDP)
    info = replace(analyse("二十大报告给未来五年定的GDP年均增速目标是多少？"), head=())
    assert not check_sentence(info, "城镇新增就业年均一千三百万人以上。", G).ok
    assert check_sentence(info, "国内生产总值年均增长5%左右。", G).ok


def test_money_asked_wants_a_figure_in_yuan():
    info = analyse("评上先进集体的单位能拿多少奖金？")
    assert not check_sentence(info, "请各单位填写联络员登记表（见附件1），评选先进集体。", G).ok
    assert check_sentence(info, "对评上先进集体的单位给予奖金5万元。", G).ok


def test_one_year_asked_is_not_answered_by_an_average_over_years():
    info = analyse("内蒙古今年出煤量要保持在多少以上？")
    assert not check_sentence(info, "年均煤炭产量保持在12亿吨以上。", G).ok
    assert check_sentence(info, "煤炭产量稳定在12.5亿吨以上。", G).ok
    # a period asked may be answered by its average
    assert check_sentence(analyse("十四五期间煤炭产量要保持在多少以上？"), "年均煤炭产量保持在12亿吨以上。", G).ok


def test_a_rate_of_another_kind_does_not_answer():
    # a growth asked: a contribution to growth is another figure
    info = replace(analyse("2018年我国经济增速是多少？"), head=())
    assert not check_sentence(info, "服务业对经济增长贡献率接近60%。", G).ok
    assert check_sentence(info, "全年经济增长6.6%。", G).ok
    # a share asked: a growth is another figure, but 提高到 states the level
    info = replace(analyse("一产、二产、三产的占比结构是多少？"), head=())
    assert not check_sentence(info, "一产、二产、三产增加值分别增长6%、5.2%、5.2%。", G).ok
    assert check_sentence(info, "三次产业结构调整为8.3∶41.4∶50.3，三产占比50.3%。", G).ok
    info = replace(analyse("住在城镇的常住人口占比要到多少？"), head=())
    assert check_sentence(info, "常住人口城镇化率提高到65%。", G).ok


def test_a_result_asked_is_not_answered_by_a_goal_stated():
    info = analyse("海南去年经济增长多少？")
    assert not check_sentence(info, "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，固定资产投资增长7%左右。", G).ok
    # 经济 is a short name of 地区生产总值 (ingest/data/indicators.txt)
    assert check_sentence(info, "地区生产总值增长4%，规上工业增加值增长9.9%。", G).ok
    # a goal word elsewhere in a long sentence, not leading the figure, does not make it a goal
    info = analyse("军队改革裁了多少人？")
    assert check_sentence(info, "我们确立党在新时代的强军目标，深化国防和军队改革，裁减现役员额三十万人胜利完成。", G).ok


def test_a_clause_of_items_that_end_or_begin_alike():
    from assistant.answer.extractive import _affix_list

    # the items share the noun the question asks for (政府): that clause lists them
    s = "加强政府自身建设，建设法治政府、诚信政府、高效政府、廉洁政府、服务型政府。"
    assert _affix_list(analyse("要打造哪几种类型的政府？"), s) == "建设法治政府、诚信政府、高效政府、廉洁政府、服务型政府"
    # a shared opening counts only when the question quotes it (“强”字头)
    s = "着眼稳就业、稳企业、稳市场，深入实施强科技、强工业、强县域、强基础行动，加快推进新型工业化。"
    assert _affix_list(analyse("要深入实施哪几个“强”字头的行动？"), s) == "深入实施强科技、强工业、强县域、强基础行动"
    assert _affix_list(analyse("要深入实施哪几个行动？"), s) is None
    # an item the question names is a sibling of what it asks (区域重大战略 asks for its own parts)
    s = "深入实施区域重大战略、区域协调发展战略、主体功能区战略，构建高质量发展的区域经济布局。"
    assert _affix_list(analyse("要扎实推动哪几个区域重大战略？"), s) is None
    # what the items share must be named by the question
    assert _affix_list(analyse("有哪几个特色？"), "提供更多中国智慧、中国方案、中国力量。") is None


def test_a_date_written_in_chinese_numerals_answers_when():
    s = "从二〇二〇年到二〇三五年基本实现社会主义现代化。"
    assert check_sentence(analyse("什么时候基本实现社会主义现代化？"), s, G).ok
    assert "二〇三五年" in quote("什么时候基本实现社会主义现代化？", s)
    from assistant.evidence import has_figure
    assert has_figure("考评工作每半年考评一次", "时长") and has_figure("半年", "时长") is None


def test_a_documents_outline_is_its_parts_headings_in_order():
    def hit(doc, section):
        return Hit(doc_id=doc, name=f"{doc}.txt", title="t", section=section, index=0, start=0, end=2, text="正文",
                   score=1.0, dense=1.0)

    passages = [hit("d", "一、回顾"), hit("d", "一、回顾 › （一）经济"), hit("d", "二、安排"), hit("e", "三、其他")]
    draft = B.answer("这份报告分成哪几部分？", passages)
    assert draft.answer == "共2部分：一、回顾[1]；二、安排[3]。" and draft.used == [1, 3]
    assert not B.answer("这份报告分成哪几部分？", passages[:2]).answer.startswith("共")  # one part shows: no outline


def test_numbered_headings_ending_with_what_is_asked_are_the_list():
    def hit(section, index):
        return Hit(doc_id="d", name="d.txt", title="t", section=section, index=index, start=0, end=2, text="正文",
                   score=1.0, dense=1.0)

    parent = "二、行动步骤 › "
    passages = [hit(parent + "（二）基础支撑增强行动", 2), hit(parent + "（一）网络体系强基行动，夯实基础", 1),
                hit(parent + "（三）平台体系赋能行动", 3), hit("三、保障措施", 4)]
    from assistant.answer.extractive import _ending_run

    draft = _ending_run(analyse("行动计划一共安排了哪几大行动？"), passages)
    assert draft.answer == "网络体系强基行动[2]；基础支撑增强行动[1]；平台体系赋能行动[3]。" and draft.used == [2, 1, 3]
    # an ending the question does not name is no list of what it asks
    assert _ending_run(analyse("行动计划有哪些保障？"), passages) is None


def test_the_chain_adds_every_numbered_heading_ending_with_what_is_asked():
    from assistant.references import ending_siblings

    chunks = [("c0", "二、行动步骤"), ("c1", "二、行动步骤 › （一）网络强基行动"), ("c2", "二、行动步骤 › （一）网络强基行动"),
              ("c3", "二、行动步骤 › （二）平台赋能行动"), ("c4", "二、行动步骤 › （三）生态构建行动"), ("c5", "三、保障")]
    assert ending_siblings(chunks, "二、行动步骤 › （二）平台赋能行动", "安排了哪几大行动？") == ["c1", "c3", "c4"]
    assert ending_siblings(chunks, "二、行动步骤 › （二）平台赋能行动", "安排了哪些任务？") == []
    assert ending_siblings(chunks, "三、保障", "安排了哪几大行动？") == []


def test_a_part_headed_by_a_bare_label_is_named_by_its_title_line():
    from assistant.answer.extractive import _label_title

    assert _label_title("附件1", "附件1\n2026年省十件民生实事\n坚持民生为大，办好十件民生实事。") == "（2026年省十件民生实事）"
    assert _label_title("附件2", "附件2：\n\n  各单位宣传报道申报单\n申请部门（单位）：") == "（各单位宣传报道申报单）"
    # a heading with its own words, or a sentence under the label, adds nothing
    assert _label_title("一、总体要求", "一、总体要求\n指导思想") == ""
    assert _label_title("附件1", "附件1\n坚持民生为大，办好十件民生实事。") == ""


def test_a_glossary_indicator_asked_must_be_named_where_the_figure_is():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = "生态环境进一步改善，单位国内生产总值能耗下降3%左右，主要污染物排放量继续下降。"
    hit = Hit(doc_id="d", name="d.txt", title="政府工作报告", section="二、今年工作安排", index=0, start=0,
              end=len(text), text=text, score=0.5, dense=0.5, chunk_id="d:0")
    asked = analyse("报告定的单位GDP二氧化碳排放下降目标是多少？")
    assert asked.head == ("二氧化碳排放",)
    assert not any(c.check.ok for c in backend.candidates(asked, [hit]))  # 能耗 is another indicator
    assert any(c.check.ok for c in backend.candidates(analyse("报告定的单位GDP能耗下降目标是多少？"), [hit]))


def test_a_date_in_chinese_numerals_is_also_given_in_arabic():
    from tests.fake_embedder import FakeEmbedder
    from assistant.citecheck import check_citations

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = "全面建成社会主义现代化强国，总的战略安排是分两步走：从二〇二〇年到二〇三五年基本实现社会主义现代化。"
    hit = Hit(doc_id="d", name="d.txt", title="报告", section="三、新时代新征程", index=0, start=0, end=len(text),
              text=text, score=0.5, dense=0.5, chunk_id="d:0")
    answer = backend.answer("什么时候基本实现社会主义现代化？", [hit]).answer
    assert "从二〇二〇年到二〇三五年基本实现社会主义现代化（2020年到2035年）[1]" in answer
    assert check_citations(answer, [hit]).flags == []  # the years are the passage's, in Arabic


def test_a_part_without_sub_parts_or_leads_is_answered_by_its_heading_and_first_sentence():
    info = analyse("行动计划的专栏5是个什么工程，主要干什么？")
    text = ("专栏5 “企业登云”提质扩面工程\n积极引进国内知名云服务商，加快培育特色工业云服务平台，规模化推进企业上云；"
            "面向中小企业打造低成本的升级方案。\n（责任单位：省经济和信息化厅）")
    draft = B._section_answer(info, [_passage(text, "二、重点任务 › 专栏5 “企业登云”提质扩面工程")])
    assert draft.answer == "专栏5“企业登云”提质扩面工程[1]：积极引进国内知名云服务商，加快培育特色工业云服务平台，规模化推进企业上云[1]。"


def test_a_dateline_wrapped_over_two_lines_is_one_answer():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = "政府工作报告\n——2026年1月26日在某省第十四届\n人民代表大会第五次会议上\n某省省长 某某\n各位代表：\n现在，我代表省人民政府，向大会报告工作。"
    hit = Hit(doc_id="d", name="d.txt", title="政府工作报告", section="", index=0, start=0, end=len(text), text=text,
              score=0.5, dense=0.5, chunk_id="d:0")
    answer = backend.answer("这份报告是哪天、在哪次会议上作的？", [hit]).answer
    assert answer.startswith("——2026年1月26日在某省第十四届人民代表大会第五次会议上[1]")


def test_a_whole_dateline_and_a_dash_item_stay_lines_of_their_own():
    from assistant.evidence import sentence_units
    text = "报告\n——2026年2月4日在某自治区第十四届人民代表大会第五次会议上\n自治区人民政府主席 某某\n——人口\n总数控制"
    assert [text[s:e] for s, e in sentence_units(text)] == [
        "报告", "——2026年2月4日在某自治区第十四届人民代表大会第五次会议上", "自治区人民政府主席 某某", "——人口", "总数控制"]


def test_the_items_a_count_term_names_are_the_ones_listed_beside_it():
    from assistant.answer.extractive import _counted_items

    info = analyse("国际金融中心要完善的“四个体系”是哪四个？")
    s = "提升国际化水平，完善金融市场、产品、机构和基础设施“四个体系”，做好科技金融"
    assert _counted_items(info, s) == "完善金融市场、产品、机构和基础设施“四个体系”"
    three = analyse("三重压力是哪三个？")
    assert _counted_items(three, "面对三重压力：需求收缩、供给冲击、预期转弱。") == "面对三重压力：需求收缩、供给冲击、预期转弱"
    assert _counted_items(three, "经济发展面临需求收缩、供给冲击三重压力。") is None  # two items are not three
    assert _counted_items(analyse("三重压力是哪两个？"), "面临需求收缩、供给冲击、预期转弱三重压力。") is None


def test_an_item_a_part_numbers_in_its_text_answers_for_that_number():
    from tests.fake_embedder import FakeEmbedder

    backend = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)
    text = "三、以产业为基\n一是实施主导产业培育行动；二是实施产业集群培育提速行动；三是实施现代物流建设行动。"
    hit = Hit(doc_id="d", name="d.txt", title="实施意见", section="三、以产业为基", index=0, start=0, end=len(text),
              text=text, score=0.5, dense=0.5, chunk_id="d:0")
    answer = backend.answer("第三部分下面第（三）项是什么行动？", [hit]).answer
    assert answer == "三是实施现代物流建设行动[1]。"
    # no item of that number: the part's heading answers as before
    assert not backend.answer("第三部分下面第（九）项是什么行动？", [hit]).answer.startswith("九是")
