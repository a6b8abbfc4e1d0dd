"""`planqa targets`: the indicator table of the knowledge base, and `planqa targets compare`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from assistant.targets_table import (COLUMNS, KINDS, citation, compare_order, csv_text, json_text, records, value_text,
                                     write_xlsx)

targets_app = typer.Typer(help="Indicator table: every quantitative target and result, exact and cited.",
                          invoke_without_command=True)
err = Console(stderr=True)
FORMATS = ("table", "csv", "xlsx", "json")
__all__ = ["COLUMNS", "FORMATS", "KINDS", "citation", "targets_app"]


def _source(ctx: typer.Context | None = None):
    """The live documents, read from the registry only (no embedding model is opened)."""
    from assistant.builder import open_registry
    from eval.cli import command_settings
    from vectordb.targets import RegistryView

    registry = open_registry(command_settings(ctx))
    return RegistryView(registry) if registry is not None else None


def _doc_ids(source, names: list[str]) -> list[str] | None:
    if not names:
        return None
    from assistant.cli import _resolve_docs  # cli mounts this module: import at call time

    return _resolve_docs(source, names)


def _rows(ctx: typer.Context | None, docs: list[str], indicator: Optional[str], year: Optional[int], kind: Optional[str]):
    from vectordb.targets import live_targets, select

    if kind and kind not in KINDS:
        err.print(f"[red]--kind must be one of {', '.join(KINDS)}[/red]")
        raise typer.Exit(2)
    source = _source(ctx)
    if source is None:
        return []
    return select(live_targets(source, _doc_ids(source, docs)), indicator, year, kind)


def _emit(records: list[dict], fmt: str, out: Optional[Path], table: Table | None) -> None:
    if fmt not in FORMATS:
        err.print(f"[red]--format must be one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    if fmt == "xlsx":
        try:
            import openpyxl
        except ImportError:
            err.print("[red]xlsx needs openpyxl, which is not installed in this environment; "
                      "use --format csv (opens in Excel and WPS) or install openpyxl[/red]")
            raise typer.Exit(2)
        if out is None:
            err.print("[red]--format xlsx needs --out FILE[/red]")
            raise typer.Exit(2)
        write_xlsx(records, out)
        err.print(f"{len(records)} rows -> {out}")
        return
    if fmt == "table":
        if out is not None:
            err.print("[red]--out needs --format csv, xlsx or json[/red]")
            raise typer.Exit(2)
        Console().print(table)
        err.print(f"{len(records)} rows")
        return
    text = json_text(records) if fmt == "json" else csv_text(records)
    if out is None:
        typer.echo(text, nl=False)
    else:
        # utf-8-sig: Excel opens a CSV with a BOM as UTF-8
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        err.print(f"{len(records)} rows -> {out}")


@targets_app.callback()
def targets(
    ctx: typer.Context,
    doc: list[str] = typer.Option([], "--doc", help="only these documents (file name or id); repeatable"),
    indicator: Optional[str] = typer.Option(None, "--indicator", help="normalised name, e.g. 地区生产总值增速"),
    year: Optional[int] = typer.Option(None, "--year"),
    kind: Optional[str] = typer.Option(None, "--kind", help="target, result, plan or baseline"),
    fmt: str = typer.Option("table", "--format", help="table, csv, xlsx or json"),
    out: Optional[Path] = typer.Option(None, "--out", help="write to FILE instead of stdout"),
) -> None:
    """List the indicator rows of the live documents (values exact, each with its citation)."""
    if ctx.invoked_subcommand is not None:
        return
    rows = _rows(ctx, doc, indicator, year, kind)
    table = Table("document", "section", "indicator", "value", "year", "kind", "base", "offsets")
    for r in rows:
        base = f"{r.base_value}{f' ({r.base_year})' if r.base_year else ''}" if r.base_value or r.base_year else ""
        table.add_row(r.doc_name, r.section_path[-30:], r.indicator, value_text(r), str(r.year or r.period or ""),
                      r.kind, base, f"{r.value_start}:{r.value_end}")
    _emit(records(rows), fmt, out, table)


@targets_app.command("compare")
def compare(
    ctx: typer.Context,
    indicator: str = typer.Option(..., "--indicator", help="normalised name, e.g. 地区生产总值增速"),
    docs: list[str] = typer.Option([], "--docs", "--doc", help="only these documents; repeatable"),
    kind: Optional[str] = typer.Option(None, "--kind", help="target, result, plan or baseline"),
    year: Optional[int] = typer.Option(None, "--year"),
    fmt: str = typer.Option("table", "--format", help="table, csv, xlsx or json"),
    out: Optional[Path] = typer.Option(None, "--out"),
) -> None:
    """Line one indicator up across documents and years; each cell cites its document, section and offsets."""
    rows = compare_order(_rows(ctx, docs, indicator, year, kind))
    table = Table("document", "year / period", "kind", indicator, "citation", title=f"{indicator}: {len(rows)} values")
    for r in rows:
        table.add_row(r.doc_name, str(r.year) if r.year else (r.period or "-"), r.kind, value_text(r), citation(r))
    _emit(records(rows), fmt, out, table)
