"""Who may see and change oversight: the Office everything; the head of a committee the activities their
committee leads; the Standing Committee and the leadership read everything; a delegate reads the activities
whose delegation they sit on (their notice and their calendar's fieldwork link there)."""

from django.db.models import Q, QuerySet

from council.models import Role, User
from council.permissions import can_manage_records, headed_committees, roles_in

from .models import OversightActivity

READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP})
WHOLE_COUNCIL = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP})


def can_read_oversight(user: User, council) -> bool:
    return bool(roles_in(user, council) & READERS)


def sees_whole_council(user: User, council) -> bool:
    return bool(roles_in(user, council) & WHOLE_COUNCIL)


def _on_delegation(user: User) -> Q:
    return Q(members__mandate__delegate__user_id=user.pk)


def _on_delegation_member(user: User) -> Q:
    return Q(mandate__delegate__user_id=user.pk)


def can_read_activities(user: User, council) -> bool:
    """Oversight's readers, and a member of the council who sits on one of its delegations (one query)."""
    if can_read_oversight(user, council):
        return True
    return bool(roles_in(user, council)) and (
        OversightActivity.objects.filter(_on_delegation(user), council=council).exists()
    )


def can_open_activity(user: User, activity: OversightActivity) -> bool:
    """Whether the user may open this activity's page: what ``narrow_activities`` lets them list."""
    council = activity.council
    if sees_whole_council(user, council):
        return True
    if can_read_oversight(user, council) and activity.committee_id in headed_committees(user, council):
        return True
    return bool(roles_in(user, council)) and activity.members.filter(_on_delegation_member(user)).exists()


def narrow_activities(queryset: QuerySet, request) -> QuerySet:
    """Without a council-wide role: the activities the user's committee leads (a committee head) and those
    whose delegation they sit on."""
    user, council = request.user, request.council
    if sees_whole_council(user, council):
        return queryset
    led = Q(pk__in=[])
    if can_read_oversight(user, council):
        led = Q(committee__in=headed_committees(user, council))
    sits_on = OversightActivity.objects.filter(_on_delegation(user)).values("pk")
    return queryset.filter(led | Q(pk__in=sits_on))


def can_create_activity(user: User, council) -> bool:
    """The Office, or a committee head (for their own committee's activities)."""
    return can_manage_records(user, council) or bool(headed_committees(user, council))


def can_edit_activity(user: User, activity: OversightActivity) -> bool:
    if can_manage_records(user, activity.council):
        return True
    return activity.committee_id is not None and activity.committee_id in headed_committees(
        user, activity.council
    )


# Study and exchange trips are read by every member of the council (not by agencies' respondents).
TRIP_READERS = frozenset(Role.values) - {Role.AGENCY}


def can_read_study_trips(user: User, council) -> bool:
    return bool(roles_in(user, council) & TRIP_READERS)
