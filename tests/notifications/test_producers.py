"""The daily time-based notices: an agency's items at 7/3/1 working days and overdue (the reminders'
planning), the T2 nudge on a session's last sitting day and the T3 nudge before a session; once each."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from council.models import DeadlineRule, OutboxMail, Role
from council.services import followup_reminders_run
from council.workdays import WorkCalendar
from delegates.models import GroupMembership
from notifications.models import Notification
from notifications.producers import notify_timed
from sessions import services as session_services
from sessions.models import Session
from sessions.services import DOCUMENTS_RULE
from tests.council.factories import DeadlineRuleFactory, make_followup
from tests.dates import days, today
from tests.delegates.factories import GroupFactory, GroupMembershipFactory
from tests.sessions.factories import SessionFactory, SittingFactory

from .factories import person

pytestmark = pytest.mark.django_db


def _due_in(council, working_days: int):
    return WorkCalendar.load(council, days(-5), days(60)).shift(today(), working_days)


def test_an_agencys_items_falling_due_and_overdue_are_told_once(council):
    soon = make_followup(council, assigned=days(-20), due=_due_in(council, 3))
    late = make_followup(council, assigned=days(-40), due=days(-2))
    soon_respondent = person(council, Role.AGENCY, agency=soon.agency)
    late_respondent = person(council, Role.AGENCY, agency=late.agency)

    assert notify_timed() == {"followup_due": 1, "followup_overdue": 1}
    assert notify_timed() == {}
    with translation.override("en"):
        assert "in 3 working day(s)" in str(Notification.objects.get(recipient=soon_respondent))
        assert str(Notification.objects.get(recipient=late_respondent)).startswith(
            f"Item {late.reference or late.pk}"
        )

    # The reminders' run marks the same steps mailed afterwards; nothing is told twice either way.
    followup_reminders_run()
    assert notify_timed() == {}
    assert Notification.objects.count() == 2


def test_a_dry_run_counts_and_writes_nothing(council):
    followup = make_followup(council, assigned=days(-40), due=days(-2))
    person(council, Role.AGENCY, agency=followup.agency)
    out = StringIO()

    call_command("notify", "--dry-run", stdout=out)

    assert "followup_overdue): 1" in out.getvalue()
    assert not Notification.objects.exists()
    call_command("notify", stdout=out)
    assert Notification.objects.count() == 1


def _group_with_leader(council):
    leader = person(council, Role.GROUP_LEADER)
    group = GroupFactory(term=leader.mandate.term, council=council)
    GroupMembershipFactory(group=group, mandate=leader.mandate, role=GroupMembership.Role.LEADER)
    return leader, group


def test_a_silent_groups_leader_hears_on_the_last_sitting_day(council):
    leader, group = _group_with_leader(council)
    session = SessionFactory(term=group.term, start_date=days(-1), end_date=days(1))
    SittingFactory(session=session, date=today())
    later = SittingFactory(session=session, date=days(1))

    assert "quota_group_plenary" not in notify_timed()  # two sitting days left

    later.delete()
    assert notify_timed()["quota_group_plenary"] == 1
    notice = Notification.objects.get(kind="quota_group_plenary")
    assert notice.recipient == leader and notice.subject == session
    assert "quota_group_plenary" not in notify_timed()


def test_a_delegate_with_no_contribution_is_offered_help_before_a_session(council):
    delegate = person(council, Role.DELEGATE)
    SessionFactory(term=delegate.mandate.term, start_date=days(3), end_date=days(4))

    assert notify_timed()["quota_delegate_contribution"] == 1
    notice = Notification.objects.get(recipient=delegate)
    assert notice.subject is None
    with translation.override("en"):
        assert "The Office can help you" in str(notice)
    assert notify_timed() == {}


def test_the_office_is_warned_once_when_a_sessions_documents_are_late(council, other_council):
    office = person(council, Role.OFFICE, email="vanphong@example.invalid")
    delegate = person(council, Role.DELEGATE)
    person(other_council, Role.OFFICE)
    DeadlineRuleFactory(
        council=council,
        code=DOCUMENTS_RULE,
        days=7,
        day_type=DeadlineRule.DayType.CALENDAR,
        direction=DeadlineRule.Direction.BEFORE,
        anchor=DeadlineRule.Anchor.SESSION_START,
        valid_from=days(-400),
    )
    session = SessionFactory(
        term=delegate.mandate.term, start_date=days(3), end_date=days(5), state=Session.State.CONVENED
    )  # the documents had to reach delegates 4 days ago
    on_time = dict(session=session, kind="submission", issued_on=days(-20))
    session_services.document_add(
        actor=None, symbol="1/TTr-UBND", title="Tờ trình 1", sent_on=days(-5), **on_time
    )
    session_services.document_add(
        actor=None, symbol="2/TTr-UBND", title="Tờ trình 2", sent_on=days(-2), **on_time
    )
    session_services.document_add(actor=None, symbol="3/TTr-UBND", title="Tờ trình 3", **on_time)  # not sent
    # A session whose deadline has not come yet, and one already closed, warn about nothing.
    later = SessionFactory(term=delegate.mandate.term, start_date=days(30), end_date=days(31))
    session_services.document_add(
        actor=None, symbol="4/TTr-UBND", title="Tờ trình 4", kind="report", session=later, issued_on=days(-1)
    )
    closed = SessionFactory(term=delegate.mandate.term, start_date=days(-2), end_date=days(1), state="closed")
    session_services.document_add(
        actor=None, symbol="5/TTr-UBND", title="Tờ trình 5", kind="report", session=closed, issued_on=days(-9)
    )

    assert notify_timed()["session_documents_late"] == 1
    notice = Notification.objects.get(kind="session_documents_late")
    assert notice.recipient == office and notice.subject == session and notice.params["count"] == 2
    with translation.override("vi"):
        assert "2 tài liệu chậm so với thời hạn" in str(notice)
    assert OutboxMail.objects.filter(to__contains=office.email, dedupe_key__startswith="notify-").count() == 1
    assert "session_documents_late" not in notify_timed()  # a rerun, even the next day, adds nothing
    assert "session_documents_late" not in notify_timed(today=days(1))
