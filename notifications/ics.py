"""Each person's calendar written as RFC 5545 iCalendar: the private feed and the single-event download.

Which events a person has, and whether they may open each, is decided once in ``reports/calendar.py`` (the
home page's coming week reads the same); this module only writes them. Times are the council's
(Asia/Ho_Chi_Minh, with its VTIMEZONE). The text is written by the ``icalendar`` package, which escapes,
folds lines at 75 octets and ends them with CRLF.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from council.models import User
from reports.calendar import CalendarEvent, events_for, single_event

PRODID = "-//HĐND//Notifications//VI"

__all__ = ["document", "events_for", "feed_for", "feed_path", "single_event"]


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
