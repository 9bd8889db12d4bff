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


@pytest.fixture
def celery_on_redis(redis_url, settings):
    from council.celery import app

    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    env = {**os.environ, "REDIS_URL": redis_url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "council.settings"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "council",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-Q",
            "hdnd",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield app
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        app.conf.update(saved)
        app.pool.force_close_all()


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
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
