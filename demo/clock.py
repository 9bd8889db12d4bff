"""The demo's one way to give its records the dates they would have had: ``as_of(day)``.

The services stamp what they do with ``timezone.now()`` / ``timezone.localdate()`` (an answer's
``first_answered_on``, a closing's ``closed_on``, every event's time). Seeded on a single day, a year of
demo work would all be stamped with that day: every answer late, every quarter's on-time rate 0%. Inside
``with as_of(day):`` the services run unchanged, only the clock reads ``day`` (plus the seconds spent
inside, so events keep their order): Django's ``timezone.now`` and the ``default=timezone.now`` of the
models' timestamp fields. Only the demo loader uses it; the application never does.

``answered_on`` and ``closed_on`` say when, in the demo's story, an agency answered an item and the
Office closed it: most answers before the due date, some late, none in the future.
"""

import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.utils import timezone

DAY = dt.timedelta(days=1)
WORK_STARTS = dt.time(8, 30)

# One answer in LATE_ONE_IN is given after its due date (a council's usual record is 75–90% on time).
LATE_ONE_IN = 5

_real_now = timezone.now
_latest: dt.datetime | None = None  # the last time the demo clock gave


def _stamped_fields() -> list:
    """The model fields whose default is the clock itself (created_at, at, uploaded_at…)."""
    return [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if getattr(f, "default", None) is timezone.now
    ]


@contextmanager
def as_of(day: dt.date) -> Iterator[None]:
    """Run the code inside as if it were ``day`` (from 8:30 local time); never later than the real now."""
    global _latest
    start = min(timezone.make_aware(dt.datetime.combine(day, WORK_STARTS)), _real_now())
    if _latest is not None and start.date() == _latest.date() and start <= _latest:
        start = _latest + dt.timedelta(milliseconds=1)  # a later step of the same day comes after
    began = time.monotonic()

    last = start - dt.timedelta(microseconds=1)

    def now() -> dt.datetime:
        # Strictly increasing even when the monotonic clock has not ticked between two calls.
        global _latest
        nonlocal last
        elapsed = dt.timedelta(seconds=time.monotonic() - began)
        last = max(start + elapsed, last + dt.timedelta(microseconds=1))
        _latest = last
        return last

    fields = _stamped_fields()
    outer = timezone.now  # the real clock, or the clock of an enclosing as_of
    timezone.now = now
    for f in fields:
        f.default = now
        f.__dict__.pop("_get_default", None)  # Field caches its default getter
    try:
        yield
    finally:
        timezone.now = outer
        for f in fields:
            f.default = outer
            f.__dict__.pop("_get_default", None)


def _share(key: str) -> int:
    """A stable number 0–99 for ``key`` (the same every run, unlike ``hash``)."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100


def answered_on(
    key: str, assigned: dt.date, due: dt.date | None, today: dt.date, *, late: bool | None = None
) -> dt.date:
    """When the agency answered item ``key``: within its term for most, a few days to weeks late for one in
    ``LATE_ONE_IN`` (or as ``late`` says); never before it was assigned nor after today."""
    share = _share(key)
    if late is None:
        late = share % LATE_ONE_IN == 0
    if due is None or due <= assigned:
        day = assigned + (3 + share % 20) * DAY
    elif late:
        day = due + (2 + share % 25) * DAY
    else:
        day = assigned + (due - assigned) * (40 + share % 55) // 100
    return max(assigned, min(day, today))


def closed_on(key: str, answered: dt.date, today: dt.date) -> dt.date:
    """When the Office verified and closed the answer of item ``key``: one to three weeks after it."""
    return max(answered, min(answered + (5 + _share(key + "/closed") % 16) * DAY, today))


ANSWERS = ("progress", "done", "cannot")


def step_on(
    key: str,
    action: str,
    assigned: dt.date,
    due: dt.date | None,
    after: dt.date,
    today: dt.date,
    *,
    late=None,
) -> dt.date:
    """The day a demo follow-up step is taken, never before ``after`` (the step before it): an answer on
    ``answered_on`` (a progress report half-way there), a verification on ``closed_on``, anything else
    (reopening, escalating, moving the due date) today."""
    if action in ANSWERS:
        answered = answered_on(key, assigned, due, today, late=late)
        day = assigned + (answered - assigned) // 2 if action == "progress" else answered
    elif action == "verify":
        day = closed_on(key, after, today)
    else:
        day = today
    return max(after, day)
