"""Page-shaped reads of the figures: the KPI scorecard and the leadership's quarterly dashboard.

Both read summary rows only (``figures.read``): a handful of queries whatever the number of records.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council import quota
from council.models import Council, Term

from . import figures, metrics
from .charts_data import breakdown_chart, comparison_chart
from .metrics import Window
from .models import KpiTarget
from .periods import Period

STATUS_LABELS = quota.LABELS


@dataclass
class ScoreLine:
    target: KpiTarget
    metric: metrics.Metric
    window: Window
    value: float | int | None
    previous: float | int | None
    status: str
    figure: dict = field(default_factory=dict)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def trend(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)


def _term_at(terms: list[Term], day: dt.date) -> Term | None:
    return next((t for t in terms if t.start_date <= day), None)


def target_window(target: KpiTarget, period: Period, terms: list[Term]) -> tuple[Window, dt.date]:
    """The dates a target is measured over for ``period``, and the day its measurement closes."""
    if target.cadence == KpiTarget.Cadence.YEAR:
        return Window(dt.date(period.end.year, 1, 1), period.end), dt.date(period.end.year, 12, 31)
    if target.cadence == KpiTarget.Cadence.TERM:
        term = _term_at(terms, period.end)
        if term is not None:
            return Window(term.start_date, period.end), term.end_date or period.end
    return Window(period.start, period.end), period.end


def status_of(value, threshold: Decimal, closes_on: dt.date, today: dt.date) -> str:
    met = None if value is None else Decimal(str(value)) >= threshold
    return quota.quota_status(met, window_open=closes_on >= today)


def scorecard(
    council: Council, period: Period, today: dt.date, *, fresh: bool = False
) -> tuple[list[ScoreLine], dt.datetime | None]:
    """Each active target's value over its window, met or not, and the same for the period before."""
    targets = [
        t
        for t in KpiTarget.objects.filter(council=council, is_active=True)
        if t.metric in metrics.catalogue()
    ]
    terms = list(Term.objects.filter(council=council).order_by("-start_date"))
    plan = []
    for target in targets:
        window, closes_on = target_window(target, period, terms)
        before, _closes = target_window(target, period.previous(), terms)
        plan.append((target, window, closes_on, before))
    data, as_of = figures.read(
        council,
        [(t.metric, w) for t, w, _c, b in plan] + [(t.metric, b) for t, _w, _c, b in plan],
        fresh=fresh,
    )
    lines = []
    for target, window, closes_on, before in plan:
        metric = metrics.get(target.metric)
        figure = data[(target.metric, window)]
        current = metrics.value(figure, metric.unit)
        lines.append(
            ScoreLine(
                target=target,
                metric=metric,
                window=window,
                value=current,
                previous=metrics.value(data[(target.metric, before)], metric.unit),
                status=status_of(current, target.threshold, closes_on, today),
                figure=figure,
            )
        )
    return lines, as_of


@dataclass
class Figure:
    """One dashboard figure with its comparisons."""

    metric: metrics.Metric
    current: float | int | None
    previous: float | int | None
    last_year: float | int | None
    data: dict
    window: Window

    @property
    def change(self):
        if self.current is None or self.previous is None:
            return None
        return round(self.current - self.previous, 1)


# The dashboard's panels: a title and the figures it shows, in order.
PANELS = [
    (gettext_lazy("Sessions"), ["sessions", "sittings", "t2_sessions", "t3_delegates", "t4_discussion"]),
    (
        gettext_lazy("Interpellations and commitments"),
        ["interpellations", "interpellations_between", "commitments_kept"],
    ),
    (
        gettext_lazy("Oversight"),
        [
            "activities",
            "reoversight",
            "surveys",
            "recommendations",
            "recommendations_done",
            "recommendations_leadership",
            "explanations",
            "hearings",
            "resolutions_monitored",
        ],
    ),
    (
        gettext_lazy("Voters' petitions"),
        ["petitions", "answers_on_time", "petitions_overdue", "voter_meetings", "consultations"],
    ),
    (gettext_lazy("Letters and receptions"), ["letters", "receptions"]),
    (
        gettext_lazy("Delegates' work"),
        ["trainings", "training_attendance", "group_meetings", "evaluations", "assessments", "nominations"],
    ),
]
BREAKDOWNS = [
    "petitions_by_field",
    "petitions_by_channel",
    "petitions_by_commune",
    "petitions_by_agency",
    "voter_meetings_by_kind",
    "letters_by_kind",
]
COMPARED = [
    "sessions",
    "interpellations",
    "activities",
    "surveys",
    "petitions",
    "letters",
    "receptions",
    "trainings",
]


@dataclass
class Dashboard:
    period: Period
    panels: list
    breakdowns: list
    comparison: object
    as_of: dt.datetime | None
    version: str = ""  # changes whenever one of its figures is recomputed (a key for the rendered panels)


def dashboard(council: Council, period: Period) -> Dashboard:
    """The quarter's figures beside the previous quarter's and the same quarter's last year."""
    windows = figures.dashboard_windows(period)
    keys = [k for _title, keys in PANELS for k in keys] + BREAKDOWNS
    data, as_of, newest = figures.read_versioned(council, [(k, w) for k in keys for w in windows])
    this, before, year_ago = windows

    def figure(key):
        metric = metrics.get(key)
        return Figure(
            metric,
            metrics.value(data[(key, this)], metric.unit),
            metrics.value(data[(key, before)], metric.unit),
            metrics.value(data[(key, year_ago)], metric.unit),
            data[(key, this)],
            this,
        )

    panels = [(title, [figure(k) for k in keys]) for title, keys in PANELS]
    breakdowns = [breakdown_chart(metrics.get(k), data[(k, this)]) for k in BREAKDOWNS]
    labels = [period.short_label(), period.previous().short_label(), period.year_before().short_label()]
    comparison = comparison_chart(
        _("This quarter against the previous one and the same quarter last year"),
        [metrics.get(k) for k in COMPARED],
        labels,
        [[metrics.value(data[(k, w)], "count") or 0 for k in COMPARED] for w in windows],
    )
    version = f"{council.pk}-{period.code}-{newest.timestamp() if newest else 0}-{len(data)}"
    return Dashboard(period, panels, breakdowns, comparison, as_of, version)
