"""Notification tasks: thin functions that call the services."""

from celery import shared_task


@shared_task
def notifications_digest_task() -> int:
    """Mail each person the day's digest of their notices (a rerun mails nothing twice)."""
    from .services import notifications_digest_send

    return notifications_digest_send()


@shared_task
def notifications_timed_task() -> int:
    """Make today's time-based notices (before the follow-up reminders mark their steps sent)."""
    from .producers import notify_timed

    return sum(notify_timed().values())
