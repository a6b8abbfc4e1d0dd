"""The local LLM files: which model a setting names, and the sha256 discipline of the assembly (with small fake
parts; the real 1.6 GB assembly runs in `make setup-local` and the llama.cpp tests)."""

import hashlib
import re
from pathlib import Path

import pytest

from assistant.answer import gguf
from assistant.settings import Settings
from vectordb.provision import ProvisionError, SourceFile

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_local_llm_is_the_1_5b_and_the_0_5b_stays_selectable(monkeypatch, tmp_path):
    assert Settings().llamacpp_model == gguf.DEFAULT_LLM == "qwen2.5-coder-1.5b"
    assert gguf.builtin(None) is gguf.builtin("") is gguf.QWEN_1_5B
    monkeypatch.setenv("PLANQA_LLAMACPP_MODEL", "qwen2.5-coder-0.5b")
    assert gguf.builtin(Settings().llamacpp_model) is gguf.QWEN_0_5B
    own = tmp_path / "mine.gguf"
    assert gguf.builtin(own) is None and gguf.resolve(str(own), tmp_path) == own
    with pytest.raises(ProvisionError, match="unknown local LLM"):
        gguf.ensure_gguf(tmp_path, "qwen-7b")


def test_every_part_is_pinned_in_the_local_extra():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    local = pyproject[pyproject.index("local = ["):]
    local = local[:local.index("\n]")]
    for model in gguf.MODELS.values():
        for i, part in enumerate(model.parts, 1):
            dist = part.package.replace("_", "-")
            assert re.search(rf'"{dist}==\d', local), dist
            assert part.relpath == f"data/part{i:02d}.bin" and re.fullmatch(r"[0-9a-f]{64}", part.sha256)
    assert len(gguf.QWEN_1_5B.parts) == 22 and gguf.QWEN_1_5B.size == 1_117_320_768


def _fake(tmp_path, monkeypatch, whole_sha=None):
    blobs = [b"GGUF" + bytes(range(200)), b"part two" * 50]
    files = []
    for i, b in enumerate(blobs, 1):
        f = tmp_path / f"p{i}.bin"
        f.write_bytes(b)
        files.append(f)
    joined = b"".join(blobs)
    model = gguf.LocalModel("fake", "fake.gguf", len(joined), whole_sha or hashlib.sha256(joined).hexdigest(),
                            tuple(SourceFile(f"fake_part{i}", f"data/part{i:02d}.bin", "x") for i in (1, 2)))
    monkeypatch.setitem(gguf.MODELS, "fake", model)
    calls = []
    monkeypatch.setattr(gguf, "locate", lambda src: calls.append(src) or files[int(src.package[-1]) - 1])
    return joined, calls


def test_assembled_once_and_checked(tmp_path, monkeypatch):
    joined, calls = _fake(tmp_path, monkeypatch)
    out = gguf.ensure_gguf(tmp_path / "cache", "fake")
    assert out == tmp_path / "cache" / "llm" / "fake.gguf" and out.read_bytes() == joined and len(calls) == 2
    assert gguf.ensure_gguf(tmp_path / "cache", "fake") == out and len(calls) == 2  # not joined again


def test_a_wrong_whole_file_is_refused_and_nothing_is_left(tmp_path, monkeypatch):
    _fake(tmp_path, monkeypatch, whole_sha="0" * 64)
    with pytest.raises(ProvisionError, match="expected"):
        gguf.ensure_gguf(tmp_path / "cache", "fake")
    assert list((tmp_path / "cache" / "llm").iterdir()) == []
