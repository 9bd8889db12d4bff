"""The admin saves delegates and their positions through the delegates' services, and ends positions and
decides nominations only by actions that call them."""

import datetime as dt

import pytest
from django.urls import reverse

from delegates import services as delegate_services
from delegates.models import CommitteeMembership, GroupMembership, Nomination
from tests.admin_actions import ERROR, SUCCESS, change_url, inline_management, levels, run_action
from tests.council.factories import CommitteeFactory
from tests.delegates.factories import (
    CommitteeMembershipFactory,
    DelegateFactory,
    GroupMembershipFactory,
    MandateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


def test_renaming_a_delegate_keeps_the_directorys_folded_name(client, admin_user, council):
    delegate = DelegateFactory(council=council, full_name="Nguyễn Văn An")
    url = change_url(delegate)
    response = client.post(
        url,
        {
            **inline_management(client, url),
            "council": council.pk,
            "full_name": "Trần Thị Bình",
            "gender": delegate.gender,
            "ethnicity": "Kinh",
        },
    )
    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.full_name == "Trần Thị Bình" and delegate.name_folded == "tran thi binh"


def test_an_overlapping_committee_seat_is_refused_without_a_500(client, admin_user, council):
    committee = CommitteeFactory(council=council)
    seat = CommitteeMembershipFactory(
        committee=committee, council=council, role=CommitteeMembership.Role.HEAD
    )
    other = MandateFactory(delegate__council=council, term=seat.mandate.term)
    url = reverse("admin:delegates_committeemembership_add")
    response = client.post(
        url,
        {
            "council": council.pk,
            "committee": committee.pk,
            "mandate": other.pk,
            "role": CommitteeMembership.Role.HEAD,
            "start_date": f"{seat.start_date:%d/%m/%Y}",
        },
    )
    assert response.status_code == 302 and response.url == url
    assert levels(client) == {ERROR}  # the committee already has a head for these dates
    assert CommitteeMembership.objects.count() == 1


def test_a_saved_position_is_only_ended_by_the_action(client, admin_user, council):
    seat = CommitteeMembershipFactory(council=council, committee=CommitteeFactory(council=council))
    response = client.post(
        change_url(seat),
        {"role": CommitteeMembership.Role.HEAD, "end_date": "01/01/2027"},
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == CommitteeMembership.Role.MEMBER and seat.end_date is None

    run_action(client, CommitteeMembership, "end_position", [seat], end_date="30/06/2027")
    assert levels(client) == {SUCCESS}
    seat.refresh_from_db()
    assert seat.end_date == dt.date(2027, 6, 30)
    assert seat.history.latest().history_user == admin_user

    run_action(client, CommitteeMembership, "end_position", [seat], end_date="31/12/2027")
    assert levels(client) == {ERROR}  # already ended
    seat.refresh_from_db()
    assert seat.end_date == dt.date(2027, 6, 30)


def test_a_group_membership_is_ended_through_its_service(client, admin_user, council):
    membership = GroupMembershipFactory(group__term__council=council)
    run_action(client, GroupMembership, "end_position", [membership], end_date="30/06/2027")
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2027, 6, 30)


def test_a_nomination_is_decided_only_through_the_service(client, admin_user, council):
    movement = delegate_services.movement_create(
        actor=None,
        council=council,
        name="Đất Sen hồng",
        launched_on=dt.date(2025, 5, 1),
        criteria="Gương mẫu",
    )
    mandate = MandateFactory(delegate__council=council)
    nomination = delegate_services.nomination_create(
        movement,
        actor=None,
        year=mandate.term.start_date.year,
        kind="individual",
        mandate=mandate,
        reason="Tiếp xúc cử tri đầy đủ",
    )
    assert client.post(change_url(nomination), {"state": Nomination.State.COMMENDED}).status_code == 403

    run_action(client, Nomination, "decide", [nomination], state=Nomination.State.COMMENDED, award="")
    assert levels(client) == {ERROR}  # commended needs its form of commendation
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.PROPOSED

    run_action(
        client,
        Nomination,
        "decide",
        [nomination],
        state=Nomination.State.COMMENDED,
        award=Nomination.Award.CERTIFICATE,
        decision="25/QĐ-HĐND",
        decision_date="15/05/2026",
    )
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.COMMENDED and nomination.award == Nomination.Award.CERTIFICATE
    assert nomination.history.latest().history_user == admin_user
