"""Who may see and report on directives: the council's readers see them; each item is reported on by whom it
names (the member, the committee's head, the group's leader, or the Office for the Office's items)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from council.models import Council, Role, User
from council.permissions import MANAGERS, headed_committees, role_context, roles_in, roles_on
from delegates.models import GroupMembership

from .models import DirectiveItem

READERS = frozenset(
    {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP, Role.COMMITTEE_HEAD, Role.GROUP_LEADER}
)
LEADERS = (GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY)
Responsible = DirectiveItem.Responsible


def can_read_directives(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council) & READERS)


def can_report_on_item(user: User, item: DirectiveItem) -> bool:
    """Whether the user answers for the item: the member named, the committee's head, the group's leader,
    or the Office for the Office's items."""
    roles = roles_on(user, item.directive)
    if item.responsible == Responsible.MEMBER:
        return item.member_id == user.pk
    if item.responsible == Responsible.COMMITTEE:
        return item.committee_id in role_context(user).headed_committees(item.directive.council_id)
    if item.responsible == Responsible.GROUP:
        return (
            Role.GROUP_LEADER in roles
            and GroupMembership.objects.filter(
                group=item.group_id, mandate__delegate__user=user, role__in=LEADERS
            )
            .active_on(timezone.localdate())
            .exists()
        )
    return bool(roles & MANAGERS)


def items_answered_by(user: User, council: Council) -> QuerySet[DirectiveItem]:
    """The items the user answers for, in one query."""
    roles = roles_in(user, council)
    led = GroupMembership.objects.filter(mandate__delegate__user=user, role__in=LEADERS).active_on(
        timezone.localdate()
    )
    condition = Q(responsible=Responsible.MEMBER, member=user) | Q(
        responsible=Responsible.COMMITTEE, committee__in=headed_committees(user, council)
    )
    if Role.GROUP_LEADER in roles:
        condition |= Q(responsible=Responsible.GROUP, group__in=led.values("group"))
    if roles & MANAGERS:
        condition |= Q(responsible=Responsible.OFFICE)
    return DirectiveItem.objects.filter(directive__council=council).filter(condition)
