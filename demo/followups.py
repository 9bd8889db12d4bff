"""Demo follow-ups for ``seed_demo``: about forty items of the Đồng Tháp council in every state.

Every item is written through the follow-up services, never by a direct model write, and is looked up by
its subject first, so a second run creates nothing. Dates are laid out relative to the day the seed
runs, so whenever it runs there are overdue items, items due in exactly 7, 3 and 1 working days (the
reminder steps), items in progress, answered, verified, sent back, reopened and escalated.

Petitions, names and numbers are invented.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from council.models import (
    Agency,
    Council,
    DeadlineRule,
    Field,
    FollowUp,
    User,
)
from council.services import (
    followup_answer,
    followup_change_due,
    followup_escalate,
    followup_note,
    followup_open,
    followup_reopen,
    followup_verify,
    milestone_add,
    milestone_done,
    next_escalation,
)
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar, apply_rule, rule_in_force
from demo.clock import as_of, step_on
from demo.loader import rows
from demo.names import (
    RESPONDENT_AGENCY,
)

DAY = dt.timedelta(days=1)
OVERRIDE_REASON = "Theo chỉ đạo của Thường trực HĐND"


# Agencies, by their name in ``demo.council``.


@dataclass(frozen=True)
class DemoFollowUp:
    """One demo item and what happens to it after it is opened.

    ``timing`` places it relative to today: ``("ago", n)`` assigned n days ago; ``("overdue", n)`` due n
    days ago; ``("due_in", n)`` due in exactly n working days. The due date comes from ``rule`` unless
    ``term`` (calendar days from assignment to the due date) or ``override`` (an explicit due date set
    by the Standing Committee, ``assigned_ago`` days after assignment) says otherwise.

    ``steps`` are taken in order: ("progress", %, text), ("done", text), ("cannot", text, explanation),
    ("verify", outcome, text[, close]), ("reopen", reason), ("escalate", text), ("extend", days, reason),
    ("due", days from today, reason), ("milestone", title, due after assignment, done after assignment
    or None), ("note", text).
    """

    reference: str
    kind: str
    agency: str
    field: str
    title: str
    description: str
    timing: tuple[str, int]
    rule: str = ""
    term: int = 0
    override: bool = False
    assigned_ago: int = 10
    coordinating: tuple[str, ...] = ()
    leadership: bool = False
    steps: tuple[tuple, ...] = ()


FOLLOWUPS = rows("followups", "followups", DemoFollowUp)
# The commune council's own: what its Standing Committee asked of the commune's agencies.
COMMUNE_FOLLOWUPS = rows("commune", "followups", DemoFollowUp)


# --- Dates ------------------------------------------------------------------------------------------


def _backdate(council: Council, code: str, due: dt.date, today: dt.date, calendar: WorkCalendar):
    """The assignment date from which a version of rule ``code`` gives ``due``, with that version."""
    for version in DeadlineRule.objects.filter(council=council, code=code).order_by("-valid_from"):
        if version.direction != DeadlineRule.Direction.AFTER:
            continue
        if version.day_type == DeadlineRule.DayType.CALENDAR:
            assigned = due - version.days * DAY
        else:
            assigned = calendar.shift(due, version.days, backwards=True)
        if (
            assigned <= today
            and rule_in_force(council, code, assigned) == version
            and apply_rule(version, assigned) == due
        ):
            return assigned, version
    return None


def _working_day(calendar: WorkCalendar, day: dt.date, *, backwards: bool = True) -> dt.date:
    """``day`` if it is a working day, else the nearest working day before (or after) it."""
    step = -DAY if backwards else DAY
    while not calendar.is_working_day(day):
        day += step
    return day


def schedule(spec: DemoFollowUp, council: Council, today: dt.date, calendar: WorkCalendar):
    """(assigned date, rule, explicit due date or None, override reason) for an item.

    Papers are signed on working days, so assignment dates and explicit due dates fall on working days
    where that does not move an item off its mark (due exactly n working days ahead, or n days overdue).
    """
    how, n = spec.timing
    if how == "ago":
        assigned = _working_day(calendar, today - n * DAY)
        if spec.term:
            due = _working_day(calendar, assigned + spec.term * DAY, backwards=False)
            return assigned, None, due, ""
        return assigned, rule_in_force(council, spec.rule, assigned), None, ""
    due = _working_day(calendar, today - n * DAY) if how == "overdue" else calendar.shift(today, n)
    if spec.rule and not spec.override:
        found = _backdate(council, spec.rule, due, today, calendar)
        if found is not None and how == "overdue":
            # Only "past due" matters here: move to a working day, a little further overdue.
            assigned = _working_day(calendar, found[0])
            return assigned, rule_in_force(council, spec.rule, assigned), None, ""
        if found is not None:
            return found[0], found[1], None, ""
    if spec.rule:
        assigned = min(_working_day(calendar, today - spec.assigned_ago * DAY), due)
        return assigned, rule_in_force(council, spec.rule, assigned), due, OVERRIDE_REASON
    return min(today, _working_day(calendar, due - spec.term * DAY)), None, due, ""


# --- Writing ----------------------------------------------------------------------------------------


class FollowUpSeeder:
    def __init__(
        self,
        council: Council,
        specs: tuple[DemoFollowUp, ...],
        *,
        office: User | None,
        respondent: User | None,
    ):
        self.council = council
        self.specs = specs
        self.office = office
        self.respondent = respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 400 * DAY, self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}

    def agency_actor(self, followup: FollowUp) -> User | None:
        return self.respondent if followup.agency.name == RESPONDENT_AGENCY else None

    def run(self) -> int:
        # Keyed by subject, not reference: a petition's follow-up takes the petition's tracking code once the
        # voters demo records the petition behind it (demo.voters.VotersSeeder.adopt_followups).
        existing = set(
            FollowUp.objects.filter(
                council=self.council, title__in=[normalize(s.title) for s in self.specs]
            ).values_list("title", flat=True)
        )
        created = 0
        for spec in self.specs:
            if normalize(spec.title) not in existing:
                self.create(spec)
                created += 1
        return created

    def create(self, spec: DemoFollowUp) -> FollowUp:
        """Open the item on its assignment day, then take its steps on the days they would have been taken:
        ``demo.clock.step_on`` (answers late for an item shown overdue)."""
        assigned, rule, due, reason = schedule(spec, self.council, self.today, self.calendar)
        with as_of(assigned):
            followup = self.open(spec, assigned, rule, due, reason)
        day, late = assigned, True if spec.timing[0] == "overdue" else None
        for step in spec.steps:
            day = step_on(spec.reference, step[0], assigned, followup.due_date, day, self.today, late=late)
            with as_of(day):
                self.take(followup, *step)
            # The services re-read the row under a lock; refresh so the next step sees their changes.
            followup.refresh_from_db()
        return followup

    def open(self, spec: DemoFollowUp, assigned, rule, due, reason) -> FollowUp:
        return followup_open(
            actor=self.office,
            council=self.council,
            agency=self.agencies[spec.agency],
            title=spec.title,
            description=spec.description,
            assigned_date=assigned,
            source_kind=spec.kind,
            rule=rule,
            due_date=due,
            override_reason=reason,
            field=self.fields[spec.field],
            coordinating_agencies=[self.agencies[name] for name in spec.coordinating],
            report_to_leadership=spec.leadership,
            reference=spec.reference,
        )

    def take(self, followup: FollowUp, action: str, *args) -> None:
        office, agency = self.office, self.agency_actor(followup)
        if action == "progress":
            progress, text = args
            followup_answer(followup, actor=agency, status="in_progress", progress=progress, text=text)
        elif action == "done":
            followup_answer(followup, actor=agency, status="done", text=args[0])
        elif action == "cannot":
            text, explanation = args
            followup_answer(followup, actor=agency, status="cannot_do", text=text, explanation=explanation)
        elif action == "verify":
            outcome, text, *close = args
            followup_verify(
                followup, actor=office, outcome=outcome, text=text, close=close[0] if close else None
            )
        elif action == "reopen":
            followup_reopen(followup, actor=office, reason=args[0])
        elif action == "escalate":
            step = next_escalation(followup, self.today)
            if step is None:
                raise ValueError(f"{followup.reference}: no escalation step is due")
            followup_escalate(followup, actor=office, step=step, text=args[0])
        elif action == "extend":
            days, reason = args
            followup_change_due(
                followup, actor=office, due_date=followup.due_date + days * DAY, reason=reason
            )
        elif action == "due":
            days, reason = args
            followup_change_due(followup, actor=office, due_date=self.today + days * DAY, reason=reason)
        elif action == "milestone":
            title, due_after, done_after = args
            milestone = milestone_add(
                followup, actor=agency, title=title, due_date=followup.assigned_date + due_after * DAY
            )
            if done_after is not None:
                done_on = min(self.today, followup.assigned_date + done_after * DAY)
                milestone_done(milestone, actor=agency, done_on=done_on)
        elif action == "note":
            followup_note(followup, actor=office, text=args[0])
        else:
            raise ValueError(f"Unknown demo step {action!r}")


def seed_followups(council: Council, specs: tuple[DemoFollowUp, ...] = FOLLOWUPS, *, with_users: bool) -> int:
    """Create the missing demo follow-ups ``specs`` of ``council``; return how many were created.

    Mail is suppressed: the demo agencies' addresses are invented.
    """
    office = User.objects.filter(username="vanphong").first() if with_users else None
    respondent = User.objects.filter(username="coquan").first() if with_users else None
    # The demo agencies' addresses are invented: record everything, mail nobody.
    with mail_suppressed():
        return FollowUpSeeder(council, specs, office=office, respondent=respondent).run()
