"""Who may change an oversight activity: the Office, and the head of the committee that leads it."""

from council.models import Role, User
from council.permissions import can_manage_records, roles_in

from .models import OversightActivity

READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP})


def can_read_oversight(user: User, council) -> bool:
    return bool(roles_in(user, council) & READERS)


def can_edit_activity(user: User, activity: OversightActivity) -> bool:
    if can_manage_records(user, activity.council):
        return True
    if activity.committee_id is None or Role.COMMITTEE_HEAD not in roles_in(user, activity.council):
        return False
    return user.roles.filter(
        council=activity.council, role=Role.COMMITTEE_HEAD, committee=activity.committee_id
    ).exists()
