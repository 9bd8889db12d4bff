import datetime as dt

import pytest
from django.urls import reverse

from council.models import Role
from delegates.models import Delegate, GroupMembership, Mandate
from tests.conftest import ALL_ROLES
from tests.council.factories import (
    CommitteeFactory,
    ConstituencyFactory,
    TermFactory,
    UserFactory,
)
from tests.delegates.factories import (
    CommitteeMembershipFactory,
    DelegateFactory,
    GroupFactory,
    GroupMembershipFactory,
    MandateFactory,
)

pytestmark = pytest.mark.django_db
MANAGERS = {Role.OFFICE, Role.ADMIN}


def _pages(obj_by_slug):
    for slug, obj in obj_by_slug.items():
        yield reverse(f"delegates:{slug}_list")
        yield reverse(f"delegates:{slug}_create")
        yield reverse(f"delegates:{slug}_detail", args=[obj.pk])
        yield reverse(f"delegates:{slug}_update", args=[obj.pk])


@pytest.fixture
def records(council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    group = GroupFactory(term=term)
    GroupMembershipFactory(group=group, mandate=mandate)
    return {"delegate": mandate.delegate, "mandate": mandate, "group": group}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_delegate_management_pages_are_for_the_office(client, login, records, role):
    login(role)
    expected = 200 if role in MANAGERS else 403
    for url in _pages(records):
        assert client.get(url).status_code == expected, url


def test_management_pages_of_another_council_are_not_found(client, login, records, other_council):
    login(Role.OFFICE, other_council)
    for slug, obj in records.items():
        assert client.get(reverse(f"delegates:{slug}_detail", args=[obj.pk])).status_code == 404
        assert client.get(reverse(f"delegates:{slug}_update", args=[obj.pk])).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_member_of_the_council_browses_the_directory(client, login, records, role):
    login(role)
    response = client.get(reverse("delegates:directory"))
    assert response.status_code == 200
    assert records["delegate"].full_name in response.text
    profile = client.get(reverse("delegates:directory_profile", args=[records["delegate"].pk]))
    assert profile.status_code == 200
    assert records["group"].name in profile.text


def test_directory_needs_a_role_and_hides_other_councils(client, records, login, other_council):
    client.force_login(UserFactory())
    assert client.get(reverse("delegates:directory")).status_code == 403
    login(Role.DELEGATE, other_council)
    response = client.get(reverse("delegates:directory"))
    assert records["delegate"].full_name not in response.text
    assert (
        client.get(reverse("delegates:directory_profile", args=[records["delegate"].pk])).status_code == 404
    )


def test_anonymous_users_are_sent_to_log_in(client, records):
    response = client.get(reverse("delegates:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_directory_search_ignores_accents_and_filters(client, login, council, term):
    login(Role.DELEGATE)
    group = GroupFactory(term=term)
    committee = CommitteeFactory(council=council)
    hoa = MandateFactory(delegate__council=council, delegate__full_name="Lê Thị Hoà", term=term)
    dung = MandateFactory(delegate__council=council, delegate__full_name="Đặng Văn Dũng", term=term)
    GroupMembershipFactory(group=group, mandate=hoa)
    CommitteeMembershipFactory(committee=committee, mandate=dung)

    def names(**params):
        return client.get(reverse("delegates:directory"), params).text

    assert "Lê Thị Hoà" in names(q="le thi hoa") and "Đặng Văn Dũng" not in names(q="le thi hoa")
    assert "Đặng Văn Dũng" in names(q="dang van dung")
    assert "Lê Thị Hoà" in names(group=group.pk) and "Đặng Văn Dũng" not in names(group=group.pk)
    assert "Đặng Văn Dũng" in names(committee=committee.pk) and "Lê Thị Hoà" not in names(
        committee=committee.pk
    )


def test_directory_filters_by_constituency_and_term(client, login, council, term):
    login(Role.LEADERSHIP)
    old_term = TermFactory(council=council, start_date=dt.date(2021, 6, 15), end_date=dt.date(2026, 3, 31))
    seat = ConstituencyFactory(council=council, term=term)
    inside = MandateFactory(delegate__council=council, term=term, constituency=seat)
    outside = MandateFactory(delegate__council=council, term=term)
    former = MandateFactory(delegate__council=council, term=old_term, start_date=old_term.start_date)
    by_seat = client.get(reverse("delegates:directory"), {"constituency": seat.pk}).text
    assert inside.delegate.full_name in by_seat and outside.delegate.full_name not in by_seat
    by_term = client.get(reverse("delegates:directory"), {"term": old_term.pk}).text
    assert former.delegate.full_name in by_term and inside.delegate.full_name not in by_term


def test_directory_htmx_request_returns_only_the_results(client, login, records):
    login(Role.DELEGATE)
    response = client.get(
        reverse("delegates:directory"),
        {"q": "nguyen"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="directory-results",
    )
    assert "<html" not in response.text
    assert records["delegate"].full_name in response.text


def test_directory_query_count_does_not_grow_with_rows(client, login, council, term, constant_queries):
    login(Role.DELEGATE)
    group = GroupFactory(term=term)
    committee = CommitteeFactory(council=council)

    def fill(rows):
        for _ in rows:
            mandate = MandateFactory(delegate__council=council, term=term)
            GroupMembershipFactory(group=group, mandate=mandate)
            CommitteeMembershipFactory(committee=committee, mandate=mandate)

    def visit():
        assert client.get(reverse("delegates:directory")).status_code == 200

    constant_queries(fill, visit)


@pytest.mark.parametrize("slug", ["delegate", "mandate", "group"])
def test_management_lists_run_the_same_queries_for_5_and_50_rows(
    client, office, council, term, slug, constant_queries
):
    def fill(rows):
        for _ in rows:
            mandate = MandateFactory(delegate__council=council, term=term)
            GroupMembershipFactory(group=GroupFactory(term=term), mandate=mandate)

    def visit():
        assert client.get(reverse(f"delegates:{slug}_list")).status_code == 200

    constant_queries(fill, visit)


def test_office_creates_a_delegate_with_a_mandate_through_the_forms(client, office, council, term):
    response = client.post(
        reverse("delegates:delegate_create"),
        {"full_name": "Phạm Thị Bích Ngọc", "gender": "female", "birth_date": "05/03/1980"},
    )
    delegate = Delegate.objects.get()
    assert response["Location"] == reverse("delegates:delegate_detail", args=[delegate.pk])
    assert delegate.birth_date == dt.date(1980, 3, 5)
    form_page = client.get(reverse("delegates:mandate_create"), {"delegate": delegate.pk})
    assert f'value="{delegate.pk}" selected' in form_page.text
    response = client.post(
        reverse("delegates:mandate_create"),
        {
            "delegate": delegate.pk,
            "term": term.pk,
            "kind": "full_time",
            "start_date": "01/04/2026",
            "start_reason": "general_election",
        },
    )
    assert response.status_code == 302
    assert Mandate.objects.get().delegate == delegate
    assert delegate.name_folded == "pham thi bich ngoc"


def test_mandate_form_outside_the_term_shows_the_error_and_writes_nothing(client, office, council, term):
    delegate = DelegateFactory(council=council)
    response = client.post(
        reverse("delegates:mandate_create"),
        {
            "delegate": delegate.pk,
            "term": term.pk,
            "kind": "part_time",
            "start_date": "01/01/2020",
            "start_reason": "general_election",
        },
    )
    assert response.status_code == 200
    assert "01/04/2026" in response.text  # the message names the term's dates
    assert response.context["form"].errors["start_date"]
    assert not Mandate.objects.exists()


def test_mandate_form_rejects_a_malformed_date_with_a_clear_message(client, office, council, term):
    delegate = DelegateFactory(council=council)
    response = client.post(
        reverse("delegates:mandate_create"),
        {
            "delegate": delegate.pk,
            "term": term.pk,
            "kind": "part_time",
            "start_date": "31/02/2026",
            "start_reason": "general_election",
        },
    )
    assert (
        "dd/mm/yyyy" in str(response.context["form"].errors["start_date"])
        or response.context["form"].errors["start_date"]
    )
    assert not Mandate.objects.exists()


def test_group_member_add_refuses_overlap_with_a_message(client, office, council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    GroupMembershipFactory(group=GroupFactory(term=term), mandate=mandate)
    second = GroupFactory(term=term)
    response = client.post(
        reverse("delegates:group_member_add", args=[second.pk]),
        {"mandate": mandate.pk, "role": "member", "start_date": "01/05/2026"},
    )
    assert response.status_code == 200
    assert response.context["member_form"].errors["start_date"]
    assert GroupMembership.objects.count() == 1


def test_group_member_add_and_end(client, office, council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    group = GroupFactory(term=term)
    response = client.post(
        reverse("delegates:group_member_add", args=[group.pk]),
        {"mandate": mandate.pk, "role": "leader", "start_date": "01/04/2026"},
    )
    assert response.status_code == 302
    membership = GroupMembership.objects.get()
    assert membership.role == "leader"
    client.post(reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "30/06/2027"})
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2027, 6, 30)


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - MANAGERS))
def test_only_managers_change_positions(client, login, council, term, role):
    login(role)
    mandate = MandateFactory(delegate__council=council, term=term)
    group = GroupFactory(term=term)
    response = client.post(
        reverse("delegates:group_member_add", args=[group.pk]),
        {"mandate": mandate.pk, "role": "member", "start_date": "01/04/2026"},
    )
    assert response.status_code == 403
    # The Standing Committee reads its own roster; nobody but the Office changes it.
    standing_page = client.get(reverse("delegates:standing"))
    assert standing_page.status_code == (200 if role == Role.STANDING else 403)
    assert 'name="mandate"' not in standing_page.text
    assert (
        client.post(reverse("delegates:standing"), {"mandate": mandate.pk, "role": "member"}).status_code
        == 403
    )
    assert not GroupMembership.objects.exists()


def test_standing_committee_page_adds_a_chair(client, office, council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    response = client.post(
        reverse("delegates:standing"), {"mandate": mandate.pk, "role": "chair", "start_date": "01/04/2026"}
    )
    assert response.status_code == 302
    page = client.get(reverse("delegates:standing"))
    assert mandate.delegate.full_name in page.text


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - MANAGERS))
def test_only_managers_seat_committee_members_or_end_positions(client, login, council, term, role):
    login(role)
    committee = CommitteeFactory(council=council)
    mandate = MandateFactory(delegate__council=council, term=term)
    membership = GroupMembershipFactory(group=GroupFactory(term=term), mandate=mandate)
    response = client.post(
        reverse("delegates:committee_member_add", args=[committee.pk]),
        {"mandate": mandate.pk, "role": "member", "start_date": "01/04/2026"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "30/06/2027"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.end_date is None
    assert not committee.memberships.exists()


def test_position_pages_of_another_council_are_not_found(client, login, council, term, other_council):
    login(Role.OFFICE, other_council)
    committee = CommitteeFactory(council=council)
    mandate = MandateFactory(delegate__council=council, term=term)
    group = GroupFactory(term=term)
    membership = GroupMembershipFactory(group=group, mandate=mandate)
    data = {"mandate": mandate.pk, "role": "member", "start_date": "01/04/2026"}
    assert client.post(reverse("delegates:group_member_add", args=[group.pk]), data).status_code == 404
    assert (
        client.post(reverse("delegates:committee_member_add", args=[committee.pk]), data).status_code == 404
    )
    assert (
        client.post(
            reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "30/06/2027"}
        ).status_code
        == 404
    )
    membership.refresh_from_db()
    assert membership.end_date is None


def test_ending_a_position_with_a_bad_date_changes_nothing(client, office, council, term):
    membership = GroupMembershipFactory(
        group=GroupFactory(term=term), mandate=MandateFactory(delegate__council=council, term=term)
    )
    client.post(reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "31/13/2027"})
    client.post(reverse("delegates:position_end", args=["group", membership.pk]), {"end_date": "01/01/2020"})
    membership.refresh_from_db()
    assert membership.end_date is None


def test_committee_member_add_through_the_page(client, office, council, term):
    committee = CommitteeFactory(council=council)
    mandate = MandateFactory(delegate__council=council, term=term)
    response = client.post(
        reverse("delegates:committee_member_add", args=[committee.pk]),
        {"mandate": mandate.pk, "role": "head", "start_date": "01/04/2026"},
    )
    assert response.status_code == 302
    page = client.get(reverse("delegates:committee_detail", args=[committee.pk]))
    assert mandate.delegate.full_name in page.text


@pytest.mark.parametrize("page", ["standing", "group_detail", "committee_detail"])
def test_rosters_run_the_same_queries_for_5_and_50_members(client, office, council, page, constant_queries):
    from delegates import services as delegate_services

    committee = CommitteeFactory(council=council)
    group_term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    group = GroupFactory(term=group_term)
    batches = []

    def fill(rows):
        # Standing seats go in a term of their own per batch, so the one-chair rule is never in play.
        year = 1990 + 5 * len(batches)
        term = TermFactory(
            council=council, start_date=dt.date(year, 1, 1), end_date=dt.date(year + 4, 12, 31)
        )
        batches.append(term)
        for _ in rows:
            if page == "group_detail":
                GroupMembershipFactory(
                    group=group, mandate=MandateFactory(delegate__council=council, term=group_term)
                )
                continue
            mandate = MandateFactory(delegate__council=council, term=term)
            if page == "committee_detail":
                CommitteeMembershipFactory(
                    committee=committee, mandate=mandate, start_date=mandate.start_date
                )
            else:
                delegate_services.standing_position_create(
                    actor=None, council=council, mandate=mandate, role="member", start_date=mandate.start_date
                )

    url = {
        "standing": reverse("delegates:standing"),
        "group_detail": reverse("delegates:group_detail", args=[group.pk]),
        "committee_detail": reverse("delegates:committee_detail", args=[committee.pk]),
    }[page]

    def visit():
        assert client.get(url).status_code == 200

    constant_queries(fill, visit)


def test_ending_a_position_never_redirects_off_the_site(client, office, council, term):
    membership = GroupMembershipFactory(
        group=GroupFactory(term=term), mandate=MandateFactory(delegate__council=council, term=term)
    )
    response = client.post(
        reverse("delegates:position_end", args=["group", membership.pk]),
        {"end_date": "30/06/2027", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")
