"""Sentence-transformers embeddings, loaded strictly offline."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from vectordb.provision import DEFAULT_MODEL, ensure_default_model


class EmbeddingModelError(RuntimeError):
    """The configured embedding model cannot be loaded offline."""


@dataclass(frozen=True)
class EmbeddingConfig:
    model: str = DEFAULT_MODEL  # the built-in name, a sentence-transformers name in the local HF cache, or a folder
    cache_dir: Path = Path.home() / ".cache" / "planqa" / "models"
    device: str = "cpu"
    batch_size: int = 32
    query_prompt: str | None = None  # None: the model's own "query" prompt, if it has one
    passage_prompt: str | None = None


def force_offline() -> None:
    # Must be set before transformers / huggingface_hub are imported to take effect everywhere.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def check_device(device: str) -> None:
    """A clear error for a device this machine's torch cannot use (instead of a failure at the first batch)."""
    import torch

    kind = device.split(":")[0]
    ok = {"cpu": True, "cuda": torch.cuda.is_available(),
          "mps": getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available()}.get(kind)
    if ok is None:
        raise EmbeddingModelError(f"unknown embedding device {device!r}: use cpu, cuda, cuda:N or mps")
    if not ok:
        raise EmbeddingModelError(f"embedding device {device!r} is not available here (torch {torch.__version__}); "
                                  "set PLANQA_EMBEDDING_DEVICE=cpu")


def resolve_model_path(cfg: EmbeddingConfig, progress: Callable[[str], None] = lambda _m: None) -> str:
    if cfg.model == DEFAULT_MODEL:
        return str(ensure_default_model(cfg.cache_dir, progress=progress))
    return cfg.model


RECENT_QUERIES = 64  # query vectors kept: a question and its stages, across a few concurrent users


class Embedder:
    """Query and passage embeddings (L2-normalised float32) from one model, loaded lazily."""

    def __init__(self, cfg: EmbeddingConfig, progress: Callable[[str], None] = lambda _m: None):
        self.cfg = cfg
        self._progress = progress
        self._model = None
        self._lock = threading.Lock()
        # Retrieval, the row lookup and the extractive scorer all embed the same question: keep the last few.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def model_id(self) -> str:
        return self.cfg.model

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    force_offline()
                    check_device(self.cfg.device)
                    path = resolve_model_path(self.cfg, self._progress)
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as hf_logging

                    hf_logging.disable_progress_bar()

                    try:
                        self._model = SentenceTransformer(path, device=self.cfg.device)
                    except OSError as err:
                        raise EmbeddingModelError(
                            f"cannot load embedding model {self.cfg.model!r} offline: {err}. "
                            "Give a local folder, or a name already in the local Hugging Face cache."
                        ) from err
        return self._model

    @property
    def dimension(self) -> int:
        return int(self._load().get_embedding_dimension())

    def _prompt(self, kind: str) -> str:
        explicit = self.cfg.query_prompt if kind == "query" else self.cfg.passage_prompt
        if explicit is not None:
            return explicit
        return (self._load().prompts or {}).get(kind, "")

    def _encode(self, texts: Sequence[str], kind: str) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vecs = model.encode(
            list(texts), prompt=self._prompt(kind), batch_size=self.cfg.batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self._encode(texts, "query")
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._recent]
        fresh = dict(zip(missing, self._encode(missing, "query"))) if missing else {}
        with self._lock:
            self._recent.update(fresh)
            vecs = np.stack([fresh[t] if t in fresh else self._recent[t] for t in texts])
            for t in texts:
                if t in self._recent:
                    self._recent.move_to_end(t)
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)
        return vecs

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")
