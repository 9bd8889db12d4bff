"""Who may write or change an interpellation slip."""

from council.models import Role, User
from council.permissions import can_manage_records, roles_in

from .models import Interpellation


def can_edit_slip(user: User, slip: Interpellation) -> bool:
    """The Office until the slip is answered; a delegate only their own slip, and only before submitting it."""
    if can_manage_records(user, slip.council):
        return slip.state in (Interpellation.State.DRAFT, Interpellation.State.SUBMITTED)
    if Role.DELEGATE not in roles_in(user, slip.council) and Role.GROUP_LEADER not in roles_in(
        user, slip.council
    ):
        return False
    own = slip.created_by_id == user.pk or slip.askers.filter(delegate__user=user).exists()
    return own and slip.state == Interpellation.State.DRAFT
