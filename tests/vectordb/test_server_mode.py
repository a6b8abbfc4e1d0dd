"""A real `chroma run` server shared by processes with separate data folders (as on separate machines)."""

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import CORPUS, PLANQA, run, store_of, unique_collection
from vectordb.server import free_port

pytestmark = pytest.mark.integration


def _env(base: dict, tmp_path, name: str, url: str, collection: str) -> dict:
    return dict(base, PLANQA_HOME=str(tmp_path / name), PLANQA_CHROMA_URL=url, PLANQA_COLLECTION=collection)


def _ask(env, cwd, question, *extra) -> dict:
    return json.loads(run(["ask", "--json", *extra, question], env, cwd).stdout)


def test_two_homes_share_one_server(chroma_server, small_corpus, tmp_path, isolated_env):
    collection = unique_collection()
    a = _env(dict(os.environ), tmp_path, "a", chroma_server, collection)
    b = _env(dict(os.environ), tmp_path, "b", chroma_server, collection)
    del b["PLANQA_CHROMA_URL"]  # B names the server on the command line instead
    server = ["--chroma-url", chroma_server]

    assert "added 2" in run(["ingest", str(small_corpus)], a, tmp_path).stderr
    docs = json.loads(run([*server, "docs", "list", "--json"], b, tmp_path).stdout)
    assert sorted(d["name"] for d in docs) == ["county_plan.txt", "eco_opinion.txt"]

    r = json.loads(run([*server, "ask", "--json", "到2025年PM2.5平均浓度要下降到多少？"], b, tmp_path).stdout)
    assert "35微克/立方米" in r["answer"] and r["citations"][0]["doc"] == "eco_opinion.txt"
    from vectordb.registry import Registry

    registry = Registry(*store_of(a))
    eco = next(d for d in registry.all() if d.name == "eco_opinion.txt")
    c = r["citations"][0]
    assert registry.text(eco.doc_id)[c["start"]:c["end"]] == c["text"]

    # an update made through B is what A answers from (A's BM25 follows the server's live set)
    assert "200亿元" in _ask(a, tmp_path, "到2025年全县地区生产总值要突破多少？")["answer"]
    plan = small_corpus / "county_plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("突破200亿元", "突破230亿元"), encoding="utf-8")
    assert "updated 1" in run([*server, "ingest", str(small_corpus)], b, tmp_path).stderr
    r = _ask(a, tmp_path, "到2025年全县地区生产总值要突破多少？")
    assert "230亿元" in r["answer"] and "200亿元" not in r["answer"]

    # filters work against the server
    r = _ask(a, tmp_path, "到2025年全县地区生产总值要突破多少？", "--doc", "eco_opinion.txt")
    assert all(c["doc"] == "eco_opinion.txt" for c in r["citations"])

    # a removal through A is seen by B; neither home holds a store of its own
    run(["docs", "remove", "eco_opinion.txt"], a, tmp_path)
    assert _ask(b | {"PLANQA_CHROMA_URL": chroma_server}, tmp_path, "到2025年PM2.5平均浓度要下降到多少？")["refused"]
    assert [d["name"] for d in json.loads(run([*server, "docs", "list", "--json"], b, tmp_path).stdout)] == ["county_plan.txt"]
    assert not (tmp_path / "a" / "chroma").exists() and not (tmp_path / "b" / "chroma").exists()
    client, name = store_of(a)
    assert client.get_collection(name).count() == sum(d.n_chunks for d in registry.all())


@pytest.mark.skipif(not CORPUS.exists(), reason="no ../shared/corpus")
def test_two_processes_ingest_into_one_server_at_once(chroma_server, tmp_path, isolated_env):
    """Each run's garbage collection must leave the other's not-yet-live chunks alone."""
    collection = unique_collection()
    files = sorted(CORPUS.iterdir())
    envs, procs = [], []
    for n, part in enumerate((files[:3], files[3:])):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
        env = _env(dict(os.environ), tmp_path, f"home{n}", chroma_server, collection)
        envs.append(env)
        procs.append(subprocess.Popen([PLANQA, "ingest", str(folder)], env=env, cwd=tmp_path,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        _, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr
    from vectordb.registry import Registry

    client, name = store_of(envs[0])
    registry = Registry(client, name)
    assert sorted(d.name for d in registry.all()) == [f.name for f in files]
    live = registry.live_versions()
    metas = client.get_collection(name).get(include=["metadatas"])["metadatas"]
    assert all(live.get(m["doc_id"]) == m["sha"] for m in metas)  # nothing half-written or stale left
    assert len(metas) == sum(d.n_chunks for d in registry.all())
    r = _ask(envs[1], tmp_path, "冀州区2020年地区生产总值是多少？")
    assert "111亿元" in r["answer"]


def test_an_unreachable_server_is_one_clear_line(tmp_path, isolated_env):
    env = dict(os.environ, PLANQA_HOME=str(tmp_path / "h"), PLANQA_CHROMA_URL=f"http://127.0.0.1:{free_port()}")
    for args in (["docs", "list"], ["ask", "规划目标是什么？"]):
        r = run(args, env, tmp_path, check=False)
        assert r.returncode == 2
        assert "cannot reach the Chroma server" in r.stderr and "Traceback" not in r.stderr
