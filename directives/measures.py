"""Directive items measured by a scorecard target: their progress follows the target, not only the reports.

An item naming a target (``DirectiveItem.target``, "T1") is as far along as the council's scorecard targets of
that code ("T1", and "T1.1", "T1.2"… when the code is split) say: each target counts for
min(100, measured ÷ threshold) percent, the item's progress is their average, and the item is done only
once every one of them is met. So an item cannot show 100 % while one of two proactive reports was issued.

The targets are evaluated by ``reports``, which sits above this app: it registers its evaluation here when
it starts (``register_target_measure``), as it registers its health probe with ``council.health``. Without
a registration, or for an item whose code has no target, the item keeps its follow-up's progress.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from council.models import Council


@dataclass(frozen=True)
class MeasuredTarget:
    """One scorecard target as measured now: its code, what it measures, the figure and the threshold."""

    code: str
    label: object  # the figure's name, translated when shown
    value: float | int | None
    threshold: Decimal
    unit: str  # "count" or "percent"
    met: bool

    @property
    def percent(self) -> int:
        """How far the figure has got towards the threshold, capped at 100."""
        if self.met:
            return 100
        if not self.value or self.threshold <= 0:
            return 0
        return min(100, int(Decimal(str(self.value)) * 100 / self.threshold))

    @property
    def text(self) -> str:
        """“measured: 1 of 2 — Proactive reports issued (T1)”."""
        threshold = f"{self.threshold.normalize():f}"
        if self.value is None:
            value = _("nothing to count")
        elif self.unit == "percent":
            value, threshold = f"{self.value:g}%", f"{threshold}%"
        else:
            value = f"{self.value:g}"
        return _("measured: %(value)s of %(threshold)s — %(figure)s") % {
            "value": value,
            "threshold": threshold,
            "figure": self.label,
        }


@dataclass(frozen=True)
class TargetProgress:
    """An item's progress from its targets: the average percentage, whether all are met, and each one."""

    targets: tuple[MeasuredTarget, ...]

    @property
    def percent(self) -> int:
        return round(sum(t.percent for t in self.targets) / len(self.targets))

    @property
    def done(self) -> bool:
        return all(t.met for t in self.targets)

    @property
    def texts(self) -> list[str]:
        return [t.text for t in self.targets]


Measure = Callable[[Council, dt.date], list[MeasuredTarget]]
_MEASURES: dict[str, Measure] = {}


def register_target_measure(measure: Measure) -> None:
    """Give the function that measures a council's active scorecard targets on a day (idempotent)."""
    _MEASURES["targets"] = measure


def measured_targets(council: Council, today: dt.date) -> list[MeasuredTarget]:
    """The council's scorecard targets as measured now (evaluated once per page, whatever its items)."""
    measure = _MEASURES.get("targets")
    return measure(council, today) if measure is not None else []


def progress_for(code: str, measured: list[MeasuredTarget]) -> TargetProgress | None:
    """The progress of an item measured by ``code``: from the targets of that code or its sub-codes
    ("T5" → "T5", "T5.1", "T5.2"…), or None when the item names no target or the council has none."""
    if not code:
        return None
    mine = tuple(t for t in measured if t.code == code or t.code.startswith(f"{code}."))
    return TargetProgress(mine) if mine else None
