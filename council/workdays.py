"""The working-day calendar: weekends and holiday rows decide which days count."""

import datetime as dt
from dataclasses import dataclass

from .models import Council, DeadlineRule, Holiday

# A deadline is never further away than this many calendar days per working day requested,
# so one query for a window that wide always holds every holiday we need.
_WINDOW_FACTOR = 3
_WINDOW_MARGIN = 60


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days for a council, for a window of dates loaded in one query."""

    days_off: frozenset[dt.date]
    extra_working: frozenset[dt.date]

    @classmethod
    def load(cls, council: Council, start: dt.date, end: dt.date) -> "WorkCalendar":
        rows = Holiday.objects.filter(council=council, date__range=(start, end)).values_list("date", "kind")
        off = {d for d, kind in rows if kind == Holiday.Kind.HOLIDAY}
        extra = {d for d, kind in rows if kind == Holiday.Kind.WORKING_DAY}
        return cls(frozenset(off), frozenset(extra))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def shift(self, start: dt.date, days: int, *, backwards: bool = False) -> dt.date:
        """Move ``days`` working days from ``start`` (which itself is not counted)."""
        step = dt.timedelta(days=-1 if backwards else 1)
        day = start
        remaining = days
        while remaining > 0:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day


def _window(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    span = dt.timedelta(days=days * _WINDOW_FACTOR + _WINDOW_MARGIN)
    return start - span, start + span


def add_working_days(council: Council, start: dt.date, days: int) -> dt.date:
    """Return the date ``days`` working days after ``start`` (negative ``days`` count backwards)."""
    low, high = _window(start, abs(days))
    return WorkCalendar.load(council, low, high).shift(start, abs(days), backwards=days < 0)


def working_days_between(council: Council, start: dt.date, end: dt.date) -> int:
    """Count working days after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    calendar = WorkCalendar.load(council, start, end)
    return sum(
        1 for n in range(1, (end - start).days + 1) if calendar.is_working_day(start + dt.timedelta(days=n))
    )


def rule_in_force(council: Council, code: str, on: dt.date) -> DeadlineRule | None:
    """Return the version of rule ``code`` in force on the given date, if any."""
    return (
        DeadlineRule.objects.filter(council=council, code=code, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )


def apply_rule(rule: DeadlineRule, anchor: dt.date) -> dt.date:
    """Compute the deadline that ``rule`` sets for an event on ``anchor``."""
    sign = -1 if rule.direction == DeadlineRule.Direction.BEFORE else 1
    if rule.day_type == DeadlineRule.DayType.CALENDAR:
        return anchor + dt.timedelta(days=sign * rule.days)
    return add_working_days(rule.council, anchor, sign * rule.days)
