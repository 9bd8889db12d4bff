"""Fault tests against real services (make test-full): Redis stopped mid-test, a worker killed mid-report,
the database dropping the app's connections, two schedulers firing the same jobs at once.

Each test starts a Redis of its own on a spare port (never the machine's shared one) and its own workers.
These are tests of behaviour, not timings.
"""

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.test_celery_worker import ROOT, _worker_database_url, forget_backend, start_worker, use_broker

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A throw-away redis-server on a spare port that a test can stop and start again."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=1).ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_own_redis(own_redis, settings):
    """Point the app's cache and broker at the test's own Redis (no eager tasks)."""
    from council import resilience
    from council.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    settings.CACHES = {
        "default": {
            "BACKEND": "council.resilience.GuardedRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker(app, own_redis.url)
    app.conf.update(result_backend=own_redis.url, task_always_eager=False)
    forget_backend(app)
    resilience._last_warning.clear()
    yield own_redis
    use_broker(app, saved.pop("broker_url"))
    app.conf.update(saved)
    forget_backend(app)


class Workers:
    def __init__(self, redis_url: str):
        self.redis_url = redis_url
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str) -> subprocess.Popen:
        process = start_worker(
            self.redis_url, name=name, PRIVATE_MEDIA_ROOT=str(self.file_root), LOG_LEVEL="WARNING"
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> str:
        output = []
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            output.append(process.stdout.read() if process.stdout else "")
        self.processes.clear()
        return "\n".join(output)


@pytest.fixture
def workers(on_own_redis, settings):
    pool = Workers(on_own_redis.url)
    pool.file_root = Path(settings.PRIVATE_MEDIA_ROOT)
    yield pool
    pool.stop_all()


def _call_until_done(task, *args, timeout: float = 120, each: float = 20):
    """Run a task on a worker, waiting for it to come up."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return task.delay(*args).get(timeout=each)
        except Exception:  # the worker may still be starting
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _province(council):
    from council.models import AdminUnit

    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    return AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)


def test_with_redis_down_the_site_serves_and_keeps_everything_then_mail_goes_out_once(
    client, workers, on_own_redis, settings
):
    from council import services
    from council.models import OutboxMail, Role
    from council.tasks import outbox_sweep_task
    from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, make_followup
    from voters.models import Petition

    council = CouncilFactory()
    TermFactory(council=council)
    unit = _province(council)
    office = RoleFactory(council=council, role=Role.OFFICE, user__email="vanphong@hdnd.vn").user
    followups = [
        make_followup(
            council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1), title=f"Nâng cấp đường {n}"
        )
        for n in range(3)
    ]

    on_own_redis.stop()  # Redis dies

    url = reverse("voters:public_submit", args=[council.code])
    for n in range(100):
        response = client.post(
            url,
            {
                "name": f"Công dân {n}",
                "phone": "0912 345 678",
                "address": "Ấp 3",
                "admin_unit": unit.pk,
                "title": f"Đèn đường ấp {n} hư",
                "text": f"Đèn đường ấp {n} hư đã hai tháng, đề nghị sửa chữa.",
                "consent": "on",
            },
            REMOTE_ADDR=f"203.0.113.{n % 250}" if n < 250 else "198.51.100.1",
        )
        assert response.status_code == 200, n
        petition = Petition.objects.get(title=f"Đèn đường ấp {n} hư")
        assert petition.code in response.content.decode()
    assert Petition.objects.filter(council=council).count() == 100

    client.force_login(office)
    for name in ("home", "council:followup_list", "reports:dashboard"):
        assert client.get(reverse(name)).status_code == 200, name
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"

    for followup in followups:  # the agencies answer: each answer queues a mail to the Office
        services.followup_answer(followup, actor=None, status="done", text="Đã hoàn thành.")
    waiting = OutboxMail.objects.filter(sent_at__isnull=True)
    subjects = sorted(waiting.values_list("subject", flat=True))
    assert sum("đã trả lời" in subject for subject in subjects) == 3  # besides the assignment notices

    on_own_redis.start()  # Redis is back: the periodic sweep runs on a worker
    workers.start("sweeper")
    assert _call_until_done(outbox_sweep_task) == len(subjects)
    assert _call_until_done(outbox_sweep_task) == 0  # nothing twice
    assert not waiting.exists()
    assert set(OutboxMail.objects.values_list("attempts", flat=True)) == {1}
    output = workers.stop_all()
    assert output.count("Message-ID:") == len(subjects)  # each mail left the worker exactly once


def test_a_worker_killed_while_rendering_a_report_leaves_one_report_with_three_files(
    workers, settings, tmp_path
):
    import docx
    import openpyxl

    from reports import services
    from reports.models import Report
    from reports.periods import Period
    from tests.council.factories import CouncilFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    workers.file_root = settings.PRIVATE_MEDIA_ROOT
    council = CouncilFactory()
    first = workers.start("doomed")
    report, _ = services.report_request(
        actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Period("Q", 2026, 2)
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.state == Report.State.RUNNING:
            break
        time.sleep(0.05)
    assert report.state == Report.State.RUNNING
    os.kill(first.pid, signal.SIGKILL)  # the worker dies mid-run
    first.wait(timeout=10)

    workers.start("survivor")
    from reports.tasks import reports_recover_task

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.state in (Report.State.DRAFT, Report.State.FAILED):
            break
        if report.heartbeat < timezone.now() - services.STALE_AFTER:
            reports_recover_task.delay()  # what beat does every 30 s
        time.sleep(2)
    assert report.state == Report.State.DRAFT, report.error
    assert Report.objects.filter(council=council).count() == 1
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert on_disk == {report.docx_path, report.xlsx_path, report.pdf_path}  # no orphan, no partial file
    docx.Document(str(root / report.docx_path))
    openpyxl.load_workbook(root / report.xlsx_path)
    assert (root / report.pdf_path).read_bytes().startswith(b"%PDF")


@pytest.fixture
def gunicorn_server():
    """The app under gunicorn (one sync worker, persistent database connections), on the test database."""
    import urllib.request

    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "DATABASE_URL": _worker_database_url(),
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "council.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=5).close()
            break
        except OSError:
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


def test_the_next_request_succeeds_after_the_database_drops_the_apps_connections(gunicorn_server):
    import urllib.request

    import psycopg2
    from django.db import connection

    from tests.council.factories import CouncilFactory

    council = CouncilFactory()
    pages = [f"{gunicorn_server}/healthz", f"{gunicorn_server}/public/{council.code}/answers/"]

    def status(url: str) -> int:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status

    assert [status(url) for url in pages] == [200, 200]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]
    db = connection.settings_dict
    killer = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    )
    killer.autocommit = True
    with killer.cursor() as cursor:  # the server's kept connection, as a database restart or failover would
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
            [own],
        )
        assert cursor.fetchone()[0] >= 1
    killer.close()
    assert [status(url) for url in pages] == [200, 200]


def test_two_schedulers_firing_the_same_jobs_at_once_make_one_report_and_one_reminder_each(
    workers, settings, tmp_path
):
    from council.models import ReminderLog
    from council.tasks import followup_reminders_task
    from reports.models import Report
    from reports.tasks import reports_schedule_task
    from tests.council.factories import AgencyFactory, CouncilFactory, TermFactory, make_followup
    from tests.sessions.factories import SessionFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    workers.file_root = settings.PRIVATE_MEDIA_ROOT
    councils = [CouncilFactory(), CouncilFactory()]
    today = timezone.localdate()
    for council in councils:
        # A regular session in ten days: its petitions report is due whatever the day of the week.
        SessionFactory(
            term=TermFactory(council=council),
            kind="regular",
            start_date=today + dt.timedelta(days=10),
            end_date=today + dt.timedelta(days=12),
        )
        agency = AgencyFactory(council=council, emails="so@dongthap.gov.vn")
        for days in (3, 10):
            make_followup(
                council,
                agency=agency,
                assigned=today - dt.timedelta(days=40),
                due=today - dt.timedelta(days=days),
            )
    workers.start("beat-one")
    workers.start("beat-two")
    _call_until_done(followup_reminders_task)  # both workers are up and consuming
    ReminderLog.objects.all().delete()
    # Two beats fire each job at the same moment, several times over.
    results = []
    for _round in range(3):
        results += [reports_schedule_task.delay(), reports_schedule_task.delay()]
        results += [followup_reminders_task.delay(), followup_reminders_task.delay()]
    for result in results:
        result.get(timeout=120)
    per_period = {}
    for council_id, kind, period in Report.objects.values_list("council_id", "kind", "period"):
        per_period[(council_id, kind, period)] = per_period.get((council_id, kind, period), 0) + 1
    # each council's two reports before a session (petitions, interpellation commitments), each once
    assert set(per_period.values()) == {1} and len(per_period) == 2 * len(councils)
    assert {kind for _council, kind, _period in per_period} == {"petitions", "interpellation"}
    steps = list(ReminderLog.objects.values_list("followup_id", "step", "due_date"))
    assert len(steps) == len(set(steps)) == 4  # each overdue item reminded once
