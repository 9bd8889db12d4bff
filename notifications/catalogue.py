"""Every kind of notice, declared once: its subject record, who receives it, its wording and how it is mailed.

A kind's wording is a translated sentence with named values. The values come from the subject record
through ``fields`` (a name and an attribute path, read when the notice is made) or from the caller through
``extra`` (numbers and dates the event knows, such as the working days left): nothing else reaches a
notice, so no free text of a citizen's can slip into one. ``tests/notifications/test_catalogue.py`` checks
that no field path ends on a field the personal-data registry marks.

The audience is a function of the record returning the users who should hear of it; ``notify`` then keeps
only those who may open the record (``reports/visibility.py``). Kinds whose audience the record
cannot tell (the group leaders of a group that has not spoken, the delegates taking part in a hearing
named in free text) have none: their producer names the recipients.

Mail: every notice is shown in the notification centre; beyond that each person chooses, per kind, mail at
once, a daily digest or nothing (``NotificationPreference``), and without a choice gets the kind's default
for the roles they hold (the most urgent of them).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from council.models import Role, User


class Delivery(models.TextChoices):
    """How a notice reaches its recipient beyond the notification centre, where every notice is shown."""

    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("One e-mail a day (digest)")
    OFF = "off", _("In the app only")


DELIVERY_ORDER = (Delivery.IMMEDIATE, Delivery.DIGEST, Delivery.OFF)


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any  # a lazy translation
    text: Any  # a lazy translation with %(name)s values
    model: str | None  # the subject's model label, None for a notice about no record
    audience: Callable[[Any], QuerySet[User]] | None = None
    fields: dict[str, str] = field(default_factory=dict)
    extra: tuple[str, ...] = ()
    mail: dict[str, str] = field(default_factory=dict)  # role -> Delivery; other roles: in the app only
    timed: bool = False  # produced by ``manage.py notify`` rather than by a service

    def default_delivery(self, roles: Iterable[str]) -> str:
        """The most urgent default among the roles held (in the app only when none has one)."""
        chosen = {self.mail.get(role, Delivery.OFF) for role in roles}
        return next((d for d in DELIVERY_ORDER if d in chosen), Delivery.OFF)


def _with_roles(council_id: int, roles: Iterable[str]) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, roles__council_id=council_id, roles__role__in=list(roles)
    ).distinct()


def _council_people(record) -> QuerySet[User]:
    return _with_roles(
        record.council_id,
        (Role.DELEGATE, Role.GROUP_LEADER, Role.STANDING, Role.COMMITTEE_HEAD, Role.OFFICE),
    )


def _office(record) -> QuerySet[User]:
    return _with_roles(record.council_id, (Role.OFFICE,))


def _leadership(record) -> QuerySet[User]:
    return _with_roles(record.council_id, (Role.LEADERSHIP, Role.STANDING))


def _course_invitees(course) -> QuerySet[User]:
    return User.objects.filter(is_active=True, delegate__mandates__trainings__course=course).distinct()


def _meeting_delegates(meeting) -> QuerySet[User]:
    return User.objects.filter(is_active=True, delegate__mandates__voter_meetings=meeting).distinct()


def _delegation_members(activity) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, delegate__mandates__delegation_roles__activity=activity
    ).distinct()


def _askers(interpellation) -> QuerySet[User]:
    return User.objects.filter(is_active=True, delegate__mandates__interpellations=interpellation).distinct()


def _agency_respondents(followup) -> QuerySet[User]:
    agencies = Q(roles__agency_id=followup.agency_id) | Q(
        roles__agency__in=followup.coordinating_agencies.values("pk")
    )
    return User.objects.filter(
        agencies, is_active=True, roles__council_id=followup.council_id, roles__role=Role.AGENCY
    ).distinct()


def _mandate_holder(mandate) -> QuerySet[User]:
    return User.objects.filter(is_active=True, delegate__mandates=mandate).distinct()


SESSION = "council_sessions.Session"
FOLLOWUP = "council.FollowUp"
INTERPELLATION = "council_sessions.Interpellation"
AT_ONCE_FOR_DELEGATES = {Role.DELEGATE: Delivery.IMMEDIATE, Role.GROUP_LEADER: Delivery.IMMEDIATE}
DIGEST_FOR_COUNCIL = {
    Role.DELEGATE: Delivery.DIGEST,
    Role.GROUP_LEADER: Delivery.DIGEST,
    Role.STANDING: Delivery.DIGEST,
    Role.COMMITTEE_HEAD: Delivery.DIGEST,
    Role.OFFICE: Delivery.DIGEST,
}
AGENCY_AT_ONCE = {Role.AGENCY: Delivery.IMMEDIATE}

KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            "session_convened",
            _("A session is convened"),
            _("%(session)s is convened: %(start)s to %(end)s, %(place)s."),
            SESSION,
            _council_people,
            fields={"session": "", "start": "start_date", "end": "end_date", "place": "place"},
            mail={**DIGEST_FOR_COUNCIL, **AT_ONCE_FOR_DELEGATES},
        ),
        Kind(
            "session_documents",
            _("A session's documents are published"),
            _("The documents of %(session)s are published."),
            SESSION,
            _council_people,
            fields={"session": ""},
            mail=DIGEST_FOR_COUNCIL,
        ),
        Kind(
            "session_documents_late",
            _("A session's documents are late"),
            _("%(session)s: %(count)s document(s) are late against the deadline rule."),
            SESSION,
            _office,
            fields={"session": ""},
            extra=("count",),
            mail={Role.OFFICE: Delivery.IMMEDIATE},
            timed=True,
        ),
        Kind(
            "training_invited",
            _("Training invitation"),
            _("You are invited to the training “%(course)s”, %(start)s to %(end)s."),
            "delegates.TrainingCourse",
            _course_invitees,
            fields={"course": "title", "start": "start_date", "end": "end_date"},
            mail=AT_ONCE_FOR_DELEGATES,
        ),
        Kind(
            "voter_meeting",
            _("Voter meeting you take part in"),
            _("You are down for the voter meeting of %(date)s: %(meeting)s."),
            "voters.VoterMeeting",
            _meeting_delegates,
            fields={"date": "date", "meeting": ""},
            mail=AT_ONCE_FOR_DELEGATES,
        ),
        Kind(
            "oversight_member",
            _("Member of an oversight delegation"),
            _("You are a member of the oversight delegation “%(activity)s” (%(start)s to %(end)s)."),
            "oversight.OversightActivity",
            _delegation_members,
            fields={"activity": "title", "start": "period_start", "end": "period_end"},
            mail={**AT_ONCE_FOR_DELEGATES, Role.COMMITTEE_HEAD: Delivery.IMMEDIATE},
        ),
        Kind(
            "hearing_participant",
            _("Explanation session or hearing you take part in"),
            _("You take part in “%(hearing)s” on %(date)s."),
            "oversight.Accountability",
            None,
            fields={"hearing": "", "date": "date"},
            mail={**AT_ONCE_FOR_DELEGATES, Role.COMMITTEE_HEAD: Delivery.IMMEDIATE},
        ),
        Kind(
            "interpellation_answered",
            _("Your interpellation is answered"),
            _("Your interpellation “%(interpellation)s” was answered on %(date)s."),
            INTERPELLATION,
            _askers,
            fields={"interpellation": ""},
            extra=("date",),
            mail=AT_ONCE_FOR_DELEGATES,
        ),
        Kind(
            "commitment_due",
            _("A commitment from your interpellation falls due"),
            _("A commitment made in answer to your interpellation “%(interpellation)s” is due on %(due)s."),
            INTERPELLATION,
            _askers,
            fields={"interpellation": ""},
            extra=("due",),
            mail={Role.DELEGATE: Delivery.DIGEST, Role.GROUP_LEADER: Delivery.DIGEST},
            timed=True,
        ),
        Kind(
            "commitment_verified",
            _("A commitment from your interpellation is verified"),
            _(
                "The council verified a commitment made in answer to your interpellation "
                "“%(interpellation)s”."
            ),
            INTERPELLATION,
            _askers,
            fields={"interpellation": ""},
            mail={Role.DELEGATE: Delivery.DIGEST, Role.GROUP_LEADER: Delivery.DIGEST},
        ),
        Kind(
            "quota_group_plenary",
            _("Your group has not yet spoken in the plenary"),
            _(
                "One sitting day of %(session)s is left and no member of your group has spoken in "
                "the plenary yet. A question or a short contribution on any agenda item counts for the group."
            ),
            SESSION,
            None,
            fields={"session": ""},
            mail={Role.GROUP_LEADER: Delivery.IMMEDIATE},
            timed=True,
        ),
        Kind(
            "quota_delegate_contribution",
            _("A reminder about contributing in the term"),
            _(
                "No speech or question of yours is recorded in this term yet. The Office can help you "
                "prepare one for the next session."
            ),
            None,
            None,
            mail={Role.DELEGATE: Delivery.DIGEST, Role.GROUP_LEADER: Delivery.DIGEST},
            timed=True,
        ),
        Kind(
            "followup_assigned",
            _("An item is assigned to your agency"),
            _("Item %(item)s is assigned to your agency, due on %(due)s."),
            FOLLOWUP,
            _agency_respondents,
            fields={"item": "reference|pk", "due": "due_date"},
            mail=AGENCY_AT_ONCE,
        ),
        Kind(
            "followup_due",
            _("An item of your agency falls due"),
            _("Item %(item)s is due in %(days)s working day(s), on %(due)s."),
            FOLLOWUP,
            _agency_respondents,
            fields={"item": "reference|pk", "due": "due_date"},
            extra=("days",),
            mail={Role.AGENCY: Delivery.DIGEST},
            timed=True,
        ),
        Kind(
            "followup_overdue",
            _("An item of your agency is overdue"),
            _("Item %(item)s is overdue: it was due on %(due)s."),
            FOLLOWUP,
            _agency_respondents,
            fields={"item": "reference|pk", "due": "due_date"},
            mail=AGENCY_AT_ONCE,
            timed=True,
        ),
        Kind(
            "report_issued",
            _("A report is issued"),
            _("The report “%(report)s” has been issued."),
            "reports.Report",
            _leadership,
            fields={"report": ""},
            mail={Role.LEADERSHIP: Delivery.IMMEDIATE, Role.STANDING: Delivery.DIGEST},
        ),
        Kind(
            "followup_for_leadership",
            _("An item to report to the leadership"),
            _("Item %(item)s is flagged to be reported to the leadership."),
            FOLLOWUP,
            _leadership,
            fields={"item": "reference|pk"},
            mail={Role.LEADERSHIP: Delivery.DIGEST, Role.STANDING: Delivery.DIGEST},
        ),
    )
}


def kind_of(code: str) -> Kind | None:
    return KINDS.get(code)


def choices() -> list[tuple[str, Any]]:
    return [(kind.code, kind.label) for kind in KINDS.values()]


def _value(value) -> str | int:
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value if value is not None else "")


def read_path(record: Model, path: str):
    """The value at an attribute path of the record ("" for the record itself, as its title); "a|b" reads
    ``b`` where ``a`` is empty."""
    for alternative in path.split("|"):
        value: Any = record
        for name in filter(None, alternative.split(".")):
            value = getattr(value, name, None)
            if value is None:
                break
        if value not in (None, ""):
            return value
    return ""


def params_for(kind: Kind, record: Model | None, extra: dict | None = None) -> dict:
    """The values of the notice's wording: the kind's fields of the record and the caller's declared extras.

    Raises ``ValueError`` for a value the kind does not declare (a caller passing free text)."""
    extra = dict(extra or {})
    unknown = set(extra) - set(kind.extra)
    if unknown:
        raise ValueError(f"Kind {kind.code} takes no value named {', '.join(sorted(unknown))}.")
    values = {}
    if record is not None:
        for name, path in kind.fields.items():
            values[name] = _value(read_path(record, path))
    values.update({name: _value(value) for name, value in extra.items()})
    return values


class _Blank(dict):
    def __missing__(self, key):
        return "…"


def render(notification) -> str:
    """The notice's sentence in the active language; a kind no longer declared reads as a plain notice."""
    kind = kind_of(notification.kind)
    if kind is None:
        return gettext("A notice of a kind no longer in use.")
    values = _Blank({k: (v if v != "" else "…") for k, v in (notification.params or {}).items()})
    try:
        return str(kind.text) % values
    except (TypeError, ValueError):
        return str(kind.label)


def label(code: str) -> str:
    kind = kind_of(code)
    return str(kind.label) if kind else code
