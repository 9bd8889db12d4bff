"""Report tasks: thin functions that load ids and call the services."""

from celery import shared_task
from django.conf import settings
from django.core.cache import cache


@shared_task
def report_generate_task(report_id: int) -> bool:
    """Generate one report (a no-op when another run holds it or it is done)."""
    from .services import report_generate

    return report_generate(report_id)


@shared_task
def reports_schedule_task() -> int:
    """The daily run: queue every council's reports that are due, and remind the Office of T1."""
    from .services import reports_schedule

    return len(reports_schedule())


@shared_task
def reports_recover_task() -> int:
    """Queue again the runs whose worker died."""
    from .services import reports_recover

    return reports_recover()


@shared_task
def summaries_refresh_task(council_id: int, everything: bool = False) -> int:
    """Recompute a council's dashboard figures (recent windows after writes; all of them every night)."""
    from council.models import Council

    from .figures import refresh, refresh_key

    council = Council.objects.filter(pk=council_id).first()
    count = refresh(council, everything=everything) if council else 0
    if everything:
        from council.health import record_beat

        record_beat("figures-nightly")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # In-process (no broker), the rest of the same commit's writes arrive right now: let them share this
        # refresh, and let the writes of the next requests schedule the next one.
        cache.set(refresh_key(council_id), 1, timeout=5)
    else:
        cache.delete(refresh_key(council_id))  # writes from now on schedule the next refresh
    return count


@shared_task
def summaries_refresh_all_task() -> int:
    """The nightly run: every council's figures, every window, a chunk of councils at a time."""
    from .figures import nightly_start

    return nightly_start()


@shared_task
def summaries_nightly_step_task(run: str, after: int, spacing: float) -> int | None:
    """One step of the nightly run: queue the next chunk of councils, and the next step."""
    from .figures import nightly_step

    return nightly_step(run, after, spacing=spacing)
