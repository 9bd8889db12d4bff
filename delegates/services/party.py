"""Writes for the Party delegation: its members in a term, their assigned fields, and the periodic field
reports (by the member, or by the Office on their behalf). Keyword-only, an actor, atomic, validated, with
history; a refused change writes nothing."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, Term, User
from council.services import assign_fields, record_save
from council.services.records import full_clean_known_relations
from council.uploads import atomic_with_files, attach_file

from ..models import PartyAssignment, PartyDelegationMember, PartyFieldReport
from ..periods import period_from_code
from ..permissions import can_submit_party_report

Position = PartyDelegationMember.Position


def _span(record) -> str:
    until = f"{record.end_date:%d/%m/%Y}" if record.end_date else "…"
    return f"{record.start_date:%d/%m/%Y} – {until}"


def _check_member(member: PartyDelegationMember) -> None:
    """One seat at a time per person, and one secretary at a time per council (dates overlapping)."""
    # Serialise the writes of a term's delegation, so two clerks cannot seat two secretaries at once.
    Term.objects.select_for_update().filter(pk=member.term_id).first()
    others = (
        PartyDelegationMember.objects.filter(council_id=member.council_id)
        .exclude(pk=member.pk)
        .select_related("delegate")
    )
    for other in others.filter(delegate_id=member.delegate_id):
        if member.overlaps(other):
            raise ValidationError(
                {
                    "delegate": _(
                        "%(delegate)s is already in the Party delegation for overlapping dates "
                        "(%(position)s, %(span)s)."
                    )
                    % {
                        "delegate": other.delegate,
                        "position": other.get_position_display(),
                        "span": _span(other),
                    }
                }
            )
    if member.position == Position.SECRETARY:
        for other in others.filter(position=Position.SECRETARY):
            if member.overlaps(other):
                raise ValidationError(
                    {
                        "position": _(
                            "The Party delegation already has a secretary for these dates: %(delegate)s "
                            "(%(span)s). End that position first."
                        )
                        % {"delegate": other.delegate, "span": _span(other)}
                    }
                )


def _check_assignments_fit(member: PartyDelegationMember) -> None:
    """Refuse to move a member's dates so that one of their assignments falls outside them."""
    if member.pk is None:
        return
    last = member.end_date or member.term.end_date
    for assignment in member.assignments.all():
        end = assignment.end_date or last
        if assignment.start_date < member.start_date or end > last:
            name = "end_date" if assignment.start_date >= member.start_date else "start_date"
            raise ValidationError(
                {
                    name: _(
                        "The assignment “%(area)s” (%(span)s) falls outside these dates; "
                        "end or change it first."
                    )
                    % {"area": assignment.area, "span": _span(assignment)}
                }
            )


@transaction.atomic
def party_member_create(
    *, actor: User | None, council: Council, term: Term, **data: Any
) -> PartyDelegationMember:
    """Seat a delegate of the council in the term's Party delegation."""
    member = PartyDelegationMember(council=council, term=term, **data)
    full_clean_known_relations(member)
    _check_member(member)
    return record_save(member, actor=actor)


@transaction.atomic
def party_member_update(
    member: PartyDelegationMember, *, actor: User | None, **data: Any
) -> PartyDelegationMember:
    """Change a member's position, dates or decision (the term stays)."""
    data.pop("term", None)
    data.pop("council", None)
    changed = assign_fields(member, data)
    if not changed:
        return member
    full_clean_known_relations(member)
    _check_member(member)
    _check_assignments_fit(member)
    record_save(member, actor=actor, update_fields=changed)
    _close_assignments(member, member.assignments.all(), actor=actor)
    return member


@transaction.atomic
def party_member_end(
    member: PartyDelegationMember, *, actor: User | None, end_date: dt.date
) -> PartyDelegationMember:
    """End a membership on a date; its assignments still open end on the same day."""
    member = (
        PartyDelegationMember.objects.select_for_update().select_related("term", "delegate").get(pk=member.pk)
    )
    if member.end_date is not None:
        raise ValidationError(_("This membership has already ended."))
    member.end_date = end_date
    full_clean_known_relations(member)
    assignments = list(member.assignments.all())
    for assignment in assignments:
        if assignment.start_date > end_date:
            raise ValidationError(
                {
                    "end_date": _("The assignment “%(area)s” starts on %(date)s, after this date.")
                    % {"area": assignment.area, "date": f"{assignment.start_date:%d/%m/%Y}"}
                }
            )
    _close_assignments(member, assignments, actor=actor)
    return record_save(member, actor=actor, update_fields=["end_date"])


def _close_assignments(member: PartyDelegationMember, assignments, *, actor: User | None) -> None:
    """An assignment never outlives its membership: those still open end with it."""
    if member.end_date is None:
        return
    for assignment in assignments:
        if assignment.end_date is None or assignment.end_date > member.end_date:
            assignment.end_date = member.end_date
            assignment.member = member
            record_save(assignment, actor=actor, update_fields=["end_date"])


@transaction.atomic
def party_assignment_add(
    member: PartyDelegationMember, *, actor: User | None, **data: Any
) -> PartyAssignment:
    """Assign a field for the member to follow and report on."""
    if not data.get("start_date"):
        data["start_date"] = member.start_date
    if member.end_date and not data.get("end_date"):
        data["end_date"] = member.end_date  # the field is followed while the member sits, no longer
    return record_save(PartyAssignment(council_id=member.council_id, member=member, **data), actor=actor)


def _check_reports_fit(assignment: PartyAssignment) -> None:
    for report in assignment.reports.all():
        period = period_from_code(report.period)
        if period is not None and period.kind != assignment.report_every:
            raise ValidationError(
                {"report_every": _("Reports were already submitted at the former rhythm: it cannot change.")}
            )
        if not assignment.is_active_during(report.period_start, report.period_end):
            raise ValidationError(
                {
                    "end_date": _("A report for %(period)s was already submitted: the dates must cover it.")
                    % {"period": report.period_label}
                }
            )


@transaction.atomic
def party_assignment_update(
    assignment: PartyAssignment, *, actor: User | None, **data: Any
) -> PartyAssignment:
    data.pop("member", None)
    data.pop("council", None)
    if "start_date" in data and not data["start_date"]:
        data["start_date"] = assignment.member.start_date
    changed = assign_fields(assignment, data)
    if not changed:
        return assignment
    full_clean_known_relations(assignment)
    _check_reports_fit(assignment)
    return record_save(assignment, actor=actor, update_fields=changed)


@transaction.atomic
def party_assignment_end(
    assignment: PartyAssignment, *, actor: User | None, end_date: dt.date
) -> PartyAssignment:
    if assignment.end_date is not None:
        raise ValidationError(_("This assignment has already ended."))
    assignment.end_date = end_date
    full_clean_known_relations(assignment)
    _check_reports_fit(assignment)
    return record_save(assignment, actor=actor, update_fields=["end_date"])


@atomic_with_files
def party_report_submit(
    assignment: PartyAssignment,
    *,
    actor: User,
    period: str,
    summary: str,
    submitted_on: dt.date | None = None,
    upload=None,
) -> PartyFieldReport:
    """Record the member's report on their field for a period, sent by the member themselves or entered by
    the Office on their behalf; one report per assignment and period."""
    if not can_submit_party_report(actor, assignment):
        raise ValidationError(_("Only the member assigned this field, or the Office, reports on it."))
    # Serialise submissions for the assignment: the second of two at once sees the first.
    PartyAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
    report = PartyFieldReport(
        council_id=assignment.council_id,
        assignment=assignment,
        period=(period or "").strip().upper(),
        summary=summary,
        submitted_on=submitted_on or timezone.localdate(),
        submitted_by=actor,
    )
    existing = PartyFieldReport.objects.filter(assignment=assignment, period=report.period).first()
    if existing is not None:
        raise ValidationError(
            {
                "period": _("The report for %(period)s was already submitted on %(date)s.")
                % {"period": existing.period_label, "date": f"{existing.submitted_on:%d/%m/%Y}"}
            }
        )
    attach_file(report, upload, prefix=f"party/{assignment.council_id}")
    return record_save(report, actor=actor)


__all__ = [
    "party_assignment_add",
    "party_assignment_end",
    "party_assignment_update",
    "party_member_create",
    "party_member_end",
    "party_member_update",
    "party_report_submit",
]
