"""Rules of the twelfth blind batch, on hand-made text: an event told as some years before the year asked, a
nomination that is no award."""

from assistant.evidence import check_sentence
from assistant.glossary import Glossary
from assistant.question import analyse, without_asker

G = Glossary.load()


def _check(question: str, sentence: str, context: str = ""):
    return check_sentence(analyse(without_asker(question)), sentence, G, context)


def test_an_event_some_years_before_the_year_asked_is_another_edition():
    earlier = "两年前的休斯敦世乒赛上，樊振东和王曼昱分别夺得男女单打冠军，二人此次将以卫冕冠军身份出战。"
    assert not _check("2023年德班世乒赛女子单打冠军是谁？", earlier).ok
    assert not _check("2023年全国运动会共有多少支代表团参赛？", "两年前的全国运动会共有38支代表团参赛。").ok
    # asked without a year, or asked as years before, it may answer
    assert _check("休斯敦世乒赛女子单打冠军是谁？", earlier).ok
    assert _check("两年前的世乒赛女单冠军是谁？", earlier).ok
    # a figure compared with years before is today's figure
    assert _check("2025年全县地区生产总值是多少？", "2025年全县地区生产总值达到320亿元，比五年前增长40%。").ok


def test_a_nomination_is_no_award():
    nominated = "《奥本海默》获得包括最佳影片、最佳导演、最佳男主角在内的13项提名，位居榜首。"
    assert not _check("第96届奥斯卡最佳男主角是谁？", nominated).ok
    assert not _check("《奥本海默》在第96届奥斯卡上一共拿了几个奖？", nominated).ok
    assert _check("《奥本海默》获得了多少项提名？", nominated).ok
    assert _check("第96届奥斯卡最佳男主角是谁？", "美国演员基里安·墨菲凭借《奥本海默》获得最佳男主角奖。").ok


def test_another_class_of_a_numbered_kind_is_another_thing():
    second = "对首次取得第二类医疗器械注册证并在我省生产的产品，每个产品给予最高100万元奖励。"
    assert not _check("省里对首次取得第一类医疗器械备案的产品奖励多少？", second).ok
    assert _check("首次取得第二类医疗器械注册证的产品奖励多少？", second).ok


def test_a_figures_quote_says_whose_figure_it_is():
    from assistant.evidence import CLAUSE, subject_start
    clauses = [m.group(0) for m in CLAUSE.finditer("其中：税收收入298.4亿元，增长2.1%，占一般公共预算收入的比重为72.3%；")]
    info = analyse("2025年税收在一般预算收入里占多大比重？")
    assert clauses[subject_start(info, clauses, 3, G)].startswith("税收收入298.4亿元")
    # the quoted clause names all that was asked: it starts where it did; an item ends at a colon
    assert subject_start(analyse("一般公共预算收入的比重是多少？"), clauses, 3, G) == 3
    assert subject_start(analyse("其中的比重是多少？"), clauses[1:], 2, G) == 2


def test_the_innermost_dated_heading_dates_a_passage():
    from assistant.evidence import heading_years
    path = "关于某市2025年预算执行情况和2026年预算草案的报告 › 一、2025年预算执行情况 › （二）政府性基金预算执行情况"
    assert heading_years(path) == {"2025"}
    assert heading_years("二、2026年预算草案 › （三）政府性基金预算草案") == {"2026"}
    assert heading_years("第三章 重点任务") == set()


def test_a_quoted_name_held_loosely():
    from assistant.evidence import _held_loosely
    assert _held_loosely("南有…北有…", "着力构建国内“南有中山、北有冀州”的游乐设备产业发展格局")
    assert _held_loosely("四个着力", "着力建设创新城市，着力打造制造业基地，着力建设开放高地，着力创造城乡生活")
    assert not _held_loosely("四个着力", "着力建设创新城市，着力打造制造业基地")
    assert _held_loosely("枫乔经验", "坚持和发展新时代“枫桥经验”")
    assert not _held_loosely("两廊一带", "构建“三廊一带”空间格局")  # a numeral tells names apart


def test_every_place_of_a_tier_is_no_place():
    assert analyse("实施意见里全市各县区年终排名时分成哪几档来考？").places == ()
    assert analyse("冀州区GDP多少？").places == ("冀州区",)


def test_asking_whether_there_is_a_figure_asks_a_figure():
    info = analyse(without_asker("我注意到书记讲话里，对风电光伏这些清洁能源的发电能力有没有具体的数？"))
    assert info.kind == "figure" and "有没有" not in info.terms and "注意" not in info.terms


def test_a_task_done_said_loosely_is_no_event():
    from assistant.evidence import asked_event
    assert asked_event("要让每个村都用上引江水，定在哪一年办到？") is None
    assert asked_event("C919是哪天首飞的？") == "首飞"


def test_a_plan_and_its_outcome_in_one_quote():
    from assistant.arithmetic import computed_sentence
    quotes = ["全省地区生产总值达到31826亿元，预期增长6%左右，实际增长5.6%", "全省地区生产总值五年年均增长5.7%"]
    out = computed_sentence("2025年GDP实际增速比年初预期低了多少？", quotes, ["[1]", "[2]"])
    assert out and "0.4个百分点" in out and "5.7" not in out
    share = computed_sentence("新增高标准农田相当于全市耕地保有量的几成？",
                              ["全市耕地保有量在626万亩以上", "新增高标准农田145万亩"], ["[1]", "[1]"])
    assert share and "23.2%" in share


def test_a_run_in_item_asked_by_its_number():
    from assistant.references import heading_prefixes, runin_item
    text = "（15）打造一流营商环境。持续深化改革。\n（16）全面融入都市圈。推进同城化。\n24.打造产业集聚区。每两年评估一次。"
    assert text[runin_item(text, heading_prefixes("第（16）条说的是啥？")[0]):].startswith("（16）全面融入")
    assert text[runin_item(text, heading_prefixes("第24条讲的是什么？")[0]):].startswith("24.打造")
    assert runin_item(text, heading_prefixes("第25条讲的是什么？")[0]) is None
    assert runin_item(text, heading_prefixes("第（1）项是什么？")[0]) is None  # （15） is not （1）
    assert runin_item("5.推进城乡融合发展。实施乡村振兴战略。", heading_prefixes("第五部分讲了什么？")[0]) is None


def test_a_markdown_exports_title_and_a_wechat_accounts_chrome():
    from ingest.clean import clean, extract_title
    md = ("点击蓝字 关注我们\n\n![图片](https://example.org/a.png)\n\n**政府工作报告（全文）**\n\n# 2026年某市政府工作报告\n\n"
          "各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n" + "过去一年，全市经济运行稳中有进，民生保障有力有效。\n\n" * 30 +
          "- END -\n\n编辑：张三\n\n往期推荐\n\n"
          "[某市两会开幕](https://example.org/x)\n\n长按识别二维码关注我们\n\n分享 收藏 点赞 在看\n")
    cleaned = clean(md, markdown=True)
    assert extract_title(cleaned) == "2026年某市政府工作报告"
    assert "关注我们" not in cleaned.text and "往期推荐" not in cleaned.text and "在看" not in cleaned.text
    assert "向大会报告工作" in cleaned.text


def test_a_pages_menu_above_its_title():
    from ingest.clean import extract_title
    page = "某市财政局\n首页\n机构概况\n政务公开\n财政信息\n当前位置：首页 > 财政信息 > 正文\n关于某市2025年预算执行情况和2026年预算草案的报告\n各位代表："
    assert extract_title(page) == "关于某市2025年预算执行情况和2026年预算草案的报告"


def test_a_masked_name_answers_no_which_question():
    masked = "文化名片愈加闪亮，XX遗址入选中国“百年百大考古发现”并亮相国家博物馆。"
    check = _check("政府工作报告里说有个遗址入选了“百年百大考古发现”，具体是哪个遗址？", masked)
    assert not check.ok and check.masked
    assert _check("具体是哪个遗址入选了“百年百大考古发现”？", masked.replace("XX遗址", "良渚遗址")).ok


def test_a_thing_named_after_an_office_is_no_person():
    from assistant.evidence import names_person
    assert not names_person("XXXX年以来共召开县政府常务会议XX次、县长办公会议XXX次。")
    assert names_person("县长　张某某")


def test_a_names_first_character_is_never_a_typo():
    from assistant.evidence import _held_loosely
    assert not _held_loosely("双倍增计划", "深入推进13条重点产业链倍增计划")
    assert not _held_loosely("枫桥经验", "坚持和发展新时代“松桥模式”")


def test_an_output_asked_is_an_amount_of_money():
    assert analyse("溆滨区2025年生物医药产业产值是多少？").unit == "元"
    assert not _check("溆滨区2025年生物医药产业产值是多少？", "联合溆滨生物医药产业园举办政策兑现宣讲会6场。").ok
    assert _check("生物医药产业产值是多少？", "生物医药产业产值突破680亿元、增长13.5%。").ok
    assert analyse("产值增长多少？").unit != "元"
