"""People to notify: a user holding a role in a council, with a delegate's mandate when they are one."""

from council.models import Role
from tests.council.factories import AgencyFactory, CommitteeFactory, RoleFactory, UserFactory
from tests.delegates.factories import MandateFactory


def person(
    council,
    role: str = Role.DELEGATE,
    *,
    email: str = "",
    agency=None,
    committee=None,
    mandate: bool | None = None,
):
    """A user with ``role`` in the council; delegates and group leaders get a delegate and a mandate."""
    user = UserFactory(email=email)
    extra = {}
    if role == Role.AGENCY:
        extra["agency"] = agency or AgencyFactory(council=council)
    if role == Role.COMMITTEE_HEAD:
        extra["committee"] = committee or CommitteeFactory(council=council)
    RoleFactory(user=user, council=council, role=role, **extra)
    if mandate or (mandate is None and role in (Role.DELEGATE, Role.GROUP_LEADER)):
        made = MandateFactory(delegate__council=council, delegate__user=user)
        user.mandate = made
    return user
