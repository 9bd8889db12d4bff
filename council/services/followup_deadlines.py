"""When a follow-up runs late: due dates moved by a calendar change, the reminder steps before and after the
due date, and the escalation ladder. Mail goes through the outbox, so a rerun sends nothing twice."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import (
    Council,
    CouncilStatus,
    DeadlineRule,
    EscalationStep,
    FollowUp,
    FollowUpEvent,
    ReminderLog,
    User,
)
from council.models.followups import ESCALATION_LADDER
from council.text import normalize
from council.workdays import WorkCalendar

from .followups import Event, _lock, _log
from .outbox import _agency_addresses, _office_addresses, queue_mail
from .records import record_save

# --- Due dates after a calendar change -------------------------------------------------------------------


def followups_recompute_due(*, council: Council, actor: User | None, reason: str) -> int:
    """Recompute open items' due dates whose rule counts working days; log each change; return the count."""
    items = list(
        FollowUp.objects.open()
        .filter(council=council, rule__day_type=DeadlineRule.DayType.WORKING, due_date_override_reason="")
        .select_related("rule")
        .select_for_update()
    )
    if not items:
        return 0
    # One calendar for every item: a single query, however many items move.
    low = min(f.assigned_date for f in items) - dt.timedelta(days=400)
    high = max(f.assigned_date for f in items) + dt.timedelta(days=400)
    calendar = WorkCalendar.load(council, low, high)
    changed = 0
    for followup in items:
        rule = followup.rule
        backwards = rule.direction == DeadlineRule.Direction.BEFORE
        due = calendar.shift(followup.assigned_date, rule.days, backwards=backwards)
        if due == followup.due_date:
            continue
        previous = followup.due_date
        followup.due_date = due
        record_save(followup, actor=actor, update_fields=["due_date"], reason=reason)
        _log(
            followup,
            Event.DUE_CHANGED,
            actor=actor,
            text=reason,
            previous=previous.isoformat(),
            due_date=due.isoformat(),
            automatic=True,
        )
        changed += 1
    return changed


# --- Escalation ------------------------------------------------------------------------------------------


def next_escalation(followup: FollowUp, today: dt.date) -> EscalationStep | None:
    """The ladder step to suggest: only for an overdue or unsatisfactory open item, one step at a time."""
    if not followup.is_open or followup.escalation_level >= len(ESCALATION_LADDER):
        return None
    troubled = followup.is_overdue(today) or followup.council_status in (
        CouncilStatus.UNSATISFACTORY,
        CouncilStatus.NOT_DONE,
    )
    return ESCALATION_LADDER[followup.escalation_level] if troubled else None


@transaction.atomic
def followup_escalate(followup: FollowUp, *, actor: User | None, step: str, text: str = "") -> FollowUpEvent:
    """Take the next step of the escalation ladder (a reminder step also mails the agency)."""
    followup = _lock(followup)
    expected = next_escalation(followup, timezone.localdate())
    if expected is None or step != expected:
        raise ValidationError(_("This escalation step is not the one due for this item."))
    followup.escalation_level += 1
    record_save(followup, actor=actor, update_fields=["escalation_level"])
    event = _log(
        followup, Event.ESCALATED, actor=actor, text=text, step=step, level=followup.escalation_level
    )
    if step == EscalationStep.REMINDER:
        _manual_reminders([followup], actor=actor, note=text)
    return event


@transaction.atomic
def followup_escalation_scheduled(
    followup: FollowUp, *, actor: User | None, step: str, text: str = ""
) -> FollowUpEvent:
    """Log that the council scheduled a step of the ladder for this item (an explanation session, an
    interpellation, a re-oversight), whether or not the earlier steps were taken: the ladder moves past it."""
    followup = _lock(followup)
    if step not in EscalationStep.values:
        raise ValidationError(_("Unknown escalation step."))
    level = ESCALATION_LADDER.index(EscalationStep(step)) + 1
    if level > followup.escalation_level:
        followup.escalation_level = level
        record_save(followup, actor=actor, update_fields=["escalation_level"])
    return _log(followup, Event.ESCALATED, actor=actor, text=text, step=step, level=followup.escalation_level)


# --- Reminders -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedReminder:
    followup: FollowUp
    step: str


STEP_DAYS = {ReminderLog.Step.DAYS_7: 7, ReminderLog.Step.DAYS_3: 3, ReminderLog.Step.DAYS_1: 1}


def _reminder_body(items: list[PlannedReminder]) -> str:
    lines = []
    for planned in items:
        f = planned.followup
        lines.append(
            f"- [{ReminderLog.Step(planned.step).label}] {f.reference or f.pk}: {f.title} — "
            + _("due %(date)s") % {"date": f"{f.due_date:%d/%m/%Y}"}
        )
    return "\n".join(lines)


def plan_reminders(*, today: dt.date, councils: Iterable[Council] | None = None) -> list[PlannedReminder]:
    """Which items are due a reminder step today and have not had it for their current due date."""
    planned: list[PlannedReminder] = []
    councils = list(councils) if councils is not None else list(Council.objects.all())
    for council in councils:
        calendar = WorkCalendar.load(council, today - dt.timedelta(days=5), today + dt.timedelta(days=60))
        # The due dates that are exactly 7, 3 and 1 working days away today.
        marks = {calendar.shift(today, days): step for step, days in STEP_DAYS.items()}
        items = (
            FollowUp.objects.awaiting_agency()
            .filter(council=council)
            .filter(models.Q(due_date__lt=today) | models.Q(due_date__in=list(marks)))
            .select_related("agency", "council")
            .order_by("agency_id", "due_date", "pk")
        )
        sent = set(
            ReminderLog.objects.filter(followup__council=council, followup__closed_on__isnull=True)
            .exclude(step=ReminderLog.Step.MANUAL)
            .values_list("followup_id", "step", "due_date")
        )
        for followup in items:
            step = ReminderLog.Step.OVERDUE if followup.due_date < today else marks[followup.due_date]
            if (followup.pk, step, followup.due_date) not in sent:
                planned.append(PlannedReminder(followup, step))
    return planned


def followup_reminders_run(*, today: dt.date | None = None, dry_run: bool = False) -> list[PlannedReminder]:
    """Send each due reminder step once: one mail per agency, and one digest per council for the Office.

    Everything for a council is written in one transaction, so a second run, or a run after a crash,
    finds the steps already logged and sends nothing twice.
    """
    today = today or timezone.localdate()
    planned = plan_reminders(today=today)
    if dry_run:
        return planned
    by_council: dict[int, list[PlannedReminder]] = defaultdict(list)
    for item in planned:
        by_council[item.followup.council_id].append(item)
    done: list[PlannedReminder] = []
    for items in by_council.values():
        with transaction.atomic():
            done.extend(_send_council_reminders(items, today))
    return done


def _send_council_reminders(items: list[PlannedReminder], today: dt.date) -> list[PlannedReminder]:
    council = items[0].followup.council
    fresh = []
    for item in items:
        log, created = ReminderLog.objects.get_or_create(
            followup=item.followup,
            step=item.step,
            due_date=item.followup.due_date,
            defaults={"sent_on": today},
        )
        if created:
            fresh.append((item, log))
    by_agency: dict[int, list] = defaultdict(list)
    for item, log in fresh:
        by_agency[item.followup.agency_id].append((item, log))
    for entries in by_agency.values():
        agency = entries[0][0].followup.agency
        mail = queue_mail(
            council,
            f"reminder:{agency.pk}:{today.isoformat()}:{min(log.pk for _, log in entries)}",
            _agency_addresses(agency),
            _("[%(council)s] Reminder: %(count)s item(s) due or overdue")
            % {"council": council, "count": len(entries)},
            _("Items assigned to %(agency)s that need an answer:\n\n%(items)s")
            % {"agency": agency, "items": _reminder_body([item for item, _ in entries])},
        )
        for item, log in entries:
            if mail is not None:
                log.mail = mail
                log.save(update_fields=["mail"])
            _log(
                item.followup,
                Event.REMINDED,
                actor=None,
                step=item.step,
                automatic=True,
                mailed=mail is not None,
            )
    if fresh:
        queue_mail(
            council,
            f"digest:{council.pk}:{today.isoformat()}:{min(log.pk for _, log in fresh)}",
            _office_addresses(council),
            _("[%(council)s] Follow-up digest %(date)s") % {"council": council, "date": f"{today:%d/%m/%Y}"},
            _("Reminders sent today:\n\n%(items)s") % {"items": _reminder_body([item for item, _ in fresh])},
        )
    return [item for item, _ in fresh]


def _manual_reminders(followups: list[FollowUp], *, actor: User | None, note: str = "") -> int:
    today = timezone.localdate()
    by_agency: dict[int, list[FollowUp]] = defaultdict(list)
    for followup in followups:
        by_agency[followup.agency_id].append(followup)
    for items in by_agency.values():
        agency, council = items[0].agency, items[0].council
        stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
        mail = queue_mail(
            council,
            f"manual:{agency.pk}:{stamp}:{items[0].pk}",
            _agency_addresses(agency),
            _("[%(council)s] Reminder from the Office: %(count)s item(s)")
            % {"council": council, "count": len(items)},
            (note + "\n\n" if note else "")
            + _reminder_body([PlannedReminder(f, ReminderLog.Step.MANUAL) for f in items]),
        )
        for followup in items:
            ReminderLog.objects.create(
                followup=followup,
                step=ReminderLog.Step.MANUAL,
                due_date=followup.due_date,
                sent_on=today,
                mail=mail,
            )
            _log(
                followup,
                Event.REMINDED,
                actor=actor,
                text=note,
                step=ReminderLog.Step.MANUAL,
                mailed=mail is not None,
            )
    return len(followups)


@transaction.atomic
def followups_remind(followups: Iterable[FollowUp], *, actor: User | None, note: str = "") -> int:
    """Bulk reminders from the Office's list: one mail per agency, an event on each open item."""
    items = list(
        FollowUp.objects.open()
        .filter(pk__in=[f.pk for f in followups])
        .select_related("agency", "council")
        .select_for_update(of=("self",))
    )
    if not items:
        raise ValidationError(_("Choose at least one open item."))
    return _manual_reminders(items, actor=actor, note=normalize(note))
