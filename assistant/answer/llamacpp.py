"""A langchain chat model over llama-cpp-python (optional extra `local`), with token streaming."""

from __future__ import annotations

import threading
from typing import Any, Iterator

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChat(BaseChatModel):
    model_path: str
    n_ctx: int = 4096
    n_threads: int | None = None
    temperature: float = 0.1
    max_tokens: int = 400
    seed: int = 7
    _llm: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)  # one llama context is not thread-safe

    @property
    def _llm_type(self) -> str:
        return "planqa-llamacpp"

    def _client(self):
        if self._llm is None:
            try:
                from llama_cpp import Llama
            except ImportError as e:
                raise RuntimeError("llama-cpp-python is not installed: pip install '.[local]' (see README)") from e
            self._llm = Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads,
                              seed=self.seed, verbose=False)
        return self._llm

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, max_tokens: int | None = None) -> dict:
        return {"messages": [{"role": _ROLES.get(m.type, "user"), "content": m.content} for m in messages],
                "temperature": self.temperature, "max_tokens": max_tokens or self.max_tokens, "stop": stop or None}

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        with self._lock:
            out = self._client().create_chat_completion(**self._request(messages, stop, kwargs.get("max_tokens")))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            for part in self._client().create_chat_completion(**self._request(messages, stop, kwargs.get("max_tokens")),
                                                               stream=True):
                delta = part["choices"][0].get("delta", {}).get("content") or ""
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk
