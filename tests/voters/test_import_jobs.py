"""The petition import as background jobs: progress, all-or-nothing, scope, dead workers, the job page."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook

from council.models import BackgroundJob, Role
from voters import import_jobs
from voters.intake import petitions as spreadsheets
from voters.intake.petitions import COLUMNS
from voters.models import Petition

pytestmark = pytest.mark.django_db
State = BackgroundJob.State


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def _row(title):
    return [
        "",
        "",
        "05/10/2025",
        "Đường dây nóng",
        title,
        f"{title} — nội dung",
        "Xã Tân Hồng",
        "",
        "",
        "",
        "",
        3,
        "",
    ]


def _file(count: int) -> SimpleUploadedFile:
    workbook = Workbook()
    with translation.override("vi"):
        workbook.active.append([str(h) for _k, h in COLUMNS])
    for n in range(count):
        workbook.active.append(_row(f"Kiến nghị số {n + 1}"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("kien-nghi.xlsx", buffer.getvalue())


def _run_tasks():
    return TestCase.captureOnCommitCallbacks(execute=True)


def _checked(council, actor, count: int) -> BackgroundJob:
    with _run_tasks():
        job = import_jobs.import_start(council=council, actor=actor, upload=_file(count))
    job.refresh_from_db()
    return job


def _confirmed(job, actor) -> BackgroundJob:
    with _run_tasks():
        import_jobs.import_confirm(job, actor=actor, digest=job.result["digest"])
    job.refresh_from_db()
    return job


# --- Services ------------------------------------------------------------------------------------------


def test_the_check_reports_its_progress_and_stores_the_preview(council, office, unit, monkeypatch):
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY", 10)
    seen = []
    original = import_jobs._Progress.__call__

    def spy(self, percent, step):
        original(self, percent, step)
        seen.append(BackgroundJob.objects.values_list("progress", "step", "state").get())

    monkeypatch.setattr(import_jobs._Progress, "__call__", spy)
    job = _checked(council, office, 45)
    assert job.state == State.DONE and job.progress == 100 and job.phase == "check"
    assert (job.result["created"], job.result["changed"], job.result["unchanged"]) == (45, 0, 0)
    percents = [p for p, _s, _st in seen]
    assert len(percents) >= 8 and percents == sorted(percents) and 0 < percents[-2] < 100
    assert all(state == State.RUNNING for _p, _s, state in seen)
    assert any("45" in step for _p, step, _st in seen)  # "Reading row 10 of 45"
    assert job.heartbeat and job.file_path and not Petition.objects.exists()


def test_the_write_is_all_or_nothing_when_a_row_fails_midway(council, office, unit, monkeypatch, _private):
    job = _checked(council, office, 30)
    original, calls = spreadsheets._create, []

    def failing(row, **kwargs):
        calls.append(row["title"])
        if len(calls) == 17:
            raise RuntimeError("the disk is full")
        return original(row, **kwargs)

    monkeypatch.setattr(spreadsheets, "_create", failing)
    job = _confirmed(job, office)
    assert len(calls) == 17 and not Petition.objects.exists()
    assert job.state == State.FAILED and job.phase == "apply"
    assert job.error == _vi(
        "The import stopped on an unexpected error; nothing was written. "
        "Try again, or tell the administrator."
    )
    assert job.file_path == "" and list((_private / import_jobs.JOB_PREFIX).iterdir()) == []


def test_the_write_records_its_result_and_progress(council, office, unit, monkeypatch):
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY", 5)
    live = []
    original = import_jobs._Progress.__call__

    def spy(self, percent, step):
        original(self, percent, step)
        if self.in_cache:  # inside the write's transaction the row is not updated: the cache is
            live.append(import_jobs.live(BackgroundJob.objects.get()).progress)

    monkeypatch.setattr(import_jobs._Progress, "__call__", spy)
    job = _confirmed(_checked(council, office, 12), office)
    assert job.state == State.DONE and job.progress == 100
    assert job.result["imported"]["created"] == 12 and len(job.result["imported"]["written"]) == 12
    assert Petition.objects.count() == 12 and job.file_path == ""
    assert live and all(30 <= p < 100 for p in live) and live == sorted(live)


def test_a_write_taken_from_its_run_is_rolled_back(council, office, unit, monkeypatch):
    """If the sweep marked the run dead while it wrote, its rows are rolled back, never written unrecorded."""
    job = _checked(council, office, 3)
    original = spreadsheets.apply_import

    def swept_meanwhile(plan, **kwargs):
        result = original(plan, **kwargs)
        BackgroundJob.objects.filter(pk=job.pk).update(state=State.FAILED, run_token="")
        return result

    monkeypatch.setattr(spreadsheets, "apply_import", swept_meanwhile)
    job = _confirmed(job, office)
    # (The sweep's update is rolled back here too, being in the test's transaction; a real one is committed.)
    assert not Petition.objects.exists() and job.state != State.DONE and "imported" not in job.result


def test_a_job_whose_worker_died_is_marked_failed_by_the_sweep_once(council, office, unit, _private):
    job = _checked(council, office, 2)
    now = timezone.now()
    dead = BackgroundJob.objects.create(
        council=council,
        kind=import_jobs.KIND,
        phase="apply",
        state=State.RUNNING,
        run_token="dead",
        heartbeat=now - import_jobs.STALE_AFTER - dt.timedelta(seconds=5),
        file_path=job.file_path,
    )
    alive = BackgroundJob.objects.create(
        council=council, kind=import_jobs.KIND, state=State.RUNNING, run_token="alive", heartbeat=now
    )
    assert import_jobs.sweep() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == State.FAILED and dead.error == _vi(
        "The work stopped without finishing (its worker was interrupted); nothing was written. "
        "Choose the file again."
    )
    assert dead.file_path == "" and alive.state == State.RUNNING
    assert import_jobs.sweep() == 0  # idempotent: a second beat changes nothing


def test_a_lost_message_is_queued_again_and_an_old_preview_expires(council, office, unit):
    job = BackgroundJob.objects.create(council=council, kind=import_jobs.KIND, state=State.QUEUED)
    checked = _checked(council, office, 2)
    BackgroundJob.objects.filter(pk=job.pk).update(file_path=checked.file_path)
    old = timezone.now() - import_jobs.QUEUED_STALE_AFTER - dt.timedelta(seconds=5)
    BackgroundJob.objects.filter(pk=job.pk).update(updated_at=old)
    with _run_tasks():
        import_jobs.sweep()
    job.refresh_from_db()
    assert job.state == State.DONE and job.result["created"] == 2
    BackgroundJob.objects.filter(pk=checked.pk).update(updated_at=timezone.now() - dt.timedelta(days=2))
    import_jobs.sweep()
    checked.refresh_from_db()
    assert checked.state == State.FAILED and checked.file_path == ""


def test_a_second_confirmation_queues_nothing_more_and_a_written_job_cannot_be_cancelled(
    council, office, unit
):
    job = _confirmed(_checked(council, office, 2), office)
    with _run_tasks():
        import_jobs.import_confirm(job, actor=office, digest=job.result["digest"])
    assert Petition.objects.count() == 2
    with pytest.raises(ValidationError) as refused:
        import_jobs.import_cancel(job, actor=office)
    assert refused.value.messages == [
        _vi("The import is already being written; it can no longer be cancelled.")
    ]


# --- Pages ---------------------------------------------------------------------------------------------


def test_upload_then_progress_then_preview_then_confirm_then_result(client, office, council, unit):
    response = client.post(
        reverse("voters:petition_import"), {"file": _file(3)}
    )  # its task waits (no commit)
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "voters:petition_import_job", args=[job.pk]
    )
    html = client.get(response.url).content.decode()
    status = reverse("voters:petition_import_job_status", args=[job.pk])
    assert f'hx-get="{status}"' in html and 'hx-trigger="every 1s"' in html
    assert 'role="progressbar"' in html and 'aria-valuenow="0"' in html
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=State.RUNNING, progress=42, step="Đang đọc dòng 100", heartbeat=timezone.now()
    )
    html = client.get(status).content.decode()
    assert 'aria-valuenow="42"' in html and "Đang đọc dòng 100" in html and "42%" in html
    BackgroundJob.objects.filter(pk=job.pk).update(state=State.QUEUED)
    import_jobs.import_check(job.pk)  # the worker's turn
    html = client.get(status).content.decode()
    assert "hx-trigger" not in html and "3 mới, 0 thay đổi, 0 giữ nguyên." in html
    assert 'name="confirm"' in html and not Petition.objects.exists()
    job.refresh_from_db()
    response = client.post(
        reverse("voters:petition_import_job", args=[job.pk]), {"digest": job.result["digest"]}
    )
    assert response.status_code == 302
    html = client.get(status).content.decode()
    assert 'hx-trigger="every 1s"' in html and _vi("Writing the petitions") in html
    import_jobs.import_apply(job.pk)
    html = client.get(reverse("voters:petition_import_job", args=[job.pk])).content.decode()
    assert "Đã nhập: 3 mới, 0 thay đổi, 0 giữ nguyên." in html
    for petition in Petition.objects.all():
        assert reverse("voters:petition_detail", args=[petition.pk]) in html
    # Coming back later: the import page lists it.
    assert (
        reverse("voters:petition_import_job", args=[job.pk])
        in client.get(reverse("voters:petition_import")).content.decode()
    )


def test_a_job_is_missing_for_another_council_and_refused_to_other_roles(
    client, login, council, other_council, unit
):
    theirs = BackgroundJob.objects.create(council=other_council, kind=import_jobs.KIND, state=State.DONE)
    login(Role.OFFICE)
    for name in ("voters:petition_import_job", "voters:petition_import_job_status"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("voters:petition_import_job", args=[theirs.pk]), {"cancel": "1"}).status_code
        == 404
    )
    ours = BackgroundJob.objects.create(council=council, kind=import_jobs.KIND, state=State.DONE)
    for role in (Role.DELEGATE, Role.STANDING, Role.LEADERSHIP):
        login(role)
        for name in ("voters:petition_import_job", "voters:petition_import_job_status"):
            assert client.get(reverse(name, args=[ours.pk])).status_code in (403, 404), (role, name)
        response = client.post(reverse("voters:petition_import_job", args=[ours.pk]), {"cancel": "1"})
        assert response.status_code in (403, 404)
    ours.refresh_from_db()
    assert ours.state == State.DONE


def test_a_stale_job_shows_as_failed_when_its_page_is_opened(client, office, council):
    job = BackgroundJob.objects.create(
        council=council,
        kind=import_jobs.KIND,
        state=State.RUNNING,
        run_token="dead",
        heartbeat=timezone.now() - dt.timedelta(minutes=10),
    )
    html = client.get(reverse("voters:petition_import_job", args=[job.pk])).content.decode()
    assert "hx-trigger" not in html and _vi("Nothing was imported.") in html
    job.refresh_from_db()
    assert job.state == State.FAILED


def test_the_checks_messages_are_stored_as_msgids_and_shown_in_the_readers_language(
    client, office, council, unit, settings
):
    bad = _row("Kiến nghị sai")
    bad[6], bad[11] = "Xã Không Tồn Tại", "nhiều"
    workbook = Workbook()
    with translation.override("vi"):
        workbook.active.append([str(h) for _k, h in COLUMNS])
    workbook.active.append(bad)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with _run_tasks():
        job = import_jobs.import_start(
            council=council, actor=office, upload=SimpleUploadedFile("sai.xlsx", buffer.getvalue())
        )
    job.refresh_from_db()
    assert all(isinstance(e, dict) and e["msgid"] == "Row %(row)s: %(problem)s" for e in job.result["errors"])
    url = reverse("voters:petition_import_job", args=[job.pk])
    html = client.get(url).content.decode()
    assert "Dòng 2: cột “Xã, phường”: “Xã Không Tồn Tại”" in html and "“nhiều”" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        html = client.get(url).content.decode()
    finally:
        translation.deactivate()  # the language a request activates outlives it
    assert "Row 2: column “Commune or ward”: “Xã Không Tồn Tại” is not a commune or ward" in html
    assert "Row 2: column “Number of voters”: “nhiều” is not a number of voters." in html
    assert "Dòng 2" not in html


def test_a_job_stored_before_messages_had_msgids_still_shows_its_text(client, office, council):
    job = BackgroundJob.objects.create(
        council=council,
        kind=BackgroundJob.Kind.PETITION_IMPORT,
        phase=BackgroundJob.Phase.CHECK,
        state=State.DONE,
        result={"errors": ["Dòng 2: cột “Xã, phường”: sai."]},
        created_by=office,
    )
    html = client.get(reverse("voters:petition_import_job", args=[job.pk])).content.decode()
    assert "Dòng 2: cột “Xã, phường”: sai." in html


def test_the_petition_import_page_writes_its_row_limit_in_the_readers_format(client, office, settings):
    assert "tối đa 10.000 dòng" in client.get(reverse("voters:petition_import")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        html = client.get(reverse("voters:petition_import")).content.decode()
    finally:
        translation.deactivate()
    assert "at most 10,000 rows" in html and "10.000" not in html
