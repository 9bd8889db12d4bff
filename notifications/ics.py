"""Each person's calendar: the events that concern them, written as RFC 5545 iCalendar.

What a person's feed holds, in every council where they hold a role, from 60 days back to a year ahead:

- the council's sessions (all-day, first to last day) and sittings, for every role but an agency's;
- the voter meetings, trainings and oversight fieldwork (survey visits) their mandate is down for;
- the explanation sessions and hearings held by a committee they head;
- for an agency's respondent, the due dates of the open items their agency answers for.

Each is listed only if the person may open it (``visibility.may_open``, the owning apps' rules), so the
feed says no more than the pages do. Times are the council's (Asia/Ho_Chi_Minh, with its VTIMEZONE); a
sitting with a start but no end is given four hours (a half-day sitting). The text is written by the
``icalendar`` package, which escapes, folds lines at 75 octets and ends them with CRLF.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from council.models import Council, FollowUp, Role, User
from council.permissions import role_context
from delegates.models import Mandate, TrainingCourse
from oversight.models import Accountability, SurveyVisit
from sessions.models import Session, Sitting
from voters.models import VoterMeeting

from .visibility import may_open

PAST = dt.timedelta(days=60)
AHEAD = dt.timedelta(days=366)
SITTING_LENGTH = dt.timedelta(hours=4)
PRODID = "-//HĐND//Notifications//VI"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    location: str = ""
    description: str = ""
    path: str = ""


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _uid(record: Model) -> str:
    return f"{record._meta.label_lower}-{record.pk}@hdnd"


def _all_day(record: Model, summary: str, first: dt.date, last: dt.date, **extra) -> CalendarEvent:
    return CalendarEvent(_uid(record), summary, first, last + dt.timedelta(days=1), **extra)


def session_event(session: Session) -> CalendarEvent:
    return _all_day(
        session,
        str(session),
        session.start_date,
        session.end_date,
        location=session.place,
        path=_path(session),
    )


def sitting_event(sitting: Sitting) -> CalendarEvent:
    summary = f"{sitting.session} — {sitting.title or sitting.get_kind_display()}"
    place = sitting.session.place
    path = _path(sitting.session)
    if sitting.start_time is None:
        return _all_day(sitting, summary, sitting.date, sitting.date, location=place, path=path)
    start = dt.datetime.combine(sitting.date, sitting.start_time, tzinfo=_zone())
    if sitting.end_time is not None and sitting.end_time > sitting.start_time:
        end = dt.datetime.combine(sitting.date, sitting.end_time, tzinfo=_zone())
    else:
        end = start + SITTING_LENGTH
    return CalendarEvent(_uid(sitting), summary, start, end, location=place, path=path)


def meeting_event(meeting: VoterMeeting) -> CalendarEvent:
    place = meeting.place_detail or (meeting.place.name if meeting.place_id else "")
    return _all_day(
        meeting,
        _("Voter meeting: %(meeting)s") % {"meeting": meeting.get_kind_display()},
        meeting.date,
        meeting.date,
        location=place,
        path=_path(meeting),
    )


def training_event(course: TrainingCourse) -> CalendarEvent:
    return _all_day(
        course,
        _("Training: %(course)s") % {"course": course.title},
        course.start_date,
        course.end_date,
        location=course.place,
        description=course.organiser,
        path=_path(course),
    )


def survey_event(visit: SurveyVisit) -> CalendarEvent:
    place = visit.place_detail or (visit.place.name if visit.place_id else "")
    return _all_day(
        visit,
        _("Oversight fieldwork: %(activity)s") % {"activity": visit.activity.title},
        visit.date,
        visit.date,
        location=place,
        path=_path(visit.activity),
    )


def hearing_event(hearing: Accountability) -> CalendarEvent:
    return _all_day(hearing, str(hearing), hearing.date, hearing.date, path=_path(hearing))


def due_event(followup: FollowUp) -> CalendarEvent:
    item = followup.reference or f"#{followup.pk}"
    return _all_day(
        followup,
        _("Due: item %(item)s") % {"item": item},
        followup.due_date,
        followup.due_date,
        path=_path(followup),
    )


def _path(record: Model) -> str:
    return record.get_absolute_url()


def events_for(user: User, *, today: dt.date | None = None) -> list[CalendarEvent]:
    """Every event of the person's calendar they may open, in date order."""
    today = today or timezone.localdate()
    low, high = today - PAST, today + AHEAD
    context = role_context(user)
    councils = Council.objects.filter(pk__in=context.council_ids())
    found: list[tuple[Model, CalendarEvent]] = []
    for council in councils:
        mandates = Mandate.objects.filter(council=council, delegate__user=user).values("pk")
        roles = context.roles(council.pk)
        if roles - {Role.AGENCY}:
            for session in Session.objects.filter(council=council, end_date__gte=low, start_date__lte=high):
                found.append((session, session_event(session)))
            sittings = Sitting.objects.filter(council=council, date__range=(low, high)).select_related(
                "session"
            )
            found.extend((sitting, sitting_event(sitting)) for sitting in sittings)
        meetings = VoterMeeting.objects.filter(
            council=council, date__range=(low, high), delegates__in=mandates
        ).select_related("place")
        found.extend((meeting, meeting_event(meeting)) for meeting in meetings.distinct())
        courses = TrainingCourse.objects.filter(
            council=council,
            end_date__gte=low,
            start_date__lte=high,
            attendances__mandate__in=mandates,
        )
        found.extend((course, training_event(course)) for course in courses.distinct())
        visits = SurveyVisit.objects.filter(
            activity__council=council,
            date__range=(low, high),
            activity__members__mandate__in=mandates,
        ).select_related("activity", "place")
        found.extend((visit.activity, survey_event(visit)) for visit in visits.distinct())
        committees = context.headed_committees(council.pk)
        if committees:
            hearings = Accountability.objects.filter(
                council=council, date__range=(low, high), committee__in=committees
            )
            found.extend((hearing, hearing_event(hearing)) for hearing in hearings)
        agencies = context.agencies(council.pk)
        if agencies:
            answered = Q(agency__in=agencies) | Q(coordinating_agencies__in=agencies)
            items = FollowUp.objects.open().filter(answered, council=council, due_date__range=(low, high))
            items = items.distinct()
            found.extend((item, due_event(item)) for item in items)
    events = [event for record, event in found if may_open(user, record)]
    return sorted(events, key=lambda e: (_sort_key(e.start), e.uid))


def _sort_key(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min, tzinfo=_zone())


def document(events: list[CalendarEvent], *, name: str = "") -> bytes:
    """The events as one VCALENDAR (with the council's VTIMEZONE when an event has a time)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    for event in events:
        entry = VEvent()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", event.summary)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end)
        if event.location:
            entry.add("location", event.location)
        description = "\n".join(filter(None, [event.description, site + event.path if event.path else ""]))
        if description:
            entry.add("description", description)
        if site and event.path:
            entry.add("url", site + event.path)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_for(user: User) -> bytes:
    return document(events_for(user), name=_("HĐND calendar of %(name)s") % {"name": user.get_full_name()})


def feed_path(token: str) -> str:
    return reverse("notifications:feed", args=[token])


SINGLE = {
    "session": (Session, session_event, ()),
    "sitting": (Sitting, sitting_event, ("session",)),
    "meeting": (VoterMeeting, meeting_event, ("place",)),
    "training": (TrainingCourse, training_event, ()),
}


def single_event(user: User, kind: str, pk: int) -> CalendarEvent | None:
    """One event the user may open, or None (unknown kind, missing record, or not theirs to see)."""
    if kind not in SINGLE:
        return None
    model, build, related = SINGLE[kind]
    record = model.objects.select_related(*related).filter(pk=pk).first()
    if record is None or not may_open(user, record):
        return None
    return build(record)
