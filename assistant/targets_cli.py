"""`planqa targets`: the indicator table of the knowledge base, and `planqa targets compare`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table


targets_app = typer.Typer(help="Indicator table: every quantitative target and result, exact and cited.",
                          invoke_without_command=True)
err = Console(stderr=True)
FORMATS = ("table", "csv", "xlsx", "json")
KINDS = ("target", "result", "plan", "baseline")
COLUMNS = ("doc_name", "section", "indicator", "subject", "value", "unit", "qualifier", "year", "period", "kind",
           "base_value", "base_year", "attribute", "scope", "value_start", "value_end", "sentence_start",
           "sentence_end", "doc_id")


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


def citation(r) -> str:
    section = f" §{r.section_path}" if r.section else ""
    return f"{r.doc_name}{section} [{r.value_start}:{r.value_end}]"


def _records(rows) -> list[dict]:
    out = []
    for r in rows:
        d = r.to_dict()
        out.append({c: d.get(c) for c in COLUMNS} | {"number": r.number, "number_high": r.number_high,
                                                     "citation": citation(r)})
    return out


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
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "指标"
        keys = list(records[0]) if records else list(COLUMNS)
        ws.append(keys)
        for rec in records:
            ws.append([rec.get(k) for k in keys])
        wb.save(out)
        err.print(f"{len(records)} rows -> {out}")
        return
    if fmt == "table":
        if out is not None:
            err.print("[red]--out needs --format csv, xlsx or json[/red]")
            raise typer.Exit(2)
        Console().print(table)
        err.print(f"{len(records)} rows")
        return
    if fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        buf = io.StringIO()
        keys = list(records[0]) if records else list(COLUMNS)
        w = csv.DictWriter(buf, fieldnames=keys)
        w.writeheader()
        w.writerows(records)
        text = buf.getvalue()
    if out is None:
        typer.echo(text, nl=False)
    else:
        # utf-8-sig: Excel opens a CSV with a BOM as UTF-8
        out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
        err.print(f"{len(records)} rows -> {out}")


def _value(r) -> str:
    return f"{r.value}{r.unit}{r.qualifier if r.qualifier in ('左右', '以上', '以内', '以下') else ''}" + (
        f" ({r.qualifier})" if r.qualifier and r.qualifier not in ("左右", "以上", "以内", "以下") else "")


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
        table.add_row(r.doc_name, r.section_path[-30:], r.indicator, _value(r), str(r.year or r.period or ""),
                      r.kind, base, f"{r.value_start}:{r.value_end}")
    _emit(_records(rows), fmt, out, table)


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
    rows = _rows(ctx, docs, indicator, year, kind)
    rows.sort(key=lambda r: (r.doc_name, r.year or 0, r.period, r.kind, r.value_start))
    table = Table("document", "year / period", "kind", indicator, "citation", title=f"{indicator}: {len(rows)} values")
    for r in rows:
        table.add_row(r.doc_name, str(r.year) if r.year else (r.period or "-"), r.kind, _value(r), citation(r))
    _emit(_records(rows), fmt, out, table)
