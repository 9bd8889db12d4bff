"""Overdue is marked, in words, wherever a due date is shown (one component: council/templatetags/due.py)."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from council.models import DeadlineRule, Role
from sessions import services as session_services
from sessions.models import Interpellation, Resolution
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, RoleFactory, make_followup
from tests.delegates.factories import MandateFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db
OVERDUE = re.compile(r"(quá hạn|overdue by) (\d+) (ngày|days?)", re.I)


def _today():
    return timezone.localdate()


def _overdue_days(html: str) -> list[int]:
    return [int(m.group(2)) for m in OVERDUE.finditer(html)]


def _render(snippet: str, **context) -> str:
    return Template("{% load due %}" + snippet).render(Context(context))


def test_the_component_says_how_many_days_overdue_in_words():
    today = _today()
    assert _overdue_days(_render("{% due d %}", d=today - dt.timedelta(days=3))) == [3]
    assert _overdue_days(_render("{% due d %}", d=today + dt.timedelta(days=3))) == []
    assert _overdue_days(_render("{% due d pending=False %}", d=today - dt.timedelta(days=3))) == []
    late = _render("{% due d done_on=x %}", d=today - dt.timedelta(days=5), x=today - dt.timedelta(days=2))
    assert not _overdue_days(late) and "due-late" in late and "3" in late
    assert _render("{% due d %}", d=None).strip() == "—"


def test_followup_pages_mark_the_overdue_one_only(client, council, office):
    today = _today()
    late = make_followup(council, assigned=today - dt.timedelta(days=40), due=today - dt.timedelta(days=10))
    on_time = make_followup(council, assigned=today - dt.timedelta(days=5), due=today + dt.timedelta(days=10))
    assert _overdue_days(client.get(reverse("council:followup_detail", args=[late.pk])).content.decode()) == [
        10
    ]
    assert (
        _overdue_days(client.get(reverse("council:followup_detail", args=[on_time.pk])).content.decode())
        == []
    )
    assert _overdue_days(client.get(reverse("council:followup_list")).content.decode()) == [10]


def test_the_agency_home_marks_the_overdue_item(client, council):
    today = _today()
    agency = AgencyFactory(council=council)
    make_followup(
        council, agency=agency, assigned=today - dt.timedelta(days=40), due=today - dt.timedelta(days=7)
    )
    make_followup(
        council, agency=agency, assigned=today - dt.timedelta(days=4), due=today + dt.timedelta(days=7)
    )
    client.force_login(RoleFactory(council=council, role=Role.AGENCY, agency=agency).user)
    assert _overdue_days(client.get(reverse("council:agency_home")).content.decode()) == [7]


def _written_slip(council, term, submitted_on):
    slip = session_services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[MandateFactory(delegate__council=council, term=term)],
        agency=AgencyFactory(council=council),
        respondent_title="Giám đốc Sở Y tế",
        question=f"Câu hỏi chất vấn nộp ngày {submitted_on:%d/%m/%Y}",
    )
    session_services.interpellation_submit(slip, actor=None, on=submitted_on)
    session_services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.WRITTEN)
    slip.refresh_from_db()
    return slip


def test_interpellation_written_answer_overdue_on_its_page_and_the_list(client, council, term, office):
    DeadlineRuleFactory(
        council=council,
        code=session_services.WRITTEN_ANSWER_RULE,
        days=10,
        day_type=DeadlineRule.DayType.CALENDAR,
        valid_from=dt.date(2016, 7, 1),
    )
    today = _today()
    late = _written_slip(council, term, today - dt.timedelta(days=30))
    on_time = _written_slip(council, term, today - dt.timedelta(days=2))
    detail = client.get(reverse("sessions:interpellation_detail", args=[late.pk])).content.decode()
    assert _overdue_days(detail) == [20]
    assert (
        _overdue_days(
            client.get(reverse("sessions:interpellation_detail", args=[on_time.pk])).content.decode()
        )
        == []
    )
    assert _overdue_days(client.get(reverse("sessions:interpellation_list")).content.decode()) == [20]
    # Once answered, it is no longer overdue: the page says how late the answer came instead.
    session_services.interpellation_answer(
        late, actor=None, answered_on=today, answered_by="Giám đốc", text="Đã"
    )
    detail = client.get(reverse("sessions:interpellation_detail", args=[late.pk])).content.decode()
    assert _overdue_days(detail) == [] and "due-late" in detail


def test_a_session_whose_documents_were_not_sent_by_the_deadline_is_overdue(client, council, term, office):
    DeadlineRuleFactory(
        council=council,
        code=session_services.DOCUMENTS_RULE,
        days=7,
        day_type=DeadlineRule.DayType.CALENDAR,
        direction=DeadlineRule.Direction.BEFORE,
        anchor=DeadlineRule.Anchor.SESSION_START,
        valid_from=dt.date(2025, 7, 1),
    )
    today = _today()
    soon = SessionFactory(
        term=term, start_date=today + dt.timedelta(days=3), end_date=today + dt.timedelta(days=5)
    )
    later = SessionFactory(
        term=term, start_date=today + dt.timedelta(days=20), end_date=today + dt.timedelta(days=22)
    )
    assert _overdue_days(client.get(reverse("sessions:session_detail", args=[soon.pk])).content.decode()) == [
        4
    ]
    assert _overdue_days(
        client.get(reverse("sessions:session_documents", args=[soon.pk])).content.decode()
    ) == [4]
    assert (
        _overdue_days(client.get(reverse("sessions:session_detail", args=[later.pk])).content.decode()) == []
    )


def test_a_resolution_task_overdue_on_the_resolution_page(client, council, term, office):
    today = _today()
    for _ in range(3):
        MandateFactory(delegate__council=council, term=term)
    session = SessionFactory(
        term=term, start_date=today - dt.timedelta(days=60), end_date=today - dt.timedelta(days=58)
    )
    resolution = session_services.resolution_create(
        actor=None,
        council=council,
        session=session,
        symbol="12/NQ-HĐND",
        kind=Resolution.Kind.INDIVIDUAL,
        title="Giao chỉ tiêu",
        adopted_on=session.end_date,
    )
    session_services.resolution_vote(resolution, actor=None, voted_on=session.end_date, approve=3)
    agency = AgencyFactory(council=council)
    for days in (-6, 6):
        session_services.resolution_task_add(
            resolution,
            actor=None,
            text=f"Nhiệm vụ {days}",
            agency=agency,
            due_date=today + dt.timedelta(days=days),
        )
    page = client.get(reverse("sessions:resolution_detail", args=[resolution.pk])).content.decode()
    assert _overdue_days(page) == [6]


def test_the_agency_item_page_marks_its_overdue_due_date(client, council):
    today = _today()
    agency = AgencyFactory(council=council)
    late = make_followup(
        council, agency=agency, assigned=today - dt.timedelta(days=40), due=today - dt.timedelta(days=3)
    )
    fine = make_followup(
        council, agency=agency, assigned=today - dt.timedelta(days=4), due=today + dt.timedelta(days=3)
    )
    client.force_login(RoleFactory(council=council, role=Role.AGENCY, agency=agency).user)
    assert _overdue_days(client.get(reverse("council:agency_item", args=[late.pk])).content.decode()) == [3]
    assert _overdue_days(client.get(reverse("council:agency_item", args=[fine.pk])).content.decode()) == []


def test_directive_items_overdue_on_the_directive_page(client, council, office):
    from directives import services as directive_services
    from directives.models import Directive, DirectiveItem

    today = _today()
    directive = directive_services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.PLAN,
        symbol="12-KH/ĐĐ",
        issued_on=today - dt.timedelta(days=60),
        issuer="Đảng đoàn HĐND tỉnh",
        subject="Kế hoạch thực hiện Kết luận",
    )
    for n, days in enumerate((-8, 8), start=1):
        directive_services.item_add(
            directive,
            actor=None,
            section=f"II.{n}",
            text=f"Nhiệm vụ {n}",
            responsible=DirectiveItem.Responsible.OFFICE,
            due_date=today + dt.timedelta(days=days),
        )
    page = client.get(reverse("directives:directive_detail", args=[directive.pk])).content.decode()
    assert _overdue_days(page) == [8]
