"""A report run's files: written under the run's token in a partial folder, renamed into place on commit.

Files being written live in ``PARTIAL_DIR`` under the run's token until the run commits and renames them into
place; a run that died leaves only that folder, which the run taking over (or ``cleanup_files``) removes.
"""

import os
import shutil
import uuid
from pathlib import Path

from django.core.files.base import ContentFile

from council.uploads import get_private_storage

from ..models import Report

PARTIAL_DIR = "reports/partial"


def remove_partial(token: str) -> None:
    folder = get_private_storage().path(f"{PARTIAL_DIR}/{token}")
    shutil.rmtree(folder, ignore_errors=True)


def file_name(report: Report, extension: str) -> str:
    return f"reports/{report.council.code}/{report.kind}-{report.period}-{uuid.uuid4().hex[:8]}{extension}"


def write_files(report: Report, document, token: str, beat=lambda step: None) -> dict:
    """Render the three files into the run's partial folder; on any failure remove those already written.

    Returns {attribute: (partial path, final path)}; ``put_in_place`` renames them when the run commits.
    """
    # The renderers load python-docx, openpyxl, WeasyPrint and matplotlib: only a run pays for them.
    from ..documents.docx import render_docx
    from ..documents.pdf import render_pdf
    from ..documents.xlsx import render_xlsx

    storage = get_private_storage()
    paths = {}
    try:
        for attribute, extension, render in (
            ("docx_path", ".docx", render_docx),
            ("xlsx_path", ".xlsx", render_xlsx),
            ("pdf_path", ".pdf", render_pdf),
        ):
            beat(extension)
            final = file_name(report, extension)
            partial = storage.save(
                f"{PARTIAL_DIR}/{token}/{final.rsplit('/', 1)[-1]}", ContentFile(render(document))
            )
            paths[attribute] = (partial, final)
    except Exception:
        remove_partial(token)
        raise
    return paths


def put_in_place(paths: dict) -> dict:
    """Rename the partial files to their final names (atomic on one file system); {attribute: final path}."""
    storage = get_private_storage()
    placed = {}
    try:
        for attribute, (partial, final) in paths.items():
            target = Path(storage.path(final))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(storage.path(partial), target)
            placed[attribute] = final
    except Exception:
        remove_files(placed.values())
        raise
    return placed


def remove_files(paths) -> None:
    storage = get_private_storage()
    for path in paths:
        if path:
            storage.delete(path)
