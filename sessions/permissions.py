"""Who may see, write or change an interpellation slip: every member of the council reads the slips, but a
draft belongs to its authors (and the Office) until they submit it."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from council.models import Role, User
from council.permissions import can_manage_records, is_member, roles_in, roles_on

from .models import Interpellation

ASKERS = frozenset({Role.DELEGATE, Role.GROUP_LEADER})


def interpellations_visible_to(user: User, council) -> QuerySet[Interpellation]:
    """The slips whose page the user may open: a draft only by its authors (and the Office)."""
    if not is_member(user, council):
        return Interpellation.objects.none()
    visible = Interpellation.objects.filter(council=council)
    if not can_manage_records(user, council):
        own = Q(created_by=user) | Q(askers__delegate__user=user)
        visible = visible.exclude(Q(state=Interpellation.State.DRAFT) & ~own).distinct()
    return visible


def get_interpellation_for_user_or_404(user: User, council, pk: int) -> Interpellation:
    """A slip the user may open; another's draft is a 404, like a missing slip."""
    return get_object_or_404(
        interpellations_visible_to(user, council)
        .select_related("session", "agency", "field", "rule")
        .prefetch_related("askers__delegate"),
        pk=pk,
    )


def can_ask_with(user: User, mandate) -> bool:
    """A delegate (or group leader) writes a slip in the name of their own mandate."""
    return (
        mandate is not None and mandate.delegate.user_id == user.pk and bool(roles_on(user, mandate) & ASKERS)
    )


def is_asker(user: User, slip: Interpellation) -> bool:
    return slip.askers.filter(delegate__user=user).exists()


def can_edit_slip(user: User, slip: Interpellation) -> bool:
    """The Office until the slip is answered; a delegate only their own, and only before submitting it."""
    if can_manage_records(user, slip.council):
        return slip.state in (Interpellation.State.DRAFT, Interpellation.State.SUBMITTED)
    if not roles_in(user, slip.council) & ASKERS:
        return False
    own = slip.created_by_id == user.pk or slip.askers.filter(delegate__user=user).exists()
    return own and slip.state == Interpellation.State.DRAFT


def can_take_slip_action(user: User, slip: Interpellation, action: str) -> bool:
    """The Office runs every step; a delegate submits their draft and assesses the answer they asked for."""
    if can_manage_records(user, slip.council):
        return True
    if action == "submit":
        return can_edit_slip(user, slip)
    return action == "assess" and is_asker(user, slip)
