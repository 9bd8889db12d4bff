"""What every figure is made of: a window of dates, a drill-down line, and the metric that computes both."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from council.models import Council, Term

from .listing import LISTING, ListingSpec, Row, describe


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date


# Which way a figure moving is good news: more answers on time (UP), fewer overdue petitions (DOWN),
# or neither, e.g. how many petitions citizens sent (NEUTRAL). Arrows are coloured by this, not by sign.
UP, DOWN, NEUTRAL = "up", "down", "neutral"


@dataclass
class Metric:
    key: str
    label: object
    how: object
    unit: str = "count"  # "count", "percent" or "breakdown"
    records: Callable[[Council, Window], QuerySet] | None = None
    met: Callable[[QuerySet, Window], QuerySet] | None = None  # the subset counted as met (ratios)
    group_by: str = ""  # breakdowns: the column that groups the rows
    group_label: str = ""  # breakdowns: the column holding the group's name ("" = the choices' label)
    choices: dict = field(default_factory=dict)
    compute: Callable[[Council, Window], tuple[dict, list[Row]]] | None = None
    better: str = ""  # UP, DOWN or NEUTRAL: every metric of the catalogue declares it

    def verdict(self, change: float | int | None, better: str = "") -> str:
        """Whether a change of the figure is "better", "worse", "neutral" or "unchanged" ("" if unknown);
        ``better`` overrides the figure's own direction (a target's “at least” makes up the good way)."""
        better = better or self.better
        if change is None:
            return ""
        if change == 0:
            return "unchanged"
        if better not in (UP, DOWN):
            return "neutral"
        return "better" if (change > 0) == (better == UP) else "worse"

    def evaluate(self, council: Council, window: Window) -> dict:
        """The figure, as stored in a summary row: ``{"n": …}``, ``{"n": …, "d": …}`` or ``{"rows": …}``."""
        if self.compute is not None:
            return self.compute(council, window)[0]
        records = self.records(council, window)
        if self.unit == "breakdown":
            label = self.group_label or self.group_by
            grouped = (
                records.values(self.group_by, label).annotate(n=Count("pk", distinct=True)).order_by("-n")
                if label != self.group_by
                else records.values(self.group_by).annotate(n=Count("pk", distinct=True)).order_by("-n")
            )
            return {"rows": [[g[self.group_by], g.get(label), g["n"]] for g in grouped]}
        if self.met is not None:
            figures = records.aggregate(
                d=Count("pk", distinct=True),
                n=Count("pk", distinct=True, filter=Q(pk__in=self.met(records, window))),
            )
            return {"n": figures["n"], "d": figures["d"]}
        return {"n": records.count()}

    def listed(self, council: Council, window: Window) -> QuerySet:
        """The records behind the figure in the drill-down's order, with what their lines show joined in."""
        records = self.records(council, window)
        listing = LISTING.get(records.model, ListingSpec())
        return records.order_by(*listing.ordering).select_related(*listing.related)

    def lines(self, council: Council, window: Window, records) -> list[Row]:
        """Drill-down lines for some of the figure's records, each saying whether it counts as met."""
        records = list(records)
        met_ids = None
        if self.met is not None:
            met = self.met(self.records(council, window), window).filter(pk__in=[r.pk for r in records])
            met_ids = set(met.values_list("pk", flat=True))
        return [describe(obj, counted=met_ids is None or obj.pk in met_ids) for obj in records]

    def rows(self, council: Council, window: Window) -> list[Row]:
        """All the records behind the figure as drill-down lines."""
        if self.compute is not None:
            return self.compute(council, window)[1]
        return self.lines(council, window, self.listed(council, window))


def value(figure: dict | None, unit: str) -> float | int | None:
    """The number a figure shows: a count, or a percentage rounded to one decimal (None when nothing to
    count)."""
    if not figure:
        return None
    if unit == "percent":
        return round(100 * figure["n"] / figure["d"], 1) if figure.get("d") else None
    if unit == "breakdown":
        return sum(r[2] for r in figure.get("rows", []))
    return figure.get("n")


def within(field_name: str, w: Window) -> Q:
    """The records whose ``field_name`` falls inside the window."""
    return Q(**{f"{field_name}__range": (w.start, w.end)})


def as_of(w: Window) -> dt.date:
    """The day a window's due-based figures are measured on: its end, or today while it is still running
    (an answer not yet due is neither late nor counted as due)."""
    return min(w.end, timezone.localdate())


def term_at(council: Council, day: dt.date) -> Term | None:
    """The term in force on ``day`` (else the latest that began before it)."""
    return Term.objects.filter(council=council, start_date__lte=day).order_by("-start_date").first()
