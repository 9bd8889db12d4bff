"""Reading cells as people fill them: text, dates in the usual Vietnamese forms, numbers, header names."""

import datetime as dt
import difflib
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from council.text import fold, normalize
from council.uploads import inspect_upload

from .messages import Grouped, Message

MAX_ROWS = 10_000
# Dates before this year are typing errors (the councils' records start well after it).
EARLIEST_YEAR = 1990

# d/m/yyyy with "/", "-" or "." between the parts (the separators must agree), or ISO yyyy-mm-dd; an
# optional time after it (a date typed as text from another program's export).
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def text(value) -> str:
    """A cell as text: whole numbers without ".0", Unicode in NFC, blanks around removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def parse_date(value) -> dt.date:
    """A date cell, or text as dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd; ValueError else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    typed = text(value)
    day_first, iso = _DAY_FIRST.match(typed), _ISO.match(typed)
    if day_first:
        day, month, year = int(day_first[1]), int(day_first[3]), int(day_first[4])
    elif iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    else:
        raise ValueError(
            Message(
                gettext_noop("“%(value)s” is not a date: write it as dd/mm/yyyy, e.g. 05/10/2025."),
                value=typed,
            )
        )
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(
            Message(gettext_noop("“%(value)s” is not a real date: check the day and the month."), value=typed)
        ) from error


def check_date(day: dt.date, *, today: dt.date, future: bool = False) -> dt.date:
    """Refuse a date in the future (unless allowed) or before EARLIEST_YEAR, with a clear message."""
    if not future and day > today:
        raise ValueError(
            Message(
                gettext_noop("%(date)s is in the future; it cannot have happened yet."),
                date=f"{day:%d/%m/%Y}",
            )
        )
    if day.year < EARLIEST_YEAR:
        raise ValueError(
            Message(
                gettext_noop("%(date)s is before %(year)s: check the year."),
                date=f"{day:%d/%m/%Y}",
                year=EARLIEST_YEAR,
            )
        )
    return day


_NUMBER = re.compile(r"^(\d{1,7})(?:[.,]0+)?(?:\s+\D*)?$")


def parse_count(value, *, maximum: int = 1_000_000) -> int:
    """A count such as 3, "3" or "3 cử tri": a whole number from 1 to ``maximum``; ValueError else."""
    typed = text(value)
    match = _NUMBER.match(typed)
    if not match or not 1 <= int(match[1]) <= maximum:
        raise ValueError(Message(gettext_noop("“%(value)s” is not a number of voters."), value=typed))
    return int(match[1])


def header_key(value) -> str:
    """A header as compared: no accents, case, punctuation or extra blanks ("Xã, phường" → "xa phuong")."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text(value))).split())


def read_rows(upload) -> list[tuple[int, list]]:
    """The first sheet's non-empty rows as (row number, values); ValidationError for a non-workbook file."""
    info = inspect_upload(upload)  # size, type and zip-bomb checks before the parser sees the bytes
    if getattr(info, "kind", "xlsx") != "xlsx":
        raise ValidationError(Message(gettext_noop("The file could not be read as an Excel workbook.")))
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # any parser failure means the file is not a usable workbook
        raise ValidationError(
            Message(gettext_noop("The file could not be read as an Excel workbook."))
        ) from error
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 1:
            workbook.close()
            raise ValidationError(
                Message(
                    gettext_noop("The file has more than %(max)s rows; split it into smaller files."),
                    max=Grouped(MAX_ROWS),
                )
            )
        if number > 1 and all(v in (None, "") for v in values):
            continue
        rows.append((number, list(values)))
    workbook.close()
    return rows


class Lookup:
    """Name → record for one kind of reference (a field, an agency), matched without accents or case."""

    def __init__(self, rows):
        self.by_name: dict[str, list] = {}
        for row in rows:
            self.by_name.setdefault(fold(row.name), []).append(row)

    def get(self, value: str):
        matches = self.by_name.get(fold(value), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(Message(gettext_noop("“%(value)s” matches several records."), value=value))
        close = difflib.get_close_matches(fold(value), list(self.by_name), n=3, cutoff=0.6)
        if close:
            return_names = ", ".join(self.by_name[name][0].name for name in close)
            raise ValueError(
                Message(
                    gettext_noop("“%(value)s” is not known; did you mean %(names)s?"),
                    value=value,
                    names=return_names,
                )
            )
        raise ValueError(Message(gettext_noop("“%(value)s” is not known."), value=value))
