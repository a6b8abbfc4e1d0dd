import os
import subprocess
import sys

from ingest.tokens import CL100K_URL_SHA1, count_tokens, ensure_offline_tiktoken


def test_count_tokens_chinese():
    assert count_tokens("冀州区2020年地区生产总值是多少？") > 5
    assert count_tokens("") == 0


def _run_clean(code: str, cache) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    env["TIKTOKEN_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_plain_tiktoken_and_langchain_paths_work_after_setup(tmp_path):
    cache = tmp_path / "tk"  # empty: the child process sets it up itself
    code = (
        "from ingest.tokens import ensure_offline_tiktoken; ensure_offline_tiktoken()\n"
        "import tiktoken\n"
        "print(len(tiktoken.get_encoding('cl100k_base').encode('十四五规划')))\n"
        "from langchain_text_splitters import RecursiveCharacterTextSplitter\n"
        "sp = RecursiveCharacterTextSplitter.from_tiktoken_encoder(encoding_name='cl100k_base', chunk_size=20, chunk_overlap=0)\n"
        "print(len(sp.split_text('一二三四五六七八九十。' * 20)) > 1)\n"
    )
    r = _run_clean(code, cache)
    assert r.returncode == 0, r.stderr
    n, split = r.stdout.split()
    assert int(n) > 0 and split == "True"
    assert (cache / CL100K_URL_SHA1).is_file()


def test_corrupt_cached_file_is_replaced(tmp_path, monkeypatch):
    cache = tmp_path / "tk"
    cache.mkdir()
    (cache / CL100K_URL_SHA1).write_bytes(b"garbage")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    ensure_offline_tiktoken()
    assert (cache / CL100K_URL_SHA1).stat().st_size > 1_000_000
