"""Each person's private calendar feed and the single-event download: valid RFC 5545 read back by a real
iCalendar library, only what the person may open, and a stale or revoked address answers 404 with no data."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from council.models import Role
from delegates.services.work import course_create, course_invite
from notifications import services
from notifications.models import CalendarFeed
from tests.council.factories import make_followup
from tests.dates import days
from tests.sessions.factories import SessionFactory, SittingFactory
from tests.voters.factories import VoterMeetingFactory

from .factories import person

pytestmark = pytest.mark.django_db
PLACE = "Hội trường UBND tỉnh, tầng 2; phòng số 1"


@pytest.fixture
def world(council, other_council):
    delegate = person(council, Role.DELEGATE)
    session = SessionFactory(term__council=council, start_date=days(10), end_date=days(12), place=PLACE)
    timed = SittingFactory(
        session=session,
        date=days(10),
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        title="Khai mạc kỳ họp",
    )
    open_ended = SittingFactory(session=session, date=days(11), start_time=dt.time(14, 0))
    meeting = VoterMeetingFactory(council=council, date=days(-5), delegates=[delegate.mandate])
    course = course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn và tranh luận tại kỳ họp Hội đồng nhân dân " * 2,
        start_date=days(20),
        end_date=days(21),
        organiser="Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        place="Trường Chính trị tỉnh",
    )
    course_invite(course, actor=None, mandates=[delegate.mandate])
    uninvited = course_create(
        actor=None,
        council=council,
        title="Lớp không mời",
        start_date=days(30),
        end_date=days(30),
        organiser="Học viện Chính trị khu vực IV",
        online=True,
    )
    elsewhere = SessionFactory(term__council=other_council, start_date=days(10), end_date=days(11))
    followup = make_followup(council, assigned=days(-20), due=days(3))
    respondent = person(council, Role.AGENCY, agency=followup.agency)
    return locals()


def _feed(client, user):
    token = services.calendar_feed_create(user=user, actor=user)
    client.logout()  # a calendar program has no session: the address alone opens the feed
    return token, client.get(reverse("notifications:feed", args=[token]))


def _uids(body: bytes) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(body).walk("VEVENT")}


def test_the_feed_is_valid_icalendar_with_the_persons_events(client, world):
    token, response = _feed(client, world["delegate"])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    calendar = Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    uid = "{}-{}@hdnd".format
    assert set(events) == {
        uid("council_sessions.session", world["session"].pk),
        uid("council_sessions.sitting", world["timed"].pk),
        uid("council_sessions.sitting", world["open_ended"].pk),
        uid("voters.votermeeting", world["meeting"].pk),
        uid("delegates.trainingcourse", world["course"].pk),
    }
    for event in events.values():
        assert event.get("DTSTAMP") is not None
    timed = events[uid("council_sessions.sitting", world["timed"].pk)]
    start = timed.decoded("DTSTART")
    assert start == dt.datetime.combine(days(10), dt.time(7, 30), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert start.astimezone(dt.UTC).time() == dt.time(0, 30)
    assert [c.name for c in calendar.walk("VTIMEZONE")] == ["VTIMEZONE"]
    open_ended = events[uid("council_sessions.sitting", world["open_ended"].pk)]
    assert open_ended.decoded("DTEND") - open_ended.decoded("DTSTART") == dt.timedelta(hours=4)
    session = events[uid("council_sessions.session", world["session"].pk)]
    assert session.decoded("DTSTART") == days(10) and session.decoded("DTEND") == days(13)
    assert str(session["LOCATION"]) == PLACE
    # RFC 5545 on the wire: CRLF line ends, lines folded at 75 octets, commas and semicolons escaped.
    assert body.count(b"\r\n") == body.count(b"\n")
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    assert "tỉnh\\, tầng 2\\; phòng".encode() in body.replace(b"\r\n ", b"")


def test_an_agency_sees_the_due_dates_it_answers_for_and_no_session(client, world):
    _token, response = _feed(client, world["respondent"])

    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [f"council.followup-{world['followup'].pk}@hdnd"]
    assert events[0].decoded("DTSTART") == days(3)


def test_a_revoked_or_replaced_address_is_a_404_with_no_data(client, world):
    delegate = world["delegate"]
    old, response = _feed(client, delegate)
    assert response.status_code == 200

    new = services.calendar_feed_create(user=delegate, actor=delegate)
    stale = client.get(reverse("notifications:feed", args=[old]))
    assert stale.status_code == 404 and b"VEVENT" not in stale.content and PLACE.encode() not in stale.content
    assert client.get(reverse("notifications:feed", args=[new])).status_code == 200

    services.calendar_feed_revoke(user=delegate, actor=delegate)
    assert client.get(reverse("notifications:feed", args=[new])).status_code == 404
    assert client.get(reverse("notifications:feed", args=["x" * 43])).status_code == 404


def test_the_address_is_shown_once_and_only_its_hash_is_kept(client, world):
    delegate = world["delegate"]
    client.force_login(delegate)
    url = reverse("notifications:calendar")

    made = client.post(url, {"action": "create"})
    address = made.context["address"]
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert token and token in made.content.decode()
    assert CalendarFeed.objects.get(user=delegate).token_hash == services.token_hash(token)
    assert token not in client.get(url).content.decode()

    client.post(url, {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=delegate).exists()


def test_a_single_event_downloads_for_who_may_open_it(client, world):
    client.force_login(world["delegate"])

    response = client.get(reverse("notifications:event_ics", args=["session", world["session"].pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert _uids(response.content) == {f"council_sessions.session-{world['session'].pk}@hdnd"}
    training = client.get(reverse("notifications:event_ics", args=["training", world["uninvited"].pk]))
    assert training.status_code == 200  # a council's trainings are open to its delegates, invited or not

    assert (
        client.get(reverse("notifications:event_ics", args=["session", world["elsewhere"].pk])).status_code
        == 404
    )
    assert client.get(reverse("notifications:event_ics", args=["petition", 1])).status_code == 404
    assert client.get(reverse("notifications:event_ics", args=["sitting", 10**12])).status_code == 404
