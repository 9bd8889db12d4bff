"""Writes to the follow-up spine: opening an item, the agency's answer, the council's verification and the
log around them. Sessions, oversight, voters and directives call these; nothing else writes.

Late items (reminders, escalation, due dates after a calendar change) are in ``followup_deadlines``, mail in
``outbox``; ``mail_suppressed`` and ``queue_mail`` stay importable from here for the callers that use them.
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.followup_workflow import FOLLOWUP_WORKFLOW
from council.models import (
    Agency,
    AgencyStatus,
    Attachment,
    Council,
    CouncilStatus,
    DeadlineRule,
    FollowUp,
    FollowUpEvent,
    Milestone,
    SourceKind,
    User,
)
from council.models.followups import ANSWERED
from council.personal_data import Redactor
from council.text import normalize
from council.uploads import atomic_with_files
from council.workdays import apply_rule

from .outbox import _office_addresses, mail_suppressed, queue_mail
from .records import record_save

__all__ = [
    "followup_add_evidence",
    "followup_answer",
    "followup_change_due",
    "followup_correct",
    "followup_link_source",
    "followup_note",
    "followup_open",
    "followup_reopen",
    "followup_verify",
    "mail_suppressed",
    "milestone_add",
    "milestone_done",
    "queue_mail",
]

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
    # The agency's own mailbox; its respondents are told by their notice (``followup.opened`` below), by
    # mail at once unless they chose otherwise, so nobody gets the same news twice.
    queue_mail(
        council,
        f"assigned:{followup.pk}",
        agency.email_list,
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
    announce("followup.opened", followup)
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
    FOLLOWUP_WORKFLOW.guard(followup, "answer")
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
    """Record the council's verification: "done" closes the item, any other sends it back unless closed."""
    followup = _lock(followup)
    if outcome not in CouncilStatus.values or outcome == CouncilStatus.OPEN:
        raise ValidationError({"outcome": _("Choose the result of the verification.")})
    FOLLOWUP_WORKFLOW.guard(followup, "verify")
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
    event = _log(
        followup,
        Event.VERIFIED,
        actor=actor,
        text=text,
        outcome=outcome,
        closed=close,
        reason=normalize(reason),
    )
    announce("followup.verified", followup, event=event)
    return event


@transaction.atomic
def followup_reopen(followup: FollowUp, *, actor: User | None, reason: str) -> FollowUpEvent:
    followup = _lock(followup)
    FOLLOWUP_WORKFLOW.guard(followup, "reopen")
    if not normalize(reason):
        raise ValidationError({"reason": _("Say why the item is reopened.")})
    followup.closed_on = None
    followup.council_status = CouncilStatus.OPEN
    followup.agency_status = AgencyStatus.IN_PROGRESS
    record_save(followup, actor=actor, update_fields=["closed_on", "council_status", "agency_status"])
    return _log(followup, Event.REOPENED, actor=actor, text=reason)


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
    record_save(
        followup,
        actor=actor,
        update_fields=["source_type", "source_id", "reference"],
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
