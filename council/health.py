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
# Each routed queue gets its own tick every minute (council/celery.py); the reports worker runs one report
# at a time, so its tick may wait for a long report (time limits: deploy/systemd/hdnd-worker-reports.service).
QUEUE_LATE = {"reports": dt.timedelta(minutes=30)}


# Apps above council report their own background work here (reports registers its runs in its AppConfig),
# so this module never imports them: name -> probe(now) returning (detail, warnings).
PROBES: dict[str, Callable[[dt.datetime], tuple[dict, list[str]]]] = {}


def register_probe(name: str, probe: Callable[[dt.datetime], tuple[dict, list[str]]]) -> None:
    """Add an app's part of the operator's detail (idempotent: a second registration replaces the first)."""
    PROBES[name] = probe


def record_beat(name: str) -> None:
    ServiceBeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def queue_beat_name(queue: str) -> str:
    """The heartbeat a tick through ``queue`` records ("beat" for the default queue, as before queues)."""
    return "beat" if queue in ("", settings.CELERY_TASK_DEFAULT_QUEUE) else f"queue:{queue}"


def queue_waiting(queues: list[str]) -> dict[str, int | None]:
    """How many messages wait in each queue of the broker (None when the broker does not answer)."""
    from kombu.exceptions import ChannelError

    from council.celery import app

    waiting: dict[str, int | None] = dict.fromkeys(queues)
    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            for queue in queues:
                try:
                    waiting[queue] = conn.default_channel.queue_declare(
                        queue=queue, passive=True
                    ).message_count
                except ChannelError:  # Redis drops an empty list: nothing waits
                    waiting[queue] = 0
    except Exception:  # noqa: BLE001 - the broker's state is reported by the health check itself
        pass
    return waiting


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
    queues = {
        q: {"last_tick_age_seconds": _age(beats.get(queue_beat_name(q)), now)}
        for q in settings.CELERY_TASK_QUEUES
    }
    jobs["queues"] = queues
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        if beats.get("beat") is None or now - beats["beat"] > BEAT_LATE:
            warnings.append("beat: no tick for 5 minutes (is exactly one beat running, and a worker?)")
        for queue, waiting in queue_waiting(list(queues)).items():
            queues[queue]["waiting"] = waiting
            last, late = beats.get(queue_beat_name(queue)), QUEUE_LATE.get(queue, BEAT_LATE)
            if queue != settings.CELERY_TASK_DEFAULT_QUEUE and (last is None or now - last > late):
                warnings.append(
                    f"queue {queue}: no tick for {int(late.total_seconds() // 60)} minutes "
                    f"(is a worker consuming it? celery worker -Q {queue})"
                )
        if beats.get("figures-nightly") is None or now - beats["figures-nightly"] > NIGHTLY_LATE:
            warnings.append("figures: the nightly refresh has not run for a day")
    detail["jobs"] = jobs
    return detail, warnings
