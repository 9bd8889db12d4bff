"""Redis is an accelerator: with the cache and the broker unreachable, pages render and writes are kept."""

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from council import resilience
from council.models import AdminUnit
from council.tasks import outbox_sweep_task
from voters.models import Petition

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "council.resilience.GuardedRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    resilience._last_warning.clear()
    yield cache
    resilience._last_warning.clear()


def test_a_dead_cache_reads_as_misses_and_drops_writes(dead_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="hdnd.resilience"):
        assert dead_cache.get("k") is None
        assert dead_cache.get("k", "fallback") == "fallback"
        dead_cache.set("k", 1)
        assert dead_cache.add("k", 1) is False
        assert dead_cache.get_many(["a", "b"]) == {}
        assert dead_cache.get_or_set("k", lambda: 7) == 7
        dead_cache.delete("k")
        with pytest.raises(ValueError):
            dead_cache.incr("k")
    warnings = [r for r in caplog.records if r.name == "hdnd.resilience"]
    assert len(warnings) == 1  # once a minute, not once a call
    assert "cache" in warnings[0].getMessage()


def test_pages_render_without_the_cache(dead_cache, client, office, term):
    # The menu is a {% cache %} fragment and the dashboard's charts are cached: both recompute.
    for name in ("home", "council:followup_list", "reports:dashboard"):
        assert client.get(reverse(name)).status_code == 200, name


def test_a_public_submission_is_saved_and_shows_its_code_without_the_cache(dead_cache, client, council):
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    unit = AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
    data = {
        "name": "Nguyễn Văn A",
        "phone": "0912 345 678",
        "email": "",
        "address": "Ấp 3",
        "admin_unit": unit.pk,
        "title": "Đèn đường ấp 3 hư",
        "text": "Đèn đường ấp 3 hư đã hai tháng, đề nghị sửa.",
        "consent": "on",
    }
    response = client.post(reverse("voters:public_submit", args=[council.code]), data)
    petition = Petition.objects.get()
    assert response.status_code == 200
    assert petition.code in response.content.decode()
    lookup = client.get(reverse("voters:public_lookup", args=[council.code]), {"code": petition.code})
    assert lookup.status_code == 200 and petition.title in lookup.content.decode()
    # The limit of five an hour still holds with Redis down (it is counted in the database).
    statuses = [
        client.post(
            reverse("voters:public_submit", args=[council.code]), {**data, "title": f"Kiến nghị {n}"}
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert Petition.objects.count() == 5


def test_publishing_to_a_dead_broker_returns_false_without_raising(settings, caplog):
    from council.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = DEAD_REDIS
    app.conf.task_always_eager = False
    resilience._last_warning.clear()
    try:
        with caplog.at_level(logging.WARNING, logger="hdnd.resilience"):
            assert resilience.publish(outbox_sweep_task) is False
            assert resilience.publish(outbox_sweep_task, countdown=60) is False
    finally:
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url, app.conf.task_always_eager = saved
        resilience._last_warning.clear()
    assert len([r for r in caplog.records if "broker" in r.getMessage()]) == 1


def test_publishing_in_process_runs_the_task(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert resilience.publish(outbox_sweep_task) is True


def test_the_public_rate_limit_holds_without_the_cache_and_across_processes(dead_cache, client, council):
    # The count lives in the database: a second web process (another cache, or none) sees the same count.
    from council import ratelimit

    key = "hdnd:rate:submit:203.0.113.9"
    assert [ratelimit.count(key, 3600) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.used(key, 3600) == 3
    assert ratelimit.used("hdnd:rate:submit:203.0.113.10", 3600) == 0


def test_old_rate_windows_are_purged_by_the_sweep():
    import time

    from council import ratelimit
    from council.models import RateCounter

    RateCounter.objects.create(key="old", window=int(time.time()) - 2 * ratelimit.KEEP_SECONDS, count=4)
    ratelimit.count("new", 60)
    outbox_sweep_task()
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new"]


def test_in_the_quick_start_work_queued_by_a_request_runs_after_it_on_a_background_thread(settings):
    import threading

    from council.celery import app

    ran = []

    @app.task(name="tests.record_thread")
    def record_thread(value):
        ran.append((value, threading.current_thread().name))

    settings.TASKS_EAGER_IN_BACKGROUND = True
    resilience.mark_request(True)
    try:
        assert resilience.publish(record_thread, "during a request") is True
    finally:
        resilience.mark_request(False)
    assert resilience.wait_for_background_tasks(timeout=30)
    resilience.publish(record_thread, "in a command")  # no request: at once, on this thread
    assert ran == [
        ("during a request", "hdnd-tasks"),
        ("in a command", threading.current_thread().name),
    ]
