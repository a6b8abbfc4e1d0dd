"""Rules of the sixth blind batch, on hand-made text: places the tagger does not know but a document is of, a
portal page's chrome above its title, lists announced by their count, and parts a document does not have."""

from assistant.answer.extractive import ExtractiveBackend, runs_past_end
from assistant.evidence import doc_label, doc_scope
from assistant.glossary import Glossary
from assistant.query import make_query
from assistant.question import analyse, real_place
from ingest.clean import clean, extract_title
from vectordb.index import Hit

from tests.fake_embedder import FakeEmbedder

G = Glossary.load()
B = ExtractiveBackend(embedder=FakeEmbedder(), glossary=G)


def test_a_documents_body_names_its_place_when_the_tagger_knows_none():
    decree = doc_label("云州市人民政府令", "decree.txt", "云州市人民政府令\n第58号\n")
    assert decree.body_place == "云州市" and decree.names_place("云州") and decree.level == "city"
    speech = doc_label("在全市招商引资暨项目建设大会上的讲话", "speech.txt",
                       "在全市招商引资暨项目建设大会上的讲话\n（2025年2月8日）\n中共青岚市委书记  林振华\n同志们：")
    assert speech.body_place == "青岚市" and speech.names_place("青岚")
    report = doc_label("政府工作报告", "r.txt", "政府工作报告\n——2026年1月14日在西山县第十八届人民代表大会第五次会议上\n")
    assert report.body_place == "西山县" and report.level == "county"
    # the country's documents name no body place
    assert doc_label("国务院关于印发某方案的通知", "n.txt", "国务院关于印发某方案的通知\n").body_place == ""


class _Labels:
    """The few DocLabels methods make_query reads, over hand-made labels."""

    def __init__(self, labels):
        self.labels = labels

    def all(self):
        return self.labels

    def of(self, ids=None):
        return {d: v for d, v in self.labels.items() if not ids or d in ids}

    def texts(self):
        return {}

    def places(self):
        return frozenset(n for v in self.labels.values() for p in (v.place, v.body_place) if p for n in (p, p[:-1]))


def test_a_place_a_document_is_of_scopes_the_question_though_the_tagger_takes_it_for_a_name():
    labels = _Labels({"a": doc_label("青岚市人民政府令", "a.txt", "青岚市人民政府令\n"),
                      "b": doc_label("2026年广东省政府工作报告", "b.txt", "")})
    assert "青岚" not in analyse("青岚去年GDP总量？").places  # the tagger alone does not know it
    q = make_query("青岚去年GDP总量？", "青岚去年GDP总量？", labels, 5)
    assert "青岚" in q.info.places and "青岚" not in q.info.terms
    assert q.named_docs == ["a"]


def test_a_place_keeps_the_tier_the_tagger_cut_off_so_a_place_no_document_is_of_must_be_named():
    info = analyse("东岭县2025年的经济总量是多少？")
    assert "东岭县" in info.places and real_place("东岭县")
    scope = doc_scope(info, {"b": doc_label("2026年广东省政府工作报告", "b.txt", "")})
    assert "东岭" in scope.free_places  # held to by its name


def test_a_portals_chrome_is_no_title():
    page = ("青岚市人民政府\n首页 | 政务公开 | 政策文件 | 政府工作报告 | 数据发布\n当前位置：首页 > 政务公开\n\n"
            "2025年青岚市政府工作报告\n\n来源：青岚市人民政府办公室    发布时间：2025-01-21 10:15    浏览次数：3862\n\n"
            "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。\n")
    cleaned = clean(page)
    assert extract_title(cleaned) == "2025年青岚市政府工作报告"
    assert "首页 |" not in cleaned.text
    # a title wrapped over two lines is still joined
    assert extract_title(clean("某县国民经济和社会发展\n第十五个五年规划纲要\n正文。")) == "某县国民经济和社会发展第十五个五年规划纲要"


def _hit(section: str, text: str, doc: str = "d") -> Hit:
    return Hit(doc_id=doc, name=f"{doc}.txt", title="某县委书记讲话", section=section, index=0, start=0,
               end=len(text), text=text, score=1.0)


def test_a_list_announced_by_its_count_is_answered_by_its_items_across_passages():
    first = _hit("一、把握县情", "我县优势集中体现在四个方面。一是区位优势。地处三省交界。二是资源优势。风光资源丰富。")
    rest = _hit("一、把握县情", "三是环境优势。山青水秀。四是人文优势。历史悠久。")
    info = analyse("县委书记讲话把该县的优势归成哪四个方面？")
    assert runs_past_end(info, first.text) and not runs_past_end(info, first.text + rest.text)
    draft = B.answer("县委书记讲话把该县的优势归成哪四个方面？", [first, rest])
    assert draft.answer == "区位优势[1]；资源优势[1]；环境优势[2]；人文优势[2]。"


def test_an_announcement_must_agree_with_the_question_and_open_its_items_at_once():
    text = "以优异成绩迎接党的二十大胜利召开。一是稳增长。二是促改革。"
    assert not runs_past_end(analyse("今年的工作抓手是哪几个？"), text)  # 二十大 counts nothing
    # the count the question names when it counts none (五方面工作分别是什么)
    assert runs_past_end(analyse("政府今后五年要重点抓的五方面工作分别是什么？"), "将重点抓好五方面工作：(一)突出科创驱动，做大实体经济。")
    # the items must follow the announcement, not some later run
    assert not runs_past_end(analyse("至少有哪三大机遇？"), "至少有三大机遇。这些年来发展很快，成效明显。一是甲。")


def test_where_a_figure_rose_from_is_the_level_less_the_rise():
    from assistant.arithmetic import computed_sentence
    said = computed_sentence("空气优良天数是从多少天提上来的？", ["空气质量优良天数达到241天,增加135天"], ["[1]"])
    assert said is not None and "106天" in said
    said = computed_sentence("中央预算内投资比上年多安排了一些，倒推一下上年是多少？",
                             ["今年中央预算内投资安排5776亿元，比去年增加400亿元"], ["[1]"])
    assert said is not None and "5376亿元" in said
    # a stated rise answers 增加了多少 itself: nothing is computed
    assert computed_sentence("中央预算内投资比上年增加了多少？", ["今年中央预算内投资安排5776亿元，比去年增加400亿元"], ["[1]"]) is None


def test_the_figures_computed_on_may_lie_in_clauses_the_quote_leaves_out():
    passage = _hit("一、回顾", "持续开展造林绿化，攻坚战成效明显，空气质量优良天数达到241天,增加135天。")
    draft = B.answer("十三五期间空气优良天数是从多少天提上来的？", [passage])
    assert "增加135天" in draft.answer and "106天" in draft.answer and "造林" not in draft.answer


def test_an_annex_a_document_only_lists_is_named_by_its_list():
    from assistant.references import heading_prefixes, listed_annex
    text = "……营造良好氛围。\n附件：1．某省基本养老服务清单（2024年版）\n2．某省重点任务分工\n某省人民政府办公厅\n2024年4月2日\n附件1\n清单正文"
    at, title = listed_annex(text, heading_prefixes("附件2是什么？"))
    assert title == "某省重点任务分工" and text[at:].startswith("某省重点任务分工")
    assert listed_annex(text, heading_prefixes("附件3是什么？")) is None  # the list stops at 2
    assert listed_annex(text, heading_prefixes("第三部分讲什么？")) is None


def test_how_a_document_is_divided_asked_with_fen_and_kuai():
    from assistant.references import outline_level
    assert outline_level("青岚今年这份政府工作报告一共分了几块，各是啥？") == "部分"
    assert outline_level("这篇县委书记讲话一共分了哪几部分？") == "部分"
    assert outline_level("这份规划分了几章？") == "章"
    assert analyse("修高速、机场这些交通大项目放在规划哪个专栏里？").kind == "which_section"
