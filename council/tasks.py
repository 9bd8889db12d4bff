from celery import shared_task


@shared_task
def healthcheck_task() -> str:
    """Answer "ok" from a worker, so /healthz?worker=1 can prove the queue is being consumed."""
    return "ok"
