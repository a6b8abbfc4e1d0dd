"""Chroma access: embedded PersistentClient by default, HttpClient when a server URL is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from vectordb.embeddings import Embedder, EmbeddingConfig

EF_NAME = "planqa-sentence-transformers"


class StoreMismatchError(RuntimeError):
    """The collection was built with a different embedding model."""


class StoreUnavailableError(RuntimeError):
    """The configured Chroma server does not answer."""


@register_embedding_function
class PlanqaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Our offline sentence-transformers model, so Chroma never reaches for its downloading default."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_queries(list(input)))

    @staticmethod
    def name() -> str:
        return EF_NAME

    def default_space(self):
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.embedder.cfg.model, "cache_dir": str(self.embedder.cfg.cache_dir)}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "PlanqaEmbeddingFunction":
        return PlanqaEmbeddingFunction(Embedder(EmbeddingConfig(model=config["model"], cache_dir=Path(config["cache_dir"]))))


@dataclass(frozen=True)
class StoreConfig:
    path: Path  # embedded store folder
    url: str | None = None  # http://host:port of a Chroma server; overrides path
    collection: str = "planqa_chunks"


def open_client(cfg: StoreConfig):
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if cfg.url:
        u = urlparse(cfg.url if "://" in cfg.url else f"http://{cfg.url}")
        try:
            return chromadb.HttpClient(
                host=u.hostname or "127.0.0.1", port=u.port or 8000, ssl=u.scheme == "https", settings=settings
            )
        except Exception as e:  # chromadb raises a bare ValueError when nothing listens
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {cfg.url} ({e}); start one with "
                "`chroma run --path DIR --host 127.0.0.1 --port N`, or unset PLANQA_CHROMA_URL for the embedded store"
            ) from e
    cfg.path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(cfg.path), settings=settings)


def open_collection(cfg: StoreConfig, embedder: Embedder, client=None):
    client = client or open_client(cfg)
    col = client.get_or_create_collection(
        name=cfg.collection,
        embedding_function=PlanqaEmbeddingFunction(embedder),
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"embedding_model": embedder.model_id},
    )
    built_with = (col.metadata or {}).get("embedding_model")
    embedder.follow_store(built_with)
    if built_with and built_with != embedder.model_id:
        raise StoreMismatchError(
            f"collection {cfg.collection!r} was built with embedding model {built_with!r}, "
            f"not {embedder.model_id!r}: set PLANQA_COLLECTION to a new name or remove the store folder and ingest "
            "again (or set PLANQA_EMBEDDING_BACKEND=auto to embed as the store was built)"
        )
    return col


def iter_records(col, include: list[str], where: dict | None = None, page: int = 5000):
    """(id, metadata, document) of every record (None where not included), read in pages so that one
    call never holds the whole collection."""
    offset = 0
    while True:
        got = col.get(where=where, include=include, limit=page, offset=offset)
        none = [None] * len(got["ids"])
        yield from zip(got["ids"], got.get("metadatas") or none, got.get("documents") or none)
        if len(got["ids"]) < page:
            return
        offset += page


def recreate_collection(cfg: StoreConfig, embedder: Embedder, records: dict, batch: int = 1000):
    """Drop and rebuild the collection from its own records (after a crash damaged the vector index)."""
    client = open_client(cfg)
    client.delete_collection(cfg.collection)
    col = open_collection(cfg, embedder, client)
    ids = records["ids"]
    for i in range(0, len(ids), batch):
        col.add(ids=ids[i : i + batch], embeddings=records["embeddings"][i : i + batch],
                documents=records["documents"][i : i + batch], metadatas=records["metadatas"][i : i + batch])
    return col
