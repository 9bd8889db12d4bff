"""The Party delegation: members in a term, their assigned fields and field reports; the rules of the
services, the selectors the reports read, and who may see and do what on the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from council.models import Role
from delegates import selectors, services
from delegates.models import PartyAssignment, PartyDelegationMember, PartyFieldReport
from delegates.periods import ReportPeriod, period_from_code, periods_of_kind
from reports import periods as report_periods
from tests.conftest import ALL_ROLES
from tests.council.factories import RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import DelegateFactory

pytestmark = pytest.mark.django_db

P = PartyDelegationMember.Position
EVERY = PartyAssignment.ReportEvery
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}
APRIL = dt.date(2026, 4, 1)  # the factories' term runs from 1 April 2026 to 31 March 2031


def _member(council, term, position=P.MEMBER, *, delegate=None, actor=None, **data):
    data.setdefault("start_date", APRIL)
    return services.party_member_create(
        actor=actor,
        council=council,
        term=term,
        delegate=delegate or DelegateFactory(council=council),
        position=position,
        **data,
    )


def _assignment(member, area="Kinh tế - ngân sách", every=EVERY.QUARTER, **data):
    return services.party_assignment_add(member, actor=None, area=area, report_every=every, **data)


def _report(assignment, period="2026-Q2", actor=None, **data):
    actor = actor or RoleFactory(council_id=assignment.council_id, role=Role.OFFICE).user
    return services.party_report_submit(
        assignment, actor=actor, period=period, summary=data.pop("summary", "Đã theo dõi lĩnh vực."), **data
    )


def _linked_user(delegate, role=Role.DELEGATE):
    user = RoleFactory(council=delegate.council, role=role).user
    delegate.user = user
    delegate.save(update_fields=["user"])
    return user


def _next_quarter(today: dt.date) -> ReportPeriod:
    index = (today.month - 1) // 3 + 1
    return ReportPeriod(today.year + (index == 4), "Q", index % 4 + 1)


# --- Periods --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["2026", "2026-Q1", "2026-q4", "2027-H1", "2027-H2", "2028-Q3", " 2026-Q2 "])
def test_period_codes_read_as_the_reports_app_reads_them(code):
    ours, theirs = period_from_code(code), report_periods.period_from_code(code.strip())
    assert (ours.code, ours.start, ours.end) == (theirs.code, theirs.start, theirs.end)
    assert ours.short_label() == theirs.short_label()


@pytest.mark.parametrize("code", ["2026-Q5", "2026-H3", "26-Q1", "abc", "", "2026-M1"])
def test_codes_naming_no_period_are_none(code):
    assert period_from_code(code) is None


def test_periods_of_a_kind_over_dates():
    codes = [p.code for p in periods_of_kind("Q", dt.date(2026, 5, 10), dt.date(2026, 12, 31))]
    assert codes == ["2026-Q2", "2026-Q3", "2026-Q4"]
    assert [p.code for p in periods_of_kind("Y", dt.date(2026, 5, 10), dt.date(2027, 1, 1))] == [
        "2026",
        "2027",
    ]


# --- Membership rules -----------------------------------------------------------------------------------


def test_a_member_is_seated_with_history_naming_the_actor(council, term):
    actor = UserFactory()
    member = _member(council, term, P.SECRETARY, actor=actor, decision="123-QĐ/TU")
    assert member.history.latest().history_user == actor
    assert member.decision == "123-QĐ/TU"


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"start_date": dt.date(2026, 3, 1)}, "start_date"),  # before the term
        ({"start_date": APRIL, "end_date": dt.date(2031, 6, 1)}, "end_date"),  # after the term
        (
            {"start_date": dt.date(2026, 6, 1), "end_date": dt.date(2026, 5, 1)},
            "end_date",
        ),  # end before start
    ],
)
def test_dates_outside_the_term_or_reversed_are_refused(council, term, dates, field):
    with pytest.raises(ValidationError) as error:
        _member(council, term, **dates)
    assert field in error.value.message_dict
    assert not PartyDelegationMember.objects.exists()


def test_a_second_secretary_at_the_same_time_is_refused_with_who_holds_it(council, term):
    first = _member(council, term, P.SECRETARY)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _member(council, term, P.SECRETARY, start_date=dt.date(2027, 1, 1))
    message = error.value.message_dict["position"][0]
    assert "already has a secretary" in message and first.delegate.full_name in message
    assert PartyDelegationMember.objects.count() == 1
    # Once the first secretary's seat has ended, a successor may take it.
    services.party_member_end(first, actor=None, end_date=dt.date(2026, 12, 31))
    successor = _member(council, term, P.SECRETARY, start_date=dt.date(2027, 1, 1))
    assert selectors.party_secretary(council, dt.date(2027, 2, 1)) == successor
    assert selectors.party_secretary(council, dt.date(2026, 6, 1)) == first


def test_deputies_may_be_several(council, term):
    _member(council, term, P.DEPUTY)
    _member(council, term, P.DEPUTY)
    assert PartyDelegationMember.objects.filter(position=P.DEPUTY).count() == 2


def test_a_delegate_of_another_council_is_refused(council, other_council, term):
    stranger = DelegateFactory(council=other_council)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            _member(council, term, delegate=stranger)
        assert error.value.message_dict["delegate"] == ["The delegate belongs to another council."]
    assert not PartyDelegationMember.objects.exists()


def test_the_same_person_is_not_seated_twice_at_once(council, term):
    member = _member(council, term)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _member(council, term, P.DEPUTY, delegate=member.delegate, start_date=dt.date(2027, 1, 1))
    assert "already in the Party delegation" in error.value.message_dict["delegate"][0]
    assert PartyDelegationMember.objects.count() == 1


def test_an_update_is_checked_like_a_creation_and_writes_nothing_when_refused(council, term):
    _member(council, term, P.SECRETARY)
    deputy = _member(council, term, P.DEPUTY)
    with pytest.raises(ValidationError):
        services.party_member_update(deputy, actor=None, position=P.SECRETARY)
    deputy.refresh_from_db()
    assert deputy.position == P.DEPUTY
    actor = UserFactory()
    services.party_member_update(deputy, actor=actor, decision="45-QĐ/TU")
    deputy.refresh_from_db()
    assert deputy.decision == "45-QĐ/TU" and deputy.history.latest().history_user == actor


def test_ending_a_member_ends_their_open_assignments(council, term):
    member = _member(council, term)
    assignment = _assignment(member)
    actor = UserFactory()
    services.party_member_end(member, actor=actor, end_date=dt.date(2027, 6, 30))
    assignment.refresh_from_db()
    assert assignment.end_date == dt.date(2027, 6, 30)
    assert assignment.history.latest().history_user == actor
    with pytest.raises(ValidationError):
        services.party_member_end(member, actor=actor, end_date=dt.date(2027, 7, 30))


def test_an_assignment_lies_within_the_membership(council, term, other_council):
    member = _member(council, term, end_date=dt.date(2027, 12, 31))
    with pytest.raises(ValidationError) as error:
        _assignment(member, end_date=dt.date(2028, 6, 30))
    assert "end_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _assignment(member, area="   ")
    assert "area" in error.value.message_dict
    assert not PartyAssignment.objects.exists()
    assignment = _assignment(member)
    assert assignment.start_date == member.start_date  # from the membership's start when not given
    with pytest.raises(ValidationError):  # the membership cannot now end before its assignment
        services.party_member_update(member, actor=None, end_date=dt.date(2027, 6, 30))


# --- Field reports --------------------------------------------------------------------------------------


def test_the_member_submits_their_own_report_once_per_period(council, term, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    member = _member(council, term)
    user = _linked_user(member.delegate)
    assignment = _assignment(member)
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    report = _report(assignment, "2026-q3", actor=user, upload=upload)
    assert (report.period, report.period_start, report.period_end) == (
        "2026-Q3",
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert report.submitted_by == user and report.history.latest().history_user == user
    assert report.original_name == "bao-cao.pdf"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _report(assignment, "2026-Q3", actor=user)
    assert "already submitted" in error.value.message_dict["period"][0]
    assert PartyFieldReport.objects.count() == 1


def test_the_office_reports_on_behalf_but_another_delegate_cannot(council, term):
    assignment = _assignment(_member(council, term))
    office = RoleFactory(council=council, role=Role.OFFICE).user
    assert _report(assignment, actor=office).submitted_by == office
    outsider = _linked_user(DelegateFactory(council=council))
    with pytest.raises(ValidationError):
        _report(assignment, "2026-Q3", actor=outsider)
    assert PartyFieldReport.objects.count() == 1


@pytest.mark.parametrize(
    "period",
    [
        "2026-H2",  # a quarterly field is reported by quarter
        "2026-Q1",  # before the assignment
        "2026-Q7",  # no such period
    ],
)
def test_a_report_for_a_wrong_period_is_refused(council, term, period):
    assignment = _assignment(_member(council, term))
    with pytest.raises(ValidationError) as error:
        _report(assignment, period)
    assert "period" in error.value.message_dict
    assert not PartyFieldReport.objects.exists()


def test_a_report_for_a_period_not_begun_is_refused(council):
    today = timezone.localdate()
    # a term running from before today to well after the next quarter, whatever today is
    term = TermFactory(
        council=council, start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=900)
    )
    assignment = _assignment(_member(council, term, start_date=term.start_date))
    upcoming = _next_quarter(today)
    with pytest.raises(ValidationError) as error:
        _report(assignment, upcoming.code)
    assert "period" in error.value.message_dict


# --- Selectors ------------------------------------------------------------------------------------------


@pytest.fixture
def delegation(council, term):
    """A secretary, two deputies and two members (one of them gone), each with a field and reports."""
    names = ["Nguyễn Văn Bí Thư", "Trần Phó Hai", "Lê Phó Một", "Phạm Đoàn Viên", "Võ Đã Nghỉ"]
    positions = [P.SECRETARY, P.DEPUTY, P.DEPUTY, P.MEMBER, P.MEMBER]
    made = {}
    for name, position in zip(names, positions, strict=True):
        end = dt.date(2026, 9, 30) if name == "Võ Đã Nghỉ" else None
        member = _member(
            council, term, position, delegate=DelegateFactory(council=council, full_name=name), end_date=end
        )
        made[name] = (member, _assignment(member, area=f"Lĩnh vực của {name}"))
    _report(made["Nguyễn Văn Bí Thư"][1], "2026-Q2")
    _report(made["Nguyễn Văn Bí Thư"][1], "2026-Q3")
    _report(made["Phạm Đoàn Viên"][1], "2026-Q3")
    _report(made["Võ Đã Nghỉ"][1], "2026-Q2")
    return made


def test_party_members_put_the_secretary_first_then_deputies_then_members(council, delegation):
    members = selectors.party_members(council, dt.date(2026, 11, 1))
    assert [m.delegate.full_name for m in members] == [
        "Nguyễn Văn Bí Thư",
        "Lê Phó Một",
        "Trần Phó Hai",
        "Phạm Đoàn Viên",
    ]
    assert [a.area for a in members[0].current_assignments] == ["Lĩnh vực của Nguyễn Văn Bí Thư"]
    assert len(selectors.party_members(council, dt.date(2026, 6, 1))) == 5  # the one gone was still there


def test_party_field_reports_of_a_window_in_one_query(council, delegation, django_assert_num_queries):
    with django_assert_num_queries(1):
        reports = selectors.party_field_reports(council, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
        names = [(r.assignment.member.delegate.full_name, r.period) for r in reports]
    assert names == [("Nguyễn Văn Bí Thư", "2026-Q3"), ("Phạm Đoàn Viên", "2026-Q3")]
    year = selectors.party_field_reports(council, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert len(year) == 4


def test_party_reports_missing_names_the_assignments_without_a_report(council, delegation, other_council):
    missing = selectors.party_reports_missing(council, "2026-Q3")
    assert [a.member.delegate.full_name for a in missing] == ["Lê Phó Một", "Trần Phó Hai", "Võ Đã Nghỉ"]
    assert selectors.party_reports_missing(council, "2026-H2") == []  # nobody reports by half-year
    assert (
        selectors.party_reports_missing(council, "2026-Q4")[-1].member.delegate.full_name == "Phạm Đoàn Viên"
    )
    assert selectors.party_reports_missing(other_council, "2026-Q3") == []
    with pytest.raises(ValueError):
        selectors.party_reports_missing(council, "2026-Q9")


# --- Pages ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_delegation_page_is_for_the_office_standing_committee_and_leadership(
    client, login, delegation, role
):
    login(role)
    response = client.get(reverse("delegates:party"))
    assert response.status_code == (200 if role in READERS else 403)
    if role in READERS:
        assert "Nguyễn Văn Bí Thư" in response.text and "Lĩnh vực của Lê Phó Một" in response.text


def test_the_office_adds_edits_and_ends_a_member(client, office, council, term):
    delegate = DelegateFactory(council=council)
    add = reverse("delegates:party_member_add", args=[term.pk])
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "delegate": delegate.pk,
            "position": P.SECRETARY,
            "start_date": "01/04/2026",
            "decision": "12-QĐ/TU",
        },
    )
    assert response.status_code == 302
    member = PartyDelegationMember.objects.get()
    assert member.history.latest().history_user == office
    # A second secretary is refused on the form, which is shown again; nothing is written.
    other = DelegateFactory(council=council)
    with translation.override("en"):
        refused = client.post(
            add,
            {"delegate": other.pk, "position": P.SECRETARY, "start_date": "01/05/2026"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert refused.status_code == 200 and PartyDelegationMember.objects.count() == 1
    edit = reverse("delegates:party_member_edit", args=[member.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "delegate": delegate.pk,
            "position": P.SECRETARY,
            "start_date": "01/04/2026",
            "decision": "99-QĐ/TU",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.decision == "99-QĐ/TU"
    add_field = reverse("delegates:party_assignment_add", args=[member.pk])
    assert client.get(add_field).status_code == 200
    response = client.post(add_field, {"area": "Công tác giám sát", "report_every": EVERY.HALF_YEAR})
    assert response.status_code == 302
    assignment = PartyAssignment.objects.get()
    assert assignment.start_date == APRIL
    response = client.post(
        reverse("delegates:party_assignment_edit", args=[assignment.pk]),
        {
            "area": "Công tác giám sát, tái giám sát",
            "report_every": EVERY.HALF_YEAR,
            "start_date": "01/04/2026",
        },
    )
    assert response.status_code == 302
    client.post(reverse("delegates:party_member_end", args=[member.pk]), {"end_date": "31/12/2027"})
    member.refresh_from_db()
    assignment.refresh_from_db()
    assert member.end_date == dt.date(2027, 12, 31) == assignment.end_date
    assert assignment.area == "Công tác giám sát, tái giám sát"


def test_a_member_sees_and_reports_only_on_their_own_field(client, council, delegation):
    member, assignment = delegation["Phạm Đoàn Viên"]
    other_member, other_assignment = delegation["Lê Phó Một"]
    user = _linked_user(member.delegate)
    client.force_login(user)
    assert client.get(reverse("delegates:party_member", args=[member.pk])).status_code == 200
    assert client.get(reverse("delegates:party_member", args=[other_member.pk])).status_code == 404
    assert client.get(reverse("delegates:party")).status_code == 403
    mine = client.get(reverse("delegates:party_mine"))
    assert reverse("delegates:party_member", args=[member.pk]) in mine.text
    url = reverse("delegates:party_report_submit", args=[assignment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"period": "2026-Q2", "summary": "Theo dõi thu ngân sách quý II."})
    assert response.status_code == 302
    report = PartyFieldReport.objects.get(assignment=assignment, period="2026-Q2")
    assert report.submitted_by == user
    again = client.post(url, {"period": "2026-Q2", "summary": "Lần nữa."})
    assert again.status_code == 200 and PartyFieldReport.objects.filter(assignment=assignment).count() == 2
    other_url = reverse("delegates:party_report_submit", args=[other_assignment.pk])
    assert client.get(other_url).status_code == 404
    assert client.post(other_url, {"period": "2026-Q3", "summary": "x"}).status_code == 404
    assert not PartyFieldReport.objects.filter(assignment=other_assignment).exists()
    # The Office's forms are not the member's.
    assert client.get(reverse("delegates:party_member_edit", args=[member.pk])).status_code == 403


def test_a_delegate_outside_the_delegation_is_refused(client, council, delegation):
    member, assignment = delegation["Nguyễn Văn Bí Thư"]
    client.force_login(_linked_user(DelegateFactory(council=council)))
    assert client.get(reverse("delegates:party")).status_code == 403
    assert client.get(reverse("delegates:party_member", args=[member.pk])).status_code == 404
    url = reverse("delegates:party_report_submit", args=[assignment.pk])
    assert client.post(url, {"period": "2026-Q4", "summary": "x"}).status_code == 404
    assert client.get(reverse("delegates:party_mine")).status_code == 200


def test_the_standing_committee_reads_but_does_not_report(client, login, delegation):
    member, assignment = delegation["Trần Phó Hai"]
    login(Role.STANDING)
    assert client.get(reverse("delegates:party_member", args=[member.pk])).status_code == 200
    url = reverse("delegates:party_report_submit", args=[assignment.pk])
    assert client.post(url, {"period": "2026-Q3", "summary": "x"}).status_code == 403
    assert client.get(reverse("delegates:party_member_add", args=[member.term_id])).status_code == 403


def test_another_councils_office_finds_nothing(client, login, council, delegation, other_council):
    member, assignment = delegation["Nguyễn Văn Bí Thư"]
    report = assignment.reports.first()
    login(Role.OFFICE, other_council)
    TermFactory(council=other_council)
    for url in (
        reverse("delegates:party_term", args=[member.term_id]),
        reverse("delegates:party_member", args=[member.pk]),
        reverse("delegates:party_member_edit", args=[member.pk]),
        reverse("delegates:party_member_add", args=[member.term_id]),
        reverse("delegates:party_assignment_add", args=[member.pk]),
        reverse("delegates:party_assignment_edit", args=[assignment.pk]),
        reverse("delegates:party_report_submit", args=[assignment.pk]),
        reverse("delegates:party_report_file", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("delegates:party_member_end", args=[member.pk]),
        reverse("delegates:party_assignment_end", args=[assignment.pk]),
    ):
        assert client.post(url, {"end_date": "31/12/2026"}).status_code == 404, url
    member.refresh_from_db()
    assert member.end_date is None
    page = client.get(reverse("delegates:party"))
    assert page.status_code == 200 and "Nguyễn Văn Bí Thư" not in page.text


def test_the_report_file_goes_to_who_may_see_the_report(client, council, term, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    member = _member(council, term)
    user = _linked_user(member.delegate)
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    report = _report(_assignment(member), actor=user, upload=upload)
    url = reverse("delegates:party_report_file", args=[report.pk])
    client.force_login(user)
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(_linked_user(DelegateFactory(council=council)))
    assert client.get(url).status_code == 404


def test_the_delegation_page_runs_as_many_queries_at_50_members_as_at_5(
    client, office, council, term, constant_queries
):
    office_user = office

    def grow(rows):
        for n in rows:
            member = _member(
                council, term, delegate=DelegateFactory(council=council, full_name=f"Thành viên {n}")
            )
            assignment = _assignment(member, area=f"Lĩnh vực {n}")
            _report(assignment, "2026-Q2", actor=office_user)

    few, many = constant_queries(grow, lambda: client.get(reverse("delegates:party_term", args=[term.pk])))
    assert few.status_code == many.status_code == 200
    assert "Thành viên 49" in many.text


def test_the_page_selector_shows_latest_report_and_missing_periods(council, term, delegation):
    rows = selectors.party_delegation_page(council, term, dt.date(2027, 1, 15))
    by_name = {row.member.delegate.full_name: row for row in rows}
    secretary = by_name["Nguyễn Văn Bí Thư"].assignments[0]
    assert secretary.latest.period == "2026-Q3"
    assert [p.code for p in secretary.missing] == ["2026-Q4"]
    assert [p.code for p in by_name["Lê Phó Một"].assignments[0].missing] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    gone = by_name["Võ Đã Nghỉ"]
    assert not gone.current and [p.code for p in gone.assignments[0].missing] == ["2026-Q3"]
    assert rows[-1] is gone  # those gone come after the current members


def test_the_page_selector_is_three_queries(council, term, delegation):
    with CaptureQueriesContext(connection) as queries:
        selectors.party_delegation_page(council, term, dt.date(2027, 1, 15))
    assert len(queries) == 3
