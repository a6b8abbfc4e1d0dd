"""Answer backends and chat models from Settings."""

from __future__ import annotations

from pathlib import Path

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.answer import AnswerBackend
from assistant.answer.extractive import ExtractiveBackend, ExtractiveConfig
from assistant.answer.llm import ChatBackend, ConstrainedBackend
from assistant.glossary import Glossary
from assistant.settings import Settings
from vectordb.embeddings import Embedder

BACKENDS = ("extractive", "openai", "llamacpp", "llamacpp-constrained")


class BackendError(RuntimeError):
    """A backend that cannot be set up (missing URL, model file, package)."""


def chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model behind the configured backend (None for extractive)."""
    if settings.answer_backend == "openai":
        if not settings.llm_base_url:
            raise BackendError("the openai backend needs PLANQA_LLM_BASE_URL (an OpenAI-compatible /v1 URL)")
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key,
                          temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens,
                          timeout=settings.llm_timeout, max_retries=1)
    if settings.answer_backend.startswith("llamacpp"):
        from assistant.answer.gguf import resolve
        from assistant.answer.llamacpp import LlamaCppChat
        from vectordb.provision import ProvisionError

        try:
            path = resolve(settings.llamacpp_model, settings.cache_dir)
        except ProvisionError as e:
            raise BackendError(f"the local LLM is not available: {e} (make setup-local)") from e
        if not Path(path).is_file():
            raise BackendError(f"GGUF model file not found: {path}")
        return LlamaCppChat(model_path=str(path), n_ctx=settings.llamacpp_ctx, n_threads=settings.llamacpp_threads,
                            temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens)
    return None


def extractive_backend(settings: Settings, embedder: Embedder) -> ExtractiveBackend:
    return ExtractiveBackend(embedder, ExtractiveConfig(max_sentences=settings.max_answer_sentences,
                                                        typed_fallback=settings.answerability == "model"),
                             Glossary.load(settings.glossary_path))


def make_backend(settings: Settings, embedder: Embedder, model: BaseChatModel | None = None) -> AnswerBackend:
    name = settings.answer_backend
    if name == "extractive":
        return extractive_backend(settings, embedder)
    model = model or chat_model(settings)
    if name == "llamacpp-constrained":
        return ConstrainedBackend(extractive_backend(settings, embedder), model)
    if name in ("openai", "llamacpp"):
        return ChatBackend(model, name, settings.token_budget)
    raise BackendError(f"unknown answer backend {name!r}: use one of {', '.join(BACKENDS)}")
