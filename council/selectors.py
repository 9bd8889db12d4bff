"""Page-shaped reads of the follow-up spine."""

import datetime as dt
from typing import cast

from django.db.models import Count, Q, QuerySet

from . import personal_data
from .models import Council, FollowUp, FollowUpEvent
from .models.followups import FollowUpQuerySet
from .text import fold
from .workdays import add_working_days


def followup_filter(
    qs: FollowUpQuerySet, council: Council, filters: dict, today: dt.date
) -> FollowUpQuerySet:
    """Apply the list's filters (already validated by the filter form)."""
    text = fold(filters.get("q") or "")
    if text:
        # The search text holds no personal value; a viewer who may read a letter's content finds by it too.
        found = Q(search_text__contains=text)
        personal = personal_data.current().search_q(FollowUp, text, qs)
        qs = qs.filter(found | personal if personal is not None else found)
    for name in ("agency", "field", "source_kind", "agency_status", "council_status"):
        if filters.get(name):
            qs = qs.filter(**{name: filters[name]})
    state = filters.get("state")
    if state == "open":
        qs = qs.open()
    elif state == "overdue":
        qs = qs.overdue(today)
    elif state == "awaiting_verification":
        qs = qs.awaiting_verification()
    elif state == "closed":
        qs = qs.closed()
    elif state == "due_soon":
        within = filters.get("within")
        within = 7 if within is None else within
        qs = qs.due_between(today, add_working_days(council, today, within))
    term = filters.get("term")
    if term:
        qs = qs.filter(assigned_date__range=(term.start_date, term.end_date))
    if filters.get("assigned_from"):
        qs = qs.filter(assigned_date__gte=filters["assigned_from"])
    if filters.get("assigned_to"):
        qs = qs.filter(assigned_date__lte=filters["assigned_to"])
    if filters.get("leadership"):
        qs = qs.filter(report_to_leadership=True)
    return qs


def followup_rows(qs: QuerySet) -> QuerySet:
    return qs.select_related("agency", "field").order_by("due_date", "pk")


def counts_by_agency(qs: QuerySet, today: dt.date) -> list[dict]:
    """For the filtered items: per agency, how many, how many open, overdue and awaiting verification.

    Each state is the ``FollowUpQuerySet`` method of that name, so the list's counts and its filters agree.
    One query. Each state's subquery is taken from the filtered items themselves (one council's), not from
    the whole table: the cost follows the council's size, not the deployment's.
    """
    followups = cast(FollowUpQuerySet, qs.order_by())

    def among(states: QuerySet) -> Q:
        return Q(pk__in=states.values("pk"))

    return list(
        qs.order_by()
        .values("agency__pk", "agency__name")
        .annotate(
            total=Count("pk", distinct=True),
            open=Count("pk", filter=among(followups.open()), distinct=True),
            overdue=Count("pk", filter=among(followups.overdue(today)), distinct=True),
            to_verify=Count("pk", filter=among(followups.awaiting_verification()), distinct=True),
        )
        .order_by("-overdue", "-open", "agency__name")
    )


def followup_timeline(followup: FollowUp, *, internal: bool) -> list[FollowUpEvent]:
    events = (
        followup.events.select_related("actor", "corrects")
        .prefetch_related("attachments")
        .order_by("at", "pk")
    )
    if not internal:
        events = events.filter(internal=False)
    return list(events)
