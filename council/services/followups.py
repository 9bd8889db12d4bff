"""Writes to the follow-up spine. Sessions, oversight, voters and directives call these; nothing else writes."""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import (
    Agency,
    AgencyStatus,
    Attachment,
    Council,
    CouncilStatus,
    DeadlineRule,
    EscalationStep,
    FollowUp,
    FollowUpEvent,
    Milestone,
    OutboxMail,
    ReminderLog,
    Role,
    SourceKind,
    User,
)
from council.models.followups import ANSWERED, ESCALATION_LADDER
from council.personal_data import Redactor, searchable_text
from council.services import record_save
from council.text import normalize
from council.uploads import atomic_with_files
from council.workdays import WorkCalendar, apply_rule

logger = logging.getLogger(__name__)
Event = FollowUpEvent.Kind
NEGATIVE_OUTCOMES = (CouncilStatus.PARTLY_DONE, CouncilStatus.NOT_DONE, CouncilStatus.UNSATISFACTORY)


def _log(
    followup: FollowUp, kind: str, *, actor: User | None, text: str = "", internal=False, **data
) -> FollowUpEvent:
    event = FollowUpEvent(
        followup=followup, kind=kind, actor=actor, text=normalize(text), internal=internal, data=data
    )
    event.full_clean()
    event.save()
    return event


def _lock(followup: FollowUp) -> FollowUp:
    """Lock the row and refresh the caller's object, so two people acting at once never interleave."""
    FollowUp.objects.select_for_update().filter(pk=followup.pk).values_list("pk", flat=True).first()
    followup.refresh_from_db()
    return followup


def _inspect(files: Sequence) -> list:
    """Check every file before anything is written, so a bad file changes nothing."""
    from council.uploads import inspect_upload

    return [(upload, inspect_upload(upload)) for upload in files]


def _store(followup: FollowUp, event: FollowUpEvent, checked: list, *, actor, kind: str) -> list[Attachment]:
    from council.uploads import store_upload

    saved = []
    for upload, info in checked:
        stored = store_upload(upload, info, prefix=f"followups/{followup.council_id}")
        attachment = Attachment(
            followup=followup,
            event=event,
            kind=kind,
            path=stored.path,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
            uploaded_by=actor,
        )
        attachment.full_clean()
        attachment.save()
        saved.append(attachment)
    return saved


def _office_addresses(council: Council) -> list[str]:
    users = User.objects.filter(roles__council=council, roles__role=Role.OFFICE, is_active=True).exclude(
        email=""
    )
    return sorted(set(users.values_list("email", flat=True)))


def _agency_addresses(agency: Agency) -> list[str]:
    respondents = User.objects.filter(roles__agency=agency, roles__role=Role.AGENCY, is_active=True).exclude(
        email=""
    )
    return sorted(set(agency.email_list) | set(respondents.values_list("email", flat=True)))


_mail_suppressed: ContextVar[bool] = ContextVar("followup_mail_suppressed", default=False)


@contextmanager
def mail_suppressed():
    """Record without mailing anyone: for importing past records (and the demo data), not for daily work."""
    token = _mail_suppressed.set(True)
    try:
        yield
    finally:
        _mail_suppressed.reset(token)


def queue_mail(council: Council, key: str, to: Sequence[str], subject: str, body: str) -> OutboxMail | None:
    """Write a mail to the outbox (once per key); the sweeper sends it after the transaction commits."""
    if not to or _mail_suppressed.get():
        return None
    mail, created = OutboxMail.objects.get_or_create(
        dedupe_key=key, defaults={"council": council, "to": ", ".join(to), "subject": subject, "body": body}
    )
    if created:
        transaction.on_commit(_kick_sweeper)
    return mail


def _kick_sweeper() -> None:
    # A broker outage must not fail the user's request: the mail is already in the outbox, and the
    # periodic sweep sends it once the broker is back.
    from council.resilience import publish
    from council.tasks import outbox_sweep_task

    publish(outbox_sweep_task)


# --- Opening -----------------------------------------------------------------------------------------


@transaction.atomic
def followup_open(
    *,
    actor: User | None,
    council: Council,
    agency: Agency,
    title: str,
    description: str,
    assigned_date: dt.date,
    source: models.Model | None = None,
    source_kind: str | None = None,
    rule: DeadlineRule | None = None,
    due_date: dt.date | None = None,
    override_reason: str = "",
    field=None,
    coordinating_agencies: Iterable[Agency] = (),
    report_to_leadership: bool = False,
    reference: str = "",
    internal_note: str = "",
) -> FollowUp:
    """Open a follow-up for a source; its due date comes from the rule unless overridden with a reason."""
    kind = source_kind or getattr(source, "FOLLOWUP_SOURCE_KIND", None) or SourceKind.OFFICE_TASK
    if rule is not None and not (
        rule.valid_from <= assigned_date and (rule.valid_to is None or rule.valid_to >= assigned_date)
    ):
        raise ValidationError(
            {
                "rule": _("This version of the rule is not in force on %(date)s; choose the one that is.")
                % {"date": f"{assigned_date:%d/%m/%Y}"}
            }
        )
    computed = apply_rule(rule, assigned_date) if rule else None
    if computed is None and due_date is None:
        raise ValidationError({"due_date": _("Give a due date or choose a deadline rule.")})
    if computed is not None and due_date is not None and due_date != computed and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": _("The rule gives %(date)s; say why the due date differs.")
                % {"date": f"{computed:%d/%m/%Y}"}
            }
        )
    followup = FollowUp(
        council=council,
        source_kind=kind,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        reference=reference,
        title=title,
        description=description,
        agency=agency,
        field=field,
        assigned_date=assigned_date,
        rule=rule,
        due_date=due_date or computed,
        due_date_override_reason=override_reason if due_date not in (None, computed) else "",
        report_to_leadership=report_to_leadership,
        internal_note=internal_note,
    )
    followup.search_text = searchable_text(followup, ["reference", "title", "description"])
    record_save(followup, actor=actor)
    followup.coordinating_agencies.set([a for a in coordinating_agencies if a.pk != agency.pk])
    _log(
        followup,
        Event.CREATED,
        actor=actor,
        due_date=followup.due_date.isoformat(),
        rule=rule.code if rule else None,
        agency=agency.pk,
    )
    queue_mail(
        council,
        f"assigned:{followup.pk}",
        _agency_addresses(agency),
        _("[%(council)s] New item assigned, due %(date)s")
        % {"council": council, "date": f"{followup.due_date:%d/%m/%Y}"},
        _("%(title)s\n\n%(description)s\n\nDue date: %(date)s.")
        % {
            "title": followup.title,
            # Mail is read by the agency's respondents: what of a citizen's matter they may read.
            "description": Redactor.for_agency(agency.pk).value(followup, "description"),
            "date": f"{followup.due_date:%d/%m/%Y}",
        },
    )
    return followup


# --- The agency's side ---------------------------------------------------------------------------------


@atomic_with_files
def followup_answer(
    followup: FollowUp,
    *,
    actor: User | None,
    status: str,
    text: str,
    progress: int | None = None,
    explanation: str = "",
    files: Sequence = (),
) -> FollowUpEvent:
    """Record the agency's answer or progress report, with its files; the Office then verifies."""
    checked = _inspect(files)
    followup = _lock(followup)
    if not followup.is_open:
        raise ValidationError(_("This item is closed; ask the Office to reopen it."))
    if status not in AgencyStatus.values or status == AgencyStatus.NOT_STARTED:
        raise ValidationError({"status": _("Choose what the agency reports.")})
    if not normalize(text):
        raise ValidationError({"text": _("Write the answer.")})
    if status == AgencyStatus.DONE:
        progress = 100  # done is done: a lower figure would contradict the status
    elif progress is None:
        progress = followup.progress
    previous = followup.agency_status
    followup.agency_status = status
    followup.progress = progress
    followup.agency_explanation = explanation if status == AgencyStatus.CANNOT_DO else ""
    fields = ["agency_status", "progress", "agency_explanation"]
    answered = status in ANSWERED
    if answered and followup.first_answered_on is None:
        followup.first_answered_on = timezone.localdate()
        fields.append("first_answered_on")
    record_save(followup, actor=actor, update_fields=fields)
    event = _log(
        followup,
        Event.ANSWERED if answered else Event.PROGRESS,
        actor=actor,
        text=text,
        status=status,
        previous=previous,
        progress=progress,
        explanation=followup.agency_explanation,
    )
    _store(followup, event, checked, actor=actor, kind=Attachment.Kind.ANSWER)
    if answered:
        queue_mail(
            followup.council,
            f"answered:{event.pk}",
            _office_addresses(followup.council),
            _("[%(council)s] %(agency)s answered: %(title)s")
            % {"council": followup.council, "agency": followup.agency, "title": followup.title},
            _("%(agency)s reported “%(status)s”.\n\n%(text)s")
            % {"agency": followup.agency, "status": followup.get_agency_status_display(), "text": event.text},
        )
    return event


# --- The council's side ---------------------------------------------------------------------------------


@transaction.atomic
def followup_verify(
    followup: FollowUp,
    *,
    actor: User | None,
    outcome: str,
    text: str = "",
    close: bool | None = None,
    reason: str = "",
) -> FollowUpEvent:
    """Record the council's verification. "Done" closes the item; other outcomes send it back unless closed."""
    followup = _lock(followup)
    if outcome not in CouncilStatus.values or outcome == CouncilStatus.OPEN:
        raise ValidationError({"outcome": _("Choose the result of the verification.")})
    if not followup.is_open:
        raise ValidationError(_("This item is already closed; reopen it first."))
    if followup.agency_status not in ANSWERED and not normalize(reason):
        raise ValidationError(
            {"reason": _("The agency has not answered yet; give the reason for verifying without an answer.")}
        )
    close = outcome == CouncilStatus.DONE if close is None else close
    followup.council_status = outcome
    fields = ["council_status"]
    if close:
        followup.closed_on = timezone.localdate()
        fields.append("closed_on")
        if outcome == CouncilStatus.DONE:
            followup.progress = 100
            fields.append("progress")
    elif outcome in NEGATIVE_OUTCOMES and followup.agency_status in ANSWERED:
        # Sent back: the agency owes more, and the item counts again as awaiting its answer.
        followup.agency_status = AgencyStatus.IN_PROGRESS
        fields.append("agency_status")
    record_save(followup, actor=actor, update_fields=fields)
    return _log(
        followup,
        Event.VERIFIED,
        actor=actor,
        text=text,
        outcome=outcome,
        closed=close,
        reason=normalize(reason),
    )


@transaction.atomic
def followup_reopen(followup: FollowUp, *, actor: User | None, reason: str) -> FollowUpEvent:
    followup = _lock(followup)
    if followup.is_open:
        raise ValidationError(_("This item is already open."))
    if not normalize(reason):
        raise ValidationError({"reason": _("Say why the item is reopened.")})
    followup.closed_on = None
    followup.council_status = CouncilStatus.OPEN
    followup.agency_status = AgencyStatus.IN_PROGRESS
    record_save(followup, actor=actor, update_fields=["closed_on", "council_status", "agency_status"])
    return _log(followup, Event.REOPENED, actor=actor, text=reason)


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


@transaction.atomic
def followup_change_due(
    followup: FollowUp, *, actor: User | None, due_date: dt.date, reason: str
) -> FollowUpEvent:
    followup = _lock(followup)
    if not normalize(reason):
        raise ValidationError({"reason": _("Say why the due date changes.")})
    if due_date == followup.due_date:
        raise ValidationError({"due_date": _("This is already the due date.")})
    previous = followup.due_date
    followup.due_date = due_date
    followup.due_date_override_reason = reason
    record_save(followup, actor=actor, update_fields=["due_date", "due_date_override_reason"])
    return _log(
        followup,
        Event.DUE_CHANGED,
        actor=actor,
        text=reason,
        previous=previous.isoformat(),
        due_date=due_date.isoformat(),
    )


@atomic_with_files
def followup_add_evidence(
    followup: FollowUp, *, actor: User | None, files: Sequence, text: str = ""
) -> FollowUpEvent:
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    checked = _inspect(files)
    followup = _lock(followup)
    event = _log(followup, Event.EVIDENCE, actor=actor, text=text, count=len(checked))
    _store(followup, event, checked, actor=actor, kind=Attachment.Kind.EVIDENCE)
    return event


@transaction.atomic
def followup_link_source(
    followup: FollowUp, *, actor: User | None, source: models.Model, reference: str
) -> FollowUp:
    """Attach a follow-up opened before its source was registered here (carried over from an old register)
    to that source; from then on it shows the source's own reference, e.g. a petition's tracking code."""
    followup = _lock(followup)
    if followup.source_id is not None:
        raise ValidationError(_("This follow-up already has its source."))
    kind = getattr(source, "FOLLOWUP_SOURCE_KIND", None)
    if kind != followup.source_kind or getattr(source, "council_id", None) != followup.council_id:
        raise ValidationError(_("Choose a source of the same kind in this council."))
    previous = followup.reference
    followup.source_type = ContentType.objects.get_for_model(source)
    followup.source_id = source.pk
    followup.reference = reference
    followup.search_text = searchable_text(followup, ["reference", "title", "description"])
    record_save(
        followup,
        actor=actor,
        update_fields=["source_type", "source_id", "reference", "search_text"],
        reason=f"{previous} → {reference}" if previous and previous != reference else "",
    )
    return followup


@transaction.atomic
def followup_note(
    followup: FollowUp, *, actor: User | None, text: str, internal: bool = True
) -> FollowUpEvent:
    if not normalize(text):
        raise ValidationError({"text": _("Write the note.")})
    return _log(_lock(followup), Event.NOTE, actor=actor, text=text, internal=internal)


@transaction.atomic
def followup_correct(event: FollowUpEvent, *, actor: User | None, text: str) -> FollowUpEvent:
    """Correct an earlier entry of the log by adding a new one that points to it."""
    if not normalize(text):
        raise ValidationError({"text": _("Write the correction.")})
    correction = FollowUpEvent(
        followup=event.followup,
        kind=Event.CORRECTION,
        actor=actor,
        text=normalize(text),
        corrects=event,
        internal=event.internal,
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def milestone_add(followup: FollowUp, *, actor: User | None, title: str, due_date: dt.date) -> Milestone:
    followup = _lock(followup)
    if due_date < followup.assigned_date:
        raise ValidationError({"due_date": _("A milestone cannot precede the date the item was assigned.")})
    milestone = record_save(Milestone(followup=followup, title=title, due_date=due_date), actor=actor)
    _log(followup, Event.MILESTONE, actor=actor, text=milestone.title, due_date=due_date.isoformat())
    return milestone


@transaction.atomic
def milestone_done(milestone: Milestone, *, actor: User | None, done_on: dt.date) -> Milestone:
    followup = _lock(milestone.followup)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone cannot be done in the future.")})
    if done_on < followup.assigned_date:
        raise ValidationError({"done_on": _("A milestone cannot be done before the item was assigned.")})
    milestone.done_on = done_on
    record_save(milestone, actor=actor, update_fields=["done_on"])
    _log(milestone.followup, Event.MILESTONE, actor=actor, text=milestone.title, done_on=done_on.isoformat())
    return milestone


# --- Due dates after a calendar change -------------------------------------------------------------------


def followups_recompute_due(*, council: Council, actor: User | None, reason: str) -> int:
    """Recompute due dates of open items whose rule counts working days; log each change. Returns the count."""
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


# --- Reminders and the outbox ----------------------------------------------------------------------------


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


def outbox_send(*, limit: int = 200) -> tuple[int, int]:
    """Send unsent mails from the outbox; each is marked sent in its own transaction. Returns (sent, failed)."""
    from django.core.mail import EmailMessage

    sent = failed = 0
    max_attempts = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 20)
    pending = list(
        OutboxMail.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts)
        .order_by("created_at", "pk")[:limit]
        .values_list("pk", flat=True)
    )
    for pk in pending:
        with transaction.atomic():
            mail = (
                OutboxMail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if mail is None:
                continue  # another sweeper has it
            try:
                EmailMessage(
                    mail.subject, mail.body, to=[a.strip() for a in mail.to.split(",") if a.strip()]
                ).send()
            except Exception as error:  # noqa: BLE001 - an SMTP outage: keep it for the next sweep
                mail.attempts += 1
                mail.last_error = f"{error.__class__.__name__}: {error}"[:500]
                mail.save(update_fields=["attempts", "last_error"])
                failed += 1
                continue
            mail.attempts += 1
            mail.sent_at = timezone.now()
            mail.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent, failed
