"""The repository stands on its own: its documentation links resolve, the code it names exists, and nothing
points outside it."""

import importlib
import os
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {".git", ".venv", "node_modules", "staticfiles", "media", "var", "__pycache__", "test-results"}
TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".ini", ".sh", ".yml", ".yaml", ".json"}
# A path that climbs out of the checkout into a sibling folder, e.g. "../shared/DOMAIN.md".
OUTSIDE = re.compile(r"\.\./(?:shared|seed)\b|\b(?:DOMAIN|ARCHITECTURE)\.md\b")
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A file the docs name, optionally with the function or class they point at: `reports/metrics/base.py:as_of`.
CODE_REFERENCE = re.compile(r"`((?:[\w-]+/)+[\w.-]+\.(?:py|html|txt))(?::(\w+))?`")


def _text_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            if path.suffix in TEXT_SUFFIXES or name in {"Makefile", "Procfile"}:
                yield path


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_nothing_points_outside_the_repository():
    this = Path(__file__).resolve()
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _text_files()
        if path != this
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_documentation_links_resolve():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert len(pages) > 1, "docs/ holds the domain's documentation"
    broken = []
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and linked.suffix == ".md":
                headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), flags=re.MULTILINE)
                if anchor not in {_anchor(h) for h in headings}:
                    broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_code_the_documentation_names_exists():
    """The docs say where each thing lives; a file moved or a function renamed must not leave them wrong."""
    missing = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for path, name in CODE_REFERENCE.findall(page.read_text(encoding="utf-8")):
            source = ROOT / path
            if not source.is_file():
                missing.append(f"{page.name}: {path}")
            elif name and not re.search(
                rf"^\s*(?:def|class) {name}\b|^{name}\b\s*=", source.read_text(), re.M
            ):
                missing.append(f"{page.name}: {path}:{name}")
    assert missing == []


APPS = ("council", "delegates", "sessions", "oversight", "voters", "directives", "reports", "demo")
DOTTED = re.compile(rf"`((?:{'|'.join(APPS)})(?:\.\w+)+)`")


def _resolves(dotted: str) -> bool:
    """An import path (``reports.metrics.as_of``), or a model as ``app.Model`` with its attributes
    (``voters.Petition``, ``reports.Report.Kind``), or another name of the app's models
    (``voters.Channel``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        if _has(target, parts[cut:]):
            return True
        break
    label = "council_sessions" if parts[0] == "sessions" else parts[0]
    try:
        model = apps.get_model(label, parts[1])
    except (LookupError, IndexError):
        # A name the app's models module defines beside the models (``voters.Channel``).
        return _has(importlib.import_module(f"{parts[0]}.models"), parts[1:])
    return _has(model, parts[2:])


def _has(target, names) -> bool:
    for name in names:
        if not hasattr(target, name):
            return False
        target = getattr(target, name)
    return True


def test_names_the_documentation_uses_exist():
    """Every ``app.module.name`` and ``app.Model`` the docs mention is still there."""
    missing = [
        f"{page.name}: {dotted}"
        for page in sorted((ROOT / "docs").glob("*.md"))
        for dotted in sorted(set(DOTTED.findall(page.read_text(encoding="utf-8"))))
        if not _resolves(dotted)
    ]
    assert missing == []
