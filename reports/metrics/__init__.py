"""Every figure the scorecard, the dashboard and the periodic reports show, each defined once.

A metric reads the council's records over a window of dates. Counting metrics are a QuerySet whose rows
are the records behind the figure, so the drill-down list is the same query as the figure. Ratio metrics
also name the subset that counts as met. Breakdowns group a counting metric's rows by a column. The few
figures that need Python (T2, T3, T4) compute their rows and the figure from the same list.

The package is laid out by what the figures read: ``base`` (windows, the ``Metric`` class), ``listing``
(drill-down lines), one ``*_figures`` module per source (sessions, follow-ups, oversight, voters,
delegates), and ``catalogue`` (every metric by key). Import from ``reports.metrics``.
"""

from .base import DOWN, NEUTRAL, UP, Metric, Window, as_of, term_at, value
from .catalogue import catalogue, get
from .followup_figures import answered_on_time
from .listing import Row, describe
from .session_figures import _resolutions_in_force

__all__ = [
    "DOWN",
    "NEUTRAL",
    "UP",
    "Metric",
    "Row",
    "Window",
    "_resolutions_in_force",
    "answered_on_time",
    "as_of",
    "catalogue",
    "describe",
    "get",
    "term_at",
    "value",
]
