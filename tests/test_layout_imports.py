"""The layout shows the flow: per-document stages -> kb/ -> use (read/, search/, api/, web/). Checked on the
import statements of every module (module level and inside functions), so a shortcut cannot creep back in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "communique"


def _package_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    """Top-level communique packages/modules that ``path`` imports (relative imports resolved)."""
    rel = path.relative_to(SRC).with_suffix("")
    here = ["communique", *rel.parts[:-1]]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "communique" and len(parts) > 1:
                found.add(parts[1])
    return found


def _modules(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (SRC / pkg).rglob("*.py"))


@pytest.mark.parametrize(("packages", "forbidden"), [
    (("clean", "nlp", "events"), {"kb", "read", "search", "api", "web", "server", "export"}),  # per-document stages
    (("kb",), {"read", "search", "api", "web", "server", "ingest"}),  # the knowledge base sits below every use
    (("read",), {"api", "web", "server"}),  # the read model serves both the API and the pages
    (("api",), {"web", "server"}),  # the API never imports the web UI (communique.server composes them)
    (("search",), {"api", "web", "server"}),
])
def test_layout_lower_layers_never_import_upper_ones(packages, forbidden):
    wrong = {f"{p.relative_to(SRC)} imports {sorted(_imports(p) & forbidden)}"
             for p in _modules(*packages) if _imports(p) & forbidden}
    assert not wrong, "; ".join(sorted(wrong))


def test_layout_store_interface_never_imports_its_implementations():
    assert not {"sqlite", "postgres", "factory"} & {
        n.module.rsplit(".", 1)[-1] for n in ast.walk(ast.parse((SRC / "store" / "base.py").read_text()))
        if isinstance(n, ast.ImportFrom) and n.module}


@pytest.mark.parametrize("source", [
    "from ..web import routes\n", "from communique.web.routes import render\n", "import communique.web\n",
])
def test_layout_checker_sees_every_import_form(tmp_path, source, monkeypatch):
    fake = SRC / "api" / "_layout_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source if self == fake else "")
    assert "web" in _imports(fake)
