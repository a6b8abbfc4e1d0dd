"""Build the shared objects (index, embedder, backend) from Settings, once per process."""

from __future__ import annotations

from typing import Callable

from assistant.settings import Settings
from ingest.tokens import ensure_offline_tiktoken
from vectordb.embeddings import Embedder
from vectordb.index import Index
from vectordb.lexical import jieba_tokenizer


def open_index(settings: Settings, progress: Callable[[str], None] = lambda _m: None) -> Index:
    ensure_offline_tiktoken(settings.cache_dir / "tiktoken")
    jieba_tokenizer(str(settings.cache_dir / "jieba"))
    embedder = Embedder(settings.embedding(), progress=progress)
    return Index(settings.store(), settings.home, embedder, cache_dir=settings.cache_dir / "jieba")
