"""A document's own notes (名词解释) shown with the cited passage whose note markers (［n］) point at them."""

from assistant.chain import Assistant, renumber
from assistant.definitions import note_entries, notes_for
from assistant.result import AnswerResult
from assistant.ui.render import sources_html
from tests.fake_embedder import fake_base
from vectordb.index import Hit

DOC = ("2026年某省政府工作报告\n一、2025年工作回顾\n全省安全形势稳定，火灾呈现“一降三减”［1］良好态势，全年发放消费券3亿元。"
       "高校ESI［2］前1%学科达到120个。\n二、2026年工作安排\n全省地区生产总值增长5%左右。\n名词解释\n"
       "［1］一降三减：指火灾起数下降，亡人、伤人、损失减少。\n［2］ESI：\n基本科学指标数据库，衡量科研水平的评价工具。\n")


def test_note_entries_and_the_markers_a_passage_carries():
    assert note_entries(DOC) == {"1": "一降三减：火灾起数下降，亡人、伤人、损失减少。", "2": "ESI：基本科学指标数据库，衡量科研水平的评价工具。"}
    body = "全省安全形势稳定，火灾呈现“一降三减”［1］良好态势，全年发放消费券3亿元。"
    assert notes_for(body, DOC) == ["［1］一降三减：火灾起数下降，亡人、伤人、损失减少。"]
    assert notes_for("［1］一降三减：指火灾起数下降。", DOC) == []  # the glossary itself
    assert notes_for("全省地区生产总值增长5%左右。", DOC) == [] and notes_for(body, None) == []
    assert notes_for("学科［9］达到120个。", DOC) == []  # a marker the document does not explain


def test_citations_carry_their_notes_and_the_card_shows_them():
    hit = Hit(doc_id="d", name="d.txt", title="t", section="一、回顾", index=0, start=0, end=10,
              text="火灾呈现“一降三减”［1］良好态势。", score=1.0)
    answer, cites = renumber("火灾呈现良好态势[1]。", [hit], lambda h: notes_for(h.text, DOC))
    assert answer == "火灾呈现良好态势[1]。" and cites[0].notes == ["［1］一降三减：火灾起数下降，亡人、伤人、损失减少。"]
    html = sources_html(AnswerResult(question="q", answer=answer, refused=False, citations=cites))
    assert "src-notes" in html and "一降三减：火灾起数下降" in html
    plain = sources_html(AnswerResult(question="q", answer=answer, refused=False, citations=renumber(answer, [hit])[1]))
    assert "src-notes" not in plain


def test_the_chain_reads_the_notes_of_the_cited_document(home, tmp_path):
    docs = tmp_path / "notes"
    docs.mkdir()
    (docs / "report.txt").write_text(DOC, encoding="utf-8")
    settings, index = fake_base(docs)
    r = Assistant(settings, index).ask("2025年全年发放消费券多少亿元？")
    assert not r.refused and "3亿元" in r.answer
    cited = r.citations[0]
    assert "“一降三减”［1］" in cited.text and "ESI［2］" in cited.text
    assert cited.notes == ["［1］一降三减：火灾起数下降，亡人、伤人、损失减少。", "［2］ESI：基本科学指标数据库，衡量科研水平的评价工具。"]
