"""oversight/permissions.py for every role: who reads, who creates, who edits which activity."""

import pytest

from council.models import Role
from oversight.models import OversightActivity
from oversight.permissions import (
    can_create_activity,
    can_edit_activity,
    can_read_oversight,
    sees_whole_council,
)
from tests.conftest import ALL_ROLES
from tests.council.factories import CommitteeFactory

READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}
WHOLE_COUNCIL = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}
MANAGERS = {Role.OFFICE, Role.ADMIN}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_reads_creates_and_edits_what_it_should(role, council, other_council, user_with_role):
    user = user_with_role(role)
    other_committee = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    theirs = OversightActivity(council=council, committee=other_committee)
    assert can_read_oversight(user, council) == (role in READERS)
    assert sees_whole_council(user, council) == (role in WHOLE_COUNCIL)
    assert can_create_activity(user, council) == (role in MANAGERS | {Role.COMMITTEE_HEAD})
    assert can_edit_activity(user, theirs) == (role in MANAGERS)
    assert not can_read_oversight(user, other_council)
    assert not can_edit_activity(user, OversightActivity(council=other_council, committee=None))


def test_a_committee_head_edits_only_their_committees_activities(council, user_with_role):
    head = user_with_role(Role.COMMITTEE_HEAD)
    own = head.roles.get().committee
    other = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    assert can_edit_activity(head, OversightActivity(council=council, committee=own))
    assert not can_edit_activity(head, OversightActivity(council=council, committee=other))
    assert not can_edit_activity(head, OversightActivity(council=council, committee=None))
