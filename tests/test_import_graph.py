"""The package boundary, read from the source with `ast` (nothing is imported):

- protocol/ is what ships to the browser: it imports the standard library and itself, nothing of
  site_src/ and no third-party package (Pyodide would not have it);
- our modules import each other without cycles (a cycle makes the import order matter);
- no module is longer than MAX_LINES, so each stays small enough to read as one thing.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("protocol", "site_src")
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in OURS for p in sorted((ROOT / package).rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every module this file imports at any level (also inside functions), absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            found.add(stem)
            # `from protocol import cases` imports the module protocol.cases.
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {m for m in _imports(name, path) if m in modules and m != name}
            for name, path in modules.items()}


def test_the_graph_reader_sees_relative_and_nested_imports() -> None:
    """The reader itself: a relative import, a `from package import module` and an import inside
    a function all count (or the tests below would pass on a graph with holes)."""
    graph = _graph()
    assert "protocol.engine" in graph["protocol.deadlines"]  # `from .engine import ...`
    assert "protocol.cases" in graph["site_src.build"]  # `from protocol import ..., cases, ...`
    assert "site_src.render.training_handout" in graph["site_src.handout"]  # inside a function


@pytest.mark.parametrize("name", sorted(n for n in _modules() if n.split(".")[0] == "protocol"))
def test_protocol_imports_only_the_standard_library_and_itself(name: str) -> None:
    outside = {m for m in _imports(name, _modules()[name])
               if m.split(".")[0] not in ("protocol", "__future__", *sys.stdlib_module_names)}
    assert not outside, f"{name} imports {sorted(outside)}: protocol/ ships to the browser"


def test_no_import_cycles_among_our_modules() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(name):], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            # A package's __init__ re-exports its modules; importing the package is not a cycle
            # through them, but a module importing back into its own package's __init__ is.
            if name.startswith(f"{target}."):
                continue
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


@pytest.mark.parametrize("path", sorted(_modules().values()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by what it does"
