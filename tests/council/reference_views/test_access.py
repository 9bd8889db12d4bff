"""Reference pages: who may open them, and a council's records kept from every other council."""

import pytest
from django.urls import reverse

from council.models import Role
from council.views.reference import REFERENCE_VIEWSETS
from tests.conftest import ALL_ROLES
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.council.reference_views.cases import CASES, MANAGERS, ROUTES, SLUGS, _model, _pages

pytestmark = pytest.mark.django_db


def test_every_reference_record_type_is_covered():
    assert {crud.slug for crud, _prefix in REFERENCE_VIEWSETS} | {"committee"} == set(SLUGS)


# Access --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("slug", SLUGS)
def test_only_office_and_admin_open_reference_pages(client, council, login, slug, role):
    login(role)
    obj = CASES[slug].make(council)
    expected = 200 if role in MANAGERS else 403

    for url in _pages(slug, obj.pk):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("slug", SLUGS)
def test_anonymous_users_are_sent_to_log_in(client, council, slug):
    obj = CASES[slug].make(council)

    for url in _pages(slug, obj.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("slug", SLUGS)
def test_anonymous_posts_write_nothing(client, council, slug):
    obj = CASES[slug].make(council)
    valid = CASES[slug].valid(council)
    rows, history = _model(slug).objects.count(), _model(slug).history.count()

    client.post(reverse(f"{ROUTES[slug]}_create"), valid)
    client.post(reverse(f"{ROUTES[slug]}_update", args=[obj.pk]), valid)

    assert _model(slug).objects.count() == rows
    assert _model(slug).history.count() == history


@pytest.mark.parametrize("slug", SLUGS)
def test_records_of_another_council_are_not_found_even_for_the_office(
    client, office, council, other_council, slug
):
    foreign = CASES[slug].make(other_council)
    history = foreign.history.count()

    assert client.get(reverse(f"{ROUTES[slug]}_detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse(f"{ROUTES[slug]}_update", args=[foreign.pk])).status_code == 404
    response = client.post(reverse(f"{ROUTES[slug]}_update", args=[foreign.pk]), CASES[slug].valid(council))
    assert response.status_code == 404
    assert foreign.history.count() == history


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("slug", SLUGS)
def test_a_role_in_council_a_never_reaches_council_b_records(client, login, other_council, slug, role):
    login(role)
    foreign = CASES[slug].make(other_council)

    for url in (
        reverse(f"{ROUTES[slug]}_detail", args=[foreign.pk]),
        reverse(f"{ROUTES[slug]}_update", args=[foreign.pk]),
    ):
        response = client.get(url)
        # Managers are told the record does not exist; other roles may not open the page at all.
        assert response.status_code == (404 if role in MANAGERS else 403), url
        assert str(foreign) not in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_lists_show_only_the_current_councils_records(client, office, council, other_council, slug):
    own = CASES[slug].make(council)
    foreign = CASES[slug].make(other_council)

    response = client.get(reverse(f"{ROUTES[slug]}_list"))

    assert list(response.context["page"].object_list) == [own]
    assert reverse(f"{ROUTES[slug]}_detail", args=[foreign.pk]) not in response.text


def test_a_user_without_any_role_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(reverse("council:term_list")).status_code == 403


# Council switching ---------------------------------------------------------------------------------


@pytest.fixture
def two_councils_user(client):
    first = CouncilFactory(name="HĐND tỉnh An Giang")
    second = CouncilFactory(name="HĐND tỉnh Bắc Ninh")
    user = UserFactory()
    RoleFactory(user=user, council=first, role=Role.OFFICE)
    RoleFactory(user=user, council=second, role=Role.OFFICE)
    TermFactory(council=first, name="Khóa của An Giang")
    TermFactory(council=second, name="Khóa của Bắc Ninh")
    client.force_login(user)
    return first, second


def test_switching_council_changes_what_the_lists_show(client, two_councils_user):
    first, second = two_councils_user
    before = client.get(reverse("council:term_list"))
    assert "Khóa của An Giang" in before.text
    assert "Khóa của Bắc Ninh" not in before.text

    response = client.post(reverse("council:switch"), {"council": second.pk, "next": "/terms/"})

    assert response.status_code == 302
    assert response["Location"] == "/terms/"
    after = client.get(reverse("council:term_list"))
    assert "Khóa của Bắc Ninh" in after.text
    assert "Khóa của An Giang" not in after.text


def test_switching_never_redirects_to_another_site(client, two_councils_user):
    _first, second = two_councils_user

    response = client.post(
        reverse("council:switch"), {"council": second.pk, "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_switching_to_a_council_without_a_role_is_not_found(client, two_councils_user):
    stranger = CouncilFactory(name="HĐND tỉnh Cà Mau")
    TermFactory(council=stranger, name="Khóa của Cà Mau")

    response = client.post(reverse("council:switch"), {"council": stranger.pk})

    assert response.status_code == 404
    page = client.get(reverse("council:term_list"))
    assert "Khóa của An Giang" in page.text
    assert "Khóa của Cà Mau" not in page.text


def test_switching_needs_a_post(client, two_councils_user):
    _first, second = two_councils_user

    assert client.get(reverse("council:switch"), {"council": second.pk}).status_code == 405
