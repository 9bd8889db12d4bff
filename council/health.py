"""What an operator needs to know at a glance: each service's state and the backlog of background work."""

import datetime as dt
import hmac
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db.models import Min
from django.utils import timezone

from council.models import OutboxMail, ServiceBeat

# Past these ages the detail says "warning": beat ticks every minute, the outbox is swept every five
# minutes, the figures are recomputed every night.
BEAT_LATE = dt.timedelta(minutes=5)
OUTBOX_LATE = dt.timedelta(minutes=15)
NIGHTLY_LATE = dt.timedelta(hours=26)


# Apps above council report their own background work here (reports registers its runs in its AppConfig),
# so this module never imports them: name -> probe(now) returning (detail, warnings).
PROBES: dict[str, Callable[[dt.datetime], tuple[dict, list[str]]]] = {}


def register_probe(name: str, probe: Callable[[dt.datetime], tuple[dict, list[str]]]) -> None:
    """Add an app's part of the operator's detail (idempotent: a second registration replaces the first)."""
    PROBES[name] = probe


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
    """The outbox, the registered apps' background work (report runs) and scheduled jobs, with a warning for
    each thing that is late."""
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
    detail = {"outbox": outbox_detail}
    for name, probe in PROBES.items():
        detail[name], more = probe(now)
        warnings.extend(more)
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
    detail["jobs"] = jobs
    return detail, warnings
