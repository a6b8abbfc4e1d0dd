"""The learned reranker: every feature on hand-made passages, the shipped artefact's ranking, artefact errors, and
the training code on synthetic groups."""

import json

import numpy as np
import pytest

from assistant.glossary import Glossary
from assistant.linear import Linear
from assistant.rerank import (
    RERANK_FEATURES,
    RERANKER_FORMAT,
    LearnedReranker,
    RerankerError,
    candidate_features,
    make_reranker,
)
from eval.train_reranker import _fit, fit, ranking
from vectordb.index import Hit

G = Glossary.load()


def hit(text, section="二、2026年主要目标", score=0.03, dense=0.85, title="某省政府工作报告", index=0):
    return Hit("d1", "d1.txt", title, section, index, 0, len(text), text, score, dense, f"c{index}")


def test_features_are_named_once_and_all_computed():
    feats = candidate_features("2026年粮食产量要达到多少？", [hit("粮食产量稳定在1200万吨以上。")], G)
    assert list(feats[0]) == list(RERANK_FEATURES)
    assert candidate_features("粮食产量是多少？", [], G) == []


def test_rank_features_follow_fused_and_dense_order():
    a, b = hit("甲", score=0.04, dense=0.80, index=0), hit("乙", score=0.02, dense=0.90, index=1)
    fa, fb = candidate_features("粮食产量是多少？", [a, b], G)
    assert (fa["fused_rel"], fb["fused_rel"]) == (1.0, 0.5)
    assert (fa["fused_rr"], fb["fused_rr"]) == (1.0, 0.5)
    assert (fa["dense_rr"], fb["dense_rr"]) == (0.5, 1.0)
    assert fa["dense_gap"] == pytest.approx(-0.10) and fb["dense_gap"] == 0.0


def test_term_coverage_recall_and_figure_features():
    q = "2026年全省粮食产量要达到多少吨？"
    on, off = candidate_features(q, [hit("2026年粮食产量稳定在1200万吨以上。"), hit("加快建设现代化产业体系。")], G)
    assert on["term_cov"] > off["term_cov"] and on["soft_cov"] > off["soft_cov"]
    assert on["passage_recall"] > off["passage_recall"] and on["sentence"] > off["sentence"]
    assert on["figure"] == 1.0 and off["figure"] == 0.0  # a figure in the unit asked (吨)
    assert on["years_in"] == 1.0 and off["years_in"] == 1.0  # the heading path says 2026年
    assert on["head_ok"] == 1.0
    assert candidate_features("粮食安全有哪些举措？", [hit("粮食产量1200万吨。")], G)[0]["figure"] == 0.0


def test_a_section_dated_another_year_conflicts():
    q = "2026年粮食产量目标是多少？"
    review, plan = candidate_features(q, [hit("粮食产量1200万吨。", section="一、2025年工作回顾"),
                                          hit("粮食产量1250万吨。", section="二、2026年工作安排")], G)
    assert review["year_conflict"] == 1.0 and plan["year_conflict"] == 0.0
    assert candidate_features("粮食产量目标是多少？", [hit("x", section="一、2025年工作回顾")], G)[0]["year_conflict"] == 0.0


def test_heading_and_title_recall():
    q = "战略定位是什么？"
    under, other = candidate_features(q, [hit("打造先进制造业聚集区。", section="三、战略定位"),
                                          hit("打造先进制造业聚集区。", section="二、发展环境")], G)
    assert under["heading_recall"] > other["heading_recall"] == 0.0
    assert candidate_features("战略规划说什么？", [hit("x", title="发展战略规划")], G)[0]["title_recall"] > 0


def test_shipped_model_prefers_the_answer_of_the_year_asked():
    q = "2026年全省粮食产量目标是多少？"
    review = hit("2025年全省粮食产量达到1200万吨。", section="一、2025年工作回顾", score=0.033, index=0)
    plan = hit("全省粮食产量稳定在1250万吨以上。", section="二、2026年工作安排 › 主要预期目标", score=0.030, index=1)
    noise = hit("推进高标准农田建设。", section="二、2026年工作安排 › 乡村振兴", score=0.031, index=2)
    ranked = LearnedReranker(G).rerank(q, [review, noise, plan], 3)
    assert ranked[0].index == 1
    assert all(0.0 < h.score < 1.0 for h in ranked) and ranked[0].score > ranked[1].score
    assert len(LearnedReranker(G).rerank(q, [review, noise, plan], 2)) == 2


def _artefact(tmp_path, **change):
    d = Linear(RERANK_FEATURES, (0.0,) * 16, (1.0,) * 16, (0.0,) * 16, 0.0).to_json(RERANKER_FORMAT)
    d.update(change)
    p = tmp_path / "r.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    return p


def test_artefact_errors_are_clear(tmp_path):
    assert make_reranker(f"learned:{_artefact(tmp_path)}").name == "learned"
    with pytest.raises(RerankerError, match="not a planqa-reranker/1"):
        LearnedReranker(G, _artefact(tmp_path, format="other/1"))
    with pytest.raises(RerankerError, match="does not compute"):
        LearnedReranker(G, _artefact(tmp_path, features=list(RERANK_FEATURES[:-1]) + ["bogus"]))
    with pytest.raises(RerankerError, match="one length"):
        LearnedReranker(G, _artefact(tmp_path, coef=[0.0]))
    with pytest.raises(RerankerError, match="cannot read"):
        make_reranker(f"learned:{tmp_path / 'missing.json'}")
    with pytest.raises(RerankerError, match="unknown reranker"):
        make_reranker("bogus")


def test_linear_model_round_trip_and_probability():
    m = Linear(("a", "b"), (1.0, 0.0), (2.0, 1.0), (1.0, -1.0), 0.5)
    assert m.z({"a": 3.0, "b": 1.0}) == pytest.approx(0.5 + 1.0 - 1.0)
    assert m.probability({"a": 1.0, "b": 0.0}) == pytest.approx(1 / (1 + np.exp(-0.5)))
    assert m.probability({"a": 1e9}) == pytest.approx(1.0)  # clipped, no overflow
    assert Linear.from_json(m.to_json("x/1")) == m


def test_ranking_measures_hit_and_mrr():
    groups = [{"labels": [0, 0, 1]}, {"labels": [1, 0]}, {"labels": [0, 0]}]
    r = ranking(groups, [np.array([3, 2, 1]), np.array([1, 0]), np.array([0, 1])], k=2)
    assert r == {"groups": 2, "hit@2": 0.5, "mrr@10": round((1 / 3 + 1) / 2, 3)}


def test_training_learns_a_signal_the_fused_order_misses():
    rng = np.random.default_rng(0)
    col = RERANK_FEATURES.index("term_cov")
    groups = []
    for i in range(60):
        feats = rng.random((10, len(RERANK_FEATURES)))
        gold = int(rng.integers(3, 10))  # never first in fused order
        feats[:, col] = 0.1
        feats[gold, col] = 0.9
        groups.append({"id": f"q{i}", "doc": f"doc{i % 6}", "labels": [int(j == gold) for j in range(10)],
                       "features": feats.tolist(), "sentence": list(range(10, 0, -1))})
    model = fit(groups, folds=3, c=1.0)
    oof = model.meta["out_of_fold"]
    assert oof["learned"]["hit@5"] == 1.0 and oof["fused"]["hit@5"] < 0.8
    assert max(zip(model.coef, model.names))[1] == "term_cov"
    with pytest.raises(ValueError, match="gold quote"):
        _fit([{"labels": [0, 0], "features": [[0.0] * 16] * 2}], 1.0)


def test_equal_dense_scores_share_a_rank_whatever_the_order():
    a, b, c = (hit("粮食产量。", dense=d, index=i) for i, d in enumerate((0.8, 0.9, 0.8)))
    feats = candidate_features("粮食产量是多少？", [a, b, c], G)
    assert [f["dense_rr"] for f in feats] == [0.5, 1.0, 0.5]
