"""The follow-up pages by role, and an agency kept to its own items."""

import pytest
from django.urls import reverse

from council import services
from council.models import CouncilStatus, FollowUp, Role
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory
from tests.council.followup_views.helpers import (
    NOT_READERS,
    READERS,
    Event,
    item,
    kinds,
    respondent_and_agency,
    snapshot,
    titles,
)

pytestmark = pytest.mark.django_db


# 1. Who may open which page ------------------------------------------------------------------------


def test_the_role_sets_cover_every_role():
    assert set(ALL_ROLES) == READERS | NOT_READERS
    assert not READERS & NOT_READERS


@pytest.mark.parametrize("role", ALL_ROLES)
def test_follow_up_pages_by_role(client, council, login, role):
    followup = item(council, AgencyFactory(council=council), "Nâng cấp tuyến đường ĐT 845", due_in=10)
    login(role)
    expected = 200 if role in READERS else 403

    assert client.get(reverse("council:followup_list")).status_code == expected
    assert client.get(reverse("council:followup_detail", args=[followup.pk])).status_code == expected
    assert client.get(reverse("council:agency_home")).status_code == (200 if role == Role.AGENCY else 403)


@pytest.mark.parametrize("role", sorted(READERS - {Role.OFFICE, Role.ADMIN}))
def test_readers_who_do_not_manage_see_no_office_actions(client, council, login, role):
    followup = item(council, AgencyFactory(council=council), "Xử lý rác thải", due_in=10)
    login(role)

    page = client.get(reverse("council:followup_detail", args=[followup.pk]))
    listing = client.get(reverse("council:followup_list"))

    assert page.context["can_manage"] is False
    assert reverse("council:followup_action", args=[followup.pk, "verify"]) not in page.text
    assert reverse("council:followup_create") not in listing.text
    assert 'name="selected"' not in listing.text
    assert "Remind the selected agencies" not in listing.text


def test_a_follow_up_of_another_council_is_not_found_for_the_office(client, office, council, other_council):
    foreign = item(other_council, AgencyFactory(council=other_council), "Việc của tỉnh khác", due_in=-3)

    assert client.get(reverse("council:followup_detail", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("council:followup_action", args=[foreign.pk, "note"]), {"text": "Ghi chú"})
    assert response.status_code == 404
    assert client.get(reverse("council:followup_list"), {"state": "all"}).context["page"].paginator.count == 0
    assert kinds(foreign) == [Event.CREATED]


def test_anonymous_users_are_sent_to_log_in_and_write_nothing(client, council):
    followup = item(council, AgencyFactory(council=council), "Cấp nước sạch", due_in=5)
    pages = [
        reverse("council:followup_list"),
        reverse("council:followup_create"),
        reverse("council:followup_detail", args=[followup.pk]),
        reverse("council:agency_home"),
        reverse("council:agency_item", args=[followup.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"

    posts = {
        reverse("council:followup_action", args=[followup.pk, "verify"]): {"outcome": "done", "reason": "x"},
        reverse("council:followup_remind"): {"selected": [followup.pk]},
        reverse("council:agency_item", args=[followup.pk]): {"status": "done", "text": "Đã xong"},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))
    assert kinds(followup) == [Event.CREATED]
    assert FollowUp.objects.get(pk=followup.pk).is_open


# 2. Agency isolation --------------------------------------------------------------------------------


def test_agency_home_lists_only_the_agencys_own_items(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    other = AgencyFactory(council=council)
    own = item(council, mine, "Việc của Sở A", due_in=10)
    own_closed = item(council, mine, "Việc đã xong của Sở A", due_in=5)
    services.followup_verify(own_closed, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    item(council, other, "Việc của Sở B", due_in=3)
    client.force_login(respondent)

    response = client.get(reverse("council:agency_home"))
    closed = client.get(reverse("council:agency_home"), {"show": "closed"})

    assert response.status_code == 200
    assert titles(response) == {own.title}
    assert "Việc của Sở A" in response.text
    assert "Việc của Sở B" not in response.text
    assert titles(closed) == {own_closed.title}


def test_an_agency_cannot_reach_another_agencys_item(client, council, user_with_role):
    respondent, _mine = respondent_and_agency(user_with_role)
    foreign = item(council, AgencyFactory(council=council), "Việc của Sở B", due_in=10)
    before = snapshot(foreign)
    client.force_login(respondent)
    url = reverse("council:agency_item", args=[foreign.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, {"status": "done", "text": "Trả lời thay Sở B", "progress": "100"})

    assert response.status_code == 404
    assert snapshot(foreign) == before


def test_a_co_ordinating_agency_reads_but_cannot_answer(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(
        council,
        AgencyFactory(council=council),
        "Giải phóng mặt bằng dự án",
        due_in=10,
        coordinating_agencies=[mine],
    )
    before = snapshot(followup)
    client.force_login(respondent)
    url = reverse("council:agency_item", args=[followup.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["can_answer"] is False
    assert "the responsible agency answers it" in page.text
    assert titles(client.get(reverse("council:agency_home"))) == {followup.title}

    response = client.post(url, {"status": "done", "text": "Sở phối hợp trả lời", "progress": "100"})
    assert response.status_code == 404
    assert snapshot(followup) == before
    assert not followup.events.filter(kind=Event.ANSWERED).exists()


def test_internal_notes_are_shown_to_the_office_only(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    office_user = user_with_role(Role.OFFICE)
    secret_note = "Ghi chú nội bộ: chờ ý kiến Thường trực"
    secret_event = "Nhật ký nội bộ: đã gọi điện cho Giám đốc Sở"
    followup = item(council, mine, "Sửa chữa trường học", due_in=10, internal_note=secret_note)
    services.followup_note(followup, actor=office_user, text=secret_event, internal=True)

    client.force_login(respondent)
    agency_page = client.get(reverse("council:agency_item", args=[followup.pk]))
    assert agency_page.status_code == 200
    assert secret_note not in agency_page.text
    assert secret_event not in agency_page.text
    assert [e.kind for e in agency_page.context["timeline"]] == [Event.CREATED]
    assert all(not e.internal for e in agency_page.context["timeline"])

    client.force_login(office_user)
    office_page = client.get(reverse("council:followup_detail", args=[followup.pk]))
    assert secret_note in office_page.text
    assert secret_event in office_page.text
    assert [e.kind for e in office_page.context["timeline"]] == [Event.CREATED, Event.NOTE]


def test_leadership_readers_do_not_see_internal_notes(client, council, login):
    followup = item(
        council, AgencyFactory(council=council), "Chống ngập", due_in=10, internal_note="Chỉ Văn phòng biết"
    )
    services.followup_note(followup, actor=None, text="Nhật ký chỉ Văn phòng xem", internal=True)
    login(Role.LEADERSHIP)

    page = client.get(reverse("council:followup_detail", args=[followup.pk]))

    assert page.status_code == 200
    assert "Chỉ Văn phòng biết" not in page.text
    assert "Nhật ký chỉ Văn phòng xem" not in page.text
