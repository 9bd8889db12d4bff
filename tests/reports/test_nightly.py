"""The nightly refresh of every council's figures: one task per council, a chunk at a time, spread over the
night's window."""

import pytest
from django.core.cache import cache

from reports import figures
from tests.council.factories import CouncilFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """What the nightly run queues, instead of queueing it: (task name, args, countdown)."""
    calls: list[tuple[str, tuple, int | None]] = []
    monkeypatch.setattr(
        figures, "enqueue", lambda task, *args, countdown=None: calls.append((task, args, countdown))
    )
    cache.clear()
    return calls


def test_without_a_broker_every_council_is_refreshed_once(monkeypatch, django_capture_on_commit_callbacks):
    refreshed = []
    monkeypatch.setattr(figures, "NIGHTLY_CHUNK", 2)
    monkeypatch.setattr(figures, "refresh", lambda council, **kw: refreshed.append((council.pk, kw)) or 0)
    councils = [CouncilFactory() for _ in range(5)]
    cache.clear()
    from reports.tasks import summaries_refresh_all_task

    with django_capture_on_commit_callbacks(execute=True):
        assert summaries_refresh_all_task.delay().get() == 5
    assert sorted(refreshed) == sorted((c.pk, {"everything": True}) for c in councils)


def test_the_run_queues_one_chunk_per_step_spread_over_the_window(settings, monkeypatch, queued):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(figures, "NIGHTLY_CHUNK", 2)
    monkeypatch.setattr(figures, "_waiting", lambda queue: 0)
    councils = sorted(CouncilFactory().pk for _ in range(5))

    assert figures.nightly_start() == 5
    [(task, (run, after, spacing), countdown)] = queued
    assert (task, after, countdown) == ("reports.tasks.summaries_nightly_step_task", 0, None)
    assert spacing == figures.NIGHTLY_MAX_SPACING.total_seconds()  # three steps: 10 minutes apart at most

    seen = []
    while after is not None:
        queued.clear()
        after = figures.nightly_step(run, after, spacing=spacing)
        refreshes = [args for task, args, _ in queued if task == "reports.tasks.summaries_refresh_task"]
        steps = [(args, countdown) for task, args, countdown in queued if task.endswith("nightly_step_task")]
        assert len(refreshes) <= 2 and all(args[1] is True for args in refreshes)
        seen += [args[0] for args in refreshes]
        # the next step (when there is one) comes a step later, carrying the last council queued
        assert steps == ([] if after is None else [((run, after, spacing), 600)])
    assert seen == councils  # each council once, in order
    assert cache.get("reports:nightly") is None


def test_the_country_is_spread_over_three_hours():
    # 3,355 councils in chunks of 25: 135 steps, one every 80 s, from 02:00 to 05:00.
    steps = -(-3355 // figures.NIGHTLY_CHUNK)
    assert steps == 135
    assert figures.NIGHTLY_WINDOW.total_seconds() / steps == 80
    assert figures.NIGHTLY_WINDOW.total_seconds() / steps < figures.NIGHTLY_MAX_SPACING.total_seconds()


def test_a_step_waits_while_the_previous_chunk_still_waits(settings, monkeypatch, queued):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(figures, "_waiting", lambda queue: 3 if queue == "figures" else 0)
    CouncilFactory()
    figures.nightly_start()
    [(_task, (run, after, spacing), _)] = queued
    queued.clear()
    assert figures.nightly_step(run, after, spacing=80) == after
    # nothing more on the figures queue, only this step again a little later
    assert queued == [("reports.tasks.summaries_nightly_step_task", (run, after, 80), 20)]


def test_a_second_run_stops_the_first_and_a_step_delivered_twice_does_nothing(settings, monkeypatch, queued):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(figures, "NIGHTLY_CHUNK", 1)
    monkeypatch.setattr(figures, "_waiting", lambda queue: 0)
    CouncilFactory(), CouncilFactory()
    figures.nightly_start()
    first = queued[-1][1][0]
    figures.nightly_start()  # a second beat fires the job
    second = queued[-1][1][0]
    queued.clear()
    assert figures.nightly_step(first, 0, spacing=80) is None and queued == []
    after = figures.nightly_step(second, 0, spacing=80)
    assert after is not None and len(queued) == 2
    queued.clear()
    assert figures.nightly_step(second, 0, spacing=80) is None and queued == []  # the same step again
