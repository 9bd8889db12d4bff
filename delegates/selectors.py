"""Page-shaped reads for delegates: the directory, profiles and group rosters."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from council.models import Council, Term
from council.models.querysets import active_q
from council.text import fold

from .models import (
    CommitteeMembership,
    Delegate,
    DelegateGroup,
    EmulationMovement,
    GroupMembership,
    Mandate,
    Nomination,
    PartyAssignment,
    PartyDelegationMember,
    PartyFieldReport,
    StandingPosition,
    TrainingCourse,
)
from .periods import ReportPeriod, period_from_code, periods_of_kind


def today() -> dt.date:
    return timezone.localdate()


def current_term(council: Council, on: dt.date | None = None) -> Term | None:
    """The term in force on a date, else the latest one that has started, else the first one."""
    on = on or today()
    terms = Term.objects.filter(council=council)
    return (
        terms.filter(start_date__lte=on, end_date__gte=on).first()
        or terms.filter(start_date__lte=on).order_by("-start_date").first()
        or terms.order_by("start_date").first()
    )


def _rank(*roles: str) -> Case:
    """Order positions by seniority (leader before deputy before member), not alphabetically."""
    return Case(
        *(When(role=role, then=Value(n)) for n, role in enumerate(roles)),
        default=Value(len(roles)),
        output_field=IntegerField(),
    )


def directory_mandates(
    council: Council, term: Term, *, q: str = "", group=None, committee=None, constituency=None
) -> QuerySet[Mandate]:
    """Mandates of a term for the directory, with each delegate's groups and committees prefetched."""
    on = min(max(today(), term.start_date), term.end_date)
    qs = (
        Mandate.objects.filter(council=council, term=term)
        .select_related("delegate", "constituency")
        .prefetch_related(
            Prefetch(
                "group_memberships",
                queryset=GroupMembership.objects.filter(active_q(on)).select_related("group"),
                to_attr="current_groups",
            ),
            Prefetch(
                "committee_memberships",
                queryset=CommitteeMembership.objects.filter(active_q(on)).select_related("committee"),
                to_attr="current_committees",
            ),
        )
        .order_by("delegate__name_folded")
    )
    if q.strip():
        qs = qs.filter(delegate__name_folded__contains=fold(q))
    if group:
        qs = qs.filter(group_memberships__group=group).distinct()
    if committee:
        qs = qs.filter(committee_memberships__committee=committee).distinct()
    if constituency:
        qs = qs.filter(constituency=constituency)
    return qs


def delegate_profile(delegate: Delegate) -> list[Mandate]:
    """The delegate's mandates, newest first, each with its groups, committees and Standing seats."""
    return list(
        delegate.mandates.select_related("term", "constituency")
        .prefetch_related(
            Prefetch("group_memberships", queryset=GroupMembership.objects.select_related("group")),
            Prefetch(
                "committee_memberships", queryset=CommitteeMembership.objects.select_related("committee")
            ),
            "standing_positions",
        )
        .order_by("-term__start_date")
    )


def group_roster(group: DelegateGroup) -> list[GroupMembership]:
    return list(
        group.memberships.select_related("mandate__delegate", "mandate__constituency").order_by(
            F("end_date").asc(nulls_first=True), _rank("leader", "deputy"), "mandate__delegate__name_folded"
        )
    )


def committee_roster(committee) -> list[CommitteeMembership]:
    return list(
        committee.memberships.select_related("mandate__delegate", "mandate__term").order_by(
            F("end_date").asc(nulls_first=True), _rank("head", "deputy"), "mandate__delegate__name_folded"
        )
    )


def standing_roster(council: Council) -> list[StandingPosition]:
    return list(
        StandingPosition.objects.filter(council=council)
        .select_related("mandate__delegate", "mandate__term")
        .order_by(
            "-mandate__term__start_date", F("end_date").asc(nulls_first=True), _rank("chair", "vice_chair")
        )
    )


def course_attendance(course: TrainingCourse) -> dict[str, Any]:
    """A course's invitations (by the delegate's name), how many attended and the rate in per cent (None
    before anyone is invited); one query."""
    attendances = list(
        course.attendances.select_related("mandate__delegate").order_by("mandate__delegate__name_folded")
    )
    attended = sum(1 for a in attendances if a.attended)
    return {
        "attendances": attendances,
        "attended": attended,
        "rate": round(100 * attended / len(attendances)) if attendances else None,
        "started": course.start_date <= today(),
    }


def movement_nominations(movement: EmulationMovement) -> list[Nomination]:
    """A movement's nominations, newest year first, with the nominee; one query."""
    return list(
        movement.nominations.select_related("mandate__delegate", "group").order_by("-year", "state", "pk")
    )


# --- Party delegation -----------------------------------------------------------------------------------


def _position_rank(prefix: str = "") -> Case:
    """Secretary first, then the deputy secretaries, then the members."""
    P = PartyDelegationMember.Position
    return Case(
        When(**{f"{prefix}position": P.SECRETARY}, then=Value(0)),
        When(**{f"{prefix}position": P.DEPUTY}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def party_members(council: Council, on: dt.date) -> list[PartyDelegationMember]:
    """The Party delegation's members on a day, secretary first, then deputies, then members (by name),
    with ``delegate`` and ``term`` loaded and ``current_assignments`` (the fields assigned on that day,
    a list); two queries."""
    return list(
        PartyDelegationMember.objects.filter(council=council)
        .filter(active_q(on))
        .select_related("delegate", "term")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=PartyAssignment.objects.filter(active_q(on)).order_by("start_date", "pk"),
                to_attr="current_assignments",
            )
        )
        .order_by(_position_rank(), "delegate__name_folded", "start_date")
    )


def party_secretary(council: Council, on: dt.date) -> PartyDelegationMember | None:
    """The Party delegation's secretary on a day (with ``delegate``), or None; one query."""
    return (
        PartyDelegationMember.objects.filter(
            council=council, position=PartyDelegationMember.Position.SECRETARY
        )
        .filter(active_q(on))
        .select_related("delegate", "term")
        .order_by("-start_date")
        .first()
    )


def party_field_reports(council: Council, start: dt.date, end: dt.date) -> list[PartyFieldReport]:
    """The field reports for periods lying within ``start``–``end`` (a quarter's reports for a quarter, the
    quarters' and half-years' too for a year), with ``assignment.member.delegate`` and ``submitted_by``
    loaded, ordered by member (secretary first) then field then period; one query."""
    return list(
        PartyFieldReport.objects.filter(council=council, period_start__gte=start, period_end__lte=end)
        .select_related("assignment__member__delegate", "assignment__member__term", "submitted_by")
        .order_by(
            _position_rank("assignment__member__"),
            "assignment__member__delegate__name_folded",
            "assignment__pk",
            "period_start",
            "period_end",
        )
    )


def party_reports_missing(council: Council, period_code: str) -> list[PartyAssignment]:
    """The assignments that report at the period's rhythm (a quarter's: those reporting every quarter),
    ran during at least one day of it, and have no report for it; with ``member.delegate`` loaded; one
    query. A code that names no period (``2026-Q5``) is a ValueError."""
    period = period_from_code(period_code)
    if period is None:
        raise ValueError(f"Not a period code: {period_code!r}")
    return list(
        PartyAssignment.objects.filter(council=council, report_every=period.kind, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .exclude(reports__period=period.code)
        .select_related("member__delegate", "member__term")
        .order_by(_position_rank("member__"), "member__delegate__name_folded", "start_date", "pk")
    )


def party_periods_due(
    assignment: PartyAssignment, today: dt.date, *, ended_only: bool = True
) -> list[ReportPeriod]:
    """The periods at the assignment's rhythm it ran during, oldest first: those over by ``today``, or with
    ``ended_only=False`` those begun."""
    last = min(assignment.end_date or today, today)
    if last < assignment.start_date:
        return []
    periods = periods_of_kind(assignment.report_every, assignment.start_date, last)
    return [p for p in periods if (p.end < today if ended_only else p.start <= today)]


@dataclass
class PartyAssignmentRow:
    assignment: PartyAssignment
    latest: PartyFieldReport | None
    missing: list[ReportPeriod] = field(default_factory=list)


@dataclass
class PartyMemberRow:
    member: PartyDelegationMember
    assignments: list[PartyAssignmentRow] = field(default_factory=list)
    current: bool = True


def party_delegation_page(council: Council, term: Term, today: dt.date) -> list[PartyMemberRow]:
    """A term's Party delegation as its page shows it: the members (current first, then by position and
    name), each assigned field with its latest report and the periods over by today still unreported;
    three queries at any size."""
    members = (
        PartyDelegationMember.objects.filter(council=council, term=term)
        .select_related("delegate", "term")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=PartyAssignment.objects.select_related("policy_field")
                .prefetch_related(
                    Prefetch(
                        "reports", queryset=PartyFieldReport.objects.order_by("-period_start", "-period_end")
                    )
                )
                .order_by("start_date", "pk"),
            )
        )
        .order_by(
            F("end_date").desc(nulls_first=True), _position_rank(), "delegate__name_folded", "start_date"
        )
    )
    rows = []
    for member in members:
        row = PartyMemberRow(member, current=member.end_date is None or member.end_date >= today)
        for assignment in member.assignments.all():
            reports = list(assignment.reports.all())
            reported = {r.period for r in reports}
            missing = [p for p in party_periods_due(assignment, today) if p.code not in reported]
            row.assignments.append(PartyAssignmentRow(assignment, reports[0] if reports else None, missing))
        rows.append(row)
    return rows
