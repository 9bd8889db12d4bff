import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import AdminUnit, Committee, Constituency, Council, Role, Term
from council.views.reference import REFERENCE_CRUDS
from delegates.views import COMMITTEES
from tests.conftest import ALL_ROLES
from tests.council.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    CouncilFactory,
    DeadlineRuleFactory,
    FieldFactory,
    HolidayFactory,
    RoleFactory,
    TermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MANAGERS = {Role.OFFICE, Role.ADMIN}


class AdminUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{80000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    level = AdminUnit.Level.COMMUNE


def _committee(council: Council, **kwargs) -> Committee:
    """A committee of a kind the council does not have yet (a council has one committee per kind)."""
    if "kind" not in kwargs:
        taken = set(Committee.objects.filter(council=council).values_list("kind", flat=True))
        kwargs["kind"] = next(k for k in Committee.Kind.values if k not in taken)
    kwargs.setdefault("name", f"Ban {Committee.Kind(kwargs['kind']).label}")
    return CommitteeFactory(council=council, **kwargs)


def _constituency(council: Council, **kwargs) -> Constituency:
    term = Term.objects.filter(council=council).first() or TermFactory(council=council)
    constituency = ConstituencyFactory(term=term, council=council, **kwargs)
    constituency.admin_units.add(AdminUnitFactory())
    return constituency


@dataclass
class Case:
    """What a test needs to know about one record type's pages."""

    slug: str
    make: Callable[..., Any]
    valid: Callable[[Council], dict[str, Any]]
    expected: dict[str, Any]
    max_rows: int = 50


CASES = {
    "term": Case(
        slug="term",
        make=lambda council, **kw: TermFactory(council=council, **kw),
        valid=lambda council: {
            "number": "12",
            "name": "Khóa XII",
            "start_date": "01/04/2031",
            "end_date": "31/03/2036",
        },
        expected={"number": 12, "start_date": dt.date(2031, 4, 1), "end_date": dt.date(2036, 3, 31)},
    ),
    "constituency": Case(
        slug="constituency",
        make=_constituency,
        valid=lambda council: {
            "term": str(TermFactory(council=council).pk),
            "number": "3",
            "name": "Đơn vị bầu cử số 3",
            "seats": "2",
            "admin_units": [str(AdminUnitFactory().pk), str(AdminUnitFactory().pk)],
        },
        expected={"number": 3, "seats": 2},
    ),
    "agency": Case(
        slug="agency",
        make=lambda council, **kw: AgencyFactory(council=council, admin_unit=AdminUnitFactory(), **kw),
        valid=lambda council: {
            "name": "Sở Tài chính",
            "short_name": "STC",
            "kind": "department",
            "admin_unit": "",
            "head_title": "Giám đốc",
            "emails": "vanphong@stc.gov.vn, giamdoc@stc.gov.vn",
            "phone": "0277 3851 234",
            "is_active": "on",
        },
        expected={
            "short_name": "STC",
            "emails": "vanphong@stc.gov.vn, giamdoc@stc.gov.vn",
            "is_active": True,
        },
    ),
    "field": Case(
        slug="field",
        make=lambda council, **kw: FieldFactory(council=council, **kw),
        valid=lambda council: {"code": "dat-dai", "name": "Đất đai", "is_active": "on"},
        expected={"code": "dat-dai", "is_active": True},
    ),
    "holiday": Case(
        slug="holiday",
        make=lambda council, **kw: HolidayFactory(council=council, **kw),
        valid=lambda council: {"date": "02/09/2026", "name": "Quốc khánh", "kind": "holiday"},
        expected={"date": dt.date(2026, 9, 2), "kind": "holiday"},
    ),
    "deadline_rule": Case(
        slug="deadline_rule",
        make=lambda council, **kw: DeadlineRuleFactory(council=council, **kw),
        valid=lambda council: {
            "code": "tra-loi-kien-nghi",
            "name": "Trả lời kiến nghị cử tri",
            "days": "15",
            "day_type": "working",
            "direction": "after",
            "anchor": "transfer",
            "legal_basis": "Luật Tổ chức chính quyền địa phương 2025",
            "valid_from": "05/03/2026",
            "valid_to": "",
        },
        expected={"days": 15, "valid_from": dt.date(2026, 3, 5), "valid_to": None},
    ),
    "committee": Case(
        slug="committee",
        make=_committee,
        valid=lambda council: {"kind": "culture_society", "name": "Ban Văn hóa - Xã hội", "is_active": "on"},
        expected={"kind": "culture_society", "is_active": True},
        # A province council has at most one committee of each of the five kinds.
        max_rows=len(Committee.Kind.values),
    ),
}
SLUGS = list(CASES)
CRUDS = {crud.slug: crud for crud, _prefix in REFERENCE_CRUDS} | {COMMITTEES.slug: COMMITTEES}


def _model(slug: str):
    return CRUDS[slug].model


def _pages(slug: str, pk: int) -> list[str]:
    return [
        reverse(f"{slug}_list"),
        reverse(f"{slug}_create"),
        reverse(f"{slug}_detail", args=[pk]),
        reverse(f"{slug}_update", args=[pk]),
    ]


def _field_errors(response, name: str) -> list[str]:
    """The error messages shown right under the form field ``name``."""
    found = re.findall(rf'id="error_\d+_id_{name}"[^>]*>\s*<strong>(.*?)</strong>', response.text, re.S)
    return [html.unescape(message) for message in found]


def _created(slug: str, council: Council):
    return _model(slug).objects.filter(council=council)


def test_every_reference_record_type_is_covered():
    assert {crud.slug for crud, _prefix in REFERENCE_CRUDS} | {"committee"} == set(SLUGS)


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

    client.post(reverse(f"{slug}_create"), valid)
    client.post(reverse(f"{slug}_update", args=[obj.pk]), valid)

    assert _model(slug).objects.count() == rows
    assert _model(slug).history.count() == history


@pytest.mark.parametrize("slug", SLUGS)
def test_records_of_another_council_are_not_found_even_for_the_office(
    client, office, council, other_council, slug
):
    foreign = CASES[slug].make(other_council)
    history = foreign.history.count()

    assert client.get(reverse(f"{slug}_detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse(f"{slug}_update", args=[foreign.pk])).status_code == 404
    response = client.post(reverse(f"{slug}_update", args=[foreign.pk]), CASES[slug].valid(council))
    assert response.status_code == 404
    assert foreign.history.count() == history


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("slug", SLUGS)
def test_a_role_in_council_a_never_reaches_council_b_records(client, login, other_council, slug, role):
    login(role)
    foreign = CASES[slug].make(other_council)

    for url in (reverse(f"{slug}_detail", args=[foreign.pk]), reverse(f"{slug}_update", args=[foreign.pk])):
        response = client.get(url)
        # Managers are told the record does not exist; other roles may not open the page at all.
        assert response.status_code == (404 if role in MANAGERS else 403), url
        assert str(foreign) not in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_lists_show_only_the_current_councils_records(client, office, council, other_council, slug):
    own = CASES[slug].make(council)
    foreign = CASES[slug].make(other_council)

    response = client.get(reverse(f"{slug}_list"))

    assert list(response.context["page"].object_list) == [own]
    assert reverse(f"{slug}_detail", args=[foreign.pk]) not in response.text


def test_a_user_without_any_role_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(reverse("term_list")).status_code == 403


# Create and edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_creating_through_the_form_makes_one_record_with_history(client, office, council, slug):
    case = CASES[slug]
    valid = case.valid(council)
    before = set(_created(slug, council).values_list("pk", flat=True))

    response = client.post(reverse(f"{slug}_create"), valid)

    new = list(_created(slug, council).exclude(pk__in=before))
    assert len(new) == 1, response.context["form"].errors if response.context else response
    obj = new[0]
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{slug}_detail", args=[obj.pk])
    for name, value in case.expected.items():
        assert getattr(obj, name) == value, name
    assert obj.name == valid["name"]
    history = list(obj.history.order_by("history_date"))
    assert history[0].history_type == "+"
    # Records with many-to-many fields add one more entry when their links are set.
    assert len(history) == (2 if slug == "constituency" else 1)
    assert {entry.history_user for entry in history} == {office}


def test_the_edit_form_shows_dates_day_first(client, office, council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))

    response = client.get(reverse("term_update", args=[term.pk]))

    assert 'value="01/04/2026"' in response.text
    assert 'value="31/03/2031"' in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_detail_page_shows_the_record_and_its_history(client, office, council, slug):
    valid = CASES[slug].valid(council)
    client.post(reverse(f"{slug}_create"), valid)
    obj = _created(slug, council).get()

    response = client.get(reverse(f"{slug}_detail", args=[obj.pk]))

    assert response.status_code == 200
    assert html.escape(valid["name"]) in response.text
    assert list(response.context["history"]) == list(obj.history.all())
    assert office.get_full_name() in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_editing_changes_the_record_and_adds_history(client, office, council, slug):
    obj = CASES[slug].make(council)
    history_before = obj.history.count()
    page = client.get(reverse(f"{slug}_update", args=[obj.pk]))
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if name in page.context["form"].fields
    }
    data = {k: _form_value(v) for k, v in data.items() if v is not None}
    data["name"] = "Tên đã sửa"

    response = client.post(reverse(f"{slug}_update", args=[obj.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse(f"{slug}_detail", args=[obj.pk])
    obj.refresh_from_db()
    assert obj.name == "Tên đã sửa"
    history = list(obj.history.order_by("-history_date"))
    assert len(history) == history_before + 1
    assert history[0].history_type == "~"
    assert history[0].history_user == office
    assert history[0].name == "Tên đã sửa"
    assert history[1].name != "Tên đã sửa"


def _form_value(value):
    if isinstance(value, list):
        return [str(getattr(v, "pk", v)) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def test_saving_an_unchanged_form_adds_no_history(client, office, term):
    data = {
        "number": str(term.number),
        "name": term.name,
        "start_date": term.start_date.strftime("%d/%m/%Y"),
        "end_date": term.end_date.strftime("%d/%m/%Y"),
    }

    response = client.post(reverse("term_update", args=[term.pk]), data)

    assert response.status_code == 302
    assert term.history.count() == 1


def test_text_is_stored_composed_and_trimmed(client, office, council):
    data = dict(CASES["field"].valid(council), name=unicodedata.normalize("NFD", "  Giải phóng mặt bằng "))

    client.post(reverse("field_create"), data)

    assert _created("field", council).get().name == "Giải phóng mặt bằng"


# Bad input -----------------------------------------------------------------------------------------


def _assert_rejected(response, model, count_before: int, field_name: str) -> None:
    assert response.status_code == 200
    assert model.objects.count() == count_before
    assert field_name in response.context["form"].errors, response.context["form"].errors
    shown = _field_errors(response, field_name)
    assert shown, f"no error shown under {field_name}"
    assert shown == [str(e) for e in response.context["form"].errors[field_name]]


def test_a_term_cannot_end_before_it_starts(client, office, council):
    model = _model("term")
    before = model.objects.count()
    data = dict(CASES["term"].valid(council), start_date="01/04/2031", end_date="31/03/2030")

    response = client.post(reverse("term_create"), data)

    _assert_rejected(response, model, before, "end_date")


def test_a_date_typed_month_first_past_twelve_is_refused(client, office, council):
    model = _model("term")
    before = model.objects.count()
    data = dict(CASES["term"].valid(council), start_date="04/13/2031")

    response = client.post(reverse("term_create"), data)

    _assert_rejected(response, model, before, "start_date")


def test_a_deadline_rule_cannot_have_negative_days(client, office, council):
    model = _model("deadline_rule")
    before = model.objects.count()
    data = dict(CASES["deadline_rule"].valid(council), days="-3")

    response = client.post(reverse("deadline_rule_create"), data)

    _assert_rejected(response, model, before, "days")


def test_a_deadline_rule_cannot_expire_before_it_starts(client, office, council):
    model = _model("deadline_rule")
    before = model.objects.count()
    data = dict(CASES["deadline_rule"].valid(council), valid_from="05/03/2026", valid_to="04/03/2026")

    response = client.post(reverse("deadline_rule_create"), data)

    _assert_rejected(response, model, before, "valid_to")


def test_a_council_cannot_have_two_holidays_on_one_date(client, office, council):
    model = _model("holiday")
    first = client.post(reverse("holiday_create"), CASES["holiday"].valid(council))
    assert first.status_code == 302
    before = model.objects.count()

    response = client.post(
        reverse("holiday_create"), dict(CASES["holiday"].valid(council), name="Nghỉ trùng")
    )

    _assert_rejected(response, model, before, "date")


def test_two_councils_may_have_a_holiday_on_the_same_date(client, office, council, other_council):
    HolidayFactory(council=other_council, date=dt.date(2026, 9, 2))

    response = client.post(reverse("holiday_create"), CASES["holiday"].valid(council))

    assert response.status_code == 302
    assert _created("holiday", council).count() == 1


def test_an_agency_needs_valid_e_mail_addresses(client, office, council):
    model = _model("agency")
    before = model.objects.count()
    data = dict(CASES["agency"].valid(council), emails="vanphong@stc.gov.vn, khong-phai-email")

    response = client.post(reverse("agency_create"), data)

    _assert_rejected(response, model, before, "emails")
    assert "khong-phai-email" in _field_errors(response, "emails")[0]


def test_a_commune_council_has_no_legal_committee(client, login, council):
    commune = CouncilFactory(level=Council.Level.COMMUNE, parent=council)
    login(Role.OFFICE, commune)
    before = Committee.objects.count()
    data = {"kind": "legal", "name": "Ban Pháp chế", "is_active": "on"}

    response = client.post(reverse("committee_create"), data)

    _assert_rejected(response, Committee, before, "kind")


def test_a_commune_council_may_have_an_economy_committee(client, login, council):
    commune = CouncilFactory(level=Council.Level.COMMUNE, parent=council)
    login(Role.OFFICE, commune)
    data = {"kind": "economy_budget", "name": "Ban Kinh tế - Ngân sách", "is_active": "on"}

    response = client.post(reverse("committee_create"), data)

    assert response.status_code == 302
    assert Committee.objects.filter(council=commune).count() == 1


def test_bad_input_on_edit_changes_nothing(client, office, term):
    data = {
        "number": str(term.number),
        "name": "Khóa mới",
        "start_date": "01/04/2031",
        "end_date": "01/01/2030",
    }

    response = client.post(reverse("term_update", args=[term.pk]), data)

    assert response.status_code == 200
    term.refresh_from_db()
    assert term.name != "Khóa mới"
    assert term.history.count() == 1
    assert _field_errors(response, "end_date")


# Lists ---------------------------------------------------------------------------------------------


def _list_queries(client, slug: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"{slug}_list"))
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


@pytest.mark.parametrize("slug", SLUGS)
def test_list_query_count_does_not_grow_with_rows(client, office, council, slug):
    case = CASES[slug]
    few = 5 if case.max_rows >= 50 else 2
    for _ in range(few):
        case.make(council)
    queries_few, shown = _list_queries(client, slug)
    assert shown == few

    for _ in range(case.max_rows - few):
        case.make(council)
    queries_many, shown = _list_queries(client, slug)
    assert shown == case.max_rows

    assert queries_many == queries_few


@pytest.mark.parametrize("slug", SLUGS)
def test_htmx_requests_get_only_the_results_table(client, office, council, slug):
    obj = CASES[slug].make(council)

    partial = client.get(reverse(f"{slug}_list"), headers={"HX-Request": "true", "HX-Target": "crud-results"})
    full = client.get(reverse(f"{slug}_list"))

    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert "<table" in partial.text
    assert reverse(f"{slug}_detail", args=[obj.pk]) in partial.text
    assert "<html" in full.text
    assert 'id="crud-results"' in full.text


def test_htmx_requests_for_another_target_get_the_whole_page(client, office, term):
    response = client.get(reverse("term_list"), headers={"HX-Request": "true", "HX-Target": "main"})

    assert "<html" in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_search_filters_rows(client, office, council, slug):
    wanted = CASES[slug].make(council, name="Giáo dục và Đào tạo")
    other = CASES[slug].make(council, name="Tài chính")

    response = client.get(reverse(f"{slug}_list"), {"q": "dục"})

    assert list(response.context["page"].object_list) == [wanted]
    assert reverse(f"{slug}_detail", args=[wanted.pk]) in response.text
    assert reverse(f"{slug}_detail", args=[other.pk]) not in response.text


def test_search_with_no_match_says_so(client, office, term):
    response = client.get(reverse("term_list"), {"q": "không có gì"})

    assert response.context["page"].paginator.count == 0
    assert term.name not in response.text


def test_lists_are_paginated(client, office, council):
    for _ in range(30):
        FieldFactory(council=council)

    first = client.get(reverse("field_list"))
    second = client.get(reverse("field_list"), {"page": "2"})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_filters_narrow_the_list(client, office, council):
    active = FieldFactory(council=council, is_active=True)
    FieldFactory(council=council, is_active=False)

    response = client.get(reverse("field_list"), {"is_active": "True"})

    assert list(response.context["page"].object_list) == [active]


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
    before = client.get(reverse("term_list"))
    assert "Khóa của An Giang" in before.text
    assert "Khóa của Bắc Ninh" not in before.text

    response = client.post(reverse("council_switch"), {"council": second.pk, "next": "/terms/"})

    assert response.status_code == 302
    assert response["Location"] == "/terms/"
    after = client.get(reverse("term_list"))
    assert "Khóa của Bắc Ninh" in after.text
    assert "Khóa của An Giang" not in after.text


def test_switching_never_redirects_to_another_site(client, two_councils_user):
    _first, second = two_councils_user

    response = client.post(
        reverse("council_switch"), {"council": second.pk, "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_switching_to_a_council_without_a_role_is_not_found(client, two_councils_user):
    stranger = CouncilFactory(name="HĐND tỉnh Cà Mau")
    TermFactory(council=stranger, name="Khóa của Cà Mau")

    response = client.post(reverse("council_switch"), {"council": stranger.pk})

    assert response.status_code == 404
    page = client.get(reverse("term_list"))
    assert "Khóa của An Giang" in page.text
    assert "Khóa của Cà Mau" not in page.text


def test_switching_needs_a_post(client, two_councils_user):
    _first, second = two_councils_user

    assert client.get(reverse("council_switch"), {"council": second.pk}).status_code == 405
