"""A report run whose worker dies is taken over within two minutes and never leaves a partial file behind."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from council.uploads import get_private_storage
from reports import services
from reports.models import Report
from reports.services import runs

from .conftest import Q2

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_file_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # only this test's files are counted


def _files_on_disk() -> set[str]:
    root = Path(get_private_storage().location)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "reports" in p.parts}


def test_a_dead_run_is_taken_over_after_a_minute_and_its_partial_files_are_removed(council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    # A worker claimed the run, wrote the DOCX and the XLSX, and was killed while writing the PDF.
    storage = get_private_storage()
    storage.save(f"{services.PARTIAL_DIR}/dead-token/quarterly.docx", _content(b"half a docx"))
    storage.save(f"{services.PARTIAL_DIR}/dead-token/quarterly.xlsx", _content(b"half an xlsx"))
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.RUNNING,
        run_token="dead-token",
        heartbeat=timezone.now() - dt.timedelta(seconds=61),
    )
    assert services.report_generate(report.pk) is True
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT
    assert _files_on_disk() == {report.docx_path, report.xlsx_path, report.pdf_path}


def test_a_run_with_a_recent_heartbeat_is_left_alone(council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.RUNNING, run_token="alive", heartbeat=timezone.now() - dt.timedelta(seconds=30)
    )
    assert services.report_generate(report.pk) is False
    assert services.STALE_AFTER + dt.timedelta(seconds=30) <= dt.timedelta(minutes=2)  # beat runs every 30 s


def test_a_failing_render_leaves_no_file(council, records, monkeypatch):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    from reports.documents import pdf

    def broken(document):
        raise RuntimeError("the PDF engine crashed")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    assert services.report_generate(report.pk) is False
    report.refresh_from_db()
    assert report.state == Report.State.FAILED and not report.has_files
    assert _files_on_disk() == set()


def test_a_failing_save_removes_the_files_it_had_put_in_place(council, records, monkeypatch):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)

    def broken_save(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(runs, "record_save", broken_save)
    with pytest.raises(RuntimeError):
        services.report_generate(report.pk)
    assert _files_on_disk() == set()


def test_the_heartbeat_is_renewed_by_its_thread_while_the_run_holds_the_report(council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    token = runs._claim(report.pk)
    old = timezone.now() - dt.timedelta(seconds=50)
    Report.objects.filter(pk=report.pk).update(heartbeat=old)
    heartbeat = runs._Heartbeat(report.pk, token)
    heartbeat.renew()
    report.refresh_from_db()
    assert report.heartbeat > old + dt.timedelta(seconds=45)
    # Another run took over: this run's beats no longer touch the row.
    Report.objects.filter(pk=report.pk).update(run_token="newer", heartbeat=old)
    heartbeat.renew()
    report.refresh_from_db()
    assert report.heartbeat == old
    with heartbeat:
        assert heartbeat.thread.is_alive()
    assert not heartbeat.thread.is_alive()  # stopped with the run


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)
