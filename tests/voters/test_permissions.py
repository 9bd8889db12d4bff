"""voters/permissions.py for every role: who reads voters' business and letters, who records meetings, who
reviews which petition."""

import pytest

from council.models import Role
from tests.conftest import ALL_ROLES
from tests.council.factories import CommitteeFactory
from voters.models import Petition
from voters.permissions import (
    can_read_letters,
    can_read_voters,
    can_record_meetings,
    can_review_petition,
)

READERS = {
    Role.OFFICE,
    Role.ADMIN,
    Role.STANDING,
    Role.COMMITTEE_HEAD,
    Role.LEADERSHIP,
    Role.GROUP_LEADER,
    Role.DELEGATE,
}
MANAGERS = {Role.OFFICE, Role.ADMIN}
DELEGATES = {Role.DELEGATE, Role.GROUP_LEADER}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_has_its_rights_over_voters_business(role, council, other_council, user_with_role):
    user = user_with_role(role)
    assert can_read_voters(user, council) == (role in READERS)
    assert can_record_meetings(user, council) == (role in MANAGERS | DELEGATES)
    assert can_read_letters(user, council) == (role in MANAGERS | {Role.STANDING})
    unled = Petition(council=council, committee=None)
    assert can_review_petition(user, unled) == (role in MANAGERS)
    assert not can_read_voters(user, other_council)
    assert not can_read_letters(user, other_council)
    assert not can_review_petition(user, Petition(council=other_council, committee=None))


def test_the_head_of_a_petitions_lead_committee_reviews_it_and_no_other(council, user_with_role):
    head = user_with_role(Role.COMMITTEE_HEAD)
    own = head.roles.get().committee
    other = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    assert can_review_petition(head, Petition(council=council, committee=own))
    assert not can_review_petition(head, Petition(council=council, committee=other))
