"""Whether a person may open a record's page: the same rules the record's own page applies, read from the
owning app's permissions. ``notify`` sends a notice only to those who may open its record, the redirect of
a notice checks again (roles change), and a person's events (``reports/calendar.py``: their calendar feed
and their home page) list only what they may open. It lives in ``reports``, the lowest app that reads every
other app's permissions, so the home page and the notifications app share it.

A model not listed here is opened by nobody: a new kind of subject must say who may open it before any
notice about it reaches anyone.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model

from council.models import User
from council.permissions import can_manage_records, followups_visible_to, roles_on
from delegates.permissions import can_read_delegate_work
from oversight.permissions import can_open_activity, can_read_oversight
from sessions.permissions import interpellations_visible_to
from voters.permissions import can_read_voters

from .permissions import reports_visible_to


def _member(user: User, record) -> bool:
    return bool(roles_on(user, record))


class _VisibleIn:
    """Opened by whoever's ``visible_to(user, council)`` queryset holds the record (a query to find out)."""

    def __init__(self, visible_to: Callable[[User, Any], Any]):
        self.visible_to = visible_to

    def __call__(self, user: User, record) -> bool:
        return bool(roles_on(user, record)) and self.opened(user, record.council, [record.pk]) == {record.pk}

    def opened(self, user: User, council, pks: list[int]) -> set[int]:
        return set(self.visible_to(user, council).filter(pk__in=pks).values_list("pk", flat=True))


def _council_right(predicate: Callable[[User, Any], bool]) -> Callable[[User, Any], bool]:
    return lambda user, record: predicate(user, record.council)


OPENERS: dict[str, Callable[[User, Any], bool]] = {
    "council_sessions.Session": _member,
    "council_sessions.Sitting": _member,
    "council_sessions.Resolution": _member,
    "council_sessions.Interpellation": _VisibleIn(interpellations_visible_to),
    "council.FollowUp": _VisibleIn(followups_visible_to),
    "delegates.TrainingCourse": _council_right(can_read_delegate_work),
    "delegates.Mandate": _council_right(can_manage_records),
    "voters.VoterMeeting": _council_right(can_read_voters),
    "oversight.OversightActivity": can_open_activity,
    "oversight.Accountability": _council_right(can_read_oversight),
    "reports.Report": _VisibleIn(reports_visible_to),
}


def may_open(user: User, record: Model) -> bool:
    """Whether the user may open the record's page (an active user holding a role in its council)."""
    if not user.is_active:
        return False
    opener = OPENERS.get(record._meta.label)
    return opener is not None and opener(user, record)


R = TypeVar("R", bound=Model)


def openable(user: User, records: Iterable[R]) -> list[R]:
    """The records the user may open, as ``may_open`` decides one by one, but a rule that needs a query runs
    once per kind and council (a page listing many records stays at a fixed number of queries). A record's
    council should be loaded with it (``select_related`` or assigned): the rules read it."""
    records = list(records)
    if not user.is_active:
        return []
    batches: dict[tuple[str, int], list] = defaultdict(list)
    for record in records:
        if isinstance(OPENERS.get(record._meta.label), _VisibleIn) and roles_on(user, record):
            council_id: int = record.council_id  # type: ignore[attr-defined]
            batches[(record._meta.label, council_id)].append(record)
    opened: set[tuple[str, int]] = set()
    for (label, _council_id), batch in batches.items():
        rule = OPENERS[label]
        assert isinstance(rule, _VisibleIn)
        opened.update((label, pk) for pk in rule.opened(user, batch[0].council, [r.pk for r in batch]))
    kept = []
    for record in records:
        label = record._meta.label
        opener = OPENERS.get(label)
        if opener is None:
            continue
        if (label, record.pk) in opened if isinstance(opener, _VisibleIn) else opener(user, record):
            kept.append(record)
    return kept
