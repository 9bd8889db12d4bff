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
        if self.kind == "Q":
            return _("Q%(index)s/%(year)s") % {"index": ROMAN[self.index], "year": self.year}
        if self.kind == "H":
            if self.index == 1:
                return _("first half of %(year)s") % {"year": self.year}
            return _("second half of %(year)s") % {"year": self.year}
        return str(self.year)

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


def parse_period(code: str, *, today: dt.date, allow_open: bool = True) -> Period:
    """Read a period code; refuse a malformed one and one that has not begun (or, if ``allow_open`` is
    false, not yet ended)."""
    match = _PATTERN.match((code or "").strip())
    if not match:
        raise ValidationError(
            _(
                "“%(code)s” is not a period: write 2026-Q1 for a quarter, 2026-H1 for a half-year or 2026 for a year."
            )
            % {"code": code}
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
        raise ValidationError(_("The period %(code)s has not begun yet.") % {"code": period.code})
    if not allow_open and period.end >= today:
        raise ValidationError(
            _("The period %(code)s ends on %(end)s: its report can be generated from the day after.")
            % {"code": period.code, "end": period.end.strftime("%d/%m/%Y")}
        )
    return period
