"""Writes for delegate work: training, group meetings, action programmes and their assessments, the yearly
evaluation, and emulation nominations. Keyword-only, an actor, atomic, validated, with history."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.models import Council, User
from council.services import record_save, record_update
from council.text import normalize
from council.uploads import atomic_with_files, attach_file, replace_file

from ..models import (
    ActionCommitment,
    ActionProgram,
    Assessment,
    Assessor,
    CommitmentAssessment,
    DelegateEvaluation,
    EmulationMovement,
    EvaluationCriterion,
    EvaluationScore,
    GroupMeeting,
    GroupMembership,
    Mandate,
    Nomination,
    Rating,
    TrainingAttendance,
    TrainingCourse,
)

# --- Training -------------------------------------------------------------------------------------------


@atomic_with_files
def course_create(*, actor: User | None, council: Council, upload=None, **data: Any) -> TrainingCourse:
    course = TrainingCourse(council=council, **data)
    attach_file(course, upload, prefix=f"training/{council.pk}")
    return record_save(course, actor=actor)


@atomic_with_files
def course_update(course: TrainingCourse, *, actor: User | None, upload=None, **data: Any) -> TrainingCourse:
    start = data.get("start_date", course.start_date)
    if start != course.start_date:
        outside = [
            a.mandate
            for a in course.attendances.select_related("mandate__delegate")
            if not a.mandate.is_active_on(start)
        ]
        if outside:
            raise ValidationError(
                {
                    "start_date": _(
                        "%(delegate)s, who is invited, holds no mandate on %(date)s; "
                        "withdraw the invitation first."
                    )
                    % {"delegate": outside[0].delegate, "date": f"{start:%d/%m/%Y}"}
                }
            )
        if start > timezone.localdate() and course.attendances.filter(attended=True).exists():
            raise ValidationError(
                {"start_date": _("Attendance is already recorded: the course cannot move to the future.")}
            )
    replace_file(course, upload, prefix=f"training/{course.council_id}", data=data)
    return record_update(course, actor=actor, **data)


@transaction.atomic
def course_invite(course: TrainingCourse, *, actor: User | None, mandates) -> int:
    """Invite delegates (each must hold a mandate on the course's first day); those already invited stay.
    The newly invited hear of it, unless the course is already over (an invitation recorded afterwards)."""
    invited = set(course.attendances.values_list("mandate_id", flat=True))
    added = []
    for mandate in mandates:
        if mandate.pk in invited:
            continue
        record_save(TrainingAttendance(course=course, mandate=mandate), actor=actor)
        invited.add(mandate.pk)
        added.append(mandate)
    if added and course.end_date >= timezone.localdate():
        announce("training.invited", course, mandates=added)
    return len(added)


@transaction.atomic
def attendance_record(
    course: TrainingCourse, *, actor: User | None, attended_ids, notes: dict | None = None
) -> None:
    """Mark who attended (the ticked invitations) and who did not, with a note for absences."""
    if course.start_date > timezone.localdate():
        raise ValidationError(_("Attendance is recorded once the course has begun."))
    attended_ids = {int(pk) for pk in attended_ids}
    notes = notes or {}
    for attendance in course.attendances.all():
        attended = attendance.pk in attended_ids
        note = normalize(notes.get(attendance.pk, attendance.note) or "")
        if attendance.attended != attended or attendance.note != note:
            attendance.attended, attendance.note = attended, note
            record_save(attendance, actor=actor, update_fields=["attended", "note"])


# --- Group meetings ------------------------------------------------------------------------------------


@transaction.atomic
def group_meeting_create(group, *, actor: User | None, attendees=(), **data: Any) -> GroupMeeting:
    meeting = record_save(GroupMeeting(group=group, **data), actor=actor)
    members = set(
        GroupMembership.objects.filter(group=group)
        .active_on(meeting.date)
        .values_list("mandate_id", flat=True)
    )
    strangers = [m for m in attendees if m.pk not in members]
    if strangers:
        raise ValidationError(
            {
                "attendees": _("%(delegate)s was not a member of the group on %(date)s.")
                % {"delegate": strangers[0].delegate, "date": f"{meeting.date:%d/%m/%Y}"}
            }
        )
    meeting.attendees.set(attendees)
    return meeting


# --- Action programmes ---------------------------------------------------------------------------------


@transaction.atomic
def program_save(mandate: Mandate, *, actor: User | None, **data: Any) -> ActionProgram:
    program = ActionProgram.objects.filter(mandate=mandate).first()
    if program is None:
        return record_save(ActionProgram(mandate=mandate, **data), actor=actor)
    return record_update(program, actor=actor, **data)


@transaction.atomic
def commitment_add(program: ActionProgram, *, actor: User | None, **data: Any) -> ActionCommitment:
    data.setdefault("order", program.commitments.count() + 1)
    commitment = ActionCommitment(program=program, **data)
    if not normalize(commitment.text or ""):
        raise ValidationError({"text": _("Write the commitment.")})
    if commitment.field is not None and commitment.field.council_id != program.mandate.council_id:
        raise ValidationError({"field": _("This belongs to another council.")})
    return record_save(commitment, actor=actor)


def assessment_years(mandate: Mandate, today: dt.date | None = None) -> list[int]:
    """The years a commitment can be assessed for: those of the mandate up to this one."""
    today = today or timezone.localdate()
    last = min((mandate.end_date or mandate.term.end_date).year, today.year)
    return list(range(mandate.start_date.year, last + 1))


@transaction.atomic
def commitment_assess(
    commitment: ActionCommitment, *, actor: User | None, year: int, by: str, status: str, evidence: str = ""
) -> CommitmentAssessment:
    """Record or correct a year's assessment of a commitment by the delegate, group or Standing Committee."""
    if by not in Assessor.values:
        raise ValidationError({"by": _("Unknown assessor.")})
    if status not in Assessment.values:
        raise ValidationError({"status": _("Choose kept, in progress or not kept.")})
    if year not in assessment_years(commitment.program.mandate):
        raise ValidationError({"year": _("%(year)s is not a year of this mandate so far.") % {"year": year}})
    if status == Assessment.KEPT and not normalize(evidence):
        raise ValidationError({"evidence": _("Say what shows the commitment was kept.")})
    existing = CommitmentAssessment.objects.filter(commitment=commitment, year=year, by=by).first()
    if existing is None:
        existing = CommitmentAssessment(commitment=commitment, year=year, by=by)
    existing.status, existing.evidence, existing.assessed_by = status, evidence, actor
    existing.assessed_at = timezone.now()
    return record_save(existing, actor=actor)


# --- Evaluation ----------------------------------------------------------------------------------------


@transaction.atomic
def criterion_create(*, actor: User | None, council: Council, **data: Any) -> EvaluationCriterion:
    return record_save(EvaluationCriterion(council=council, **data), actor=actor)


@transaction.atomic
def criterion_update(
    criterion: EvaluationCriterion, *, actor: User | None, **data: Any
) -> EvaluationCriterion:
    """Change a criterion; its scale may not drop below points already given (past evaluations stand)."""
    highest = criterion.evaluationscore_set.order_by("-points").values_list("points", flat=True).first()
    if highest is not None and data.get("max_points", criterion.max_points) < highest:
        raise ValidationError(
            {
                "max_points": _("Evaluations already gave %(points)s points on this criterion.")
                % {"points": highest}
            }
        )
    return record_update(criterion, actor=actor, **data)


@transaction.atomic
def evaluation_open(mandate: Mandate, *, actor: User | None, year: int) -> DelegateEvaluation:
    if DelegateEvaluation.objects.filter(mandate=mandate, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(delegate)s already has an evaluation for %(year)s.")
                % {"delegate": mandate.delegate, "year": year}
            }
        )
    return record_save(DelegateEvaluation(mandate=mandate, year=year), actor=actor)


RATING_FIELDS: dict[str, tuple[str, str]] = {
    Assessor.SELF: ("self_rating", "self_comment"),
    Assessor.GROUP: ("group_rating", "group_comment"),
    Assessor.STANDING: ("standing_rating", "standing_comment"),
}


@transaction.atomic
def evaluation_rate(
    evaluation: DelegateEvaluation,
    *,
    actor: User | None,
    by: str,
    rating: str,
    comment: str = "",
    scores: dict[int, int] | None = None,
) -> DelegateEvaluation:
    """Record one party's rating and its points per criterion (each within the criterion's scale)."""
    if by not in RATING_FIELDS:
        raise ValidationError({"by": _("Unknown assessor.")})
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose a rating.")})
    council = evaluation.mandate.council
    criteria = {c.pk: c for c in EvaluationCriterion.objects.filter(council=council, is_active=True)}
    for criterion_id, points in (scores or {}).items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError(_("Unknown criterion."))
        if points is None:
            continue
        score = EvaluationScore.objects.filter(evaluation=evaluation, criterion=criterion, by=by).first()
        score = score or EvaluationScore(evaluation=evaluation, criterion=criterion, by=by)
        score.points = points
        if not 0 <= points <= criterion.max_points:
            raise ValidationError(
                {
                    "points": _("“%(criterion)s” is scored from 0 to %(max)s.")
                    % {"criterion": criterion, "max": criterion.max_points}
                }
            )
        record_save(score, actor=actor)
    rating_field, comment_field = RATING_FIELDS[by]
    return record_update(evaluation, actor=actor, **{rating_field: rating, comment_field: comment})


# --- Emulation -----------------------------------------------------------------------------------------


@transaction.atomic
def movement_create(*, actor: User | None, council: Council, **data: Any) -> EmulationMovement:
    return record_save(EmulationMovement(council=council, **data), actor=actor)


@transaction.atomic
def nomination_create(movement: EmulationMovement, *, actor: User | None, **data: Any) -> Nomination:
    """Nominate a delegate, group or collective for a year already under way (once per nominee and year)."""
    nomination = Nomination(movement=movement, **data)
    # Only the field the kind of nominee names is kept.
    if nomination.kind != Nomination.Kind.INDIVIDUAL:
        nomination.mandate = None
    if nomination.kind != Nomination.Kind.GROUP:
        nomination.group = None
    if nomination.kind != Nomination.Kind.COLLECTIVE:
        nomination.collective = ""
    year = nomination.year
    if year and year > timezone.localdate().year:
        raise ValidationError({"year": _("A nomination is for a year under way or past.")})
    if nomination.mandate is not None and year:
        mandate = nomination.mandate
        last = (mandate.end_date or mandate.term.end_date).year
        if not mandate.start_date.year <= year <= last:
            raise ValidationError(
                {
                    "year": _("%(delegate)s held no mandate in %(year)s.")
                    % {"delegate": mandate.delegate, "year": year}
                }
            )
    same = movement.nominations.filter(
        year=year,
        kind=nomination.kind,
        mandate=nomination.mandate,
        group=nomination.group,
        collective=nomination.collective,
    )
    if same.exists():
        raise ValidationError(_("This nominee is already nominated for %(year)s.") % {"year": year})
    return record_save(nomination, actor=actor)


@transaction.atomic
def nomination_decide(
    nomination: Nomination,
    *,
    actor: User | None,
    state: str,
    award: str = "",
    decision: str = "",
    decision_date: dt.date | None = None,
    exemplary: bool = False,
) -> Nomination:
    if state == Nomination.State.PROPOSED:
        raise ValidationError({"state": _("Choose commended or not commended.")})
    if state == Nomination.State.COMMENDED and not award:
        raise ValidationError({"award": _("Choose the form of commendation.")})
    if decision_date and decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _("The decision date cannot be in the future.")})
    if exemplary and state != Nomination.State.COMMENDED:
        raise ValidationError({"exemplary": _("Only a commended nominee is introduced as a model.")})
    return record_update(
        nomination,
        actor=actor,
        state=state,
        award=award if state == Nomination.State.COMMENDED else "",
        decision=decision,
        decision_date=decision_date,
        exemplary=exemplary,
    )
