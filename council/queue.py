"""How a service schedules a task: by the task's dotted name, once the caller's transaction commits.

Tasks import services, so services never import tasks; they name them instead:
``enqueue("council.tasks.outbox_sweep_task")``. The message leaves through ``council.resilience.publish``,
so a broker outage is logged and never fails the write: whatever must happen anyway is already durable in
the database (an outbox row, a queued job) and a beat sweep picks it up.
"""

from django.db import transaction
from django.utils.module_loading import import_string

from council.resilience import publish


def enqueue(task: str, *args, countdown: int | None = None) -> None:
    """Queue the task named ``task`` once the current transaction commits (at once outside one), to start
    ``countdown`` seconds later if given."""
    # Resolved now: a misspelt name fails the caller and its tests, not a callback after the commit.
    found = import_string(task)
    transaction.on_commit(lambda: publish(found, *args, countdown=countdown))
