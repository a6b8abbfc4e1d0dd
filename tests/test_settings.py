from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import Settings


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    s = Settings()
    assert s.home == Path(".planqa")
    assert s.embedding_model == "multilingual-e5-small"
    assert s.answer_backend == "extractive"
    assert s.store().path == Path(".planqa") / "chroma"
    assert s.store().url is None
    assert s.embedding().cache_dir == s.cache_dir / "models"


def test_env_overrides(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANQA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PLANQA_TOP_K", "8")
    monkeypatch.setenv("PLANQA_CHROMA_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("PLANQA_EMBEDDING_MODEL", "/models/bge-small-zh")
    s = Settings()
    assert s.home == tmp_path / "data"
    assert s.top_k == 8
    assert s.store().url == "http://127.0.0.1:8123"
    assert s.embedding().model == "/models/bge-small-zh"
    assert s.store().path == tmp_path / "data" / "chroma"


def test_toml_file_and_env_precedence(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "planqa.toml").write_text('top_k = 9\nchunk_tokens = 200\ncollection = "plans_2025"\n', encoding="utf-8")
    s = Settings()
    assert (s.top_k, s.chunk_tokens, s.collection) == (9, 200, "plans_2025")
    assert s.chunking().max_tokens == 200
    monkeypatch.setenv("PLANQA_TOP_K", "3")
    assert Settings().top_k == 3  # env beats the file


def test_config_path_from_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text("token_budget = 1234\n", encoding="utf-8")
    monkeypatch.setenv("PLANQA_CONFIG", str(cfg))
    assert Settings().token_budget == 1234


@pytest.mark.parametrize("field,value", [("collection", "kb"), ("top_k", "0"), ("answer_backend", "gpt-9")])
def test_invalid_values_are_rejected(monkeypatch, tmp_path, field, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(f"PLANQA_{field.upper()}", value)
    with pytest.raises(ValidationError):
        Settings()
