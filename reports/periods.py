"""Reporting periods: a quarter (``2026-Q1``), a half-year (``2026-H1``) or a year (``2026``)."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QqHh])(?P<index>\d))?$")


@dataclass(frozen=True)
class Period:
    kind: str  # "Q", "H" or "Y"
    year: int
    index: int = 1

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}{self.index}"

    @property
    def months(self) -> int:
        return {"Q": 3, "H": 6, "Y": 12}[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = self.index * self.months
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    def label(self) -> str:
        """The period as Vietnamese documents write it (“quý I năm 2026”, “6 tháng đầu năm 2026”)."""
        if self.kind == "Q":
            return _("quarter %(roman)s of %(year)s") % {"roman": ROMAN[self.index], "year": self.year}
        if self.kind == "H":
            if self.index == 1:
                return _("the first six months of %(year)s") % {"year": self.year}
            return _("the last six months of %(year)s") % {"year": self.year}
        return _("the year %(year)s") % {"year": self.year}

    def short_label(self) -> str:
        """The period as pages show it: “Quý I/2026”, “6 tháng đầu năm 2026”, “Năm 2026” (never a code)."""
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

    def file_part(self) -> str:
        """The period in a download's name, in words without accents:
        ``quy-II-2026``, ``6-thang-dau-nam-2026``."""
        if self.kind == "Q":
            return f"quy-{ROMAN[self.index]}-{self.year}"
        if self.kind == "H":
            return f"6-thang-{'dau' if self.index == 1 else 'cuoi'}-nam-{self.year}"
        return f"nam-{self.year}"

    def previous(self) -> "Period":
        if self.kind == "Y" or self.index == 1:
            count = {"Q": 4, "H": 2, "Y": 1}[self.kind]
            return Period(self.kind, self.year - 1, count)
        return Period(self.kind, self.year, self.index - 1)

    def year_before(self) -> "Period":
        return Period(self.kind, self.year - 1, self.index)

    def quarters(self) -> list["Period"]:
        first = (self.start.month - 1) // 3 + 1
        return [Period("Q", self.year, first + i) for i in range(self.months // 3)]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def quarter_of(day: dt.date) -> Period:
    return Period("Q", day.year, (day.month - 1) // 3 + 1)


def period_from_code(code: str) -> Period | None:
    """A stored period code (a report's) as a period, or None if it is not one (a session's report)."""
    match = _PATTERN.match(code or "")
    if not match:
        return None
    kind, index = (match["kind"] or "Y").upper(), int(match["index"] or 1)
    if (kind == "Q" and not 1 <= index <= 4) or (kind == "H" and index not in (1, 2)):
        return None
    return Period(kind, int(match["year"]), index)


def period_of_window(start: dt.date, end: dt.date) -> Period | None:
    """The quarter, half-year or year that runs exactly from ``start`` to ``end``, if there is one."""
    if start.day != 1 or start.year != end.year:
        return None
    for kind, months in (("Q", 3), ("H", 6), ("Y", 12)):
        if (start.month - 1) % months == 0:
            period = Period(kind, start.year, (start.month - 1) // months + 1)
            if period.end == end:
                return period
    return None


def recent_periods(today: dt.date, kinds: str = "YHQ", years: int = 3) -> list[Period]:
    """The periods a picker offers, latest first: those of the last ``years`` years that have begun."""
    choices = []
    for year in range(today.year, today.year - years, -1):
        if "Y" in kinds:
            choices.append(Period("Y", year))
        if "H" in kinds:
            choices += [Period("H", year, 2), Period("H", year, 1)]
        if "Q" in kinds:
            choices += [Period("Q", year, i) for i in (4, 3, 2, 1)]
    return [p for p in choices if p.start <= today]


def parse_period(code: str, *, today: dt.date, allow_open: bool = True) -> Period:
    """Read a period code; refuse a malformed one and one that has not begun (or, if ``allow_open`` is
    false, not yet ended)."""
    match = _PATTERN.match((code or "").strip())
    if not match:
        raise ValidationError(
            _("“%(code)s” is not a period: choose one from the list.") % {"code": (code or "")[:40]}
        )
    year = int(match["year"])
    kind = (match["kind"] or "Y").upper()
    index = int(match["index"] or 1)
    if kind == "Q" and not 1 <= index <= 4:
        raise ValidationError(_("A year has quarters 1 to 4 (“%(code)s”).") % {"code": code})
    if kind == "H" and index not in (1, 2):
        raise ValidationError(_("A year has half-years 1 and 2 (“%(code)s”).") % {"code": code})
    if year < 2000:
        raise ValidationError(_("There are no records before 2000 (“%(code)s”).") % {"code": code})
    period = Period(kind, year, index)
    if period.start > today:
        raise ValidationError(_("The period %(code)s has not begun yet.") % {"code": period.short_label()})
    if not allow_open and period.end >= today:
        raise ValidationError(
            _("The period %(code)s ends on %(end)s: its report can be generated from the day after.")
            % {"code": period.short_label(), "end": period.end.strftime("%d/%m/%Y")}
        )
    return period
