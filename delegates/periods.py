"""Reporting periods of the Party delegation's field reports, written as the reports app writes them: a
quarter ``2026-Q1``, a half-year ``2026-H1``, a year ``2026``.

``reports.periods`` is the reference, but ``reports`` sits above ``delegates`` (tests/test_layering.py), so
this is the small part of it the field reports need; ``tests/delegates/test_party.py`` checks that both read
every code the same way."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<index>\d))?$")
MONTHS = {"Q": 3, "H": 6, "Y": 12}


@dataclass(frozen=True, order=True)
class ReportPeriod:
    year: int
    kind: str  # "Q", "H" or "Y"
    index: int = 1

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = self.index * MONTHS[self.kind]
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    def short_label(self) -> str:
        """As pages show it (the reports app's words): “Quý I/2026”, “6 tháng đầu năm 2026”, “Năm 2026”."""
        if self.kind == "Q":
            return {
                1: _("Q1 %(year)s"),
                2: _("Q2 %(year)s"),
                3: _("Q3 %(year)s"),
                4: _("Q4 %(year)s"),
            }[self.index] % {"year": self.year}
        if self.kind == "H":
            if self.index == 1:
                return _("First half of %(year)s") % {"year": self.year}
            return _("Second half of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def __str__(self) -> str:
        return self.short_label()


def period_from_code(code: str) -> ReportPeriod | None:
    """The period a code names, or None if it names none (``2026-Q5``, ``abc``)."""
    match = _PATTERN.match((code or "").strip())
    if not match:
        return None
    kind, index = (match["kind"] or "Y").upper(), int(match["index"] or 1)
    if (kind == "Q" and not 1 <= index <= 4) or (kind == "H" and index not in (1, 2)):
        return None
    return ReportPeriod(int(match["year"]), kind, index)


def periods_of_kind(kind: str, start: dt.date, end: dt.date) -> list[ReportPeriod]:
    """Every period of ``kind`` ("Q", "H", "Y") that shares at least one day with ``start``–``end``."""
    months = MONTHS[kind]
    found = []
    for year in range(start.year, end.year + 1):
        for index in range(1, 12 // months + 1):
            period = ReportPeriod(year, kind, index)
            if period.start <= end and period.end >= start:
                found.append(period)
    return found
