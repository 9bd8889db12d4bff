"""Queues that don't block each other, on real workers and Redis (make test-full): a report that takes as
long as the test likes keeps the reports worker busy, and the morning reminders still go out at once on the
mail queue; with one process for every queue (the small setup) they wait for the report.

The report is a real one; only its build waits for the test's word (tests/held_reports_worker.py wraps the
worker, production code has no hook). Each test starts its own Redis (tests/test_faults.py) and workers.
"""

import datetime as dt
import subprocess
import time

import pytest
import redis
from django.utils import timezone

from tests.test_celery_worker import start_worker
from tests.test_faults import _call_until_done, on_own_redis, own_redis  # noqa: F401 - fixtures

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

# The reminders must be done within this many seconds of being queued while a report runs.
PROMPT = 5.0


@pytest.fixture
def broker(on_own_redis):  # noqa: F811 - the fixture imported above
    """The test's own Redis, as broker, result backend and cache of this process and of its workers."""
    return on_own_redis


@pytest.fixture
def processes():
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _start(processes, redis_url: str, files, *, name: str, queues: str, held: redis.Redis | None = None):
    env = {"PRIVATE_MEDIA_ROOT": str(files), "LOG_LEVEL": "WARNING"}
    if held is not None:
        env["HELD_REDIS_URL"] = redis_url.rsplit("/", 1)[0] + "/1"
    process = start_worker(
        redis_url,
        name=name,
        queues=queues,
        module="tests.held_reports_worker" if held is not None else "celery",
        **env,
    )
    processes.append(process)
    return process


def _overdue_items():
    from tests.council.factories import AgencyFactory, CouncilFactory, TermFactory, make_followup

    council = CouncilFactory()
    TermFactory(council=council)
    agency = AgencyFactory(council=council, emails="so@dongthap.gov.vn")
    today = timezone.localdate()
    for days in (3, 10):
        make_followup(
            council,
            agency=agency,
            assigned=today - dt.timedelta(days=40),
            due=today - dt.timedelta(days=days),
        )
    return council


def _report_held(council, held: redis.Redis):
    """Ask for a real quarterly report and wait until the reports worker is inside its build."""
    from reports import services
    from reports.models import Report
    from reports.periods import Period

    report, _ = services.report_request(
        actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Period("Q", 2026, 2)
    )
    deadline = time.monotonic() + 120
    while held.get("held") is None:
        assert time.monotonic() < deadline, "the reports worker never started the report"
        time.sleep(0.1)
    report.refresh_from_db()
    assert report.state == Report.State.RUNNING
    return report


def _finished(report, timeout: float = 180):
    from reports.models import Report

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.state in (Report.State.DRAFT, Report.State.FAILED):
            return report
        time.sleep(0.5)
    pytest.fail(f"the report did not finish within {timeout} s")


def test_a_long_report_never_delays_the_morning_reminders(processes, broker, tmp_path, settings):
    from council.models import ReminderLog
    from council.tasks import followup_reminders_task, outbox_sweep_task
    from reports.models import Report

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    held = redis.Redis.from_url(broker.url.rsplit("/", 1)[0] + "/1")
    council = _overdue_items()
    _start(processes, broker.url, settings.PRIVATE_MEDIA_ROOT, name="reports", queues="reports", held=held)
    _start(processes, broker.url, settings.PRIVATE_MEDIA_ROOT, name="mail", queues="mail")
    _call_until_done(outbox_sweep_task)  # the mail worker is up

    report = _report_held(council, held)
    started = time.monotonic()
    reminded = followup_reminders_task.delay().get(timeout=60)
    took = time.monotonic() - started
    assert reminded == 2 and ReminderLog.objects.count() == 2  # each overdue item reminded once
    assert took < PROMPT, f"the reminders took {took:.1f} s behind a report"
    report.refresh_from_db()
    assert report.state == Report.State.RUNNING  # the report was still running all along

    held.rpush("release", 1)
    assert _finished(report).state == Report.State.DRAFT, report.error


def test_with_one_process_for_every_queue_the_reminders_wait_for_the_report(
    processes, broker, tmp_path, settings
):
    """The small setup's trade-off, and the proof that the test above can fail: one process, all queues."""
    from celery.exceptions import TimeoutError as ResultTimeout

    from council.models import ReminderLog
    from council.tasks import followup_reminders_task, outbox_sweep_task
    from reports.models import Report

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    held = redis.Redis.from_url(broker.url.rsplit("/", 1)[0] + "/1")
    council = _overdue_items()
    _start(processes, broker.url, settings.PRIVATE_MEDIA_ROOT, name="all", queues="", held=held)
    _call_until_done(outbox_sweep_task)

    report = _report_held(council, held)
    result = followup_reminders_task.delay()
    with pytest.raises(ResultTimeout):
        result.get(timeout=PROMPT * 2)
    assert not ReminderLog.objects.exists()  # still waiting behind the report

    held.rpush("release", 1)
    assert result.get(timeout=180) == 2
    assert _finished(report).state == Report.State.DRAFT, report.error


def test_the_nightly_run_refreshes_every_council_on_the_figures_worker(processes, broker, settings):
    from council.models import ServiceBeat
    from reports.models import FigureSummary
    from reports.tasks import summaries_refresh_all_task, summaries_refresh_task
    from tests.council.factories import CouncilFactory

    councils = [CouncilFactory().pk for _ in range(3)]
    _start(processes, broker.url, settings.PRIVATE_MEDIA_ROOT, name="figures", queues="figures")
    _call_until_done(summaries_refresh_task, councils[0])  # the figures worker is up
    FigureSummary.objects.all().delete()
    ServiceBeat.objects.filter(name="figures-nightly").delete()

    assert summaries_refresh_all_task.delay().get(timeout=60) == 3
    deadline = time.monotonic() + 120
    while set(FigureSummary.objects.values_list("council_id", flat=True)) != set(councils):
        assert time.monotonic() < deadline, "not every council's figures were refreshed"
        time.sleep(0.5)
    assert ServiceBeat.objects.filter(name="figures-nightly").exists()
