"""The package has no import circles: read from the source (ast), every import
counts, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import cleanup

PACKAGE = Path(cleanup.__file__).parent


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path, modules: set[str]) -> set[str]:
    """The modules of the package that ``path`` imports, anywhere in it.

    ``from X import name`` imports the module ``X.name`` when there is one
    (``from . import stages``), else ``X`` (``from . import __version__``).
    """
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for a in node.names:
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph(root: Path) -> dict[str, set[str]]:
    files = sorted(root.rglob("*.py"))
    modules = {module_name(p, root) for p in files}
    return {module_name(p, root): imports_of(p, root, modules) for p in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each module that is on one (depth-first search)."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            found.append(path[path.index(module):] + [module])
            return
        if module in done:
            return
        for nxt in sorted(graph.get(module, ())):
            visit(nxt, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


def test_the_package_has_no_import_circles():
    graph = import_graph(PACKAGE)
    assert "cleanup.runner" in graph["cleanup.cli"]  # the graph is read, not empty
    assert cycles(graph) == []


def test_nothing_outside_the_stages_imports_a_stage():
    graph = import_graph(PACKAGE)
    assert "cleanup.textkey" in graph["cleanup.archive"]
    assert [(m, d) for m, deps in sorted(graph.items()) if not m.startswith("cleanup.stages")
            for d in sorted(deps) if d.startswith("cleanup.stages.")] == []


def test_a_circle_is_found_through_imports_inside_functions(tmp_path):
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from .sub import b\n")
    (root / "sub" / "__init__.py").write_text("")
    (root / "sub" / "b.py").write_text("def f():\n    from .. import c\n")
    (root / "c.py").write_text("import pkg.a\n")
    (root / "d.py").write_text("from . import __version__, a\n")
    graph = import_graph(root)
    assert graph["pkg.d"] == {"pkg", "pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]]
