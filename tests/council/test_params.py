"""Ids, years, periods and page numbers read from requests: bounded, never a server error (issue 15)."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from council.models import Field, FollowUp, Role
from council.params import (
    ID_MAX,
    YearField,
    id_param,
    ids_param,
    int_value,
    next_param,
    page_param,
    period_param,
    year_or_404,
    year_param,
)
from delegates import services as delegate_services
from delegates.models import DelegateEvaluation
from tests.council.factories import AgencyFactory, FieldFactory, RoleFactory, make_followup
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"
rf = RequestFactory()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("-1", -1),
        (HUGE, HUGE and int(HUGE)),
        ("1" * 21, None),  # longer than any id: not even converted
        ("", None),
        (None, None),
        ("1e3", None),
        ("²", None),  # str.isdigit() says yes, int() says no: the old checks turned this into a 500
        ("١٢", None),  # Arabic-Indic digits
        ("１２", None),  # full-width digits
        ("4\x002", None),
        ("x" * 20_000, None),
    ],
)
def test_int_value_reads_only_plain_whole_numbers(raw, expected):
    assert int_value(raw) == expected


def test_ids_and_years_are_bounded():
    request = rf.post("/", {"selected": ["3", HUGE, str(2**63), "-1", "0", "3", "²", "5"]})
    assert ids_param(request) == [3, 5]
    assert int_value(str(ID_MAX), 1, ID_MAX) == ID_MAX and int_value(str(ID_MAX + 1), 1, ID_MAX) is None
    assert id_param(rf.get("/", {"term": HUGE}), "term") is None
    with pytest.raises(Http404):
        id_param(rf.get("/", {"pk": "-1"}), "pk", required=True)
    this_year = timezone.localdate().year
    for bad in ["0", "99999999", "1989", "2101", "", "x", "\u202e2026"]:
        assert year_param(rf.get("/", {"year": bad})) == this_year
    assert year_param(rf.get("/", {"year": "2024"})) == 2024
    for bad in [0, 1, 9999, 99999999]:
        with pytest.raises(Http404):
            year_or_404(bad)
    assert year_or_404(2026) == 2026
    assert page_param(rf.get("/", {"page": HUGE + HUGE})) == 1 and page_param(rf.get("/", {"page": "3"})) == 3


def test_period_param_gives_the_default_and_a_message_for_a_bad_code():
    def parse(code):
        if code != "2026-Q1":
            raise ValidationError(f"“{code}” không phải là một kỳ.")
        return "Q1"

    assert period_param(rf.get("/"), "period", parse=parse, default="now") == ("now", "")
    assert period_param(rf.get("/", {"period": "2026-Q1"}), "period", parse=parse, default="now") == (
        "Q1",
        "",
    )
    value, error = period_param(rf.get("/", {"period": "2026-Q9"}), "period", parse=parse, default="now")
    assert value == "now" and "không phải" in error
    for hostile in ["x" * 20_000, "2026\x00", HUGE]:
        value, error = period_param(rf.get("/", {"period": hostile}), "period", parse=parse, default="now")
        assert value == "now" and error


def test_year_field_refuses_absurd_years_in_vietnamese():
    class F(forms.Form):
        year = YearField()

    for bad in ["0", "1", "9999", "99999999", HUGE]:
        form = F({"year": bad})
        assert not form.is_valid() and "Nhập năm từ 1990 đến 2100." in form.errors["year"]
    assert F({"year": "x"}).errors["year"] == ["Nhập năm bằng chữ số, ví dụ 2026."]
    assert F({"year": "2026"}).is_valid()


def test_multi_selects_and_foreign_keys_with_huge_ids_are_form_errors_not_crashes(council):
    FieldFactory(council=council)
    field = forms.ModelMultipleChoiceField(Field.objects.all())
    with pytest.raises(ValidationError):
        field.clean([HUGE, str(2**63)])
    assert list(FollowUp.objects.filter(pk__in=[int(HUGE)])) == []
    assert list(FollowUp.objects.filter(agency__in=[int(HUGE)])) == []
    assert list(FollowUp.objects.filter(agency=int(HUGE))) == []


def test_path_ids_beyond_64_bits_are_not_found(client, office, council):
    followup = make_followup(council, agency=AgencyFactory(council=council))
    assert client.get(reverse("council:followup_detail", args=[followup.pk])).status_code == 200
    for pk in [HUGE, str(2**63), "0" + HUGE]:
        assert client.get(f"/followups/{pk}/").status_code == 404
        assert client.get(f"/delegates/{pk}/edit/").status_code == 404


def test_reminding_huge_selected_ids_reminds_nobody(client, office, council):
    make_followup(council, agency=AgencyFactory(council=council))
    response = client.post(
        reverse("council:followup_remind"), {"selected": [HUGE, str(2**63), "²"], "note": "x"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("sessions:interpellation_create", {"from_followup": HUGE}),
        ("delegates:directory", {"term": HUGE, "page": HUGE}),
        ("council:followup_list", {"page": "²", "agency": HUGE, "field": HUGE}),
        ("voters:meeting_create", {"delegates": HUGE}),
        ("oversight:activity_create", {"from_followup": "²"}),
        ("oversight:accountability_create", {"from_followup": HUGE}),
    ],
)
def test_list_and_new_pages_take_hostile_ids_in_the_query(client, login, url, params):
    login(Role.STANDING if url == "interpellation_create" else Role.OFFICE)
    assert client.get(reverse(url), params).status_code in (200, 403)  # before: 500


def test_multi_select_posts_with_huge_ids_are_refused_in_the_form(client, office, council):
    before = FollowUp.objects.count()
    response = client.post(
        reverse("voters:meeting_create"), {"delegates": [HUGE, str(2**63)], "date": "31/02/2026"}
    )
    assert response.status_code == 200 and FollowUp.objects.count() == before


def test_the_nul_character_is_refused_in_vietnamese(client, office):
    response = client.post(reverse("council:field_create"), {"code": "a", "name": "Đất\x00đai"})
    assert response.status_code == 200
    assert "Nội dung có ký tự không hợp lệ (NUL)" in response.content.decode()
    assert not Field.objects.filter(code="a").exists()


@pytest.fixture
def evaluated(council, user_with_role):
    """A delegate whose mandate runs from 2021 to 2026, and a Standing Committee member who rates them."""
    from tests.council.factories import TermFactory

    term = TermFactory(council=council, start_date=dt.date(2021, 6, 1), end_date=dt.date(2026, 5, 31))
    mandate = MandateFactory(delegate__council=council, council=council, term=term)
    standing = RoleFactory(council=council, role=Role.STANDING).user
    return mandate, standing


@pytest.mark.parametrize("year", [0, 1, 1989, 2001, 2101, 9999, 99999999])
def test_evaluations_of_absurd_years_are_not_found_and_not_stored(client, evaluated, year):
    mandate, standing = evaluated
    client.force_login(standing)
    assert client.get(f"/evaluations/{mandate.pk}/{year}/").status_code == 404
    response = client.post(f"/evaluations/{mandate.pk}/{year}/standing/", {"standing-rating": "good"})
    assert response.status_code == 404
    assert not DelegateEvaluation.objects.exists()


def test_an_evaluation_within_the_mandate_is_stored(client, evaluated):
    mandate, standing = evaluated
    client.force_login(standing)
    assert client.get(f"/evaluations/{mandate.pk}/2024/").status_code == 200
    client.post(f"/evaluations/{mandate.pk}/2024/standing/", {"standing-rating": "good"})
    assert DelegateEvaluation.objects.get().year == 2024


@pytest.mark.parametrize("year", [0, 1, 2001, 9999])
def test_the_service_refuses_an_evaluation_outside_the_mandate_or_the_range(evaluated, year):
    mandate, standing = evaluated
    with pytest.raises(ValidationError) as refused:
        delegate_services.evaluation_open(mandate, actor=standing, year=year)
    assert "year" in refused.value.message_dict
    assert not DelegateEvaluation.objects.exists()


def test_next_param_follows_only_paths_of_this_site():
    def next_of(value):
        return next_param(rf.post("/", {"next": value}), "/home/")

    assert next_of("/followups/?page=2") == "/followups/?page=2"
    for bad in [
        "0",
        "abc",
        "100000000000000000000",
        "//evil.example/",
        "https://evil.example/",
        "/a\x00b",
        "",
    ]:
        assert next_of(bad) == "/home/"


def test_a_bare_word_as_next_returns_to_the_default_page(client, office):
    # redirect("0") tried to reverse a view named "0": a 500 on the dashboard's refresh button.
    response = client.post(reverse("reports:figures_refresh"), {"next": "100000000000000000000"})
    assert response.status_code == 302 and response["Location"] == reverse("reports:dashboard")


@pytest.mark.parametrize("group", ["²", "١٢", HUGE, "-1"])
def test_the_live_page_s_name_suggestions_take_any_group(client, office, council, group):
    # "²".isdigit() is true and int("²") fails: the suggestion box of the live page answered 500.
    from tests.council.factories import TermFactory
    from tests.sessions.factories import SittingFactory

    sitting = SittingFactory(session__term=TermFactory(council=council))
    response = client.get(reverse("sessions:sitting_speakers", args=[sitting.pk]), {"group": group, "q": "a"})
    assert response.status_code == 200
