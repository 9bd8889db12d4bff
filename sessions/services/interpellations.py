"""Writes for interpellations: the slip drafted, submitted and assigned, its answer, the delegate's verdict,
the chair's conclusion, and the commitments made in answers (each a follow-up)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.models import Council, User
from council.models.followups import EscalationStep
from council.services import followup_escalation_scheduled, followup_open, record_save
from council.uploads import atomic_with_files, attach_file
from council.workdays import apply_rule, rule_in_force

from ..models import (
    Commitment,
    Interpellation,
    InterpellationAnswer,
)
from ..workflows import INTERPELLATION_WORKFLOW

WRITTEN_ANSWER_RULE = "interpellation-written-answer"


@transaction.atomic
def interpellation_draft(
    *,
    actor: User | None,
    council: Council,
    term,
    askers,
    agency,
    respondent_title: str,
    question: str,
    from_followup=None,
    **data: Any,
) -> Interpellation:
    """Write an interpellation slip (a delegate for themselves, or the Office for delegates). A slip drafted
    from an overdue follow-up moves that item's escalation ladder to the interpellation step."""
    if not askers:
        raise ValidationError({"askers": _("Name at least one delegate who asks.")})
    for mandate in askers:
        if mandate.term_id != term.pk or mandate.council_id != council.pk:
            raise ValidationError(
                {"askers": _("%(delegate)s has no mandate in this term.") % {"delegate": mandate.delegate}}
            )

    slip = record_save(
        Interpellation(
            council=council,
            term=term,
            agency=agency,
            respondent_title=respondent_title,
            question=question,
            created_by=actor,
            **data,
        ),
        actor=actor,
    )
    slip.askers.set(askers)
    if from_followup is not None:
        if from_followup.council_id != council.pk:
            raise ValidationError(_("This belongs to another council."))
        followup_escalation_scheduled(
            from_followup,
            actor=actor,
            step=EscalationStep.INTERPELLATION,
            text=_("Interpellation drafted: %(question)s") % {"question": question[:200]},
        )
    return slip


def _slip(interpellation: Interpellation) -> Interpellation:
    Interpellation.objects.select_for_update().filter(pk=interpellation.pk).values_list(
        "pk", flat=True
    ).first()
    interpellation.refresh_from_db()
    return interpellation


@transaction.atomic
def interpellation_submit(interpellation: Interpellation, *, actor: User | None, on) -> Interpellation:
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "submit")
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    slip.state = Interpellation.State.SUBMITTED
    slip.submitted_on = on
    return record_save(slip, actor=actor, update_fields=["state", "submitted_on"])


@transaction.atomic
def interpellation_assign(interpellation: Interpellation, *, actor: User | None, mode: str) -> Interpellation:
    """Group for an oral answer at the sitting, or assign a written answer due by the rule in force."""
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "assign")
    slip.mode = mode
    fields = ["mode", "state"]
    if mode == Interpellation.Mode.WRITTEN:
        rule = rule_in_force(slip.council, WRITTEN_ANSWER_RULE, slip.submitted_on)
        if rule is None:
            raise ValidationError(
                _("No deadline rule “%(code)s” is in force on %(date)s; add it under deadline rules.")
                % {"code": WRITTEN_ANSWER_RULE, "date": f"{slip.submitted_on:%d/%m/%Y}"}
            )
        slip.rule, slip.answer_due = rule, apply_rule(rule, slip.submitted_on)
        slip.state = Interpellation.State.WRITTEN
        fields += ["rule", "answer_due"]
    else:
        slip.state = Interpellation.State.ORAL
    return record_save(slip, actor=actor, update_fields=fields)


@transaction.atomic
def interpellation_reject(
    interpellation: Interpellation, *, actor: User | None, reason: str
) -> Interpellation:
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "reject")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the interpellation is not accepted.")})
    slip.state = Interpellation.State.REJECTED
    return record_save(slip, actor=actor, update_fields=["state"], reason=reason)


@atomic_with_files
def interpellation_answer(
    interpellation: Interpellation,
    *,
    actor: User | None,
    answered_on,
    answered_by: str,
    text: str,
    upload=None,
) -> InterpellationAnswer:
    """Record an answer (oral at the sitting or the written reply, with its file)."""
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "answer")
    answer = InterpellationAnswer(
        interpellation=slip, answered_on=answered_on, mode=slip.mode, answered_by=answered_by, text=text
    )
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")})
    attach_file(answer, upload, prefix=f"interpellations/{slip.council_id}")
    record_save(answer, actor=actor)
    slip.state = Interpellation.State.ANSWERED
    record_save(slip, actor=actor, update_fields=["state"])
    announce("interpellation.answered", slip, answer=answer)
    return answer


@transaction.atomic
def interpellation_assess(
    interpellation: Interpellation, *, actor: User | None, satisfaction: str
) -> Interpellation:
    """The asking delegate's verdict on the answer; an unsatisfied one disputes it."""
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "assess")
    slip.satisfaction = satisfaction
    # Only a fully satisfied delegate accepts; a partly satisfied one still disputes the answer.
    slip.state = (
        Interpellation.State.ACCEPTED
        if satisfaction == Interpellation.Satisfaction.SATISFIED
        else Interpellation.State.DISPUTED
    )
    return record_save(slip, actor=actor, update_fields=["satisfaction", "state"])


@transaction.atomic
def interpellation_conclude(
    interpellation: Interpellation, *, actor: User | None, conclusion: str
) -> Interpellation:
    slip = _slip(interpellation)
    INTERPELLATION_WORKFLOW.guard(slip, "conclude")
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the chair's conclusion.")})
    slip.conclusion = conclusion
    slip.state = Interpellation.State.CONCLUDED
    return record_save(slip, actor=actor, update_fields=["conclusion", "state"])


@transaction.atomic
def commitment_add(
    interpellation: Interpellation, *, actor: User | None, text: str, due_date, agency=None
) -> Commitment:
    """Record a promise made in an answer and open its follow-up with the responding agency."""
    slip = _slip(interpellation)
    if not slip.answers.exists():
        raise ValidationError(_("A commitment is made in an answer: record the answer first."))
    commitment = record_save(Commitment(interpellation=slip, text=text), actor=actor)
    last_answer = slip.answers.order_by("-answered_on", "-pk").first()
    followup_open(
        actor=actor,
        council=slip.council,
        source=commitment,
        agency=agency or slip.agency,
        title=text[:300],
        description=_("Commitment of %(who)s in answer to the interpellation: %(question)s")
        % {"who": slip.respondent_title, "question": slip.question},
        assigned_date=last_answer.answered_on,
        due_date=due_date,
        field=slip.field,
    )
    return commitment
