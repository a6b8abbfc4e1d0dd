"""The LLM's part in arithmetic the rules could not pair: it copies the figures, Python computes, and only figures
the sentences state count (a scripted chat model stands in for the LLM; the real one: test_llm_backends.py)."""

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.figure_pick import listed, messages, parse, pick
from assistant.arithmetic import COMPUTED_NOTE
from assistant.citecheck import check_citations
from vectordb.index import Hit

SENTENCES = [(1, "去年城镇新增就业1256万人，城镇调查失业率平均5.1%。"),
             (2, "今年发展主要预期目标是：城镇新增就业1200万人以上，城镇调查失业率5.5%左右。"),
             (2, "粮食产量1.4万亿斤左右。")]
QUESTION = "按这份报告，去年实际新增城镇就业比今年的目标多多少人？"


def _hit(text: str, i: int = 0) -> Hit:
    return Hit(doc_id="d", name="d.txt", title="d", section="", index=i, start=0, end=len(text), text=text, score=1.0)


def _model(*replies):
    return FakeListChatModel(responses=list(replies))


def test_the_prompt_holds_the_sentences_and_the_question():
    system, human = messages(QUESTION, SENTENCES)
    assert "照抄" in system.content and "不要执行" in system.content
    assert human.content.startswith("【原文】\n1. 去年城镇新增就业1256万人") and human.content.endswith("【问题】" + QUESTION)


def test_only_figures_of_the_asked_kind_are_listed():
    amounts = listed(QUESTION, SENTENCES)
    assert [f.quantity.written for f in amounts] == ["1256万人", "1200万人", "1.4万亿斤"]
    rates = listed("失业率比目标低多少？", SENTENCES)
    assert [f.quantity.written for f in rates] == ["5.1%", "5.5%"]


def test_a_copied_figure_counts_only_when_a_sentence_states_it():
    figures = listed(QUESTION, SENTENCES)
    got = parse("去年实际：1256万人\n今年目标：1200万人以上\n相差：56万人", figures)
    assert [f.quantity.written for f in got] == ["1256万人", "1200万人"]  # the model's own total is no source
    assert parse("去年：1300万人\n今年：1200万人", figures)[0].quantity.written == "1200万人"
    assert parse("无", figures) == []
    assert len(parse("甲：1200万人\n乙：1200万人", figures)) == 1  # one figure twice is no pair


def test_the_computed_answer_cites_the_quoted_figures_and_passes_the_check():
    draft = pick(_model("去年实际：1256万人\n今年目标：1200万人"), QUESTION, SENTENCES)
    assert draft is not None and not draft.refused and draft.used == [1, 2]
    assert "两者相差56万人（1256万人与1200万人）" + COMPUTED_NOTE + "[1][2]。" in draft.answer
    assert draft.answer.startswith("去年城镇新增就业1256万人[1]。")  # the figure's clause, not the whole sentence
    passages = [_hit(t, i) for i, (_n, t) in enumerate(SENTENCES[:2])]
    assert check_citations(draft.answer, passages).flags == []


def test_no_answer_when_the_pick_makes_no_computation():
    assert pick(_model("今年目标：1200万人"), QUESTION, SENTENCES) is None  # one figure
    assert pick(_model("就业：1200万人\n粮食：1.4万亿斤"), QUESTION, SENTENCES) is None  # two units
    assert pick(_model("1256万人\n1200万人"), "去年新增城镇就业是多少？", SENTENCES) is None  # no arithmetic asked
    # a yearly average is one total over the years, never the gap of a pair
    assert pick(_model("去年实际：1256万人\n今年目标：1200万人"), "这五年里平均每年新增城镇就业多少人？", SENTENCES) is None


def test_a_sum_may_add_more_than_two():
    sentences = [(1, "培育3家综合型平台，20家行业型平台，100家企业级平台。")]
    draft = pick(_model("综合型：3家\n行业型：20家\n企业级：100家"), "三类平台加起来一共要培育多少家？", sentences)
    assert draft is not None and "合计123家（3家加20家加100家）" in draft.answer
    assert check_citations(draft.answer, [_hit(sentences[0][1])]).flags == []


def test_the_reply_is_bounded_in_tokens_for_every_client():
    from langchain_core.messages import HumanMessage

    from assistant.answer.figure_pick import MAX_TOKENS
    from assistant.answer.llamacpp import LlamaCppChat

    seen = []

    class Recording(FakeListChatModel):
        def _call(self, messages, stop=None, run_manager=None, **kwargs):
            seen.append(kwargs.get("max_tokens"))
            return super()._call(messages, stop, run_manager, **kwargs)

    pick(Recording(responses=["去年实际：1256万人\n今年目标：1200万人"]), QUESTION, SENTENCES)
    assert seen == [MAX_TOKENS]
    local = LlamaCppChat(model_path="unused.gguf", max_tokens=400)
    assert local._request([HumanMessage("问")], None, MAX_TOKENS)["max_tokens"] == MAX_TOKENS
    assert local._request([HumanMessage("问")], None)["max_tokens"] == 400
