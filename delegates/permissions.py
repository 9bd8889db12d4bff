"""Who may see and do what with delegates' records: the council's own people read the delegates' work; the
Office keeps it; a delegate writes their own action programme; a group's leaders record its work and assess
its members; the Standing Committee assesses every delegate."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from council.models import Role, User
from council.permissions import MANAGERS, OVERVIEW_READERS, can_manage_records, roles_in, roles_on

from .models import Assessor, DelegateGroup, GroupMembership, Mandate, PartyAssignment, PartyDelegationMember

DELEGATE_WORK_READERS = frozenset(
    {
        Role.OFFICE,
        Role.ADMIN,
        Role.STANDING,
        Role.COMMITTEE_HEAD,
        Role.LEADERSHIP,
        Role.GROUP_LEADER,
        Role.DELEGATE,
    }
)
LEADERS = (GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY)


def can_read_delegate_work(user: User, council) -> bool:
    """The council's own people; an agency's respondent has no business with delegates' records."""
    return bool(roles_in(user, council) & DELEGATE_WORK_READERS)


def can_read_standing(user: User, council) -> bool:
    """The Standing Committee's seats: kept by the Office, read by the Standing Committee itself."""
    return can_manage_records(user, council) or Role.STANDING in roles_in(user, council)


def leads_group_of(user: User, mandate: Mandate, on=None) -> bool:
    """Whether the user leads (or deputises) a group the mandate belongs to, on the day."""
    on = on or timezone.localdate()
    if Role.GROUP_LEADER not in roles_on(user, mandate):
        return False
    groups = GroupMembership.objects.filter(mandate=mandate).active_on(on).values("group")
    return (
        GroupMembership.objects.filter(group__in=groups, role__in=LEADERS, mandate__delegate__user=user)
        .active_on(on)
        .exists()
    )


def can_read_mandate_work(user: User, mandate: Mandate) -> bool:
    """A delegate's programme and yearly evaluation: the delegate, overview readers, their group's leaders."""
    return (
        mandate.delegate.user_id == user.pk
        or bool(roles_on(user, mandate) & OVERVIEW_READERS)
        or leads_group_of(user, mandate)
    )


def can_edit_program(user: User, mandate: Mandate) -> bool:
    """The delegate writes their own action programme; the Office may enter it for them."""
    return mandate.delegate.user_id == user.pk or bool(roles_on(user, mandate) & MANAGERS)


def assessors_for(user: User, mandate: Mandate) -> list[Assessor]:
    """In which capacities the user may assess this delegate's programme or rate their year."""
    if mandate.delegate.user_id == user.pk:
        # One's own programme is assessed as oneself only, never as the group or the Standing Committee.
        return [Assessor.SELF]
    parties: list[Assessor] = []
    if leads_group_of(user, mandate):
        parties.append(Assessor.GROUP)
    if Role.STANDING in roles_on(user, mandate):
        parties.append(Assessor.STANDING)
    return parties


def can_assess(user: User, mandate: Mandate, by: str) -> bool:
    return by in assessors_for(user, mandate)


def can_read_group_work(user: User, group: DelegateGroup) -> bool:
    """A group's activity: the overview readers and the group's own members."""
    if roles_on(user, group) & OVERVIEW_READERS:
        return True
    return GroupMembership.objects.filter(group=group, mandate__delegate__user=user).exists()


def can_record_group_work(user: User, group: DelegateGroup) -> bool:
    """The group's leader or deputy (holding the group leader's role), or the Office."""
    if roles_on(user, group) & MANAGERS:
        return True
    return (
        Role.GROUP_LEADER in roles_on(user, group)
        and GroupMembership.objects.filter(group=group, mandate__delegate__user=user, role__in=LEADERS)
        .active_on(timezone.localdate())
        .exists()
    )


# --- Party delegation -----------------------------------------------------------------------------------

# The Office keeps the Party delegation's records; the Standing Committee and the leadership read them.
PARTY_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP})


def can_read_party_delegation(user: User, council) -> bool:
    """The whole delegation's page: its members, fields and reports."""
    return bool(roles_in(user, council) & PARTY_READERS)


def party_members_visible_to(user: User, council):
    """Memberships the user may open: every one for the readers, one's own for a member, else none."""
    if can_read_party_delegation(user, council):
        return PartyDelegationMember.objects.filter(council=council)
    if not roles_in(user, council):
        return PartyDelegationMember.objects.none()
    return PartyDelegationMember.objects.filter(council=council, delegate__user=user)


def get_party_member_for_user_or_404(user: User, council, pk: int):
    """A membership the user may see; anything else is a 404 (missing and forbidden look alike)."""
    return get_object_or_404(
        party_members_visible_to(user, council).select_related("delegate", "term"), pk=pk
    )


def party_assignments_visible_to(user: User, council):
    return PartyAssignment.objects.filter(member__in=party_members_visible_to(user, council))


def can_submit_party_report(user: User, assignment) -> bool:
    """The member assigned the field (their account linked to the delegate), or the Office for them."""
    if roles_on(user, assignment) & MANAGERS:
        return True
    return bool(roles_on(user, assignment)) and assignment.member.delegate.user_id == user.pk
