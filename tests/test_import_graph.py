"""The import graph of the apps, read from their source: tasks import services, never the other way round,
and no module of these apps imports (at the top or inside a function) one that imports it back."""

import ast
from pathlib import Path

from tests.source import parse

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "api",
    "council",
    "delegates",
    "directives",
    "notifications",
    "oversight",
    "reports",
    "sessions",
    "voters",
)
# Views that need the broker's answer at once, not a message queued on commit: the health view waits for a
# worker's answer to a task, and the Office's "recompute the figures" button says whether the broker took it.
IMPORTS_A_TASK = {"council.views.core", "reports.views.reports"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path) -> set[str]:
    """Every module name ``module`` imports, absolute, with ``from x import y`` read as both x and x.y."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {module: _imported(module, path) & (set(modules) - {module}) for module, path in modules.items()}


def test_only_tasks_import_tasks():
    """Services schedule a task by its name through council.queue, so no service imports a task."""
    offenders = {
        module: sorted(name for name in names if name.endswith(".tasks"))
        for module, names in _graph().items()
        if not module.endswith(".tasks") and module not in IMPORTS_A_TASK
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_no_import_cycles():
    graph = _graph()
    cycles, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(path[path.index(module) :] + [module])
            return
        if module in done:
            return
        for name in sorted(graph[module]):
            visit(name, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert cycles == []
