"""The home page says what comes next, per role: a delegate's coming week (the events of their calendar),
open tasks and quota lines; a group leader's group; the Office's day and week; an agency's nearest
deadlines. Never another council's record nor one the person may not open, at a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from council.models import Role
from delegates.models import GroupMembership
from delegates.services.work import course_create, course_invite
from reports.calendar import events_between
from reports.whats_next import in_evaluation_season, whats_next
from sessions import services as session_services
from sessions.models import Session, SessionDocument, Speech
from sessions.services import DOCUMENTS_RULE
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, TermFactory, make_followup
from tests.dates import days, today
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.notifications.factories import person
from tests.sessions.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


def _delegate(council, term, role=Role.DELEGATE):
    """A user with the role and a mandate in ``term`` (the council's only term: it is the current one)."""
    user = person(council, role, mandate=False)
    user.mandate = MandateFactory(delegate__council=council, delegate__user=user, term=term)
    return user


@pytest.fixture
def world(council, other_council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    group = GroupFactory(term=term, name="Tổ đại biểu số 3")
    leader = _delegate(council, term, Role.GROUP_LEADER)
    delegate = _delegate(council, term)
    silent = _delegate(council, term)
    for user, role in ((leader, GroupMembership.Role.LEADER), (delegate, "member"), (silent, "member")):
        GroupMembershipFactory(group=group, mandate=user.mandate, role=role, start_date=term.start_date)
    session = SessionFactory(
        term=term, start_date=days(-1), end_date=days(1), state=Session.State.IN_SESSION, place="Hội trường"
    )
    sitting = SittingFactory(
        session=session, date=today(), start_time=dt.time(7, 30), title="Phiên thảo luận"
    )
    session_services.speech_log(
        actor=None,
        sitting=sitting,
        mandate=delegate.mandate,
        kind=Speech.Kind.DISCUSSION,
        duration_seconds=300,
    )
    agency = AgencyFactory(council=council, name="Sở Y tế")
    slip = session_services.interpellation_draft(
        actor=delegate,
        council=council,
        term=term,
        askers=[delegate.mandate],
        agency=agency,
        respondent_title="Giám đốc Sở Y tế",
        question="Tiến độ xây dựng bệnh viện đa khoa khu vực",
        topic="Bệnh viện khu vực",
    )
    course = course_create(
        actor=None,
        council=council,
        title="Kỹ năng giám sát",
        start_date=days(3),
        end_date=days(3),
        organiser="Văn phòng",
        place="Trường Chính trị",
    )
    course_invite(course, actor=None, mandates=[delegate.mandate])
    uninvited = course_create(
        actor=None,
        council=council,
        title="Lớp không mời",
        start_date=days(2),
        end_date=days(2),
        organiser="VP",
        online=True,
    )
    due_soon = make_followup(council, agency=agency, assigned=days(-20), due=days(1), title="Hạn gần của Sở")
    other_agency = make_followup(council, assigned=days(-20), due=days(1), title="Việc của sở khác")
    elsewhere_session = SessionFactory(term__council=other_council, start_date=days(-1), end_date=days(1))
    SittingFactory(session=elsewhere_session, date=today(), title="Phiên của hội đồng khác")
    elsewhere_item = make_followup(other_council, assigned=days(-20), due=days(1), title="Việc hội đồng khác")
    respondent = person(council, Role.AGENCY, agency=agency)
    office = person(council, Role.OFFICE)
    return locals()


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_a_delegate_sees_the_coming_week_of_their_calendar_tasks_and_quota(client, world):
    response = _home(client, world["delegate"])
    upcoming = response.context["summary"].next
    page = response.text

    # The same events as their calendar holds for those days, and nothing else.
    calendar = events_between(world["delegate"], today(), days(6), council=world["council"])
    assert [e.uid for e in upcoming.events] == [e.uid for e in calendar]
    assert "Phiên thảo luận" in page and "Kỹ năng giám sát" in page
    assert "Lớp không mời" not in page and "Phiên của hội đồng khác" not in page
    assert reverse("notifications:event_ics", args=["sitting", world["sitting"].pk]) in page
    # Tasks: the draft slip and the invitation (and, in the season, the self-evaluation).
    assert world["slip"].get_absolute_url() in page and "Bệnh viện khu vực" in page
    assert world["course"].get_absolute_url() in page
    assert len(upcoming.tasks) == 2 + in_evaluation_season(today())
    # Quota: the group spoke at the session under way (T2), and the delegate has one contribution (T3).
    assert [line.status for line in upcoming.quota] == ["met", "met"]
    assert "Tổ đại biểu số 3" in upcoming.quota[0].text
    # Not the Office's blocks, nor anybody's follow-ups.
    assert upcoming.office is None and upcoming.groups == []
    assert "Hạn gần của Sở" not in page


def test_a_silent_delegate_is_told_kindly_and_has_nothing_to_do(client, world):
    response = _home(client, world["silent"])
    upcoming = response.context["summary"].next
    assert [line.status for line in upcoming.quota] == ["met", "in_progress"]  # the group spoke, they not yet
    assert len(upcoming.tasks) == in_evaluation_season(today())
    if not upcoming.tasks:
        assert "Không có việc nào cần làm." in response.text
    assert "Kỹ năng giám sát" not in response.text  # not invited


def test_the_evaluation_season_adds_the_self_evaluation(world):
    delegate = world["delegate"]
    summer = whats_next(delegate, world["council"], frozenset({Role.DELEGATE}), delegate.mandate, days(0))
    november = dt.date(today().year, 11, 20)
    autumn = whats_next(delegate, world["council"], frozenset({Role.DELEGATE}), delegate.mandate, november)
    url = reverse("reports:evaluation_detail", args=[delegate.mandate.pk, november.year])
    assert url in [task.url for task in autumn.tasks]
    assert (url in [task.url for task in summer.tasks]) == in_evaluation_season(today())


def test_a_group_leader_sees_the_groups_plenary_and_its_silent_members(client, world):
    response = _home(client, world["leader"])
    (group,) = response.context["summary"].next.groups
    assert group.group == world["group"]
    assert group.session == world["session"] and group.plenary.met
    assert {m.pk for m in group.silent} == {world["silent"].mandate.pk, world["leader"].mandate.pk}
    assert world["silent"].mandate.delegate.full_name in response.text
    assert "Đã phát biểu tại phiên toàn thể" in response.text


def test_the_office_sees_todays_sittings_late_documents_and_items_due(client, world):
    council = world["council"]
    DeadlineRuleFactory(
        council=council,
        code=DOCUMENTS_RULE,
        days=7,
        direction="before",
        anchor="session_start",
        day_type="calendar",
    )
    coming = SessionFactory(term=world["term"], start_date=days(3), end_date=days(4))
    SessionDocument.objects.create(
        council=council,
        session=coming,
        kind="report",
        symbol="12/BC-UBND",
        title="Báo cáo",
        issued_on=days(-9),
    )
    response = _home(client, world["office"])
    office = response.context["summary"].next.office
    page = response.text

    assert [e.pk for e in office.sittings] == [world["sitting"].pk]
    assert "Phiên của hội đồng khác" not in page
    late = {row.session.pk: row for row in office.late}
    assert late[coming.pk].unsent == 1 and coming.get_absolute_url() in page
    assert {f.pk for f in office.due} == {world["due_soon"].pk, world["other_agency"].pk}
    assert world["due_soon"].get_absolute_url() in page and "Việc hội đồng khác" not in page
    assert response.context["summary"].next.events is None  # the Office has no mandate: no "my week"


def test_the_office_is_told_plainly_when_nothing_is_next(client, council):
    TermFactory(council=council)
    response = _home(client, person(council, Role.OFFICE))
    for empty in ("Không có phiên họp nào hôm nay.", "Không có kỳ họp nào chậm gửi tài liệu."):
        assert empty in response.text
    assert "Không có việc nào đến hạn trong năm ngày làm việc tới." in response.text


def test_an_agency_sees_its_nearest_deadlines_only(client, world):
    response = _home(client, world["respondent"])
    items = response.context["summary"].agency_items
    assert [f.pk for f in items] == [world["due_soon"].pk]
    assert reverse("council:agency_item", args=[world["due_soon"].pk]) in response.text
    assert "Việc của sở khác" not in response.text and "Việc hội đồng khác" not in response.text
    assert "Phiên thảo luận" not in response.text  # an agency's calendar holds no sessions
    assert response.context["summary"].next.office is None and response.context["summary"].next.events is None


# --- A fixed number of queries per role -----------------------------------------------------------------


def test_the_delegate_and_group_leader_homes_keep_their_query_count(client, world, constant_queries):
    council, term, group = world["council"], world["term"], world["group"]

    def grow(rows):
        for n in rows:
            member = _delegate(council, term)
            GroupMembershipFactory(group=group, mandate=member.mandate, start_date=term.start_date)
            sitting = SittingFactory(session=world["session"], date=today(), title=f"Phiên {n}")
            session_services.speech_log(
                actor=None, sitting=sitting, mandate=member.mandate, kind=Speech.Kind.DISCUSSION
            )
            course = course_create(
                actor=None,
                council=council,
                title=f"Lớp {n}",
                start_date=days(4),
                end_date=days(4),
                organiser="VP",
                online=True,
            )
            course_invite(course, actor=None, mandates=[world["delegate"].mandate, world["leader"].mandate])

    def page(user):
        return lambda: _home(client, user).context["summary"].next

    few, many = constant_queries(
        grow, {"delegate": page(world["delegate"]), "leader": page(world["leader"])}, many=15, warm_up=True
    )
    assert len(many["delegate"].events) > len(few["delegate"].events)
    assert len(many["leader"].groups[0].silent) == len(few["leader"].groups[0].silent)


def test_the_office_and_agency_homes_keep_their_query_count(client, world, constant_queries):
    council, agency = world["council"], world["agency"]

    def grow(rows):
        for n in rows:
            make_followup(council, agency=agency, assigned=days(-20), due=days(2), title=f"Việc {n}")
            SittingFactory(session=world["session"], date=today(), title=f"Phiên {n}")

    def page(user):
        return lambda: _home(client, user).context["summary"]

    few, many = constant_queries(
        grow, {"office": page(world["office"]), "agency": page(world["respondent"])}, many=15, warm_up=True
    )
    assert many["office"].next.office.due_total > few["office"].next.office.due_total
    assert len(many["office"].next.office.sittings) == 16
