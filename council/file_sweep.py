"""Private files that no record points to: what a crash, a killed worker or an abandoned upload left behind.

Every model field that stores a private file's path is found by its name (``path`` or ``*_path``, the
convention of StoredFileFields, Attachment and Report), so a new kind of file is covered without a list to
keep. Files younger than a grace period are never touched: an upload whose transaction has not committed yet,
a report run still writing, an import waiting for its confirmation.
"""

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import models

from council.uploads import get_private_storage

GRACE = dt.timedelta(hours=24)
OUR_APPS = {"council", "delegates", "council_sessions", "oversight", "voters", "directives", "reports"}


@dataclass(frozen=True)
class Orphan:
    path: str  # relative to the private root
    size: int
    modified: float


def path_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every current-record field that holds a private file's path."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and (field.name == "path" or field.name.endswith("_path")):
                found.append((model, field.name))
    return found


def referenced_paths() -> set[str]:
    referenced: set[str] = set()
    for model, name in path_fields():
        referenced.update(
            model._base_manager.exclude(**{name: ""}).values_list(name, flat=True).iterator(chunk_size=5000)
        )
    return referenced


def orphans(grace: dt.timedelta = GRACE) -> list[Orphan]:
    """The private files no record points to, older than ``grace``, in path order."""
    root = Path(get_private_storage().location)
    if not root.is_dir():
        return []
    referenced = referenced_paths()
    cutoff = time.time() - grace.total_seconds()
    found = []
    for file in root.rglob("*"):
        if not file.is_file():
            continue
        relative = file.relative_to(root).as_posix()
        stat = file.stat()
        if relative not in referenced and stat.st_mtime < cutoff:
            found.append(Orphan(relative, stat.st_size, stat.st_mtime))
    return sorted(found, key=lambda orphan: orphan.path)


def remove(found: list[Orphan]) -> int:
    """Delete the files and the folders they leave empty; return the bytes freed."""
    storage = get_private_storage()
    root = Path(storage.location)
    freed = 0
    for orphan in found:
        target = root / orphan.path
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        freed += orphan.size
        for parent in target.parents:
            if parent == root or any(parent.iterdir()):
                break
            parent.rmdir()
    return freed
