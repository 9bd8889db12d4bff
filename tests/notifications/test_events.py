"""The events that make notices, driven through the real services: a session convened and its documents
sent, a training invitation, a voter meeting, an oversight delegation, an explanation session. Each test
says who is told, who is not (another council, a role that may not open the record), that doing it again
tells nobody twice, and that mail at once lands in the outbox for people with an address."""

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import OutboxMail, Role
from delegates import services as delegate_services
from delegates.models import StandingPosition
from notifications.catalogue import render
from notifications.models import Notification
from oversight import services as oversight_services
from oversight.models import Accountability
from reports.calendar import events_for
from sessions import services as session_services
from sessions.models import Session
from tests.council.factories import CommitteeFactory, TermFactory
from tests.dates import days
from tests.delegates.factories import CommitteeMembershipFactory
from tests.oversight.factories import AccountabilityFactory, OversightActivityFactory
from tests.voters.factories import VoterMeetingFactory
from voters import services as voter_services

from .factories import person

pytestmark = pytest.mark.django_db


def told(kind: str) -> set:
    return {n.recipient for n in Notification.objects.filter(kind=kind)}


def mails_to(user) -> int:
    return OutboxMail.objects.filter(to__contains=user.email, dedupe_key__startswith="notify-").count()


# --- Sessions ------------------------------------------------------------------------------------------


@pytest.fixture
def people(council, other_council):
    return {
        "delegate": person(council, Role.DELEGATE, email="daibieu@example.invalid"),
        "office": person(council, Role.OFFICE, email="vanphong@example.invalid"),
        "agency": person(council, Role.AGENCY, email="coquan@example.invalid"),
        "stranger": person(other_council, Role.DELEGATE, email="khac@example.invalid"),
    }


def _session(council, **data):
    term = TermFactory(council=council)
    return session_services.session_create(
        actor=None,
        council=council,
        term=term,
        number=5,
        start_date=days(20),
        end_date=days(22),
        place="Hội trường Tỉnh ủy",
        **data,
    )


def test_convening_a_session_tells_the_councils_people_once(council, people):
    session = _session(council)
    assert not Notification.objects.exists()  # planned: nothing to tell yet

    session_services.session_update(session, actor=None, state=Session.State.CONVENED)

    assert told("session_convened") == {people["delegate"], people["office"]}
    # Delegates get it by mail at once, the Office in its daily digest.
    assert mails_to(people["delegate"]) == 1 and mails_to(people["office"]) == 0
    assert mails_to(people["agency"]) == 0 and mails_to(people["stranger"]) == 0
    notice = Notification.objects.get(kind="session_convened", recipient=people["delegate"])
    assert notice.params["place"] == "Hội trường Tỉnh ủy" and notice.params["start"] == f"{days(20):%d/%m/%Y}"

    # A re-save, or convening again after stepping back, tells nobody twice.
    session_services.session_update(session, actor=None, place="Hội trường UBND tỉnh")
    session_services.session_update(session, actor=None, state=Session.State.PLANNED)
    session_services.session_update(session, actor=None, state=Session.State.CONVENED)
    assert Notification.objects.filter(kind="session_convened").count() == 2


def test_the_office_convenes_a_session_from_its_edit_page(client, council, people):
    session = _session(council)
    client.force_login(people["office"])
    data = {
        "term": session.term_id,
        "number": session.number,
        "kind": session.kind,
        "title": "",
        "state": Session.State.CONVENED,
        "start_date": f"{session.start_date:%d/%m/%Y}",
        "end_date": f"{session.end_date:%d/%m/%Y}",
        "place": session.place,
        "convening_decision": "45/QĐ-HĐND",
    }
    response = client.post(reverse("sessions:session_update", args=[session.pk]), data)
    assert response.status_code == 302
    assert told("session_convened") == {people["delegate"], people["office"]}


def test_sending_the_documents_tells_the_councils_people(council, people):
    session = _session(council, state=Session.State.CONVENED)
    assert told("session_convened") == {people["delegate"], people["office"]}  # convened when recorded

    session_services.session_update(session, actor=None, state=Session.State.DOCUMENTS_SENT)
    session_services.session_update(session, actor=None, state=Session.State.CONVENED)
    session_services.session_update(session, actor=None, state=Session.State.DOCUMENTS_SENT)

    assert told("session_documents") == {people["delegate"], people["office"]}
    assert Notification.objects.filter(kind="session_documents").count() == 2
    assert Notification.objects.filter(kind="session_convened").count() == 2  # not convened again


def test_a_past_session_recorded_afterwards_tells_nobody(council, people):
    term = TermFactory(council=council)
    session_services.session_create(
        actor=None,
        council=council,
        term=term,
        number=1,
        start_date=term.start_date,
        end_date=term.start_date,
        state=Session.State.DOCUMENTS_SENT,
    )
    assert not Notification.objects.exists()


# --- Training and voter meetings ------------------------------------------------------------------------


def _course(council, start, end):
    return delegate_services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn và tranh luận tại kỳ họp",
        start_date=start,
        end_date=end,
        organiser="Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        place="Hội trường Văn phòng",
    )


def test_the_delegates_invited_to_a_course_are_told_once(council, people):
    first, second = people["delegate"], person(council, Role.DELEGATE)
    course = _course(council, days(10), days(11))

    assert delegate_services.course_invite(course, actor=None, mandates=[first.mandate]) == 1
    assert told("training_invited") == {first} and mails_to(first) == 1
    delegate_services.course_invite(course, actor=None, mandates=[first.mandate, second.mandate])

    assert told("training_invited") == {first, second}
    assert Notification.objects.filter(kind="training_invited").count() == 2
    assert mails_to(first) == 1


def test_an_invitation_to_a_course_already_over_tells_nobody(council, people):
    course = _course(council, days(-20), days(-19))
    delegate_services.course_invite(course, actor=None, mandates=[people["delegate"].mandate])
    assert not Notification.objects.exists()


def test_delegates_recorded_at_a_recent_voter_meeting_are_told(council, people):
    first, second = people["delegate"], person(council, Role.GROUP_LEADER)
    meeting = VoterMeetingFactory(council=council, date=days(-2), delegates=[first.mandate])
    assert told("voter_meeting") == {first} and mails_to(first) == 1

    voter_services.meeting_update(meeting, actor=None, delegates=[first.mandate, second.mandate])
    voter_services.meeting_update(
        meeting, actor=None, attendance=120, delegates=[first.mandate, second.mandate]
    )

    assert told("voter_meeting") == {first, second}
    assert Notification.objects.filter(kind="voter_meeting").count() == 2
    assert people["office"] not in told("voter_meeting") and people["stranger"] not in told("voter_meeting")


def test_delegates_down_for_a_planned_voter_meeting_are_told_and_find_it_in_their_calendar(council, people):
    meeting = VoterMeetingFactory(council=council, date=days(12), delegates=[people["delegate"].mandate])
    assert told("voter_meeting") == {people["delegate"]}
    with translation.override("vi"):
        assert "tiếp xúc cử tri" in render(Notification.objects.get(kind="voter_meeting"))
    assert ("meeting", meeting.pk) in [(event.kind, event.pk) for event in events_for(people["delegate"])]


def test_a_meeting_of_long_ago_typed_in_from_the_archive_tells_nobody(council, people):
    VoterMeetingFactory(council=council, date=days(-31), delegates=[people["delegate"].mandate])
    assert not Notification.objects.exists()


# --- Oversight delegations and explanation sessions -----------------------------------------------------


def test_joining_an_oversight_delegation_tells_each_member_and_nobody_else(council):
    activity = OversightActivityFactory(council=council)
    head = person(
        council, Role.COMMITTEE_HEAD, committee=activity.committee, mandate=True, email="t@x.invalid"
    )
    other_head = person(
        council, Role.COMMITTEE_HEAD, committee=CommitteeFactory(council=council), mandate=True
    )
    plain = person(council, Role.DELEGATE)
    bystander = person(council, Role.DELEGATE)
    for member in (head, other_head, plain):
        oversight_services.member_add(activity, actor=None, role="member", mandate=member.mandate)

    # A member opens the activity whose delegation they sit on (oversight/permissions.py), whatever their
    # role; a delegate not on it may not, and hears nothing.
    assert told("oversight_member") == {head, other_head, plain}
    assert bystander not in told("oversight_member")
    assert mails_to(head) == 1
    assert Notification.objects.filter(kind="oversight_member").first().params["activity"] == activity.title


def _standing_member(council):
    user = person(council, Role.STANDING, mandate=True)
    StandingPosition.objects.create(
        council=council,
        mandate=user.mandate,
        role=StandingPosition.Role.VICE_CHAIR,
        start_date=user.mandate.start_date,
    )
    return user


def test_an_explanation_session_of_the_standing_committee_tells_its_members(council):
    member = _standing_member(council)
    office = person(council, Role.OFFICE)
    delegate = person(council, Role.DELEGATE)

    hearing = AccountabilityFactory(council=council, date=days(14))
    AccountabilityFactory(council=council, date=days(-30))  # recorded afterwards: nobody told

    assert told("hearing_participant") == {member}
    assert Notification.objects.get(kind="hearing_participant").subject == hearing
    assert office not in told("hearing_participant") and delegate not in told("hearing_participant")


def test_a_committees_hearing_tells_its_members_not_another_committees(council):
    committee = CommitteeFactory(council=council, kind="legal", name="Ban Pháp chế")
    head = person(council, Role.COMMITTEE_HEAD, committee=committee, mandate=True)
    # The head of another committee seated in this one is told; the head of a third committee is not.
    seated = person(council, Role.COMMITTEE_HEAD, committee=CommitteeFactory(council=council), mandate=True)
    CommitteeMembershipFactory(committee=committee, council=council, mandate=seated.mandate)
    outsider = person(
        council, Role.COMMITTEE_HEAD, committee=CommitteeFactory(council=council, kind="urban"), mandate=True
    )

    AccountabilityFactory(
        council=council,
        kind=Accountability.Kind.HEARING,
        body=Accountability.Body.COMMITTEE,
        committee=committee,
        date=days(7),
    )

    assert told("hearing_participant") == {head, seated}
    assert outsider not in told("hearing_participant")
