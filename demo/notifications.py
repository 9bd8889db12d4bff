"""What the demo tells people: the notices waiting in each demo login's notification centre.

``demo/data/notifications.json`` lists the events the demo users hear of (a session convened, a training
invitation, a place in an oversight delegation, a hearing, items assigned to the agency, a report issued,
items for the leadership), each about a record of the demo province found by its fields. Each is made through
``notifications.services.notify``, the one way a notice is made, without a key of its own: a notice the
services' events already made for the same event is not made again, and only people who may open the record
are told. It is dated on the day the event happened (a date of its record, shifted by ``offset`` days, never
after today) with ``demo.clock.as_of``; those marked ``read`` are read by their recipients the day after,
through ``notification_mark_read``. Then ``notifications.producers.notify_timed`` makes today's time-based
notices (items due in 7/3/1 working days and overdue, commitments falling due, the quota reminders), and
each login in ``read_all_but`` has read its notices of a kind but the latest few (the services' events made
the others while the demo's year was laid out).

Like the rest of the demo's history it is written inside ``mail_suppressed()``: the demo's past is not
mailed. Notices made while the demo is used are mailed to ``<login>@example.invalid`` through the outbox.
A second run makes nothing new and reads nothing again.
"""

import dataclasses
import datetime as dt
from collections import Counter
from contextlib import nullcontext

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services.followups import mail_suppressed
from demo.clock import DAY, as_of
from demo.loader import rows
from notifications.catalogue import kind_of, label
from notifications.models import Notification
from notifications.producers import notify_timed
from notifications.services import notification_mark_read, notify


@dataclasses.dataclass(frozen=True)
class DemoNotice:
    """One event told to its audience (or to the logins in ``to``), about the record ``find`` matches."""

    kind: str
    find: dict
    on: str = ""  # a date of the record (a field, or a lookup across a relation); empty: today
    offset: int = 0
    to: tuple[str, ...] = ()
    read: bool = False


@dataclasses.dataclass(frozen=True)
class DemoReading:
    """The login has read its notices of ``kind`` but the ``keep`` latest."""

    login: str
    kind: str
    keep: int


NOTICES = rows("notifications", "notices", DemoNotice)
READINGS = rows("notifications", "read_all_but", DemoReading)


def _record(council: Council, spec: DemoNotice) -> Model:
    kind = kind_of(spec.kind)
    if kind is None or kind.model is None:
        raise ValueError(f"Demo notice of unknown kind or about no record: {spec.kind}")
    model = apps.get_model(kind.model)
    found = list(model._default_manager.filter(council=council, **spec.find)[:2])
    if len(found) != 1:
        raise ValueError(f"Demo notice {spec.kind}: {len(found)} records match {spec.find}, not one")
    return found[0]


def _day(record: Model, spec: DemoNotice, today: dt.date) -> dt.date:
    base = today
    if spec.on:
        value = type(record)._default_manager.filter(pk=record.pk).aggregate(day=Max(spec.on))["day"]
        base = value if value is not None else today
    return min(base + spec.offset * DAY, today)


def seed_notifications(council: Council) -> Counter:
    """Make the missing demo notices of ``council`` and today's time-based ones; how many of each kind."""
    today = timezone.localdate()
    made: Counter = Counter()
    found = [(spec, _record(council, spec)) for spec in NOTICES]
    events = sorted(((_day(record, spec, today), spec, record) for spec, record in found), key=lambda e: e[0])
    with mail_suppressed():
        for day, spec, record in events:
            recipients = User.objects.filter(username__in=spec.to) if spec.to else None
            with as_of(day):
                made[spec.kind] += len(notify(spec.kind, record, recipients=recipients))
            if spec.read:
                _read(spec.kind, record, min(day + DAY, today))
        made.update(notify_timed(today=today))
    for reading in READINGS:
        _read_all_but(reading)
    return made


def _read_all_but(reading: DemoReading) -> None:
    """A busy reader's centre: what came earlier (the services' events of the past year among it) is read."""
    notices = Notification.objects.filter(recipient__username=reading.login, kind=reading.kind)
    for notice in notices.order_by("-created_at", "-pk").select_related("recipient")[reading.keep :]:
        notification_mark_read(notice, actor=notice.recipient)


def _read(kind: str, record: Model, day: dt.date) -> None:
    """The recipients of the notices of ``kind`` about ``record`` read them on ``day`` (or now, for a notice
    the services' events made only today)."""
    unread = Notification.objects.unread().filter(
        kind=kind, subject_type=ContentType.objects.get_for_model(record), subject_id=record.pk
    )
    for notice in unread.select_related("recipient"):
        when = as_of(day) if timezone.localdate(notice.created_at) < day else nullcontext()
        with when:
            notification_mark_read(notice, actor=notice.recipient)


def notifications_summary(council: Council) -> str:
    """One line on the notices of the council: how many, unread, and how many of each kind."""
    notices = Notification.objects.filter(council=council)
    kinds = Counter(notices.values_list("kind", flat=True))
    line = _("Notifications of %(council)s: %(total)s (unread %(unread)s): %(kinds)s") % {
        "council": council.short_name,
        "total": notices.count(),
        "unread": notices.unread().count(),
        "kinds": "; ".join(f"{label(code)} {count}" for code, count in sorted(kinds.items())),
    }
    return f"  {line}"
