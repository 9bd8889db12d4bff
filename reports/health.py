"""Report runs in the operator's health detail (registered with ``council.health`` by the app config)."""

import datetime as dt

from django.db.models import Q

from .models import Report
from .services import QUEUED_STALE_AFTER, STALE_AFTER


def probe(now: dt.datetime) -> tuple[dict, list[str]]:
    """Runs in progress, stuck (no heartbeat: no worker is taking them) and failed."""
    stuck = Report.objects.filter(
        Q(state=Report.State.RUNNING, heartbeat__lt=now - STALE_AFTER)
        | Q(state=Report.State.QUEUED, heartbeat__lt=now - QUEUED_STALE_AFTER)
    ).count()
    detail = {
        "running": Report.objects.filter(state=Report.State.RUNNING).count(),
        "stuck": stuck,
        "failed": Report.objects.filter(state=Report.State.FAILED).count(),
    }
    return detail, ["reports: runs are stuck (no worker is taking them)"] if stuck else []
