"""Suite loading and validation, reports, run comparison, RAGAS export, the optional judge (no model)."""

import json

import pytest

from eval.cli import _parse_thresholds, check_thresholds
from eval.compare import RunError, compare, load_run
from eval.export import ragas_rows, write_ragas
from eval.judge import JudgeConfig, JudgeError, judge
from eval.report import write_reports
from eval.runner import CaseResult, reason_class, summarise
from eval.suite import SuiteError, load_suite, validate_quotes
from tests.assistant.fake_llm import FakeLLM
from tests.conftest import CORPUS, REPO

SUITE = REPO / "eval" / "suites" / "planning_corpus.jsonl"


def _case(**kw):
    base = dict(id="c1", question="问", tags=[], answerable=True, reference_answer="111亿元", evidence=[],
                answer="111亿元[1]。", refused=False, passed=True, why="ok",
                scores={"hit@1": 1.0, "hit@5": 1.0, "recall@5": 1.0, "mrr@10": 1.0, "figures": True},
                timings_ms={"retrieve": 50.0, "answer": 100.0, "total": 150.0},
                citations=[{"id": 1, "doc": "a.txt", "title": "T", "section": "S", "text": "111亿元", "start": 0, "end": 5}],
                contexts=[{"doc": "a.txt", "section": "S", "text": "111亿元", "score": 1.0}])
    base.update(kw)
    return CaseResult(**base)


def test_project_suite_is_valid_and_big_enough():
    cases = load_suite(SUITE)
    assert len(cases) >= 80
    assert sum(not c.answerable for c in cases) >= 15
    tags = {t for c in cases for t in c.tags}
    assert {"figure", "list", "section", "paraphrase", "cross-doc", "multi-hop", "unanswerable"} <= tags
    assert validate_quotes(cases, CORPUS) == []


def test_dev_and_test_splits_are_valid_and_split_by_document():
    folders = [CORPUS, CORPUS.parent / "corpus-dev"]
    docs = {}
    for split in ("dev", "test"):
        cases = load_suite(REPO / "eval" / "suites" / f"{split}.jsonl")
        assert sum(not c.answerable for c in cases) >= 0.2 * len(cases)
        assert validate_quotes(cases, folders) == []
        docs[split] = {e.doc for c in cases for e in c.evidence}
    assert len(docs["test"]) >= 8 and not docs["dev"] & docs["test"]


def test_validator_names_bad_quotes_and_missing_documents(tmp_path):
    (tmp_path / "a.txt").write_text("到2025 年,全区森林覆盖率达到35%以上。", encoding="gb18030")
    suite = tmp_path / "s.jsonl"
    rows = [
        {"id": "ok", "question": "q", "evidence": [{"doc": "a.txt", "quote": "森林覆盖率达到35%以上"}]},
        {"id": "bad", "question": "q", "evidence": [{"doc": "a.txt", "quote": "森林覆盖率达到36%以上"}]},
        {"id": "gone", "question": "q", "evidence": [{"doc": "b.txt", "quote": "任何"}]},
    ]
    suite.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    problems = validate_quotes(load_suite(suite), tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("bad: quote not in a.txt")
    assert problems[1].startswith("gone: document b.txt not found")


def test_a_quote_may_be_of_the_text_as_cleaned(tmp_path):
    # a markdown export's bold marks are gone from the text the product searches, and from a quote of it
    (tmp_path / "a.md").write_text("# 甲市供暖方案\n\n- 本采暖季采暖期为**2026年11月15日至2027年3月15日**，共121天。\n",
                                   encoding="utf-8")
    suite = tmp_path / "s.jsonl"
    rows = [{"id": "ok", "question": "q", "evidence": [{"doc": "a.md", "quote": "采暖期为2026年11月15日至2027年3月15日"}]},
            {"id": "bad", "question": "q", "evidence": [{"doc": "a.md", "quote": "采暖期为2026年11月16日"}]}]
    suite.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    problems = validate_quotes(load_suite(suite), tmp_path)
    assert len(problems) == 1 and problems[0].startswith("bad: quote not in a.md")


def test_bad_suite_lines_are_all_reported(tmp_path):
    suite = tmp_path / "s.jsonl"
    suite.write_text('{"id": "a", "question": "q", "reference_answer": "x"}\nnot json\n'
                     '{"id": "a", "question": "q", "reference_answer": "x"}\n{"id": "b", "question": "q"}\n',
                     encoding="utf-8")
    with pytest.raises(SuiteError) as e:
        load_suite(suite)
    msg = str(e.value)
    assert "3 bad line(s)" in msg and "line 2" in msg and "duplicate id 'a'" in msg and "line 4" in msg


def test_summary_and_reports(tmp_path):
    cases = [
        _case(),
        _case(id="c2", passed=False, why="refused an answerable question", refused=True, answer="拒答",
              refusal_reason="the passage covers 33% of the question's terms",
              scores={"hit@1": 0.0, "hit@5": 1.0, "recall@5": 0.5, "mrr@10": 0.5, "figures": False},
              timings_ms={"retrieve": 70.0, "answer": 10.0, "total": 80.0}),
        _case(id="u1", answerable=False, refused=True, passed=True, reference_answer="", scores={}, citations=[]),
    ]
    summary = summarise(cases, k=5)
    assert summary["hit@1"] == 0.5 and summary["recall@5"] == 0.75 and summary["figures"] == 0.5
    assert summary["refusal_recall"] == 1.0 and summary["refusal_precision"] == 0.5
    assert summary["answered_rate"] == 0.5
    # refusals of answerable questions counted by reason, without their particulars
    assert summary["refusal_reasons"] == {"the passage covers N of the question's terms": 1}
    assert reason_class("the passage is not about 北京市、天津") == "the passage is not about …"
    paths = write_reports(tmp_path, {"suite": "s.jsonl", "settings": {"answer_backend": "extractive"},
                                     "started": "now"}, summary, cases, 5)
    data = json.loads(paths["results"].read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cases"]][0] == "c2"  # failing cases first
    html = paths["html"].read_text(encoding="utf-8")
    assert '<img src="metrics.png"' in html and '<img src="latency.png"' in html and "c2 FAIL" in html
    assert (tmp_path / "metrics.png").read_bytes()[:4] == b"\x89PNG"
    assert "| hit@5 | 1.000 |" in paths["md"].read_text(encoding="utf-8")
    assert "| the passage covers N of the question's terms | 1 |" in paths["md"].read_text(encoding="utf-8")


def test_compare_lists_deltas_and_changed_verdicts(tmp_path):
    a = {"summary": {"hit@5": 0.8, "total_p95_ms": 900.0}, "cases": [{"id": "x", "passed": False}, {"id": "y", "passed": True}]}
    b = {"summary": {"hit@5": 0.9, "total_p95_ms": 800.0}, "cases": [{"id": "x", "passed": True}, {"id": "y", "passed": False},
                                                                  {"id": "z", "passed": True}]}
    c = compare(a, b)
    assert ("hit@5", 0.8, 0.9, pytest.approx(0.1)) in [(n, x, y, d) for n, x, y, d in c.deltas]
    assert c.fixed == ["x"] and c.broken == ["y"] and c.only_b == ["z"]
    (tmp_path / "results.json").write_text("{}", encoding="utf-8")
    with pytest.raises(RunError):
        load_run(tmp_path)


def test_ragas_export(tmp_path):
    rows = ragas_rows([_case(), _case(id="u1", answerable=False, refused=True, error=None)])
    assert rows[0] == {"question": "问", "answer": "111亿元[1]。", "contexts": ["111亿元"], "ground_truth": "111亿元", "id": "c1"}
    assert rows[1]["ground_truth"] == "文件中没有相关信息。"
    assert write_ragas([_case()], tmp_path / "r.jsonl") == 1


def test_thresholds():
    assert _parse_thresholds(["hit@5=0.9", "refusal_f1 = 0.85"]) == {"hit@5": 0.9, "refusal_f1": 0.85}
    with pytest.raises(Exception):
        _parse_thresholds(["hit@5"])
    fails = check_thresholds({"hit@5": 0.8, "mrr@10": 0.9}, {"hit@5": 0.9, "mrr@10": 0.75, "nope": 1.0})
    assert fails[0] == "hit@5 = 0.8 < 0.9" and fails[1].startswith("nope: no such metric")


def test_llm_judge_over_a_local_openai_compatible_server():
    replies = ['结论：{"faithfulness": 0.75, "relevance": 1.2}', "不知道"]

    def reply(messages):
        assert "[1] 段落" in messages[0]["content"]
        return replies.pop(0)

    server = FakeLLM(reply)
    try:
        cfg = JudgeConfig(server.url, "judge")
        assert judge(cfg, "问", "答[1]。", ["段落"]) == {"judge_faithfulness": 0.75, "judge_relevance": 1.0}
        assert server.requests[0]["temperature"] == 0
        with pytest.raises(JudgeError):
            judge(cfg, "问", "答", ["段落"])
    finally:
        server.close()
    with pytest.raises(JudgeError):
        judge(JudgeConfig("http://127.0.0.1:9/v1", "judge", timeout=2), "问", "答", ["段落"])


def test_the_news_suite_is_valid_against_its_own_reports():
    cases = load_suite(REPO / "eval" / "suites" / "news.jsonl")
    assert sum(not c.answerable for c in cases) >= 0.2 * len(cases)
    assert validate_quotes(cases, [REPO / "eval" / "suites" / "news"]) == []
    # every report a question cites is in the folder, and the folder holds reports no question cites (noise)
    cited = {e.doc for c in cases for e in c.evidence}
    held = {p.name for p in (REPO / "eval" / "suites" / "news").glob("*.txt")}
    assert cited < held


def test_the_unseen_documents_suite_is_valid_against_its_own_documents():
    cases = load_suite(REPO / "eval" / "suites" / "unseen.jsonl")
    assert len(cases) >= 90 and sum(not c.answerable for c in cases) >= 0.2 * len(cases)
    assert validate_quotes(cases, [REPO / "eval" / "suites" / "unseen"]) == []
    # one document per kind of file a portal or an office hands out: GBK text, .docx with a table, a saved page,
    # a markdown export
    held = {p.suffix for p in (REPO / "eval" / "suites" / "unseen").iterdir()}
    assert {".txt", ".docx", ".html", ".md"} <= held
