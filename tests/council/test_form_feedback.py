"""What a clerk sees when input is wrong or unusual: one clear message, on the right field, in Vietnamese."""

import datetime as dt

import pytest
from django.urls import reverse

from council.models import Agency, Constituency, DeadlineRule, Role
from delegates.models import Mandate
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, TermFactory, UserFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory

pytestmark = pytest.mark.django_db


def test_search_on_reference_lists_ignores_accents_and_case(client, office, council):
    AgencyFactory(council=council, name="Sở Y tế")
    AgencyFactory(council=council, name="Sở Xây dựng")
    page = client.get(reverse("council:agency_list"), {"q": "SO Y TE"}).text
    assert "Sở Y tế" in page and "Sở Xây dựng" not in page


def test_two_versions_of_a_rule_cannot_be_in_force_together(client, office, council):
    DeadlineRuleFactory(council=council, code="petition-answer", valid_from=dt.date(2021, 1, 1))
    data = {
        "code": "petition-answer",
        "name": "Trả lời kiến nghị",
        "days": "20",
        "day_type": "working",
        "direction": "after",
        "anchor": "transfer",
        "valid_from": "01/01/2026",
    }
    response = client.post(reverse("council:deadline_rule_create"), data)
    assert response.context["form"].errors["valid_from"]
    assert DeadlineRule.objects.count() == 1
    old = DeadlineRule.objects.get()
    client.post(
        reverse("council:deadline_rule_update", args=[old.pk]),
        {**data, "days": "15", "valid_from": "01/01/2021", "valid_to": "31/12/2025"},
    )
    assert client.post(reverse("council:deadline_rule_create"), data).status_code == 302
    assert DeadlineRule.objects.count() == 2


def test_a_constituency_needs_a_seat_and_says_so_on_the_field(client, office, council, term):
    data = {"term": term.pk, "number": "1", "name": "Đơn vị bầu cử số 1", "seats": "0"}
    response = client.post(reverse("council:constituency_create"), data)
    assert response.context["form"].errors["seats"]
    assert "Constraint" not in response.text
    assert not Constituency.objects.exists()


def test_a_duplicate_is_reported_once_on_its_field(client, office, council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    data = {
        "delegate": mandate.delegate.pk,
        "term": term.pk,
        "kind": "part_time",
        "start_date": "01/04/2026",
        "start_reason": "general_election",
    }
    response = client.post(reverse("delegates:mandate_create"), data)
    form = response.context["form"]
    assert form.errors["term"] and not form.non_field_errors()
    assert response.text.count(form.errors["term"][0]) == 1
    assert Mandate.objects.count() == 1


def test_agency_emails_accept_semicolons_and_are_stored_one_way(client, office, council):
    data = {
        "name": "Sở Tư pháp",
        "kind": "department",
        "emails": " vp@stp.gov.vn;  gd@stp.gov.vn , ",
        "is_active": "on",
    }
    assert client.post(reverse("council:agency_create"), data).status_code == 302
    assert Agency.objects.get(name="Sở Tư pháp").emails == "vp@stp.gov.vn, gd@stp.gov.vn"


def test_a_bad_code_gets_a_vietnamese_message(client, office):
    response = client.post(
        reverse("council:field_create"), {"code": "Y Tế!!", "name": "Y tế", "is_active": "on"}
    )
    assert "không dấu" in str(response.context["form"].errors["code"])


def test_a_position_cannot_outlast_the_term(client, office, council, term):
    membership = GroupMembershipFactory(
        group=GroupFactory(term=term), mandate=MandateFactory(delegate__council=council, term=term)
    )
    client.post(reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "01/01/2040"})
    membership.refresh_from_db()
    assert membership.end_date is None


def test_switching_council_on_a_record_page_lands_on_its_list(client, council, other_council):
    from tests.council.factories import RoleFactory

    user = UserFactory()
    RoleFactory(user=user, council=council, role=Role.OFFICE)
    RoleFactory(user=user, council=other_council, role=Role.OFFICE)
    client.force_login(user)
    group = GroupFactory(term=TermFactory(council=council))
    response = client.post(
        reverse("council:switch"), {"council": other_council.pk, "next": f"/groups/{group.pk}/"}
    )
    assert response["Location"] == "/groups/"
    response = client.post(reverse("council:switch"), {"council": council.pk, "next": "/directory/?q=nguyen"})
    assert response["Location"] == "/directory/?q=nguyen"


def test_the_directory_shows_the_term_it_lists_even_when_a_later_term_exists(client, login, council, term):
    login(Role.DELEGATE)
    TermFactory(
        council=council,
        number=99,
        name="Khóa XIII",
        start_date=dt.date(2031, 4, 1),
        end_date=dt.date(2036, 3, 31),
    )
    page = client.get(reverse("delegates:directory")).text
    assert f'<option value="{term.pk}" selected>' in page


def test_the_lockout_page_says_how_many_minutes(client, council):
    from tests.council.factories import RoleFactory

    RoleFactory(council=council, role=Role.OFFICE, user__username="khoa")
    for _ in range(5):
        client.post(reverse("login"), {"username": "khoa", "password": "sai"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(reverse("login"), {"username": "khoa", "password": "sai"}, REMOTE_ADDR="10.0.0.9")
    assert "15 phút" in response.text and "PT15M" not in response.text
