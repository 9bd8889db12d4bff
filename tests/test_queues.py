"""Each task goes to its queue (mail, figures, reports or the default), and the health detail follows
every queue's worker."""

import datetime as dt

import pytest
from django.utils import timezone

from council.celery import app

# The decision for each task (the queues are documented next to CELERY_TASK_ROUTES in council/settings.py).
INTENDED = {
    "council.tasks.healthcheck_task": "hdnd",
    "council.tasks.beat_tick_task": "hdnd",
    "council.tasks.outbox_sweep_task": "mail",
    "council.tasks.followup_reminders_task": "mail",
    "notifications.tasks.notifications_timed_task": "mail",
    "notifications.tasks.notifications_digest_task": "mail",
    "reports.tasks.summaries_refresh_task": "figures",
    "reports.tasks.summaries_refresh_all_task": "figures",
    "reports.tasks.summaries_nightly_step_task": "figures",
    "reports.tasks.report_generate_task": "reports",
    "reports.tasks.reports_schedule_task": "hdnd",
    "reports.tasks.reports_recover_task": "hdnd",
    "voters.tasks.import_check_task": "hdnd",
    "voters.tasks.import_apply_task": "hdnd",
    "voters.tasks.import_jobs_sweep_task": "hdnd",
    "voters.tasks.match_frequencies_task": "hdnd",
    "voters.tasks.match_reindex_task": "hdnd",
    "voters.tasks.match_nightly_task": "hdnd",
    "voters.tasks.classifier_train_task": "hdnd",
    "voters.tasks.classifier_nightly_task": "hdnd",
    "voters.tasks.personal_data_anonymise_task": "hdnd",
}


def routed_queue(name: str, **options) -> str:
    """The queue the app's router (built from the settings) sends the task ``name`` to."""
    return app.amqp.router.route(options, name)["queue"].name


def project_tasks() -> set[str]:
    app.loader.import_default_modules()
    return {
        name for name in app.tasks if name.split(".")[0] in {"council", "reports", "voters", "notifications"}
    }


def test_every_task_of_the_project_has_a_decided_queue():
    assert project_tasks() == set(INTENDED), (
        "decide the queue of a new task (CELERY_TASK_ROUTES) and list it here"
    )


@pytest.mark.parametrize(("name", "queue"), sorted(INTENDED.items()))
def test_each_task_goes_to_its_queue(name, queue):
    assert routed_queue(name) == queue


def test_a_worker_without_q_consumes_every_queue_and_nothing_else_is_routed():
    from django.conf import settings

    assert set(app.amqp.queues) == set(settings.CELERY_TASK_QUEUES) == {"hdnd", "mail", "figures", "reports"}
    assert set(INTENDED.values()) == set(settings.CELERY_TASK_QUEUES)


def test_beat_ticks_through_every_queue_and_sends_the_morning_jobs_to_mail():
    schedule = app.conf.beat_schedule
    ticks = {
        entry.get("options", {}).get("queue") or routed_queue(entry["task"])
        for entry in schedule.values()
        if entry["task"] == "council.tasks.beat_tick_task"
    }
    assert ticks == {"hdnd", "mail", "figures", "reports"}
    for entry in schedule.values():
        if entry["task"] == "council.tasks.beat_tick_task" and "options" in entry:
            # the tick records the queue it went through
            assert entry["args"] == (entry["options"]["queue"],)
    for job in ("followup-reminders", "notifications-timed", "notifications-digest", "outbox-sweep"):
        assert routed_queue(schedule[job]["task"]) == "mail", job
    assert routed_queue(schedule["figures-nightly"]["task"]) == "figures"


@pytest.mark.django_db
def test_a_tick_records_the_queue_it_went_through():
    from council.models import ServiceBeat
    from council.tasks import beat_tick_task

    beat_tick_task.delay()
    beat_tick_task.delay("reports")
    assert set(ServiceBeat.objects.values_list("name", flat=True)) == {"beat", "queue:reports"}


@pytest.mark.django_db
def test_the_health_detail_shows_a_dead_reports_worker(settings, monkeypatch):
    from council import health
    from council.models import ServiceBeat

    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in production: the detail judges the ticks
    waiting = {"hdnd": 0, "mail": 0, "figures": 0, "reports": 7}
    monkeypatch.setattr(health, "queue_waiting", lambda queues: {q: waiting[q] for q in queues})
    now = timezone.now()
    for name in ("beat", "queue:mail", "queue:figures"):
        ServiceBeat.objects.create(name=name, at=now - dt.timedelta(seconds=30))
    ServiceBeat.objects.create(name="queue:reports", at=now - dt.timedelta(minutes=45))

    detail, warnings = health.background_detail()
    queues = detail["jobs"]["queues"]
    assert set(queues) == {"hdnd", "mail", "figures", "reports"}
    assert queues["reports"]["waiting"] == 7 and queues["reports"]["last_tick_age_seconds"] >= 45 * 60
    assert queues["mail"]["last_tick_age_seconds"] < 60
    assert [w for w in warnings if w.startswith("queue ")] == [
        "queue reports: no tick for 30 minutes (is a worker consuming it? celery worker -Q reports)"
    ]

    ServiceBeat.objects.filter(name="queue:reports").update(at=now - dt.timedelta(minutes=10))
    ServiceBeat.objects.filter(name="queue:mail").delete()  # a mail worker that never ran
    _detail, warnings = health.background_detail()
    # A long report may hold the reports tick for a while; a missing mail worker shows.
    assert [w for w in warnings if w.startswith("queue ")] == [
        "queue mail: no tick for 5 minutes (is a worker consuming it? celery worker -Q mail)"
    ]
