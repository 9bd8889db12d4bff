"""delegates/permissions.py for every role, and the rights that depend on the delegate: one's own programme,
the group's leaders, the Standing Committee."""

import pytest

from council.models import Role
from delegates.models import Assessor, GroupMembership
from delegates.permissions import (
    assessors_for,
    can_edit_program,
    can_read_delegate_work,
    can_read_group_work,
    can_read_mandate_work,
    can_read_standing,
    can_record_group_work,
    leads_group_of,
)
from tests.conftest import ALL_ROLES
from tests.council.factories import RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory

WORK_READERS = {
    Role.OFFICE,
    Role.ADMIN,
    Role.STANDING,
    Role.COMMITTEE_HEAD,
    Role.LEADERSHIP,
    Role.GROUP_LEADER,
    Role.DELEGATE,
}
MANAGERS = {Role.OFFICE, Role.ADMIN}
OVERVIEW = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}


@pytest.fixture
def group(council):
    return GroupFactory(term=TermFactory(council=council))


@pytest.fixture
def member(group):
    return GroupMembershipFactory(group=group).mandate


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_has_its_rights_over_delegates_work(
    role, council, other_council, group, member, user_with_role
):
    user = user_with_role(role)
    assert can_read_delegate_work(user, council) == (role in WORK_READERS)
    assert can_read_standing(user, council) == (role in MANAGERS | {Role.STANDING})
    # Someone else's programme, in a group the user is not part of.
    assert can_read_mandate_work(user, member) == (role in OVERVIEW)
    assert can_edit_program(user, member) == (role in MANAGERS)
    assert assessors_for(user, member) == ([Assessor.STANDING] if role == Role.STANDING else [])
    assert can_read_group_work(user, group) == (role in OVERVIEW)
    assert can_record_group_work(user, group) == (role in MANAGERS)
    assert not can_read_delegate_work(user, other_council)


def test_a_delegate_writes_and_assesses_only_their_own_programme(council, member):
    user = UserFactory()
    RoleFactory(user=user, council=council, role=Role.DELEGATE)
    member.delegate.user = user
    member.delegate.save()
    assert can_read_mandate_work(user, member)
    assert can_edit_program(user, member)
    assert assessors_for(user, member) == [Assessor.SELF]


def test_the_groups_leader_reads_records_and_assesses_its_members(council, group, member):
    leader = UserFactory()
    RoleFactory(user=leader, council=council, role=Role.GROUP_LEADER)
    seat = GroupMembershipFactory(group=group, role=GroupMembership.Role.LEADER)
    seat.mandate.delegate.user = leader
    seat.mandate.delegate.save()
    assert leads_group_of(leader, member)
    assert can_read_mandate_work(leader, member)
    assert not can_edit_program(leader, member)
    assert assessors_for(leader, member) == [Assessor.GROUP]
    assert can_read_group_work(leader, group)
    assert can_record_group_work(leader, group)
    # Without the group leader's role the seat alone gives nothing to lead.
    leader.roles.update(role=Role.DELEGATE)
    del leader._role_context
    assert not leads_group_of(leader, member)
    assert not can_record_group_work(leader, group)
    assert can_read_group_work(leader, group)  # still a member of the group
