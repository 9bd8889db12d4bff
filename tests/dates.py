"""Dates relative to the day the tests run, defined once for every test module.

Records the services check against today (a meeting cannot be in the future, a follow-up is overdue
after its due date) are dated with these; fixed dates (``dt.date(2026, 5, 4)``) stay fixed where a test
is about a calendar (a quarter, a holiday, a term).
"""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today in the council's time zone, read at each call (a run may cross midnight)."""
    return timezone.localdate()


def days(n: int) -> dt.date:
    """The day ``n`` days from today (``days(-10)`` was ten days ago)."""
    return today() + dt.timedelta(days=n)
