"""The dependency direction holds: a lower app never imports a higher one (at module or function level).

council → delegates → sessions, directives → oversight, voters → reports → notifications, api → demo.
``council/urls.py`` is the composition root and the one exception. An app above needing a lower one's help
registers with it (the health probe of report runs, ``council.health.register_probe``), never the other way
round."""

import ast
from pathlib import Path

from tests.source import parse

PROJECT = Path(__file__).resolve().parents[1]
RANK = {
    "council": 0,
    "delegates": 1,
    "sessions": 2,
    "directives": 2,
    "oversight": 3,
    "voters": 3,
    "reports": 4,
    # Reads every app's records and permissions to tell people what concerns them (its visibility.py).
    "notifications": 5,
    # The REST API: reads and writes every app through its selectors, permissions and services.
    "api": 5,
    "demo": 6,
}
COMPOSITION_ROOTS = {Path("council/urls.py")}


def _imports(path: Path):
    for node in ast.walk(parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_no_app_imports_an_app_above_it():
    upward = []
    for app, rank in RANK.items():
        for path in sorted((PROJECT / app).rglob("*.py")):
            relative = path.relative_to(PROJECT)
            if "migrations" in relative.parts or relative in COMPOSITION_ROOTS:
                continue
            for line, module in _imports(path):
                target = module.split(".")[0]
                if target in RANK and target != app and RANK[target] >= rank:
                    upward.append(f"{relative}:{line} imports {module}")
    assert not upward, "imports against the dependency direction:\n" + "\n".join(upward)
