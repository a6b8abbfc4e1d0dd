"""The `openai` backend against a real OpenAI-compatible server: llama-cpp-python's own `python -m llama_cpp.server`
with the default local LLM on 127.0.0.1 (tests/assistant/conftest.py), through the product's client code
(langchain-openai's ChatOpenAI built by assistant/backends.py, the chain, the citation check). Offline: the server
and the model file are local. The scripted server of test_llm_backends.py is kept for what a real model cannot be
made to do on demand (faults, a chosen wrong answer)."""

import json
import re
import urllib.request

import pytest

from assistant.answer import REFUSAL
from assistant.backends import chat_model
from assistant.chain import FALLBACK_NOTICE, REFUSED_NOTICE, Assistant
from assistant.settings import Settings
from tests.assistant.llama_server import ALIAS

pytestmark = pytest.mark.integration


def _assistant(kb, server, **kw) -> Assistant:
    settings, index, _ = kb
    return Assistant(Settings(answer_backend="openai", llm_base_url=server.url, llm_model=ALIAS, llm_temperature=0,
                              llm_max_tokens=96, **kw), index)


def _grounded(result, index) -> str:
    """Every citation is an exact slice of its document, and every figure of the answer is in a cited passage;
    returns the cited text."""
    for c in result.citations:
        doc = next(r for r in index.documents() if r.name == c.doc)
        assert index.registry.text(doc.doc_id)[c.start:c.end] == c.text
    sources = "".join(c.text for c in result.citations).replace(" ", "")
    for figure in re.findall(r"\d+(?:\.\d+)?", re.sub(r"\[\d+\]", "", result.answer)):
        assert figure in sources, (figure, result.answer)
    return sources


def test_the_server_is_real(llama_server):
    with urllib.request.urlopen(f"{llama_server.url}/models", timeout=10) as r:
        models = json.load(r)["data"]
    assert [m["id"] for m in models] == [ALIAS] and models[0]["owned_by"] == "me"  # llama_cpp.server's own reply
    reply = chat_model(Settings(answer_backend="openai", llm_base_url=llama_server.url, llm_model=ALIAS,
                                llm_temperature=0, llm_max_tokens=16)).invoke("1+1=? 只回答数字")
    assert "2" in reply.content


def test_streams_the_models_own_cited_answer(kb, llama_server):
    """The model's answer (not the extractive fallback) arrives token by token, cites the passage that holds the
    figure, and passes the citation check."""
    events = list(_assistant(kb, llama_server).stream("PM2.5平均浓度要下降到多少？"))
    pieces = [e["piece"] for e in events if "piece" in e]
    result = events[-1]["result"]
    assert result.backend == "openai" and result.notice == "", result.notice  # the model's answer stood
    assert len(pieces) > 3 and "".join(pieces).strip().startswith(result.answer[:2])  # tokens, not one block
    assert not result.refused and "35微克/立方米" in result.answer
    assert result.grounding == 1.0 and not [f for f in result.flags if f.kind == "figure_not_in_source"]
    assert [c.doc for c in result.citations] == ["eco_opinion.txt"]
    assert "35微克/立方米" in _grounded(result, kb[1])


@pytest.mark.parametrize("question, figure", [("到2025年全县地区生产总值要达到多少？", "200亿元"),
                                              ("2020年全县生产总值是多少？", "126亿元")])
def test_no_answer_ships_a_figure_outside_its_citations(kb, llama_server, question, figure):
    """Whatever the model writes, the result carries the right figure, cited from the right document, with every
    figure in a cited passage: the model's answer when it passes the check, else the quote with the notice."""
    result = _assistant(kb, llama_server).ask(question)
    assert result.notice in ("", FALLBACK_NOTICE, REFUSED_NOTICE), result.notice  # a server error would fail it
    assert not result.refused and figure in result.answer
    assert result.citations and {c.doc for c in result.citations} == {"county_plan.txt"}
    assert figure in _grounded(result, kb[1])


def test_refuses_what_the_documents_do_not_say(kb, llama_server):
    result = _assistant(kb, llama_server).ask("全县有多少个机场？")
    assert result.refused and result.answer == REFUSAL and result.citations == [] and result.notice == ""
