"""What an operator needs to know at a glance: each service's state and the backlog of background work."""

import datetime as dt
import hmac

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db.models import Min, Q
from django.utils import timezone

from council.models import OutboxMail, ServiceBeat

# Past these ages the detail says "warning": beat ticks every minute, the outbox is swept every five
# minutes, the figures are recomputed every night.
BEAT_LATE = dt.timedelta(minutes=5)
OUTBOX_LATE = dt.timedelta(minutes=15)
NIGHTLY_LATE = dt.timedelta(hours=26)


def record_beat(name: str) -> None:
    ServiceBeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def may_read_detail(request) -> bool:
    """Administrators signed in, or a monitoring system holding HEALTH_TOKEN (Authorization: Bearer ...)."""
    token = settings.HEALTH_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip(), token):
        return True
    user = request.user
    return user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff)


def cache_status() -> str:
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return "local"  # the quick start's in-process cache
    try:
        cache._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001
        return f"degraded: {type(error).__name__}"
    return "ok"


def _age(moment: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if moment is None else int((now - moment).total_seconds())


def background_detail() -> tuple[dict, list[str]]:
    """The outbox, report runs and scheduled jobs, with a warning for each thing that is late."""
    from reports.models import Report
    from reports.services import QUEUED_STALE_AFTER, STALE_AFTER

    now = timezone.now()
    warnings = []
    unsent = OutboxMail.objects.filter(sent_at__isnull=True)
    outbox = unsent.aggregate(oldest=Min("created_at"))
    outbox_detail = {
        "unsent": unsent.count(),
        "failing": unsent.filter(attempts__gt=0).count(),
        "oldest_unsent_age_seconds": _age(outbox["oldest"], now),
    }
    if outbox["oldest"] and now - outbox["oldest"] > OUTBOX_LATE:
        warnings.append("outbox: mail has waited longer than 15 minutes")
    stuck = Report.objects.filter(
        Q(state=Report.State.RUNNING, heartbeat__lt=now - STALE_AFTER)
        | Q(state=Report.State.QUEUED, heartbeat__lt=now - QUEUED_STALE_AFTER)
    ).count()
    reports_detail = {
        "running": Report.objects.filter(state=Report.State.RUNNING).count(),
        "stuck": stuck,
        "failed": Report.objects.filter(state=Report.State.FAILED).count(),
    }
    if stuck:
        warnings.append("reports: runs are stuck (no worker is taking them)")
    beats = dict(ServiceBeat.objects.values_list("name", "at"))
    jobs = {
        "last_beat_tick_age_seconds": _age(beats.get("beat"), now),
        "last_nightly_figures_age_seconds": _age(beats.get("figures-nightly"), now),
    }
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        if beats.get("beat") is None or now - beats["beat"] > BEAT_LATE:
            warnings.append("beat: no tick for 5 minutes (is exactly one beat running, and a worker?)")
        if beats.get("figures-nightly") is None or now - beats["figures-nightly"] > NIGHTLY_LATE:
            warnings.append("figures: the nightly refresh has not run for a day")
    return {"outbox": outbox_detail, "reports": reports_detail, "jobs": jobs}, warnings
