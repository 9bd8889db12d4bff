"""Voters' tasks: thin functions that load ids and call the services."""

from celery import shared_task


@shared_task
def import_check_task(job_id: int) -> bool:
    """Check a queued petition workbook and store its preview (a no-op when the job is not queued)."""
    from .import_jobs import import_check

    return import_check(job_id)


@shared_task
def import_apply_task(job_id: int) -> bool:
    """Write a confirmed petition workbook, every row or none (a no-op when the job is not queued)."""
    from .import_jobs import import_apply

    return import_apply(job_id)


@shared_task
def import_jobs_sweep_task() -> int:
    """Mark import jobs whose worker died as failed, expire old previews, queue again lost messages."""
    from .import_jobs import sweep

    return sweep()
