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


def batch_size_for(backend: str, configured: int | None) -> int:
    # Measured on 2 cores: ONNX Runtime is fastest on small length-sorted batches, torch on larger ones.
    return configured or (8 if backend.startswith("onnx") else 32)


@dataclass(frozen=True)
class EmbeddingConfig:
    model: str = DEFAULT_MODEL  # the built-in name, a sentence-transformers name in the local HF cache, or a folder
    cache_dir: Path = Path.home() / ".cache" / "planqa" / "models"
    device: str = "cpu"
    batch_size: int | None = None  # None: what suits the backend (batch_size_for)
    query_prompt: str | None = None  # None: the model's own "query" prompt, if it has one
    passage_prompt: str | None = None
    backend: str = "auto"  # torch, onnx, onnx-int8; auto: onnx-int8 for the built-in model on a CPU, else torch

    def __post_init__(self):
        if self.backend not in BACKENDS:
            raise EmbeddingModelError(f"unknown embedding backend {self.backend!r}: use one of {', '.join(BACKENDS)}")


BACKENDS = ("auto", "torch", "onnx", "onnx-int8")
INT8_SUFFIX = "+int8"  # int8 vectors differ slightly from fp32 ones: a store records which it holds


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
RECENT_SENTENCES = 20_000  # answer sentences kept (~30 MB): the passages that answer one question answer the next


class Embedder:
    """Query and passage embeddings (L2-normalised float32) from one model, loaded lazily."""

    def __init__(self, cfg: EmbeddingConfig, progress: Callable[[str], None] = lambda _m: None):
        self.cfg = cfg
        self._progress = progress
        self._model = None
        self._lock = threading.Lock()
        self._preloading: threading.Thread | None = None
        self.backend = self._resolve(cfg.backend)
        # Retrieval, the row lookup and the extractive scorer all embed the same question: keep the last few.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._sentences: OrderedDict[str, np.ndarray] = OrderedDict()

    def _resolve(self, backend: str) -> str:
        if backend != "auto":
            if backend != "torch" and self.cfg.device != "cpu":
                raise EmbeddingModelError(f"the {backend} embedding backend runs on the CPU only: "
                                          f"set PLANQA_EMBEDDING_BACKEND=torch for device {self.cfg.device!r}")
            return backend
        # int8 was measured for the built-in model only (docs/PERFORMANCE.md); other models keep torch.
        return "onnx-int8" if self.cfg.model == DEFAULT_MODEL and self.cfg.device == "cpu" else "torch"

    @property
    def model_id(self) -> str:
        return self.cfg.model + (INT8_SUFFIX if self.backend == "onnx-int8" else "")

    def follow_store(self, built_with: str | None) -> None:
        """With backend auto, embed as an existing store was built (fp32 or int8) instead of refusing it."""
        if self.cfg.backend == "auto" and self._model is None and built_with in (
                self.cfg.model, self.cfg.model + INT8_SUFFIX) and self.cfg.device == "cpu":
            self.backend = "onnx-int8" if built_with.endswith(INT8_SUFFIX) else "onnx"

    @property
    def batch_size(self) -> int:
        return batch_size_for(self.backend, self.cfg.batch_size)

    def preload(self) -> None:
        """Load the model on a background thread, so that a new process reads its store meanwhile; a failure is
        raised again, with its message, on first use."""
        if self._model is None and self._preloading is None:
            self._preloading = threading.Thread(target=self._load_quietly, name="planqa-model-load", daemon=True)
            self._preloading.start()

    def _load_quietly(self) -> None:
        try:
            self._load()
        except Exception:  # noqa: BLE001 - the first real use raises it
            pass

    def _load(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    force_offline()
                    path = resolve_model_path(self.cfg, self._progress)
                    self._model = self._load_onnx(path) if self.backend.startswith("onnx") else self._load_torch(path)
        return self._model

    def _load_torch(self, path: str):
        check_device(self.cfg.device)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        try:
            return SentenceTransformer(path, device=self.cfg.device)
        except OSError as err:
            raise EmbeddingModelError(
                f"cannot load embedding model {self.cfg.model!r} offline: {err}. "
                "Give a local folder, or a name already in the local Hugging Face cache."
            ) from err

    def _load_onnx(self, path: str):
        from vectordb.onnx_embed import OnnxEncoder, OnnxExportError, ensure_export

        folder = Path(path)
        try:
            model_file = ensure_export(self.cfg.cache_dir, folder, self.backend == "onnx-int8", self._progress)
        except OnnxExportError as err:
            raise EmbeddingModelError(f"{err}: set PLANQA_EMBEDDING_BACKEND=torch for this model") from err
        return OnnxEncoder(model_file, folder, self.batch_size)

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
        if self.backend.startswith("onnx"):
            return model.encode([self._prompt(kind) + t for t in texts])
        vecs = model.encode(
            list(texts), prompt=self._prompt(kind), batch_size=self.batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._cached(texts, "query", self._recent, RECENT_QUERIES)

    def _cached(self, texts: Sequence[str], kind: str, cache: OrderedDict, limit: int) -> np.ndarray:
        if not texts:
            return self._encode(texts, kind)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
        fresh = dict(zip(missing, self._encode(missing, kind))) if missing else {}
        with self._lock:
            cache.update(fresh)
            vecs = np.stack([fresh[t] if t in fresh else cache[t] for t in texts])
            for t in texts:
                if t in cache:
                    cache.move_to_end(t)
            while len(cache) > limit:
                cache.popitem(last=False)
        return vecs

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors of sentences scored at question time, each text embedded once while it stays recent."""
        return self._cached(texts, "passage", self._sentences, RECENT_SENTENCES)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")
