"""Shared fixtures: an isolated cache (model built once per session) and small documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Set by `make test` (through `python -m vectordb.server`) to run the suite against a Chroma server instead
# of embedded stores; each test then gets its own collection on that server.
SERVER_URL = os.environ.get("PLANQA_TEST_CHROMA_URL")
PLANQA = shutil.which("planqa", path=str(Path(sys.executable).parent)) or "planqa"
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()

DOC_A = """某某县“十四五”规划纲要
第一篇 发展基础
第一章 “十三五”成就
全县生产总值由2015年的80亿元增长到2020年的126亿元,年均增长9.5%。城镇居民人均可支配收入达到35000元。
第二篇 发展目标
第二章 主要目标
一、经济发展
到2025年,全县地区生产总值突破200亿元,年均增长7%以上。
二、乡村振兴
建设高标准农田10万亩,培育省级龙头企业15家,农村居民人均可支配收入年均增长8%。
"""

DOC_B = """关于加强生态环境保护的实施意见
一、总体要求
坚持绿水青山就是金山银山的理念,打好蓝天、碧水、净土保卫战。
二、主要任务
（一）大气污染防治
到2025年,PM2.5平均浓度下降到35微克/立方米以下,空气质量优良天数比例达到80%。
（二）水污染防治
县级以上集中式饮用水水源地水质达标率保持100%。
"""


def unique_collection() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A Chroma server of this test session (the one CI runs, if given): its URL."""
    if SERVER_URL:
        yield SERVER_URL
        return
    from vectordb.server import start_server, stop_server

    root = tmp_path_factory.mktemp("chroma-server")
    proc, url = start_server(root / "data", root / "server.log")
    yield url
    stop_server(proc)


@pytest.fixture(scope="session", autouse=True)
def isolated_env(tmp_path_factory):
    """Keep every cache the stack writes inside the test session."""
    root = tmp_path_factory.mktemp("env")
    saved = dict(os.environ)
    os.environ["PLANQA_CACHE_DIR"] = os.environ.get("PLANQA_TEST_CACHE_DIR") or str(root / "cache")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(root / "tiktoken")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.pop("PLANQA_HOME", None)
    os.environ.pop("PLANQA_CONFIG", None)
    os.environ.pop("PLANQA_COLLECTION", None)
    if SERVER_URL:
        os.environ["PLANQA_CHROMA_URL"] = SERVER_URL
    else:
        os.environ.pop("PLANQA_CHROMA_URL", None)
    yield root
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("PLANQA_HOME", str(h))
    if SERVER_URL:
        monkeypatch.setenv("PLANQA_COLLECTION", unique_collection())
    monkeypatch.chdir(tmp_path)
    return h


@pytest.fixture()
def small_corpus(tmp_path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "county_plan.txt").write_text(DOC_A, encoding="utf-8")
    (d / "eco_opinion.txt").write_text(DOC_B, encoding="gb18030")
    return d


@pytest.fixture(scope="session")
def embedder(isolated_env):
    from assistant.settings import Settings
    from vectordb.embeddings import Embedder

    return Embedder(Settings().embedding())


@pytest.fixture()
def kb(home, small_corpus):
    """The small corpus ingested in process: (settings, index, corpus folder)."""
    from assistant.builder import open_index
    from assistant.settings import Settings
    from vectordb.pipeline import ingest_paths

    settings = Settings()
    index = open_index(settings)
    files, chunks = [], []
    report = ingest_paths(index, [small_corpus], settings.chunking(),
                          on_file=lambda i, n, r: files.append((i, n)), on_chunks=lambda d, t: chunks.append((d, t)))
    assert [f.status for f in report.files] == ["added", "added"]
    assert files == [(1, 2), (2, 2)]
    assert chunks and all(d == t for d, t in chunks)  # small files: one batch each, reported complete
    assert sum(t for _, t in chunks) == report.chunks == index.count()
    return settings, index, small_corpus


def store_of(env: dict):
    """(client, collection name) of the store a CLI environment uses, opened with the product's settings."""
    from vectordb.chroma_store import StoreConfig, open_client

    cfg = StoreConfig(path=Path(env["PLANQA_HOME"]) / "chroma", url=env.get("PLANQA_CHROMA_URL"),
                      collection=env.get("PLANQA_COLLECTION", "planqa_chunks"))
    return open_client(cfg), cfg.collection


def run(args, env, cwd, check=True, stdin=None, timeout=600):
    """The real `planqa` executable."""
    r = subprocess.run([PLANQA, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, input=stdin)
    if check:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory, isolated_env):
    """../shared/corpus ingested once per session by the CLI: (root folder, env with PLANQA_HOME)."""
    if not CORPUS.exists():
        pytest.skip("no ../shared/corpus")
    root = tmp_path_factory.mktemp("cli")
    env = dict(os.environ, PLANQA_HOME=str(root / "kb"))
    if SERVER_URL:
        env["PLANQA_COLLECTION"] = unique_collection()
    r = run(["ingest", str(CORPUS)], env, root)
    assert "added 5" in r.stderr
    return root, env
