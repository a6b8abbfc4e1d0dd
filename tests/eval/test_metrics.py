"""Each eval metric on hand-made cases with known values (no model)."""

import pytest

from eval import metrics as M
from eval.match import longest_part, normalise, numbers, quote_in


def test_normalise_folds_width_and_whitespace():
    assert normalise("地区生产总值年均增速达到8．5％以上，") == "地区生产总值年均增速达到8.5%以上,"
    assert normalise("由2010 年的49.4 亿元\n增长") == "由2010年的49.4亿元增长"


def test_quote_found_across_hard_wraps_and_spaces():
    assert quote_in("一般公共预算收入超40亿元", "示范县生产总值超600亿元,一般公\n\n共预算收入超40亿元;")
    assert quote_in("2020 年的111 亿元", "增长到2020年的111亿元,是")
    assert not quote_in("2020年的112亿元", "增长到2020年的111亿元,是")


def test_quote_spanning_a_chunk_boundary_counts_by_its_longest_part():
    quote = "持续推进化肥农药减量增效。实施有机肥替代化肥行动,建立化肥减量增效核心示范区"
    assert longest_part(quote) == "建立化肥减量增效核心示范区"
    assert quote_in(quote, "……实施有机肥替代化肥行动,建立化肥减量增效核心示范区,基本实现……")
    assert not quote_in(quote, "持续推进化肥农药减量增效。")  # only the shorter part is here
    assert not quote_in("乡村振兴", "乡村")


def test_retrieval_scores_known_values():
    ranked = [M.Passage("a.txt", "甲乙丙"), M.Passage("b.txt", "地区生产总值111亿元"), M.Passage("a.txt", "丁戊")]
    ranks = M.evidence_ranks([("b.txt", "111 亿元"), ("a.txt", "不存在的句子")], ranked)
    assert ranks == [2, None]
    s = M.retrieval_scores(ranks, k=5)
    assert s == {"hit@1": 0.0, "hit@5": 1.0, "recall@5": 0.5, "mrr@10": 0.5}
    # the document must match too
    assert M.evidence_ranks([("a.txt", "地区生产总值")], ranked) == [None]
    assert M.retrieval_scores([1, 3], k=2) == {"hit@1": 1.0, "hit@2": 1.0, "recall@2": 0.5, "mrr@10": 1.0}
    assert M.retrieval_scores([12], k=5)["mrr@10"] == 0.0


def test_figures_match():
    assert numbers("达到8．5％以上[1]，2025年") == ["8.5", "2025"]
    assert M.figures_match("111亿元", "由49.4亿元增长到111亿元[1]。") is True
    assert M.figures_match("8.5%以上", "年均增速达到8．5％以上[1]。") is True
    assert M.figures_match("100项，10000亿元", "实施100项重大工程[1]。") is False
    assert M.figures_match("100亿元", "总投资1000亿元[1]。") is False  # 100 is not inside 1000
    assert M.figures_match("城市、临港、矿业", "whatever") is None
    assert M.figures_match("5%", "增长5%[5]。") is True  # the marker [5] is not the figure
    # a figure written in Chinese numerals is the same figure, in either magnitude
    assert M.figures_match("十亿四千万人（10.4亿人）", "基本养老保险覆盖十亿四千万人[1]。") is True
    assert M.figures_match("2.8万亿元", "研发经费支出增加到二万八千亿元[1]。") is True
    assert M.figures_match("18.5%", "比重达百分之十八点五[1]。") is True
    assert M.figures_match("18.5%", "比重达百分之十八[1]。") is False


def test_char_scores_known_values():
    f1, recall = M.char_scores("城市临港矿业", "城市、临港[1]。")
    assert recall == pytest.approx(4 / 6)
    assert f1 == pytest.approx(0.8)
    assert M.char_scores("甲乙", "丙丁") == (0.0, 0.0)


def test_grounding_scores_partial():
    cited = {1: M.Passage("a.txt", "到2025年,大健康产业规模达到100亿元。"), 2: M.Passage("b.txt", "无关的内容。")}
    answer = "大健康产业规模达到100亿元[1]。这句没有引用。新材料产业规模达到300亿元[2]。"
    g = M.grounding_scores(answer, cited, [("a.txt", "产业规模达到100 亿元")])
    assert g["citation_coverage"] == pytest.approx(2 / 3)
    assert g["citation_precision"] == pytest.approx(1 / 2)  # [2] lacks the figure 300 and the wording
    assert g["faithfulness"] == pytest.approx(1 / 3)
    assert g["evidence_hit"] == 1.0
    assert M.grounding_scores("", cited, [])["faithfulness"] is None


def test_supports_requires_every_figure():
    passage = "粮食播种面积稳定在100 万亩左右,粮食综合生产能力稳定在33.5 万吨以上。"
    assert M.supports("粮食播种面积稳定在100万亩左右[1]。", passage)
    assert not M.supports("粮食播种面积稳定在120万亩左右[1]。", passage)


def test_refusal_scores_known_values():
    # (should refuse, did refuse): 2 TP, 1 FP, 1 FN, 1 TN
    s = M.refusal_scores([(True, True), (True, True), (False, True), (True, False), (False, False)])
    assert s["refusal_precision"] == pytest.approx(2 / 3)
    assert s["refusal_recall"] == pytest.approx(2 / 3)
    assert s["refusal_f1"] == pytest.approx(2 / 3)
    assert M.refusal_scores([(False, False)])["refusal_f1"] == 0.0


def test_percentile_nearest_rank():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert M.percentile(values, 50) == 50
    assert M.percentile(values, 95) == 100
    assert M.percentile([], 95) == 0.0
    assert M.mean([1.0, None, 3.0]) == 2.0 and M.mean([None]) is None
