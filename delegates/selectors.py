"""Page-shaped reads for delegates: the directory, profiles and group rosters."""

import datetime as dt
from typing import Any

from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
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
    StandingPosition,
    TrainingCourse,
)


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
