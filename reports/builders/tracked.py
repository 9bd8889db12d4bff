"""What the builders of the scoped and thematic reports share: the window a report covers, and how the
follow-ups behind it (recommendations, commitments, resolution tasks, directive items, letters) stand on a
day, counted in one query and tabled by agency.

A follow-up stands, on the day a report measures: done (verified and closed as done), closed without being
fully done, answered and being verified, under way (not yet due), or overdue (due, not answered).
"""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from council.models import FollowUp
from council.models.followups import CouncilStatus
from directives.selectors import ITEM_STATES, current_followups, item_state

from .. import metrics
from ..documents.content import Table
from ..metrics import Window
from ..models import Report
from ..periods import period_from_code
from .common import percent

STATES = ("done", "closed_other", "to_verify", "under_way", "overdue")


def window_of(report: Report) -> Window:
    return Window(report.period_start, report.period_end)


def period_words(report: Report) -> str:
    """The period as a document writes it (“6 tháng đầu năm 2026”), else its dates."""
    period = period_from_code(report.period)
    if period is not None:
        return period.label()
    return _("the period from %(start)s to %(end)s") % {
        "start": f"{report.period_start:%d/%m/%Y}",
        "end": f"{report.period_end:%d/%m/%Y}",
    }


def _closed(on: dt.date) -> Q:
    return Q(closed_on__isnull=False, closed_on__lte=on)


def _answered(on: dt.date) -> Q:
    return Q(first_answered_on__isnull=False, first_answered_on__lte=on)


def state_counts(on: dt.date) -> dict:
    """Count expressions for how follow-ups stand on ``on``: for ``aggregate`` or ``annotate`` (the five
    states add up to ``total``; ``on_time`` and ``unsatisfactory`` count across them)."""
    closed, answered = _closed(on), _answered(on)
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=closed & Q(council_status=CouncilStatus.DONE)),
        "closed_other": Count("pk", filter=closed & ~Q(council_status=CouncilStatus.DONE)),
        "to_verify": Count("pk", filter=~closed & answered),
        "under_way": Count("pk", filter=~closed & ~answered & Q(due_date__gte=on)),
        "overdue": Count("pk", filter=~closed & ~answered & Q(due_date__lt=on)),
        "on_time": Count("pk", filter=answered & Q(first_answered_on__lte=F("due_date"))),
        "unsatisfactory": Count("pk", filter=Q(council_status=CouncilStatus.UNSATISFACTORY)),
    }


def counts(followups: QuerySet, on: dt.date) -> dict:
    """How the follow-ups stand on ``on``, in one query."""
    return followups.order_by().aggregate(**state_counts(on))


def status_text(f: FollowUp, on: dt.date) -> str:
    """Where one follow-up stands on ``on``, in words."""
    if f.closed_on and f.closed_on <= on:
        return str(f.get_council_status_display())
    if f.first_answered_on and f.first_answered_on <= on:
        return _("answered, being verified")
    if f.due_date < on:
        late = (on - f.due_date).days
        return ngettext("overdue by %(days)s day", "overdue by %(days)s days", late) % {"days": late}
    return _("due on %(date)s") % {"date": f"{f.due_date:%d/%m/%Y}"}


def states_sentence(c: dict) -> str:
    """“Of them, 3 done, 1 being verified, 2 under way and 1 overdue.”: the states that have items."""
    parts = []
    if c["done"]:
        parts.append(ngettext("%(count)s done", "%(count)s done", c["done"]) % {"count": c["done"]})
    if c["closed_other"]:
        parts.append(
            ngettext(
                "%(count)s closed without being fully done",
                "%(count)s closed without being fully done",
                c["closed_other"],
            )
            % {"count": c["closed_other"]}
        )
    if c["to_verify"]:
        parts.append(
            ngettext(
                "%(count)s answered and being verified",
                "%(count)s answered and being verified",
                c["to_verify"],
            )
            % {"count": c["to_verify"]}
        )
    if c["under_way"]:
        parts.append(
            ngettext("%(count)s under way, not yet due", "%(count)s under way, not yet due", c["under_way"])
            % {"count": c["under_way"]}
        )
    if c["overdue"]:
        parts.append(
            ngettext("%(count)s overdue", "%(count)s overdue", c["overdue"]) % {"count": c["overdue"]}
        )
    if not parts:
        return ""
    return _("Of them: %(states)s.") % {"states": and_join(parts)}


def and_join(parts: list[str]) -> str:
    """“a, b and c” (an empty string for no parts)."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def tally_sentence(tally: dict, labels: dict) -> str:
    """“Of them: Done 3; Overdue 1.” from counts by state and the states' labels (states at 0 left out)."""
    parts = [f"{labels[state]} {count}" for state, count in tally.items() if count]
    return _("Of them: %(states)s.") % {"states": "; ".join(parts)} if parts else ""


def membership(memberships: QuerySet, window: Window, *, lead: str) -> dict:
    """Seats held at the end of the window (and by the ``lead`` role, and deputies), and how many joined
    or left during it (one query)."""
    at_end = Q(start_date__lte=window.end) & (Q(end_date__isnull=True) | Q(end_date__gte=window.end))
    return memberships.order_by().aggregate(
        seats=Count("pk", filter=at_end),
        leads=Count("pk", filter=at_end & Q(role=lead)),
        deputies=Count("pk", filter=at_end & Q(role="deputy")),
        joined=Count("pk", filter=Q(start_date__range=(window.start, window.end))),
        left=Count("pk", filter=Q(end_date__range=(window.start, window.end))),
    )


def changes_sentence(c: dict) -> str:
    """Who joined or left during the period, or that nothing changed."""
    parts = [
        ngettext("%(count)s member joined", "%(count)s members joined", c["joined"]) % {"count": c["joined"]}
        if c["joined"]
        else "",
        ngettext("%(count)s member left", "%(count)s members left", c["left"]) % {"count": c["left"]}
        if c["left"]
        else "",
    ]
    if not any(parts):
        return _("The membership did not change during the period.")
    return _("During the period %(changes)s.") % {"changes": and_join(parts)}


def done_rate_sentence(c: dict, what_due: str) -> str:
    """The share done of what has fallen due, or that nothing has fallen due yet (never “0,0%”)."""
    due = c["total"] - c["under_way"]
    if not due:
        return _("None of them had fallen due by the end of the period.")
    return _("%(done)s of the %(due)s %(what)s that had fallen due were done (%(rate)s).") % {
        "done": c["done"],
        "due": due,
        "what": what_due,
        "rate": percent(100 * c["done"] / due),
    }


def by_agency_table(followups: QuerySet, on: dt.date, *, key: str, title: str, column: str = "") -> Table:
    """Per responsible agency: how its follow-ups stand on ``on`` (one query), largest first."""
    rows = (
        followups.order_by()
        .values("agency__name")
        .annotate(**state_counts(on))
        .order_by("-total", "agency__name")
    )
    table_rows, totals = [], [0] * 6
    for i, r in enumerate(rows, start=1):
        done_or_closed = r["done"]
        values = [r["total"], done_or_closed, r["to_verify"], r["under_way"], r["overdue"], r["closed_other"]]
        table_rows.append([i, r["agency__name"], *values])
        totals = [t + v for t, v in zip(totals, values, strict=True)]
    return Table(
        key=key[:31],
        title=title,
        columns=[
            _("No."),
            column or _("Agency"),
            pgettext("report column", "Total"),
            pgettext("follow-ups", "Done"),
            _("Being verified"),
            _("Not yet due"),
            pgettext("follow-ups", "Overdue"),
            _("Closed, not fully done"),
        ],
        rows=table_rows,
        total=["", _("Total"), *totals] if table_rows else None,
    )


def listing_table(
    followups: QuerySet,
    on: dt.date,
    *,
    key: str,
    title: str,
    label,
    label_column: str,
    extra: tuple = (),
    limit: int = 200,
) -> Table:
    """The follow-ups one by one (by due date), each with ``label(followup)``, its agency, due date and where
    it stands (and ``extra`` columns as (heading, cell of a follow-up) after the label); at most ``limit``
    rows, with a note when there are more."""
    ordered = followups.select_related("agency").order_by("due_date", "pk")
    items = list(ordered[: limit + 1])
    return Table(
        key=key[:31],
        title=title,
        columns=[
            _("No."),
            label_column,
            *(h for h, _cell in extra),
            _("Agency"),
            _("Due date"),
            _("Where it stands"),
        ],
        rows=[
            [i, label(f), *(cell(f) for _h, cell in extra), f.agency.name, f.due_date, status_text(f, on)]
            for i, f in enumerate(items[:limit], start=1)
        ],
        note=_("The first %(limit)s items by due date.") % {"limit": limit} if len(items) > limit else "",
    )


def as_of(window: Window) -> dt.date:
    return metrics.as_of(window)


def directive_items(items, on, *, key: str) -> tuple[list, Table | None]:
    """Sentences and a table of the directive items assigned to a body, with where each stands (two
    queries)."""
    items = list(
        items.select_related("directive").order_by("directive__issued_on", "directive", "order", "pk")
    )
    if not items:
        return [_("No task of the leadership's directives was assigned to it.")], None
    current = current_followups(items)
    states = {item.pk: item_state(current.get(item.pk), on) for item in items}
    tally = {s: sum(1 for v in states.values() if v == s) for s in ITEM_STATES}
    sentences = [
        ngettext(
            "%(count)s task of the leadership's directives is assigned to it.",
            "%(count)s tasks of the leadership's directives are assigned to it.",
            len(items),
        )
        % {"count": len(items)},
        tally_sentence(tally, {k: str(v) for k, v in ITEM_STATES.items()}),
    ]
    table = Table(
        key=key[:31],
        title=_("Tasks of the leadership's directives assigned"),
        columns=[_("No."), _("Directive"), _("Task"), _("Due date"), _("Where it stands")],
        rows=[
            [
                i,
                f"{item.directive.symbol} {item.section}".strip(),
                item.text,
                current[item.pk].due_date if item.pk in current else item.due_date,
                str(ITEM_STATES[states[item.pk]]),
            ]
            for i, item in enumerate(items, start=1)
        ],
    )
    return sentences, table
