"""Rules of the twenty-first blind batch, on hand-made text: words the tagger glues or cuts (对外贸易, 占|比到,
机械化|率到, 说澜|岫区, 券能), the asker's own life told before the question, a body's name before 单位 is no per-unit
measure, a share of people, the items a sentence counts of the kind asked, a province that says where a place is,
the owner a figure is of, the last chapter of a part named, lines that open as the question quotes."""

from assistant.answer.extractive import ExtractiveBackend, _self_counted
from assistant.evidence import check_sentence, doc_label, doc_scope
from assistant.glossary import Glossary
from assistant.question import analyse
from vectordb.index import Hit

G = Glossary.load()


def _hit(text: str, section: str, index: int = 0, doc: str = "d", title: str = "甲区十四五规划纲要") -> Hit:
    return Hit(doc_id=doc, name=f"{doc}.txt", title=title, section=section, index=index, start=0,
               end=len(text), text=text, score=1.0, chunk_id=f"{doc}-{index}")


def test_words_the_tagger_glues_or_cuts_are_read_whole():
    assert "对外贸易" in analyse("甲省今年对外贸易增速目标是多少？").terms  # not 外贸易
    assert "城镇" in analyse("在城镇新增就业多少人").terms  # a preposition glued on is still cut off
    share = analyse("二十大报告里，住在城镇的人口占比到了多少？")
    assert "比到" not in share.terms and share.unit == "%"  # 占比, the share asked, is no term (twenty-second batch)
    assert "机械化率" in analyse("甲区种地机械化率到2025年是不是要到90%？").terms
    assert analyse("书记讲话说搞网格化管理，一个网格按多少户来划？").terms == ("网格化", "管理", "网格")
    assert "澜岫区" in analyse("新闻说澜岫区搞了城市体检，满意度是多少？").places
    assert "券" in analyse("顾客来我这买新车，政府那个券能顶多少钱？").terms
    assert "年少" not in analyse("全市公车还剩多少辆，比前年少了几辆？").terms  # 前|年少: 前年, then 少


def test_the_askers_own_life_names_no_subject():
    info = analyse("我闺女在开封上班，说市里那个县域经济的意见点名支持两个县争创冷链物流基地，是哪两个县呀？")
    assert "上班" not in info.terms and "基地" in info.terms
    info = analyse("我跟老伴都七十好几了，就操心以后住养老院的事。甲区那个规划讲到2025年，护理床位占多少？")
    assert "老伴" not in info.terms and "操心" not in info.terms and "护理" in info.terms
    # who the asker is and what they do are a policy's conditions; what they mean to do, and 我县, the subject
    assert "硕士" in analyse("我是硕士，在甲市第一次买房能补多少？").terms
    assert "卫生院" in analyse("我在乡镇卫生院住院，居民医保能报百分之多少？").terms
    assert "研发" in analyse("我们企业想申请研发补助，条件是什么？").terms
    assert "GDP" in analyse("我县2025年GDP增长多少？").terms


def test_a_bodys_name_before_its_assets_is_no_per_unit_measure():
    info = analyse("行政事业性资产里面事业单位比行政单位多出多少亿？")
    said = "其中，行政单位资产总额412.76亿元，事业单位资产总额913.72亿元。"
    assert check_sentence(info, said, G).ok
    # 单位GDP能耗 still measures per unit of output, no output
    assert not check_sentence(analyse("地区生产总值是多少亿元？"), "单位地区生产总值能耗下降3%，", G).ok


def test_a_share_of_the_population_is_asked_in_percent():
    assert analyse("创文到2028年注册志愿者要占多少人口？").unit == "%"
    assert analyse("全县有多少人口？").unit == "人"


def test_the_items_a_sentence_counts_of_the_kind_asked():
    info = analyse("这个报告里讲的国有资产分哪几大类？")
    said = "全市国有资产包括企业国有资产（不含金融企业）、金融企业国有资产、行政事业性国有资产和国有自然资源资产四类。"
    assert _self_counted(info, said).endswith("国有自然资源资产四类")
    assert _self_counted(analyse("包括哪几个方面？"), "按照田、土、水、路、林、电、技、管八个方面统筹建设。") is not None
    # as many items as the count says, else none
    assert _self_counted(info, "全市国有资产包括企业国有资产和金融企业国有资产四类。") is None


def test_a_province_before_a_place_says_where_it_is():
    labels = {"jz": doc_label("冀州区国民经济和社会发展第十四个五年规划纲要", "p.txt", ""),
              "gd": doc_label("乙省政府工作报告", "r.txt", "各位代表")}
    scope = doc_scope(analyse("听说河北冀州那个十四五规划，到2025年粮食能打多少万吨？"), labels)
    assert scope.free_places == () and scope.docs == frozenset({"jz"})
    assert doc_scope(analyse("河北到2025年粮食能打多少万吨？"), labels).free_places == ("河北",)


def test_the_owner_a_figure_is_of_must_be_named():
    info = analyse("甲市市属国企2025年营业收入是多少亿元？")
    assert not check_sentence(info, "2025年，全市国有企业实现营业收入1287.45亿元，同比增长5.3%；", G).ok
    assert check_sentence(info, "2025年，市属国有企业实现营业收入802.3亿元，同比增长4.1%；", G).ok


def test_the_last_chapter_of_a_part_named_is_under_that_part():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    hits = [_hit("第二十六章完善生态文明制度体系\n一、创新激励政策", "第七篇建设美丽甲区 › 第二十六章完善生态文明制度体系", 1),
            _hit("第三十一章全面繁荣文化事业\n深化文化改革。", "第八篇繁荣文化 › 第三十一章全面繁荣文化事业", 2)]
    draft = backend._section_answer(analyse("甲区纲要第七篇最后一章讲的是什么？"), hits)
    assert draft is not None and draft.answer.startswith("第二十六章完善生态文明制度体系")


def test_lines_that_open_as_quoted_are_the_items():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    text = ("二、基本原则\n始终坚持党的领导，把握方向。始终坚持以人民为中心，增进福祉。始终坚持改革开放，激发活力。")
    hits = [_hit(text, "总体思路 › 二、基本原则", 1), _hit("一、指导思想\n高举旗帜。", "总体思路 › 一、指导思想", 0),
            _hit("三、发展目标\n到2025年。", "总体思路 › 三、发展目标", 2)]
    draft = backend._parallel(analyse("总体思路里讲了好几条原则，都是“始终坚持”打头的，都是啥？"), hits, headed=True)
    assert draft is None  # the parts of the heading named give way to the lines that open as quoted
    draft = backend._parallel(analyse("总体思路里讲了好几条原则，都是“始终坚持”打头的，都是啥？"), hits)
    assert draft is not None and draft.answer.count("始终坚持") == 3


def test_words_typed_wrong_are_read_as_meant():
    from assistant.glossary import normalise_query
    assert normalise_query("老楼装电梯政府补帖多少钱一部") == "老楼装电梯政府补贴多少钱一部"
    assert "志愿者" in analyse("我是社区志原者，注册志愿者要占多少人口？").terms


def test_a_fee_asked_is_not_answered_by_another_fee():
    info = analyse("这几份报告里摊位费减免的标准，一个月能减多少？")
    assert not check_sentence(info, "其中减免社保费1.7万亿元。", G).ok
    # a fee named loosely is the one asked (意外险: 意外伤害责任保险)
    from assistant.evidence import _other_fee
    from ingest.zh import squash
    info = analyse("民生实事里，学生意外险保费每人每年提到多少钱？")
    assert not _other_fee(info, squash("将学生意外伤害责任保险扩大到高中阶段，保费由每生每年5元提高至10元。"), G)
    assert _other_fee(info, squash("城乡居民医疗保险财政补助标准每人每年提高30元。"), G)


def test_each_figure_asked_in_a_clause_of_its_own_is_covered_by_its_own_terms():
    info = analyse("到2025年全市耕地保有量要保住多少亩，粮食蔬菜水果和油料一年产多少万吨？")
    assert check_sentence(info, "到2025年,全市耕地保有量在626万亩以上,新增高标准农田145万亩。", G).ok
    # one word of one ask is no answer (社区 of 每个社区要有几支队伍)
    info = analyse("城区要建多少个志愿者歇脚服务的驿站？每个社区要有几支队伍？")
    assert not check_sentence(info, "新建社区嵌入式养老服务中心8个；", G).ok
    # a clause of its own with one word asks about what the other names (累计数: of the investment)
    info = analyse("十三五五年里这个县全社会投了多少钱搞建设，累计数是多少？")
    assert not check_sentence(info, "“十三五”期间累计签约落地项目36个，开工建设投资超5000万元项目126个。", G).ok


def test_the_quote_is_the_clause_the_check_found():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    info = analyse("区属国企欠债有多少")
    text = "区属国有企业资产总额1188.22亿元，负债总额679.16亿元，国有资本权益396.32亿元，共有一级企业46户。"
    check = check_sentence(info, text, G)
    assert check.ok and check.focus.startswith("负债总额")
    from assistant.answer.extractive import Candidate
    span = backend._span(info, Candidate(1, text, 1.0, check, 1.0, 1.0, 1.0))
    assert span is not None and "679.16亿元" in span


def test_an_end_asked_beside_a_start_is_quoted_too():
    backend = ExtractiveBackend(embedder=None, glossary=G)
    info = analyse("这个细则从哪天开始执行，管到什么时候？")
    text = "第二十九条　本细则自2026年2月1日起施行，有效期至2026年12月31日。"
    from assistant.answer.extractive import Candidate
    span = backend._span(info, Candidate(1, text, 1.0, check_sentence(info, text, G), 1.0, 1.0, 1.0))
    assert span is not None and "2026年12月31日" in span
    info = analyse("这个细则从哪天开始执行？")
    span = backend._span(info, Candidate(1, text, 1.0, check_sentence(info, text, G), 1.0, 1.0, 1.0))
    assert span is not None and "12月31日" not in span


def test_the_whole_of_another_tier_and_another_thing_each_are_no_answer():
    info = analyse("那份政府工作报告说今年全县生产总值打算增长百分之多少？")
    assert not check_sentence(info, "全省生产总值增长5%—5.5%。", G).ok
    assert check_sentence(info, "全县生产总值增长6%左右。", G).ok
    info = analyse("实施意见说县区建成公共研发平台给奖补，具体每个平台补多少万元？")
    assert not check_sentence(info, "产业集聚区考核中晋星的县区，奖励资金300万元。", G).ok
    assert check_sentence(info, "对新建成的公共研发平台，每个平台给予县区奖补50万元。", G).ok


def test_a_rate_whose_percent_sign_was_lost_is_a_percentage():
    info = analyse("实施意见里到2025年县城镇化率力争达到多少？")
    assert info.unit == "%"
    assert check_sentence(info, "到2025年,各县城镇化率力争达到50;", G).ok
    # a bare count after a rate's clause is no percentage
    assert not check_sentence(info, "到2025年,各县城镇化率力争达到50万人;", G).ok


def test_a_count_asked_before_a_verb_counts_no_thing_of_that_name():
    from assistant.evidence import counted_thing
    assert counted_thing("一个网格按多少户来划？") == ""


def test_a_document_named_by_an_abbreviation_of_its_title():
    labels = {"wm": doc_label("甲县创建全国文明城市三年行动计划（2026—2028年）", "w.txt", ""),
              "tj": doc_label("乙区2026年城市体检报告", "t.html", "")}
    info = analyse("创文计划里，城区人均公园绿地面积要达到多少平方米？")
    assert doc_scope(info, labels).docs == frozenset({"wm"})


def test_a_kind_of_city_is_no_place_and_a_district_after_a_city_is_one():
    info = analyse("甲县创建文明城市，志愿者注册率要达到多少？")
    assert "文明城市" not in info.places and "文明城市" in info.terms
    assert "满意度" in analyse("群众满意度是多少？").terms
    assert "石泉区" in analyse("杭州市石泉区财政给消费券配套了多少钱？").places


def test_a_piece_of_a_place_the_tagger_cut_off_names_no_other_thing():
    info = analyse("新闻说澜岫区搞了城市体检，老百姓打分满意度是多少？")
    assert check_sentence(info, "调查结果显示，市民对澜岫区城市建设的总体满意度为82.6%。", G).ok
