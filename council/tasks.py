from celery import shared_task


@shared_task
def healthcheck_task() -> str:
    """Answer "ok" from a worker, so /healthz?worker=1 can prove the queue is being consumed."""
    return "ok"


@shared_task
def beat_tick_task(queue: str = "") -> None:
    """Record that beat and a worker of ``queue`` are alive (the default queue's tick when not given): the
    health detail reports the age of each queue's last tick."""
    from council.health import queue_beat_name, record_beat

    record_beat(queue_beat_name(queue))


@shared_task
def outbox_sweep_task() -> int:
    """Send what waits in the outbox (also run every few minutes by beat, which covers broker outages)."""
    from council import ratelimit
    from council.services import outbox_send

    sent, _failed = outbox_send()
    ratelimit.purge()
    return sent


@shared_task
def followup_reminders_task() -> int:
    """The daily reminder run: each step once per item, mails through the outbox."""
    from council.services import followup_reminders_run

    return len(followup_reminders_run())
