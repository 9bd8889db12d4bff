"""Who may see and change oversight: the Office everything; the head of a committee the activities their
committee leads; the Standing Committee and the leadership read everything."""

from django.db.models import QuerySet

from council.models import Role, User
from council.permissions import can_manage_records, headed_committees, roles_in

from .models import OversightActivity

READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP})
WHOLE_COUNCIL = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP})


def can_read_oversight(user: User, council) -> bool:
    return bool(roles_in(user, council) & READERS)


def sees_whole_council(user: User, council) -> bool:
    return bool(roles_in(user, council) & WHOLE_COUNCIL)


def narrow_activities(queryset: QuerySet, request) -> QuerySet:
    """A committee head who holds no council-wide role sees only the activities their committee leads."""
    if sees_whole_council(request.user, request.council):
        return queryset
    return queryset.filter(committee__in=headed_committees(request.user, request.council))


def can_create_activity(user: User, council) -> bool:
    """The Office, or a committee head (for their own committee's activities)."""
    return can_manage_records(user, council) or bool(headed_committees(user, council))


def can_edit_activity(user: User, activity: OversightActivity) -> bool:
    if can_manage_records(user, activity.council):
        return True
    return activity.committee_id is not None and activity.committee_id in headed_committees(
        user, activity.council
    )
