"""Reads of directive items: each item's current follow-up and where it stands (for an item measured by a
scorecard target, what the target measures: ``directives.measures``)."""

import datetime as dt
from collections import Counter
from typing import Any

from django.utils.translation import gettext_lazy as _

from council.models import Council, FollowUp

from .measures import TargetProgress, measured_targets, progress_for
from .models import Directive, DirectiveItem

ITEM_STATES = {
    "closed": _("Done"),
    "to_verify": _("Reported, to verify"),
    "overdue": _("Overdue"),
    "open": _("Under way"),
}


def current_followups(items) -> dict[int, FollowUp]:
    """Each item's current follow-up (the open round, else the latest), in one query."""
    current: dict[int, FollowUp] = {}
    rounds = FollowUp.objects.of_sources(items)
    for f in rounds.order_by("due_date", "pk"):
        held = current.get(f.source_id)
        if held is None or held.closed_on is not None:
            current[f.source_id] = f
    return current


def item_state(followup: FollowUp | None, today: dt.date, measured: TargetProgress | None = None) -> str:
    """Where an item stands: done (verified and closed), reported and waiting for the Office's check,
    overdue, or under way. An item measured by a target is done when, and only when, its targets are met:
    a closed follow-up with a target still short of its threshold is under way."""
    if measured is not None:
        if measured.done:
            return "closed"
        if followup is None or not followup.is_open:
            return "open"
    if followup is None:
        return "open"
    if not followup.is_open:
        return "closed"
    if followup.awaiting_verification:
        return "to_verify"
    return "overdue" if followup.is_overdue(today) else "open"


def measure_items(items, council: Council, today: dt.date) -> None:
    """Put on each item its progress from the targets it names (``item.measured``, None for an item with no
    target or whose target the council does not measure): the council's targets are evaluated once."""
    measured = measured_targets(council, today) if any(item.target for item in items) else []
    for item in items:
        item.measured = progress_for(item.target, measured)


def implementation(council: Council, today: dt.date) -> list[dict]:
    """Per directive of the council: its items by state and by responsible body (three queries, and those
    of the targets the items name, evaluated once)."""
    directives = list(Directive.objects.filter(council=council).order_by("issued_on", "pk"))
    items = list(
        DirectiveItem.objects.filter(directive__in=directives).select_related("member", "committee", "group")
    )
    followups = current_followups(items)
    measure_items(items, council, today)
    result: dict[int, dict[str, Any]] = {
        d.pk: {"directive": d, "states": Counter(), "by_body": {}, "total": 0} for d in directives
    }
    for item in items:
        entry = result[item.directive_id]
        state = item_state(followups.get(item.pk), today, item.measured)  # type: ignore[attr-defined]
        entry["states"][state] += 1
        entry["total"] += 1
        entry["by_body"].setdefault(item.responsible_name, Counter())[state] += 1
    for entry in result.values():
        entry["by_body"] = sorted(entry["by_body"].items())
    return list(result.values())


def directive_progress(directive: Directive, today: dt.date) -> dict[str, Any]:
    """One directive's items with their current follow-up, counted by state and by responsible body (two
    queries, and those of the targets the items name, evaluated once): what its page shows at a glance.
    An item measured by a target carries its progress as ``item.measured``."""
    items = list(directive.items.select_related("member", "committee", "group"))
    followups = current_followups(items)
    measure_items(items, directive.council, today)
    rows = [(item, followups.get(item.pk)) for item in items]
    states: Counter = Counter()
    by_body: dict[str, Counter] = {}
    for item, followup in rows:
        state = item_state(followup, today, item.measured)  # type: ignore[attr-defined]
        states[state] += 1
        by_body.setdefault(item.responsible_name, Counter())[state] += 1
    return {"rows": rows, "states": states, "by_body": sorted(by_body.items())}
