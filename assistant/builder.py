"""The one place that builds the components from Settings, once per process.

`build(settings)` opens the index (offline tokenizer, jieba dictionary, embedder, store) and makes the search
(glossary + reranker), the extractive backend, the answerability model and the document labels. Answer
backends and their chat models are made on first use, one per name, and shared by every caller: the CLI, the
UI (one set of components whatever backend a user picks) and eval.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from assistant.answer import AnswerBackend
from assistant.answer.extractive import ExtractiveBackend, ExtractiveConfig
from assistant.answerability import AnswerabilityModel
from assistant.backends import CHAT_MODELS, spec
from assistant.glossary import Glossary
from assistant.query import DocLabels, read_places
from assistant.rerank import make_reranker
from assistant.retrieval import HybridSearch
from assistant.settings import Settings
from ingest.tokens import ensure_offline_tiktoken
from vectordb.embeddings import Embedder
from vectordb.index import Index
from vectordb.lexical import jieba_tokenizer
from vectordb.registry import Registry


def open_index(settings: Settings, progress: Callable[[str], None] = lambda _m: None) -> Index:
    """The index alone (ingest, `docs remove`): offline tokenizer, jieba dictionary, embedder, store."""
    ensure_offline_tiktoken(settings.cache_dir / "tiktoken")
    jieba_tokenizer(str(settings.cache_dir / "jieba"))
    embedder = Embedder(settings.embedding(), progress=progress)
    return Index(settings.store(), settings.home, embedder, cache_dir=settings.cache_dir / "jieba")


def open_registry(settings: Settings) -> Registry | None:
    """The documents alone, read from the store's registry with no embedding model opened (`docs list`, `docs show`,
    `targets`); None when there is no store yet."""
    from vectordb.chroma_store import open_client

    store = settings.store()
    if not (store.url or store.path.exists()):
        return None
    return Registry(open_client(store), store.collection)


def extractive_backend(settings: Settings, embedder: Embedder, glossary: Glossary | None = None) -> ExtractiveBackend:
    return ExtractiveBackend(embedder, ExtractiveConfig(max_sentences=settings.max_answer_sentences,
                                                        typed_fallback=settings.answerability == "model",
                                                        head_check=settings.head_check),
                             glossary or Glossary.load(settings.glossary_path))


def answerability_model(settings: Settings) -> AnswerabilityModel:
    return (AnswerabilityModel.load(settings.answerability_model) if settings.answerability == "model"
            else AnswerabilityModel.neutral())


@dataclass
class Components:
    """Everything an Assistant needs, built once; backends are made on first use and kept."""

    settings: Settings
    index: Index
    search: HybridSearch
    extractive: ExtractiveBackend
    answerability: AnswerabilityModel
    labels: DocLabels
    _backends: dict[str, AnswerBackend] = field(default_factory=dict)
    _models: dict[str, object] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def chat_model(self, name: str):
        """The chat model behind backend `name` (None for extractive), one per kind of model."""
        kind = spec(name).model
        if kind is None:
            return None
        with self._lock:
            if kind not in self._models:
                self._models[kind] = CHAT_MODELS[kind](self.settings)
            return self._models[kind]

    def backend(self, name: str | None = None) -> AnswerBackend:
        """Answer backend `name` (default: the configured one), made once."""
        name = name or self.settings.answer_backend
        model = self.chat_model(name)
        with self._lock:
            if name not in self._backends:
                self._backends[name] = self.make_backend(name, model)
            return self._backends[name]

    def make_backend(self, name: str, model=None) -> AnswerBackend:
        """A new backend `name` over the given chat model (tests pass a fake one)."""
        return spec(name).make(self.settings, self.extractive, model)


def components(settings: Settings, index: Index, search: HybridSearch | None = None,
               answerability: AnswerabilityModel | None = None) -> Components:
    """The components over an index already open (`search`, `answerability`: given ones instead)."""
    glossary = Glossary.load(settings.glossary_path)  # one for search and answers
    if search is None:
        search = HybridSearch(index, settings.retrieval(), glossary,
                              make_reranker(settings.reranker, settings.embedding_device, glossary))
    labels = DocLabels(index)
    extractive = extractive_backend(settings, index.embedder, glossary)
    extractive.doc_names = labels.names  # a cross-document answer names documents as row answers do
    extractive.read = partial(read_places, labels=labels)  # the question with the base's places
    return Components(settings=settings, index=index, search=search, extractive=extractive,
                      answerability=answerability or answerability_model(settings), labels=labels)


def build(settings: Settings, progress: Callable[[str], None] = lambda _m: None) -> Components:
    """Every component, from Settings alone."""
    return components(settings, open_index(settings, progress))
