"""The one write path, which the CLI, the UI, the benches and the tests all call: ingest files (load → clean →
section → chunk → embed → index, per file), remove documents, and sync folders whose files are gone.

Incremental: a file whose bytes (and the pipeline version) are unchanged costs nothing.
One broken file never stops the batch; its reason is reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ingest.chunk import ChunkConfig, chunk_document
from ingest.documents import prepare, scan
from ingest.load import MAX_BYTES, LoadError
from ingest.models import Chunk, SourceDocument
from vectordb.index import Index
from vectordb.registry import Version

STEP = 64  # chunks embedded per step (at least the embedding batch size)
WRITE_BATCH = 512  # chunks queued before a write; a document this large is written step by step

ChunkProgress = Callable[[int, int], None]  # (chunks embedded, chunks in this file)


@dataclass
class FileResult:
    path: str
    status: str  # added | updated | unchanged | skipped | failed
    chunks: int = 0
    tokens: int = 0
    reason: str = ""
    encoding: str = ""
    warnings: tuple[str, ...] = ()  # e.g. low OCR confidence


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    unsupported: list[str] = field(default_factory=list)  # files under the folders skipped for their type

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self.files)

    @property
    def tokens(self) -> int:
        return sum(f.tokens for f in self.files)


class Writer:
    """Writes documents to the index with bounded memory and few store calls: small documents are
    queued and written together once WRITE_BATCH chunks are waiting; a larger one is embedded and
    written step by step. Either way a version becomes visible only when all its chunks are stored,
    and a failed write leaves no trace of it."""

    def __init__(self, index: Index, on_chunks: ChunkProgress = lambda _d, _t: None):
        self.index = index
        self.on_chunks = on_chunks
        self.step = max(STEP, index.embedder.batch_size)
        self._queue: list[tuple[SourceDocument, list[Chunk], object, FileResult]] = []

    def queued_sha(self, sha256: str) -> str | None:
        """Name of a queued document with this content, if any."""
        return next((d.name for d, _, _, _ in self._queue if d.sha256 == sha256), None)

    def _embed(self, chunks: list[Chunk]):
        for i in range(0, len(chunks), self.step):
            part = chunks[i : i + self.step]
            yield part, self.index.embedder.embed_passages([c.embed_text for c in part])
            self.on_chunks(i + len(part), len(chunks))

    def write(self, doc: SourceDocument, chunks: list[Chunk], result: FileResult) -> None:
        if len(chunks) >= WRITE_BATCH:
            self.flush()
            try:
                for part, vectors in self._embed(chunks):
                    self.index.add_chunks(doc, part, vectors)
                self.index.commit([Version.of(doc, chunks)])
            except BaseException:
                self.index.discard(doc)
                raise
            return
        import numpy as np

        vectors = np.concatenate([v for _, v in self._embed(chunks)])
        self._queue.append((doc, chunks, vectors, result))
        if sum(len(c) for _, c, _, _ in self._queue) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        queue, self._queue = self._queue, []
        if not queue:
            return
        try:
            self.index.put_many([(d, c, v) for d, c, v, _ in queue])
        except BaseException as err:
            for doc, *_ in queue:
                self.index.discard(doc)
            if not isinstance(err, Exception):  # interrupted: stop the run
                raise
            for *_, result in queue:  # reported on each file of the batch; the run goes on
                result.status, result.reason = "failed", f"{type(err).__name__}: {err}"


def ingest_file(
    index: Index, path: Path, cfg: ChunkConfig, writer: Writer, max_bytes: int = MAX_BYTES,
) -> FileResult:
    try:
        doc = prepare(path, cfg, max_bytes)
    except LoadError as err:
        return FileResult(str(path), "failed", reason=str(err))
    existing = index.registry.get(doc.doc_id)
    if existing and existing.sha256 == doc.sha256:
        return FileResult(str(path), "unchanged", existing.n_chunks, existing.n_tokens, encoding=doc.encoding)
    twin = writer.queued_sha(doc.sha256) or next(
        (r.name for r in index.registry.with_sha(doc.sha256) if r.doc_id != doc.doc_id), None)
    if twin is not None:
        return FileResult(str(path), "skipped", reason=f"same content as {twin} (already ingested)",
                          encoding=doc.encoding)
    chunks = chunk_document(doc, cfg)
    result = FileResult(str(path), "updated" if existing else "added", len(chunks), sum(c.tokens for c in chunks),
                        encoding=doc.encoding, warnings=doc.warnings)
    writer.write(doc, chunks, result)
    return result


def sync_removed(index: Index, roots: Iterable[Path]) -> list[str]:
    """Remove documents under the given folders whose files are gone."""
    roots = [str(Path(r).resolve()) for r in roots]
    removed = []
    for rec in index.documents():
        if any(rec.path.startswith(r.rstrip("/") + "/") for r in roots) and not Path(rec.path).exists():
            index.remove(rec.doc_id)
            removed.append(rec.path)
    return removed


def remove_documents(index: Index, doc_ids: Sequence[str]) -> list[bool]:
    """Remove documents and their chunks; whether each was there."""
    index.begin_writes()
    found = [index.remove(doc_id) for doc_id in doc_ids]
    index.end_writes()
    return found


def ingest_paths(
    index: Index, paths: Iterable[Path], cfg: ChunkConfig = ChunkConfig(), sync: bool = False,
    on_file: Callable[[int, int, FileResult], None] = lambda _i, _n, _r: None,
    on_chunks: ChunkProgress = lambda _d, _t: None,
    max_bytes: int = MAX_BYTES,
) -> IngestReport:
    t0 = time.perf_counter()
    paths = list(map(Path, paths))
    report = IngestReport()
    index.collect_garbage()  # repairs whatever an interrupted run left behind
    index.begin_writes()
    files, unsupported = scan(paths)
    report.unsupported = [str(f) for f in unsupported]
    writer = Writer(index, on_chunks)
    for i, f in enumerate(files):
        try:
            result = ingest_file(index, f, cfg, writer, max_bytes)
        except Exception as err:  # noqa: BLE001 - one broken file never stops the batch
            result = FileResult(str(f), "failed", reason=f"{type(err).__name__}: {err}")
        report.files.append(result)
        on_file(i + 1, len(files), result)
    writer.flush()
    if sync:
        report.removed = sync_removed(index, [p for p in paths if p.is_dir()])
    index.end_writes()
    report.seconds = time.perf_counter() - t0
    return report
