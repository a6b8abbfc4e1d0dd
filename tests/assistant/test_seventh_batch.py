"""Rules of the seventh blind batch, on hand-made text: markdown exports, red-letter headers above a title, a
district named below its city, a speech that plans 明年, places a placeless document keeps naming, questions that ask
two things, a part of a whole (其中), a colon's lead, a vague amount, a kind of thing counted, a list announced
without a count."""

from dataclasses import replace

from assistant.answer.extractive import Candidate, ExtractiveBackend, _asks_twice
from assistant.evidence import _kind_words, check_sentence, counted_thing, doc_label, doc_scope, mentioned_places
from assistant.glossary import Glossary
from assistant.query import make_query, read_question
from assistant.question import analyse, without_asker
from ingest.clean import clean, extract_title
from vectordb.index import Hit

from tests.assistant.test_unseen_documents import _Labels
from tests.fake_embedder import FakeEmbedder

G = Glossary.load()
B = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)


def test_markdown_markup_is_deleted_and_every_character_maps_back():
    raw = ("# 某县2026年工作要点\n\n> 发布机构：某县人民政府办公室\n\n---\n\n## 一、聚力项目建设\n\n"
           "1. **实施重点项目攻坚行动。** 全年实施重点项目86个。[打印本页](javascript:window.print())\n\n"
           "![图](a.png)\n")
    cleaned = clean(raw, markdown=True)
    assert cleaned.text.startswith("某县2026年工作要点\n")
    assert "\n一、聚力项目建设\n" in cleaned.text and "1. 实施重点项目攻坚行动。 全年实施重点项目86个。打印本页" in cleaned.text
    assert not any(mark in cleaned.text for mark in ("#", "**", "](", "---", "a.png", ">"))
    # deleting only: each character is the source's character at its mapped offset
    assert all(raw[i] == ch for ch, i in zip(cleaned.text, cleaned.source_index))
    assert extract_title(cleaned) == "某县2026年工作要点"
    assert "**" in clean(raw).text  # plain text keeps its characters


def test_a_red_letter_header_a_decree_number_or_a_byline_above_the_title_is_no_title():
    notice = clean("某省人民政府文件\n某政发〔2026〕3号\n某省人民政府关于印发《某省促进民营经济高质量发展若干措施》的通知\n"
                   "各市人民政府：\n现将措施印发给你们。\n")
    assert extract_title(notice) == "某省人民政府关于印发《某省促进民营经济高质量发展若干措施》的通知"
    decree = clean("某市人民政府令\n第58号\n《某市公共数据管理办法》已经市人民政府常务会议审议通过，现予公布。\n"
                   "市长  某某\n2023年10月27日\n某市公共数据管理办法\n第一章  总  则\n")
    assert extract_title(decree) == "某市公共数据管理办法"
    bulletin = clean("某市统计局　国家统计局某市调查队\n发布时间：2026-03-20　　来源：某市统计局\n"
                     "某市2025年国民经济和社会发展统计公报\n正文。\n")
    assert extract_title(bulletin) == "某市2025年国民经济和社会发展统计公报"
    # a speech's subtitle (——在…上的讲话) stays a subtitle
    assert extract_title(clean("真抓实干 接力拼搏\n奋力开创新局面\n——在县委经济工作会议上的讲话\n同志们：\n")) == "真抓实干 接力拼搏"


def test_a_district_named_below_its_city_is_the_documents_place_and_the_city_names_it_not():
    label = doc_label("政府工作报告", "r.docx", "政府工作报告\n——2026年1月8日在梧源市泮溪区第三届人民代表大会第五次会议上\n")
    assert label.place == "梧源市" and label.body_place == "泮溪区" and label.level == "county"
    assert label.names_place("泮溪") and not label.names_place("梧源")
    # a county below the province the tagger knows
    label = doc_label("政府工作报告", "r.txt", "政府工作报告\n——2026年1月10日在广东省梧溪县第十四届人民代表大会第三次会议上\n")
    assert label.body_place == "梧溪县" and label.level == "county"


def test_a_document_that_plans_next_year_speaks_of_it():
    speech = doc_label("在市委经济工作会议上的讲话（2025年12月19日）", "s.txt",
                       "在市委经济工作会议上的讲话（2025年12月19日）\n同志们：\n总结今年经济工作，安排部署明年经济工作。")
    assert speech.implied_years == {"2025", "2026"}  # dated in December: it reviews 2025 itself, not 2024
    report = doc_label("2025年某市政府工作报告", "r.txt", "2025年某市政府工作报告\n各位代表：")
    assert report.implied_years == {"2024", "2025"}


def test_a_placeless_local_document_is_named_by_a_listed_place_it_keeps_naming():
    speech = doc_label("真抓实干", "s.txt", "真抓实干\n——在县委经济工作会议上的讲话\n")
    text = "X是大同东大门。立足建设大同乃至全省融入京津冀。北京只需一个半小时。"
    label = replace(speech, mentioned=mentioned_places(speech, text))
    assert "大同" in label.mentioned and "北京" not in label.mentioned  # named once only
    other = doc_label("2026年广东省政府工作报告", "g.txt", "")
    assert mentioned_places(other, text * 3) == frozenset()  # a document of its own place keeps it
    scope = doc_scope(analyse("大同那个县的讲话里经济总量到2025年要冲到多少？"), {"s": label, "g": other})
    assert scope.docs == frozenset({"s"}) and not scope.free_places
    # a place no document names, or names only in passing, must be named by the passage
    assert "太原" in doc_scope(analyse("太原今年GDP目标多少？"), {"s": label, "g": other}).free_places


def test_a_place_the_tagger_cuts_in_two_is_one_place_and_two_such_places_compare_documents():
    labels = _Labels({"a": doc_label("中共砚泉县委 砚泉县人民政府2026年工作要点", "a.md", ""),
                      "b": doc_label("2026年广东省政府工作报告", "b.txt", ""),
                      "c": doc_label("2025年青岚市政府工作报告", "c.txt", "")})
    info = read_question("砚泉县2026年城镇调查失业率要控制在多少以内？", labels)
    assert "砚泉县" in info.places and "砚" not in info.terms
    assert make_query("砚泉县2026年城镇调查失业率要控制在多少以内？", "砚泉县2026年城镇调查失业率要控制在多少以内？",
                      labels, 5).named_docs == ["a"]
    assert read_question("砚泉县和青岚市的GDP增速分别是多少？", labels).cross_doc


def _check(question: str, sentence: str, context: str = "") -> str:
    c = check_sentence(analyse(question), sentence, G, context)
    return c.focus if c.ok else ""


def test_a_part_of_a_whole_is_named_by_the_whole_clauses_before_it():
    s = "一般公共预算收入完成218.6亿元，同口径增长3.9%，其中税收收入163.2亿元，税收占比达到74.7%。"
    assert "163.2" in _check("财政收入里税收有多少？", s)
    # without 其中 a clause's subject stays the one before it
    assert _check("财政收入里税收有多少？", "一般公共预算收入完成218.6亿元，同口径增长3.9%，进出口486亿元。") == ""


def test_an_item_after_a_colon_is_named_by_the_colons_lead():
    s = ("全省统一高龄津贴最低标准：高龄老年人免费体检，90至99周岁老年人每人每月不低于100元，"
         "100周岁及以上老年人每人每月不低于500元。")
    assert "100元" in _check("统一的高龄津贴最低标准，90到99岁每月多少？", s)


def test_a_vague_amount_before_a_figure_counts_its_own_thing():
    s = "培育一批专精特新企业，新增高新技术企业12家，力争1家企业上市。"
    assert _check("今年打算培育多少家专精特新企业？", s) == ""
    assert "12家" in _check("今年新增多少家高新技术企业？", s)


def test_the_kind_of_thing_counted_must_be_named_with_it():
    assert counted_thing("要培育多少家灯塔工厂？") == "工厂" and _kind_words("要培育多少家灯塔工厂？") == ("灯塔",)
    s = "建成省级智能工厂300家，培育国家级卓越级智能工厂15家以上。"
    assert _check("这份方案要培育多少家灯塔工厂？", s) == ""
    assert "300家" in _check("要建成多少家省级智能工厂？", s)


def test_an_average_before_a_figure_is_that_ones():
    s = "今后一个时期的奋斗目标是：地区生产总值年均增速达到8.5%以上，到2025年突破70亿元大关。"
    assert "70亿元" in _check("经济总量到2025年要冲到多少？", s)


def test_two_things_asked_keep_both_clauses():
    assert _asks_twice("农民人均收入多少，涨了多少？") and _asks_twice("经济总量多少？增速呢？")
    assert not _asks_twice("我在做对比，农民人均收入多少？")
    s = "农村居民人均可支配收入达到27430元，增长6.7%，城乡居民收入比缩小到1.93。"
    info = analyse("农民人均收入多少，涨了多少？")
    quoted = B._quote(info, Candidate(1, s, 1.0, check_sentence(info, s, G)))
    assert "27430元" in quoted and "6.7%" in quoted
    s = "全年实现地区生产总值612.4亿元，同比增长5.8%，增速高于全市0.4个百分点。"
    info = analyse("去年经济总量多少？增速呢？")
    quoted = B._quote(info, Candidate(1, s, 1.0, check_sentence(info, s, G)))
    assert "612.4亿元" in quoted and "5.8%" in quoted


def test_a_list_announced_without_a_count_is_answered_by_its_ordinal_items():
    text = ("在肯定成绩的同时，我们也要清醒看到存在的困难和问题。第一，有效需求不足的问题仍然突出，民间投资下降2.1%。"
            "第二，产业结构偏重偏传统。第三，财政收支矛盾加大。")
    hit = Hit(doc_id="d", name="d.txt", title="在市委经济工作会议上的讲话", section="一、客观看待经济运行", index=0,
              start=0, end=len(text), text=text, score=1.0)
    draft = B.answer("讲话里点了经济的哪些困难和问题？", [hit])
    assert draft.answer == "有效需求不足的问题仍然突出[1]；产业结构偏重偏传统[1]；财政收支矛盾加大[1]。"


def test_the_askers_frame_and_request_words_name_no_subject():
    assert analyse("帮我确认下，进出口每年涨幅是不是定的百分之五？").terms == ("进出口", "涨幅")
    assert "分析" not in analyse(without_asker("我在写财政分析，财政收入里税收有多少？")).terms
    assert "面积" in analyse("茶园要保持多大面积？").terms


def test_places_compared_name_each_places_documents_narrowed_where_other_references_name_them():
    labels = {"a": doc_label("XX县国民经济和社会发展“十四五”规划总体思路", "a.txt", ""),
              "b": doc_label("冀州区国民经济和社会发展第十四个五年规划纲要", "b.txt", ""),
              "c": doc_label("中华人民共和国国民经济和社会发展第十二个五年规划纲要", "c.txt", "")}
    info = read_question("XX县那份思路和冀州纲要，空气优良天数各报的是多少？", _Labels(labels))
    assert info.cross_doc
    scope = doc_scope(info, labels)
    assert scope.docs == frozenset({"a", "b"})  # not every 纲要, nor only the one 纲要 names
    # asked without those two documents: the other 纲要 is still not asked about
    assert "c" not in scope.docs
