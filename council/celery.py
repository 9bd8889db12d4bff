"""Celery application. With no REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery, signals
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

app = Celery("council")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
def _log_with_task_id(task_id=None, task=None, **kwargs):
    from council.observability import task_started

    task_started(task_id=task_id, task=task)


@signals.task_postrun.connect
def _log_without_task_id(**kwargs):
    from council.observability import task_finished

    task_finished()


# Run exactly one beat process per deployment.
app.conf.beat_schedule = {
    # The health detail reports the age of the last tick: a dead beat or worker shows within minutes.
    "beat-tick": {"task": "council.tasks.beat_tick_task", "schedule": 60.0},
    "followup-reminders": {
        "task": "council.tasks.followup_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # The sweep is also kicked after each commit that queues mail; this catches what a broker outage dropped.
    "outbox-sweep": {"task": "council.tasks.outbox_sweep_task", "schedule": 300.0},
    # Each report is due from the first working day after its period ends; the daily run asks for those
    # missing (one per council, kind and period, so a second beat or a rerun changes nothing).
    "reports-schedule": {
        "task": "reports.tasks.reports_schedule_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # A run whose worker died is taken over within two minutes (its heartbeat goes stale after 60 s).
    "reports-recover": {"task": "reports.tasks.reports_recover_task", "schedule": 30.0},
    # Petition imports whose worker died are marked failed (stale heartbeat); lost messages are queued again.
    "import-jobs-sweep": {"task": "voters.tasks.import_jobs_sweep_task", "schedule": 60.0},
    # The duplicate finder's weights follow the council's petitions (and catches petitions not yet indexed).
    "match-nightly": {"task": "voters.tasks.match_nightly_task", "schedule": crontab(hour=1, minute=30)},
    # The suggested field and level of competence learn from what the Office classified during the day.
    "classifier-nightly": {
        "task": "voters.tasks.classifier_nightly_task",
        "schedule": crontab(hour=1, minute=45),
    },
    # Items falling due or overdue and the quota nudges become notices; before followup-reminders, whose
    # planning they share and which marks the steps it mails (notifications/producers.py).
    "notifications-timed": {
        "task": "notifications.tasks.notifications_timed_task",
        "schedule": crontab(hour=6, minute=40),
    },
    # One mail a day per person with the notices they chose to receive as a digest (notifications/).
    "notifications-digest": {
        "task": "notifications.tasks.notifications_digest_task",
        "schedule": crontab(hour=6, minute=45),
    },
    # Citizens' contact data are anonymised PERSONAL_DATA_RETENTION_DAYS after their matter closed.
    "personal-data-retention": {
        "task": "voters.tasks.personal_data_anonymise_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "figures-nightly": {
        "task": "reports.tasks.summaries_refresh_all_task",
        "schedule": crontab(hour=2, minute=0),
    },
}


@app.on_after_configure.connect
def _tick_through_every_queue(sender, **kwargs):
    """Add beat's tick through each queue but the default one (read from the settings once loaded), so the
    health detail shows a dead worker of any queue (council/health.py)."""
    for queue in sender.conf.task_queues:
        if queue != sender.conf.task_default_queue:
            sender.conf.beat_schedule[f"beat-tick-{queue}"] = {
                "task": "council.tasks.beat_tick_task",
                "schedule": 60.0,
                "args": (queue,),
                "options": {"queue": queue},
            }
