"""The scorecard's targets measured for the directive items that name them (``directives.measures``): each
active target of the council over its window for the current year, read from the stored figures."""

import datetime as dt
from decimal import Decimal

from council.models import Council, Term
from directives.measures import MeasuredTarget

from . import figures, metrics
from .dashboards import target_window
from .models import KpiTarget
from .periods import Period


def measured_targets(council: Council, today: dt.date) -> list[MeasuredTarget]:
    """Every active target of the council measured over the current year (a term target over the term so
    far): three queries once the figures are stored, whatever the number of items asking."""
    targets = [
        t
        for t in KpiTarget.objects.filter(council=council, is_active=True)
        if t.metric in metrics.catalogue()
    ]
    if not targets:
        return []
    period = Period("Y", today.year)
    terms = list(Term.objects.filter(council=council).order_by("-start_date"))
    windows = {t.pk: target_window(t, period, terms)[0] for t in targets}
    data, _as_of = figures.read(council, [(t.metric, windows[t.pk]) for t in targets])
    measured = []
    for target in targets:
        metric = metrics.get(target.metric)
        value = metrics.value(data[(target.metric, windows[target.pk])], metric.unit)
        measured.append(
            MeasuredTarget(
                code=target.code,
                label=metric.label,
                value=value,
                threshold=target.threshold,
                unit=metric.unit,
                met=value is not None and Decimal(str(value)) >= target.threshold,
            )
        )
    return measured
