"""Whether a person may open a record's page: the same rules the record's own page applies, read from the
owning app's permissions. ``notify`` sends a notice only to those who may open its record, the redirect of
a notice checks again (roles change), and the calendar lists only what its owner may open.

A model not listed here is opened by nobody: a new kind of subject must say who may open it before any
notice about it reaches anyone.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Model

from council.models import User
from council.permissions import can_manage_records, followups_visible_to, headed_committees, roles_on
from delegates.permissions import can_read_delegate_work
from oversight.permissions import can_read_oversight, sees_whole_council
from reports.permissions import reports_visible_to
from sessions.permissions import interpellations_visible_to
from voters.permissions import can_read_voters


def _member(user: User, record) -> bool:
    return bool(roles_on(user, record))


def _activity(user: User, activity) -> bool:
    council = activity.council
    if not can_read_oversight(user, council):
        return False
    return sees_whole_council(user, council) or activity.committee_id in headed_committees(user, council)


def _visible_in(visible_to: Callable[[User, Any], Any]) -> Callable[[User, Any], bool]:
    def check(user: User, record) -> bool:
        return bool(roles_on(user, record)) and visible_to(user, record.council).filter(pk=record.pk).exists()

    return check


def _council_right(predicate: Callable[[User, Any], bool]) -> Callable[[User, Any], bool]:
    return lambda user, record: predicate(user, record.council)


OPENERS: dict[str, Callable[[User, Any], bool]] = {
    "council_sessions.Session": _member,
    "council_sessions.Sitting": _member,
    "council_sessions.Resolution": _member,
    "council_sessions.Interpellation": _visible_in(interpellations_visible_to),
    "council.FollowUp": _visible_in(followups_visible_to),
    "delegates.TrainingCourse": _council_right(can_read_delegate_work),
    "delegates.Mandate": _council_right(can_manage_records),
    "voters.VoterMeeting": _council_right(can_read_voters),
    "oversight.OversightActivity": _activity,
    "oversight.Accountability": _council_right(can_read_oversight),
    "reports.Report": _visible_in(reports_visible_to),
}


def may_open(user: User, record: Model) -> bool:
    """Whether the user may open the record's page (an active user holding a role in its council)."""
    if not user.is_active:
        return False
    opener = OPENERS.get(record._meta.label)
    return opener is not None and opener(user, record)
