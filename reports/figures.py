"""Figures through their summary rows: read in one query, computed only where no row exists yet.

The summary rows are a cache of ``Metric.evaluate`` per (council, metric, window); the Celery task
``summaries_refresh_task`` recomputes them after writes and every night, so page views never scan the
records. A window seen for the first time is computed once, then stored.
"""

import datetime as dt
import logging
import uuid
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from council.models import Council, FollowUp
from council.queue import enqueue

from . import metrics
from .metrics import Window
from .models import FigureSummary
from .periods import Period, quarter_of

logger = logging.getLogger(__name__)

# Windows that ended longer ago than this are refreshed by the nightly run only.
RECENT_DAYS = 120


def _store(council: Council, key: str, window: Window) -> FigureSummary:
    data = metrics.get(key).evaluate(council, window)
    row, _ = FigureSummary.objects.update_or_create(
        council=council,
        metric=key,
        start=window.start,
        end=window.end,
        defaults={"data": data, "computed_at": timezone.now()},
    )
    return row


def read(
    council: Council, wanted: list[tuple[str, Window]], *, fresh: bool = False
) -> tuple[dict, dt.datetime | None]:
    """``{(metric, window): data}`` for the wanted figures, and when the oldest of them was computed.

    ``fresh`` recomputes every figure now (the periodic reports do, so a report never prints a stale
    figure)."""
    data, oldest, _newest = read_versioned(council, wanted, fresh=fresh)
    return data, oldest


def read_versioned(
    council: Council, wanted: list[tuple[str, Window]], *, fresh: bool = False
) -> tuple[dict, dt.datetime | None, dt.datetime | None]:
    """As ``read``, and when the newest of them was computed: every rewrite of a figure moves it, so it
    versions what is shown from these figures (the dashboard caches its rendered panels by it)."""
    wanted = list(dict.fromkeys(wanted))
    found: dict = {}
    if not fresh and wanted:
        # Three IN lists rather than one OR per figure:
        # building a hundred-branch WHERE cost more than the query.
        # The few extra rows (another figure's window) are dropped here.
        wanted_set = set(wanted)
        rows = FigureSummary.objects.filter(
            council=council,
            metric__in={key for key, _w in wanted},
            start__in={w.start for _k, w in wanted},
            end__in={w.end for _k, w in wanted},
        )
        for row in rows:
            key = (row.metric, Window(row.start, row.end))
            if key in wanted_set:
                found[key] = row
    for key, w in wanted:
        if (key, w) not in found:
            try:
                with transaction.atomic():
                    found[(key, w)] = _store(council, key, w)
            except IntegrityError:  # another request stored it a moment ago
                found[(key, w)] = FigureSummary.objects.get(
                    council=council, metric=key, start=w.start, end=w.end
                )
    oldest = min((row.computed_at for row in found.values()), default=None)
    newest = max((row.computed_at for row in found.values()), default=None)
    return {k: row.data for k, row in found.items()}, oldest, newest


def dashboard_windows(period: Period) -> list[Window]:
    """The windows a dashboard of ``period`` compares: it, the one before, and the same one a year ago."""
    return [Window(p.start, p.end) for p in (period, period.previous(), period.year_before())]


def refresh(council: Council, *, everything: bool = False, today: dt.date | None = None) -> int:
    """Recompute the council's stored figures (recent windows only, unless ``everything``), plus the
    current and previous quarters' dashboard figures; return how many were computed."""
    today = today or timezone.localdate()
    rows = FigureSummary.objects.filter(council=council)
    if not everything:
        rows = rows.filter(end__gte=today - dt.timedelta(days=RECENT_DAYS))
    wanted = {(r.metric, Window(r.start, r.end)) for r in rows.only("metric", "start", "end")}
    quarter = quarter_of(today)
    for period in (quarter, quarter.previous()):
        for window in dashboard_windows(period):
            wanted.update((key, window) for key in metrics.catalogue())
    for key, window in sorted(wanted, key=lambda kw: (kw[1].end, kw[0])):
        if key in metrics.catalogue():
            _store(council, key, window)
    FigureSummary.objects.filter(council=council).exclude(metric__in=list(metrics.catalogue())).delete()
    return len(wanted)


# ---------------------------------------------------------------- after writes

# The apps whose records the figures read; a write to one of their rows schedules a refresh.
WATCHED_APPS = {"council_sessions", "oversight", "voters", "delegates"}
_PARENTS = (
    "activity",
    "course",
    "group",
    "movement",
    "mandate",
    "interpellation",
    "resolution",
    "program",
    "commitment",
)


def watched_models() -> list:
    """The models whose rows the figures read: a write to one of them schedules a refresh."""
    models = [FollowUp]
    for label in WATCHED_APPS:
        models += [
            m for m in apps.get_app_config(label).get_models() if not m.__name__.startswith("Historical")
        ]
    return models


def council_of(instance) -> int | None:
    """The council a written row belongs to, through its parent where it has no council of its own."""
    for _depth in range(5):
        council_id = getattr(instance, "council_id", None)
        if council_id:
            return council_id
        parent = next(
            (getattr(instance, name) for name in _PARENTS if getattr(instance, f"{name}_id", None)), None
        )
        if parent is None:
            return None
        instance = parent
    return None


def refresh_key(council_id: int) -> str:
    return f"reports:refresh:{council_id}"


def schedule_refresh(council_id: int) -> None:
    """Queue one refresh of the council's figures a minute from now (writes in between share it)."""
    if not cache.add(refresh_key(council_id), 1, timeout=settings.SUMMARY_REFRESH_DELAY):
        return
    # A broker outage must not fail the write: the nightly refresh catches up.
    enqueue("reports.tasks.summaries_refresh_task", council_id, countdown=settings.SUMMARY_REFRESH_DELAY)


def record_written(sender, instance, **kwargs) -> None:
    """Signal receiver: after a watched row is written, refresh its council's figures once committed.

    Signals are used here only to keep a cache current, never for domain logic (which the services own).
    """
    if not settings.SUMMARY_REFRESH_AFTER_WRITES:
        return
    council_id = council_of(instance)
    if council_id:
        transaction.on_commit(partial(schedule_refresh, council_id))


# ---------------------------------------------------------------- the nightly run

# Beat starts the nightly refresh of every council at 02:00 (council/celery.py). A country holds 3,355
# councils: queued at once they would fill the figures queue for hours. Instead a step every
# NIGHTLY_WINDOW / (councils / NIGHTLY_CHUNK) seconds (about 80 s for 3,355) queues the next chunk, one task
# per council, so the run ends near 05:00, before the 06:30 reports and the 07:00 reminders. A step that finds
# the previous chunk still waiting (a slow night) looks again shortly instead of adding to the queue, and the
# figures worker runs one task at a time: the run never holds more than one of the machine's two cores.
# Countdowns stay far below the broker's visibility timeout (an hour on Redis; past it a message is delivered
# again): a step waits NIGHTLY_MAX_SPACING at most, however few the councils.
NIGHTLY_WINDOW = dt.timedelta(hours=3)
NIGHTLY_CHUNK = 25
NIGHTLY_MAX_SPACING = dt.timedelta(minutes=10)
_NIGHTLY_KEY = "reports:nightly"


def nightly_start() -> int:
    """Start tonight's refresh of every council's figures, spread over NIGHTLY_WINDOW; return how many
    councils it covers."""
    total = Council.objects.count()
    steps = max(1, -(-total // NIGHTLY_CHUNK))
    spacing = min(NIGHTLY_WINDOW.total_seconds() / steps, NIGHTLY_MAX_SPACING.total_seconds())
    run = uuid.uuid4().hex
    # A second beat (or a rerun) starts a new run: the older one stops at its next step.
    cache.set(_NIGHTLY_KEY, f"{run}:0", timeout=int((NIGHTLY_WINDOW * 3).total_seconds()))
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker (the quick start): every chunk now, in this process, with no pause between them.
        after: int | None = 0
        while after is not None:
            after = nightly_step(run, after, spacing=0, chain=False)
    else:
        enqueue("reports.tasks.summaries_nightly_step_task", run, 0, spacing)
    return total


def nightly_step(run: str, after: int, *, spacing: float, chain: bool = True) -> int | None:
    """Queue the refresh of the next NIGHTLY_CHUNK councils after pk ``after`` and (``chain``) this step
    again ``spacing`` seconds later; return the last council queued (None when the run is over or stale)."""
    if cache.get(_NIGHTLY_KEY) not in (None, f"{run}:{after}"):
        return None  # a later run took over, or the broker delivered this step twice
    if chain and _waiting(settings.CELERY_TASK_ROUTES["reports.tasks.summaries_refresh_task"]["queue"]):
        # The previous chunk still waits for the figures worker: do not pile more on it; look again soon.
        again = max(5, round(spacing / 4))
        enqueue("reports.tasks.summaries_nightly_step_task", run, after, spacing, countdown=again)
        return after
    ids = list(
        Council.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:NIGHTLY_CHUNK]
    )
    if not ids:
        cache.delete(_NIGHTLY_KEY)
        return None
    cache.set(_NIGHTLY_KEY, f"{run}:{ids[-1]}", timeout=int((NIGHTLY_WINDOW * 3).total_seconds()))
    for pk in ids:
        enqueue("reports.tasks.summaries_refresh_task", pk, True)
    if len(ids) < NIGHTLY_CHUNK:
        cache.delete(_NIGHTLY_KEY)
        return None  # the last chunk
    if chain:
        enqueue("reports.tasks.summaries_nightly_step_task", run, ids[-1], spacing, countdown=round(spacing))
    return ids[-1]


def _waiting(queue: str) -> int:
    from council.health import queue_waiting

    return queue_waiting([queue])[queue] or 0  # unknown (broker down): the step's own enqueue is logged
