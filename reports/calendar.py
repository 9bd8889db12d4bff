"""A person's events: the sessions, sittings, voter meetings, trainings, oversight fieldwork, hearings and due
dates that concern them, each only if they may open it. Defined once, read by their calendar feed
(``notifications/ics.py`` writes it as iCalendar), their single-event downloads and their home page's
"coming week".

What a person's events are, in every council where they hold a role (or in the one asked for):

- the council's sessions (all-day, first to last day) and sittings, for every role but an agency's;
- the voter meetings, trainings and oversight fieldwork (survey visits) their mandate is down for;
- the explanation sessions and hearings held by a committee they head;
- for an agency's respondent, the due dates of the open items their agency answers for.

Each is listed only if the person may open it (``reports.visibility``, the owning apps' rules), so the
events say no more than the pages do. Times are the council's (Asia/Ho_Chi_Minh); a sitting with a start
but no end is given four hours (a half-day sitting). It lives in ``reports``, the lowest app that reads
delegates, sessions, oversight and voters together.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, FollowUp, Role, User
from council.permissions import role_context
from delegates.models import Mandate, TrainingCourse
from oversight.models import Accountability, SurveyVisit
from sessions.models import Session, Sitting
from voters.models import VoterMeeting

from .visibility import may_open, openable

PAST = dt.timedelta(days=60)
AHEAD = dt.timedelta(days=366)
SITTING_LENGTH = dt.timedelta(hours=4)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    location: str = ""
    description: str = ""
    path: str = ""
    # The single-event download's kind and record (``single_event``); empty for a due date.
    kind: str = ""
    pk: int | None = None

    @property
    def first_day(self) -> dt.date:
        return self.start.astimezone(_zone()).date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def last_day(self) -> dt.date:
        if isinstance(self.end, dt.datetime):
            return self.end.astimezone(_zone()).date()
        return self.end - dt.timedelta(days=1)  # an all-day event ends the day after its last day

    @property
    def time(self) -> dt.time | None:
        return self.start.astimezone(_zone()).time() if isinstance(self.start, dt.datetime) else None


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
        path=session.get_absolute_url(),
        kind="session",
        pk=session.pk,
    )


def sitting_event(sitting: Sitting) -> CalendarEvent:
    summary = f"{sitting.session} — {sitting.title or sitting.get_kind_display()}"
    place = sitting.session.place
    path = sitting.session.get_absolute_url()
    extra: dict[str, Any] = {"location": place, "path": path, "kind": "sitting", "pk": sitting.pk}
    if sitting.start_time is None:
        return _all_day(sitting, summary, sitting.date, sitting.date, **extra)
    start = dt.datetime.combine(sitting.date, sitting.start_time, tzinfo=_zone())
    if sitting.end_time is not None and sitting.end_time > sitting.start_time:
        end = dt.datetime.combine(sitting.date, sitting.end_time, tzinfo=_zone())
    else:
        end = start + SITTING_LENGTH
    return CalendarEvent(_uid(sitting), summary, start, end, **extra)


def meeting_event(meeting: VoterMeeting) -> CalendarEvent:
    place = meeting.place_detail or (meeting.place.name if meeting.place else "")
    return _all_day(
        meeting,
        _("Voter meeting: %(meeting)s") % {"meeting": meeting.get_kind_display()},
        meeting.date,
        meeting.date,
        location=place,
        path=meeting.get_absolute_url(),
        kind="meeting",
        pk=meeting.pk,
    )


def training_event(course: TrainingCourse) -> CalendarEvent:
    return _all_day(
        course,
        _("Training: %(course)s") % {"course": course.title},
        course.start_date,
        course.end_date,
        location=course.place,
        description=course.organiser,
        path=course.get_absolute_url(),
        kind="training",
        pk=course.pk,
    )


def survey_event(visit: SurveyVisit) -> CalendarEvent:
    place = visit.place_detail or (visit.place.name if visit.place else "")
    return _all_day(
        visit,
        _("Oversight fieldwork: %(activity)s") % {"activity": visit.activity.title},
        visit.date,
        visit.date,
        location=place,
        path=visit.activity.get_absolute_url(),
        kind="survey",
        pk=visit.pk,
    )


def hearing_event(hearing: Accountability) -> CalendarEvent:
    return _all_day(
        hearing,
        str(hearing),
        hearing.date,
        hearing.date,
        path=hearing.get_absolute_url(),
        kind="hearing",
        pk=hearing.pk,
    )


def due_event(followup: FollowUp) -> CalendarEvent:
    item = followup.reference or f"#{followup.pk}"
    return _all_day(
        followup,
        _("Due: item %(item)s") % {"item": item},
        followup.due_date,
        followup.due_date,
        path=followup.get_absolute_url(),
    )


def events_for(user: User, *, today: dt.date | None = None) -> list[CalendarEvent]:
    """Every event of the person's calendar they may open, 60 days back to a year ahead, in date order."""
    today = today or timezone.localdate()
    return events_between(user, today - PAST, today + AHEAD)


def events_between(
    user: User, low: dt.date, high: dt.date, *, council: Council | None = None
) -> list[CalendarEvent]:
    """The person's events touching the days ``low`` to ``high``, in every council of theirs or in one, in
    date order (a fixed number of queries whatever the number of events)."""
    context = role_context(user)
    councils = Council.objects.filter(pk__in=context.council_ids())
    if council is not None:
        councils = councils.filter(pk=council.pk)
    found: list[tuple[Model, CalendarEvent]] = []
    for place in councils:
        found.extend(_council_events(user, place, low, high))
    kept = {id(record) for record in openable(user, [record for record, _event in found])}
    events = [event for record, event in found if id(record) in kept]
    return sorted(events, key=lambda e: (_sort_key(e.start), e.uid))


def _council_events(
    user: User, council: Council, low: dt.date, high: dt.date
) -> list[tuple[Model, CalendarEvent]]:
    """The events of one council, each with the record whose page decides who may open it."""
    context = role_context(user)
    mandates = Mandate.objects.filter(council=council, delegate__user=user).values("pk")
    found: list[tuple[Model, CalendarEvent]] = []
    if context.roles(council.pk) - {Role.AGENCY}:
        for session in Session.objects.filter(council=council, end_date__gte=low, start_date__lte=high):
            found.append((session, session_event(session)))
        sittings = Sitting.objects.filter(council=council, date__range=(low, high)).select_related("session")
        found.extend((sitting, sitting_event(sitting)) for sitting in sittings)
    meetings = VoterMeeting.objects.filter(
        council=council, date__range=(low, high), delegates__in=mandates
    ).select_related("place")
    found.extend((meeting, meeting_event(meeting)) for meeting in meetings.distinct())
    courses = TrainingCourse.objects.filter(
        council=council, end_date__gte=low, start_date__lte=high, attendances__mandate__in=mandates
    )
    found.extend((course, training_event(course)) for course in courses.distinct())
    visits = SurveyVisit.objects.filter(
        activity__council=council, date__range=(low, high), activity__members__mandate__in=mandates
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
        found.extend((item, due_event(item)) for item in items.distinct())
    for record, _event in found:
        # The rules read the council: known here, not fetched once per record.
        record.council = council  # type: ignore[attr-defined]
    return found


def _sort_key(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min, tzinfo=_zone())


# kind -> (model, related rows, the record whose page decides, the event)
Single = tuple[type[Any], tuple[str, ...], Callable[[Any], Model], Callable[[Any], CalendarEvent]]
SINGLE: dict[str, Single] = {
    "session": (Session, (), lambda r: r, session_event),
    "sitting": (Sitting, ("session",), lambda r: r, sitting_event),
    "meeting": (VoterMeeting, ("place",), lambda r: r, meeting_event),
    "training": (TrainingCourse, (), lambda r: r, training_event),
    "survey": (SurveyVisit, ("activity", "place"), lambda r: r.activity, survey_event),
    "hearing": (Accountability, (), lambda r: r, hearing_event),
}


def single_event(user: User, kind: str, pk: int) -> CalendarEvent | None:
    """One event the user may open, or None (unknown kind, missing record, or not theirs to see)."""
    if kind not in SINGLE:
        return None
    model, related, page, build = SINGLE[kind]
    record = model.objects.select_related(*related).filter(pk=pk).first()
    if record is None or not may_open(user, page(record)):
        return None
    return build(record)
