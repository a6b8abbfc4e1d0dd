"""The one Settings object: env PLANQA_*, then planqa.toml (or PLANQA_CONFIG), then defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.backends import BACKENDS, DEFAULT_BACKEND
from assistant.retrieval import RetrievalConfig
from ingest.chunk import ChunkConfig
from vectordb.chroma_store import StoreConfig
from vectordb.embeddings import EmbeddingConfig
from vectordb.provision import DEFAULT_MODEL


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planqa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", extra="ignore", validate_default=True)

    home: Path = Field(Path(".planqa"), description="data folder: embedded vector store, BM25 cache")
    cache_dir: Path = Field(default_factory=_default_cache, description="built models and tokenizer files")

    embedding_model: str = Field(DEFAULT_MODEL, description="built-in name, local folder, or cached sentence-transformers name")
    embedding_device: str = "cpu"
    embedding_backend: str = Field("auto", description="torch, onnx, onnx-int8; auto: onnx-int8 for the built-in "
                                   "model on a CPU (or as an existing store was built), torch otherwise")
    embedding_batch_size: int | None = Field(None, ge=1, le=4096)
    query_prompt: str | None = None
    passage_prompt: str | None = None

    chroma_path: Path | None = Field(None, description="embedded store folder (default: <home>/chroma)")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server")
    collection: str = Field("planqa_chunks", min_length=3, max_length=500, pattern=r"^[A-Za-z0-9._-]+$")

    answer_backend: Literal[BACKENDS] = Field(DEFAULT_BACKEND, description="one of assistant/backends.py's names")
    condense: Literal["auto", "rules", "llm"] = Field("auto", description="follow-up rewriting: auto = LLM if the backend has one")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible /v1 URL (vLLM, Ollama, llama.cpp server, DeepSeek, Qwen)")
    llm_model: str = "qwen2.5"
    llm_api_key: str = "not-needed"
    llm_temperature: float = Field(0.1, ge=0, le=2)
    llm_max_tokens: int = Field(400, ge=16, le=8192)
    llm_timeout: float = Field(120, gt=0)
    llamacpp_model: str | Path = Field("qwen2.5-coder-1.5b", description="built-in local LLM (qwen2.5-coder-1.5b, "
                                       "qwen2.5-coder-0.5b: assembled from the `local` extra's wheels) or a GGUF file")
    llamacpp_ctx: int = Field(4096, ge=512)
    llamacpp_threads: int | None = Field(None, ge=1, description="CPU threads for llama.cpp (default: all cores)")
    top_k: int = Field(5, ge=1, le=50)
    candidates: int = Field(30, ge=1, le=500, description="dense and BM25 candidates each, before fusion")
    rerank_candidates: int = Field(30, ge=1, le=200, description="fused candidates the reranker sees")
    dense_weight: float = Field(1.0, ge=0)
    lexical_weight: float = Field(1.0, ge=0)
    section_weight: float = Field(2.0, ge=0, description="boost for chunks under a 第X篇/章 the question names")
    expand_queries: bool = Field(True, description="glossary expansion of questions")
    glossary_path: Path | None = Field(None, description="your glossary file (default: the built-in one)")
    reranker: str = Field("learned", description="learned (learned:<file> for your own artefact), sentence, none, "
                          "or cross-encoder:<name or folder>")
    dedupe: float = Field(0.85, gt=0, le=1.0, description="bigram Jaccard above which passages are near duplicates")
    neighbours: bool = Field(False, description="merge the adjacent chunk when the best sentence is at a chunk edge")
    token_budget: int = Field(3000, ge=200)
    llm_may_refuse: bool = Field(True, description="an LLM backend's refusal stands (true: the model is one more "
                                 "refusal signal), or gives way to the extractive answer when the gate passed the passages")
    llm_context: Literal["sentences", "passages"] = Field("passages", description="what an LLM backend reads: whole "
                                                          "passages, or only their best sentences (short prompts)")
    chunk_tokens: int = Field(350, ge=50, le=4000)
    max_file_mb: float = Field(20, gt=0, description="larger files are refused with a clear reason")
    min_score: float = Field(0.0, ge=0, le=1, description="best passage similarity below which the assistant refuses")
    min_coverage: float = Field(0.5, ge=0, le=1, description="share of the question's terms a passage must hold to answer")
    indicator_rows: bool = Field(True, description="figure questions that name a document, an indicator and a year "
                                 "also take the passages holding those values in the indicator table (指标表)")
    head_check: bool = Field(False, description="a figure answer must name the indicator the question counts (its "
                             "nouns before 多少: 粮食总产量 is not answered by 水产品总产量); off: on the test split it "
                             "refused 8 answerable questions to catch 1 unanswerable (docs/PERFORMANCE.md)")
    answerability: Literal["rules", "model"] = Field("rules", description="refusal decision: rules (document scope, "
        "years, places, term coverage, sentence checks) or model (the learnt judgement; see docs/PERFORMANCE.md)")
    answerability_model: Path | None = Field(None, description="answerability artefact (default: the built-in one)")
    refusal_threshold: float | None = Field(None, ge=0, le=1, description="answer when the answerability probability "
                                            "is at least this (default: the threshold stored with the model)")
    max_answer_sentences: int = Field(3, ge=1, le=10)

    ui_concurrency: int = Field(4, ge=1, le=64, description="questions answered at once by `planqa serve`")
    ui_queue_size: int = Field(64, ge=1, description="waiting requests before the UI says it is busy")
    ui_auth: str | None = Field(None, description="user:password for `planqa serve`")

    judge_base_url: str | None = Field(None, description="OpenAI-compatible /v1 URL of an optional LLM judge for `planqa eval`")
    judge_model: str = "judge"
    judge_api_key: str = "not-needed"

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("PLANQA_CONFIG", "planqa.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))

    # --- views for the library layers --------------------------------------
    def store(self) -> StoreConfig:
        return StoreConfig(path=self.chroma_path or self.home / "chroma", url=self.chroma_url, collection=self.collection)

    def embedding(self) -> EmbeddingConfig:
        return EmbeddingConfig(
            model=self.embedding_model, cache_dir=self.cache_dir / "models", device=self.embedding_device,
            batch_size=self.embedding_batch_size, query_prompt=self.query_prompt, passage_prompt=self.passage_prompt,
            backend=self.embedding_backend,
        )

    def retrieval(self) -> RetrievalConfig:
        return RetrievalConfig(
            candidates=self.candidates, rerank_candidates=self.rerank_candidates, dense_weight=self.dense_weight,
            lexical_weight=self.lexical_weight, section_weight=self.section_weight, expand=self.expand_queries,
            dedupe=self.dedupe, neighbours=self.neighbours,
        )

    def chunking(self) -> ChunkConfig:
        return ChunkConfig(max_tokens=self.chunk_tokens, min_tokens=min(60, self.chunk_tokens // 4))
