"""Charts built from figures: the same definition is drawn as SVG on the page and PNG in the documents."""

from django.utils.translation import gettext as _

from .documents.content import Chart
from .metrics import Metric

TOP = 10


def breakdown_rows(metric: Metric, data: dict) -> list[tuple[str, int]]:
    """A breakdown's groups as (name, count), largest first, with readable names."""
    rows = []
    for key, label, count in data.get("rows", []):
        if metric.group_label and label:  # a name of the record's own (an added channel's) comes first
            name = label
        else:
            name = metric.choices.get(key, key) if metric.choices else label or _("Not classified")
        rows.append((str(name), count))
    return rows


def breakdown_chart(metric: Metric, data: dict, *, top: int = TOP) -> Chart:
    """The largest groups of a breakdown as horizontal bars; the rest summed as “Others”."""
    rows = breakdown_rows(metric, data)
    shown = rows[:top]
    rest = sum(count for _name, count in rows[top:])
    if rest:
        shown.append((_("Others"), rest))
    return Chart(
        key=metric.key,
        title=str(metric.label),
        categories=[name for name, _count in shown],
        series=[(_("Count"), [count for _name, count in shown])],
        kind="barh",
    )


def comparison_chart(
    title: str, compared: list[Metric], labels: list[str], values: list[list], *, kind: str = "barh"
) -> Chart:
    """Counts of several figures side by side for several periods (one series per period)."""
    return Chart(
        key="comparison",
        title=title,
        categories=[str(m.label) for m in compared],
        series=list(zip(labels, values, strict=True)),
        kind=kind,
    )


def table_rows(chart: Chart) -> list[tuple[str, list]]:
    """The chart's data as table rows (category, one value per series), shown beside it for accessibility."""
    return [
        (category, [values[i] for _label, values in chart.series])
        for i, category in enumerate(chart.categories)
    ]
