"""What comes next for a person in the current council, at the top of their home page.

- a delegate: their coming week (the events of their calendar, ``reports.calendar``: defined once), their
  open tasks (draft interpellation slips, training they are invited to, in the evaluation season their
  self-evaluation and their action programme's self-assessment), and one line per quota (their group's
  T2 at the session under way or next, their own T3 over the term; ``sessions.selectors``);
- a group leader: for each group they lead, whether it has spoken in the plenary of the session under way,
  which members have no contribution in the term, and whom the group has still to rate in the season;
- the Office: today's sittings, the sessions whose documents are late against the deadline rule
  (``sessions.dispatch``), the follow-up items due in the next five working days (the follow-up list's
  "due soon" filter, ``council.workdays``).

An agency's nearest deadlines are the home summary's ``agency_items``. Every block is a fixed number of
queries whatever the number of rows it holds.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from council.models import Council, FollowUp, Role, User
from council.workdays import add_working_days
from delegates.models import (
    ActionCommitment,
    DelegateEvaluation,
    DelegateGroup,
    GroupMembership,
    Mandate,
    TrainingAttendance,
)
from delegates.permissions import LEADERS
from sessions.dispatch import LateDocuments, late_documents
from sessions.models import Interpellation, Session
from sessions.selectors import GroupContribution, session_t2, session_window_open, term_t3

from .calendar import CalendarEvent, events_between

WEEK = dt.timedelta(days=6)  # today and the six days after it
OFFICE_WORKING_DAYS = 5  # "this week" for the Office's follow-ups: the next five working days
EVALUATION_SEASON = (11, 1)  # from 1 November the year's evaluation and programme assessment are due
SHOWN = 8  # rows shown per list; the block links to the whole list


@dataclass
class Task:
    text: str
    url: str
    on: dt.date | None = None


@dataclass
class QuotaLine:
    text: str
    status: str
    url: str


@dataclass
class GroupNext:
    group: DelegateGroup
    session: Session | None  # the session under way, if any
    plenary: GroupContribution | None
    silent: list[Mandate] = field(default_factory=list)
    to_rate: list[Mandate] = field(default_factory=list)


@dataclass
class OfficeNext:
    sittings: list[CalendarEvent]
    late: list[LateDocuments]
    due: list[FollowUp]
    due_total: int
    due_until: dt.date
    within: int = OFFICE_WORKING_DAYS


@dataclass
class WhatsNext:
    week_until: dt.date | None = None
    events: list[CalendarEvent] | None = None  # None: the block is not shown
    tasks: list[Task] | None = None
    quota: list[QuotaLine] | None = None
    groups: list[GroupNext] = field(default_factory=list)
    office: OfficeNext | None = None


def in_evaluation_season(on: dt.date) -> bool:
    return (on.month, on.day) >= EVALUATION_SEASON


def whats_next(
    user: User, council: Council, roles: frozenset[str], mandate: Mandate | None, on: dt.date
) -> WhatsNext:
    """The blocks the person's roles call for (a mandate in the current term for a delegate's)."""
    found = WhatsNext()
    if mandate is not None:
        found.week_until = on + WEEK
        found.events = events_between(user, on, on + WEEK, council=council)
        found.tasks = delegate_tasks(mandate, on)
        t3_rows = term_t3(mandate.term)
        found.quota = quota_lines(mandate, on, t3_rows)
        if Role.GROUP_LEADER in roles:
            found.groups = led_groups(mandate, on, t3_rows)
    if roles & {Role.OFFICE, Role.ADMIN}:
        found.office = office_next(user, council, on)
    return found


def delegate_tasks(mandate: Mandate, on: dt.date) -> list[Task]:
    """What waits for the delegate to act: drafts, invitations, and in the season their own assessments."""
    tasks = [
        Task(
            _("Draft interpellation slip: %(topic)s") % {"topic": slip.topic or slip.question[:80]},
            slip.get_absolute_url(),
        )
        for slip in Interpellation.objects.filter(askers=mandate, state=Interpellation.State.DRAFT).order_by(
            "created_at", "pk"
        )[:SHOWN]
    ]
    invitations = (
        TrainingAttendance.objects.filter(mandate=mandate, course__start_date__gte=on)
        .select_related("course")
        .order_by("course__start_date", "pk")[:SHOWN]
    )
    tasks.extend(
        Task(
            _("Training invitation: %(course)s") % {"course": row.course.title},
            row.course.get_absolute_url(),
            row.course.start_date,
        )
        for row in invitations
    )
    if in_evaluation_season(on):
        evaluation = DelegateEvaluation.objects.filter(mandate=mandate, year=on.year).first()
        if evaluation is None or not evaluation.self_rating:
            tasks.append(
                Task(
                    _("Your self-evaluation for %(year)s is due") % {"year": on.year},
                    reverse("reports:evaluation_detail", args=[mandate.pk, on.year]),
                )
            )
        unassessed = (
            ActionCommitment.objects.filter(program__mandate=mandate)
            .exclude(assessments__year=on.year, assessments__by="self")
            .count()
        )
        if unassessed:
            tasks.append(
                Task(
                    _("Assess your action programme for %(year)s: %(count)s commitment(s) not yet assessed")
                    % {"year": on.year, "count": unassessed},
                    reverse("delegates:program_detail", args=[mandate.pk]),
                )
            )
    return tasks


def quota_session(mandate: Mandate, on: dt.date) -> Session | None:
    """The session under way, else the next one, of the mandate's term."""
    sessions = Session.objects.filter(term=mandate.term_id, end_date__gte=on).exclude(
        state__in=[Session.State.CLOSED, Session.State.PUBLISHED]
    )
    return sessions.order_by("start_date", "pk").first()


def quota_lines(mandate: Mandate, on: dt.date, t3_rows: list) -> list[QuotaLine]:
    """One line for the group's T2 at the session under way or next, one for the delegate's T3."""
    participation = reverse("sessions:my_participation")
    lines = []
    session = quota_session(mandate, on)
    groups = list(GroupMembership.objects.filter(mandate=mandate).active_on(on).select_related("group"))
    if session is not None and groups:
        rows = {row.group.pk: row for row in session_t2(session).groups}
        for membership in groups:
            row = rows.get(membership.group_id)
            if row is None:
                continue
            values = {"group": membership.group.name, "session": session, "count": row.speeches}
            if row.met:
                text = _("T2 — %(group)s at %(session)s: spoke in the plenary %(count)s time(s)") % values
            else:
                text = _("T2 — %(group)s at %(session)s: has not yet spoken in the plenary") % values
            lines.append(QuotaLine(text, row.status, participation))
    mine = next((row for row in t3_rows if row.mandate.pk == mandate.pk), None)
    if mine is not None:
        text = _("T3 — your contributions this term: %(count)s") % {"count": mine.speeches}
        lines.append(QuotaLine(text, mine.status, participation))
    return lines


def led_groups(mandate: Mandate, on: dt.date, t3_rows: list) -> list[GroupNext]:
    """For each group the delegate leads or deputises today: its plenary at the session under way, its
    members silent over the term, and, in the season, those the group has still to rate this year."""
    led = list(
        GroupMembership.objects.filter(mandate=mandate, role__in=LEADERS)
        .active_on(on)
        .select_related("group")
    )
    if not led:
        return []
    members: dict[int, set[int]] = {}
    for group_id, mandate_id in (
        GroupMembership.objects.filter(group__in=[m.group_id for m in led])
        .active_on(on)
        .values_list("group_id", "mandate_id")
    ):
        members.setdefault(group_id, set()).add(mandate_id)
    session = (
        Session.objects.filter(term=mandate.term_id, start_date__lte=on, end_date__gte=on)
        .order_by("start_date", "pk")
        .first()
    )
    if session is not None and not session_window_open(session, on):
        session = None
    plenary = {row.group.pk: row for row in session_t2(session).groups} if session else {}
    rated: set[int] = set()
    if in_evaluation_season(on):
        everyone = set().union(*members.values())
        rated = set(
            DelegateEvaluation.objects.filter(mandate__in=everyone, year=on.year)
            .exclude(group_rating="")
            .values_list("mandate_id", flat=True)
        )
    found = []
    for membership in led:
        ids = members.get(membership.group_id, set())
        rows = [row for row in t3_rows if row.mandate.pk in ids]
        found.append(
            GroupNext(
                membership.group,
                session,
                plenary.get(membership.group_id),
                silent=[row.mandate for row in rows if not row.met],
                # One's own year is rated by the group's other leaders, never by oneself as the group.
                to_rate=[
                    row.mandate
                    for row in rows
                    if row.mandate.pk not in rated and row.mandate.pk != mandate.pk
                ]
                if in_evaluation_season(on)
                else [],
            )
        )
    return found


def office_next(user: User, council: Council, on: dt.date) -> OfficeNext:
    """Today's sittings (from the Office's own calendar), sessions with late documents, items due soon."""
    sittings = [e for e in events_between(user, on, on, council=council) if e.kind == "sitting"]
    until = add_working_days(council, on, OFFICE_WORKING_DAYS)
    due = FollowUp.objects.filter(council=council).due_between(on, until)
    return OfficeNext(
        sittings=sittings,
        late=late_documents(council, on),
        due=list(due.select_related("agency").order_by("due_date", "pk")[:SHOWN]),
        due_total=due.count(),
        due_until=until,
    )
