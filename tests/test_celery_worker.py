"""A real Celery worker on Redis answers tasks queued by the app (make test-full)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.full, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.fail("TEST_REDIS_URL is not set: run these tests through `make test-full`.")
    return url


def use_broker(app, url: str) -> None:
    """Point the app at another broker, dropping the app's cached pools (kombu keeps its own per URL)."""
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url


def forget_backend(app) -> None:
    """Drop the result backend the app cached for this thread: a task run eagerly by an earlier test cached
    the disabled one, and results must now come from Redis."""
    app._local.__dict__.pop("backend", None)


def _worker_database_url() -> str:
    # The worker must read the test database the test writes to (committed rows: transactional tests).
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("The Celery worker tests need PostgreSQL: run them through `make test-full`.")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(
    redis_url: str, *, name: str = "worker", queues: str = "", module: str = "celery", **env
) -> subprocess.Popen:
    """A real Celery worker (solo pool) of ``queues`` (every queue when not given, as a small deployment) on
    ``redis_url`` and the test database; output piped. ``module`` runs it (a test's wrapper of celery)."""
    from django.conf import settings

    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            module,
            "-A",
            "council",
            "worker",
            "--pool=solo",
            "-n",
            f"{name}@%h",
            "--loglevel=WARNING",
            "-Q",
            queues or ",".join(settings.CELERY_TASK_QUEUES),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "REDIS_URL": redis_url,
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "council.settings",
            "DATABASE_URL": _worker_database_url(),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def celery_on_redis(redis_url, settings):
    from council.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    use_broker(app, redis_url)
    app.conf.update(result_backend=redis_url, task_always_eager=False)
    forget_backend(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    worker = start_worker(redis_url)
    try:
        yield app
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        use_broker(app, saved.pop("broker_url"))
        app.conf.update(saved)
        forget_backend(app)


def test_healthz_round_trips_a_task_through_a_real_worker(client, celery_on_redis):
    from council.tasks import healthcheck_task

    deadline = time.monotonic() + 60
    result = None
    while time.monotonic() < deadline:
        try:
            result = healthcheck_task.delay().get(timeout=5)
            break
        except Exception:  # noqa: BLE001 - the worker may still be starting
            time.sleep(1)
    assert result == "ok"
    response = client.get("/healthz?worker=1")
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
    assert response.status_code == 200


def test_healthz_reports_a_broker_outage(client, settings):
    from council.celery import app

    saved = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = saved
    assert response.status_code == 200  # the site still serves: the load balancer keeps the node
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "degraded"}


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_keeps_answers_and_mail_which_go_out_after_recovery(celery_on_redis, settings):
    """Stop the broker: the agency's answer is saved, its mail waits in the outbox for the worker to send."""
    import datetime as dt

    from council import services
    from council.models import OutboxMail, Role
    from council.tasks import outbox_sweep_task
    from tests.council.factories import CouncilFactory, RoleFactory, make_followup

    council = CouncilFactory()
    RoleFactory(council=council, role=Role.OFFICE, user__email="vanphong@hdnd.vn")
    followup = make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1))

    redis_url = celery_on_redis.conf.broker_url
    use_broker(celery_on_redis, "redis://127.0.0.1:1/0")  # the broker is down
    try:
        services.followup_answer(
            followup, actor=None, status="done", text="Đã hoàn thành nâng cấp tuyến đường."
        )
    finally:
        use_broker(celery_on_redis, redis_url)
    followup.refresh_from_db()
    assert followup.agency_status == "done"
    waiting = OutboxMail.objects.filter(subject__contains=followup.title, sent_at__isnull=True)
    assert waiting.count() == 1

    # The broker is back: the periodic sweep runs on the real worker and delivers the mail.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            outbox_sweep_task.delay().get(timeout=10)
            break
        except Exception:  # noqa: BLE001 - the worker may still be starting
            time.sleep(1)
    assert not waiting.exists()
    assert OutboxMail.objects.get(subject__contains=followup.title).sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_daily_reminder_task_runs_on_the_worker_once(celery_on_redis):
    import datetime as dt

    from django.utils import timezone

    from council.models import ReminderLog
    from council.tasks import followup_reminders_task
    from tests.council.factories import AgencyFactory, CouncilFactory, make_followup

    council = CouncilFactory()
    agency = AgencyFactory(council=council, emails="so@dongthap.gov.vn")
    today = timezone.localdate()
    make_followup(
        council, agency=agency, assigned=today - dt.timedelta(days=40), due=today - dt.timedelta(days=3)
    )
    deadline = time.monotonic() + 60
    first = None
    while time.monotonic() < deadline:
        try:
            first = followup_reminders_task.delay().get(timeout=15)
            break
        except Exception:  # noqa: BLE001 - the worker may still be starting
            time.sleep(1)
    assert first == 1
    assert followup_reminders_task.delay().get(timeout=15) == 0
    assert ReminderLog.objects.filter(followup__council=council, step="overdue").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_generates_a_report_and_a_second_run_is_a_no_op(celery_on_redis):
    from reports import services
    from reports.models import Report
    from reports.periods import Period
    from reports.tasks import report_generate_task
    from tests.council.factories import CouncilFactory

    council = CouncilFactory()
    report, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Period("Q", 2026, 2)
    )
    assert queued  # queued on commit (autocommit here): the worker picks it up once it is ready
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.state in (Report.State.DRAFT, Report.State.FAILED):
            break
        time.sleep(1)
    assert report.state == Report.State.DRAFT, report.error
    assert report.has_files and report.generated_at is not None
    generated_at = report.generated_at
    assert report_generate_task.delay(report.pk).get(timeout=60) is False
    report.refresh_from_db()
    assert report.generated_at == generated_at and Report.objects.filter(council=council).count() == 1
