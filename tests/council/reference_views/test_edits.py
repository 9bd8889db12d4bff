"""Reference records created and edited through their forms, with history; bad input changes nothing."""

import datetime as dt
import html
import unicodedata

import pytest
from django.urls import reverse

from council.models import Committee, Council, Role
from tests.council.factories import CouncilFactory, HolidayFactory, TermFactory
from tests.council.reference_views.cases import CASES, ROUTES, SLUGS, _created, _field_errors, _model

pytestmark = pytest.mark.django_db


# Create and edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_creating_through_the_form_makes_one_record_with_history(client, office, council, slug):
    case = CASES[slug]
    valid = case.valid(council)
    before = set(_created(slug, council).values_list("pk", flat=True))

    response = client.post(reverse(f"{ROUTES[slug]}_create"), valid)

    new = list(_created(slug, council).exclude(pk__in=before))
    assert len(new) == 1, response.context["form"].errors if response.context else response
    obj = new[0]
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{ROUTES[slug]}_detail", args=[obj.pk])
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

    response = client.get(reverse("council:term_update", args=[term.pk]))

    assert 'value="01/04/2026"' in response.text
    assert 'value="31/03/2031"' in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_detail_page_shows_the_record_and_its_history(client, office, council, slug):
    valid = CASES[slug].valid(council)
    client.post(reverse(f"{ROUTES[slug]}_create"), valid)
    obj = _created(slug, council).get()

    response = client.get(reverse(f"{ROUTES[slug]}_detail", args=[obj.pk]))

    assert response.status_code == 200
    assert html.escape(valid["name"]) in response.text
    assert list(response.context["history"]) == list(obj.history.all())
    assert office.get_full_name() in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_editing_changes_the_record_and_adds_history(client, office, council, slug):
    obj = CASES[slug].make(council)
    history_before = obj.history.count()
    page = client.get(reverse(f"{ROUTES[slug]}_update", args=[obj.pk]))
    data = {
        name: value
        for name, value in page.context["form"].initial.items()
        if name in page.context["form"].fields
    }
    data = {k: _form_value(v) for k, v in data.items() if v is not None}
    data["name"] = "Tên đã sửa"

    response = client.post(reverse(f"{ROUTES[slug]}_update", args=[obj.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse(f"{ROUTES[slug]}_detail", args=[obj.pk])
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

    response = client.post(reverse("council:term_update", args=[term.pk]), data)

    assert response.status_code == 302
    assert term.history.count() == 1


def test_text_is_stored_composed_and_trimmed(client, office, council):
    data = dict(CASES["field"].valid(council), name=unicodedata.normalize("NFD", "  Giải phóng mặt bằng "))

    client.post(reverse("council:field_create"), data)

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

    response = client.post(reverse("council:term_create"), data)

    _assert_rejected(response, model, before, "end_date")


def test_a_date_typed_month_first_past_twelve_is_refused(client, office, council):
    model = _model("term")
    before = model.objects.count()
    data = dict(CASES["term"].valid(council), start_date="04/13/2031")

    response = client.post(reverse("council:term_create"), data)

    _assert_rejected(response, model, before, "start_date")


def test_a_deadline_rule_cannot_have_negative_days(client, office, council):
    model = _model("deadline_rule")
    before = model.objects.count()
    data = dict(CASES["deadline_rule"].valid(council), days="-3")

    response = client.post(reverse("council:deadline_rule_create"), data)

    _assert_rejected(response, model, before, "days")


def test_a_deadline_rule_cannot_expire_before_it_starts(client, office, council):
    model = _model("deadline_rule")
    before = model.objects.count()
    data = dict(CASES["deadline_rule"].valid(council), valid_from="05/03/2026", valid_to="04/03/2026")

    response = client.post(reverse("council:deadline_rule_create"), data)

    _assert_rejected(response, model, before, "valid_to")


def test_a_council_cannot_have_two_holidays_on_one_date(client, office, council):
    model = _model("holiday")
    first = client.post(reverse("council:holiday_create"), CASES["holiday"].valid(council))
    assert first.status_code == 302
    before = model.objects.count()

    response = client.post(
        reverse("council:holiday_create"), dict(CASES["holiday"].valid(council), name="Nghỉ trùng")
    )

    _assert_rejected(response, model, before, "date")


def test_two_councils_may_have_a_holiday_on_the_same_date(client, office, council, other_council):
    HolidayFactory(council=other_council, date=dt.date(2026, 9, 2))

    response = client.post(reverse("council:holiday_create"), CASES["holiday"].valid(council))

    assert response.status_code == 302
    assert _created("holiday", council).count() == 1


def test_an_agency_needs_valid_e_mail_addresses(client, office, council):
    model = _model("agency")
    before = model.objects.count()
    data = dict(CASES["agency"].valid(council), emails="vanphong@stc.gov.vn, khong-phai-email")

    response = client.post(reverse("council:agency_create"), data)

    _assert_rejected(response, model, before, "emails")
    assert "khong-phai-email" in _field_errors(response, "emails")[0]


def test_a_commune_council_has_no_legal_committee(client, login, council):
    commune = CouncilFactory(level=Council.Level.COMMUNE, parent=council)
    login(Role.OFFICE, commune)
    before = Committee.objects.count()
    data = {"kind": "legal", "name": "Ban Pháp chế", "is_active": "on"}

    response = client.post(reverse("delegates:committee_create"), data)

    _assert_rejected(response, Committee, before, "kind")


def test_a_commune_council_may_have_an_economy_committee(client, login, council):
    commune = CouncilFactory(level=Council.Level.COMMUNE, parent=council)
    login(Role.OFFICE, commune)
    data = {"kind": "economy_budget", "name": "Ban Kinh tế - Ngân sách", "is_active": "on"}

    response = client.post(reverse("delegates:committee_create"), data)

    assert response.status_code == 302
    assert Committee.objects.filter(council=commune).count() == 1


def test_bad_input_on_edit_changes_nothing(client, office, term):
    data = {
        "number": str(term.number),
        "name": "Khóa mới",
        "start_date": "01/04/2031",
        "end_date": "01/01/2030",
    }

    response = client.post(reverse("council:term_update", args=[term.pk]), data)

    assert response.status_code == 200
    term.refresh_from_db()
    assert term.name != "Khóa mới"
    assert term.history.count() == 1
    assert _field_errors(response, "end_date")
