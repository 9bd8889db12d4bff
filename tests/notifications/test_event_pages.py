"""Every event page offers its "add to calendar" file: the link is on the page, the file is valid iCalendar
holding that one event, and a person who may not open the event gets a 404 for it, as for its page."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from council.models import Role
from delegates.services.work import course_create
from tests.council.factories import CommitteeFactory
from tests.dates import days
from tests.oversight.factories import AccountabilityFactory, SurveyVisitFactory
from tests.sessions.factories import SessionFactory, SittingFactory
from tests.voters.factories import VoterMeetingFactory

from .factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(council):
    session = SessionFactory(
        term__council=council,
        start_date=days(10),
        end_date=days(11),
        place="Hội trường",
    )
    sitting = SittingFactory(session=session, date=days(10), start_time=dt.time(7, 30), title="Khai mạc")
    meeting = VoterMeetingFactory(council=council, date=days(-3))
    course = course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn",
        start_date=days(20),
        end_date=days(21),
        organiser="Văn phòng",
        place="Trường Chính trị tỉnh",
    )
    visit = SurveyVisitFactory(
        activity__council=council,
        activity__period_start=days(-30),
        activity__period_end=days(30),
        date=days(-2),
    )
    hearing = AccountabilityFactory(council=council, date=days(5))
    # kind -> (the record, the page that offers the file)
    return {
        "session": (session, session.get_absolute_url()),
        "sitting": (sitting, session.get_absolute_url()),
        "meeting": (meeting, meeting.get_absolute_url()),
        "training": (course, course.get_absolute_url()),
        "survey": (visit, visit.activity.get_absolute_url()),
        "hearing": (hearing, hearing.get_absolute_url()),
    }


@pytest.mark.parametrize("kind", ["session", "sitting", "meeting", "training", "survey", "hearing"])
def test_each_event_page_links_its_file_which_parses(client, council, events, kind):
    client.force_login(person(council, Role.OFFICE))
    record, page = events[kind]
    url = reverse("notifications:event_ics", args=[kind, record.pk])

    assert url in client.get(page).text

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"{record._meta.label_lower}-{record.pk}@hdnd"
    assert event.get("DTSTAMP") is not None and event.decoded("DTSTART")


@pytest.mark.parametrize("kind", ["session", "sitting", "meeting", "training", "survey", "hearing"])
def test_another_councils_person_gets_a_404_and_no_data(client, other_council, events, kind):
    client.force_login(person(other_council, Role.OFFICE))
    record, _page = events[kind]
    response = client.get(reverse("notifications:event_ics", args=[kind, record.pk]))
    assert response.status_code == 404 and b"VEVENT" not in response.content


def test_a_role_that_may_not_open_the_event_gets_a_404(client, council, events):
    client.force_login(person(council, Role.AGENCY))
    for kind in ("training", "meeting", "survey", "hearing"):
        record, _page = events[kind]
        assert client.get(reverse("notifications:event_ics", args=[kind, record.pk])).status_code == 404, kind
    # A committee head opens only the activities their own committee leads.
    client.force_login(person(council, Role.COMMITTEE_HEAD, committee=CommitteeFactory(council=council)))
    visit, _page = events["survey"]
    assert client.get(reverse("notifications:event_ics", args=["survey", visit.pk])).status_code == 404
    hearing, _page = events["hearing"]
    assert client.get(reverse("notifications:event_ics", args=["hearing", hearing.pk])).status_code == 200


def test_the_profile_page_offers_the_persons_own_calendar_address_and_its_revocation(client, council):
    delegate = person(council, Role.DELEGATE)
    client.force_login(delegate)
    page = reverse("sessions:my_participation")

    assert 'value="create"' in client.get(page).text and 'value="revoke"' not in client.get(page).text
    made = client.post(reverse("notifications:calendar"), {"action": "create"})
    assert made.context["address"]
    assert 'value="revoke"' in client.get(page).text
    client.post(reverse("notifications:calendar"), {"action": "revoke"})
    assert 'value="revoke"' not in client.get(page).text
