"""Every feature of the answerability judgement on hand-made passages, and the model artefact."""

import json

import pytest

from assistant.answer.extractive import Candidate
from assistant.answerability import (
    FEATURES,
    AnswerabilityModel,
    ModelError,
    explain,
    features,
)
from assistant.evidence import Check, Scope, soft_presence, type_match
from assistant.glossary import Glossary
from assistant.question import analyse
from vectordb.index import Hit

G = Glossary.load()


def hit(text, doc="d1", title="某省政府工作报告", section="一、目标", score=0.9, dense=0.8):
    return Hit(doc_id=doc, name=f"{doc}.txt", title=title, section=section, index=0, start=0, end=len(text), text=text,
               score=score, dense=dense, chunk_id=f"{doc}:0")


def cand(text, passage=1, score=0.7, ok=True, focus="", masked=False, sim=0.8, overlap=0.5, term_cov=0.5):
    return Candidate(passage, text, score, Check(ok, focus=focus, masked=masked), sim, overlap, term_cov)


def test_soft_presence_verbatim_synonym_and_partial():
    assert soft_presence("地区生产总值", "全省地区生产总值增长6%", G) == 1.0
    assert soft_presence("GDP", "全省地区生产总值增长6%", G) == 1.0  # glossary synonym
    assert 0 < soft_presence("居民收入水平", "城乡居民人均可支配收入", G) < 1
    assert soft_presence("粮食产量", "全省地区生产总值增长6%", G) == 0.0


@pytest.mark.parametrize("q, sentence, expected", [
    ("地区生产总值增长目标是多少？", "地区生产总值增长6%左右", 1.0),
    ("地区生产总值增长目标是多少？", "地区生产总值增长XX%", 0.0),
    ("这份报告是什么时候作的？", "2026年1月26日在省人民代表大会上", 1.0),
    ("这份报告是什么时候作的？", "全省上下团结奋斗", 0.0),
    ("这份报告是谁作的？", "省长 张三", 1.0),
    ("这份报告是谁作的？", "全省上下团结奋斗", 0.0),
])
def test_type_match(q, sentence, expected):
    assert type_match(analyse(q), sentence) == expected


def test_features_of_a_good_passage():
    info = analyse("2026年地区生产总值增长目标是多少？")
    text = "2026年全省地区生产总值增长6%左右。"
    f = features(info, [hit(text)], [hit(text)], [cand(text, focus="地区生产总值增长6%左右")], Scope(), G)
    assert set(f) == set(FEATURES)
    assert f["has_passing"] == 1.0 and f["type_ok"] == 1.0
    assert f["years_missing"] == 0.0 and f["years_missing_all"] == 0.0 and f["has_years"] == 1.0
    assert f["missing_terms"] == 0.0 and f["passage_cov"] > 0
    assert f["kind_figure"] == 1.0 and f["best_rank"] == 1.0 and f["top_dense"] == pytest.approx(0.8)


def test_features_of_a_near_miss_year_and_indicator():
    info = analyse("2024年粮食产量目标是多少？")
    text = "2026年全省地区生产总值增长6%左右。"
    f = features(info, [hit(text)], [hit(text)], [cand(text, ok=False)], Scope(), G)
    assert f["years_missing"] == 1.0 and f["years_missing_all"] == 1.0
    assert f["missing_terms"] > 0 and f["has_passing"] == 0.0 and f["type_ok"] == 0.0


def test_features_masked_scope_and_free_place():
    info = analyse("江苏2019年生产总值是多少？")
    text = "2019年全县生产总值完成XX亿元。"
    scope = Scope(frozenset({"d1"}), ("江苏",))
    f = features(info, [hit(text)], [hit(text)], [cand(text, ok=False, masked=True)], scope, G)
    assert f["masked"] == 1.0 and f["scope_named"] == 1.0 and f["free_place_missing"] == 1.0
    assert explain(f) == "the best matching sentence masks the figure (XX)"


def test_features_without_passages():
    info = analyse("2024年粮食产量目标是多少？")
    f = features(info, [], [], [], Scope(), G)
    assert f["missing_terms"] == 1.0 and f["years_missing_all"] == 1.0 and f["has_passing"] == 0.0


def _model(threshold=0.5):
    names = ("has_passing", "missing_terms")
    return AnswerabilityModel(names, (0.5, 0.5), (0.5, 0.5), (2.0, -2.0), 0.0, {}, threshold=threshold)


def test_model_probability_is_monotonic_and_thresholded():
    m = _model()
    good = dict.fromkeys(FEATURES, 0.0) | {"has_passing": 1.0, "missing_terms": 0.0}
    bad = dict.fromkeys(FEATURES, 0.0) | {"has_passing": 0.0, "missing_terms": 1.0}
    assert m.probability(good) > 0.9 > 0.1 > m.probability(bad)
    assert m.judge(good).answerable and not m.judge(bad).answerable
    assert not m.judge(good, threshold=0.999).answerable


def test_model_round_trip_and_errors(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_model(0.42).to_json()))
    m = AnswerabilityModel.load(path)
    assert m.threshold == 0.42 and m.names == ("has_passing", "missing_terms")
    bad = _model().to_json() | {"features": ["no_such_feature"]}
    path.write_text(json.dumps(bad))
    with pytest.raises(ModelError, match="no_such_feature"):
        AnswerabilityModel.load(path)
    path.write_text("{}")
    with pytest.raises(ModelError):
        AnswerabilityModel.load(path)


def test_neutral_model_answers_everything():
    assert AnswerabilityModel.neutral().judge(dict.fromkeys(FEATURES, 0.0)).answerable


def test_shipped_model_uses_known_features():
    m = AnswerabilityModel.load()
    assert set(m.names) <= set(FEATURES) and 0 < m.threshold < 1
    assert set(m.meta["out_of_fold"]) >= {"refusal_precision", "refusal_recall", "refusal_f1", "negatives_refused"}
    assert m.meta["examples"] > 0 and "eval/suites/dev.jsonl" in m.meta["suites"]  # never the test split
