import pytest
from django.urls import reverse

from council.models import Role
from delegates import services
from tests.council.factories import UserFactory
from tests.delegates.factories import (
    CommitteeMembershipFactory,
    GroupFactory,
    GroupMembershipFactory,
    MandateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_of_three(council, term):
    group = GroupFactory(term=term, name="Tổ đại biểu số 7")
    memberships = [
        GroupMembershipFactory(
            group=group, mandate=MandateFactory(delegate__council=council, term=term), role=role
        )
        for role in ("leader", "deputy", "member")
    ]
    return group, memberships


def _link(user, membership):
    services.delegate_update(membership.mandate.delegate, actor=None, user=user)


def test_office_home_shows_the_records_and_the_composition(client, office, group_of_three):
    page = client.get(reverse("home")).text
    assert reverse("council:agency_list") in page and reverse("council:deadline_rule_list") in page
    assert reverse("delegates:delegate_create") in page


def test_leadership_home_shows_figures_but_no_names(client, login, group_of_three):
    login(Role.LEADERSHIP)
    response = client.get(reverse("home"))
    assert response.context["summary"].composition["total"] == 3
    assert response.context["summary"].composition["groups"] == 1
    for membership in group_of_three[1]:
        assert membership.mandate.delegate.full_name not in response.text
    assert reverse("delegates:delegate_create") not in response.text


def test_delegate_home_shows_own_mandate_and_group(client, login, group_of_three):
    user = login(Role.DELEGATE)
    _, (_, _, member) = group_of_three
    _link(user, member)
    page = client.get(reverse("home")).text
    assert member.mandate.delegate.full_name in page
    assert "Tổ đại biểu số 7" in page


def test_unlinked_delegate_is_told_to_ask_the_office(client, login, group_of_three):
    login(Role.DELEGATE)
    response = client.get(reverse("home"))
    assert response.context["summary"].own_mandate is None
    assert reverse("delegates:directory") in response.text


def test_group_leader_sees_the_members_of_the_group(client, login, council, group_of_three):
    user = login(Role.GROUP_LEADER)
    _, (leader, deputy, member) = group_of_three
    _link(user, leader)
    page = client.get(reverse("home")).text
    assert deputy.mandate.delegate.full_name in page
    assert member.mandate.delegate.full_name in page


def test_committee_head_sees_the_committee(client, login, council, term):
    user = login(Role.COMMITTEE_HEAD)
    committee = user.roles.get().committee
    seat = CommitteeMembershipFactory(
        committee=committee, mandate=MandateFactory(delegate__council=council, term=term)
    )
    response = client.get(reverse("home"))
    assert committee.name in response.text
    assert seat.mandate.delegate.full_name in response.text


def test_agency_respondent_sees_the_agency(client, login, term):
    user = login(Role.AGENCY)
    agency = user.roles.get().agency
    response = client.get(reverse("home"))
    assert agency.name in response.text
    assert response.context["summary"].composition == {}


def test_a_user_without_a_role_is_told_so(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert reverse("delegates:directory") not in response.text


def test_office_home_lists_coming_days_off(client, office, council, term):
    from django.utils import timezone

    from tests.council.factories import HolidayFactory

    HolidayFactory(council=council, date=timezone.localdate() + timezone.timedelta(days=3), name="Quốc khánh")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Quốc khánh" in response.text
