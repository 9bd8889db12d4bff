"""Writes that move a petition from its classification to its end: transferred to an agency (a follow-up),
the answer reviewed, reported at a session, voters informed, concluded."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import CouncilStatus, FollowUp, User
from council.services import (
    followup_link_source,
    followup_open,
    followup_reopen,
    followup_verify,
    record_save,
)
from council.text import normalize
from council.workdays import rule_in_force

from ..models import (
    Competence,
    Petition,
    VoterOpinion,
)
from ..workflows import PETITION_WORKFLOW
from .common import _lock, current_unit
from .petitions import State, petition_create

PETITION_RULE = "petition-answer"


@transaction.atomic
def petition_classify(
    petition: Petition,
    *,
    actor: User | None,
    field,
    competence: str,
    admin_unit=None,
    committee=None,
    agency=None,
    reason: str = "",
) -> Petition:
    petition = _lock(Petition, petition)
    PETITION_WORKFLOW.guard(petition, "classify")
    if competence not in Competence.values:
        raise ValidationError({"competence": _("Choose the level of competence.")})
    if competence != Competence.CENTRAL and agency is None:
        raise ValidationError({"agency": _("Choose the agency responsible for answering.")})
    petition.field, petition.competence, petition.committee, petition.agency = (
        field,
        competence,
        committee,
        agency,
    )
    if admin_unit is not None:
        petition.admin_unit = current_unit(admin_unit)
    petition.state = State.CLASSIFIED
    return record_save(
        petition,
        actor=actor,
        update_fields=["field", "competence", "committee", "agency", "admin_unit", "state"],
        reason=reason,
    )


@transaction.atomic
def petition_transfer(
    petition: Petition,
    *,
    actor: User | None,
    assigned_date: dt.date | None = None,
    due_date: dt.date | None = None,
    override_reason: str = "",
) -> FollowUp | None:
    """Transfer a classified petition to its agency (a follow-up with the rule's deadline); a central matter
    goes to the National Assembly delegation instead."""
    petition = _lock(Petition, petition)
    PETITION_WORKFLOW.guard(petition, "transfer")
    if petition.competence == Competence.CENTRAL:
        petition.state = State.TO_NA_DELEGATION
        record_save(petition, actor=actor, update_fields=["state"])
        return None
    agency = petition.agency
    if agency is None or agency.council_id != petition.council_id:
        raise ValidationError({"agency": _("Choose an agency of this council.")})
    assigned = assigned_date or timezone.localdate()
    rule = rule_in_force(petition.council, PETITION_RULE, assigned)
    followup = followup_open(
        actor=actor,
        council=petition.council,
        source=petition,
        agency=agency,
        title=petition.title,
        description=petition.text,
        field=petition.field,
        assigned_date=assigned,
        rule=rule if (due_date is None or override_reason) else None,
        due_date=due_date,
        override_reason=override_reason,
        reference=petition.code,
    )
    petition.state = State.TRANSFERRED
    record_save(petition, actor=actor, update_fields=["state"])
    return followup


def petition_followup(petition: Petition) -> FollowUp | None:
    return FollowUp.objects.of_sources([petition]).select_related("agency").order_by("-pk").first()


@transaction.atomic
def petition_review(petition: Petition, *, actor: User | None, outcome: str, text: str = "") -> Petition:
    """The lead committee reviews the agency's answer (the council's verification of the follow-up)."""
    petition = _lock(Petition, petition)
    followup = petition_followup(petition)
    PETITION_WORKFLOW.guard(petition, "review")
    if followup is None:
        raise ValidationError(PETITION_WORKFLOW["review"].refusal)
    if not followup.first_answered_on:
        raise ValidationError(_("The agency has not answered yet."))
    followup_verify(followup, actor=actor, outcome=outcome, text=text, close=outcome == CouncilStatus.DONE)
    petition.state = State.REVIEWED
    return record_save(petition, actor=actor, update_fields=["state"])


@transaction.atomic
def petition_report(petition: Petition, *, actor: User | None, session) -> Petition:
    petition = _lock(Petition, petition)
    PETITION_WORKFLOW.guard(petition, "report")
    if session.council_id != petition.council_id:
        raise ValidationError({"session": _("This belongs to another council.")})
    petition.session, petition.state = session, State.REPORTED
    return record_save(petition, actor=actor, update_fields=["session", "state"])


@transaction.atomic
def petition_inform(
    petition: Petition, *, actor: User | None, answer_summary: str, publish: bool
) -> Petition:
    """Voters were informed of the answer; what they were told may be published for the public lookup."""
    petition = _lock(Petition, petition)
    PETITION_WORKFLOW.guard(petition, "inform")
    if publish and not normalize(answer_summary):
        raise ValidationError({"answer_summary": _("Write the answer to publish.")})
    petition.state, petition.answer_summary, petition.published = State.INFORMED, answer_summary, publish
    return record_save(petition, actor=actor, update_fields=["state", "answer_summary", "published"])


@transaction.atomic
def petition_conclude(petition: Petition, *, actor: User | None, outcome: str, roadmap: str = "") -> Petition:
    """Close the petition as resolved, keep it in progress on a roadmap, or keep monitoring it unresolved."""
    petition = _lock(Petition, petition)
    PETITION_WORKFLOW.guard(petition, "conclude")
    if outcome not in (State.CLOSED, State.ROADMAP, State.UNRESOLVED):
        raise ValidationError({"outcome": _("Choose how the petition ends.")})
    if outcome == State.ROADMAP and not normalize(roadmap):
        raise ValidationError({"roadmap": _("Describe the roadmap: what will be done, by when.")})
    followup = petition_followup(petition)
    if outcome == State.UNRESOLVED and followup is not None and not followup.is_open:
        followup_reopen(followup, actor=actor, reason=_("Unresolved petition, monitored again."))
    petition.state, petition.roadmap = outcome, roadmap or petition.roadmap
    return record_save(petition, actor=actor, update_fields=["state", "roadmap"])


@transaction.atomic
def petition_adopt_followup(
    followup: FollowUp, *, actor: User | None, opinions: Iterable[VoterOpinion], title: str = ""
) -> Petition:
    """Register the petition behind a follow-up that was opened before the petition was recorded here
    (carried over from an old register): the petition is recorded as transferred to the follow-up's agency,
    and the follow-up takes its tracking code, the code the public lookup accepts."""
    if followup.source_kind != Petition.FOLLOWUP_SOURCE_KIND or followup.source_id is not None:
        raise ValidationError(_("This follow-up is not a petition waiting for its record."))
    petition = petition_create(
        actor=actor,
        council=followup.council,
        title=title or followup.title,
        text=followup.description,
        opinions=opinions,
        field=followup.field,
        agency=followup.agency,
        competence=Competence.PROVINCE,
        state=State.TRANSFERRED,
    )
    followup_link_source(followup, actor=actor, source=petition, reference=petition.code)
    return petition
