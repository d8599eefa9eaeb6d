"""The README's layout is the order data flows through the package, and every import runs
down it: a module imports only modules listed above its own (or its own package's)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cli" / "agreement"


def _order() -> dict[str, int]:
    readme = (ROOT / "README.md").read_text()
    layout = readme[readme.index("## Layout") :]
    names = re.findall(r"^  (\w+)(?:\.py|/)\s", layout, re.M)
    return {n: i for i, n in enumerate(names)}


def _imports():
    """(importing module's top-level name, imported module's top-level name) for every
    relative import inside the package."""
    for f in PACKAGE.rglob("*.py"):
        rel = f.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        package = parts if f.name == "__init__.py" else parts[:-1]
        for node in ast.walk(ast.parse(f.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = list(package[: len(package) - node.level + 1]) + ([node.module] if node.module else [])
                for alias in node.names:
                    target = base if len(base) > 1 else [*base, alias.name]
                    if len(parts) > 1:
                        yield parts[1], target[1]


def test_every_module_is_in_the_layout():
    order = _order()
    tops = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
    tops -= {"__init__", "__main__", "__pycache__"}
    assert tops <= set(order), sorted(tops - set(order))


def test_every_import_runs_down_the_layout():
    order = _order()
    upward = sorted({(a, b) for a, b in _imports() if a in order and b in order and a != b and order[b] > order[a]})
    assert upward == []
