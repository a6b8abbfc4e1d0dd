"""The Gradio app served for real on 127.0.0.1: the chat API through gradio_client, the JSON API, 10 users at
once, malformed input, `planqa serve` refusing an unprotected public bind."""

import concurrent.futures as cf
import os

import pytest
from gradio_client import Client

from assistant.ui.app import build_app
from assistant.ui.render import CSS
from tests.conftest import run

pytestmark = pytest.mark.integration


def _text(message) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(p.get("text", "") for p in content)


@pytest.fixture()
def served(kb):
    settings, index, _ = kb
    demo = build_app(settings, index)
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, css=CSS, quiet=True)
    try:
        yield demo.local_url, index
    finally:
        demo.close()


def test_chat_api_streams_to_a_cited_answer(served):
    url, _ = served
    client = Client(url, verbose=False)
    history, sources, box, copy = client.predict("到2025年全县地区生产总值要达到多少？", [], [], "extractive", 5,
                                                 api_name="/chat")
    answer = _text(history[-1])
    assert history[-1]["role"] == "assistant" and "200亿元" in answer and 'href="#src-1"' in answer
    assert 'id="src-1"' in sources and "county_plan.txt" in sources and box == ""
    assert copy.startswith("问：到2025年") and "来源：" in copy
    # a follow-up uses the history
    history2, *_ = client.predict("那2020年呢？", history, [], "extractive", 5, api_name="/chat")
    assert "126亿元" in _text(history2[-1]) and len(history2) == 4
    result = client.predict("PM2.5平均浓度要下降到多少？", 3, api_name="/ask")
    assert "35微克" in result["answer"] and result["citations"][0]["doc"] == "eco_opinion.txt"


def test_document_filter_and_malformed_questions(served):
    url, index = served
    client = Client(url, verbose=False)
    eco = next(r.doc_id for r in index.documents() if r.name == "eco_opinion.txt")
    history, sources, *_ = client.predict("到2025年全县地区生产总值要达到多少？", [], [eco], "extractive", 5, api_name="/chat")
    assert "200亿元" not in _text(history[-1]) and "county_plan.txt" not in sources
    history, *_ = client.predict("", [], [], "extractive", 5, api_name="/chat")
    assert "问题无效" in _text(history[-1])
    history, *_ = client.predict("问" * 1200, [], [], "extractive", 5, api_name="/chat")
    assert "问题无效" in _text(history[-1])
    ok, *_ = client.predict("PM2.5平均浓度要下降到多少？", [], [], "extractive", 5, api_name="/chat")
    assert "35微克" in _text(ok[-1])  # the server is still fine


def test_ten_users_at_once(served):
    url, _ = served
    questions = ["到2025年全县地区生产总值要达到多少？", "PM2.5平均浓度要下降到多少？", "城镇居民人均可支配收入达到多少？",
                 "县级以上集中式饮用水水源地水质达标率是多少？", "建设高标准农田多少万亩？"] * 2

    def ask(q):
        history, *_ = Client(url, verbose=False).predict(q, [], [], "extractive", 5, api_name="/chat")
        return _text(history[-1])

    with cf.ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(ask, questions))
    assert len(answers) == 10
    assert all('href="#src-1"' in a for a in answers), answers
    assert "200亿元" in answers[0] and "35微克" in answers[1] and "10万亩" in answers[4]


def test_serve_refuses_a_public_bind_without_auth(tmp_path, isolated_env):
    env = dict(os.environ, PLANQA_HOME=str(tmp_path / "kb"))
    r = run(["serve", "--host", "0.0.0.0", "--port", "7999"], env, tmp_path, check=False)
    assert r.returncode == 2 and "--auth user:password" in r.stderr
    r = run(["serve", "--auth", "nopassword"], env, tmp_path, check=False)
    assert r.returncode == 2 and "user:password" in r.stderr
