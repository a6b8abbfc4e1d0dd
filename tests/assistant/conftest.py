"""Fixtures of the LLM tests: the local GGUFs and a real llama.cpp OpenAI-compatible server."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

# Read before the session isolates PLANQA_CACHE_DIR: `make setup-local` assembled the GGUFs there (1.6 GB), so the
# tests use those files instead of joining them again into every session's temporary cache.
_USER_CACHE = Path(os.environ.get("PLANQA_CACHE_DIR")
                   or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "planqa")


def llm_missing(name: str) -> str | None:
    """Why the local LLM `name` cannot run here (None when it can)."""
    from assistant.answer.gguf import MODELS, gguf_path, installed

    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed (make setup-local)"
    if not installed(MODELS[name]) and not gguf_path(_USER_CACHE, name).is_file():
        return f"the wheels of {name} are not installed (make setup-local)"
    return None


def server_missing() -> str | None:
    if any(importlib.util.find_spec(m) is None for m in ("llama_cpp", "sse_starlette", "starlette_context", "fastapi")):
        return "llama-cpp-python[server] is not installed (make setup-local)"
    return llm_missing("qwen2.5-coder-1.5b")


@pytest.fixture(scope="session")
def local_gguf(isolated_env):
    """name -> path of a built-in GGUF: the one `make setup-local` built, else assembled into the session cache."""
    from assistant.answer.gguf import MODELS, ensure_gguf, gguf_path

    def get(name: str) -> Path:
        built = gguf_path(_USER_CACHE, name)
        if built.is_file() and built.stat().st_size == MODELS[name].size:
            return built
        return ensure_gguf(Path(os.environ["PLANQA_CACHE_DIR"]), name)

    return get


def llm_threads() -> int:
    """PLANQA_LLAMACPP_THREADS if set, else 2: llama.cpp's threads spin on a barrier, so on a loaded machine more
    threads than free cores is many times slower (measured on 2 shared cores: 17 s vs 1.6 s for a short reply)."""
    return int(os.environ.get("PLANQA_LLAMACPP_THREADS") or min(2, os.cpu_count() or 1))


@pytest.fixture(scope="session")
def llama_server(local_gguf, tmp_path_factory):
    """`python -m llama_cpp.server` with the default local LLM (Qwen2.5-Coder-1.5B) on a free loopback port.

    The 1.5B, not the faster 0.5B: with the product's prompt the 0.5B refuses every question of the test
    documents (5 of 5 in a probe, 79 % on the regression suite), so tests against it could only assert refusals
    and could not fail on a wrong answer or citation. The 1.5B answers them, at ~10 s an answer on 2 idle cores.
    One server for the session; greedy decoding (temperature 0) so the answers do not depend on test order.
    """
    why = server_missing()
    if why:
        pytest.skip(why)
    from tests.assistant.llama_server import LlamaServer

    server = LlamaServer(local_gguf("qwen2.5-coder-1.5b"), tmp_path_factory.mktemp("llama-server") / "server.log",
                         threads=llm_threads())
    yield server
    server.close()
