"""The import graph flows one way: ingest ← vectordb ← assistant (library) ← eval ← assistant cli/ui.

Every module's imports (function-local ones included) are read with ast, so an upward import fails here
before it tangles the packages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "vectordb", "assistant", "eval")
APP = ("assistant.cli", "assistant.targets_cli", "assistant.ui")  # the app layer on top: only it may mount eval


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """(line, absolute module names) of each import statement in one file, relative imports resolved;
    `from a import b` names both a and a.b (b may be a submodule)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.append((node.lineno, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.append((node.lineno, [base] + [f"{base}.{a.name}" for a in node.names if a.name != "*"]))
    return sorted(found)


def _layer(module: str) -> str | None:
    """The layer a module belongs to: ingest, vectordb, library (assistant), eval, or app (assistant cli/ui)."""
    if any(_within(module, a) for a in APP):
        return "app"
    top = module.split(".")[0]
    return {"ingest": "ingest", "vectordb": "vectordb", "assistant": "library", "eval": "eval"}.get(top)


# What each layer must never import (every layer above it).
FORBIDDEN = {
    "ingest": ("vectordb", "library", "eval", "app"),
    "vectordb": ("library", "eval", "app"),
    "library": ("eval", "app"),
    "eval": ("app",),
    "app": (),
}


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py"))


def upward_imports() -> list[str]:
    bad = []
    for path in _modules():
        layer = _layer(_module_name(path))
        for line, names in _imports(path):
            up = [(n, t) for n in names if (t := _layer(n)) in FORBIDDEN[layer]]
            if up:
                name, target = up[-1]
                bad.append(f"{path.relative_to(REPO)}:{line} ({layer}) imports {name} ({target})")
    return bad


def test_every_package_is_scanned():
    names = {_module_name(p) for p in _modules()}
    assert {"ingest.zh", "vectordb.index", "vectordb.pipeline", "assistant.chain", "assistant.cli",
            "assistant.ui.app", "eval.runner"} <= names


def test_no_upward_imports():
    assert upward_imports() == []


@pytest.mark.parametrize("source, layer, target", [
    ("from vectordb.index import Index\n", "ingest/x.py", "vectordb"),
    ("def f():\n    from assistant.chain import Assistant\n", "vectordb/x.py", "library"),
    ("import eval.cli\n", "assistant/x.py", "eval"),
    ("from assistant.ui import app\n", "eval/x.py", "app"),
    ("from ..ui.render import sources_html\n", "assistant/answer/x.py", "app"),
])
def test_the_check_sees_upward_imports(tmp_path, monkeypatch, source, layer, target):
    # The same rules on a throwaway tree: each of these imports points up, and is caught.
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("")
    f = tmp_path / layer
    f.parent.mkdir(parents=True, exist_ok=True)
    (f.parent / "__init__.py").touch()
    f.write_text(source)
    bad = upward_imports()
    assert len(bad) == 1 and bad[0].endswith(f"({target})"), bad
