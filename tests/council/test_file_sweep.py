"""cleanup_files lists and removes private files no record points to, never a young or a referenced one."""

import datetime as dt
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from council import file_sweep
from council.models import Attachment
from reports.models import Report
from tests.council.factories import make_followup

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def _file(root: Path, name: str, size: int, age_hours: float) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    then = time.time() - age_hours * 3600
    os.utime(path, (then, then))
    return path


def test_every_field_that_stores_a_private_path_is_found():
    fields = {(model.__name__, name) for model, name in file_sweep.path_fields()}
    assert {("Attachment", "path"), ("Report", "pdf_path"), ("Report", "docx_path")} <= fields
    assert {("TrainingCourse", "path"), ("VoterMeeting", "path"), ("Directive", "path")} <= fields
    assert not any(model.startswith("Historical") for model, _ in fields)


def test_orphans_are_listed_then_removed_and_kept_files_stay(root, council):
    followup = make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1))
    kept = _file(root, "evidence/2026/05/kept.pdf", 10, age_hours=48)
    Attachment.objects.create(
        followup=followup,
        kind="evidence",
        path="evidence/2026/05/kept.pdf",
        original_name="a.pdf",
        content_type="application/pdf",
        size=10,
    )
    orphan = _file(root, f"{'reports/partial'}/deadtoken/quarterly.pdf", 2048, age_hours=30)
    young = _file(root, "evidence/2026/12/uploading.pdf", 5, age_hours=0.1)

    out = StringIO()
    call_command("cleanup_files", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "reports/partial/deadtoken/quarterly.pdf" in text and "1 files" in text and "2,0" in text
    assert orphan.exists()  # a dry run deletes nothing

    out = StringIO()
    call_command("cleanup_files", stdout=out)
    assert "Removed 1 files" in out.getvalue()
    assert not orphan.exists() and not orphan.parent.exists()  # its empty folder goes too
    assert kept.exists() and young.exists()
    assert Report.objects.count() == 0


def test_a_grace_period_under_an_hour_is_refused(root):
    with pytest.raises(CommandError, match="at least 1 hour"):
        call_command("cleanup_files", "--older-than", "0")
