"""A fake embedder for fast unit tests: hashed character 1- and 2-grams, L2-normalised, deterministic.

Same interface as vectordb.embeddings.Embedder (model_id, dimension, batch_size, follow_store, embed_queries,
embed_passages, embed_sentences), no model to load: texts that share characters are near, so dense retrieval
still ranks sensibly on small documents. The real model stays in the integration tests (`-m integration`).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Sequence

import numpy as np

from vectordb.embeddings import EmbeddingConfig

MODEL = "fake-hash-ngrams"


class FakeEmbedder:
    def __init__(self, dim: int = 256, cache_dir: Path = Path("/nonexistent")):
        self.cfg = EmbeddingConfig(model=MODEL, cache_dir=cache_dir)
        self.dim = dim
        self.calls = 0

    @property
    def model_id(self) -> str:
        return MODEL

    @property
    def dimension(self) -> int:
        return self.dim

    batch_size = 32

    def preload(self) -> None:
        """Nothing to load."""

    def follow_store(self, built_with: str | None) -> None:
        """One kind of vector only: nothing to follow."""

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        chars = [c for c in text if not c.isspace()]
        for gram in chars + ["".join(p) for p in zip(chars, chars[1:])]:
            v[zlib.crc32(gram.encode("utf-8")) % self.dim] += 1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)


def fake_base(folder: Path, settings=None):
    """(settings, index): the documents of `folder` ingested into a knowledge base under the test's PLANQA_HOME with
    this embedder (the `home` fixture sets it)."""
    from assistant.settings import Settings
    from ingest.tokens import ensure_offline_tiktoken
    from vectordb.index import Index
    from vectordb.lexical import jieba_tokenizer
    from vectordb.pipeline import ingest_paths

    settings = settings or Settings()
    ensure_offline_tiktoken(settings.cache_dir / "tiktoken")
    jieba_tokenizer(str(settings.cache_dir / "jieba"))
    index = Index(settings.store(), settings.home, FakeEmbedder(), cache_dir=settings.cache_dir / "jieba")
    ingest_paths(index, [folder], settings.chunking())
    return settings, index
