"""What each role sees first: a home page built from the council's own records."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Agency, Committee, Council, DeadlineRule, Field, FollowUp, Holiday, Role, User
from council.permissions import followups_visible_to
from delegates.models import (
    CommitteeMembership,
    Delegate,
    DelegateGroup,
    GroupMeeting,
    GroupMembership,
    Mandate,
    TrainingAttendance,
)
from delegates.selectors import committee_roster, current_term, group_roster, today
from directives.permissions import items_answered_by
from oversight.models import DelegationMember, OversightActivity
from oversight.permissions import headed_committees, sees_whole_council
from oversight.selectors import suggestions
from sessions.models import Interpellation, Speech
from voters.models import Petition, Reception, VoterMeeting, VoterOpinion

from .services import t1_warning
from .whats_next import WhatsNext, whats_next


@dataclass
class HomeSummary:
    term: object = None
    today: dt.date | None = None
    composition: dict = field(default_factory=dict)
    reference_counts: list = field(default_factory=list)
    upcoming_holidays: list = field(default_factory=list)
    own_mandate: Mandate | None = None
    own_groups: list = field(default_factory=list)
    own_committees: list = field(default_factory=list)
    led_groups: list = field(default_factory=list)
    headed_committees: list = field(default_factory=list)
    agencies: list = field(default_factory=list)
    agency_items: list = field(default_factory=list)
    followups: dict = field(default_factory=dict)
    oversight: dict = field(default_factory=dict)
    voters: dict = field(default_factory=dict)
    directive_items: int = 0
    t1_warning: str = ""
    next: WhatsNext = field(default_factory=WhatsNext)


def composition(council: Council, term, on: dt.date) -> dict:
    """Aggregate figures on the term's delegates (no personal data: fit for leadership readers)."""
    figures = (
        Mandate.objects.filter(council=council, term=term)
        .active_on(on)
        .aggregate(
            total=Count("pk"),
            full_time=Count("pk", filter=Q(kind=Mandate.Kind.FULL_TIME)),
            women=Count("pk", filter=Q(delegate__gender=Delegate.Gender.FEMALE)),
            by_election=Count("pk", filter=Q(start_reason=Mandate.StartReason.BY_ELECTION)),
        )
    )
    figures["groups"] = DelegateGroup.objects.filter(council=council, term=term).count()
    return figures


def _own_mandate(user: User, council: Council, term, on: dt.date) -> Mandate | None:
    return (
        Mandate.objects.filter(council=council, term=term, delegate__user=user)
        .select_related("delegate", "constituency", "term")
        .first()
    )


def home_summary(user: User, council: Council, roles: frozenset[str]) -> HomeSummary:
    on = today()
    term = current_term(council, on)
    summary = HomeSummary(term=term, today=on)
    # Whoever answers for items of the leadership's directives sees them first, term or no term.
    summary.directive_items = (
        items_answered_by(user, council).filter(followups__closed_on__isnull=True).distinct().count()
    )
    if term is None:
        return summary
    if roles & {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}:
        summary.composition = composition(council, term, on)
    if roles & {Role.OFFICE, Role.ADMIN}:
        summary.reference_counts = [
            (
                Committee._meta.verbose_name_plural,
                "delegates:committee_list",
                Committee.objects.filter(council=council).count(),
            ),
            (
                Agency._meta.verbose_name_plural,
                "council:agency_list",
                Agency.objects.filter(council=council).count(),
            ),
            (
                Field._meta.verbose_name_plural,
                "council:field_list",
                Field.objects.filter(council=council).count(),
            ),
            (
                DeadlineRule._meta.verbose_name_plural,
                "council:deadline_rule_list",
                DeadlineRule.objects.filter(council=council).count(),
            ),
        ]
        summary.t1_warning = t1_warning(council, on)
        summary.upcoming_holidays = list(
            Holiday.objects.filter(council=council, date__gte=on, kind=Holiday.Kind.HOLIDAY).order_by("date")[
                :5
            ]
        )
    if roles & {Role.DELEGATE, Role.GROUP_LEADER, Role.COMMITTEE_HEAD, Role.STANDING}:
        mandate = _own_mandate(user, council, term, on)
        summary.own_mandate = mandate
        if mandate is not None:
            summary.own_groups = list(
                GroupMembership.objects.filter(mandate=mandate).active_on(on).select_related("group")
            )
            summary.own_committees = list(
                CommitteeMembership.objects.filter(mandate=mandate).active_on(on).select_related("committee")
            )
            if Role.GROUP_LEADER in roles:
                summary.led_groups = [
                    (m.group, group_roster(m.group))
                    for m in summary.own_groups
                    if m.role in (GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY)
                ]
    if Role.COMMITTEE_HEAD in roles:
        committees = Committee.objects.filter(council=council, roleassignment__user=user).distinct()
        summary.headed_committees = [(c, committee_roster(c)) for c in committees]
    if Role.AGENCY in roles:
        summary.agencies = list(Agency.objects.filter(council=council, roleassignment__user=user).distinct())
        summary.agency_items = list(
            followups_visible_to(user, council).open().select_related("agency").order_by("due_date", "pk")[:8]
        )
    if roles & {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP, Role.COMMITTEE_HEAD}:
        summary.followups = followup_overview(council, on)
        summary.oversight = oversight_overview(user, council, on)
    if roles & {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}:
        summary.voters = voters_overview(council)
    summary.next = whats_next(user, council, roles, summary.own_mandate, on)
    return summary


def voters_overview(council: Council) -> dict:
    """What waits in voters' business: opinions to consolidate, petitions to classify, to transfer, whose
    answer is due for review (answered by the agency), and those being re-monitored."""
    State = Petition.State
    counts = Petition.objects.filter(council=council).aggregate(
        to_classify=Count("pk", filter=Q(state=State.RECORDED)),
        to_transfer=Count("pk", filter=Q(state=State.CLASSIFIED)),
        transferred=Count("pk", filter=Q(state=State.TRANSFERRED)),
        unresolved=Count("pk", filter=Q(state=State.UNRESOLVED)),
    )
    counts["opinions"] = VoterOpinion.objects.pending().filter(council=council).count()
    return counts


def oversight_overview(user: User, council: Council, on: dt.date) -> dict:
    """Activities under way, planned and being monitored this year, and the items proposed for the next
    session at the council's threshold; a committee head counts their committee's activities only."""
    State = OversightActivity.State
    activities = OversightActivity.objects.filter(council=council)
    if not sees_whole_council(user, council):
        activities = activities.filter(committee__in=headed_committees(user, council))
    counts = activities.aggregate(
        under_way=Count("pk", filter=~Q(state__in=[State.PLANNED, State.MONITORING, State.CLOSED])),
        planned=Count("pk", filter=Q(state=State.PLANNED, period_start__year=on.year)),
        monitoring=Count("pk", filter=Q(state=State.MONITORING)),
    )
    counts["suggestions"] = len(suggestions(council, today=on, days=council.suggest_after_days))
    return counts


def followup_overview(council: Council, on: dt.date) -> dict:
    """Open, overdue and to-verify counts of the council's follow-ups, each state the ``FollowUpQuerySet``
    method of that name (one query)."""
    followups = FollowUp.objects.all()
    return (
        FollowUp.objects.open()
        .filter(council=council)
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(pk__in=followups.overdue(on).values("pk"))),
            to_verify=Count("pk", filter=Q(pk__in=followups.awaiting_verification().values("pk"))),
            leadership=Count("pk", filter=Q(report_to_leadership=True)),
        )
    )


@dataclass
class Fact:
    label: str
    count: int
    how: str
    items: list = field(default_factory=list)


def mandate_window(mandate: Mandate, year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The part of ``year`` the mandate covers (and no later than today): figures count only inside it."""
    today = today or timezone.localdate()
    start = max(dt.date(year, 1, 1), mandate.start_date)
    end = min(dt.date(year, 12, 31), mandate.end_date or mandate.term.end_date, today)
    return start, end


def delegate_year(mandate: Mandate, year: int, today: dt.date | None = None) -> tuple[tuple, list[Fact]]:
    """A delegate's year from the app's own records, each figure with how it is counted."""
    start, end = mandate_window(mandate, year, today)
    if end < start:
        return (start, end), []
    speeches = Speech.objects.filter(mandate=mandate, sitting__date__range=(start, end))
    contributions = speeches.filter(kind__in=Speech.CONTRIBUTIONS)
    slips = Interpellation.objects.filter(askers=mandate, submitted_on__range=(start, end))
    meetings = VoterMeeting.objects.filter(delegates=mandate, date__range=(start, end))
    receptions = Reception.objects.filter(hosts=mandate, date__range=(start, end))
    oversight = DelegationMember.objects.filter(
        mandate=mandate, activity__period_start__lte=end, activity__period_end__gte=start
    ).select_related("activity")
    trainings = TrainingAttendance.objects.filter(mandate=mandate, course__start_date__range=(start, end))
    group_meetings = GroupMeeting.objects.filter(attendees=mandate, date__range=(start, end))
    facts = [
        Fact(
            _("Contributions at sittings"),
            contributions.count(),
            _(
                "Discussion, debate and interpellation speeches logged at sittings in the period; "
                "presentations and chairing are not counted."
            ),
        ),
        Fact(
            _("Interpellations asked"),
            slips.count(),
            _("Slips the delegate co-signed, by their date of submission."),
        ),
        Fact(
            _("Voter meetings attended"),
            meetings.count(),
            _("Meetings where the delegate is recorded among those present."),
            [
                f"{m.date:%d/%m/%Y} {m.place or m.place_detail or ''}"
                for m in meetings.select_related("place")[:10]
            ],
        ),
        Fact(
            _("Citizen receptions held"),
            receptions.count(),
            _("Receptions where the delegate received citizens."),
        ),
        Fact(
            _("Oversight activities"),
            oversight.count(),
            _("Delegations the delegate served on whose period overlaps the year, whatever the role."),
            [f"{m.activity.title} — {m.get_role_display()}" for m in oversight[:10]],
        ),
        Fact(
            _("Trainings attended"),
            trainings.filter(attended=True).count(),
            _("Courses attended, out of %(invited)s invitations.") % {"invited": trainings.count()},
        ),
        Fact(
            _("Group meetings attended"),
            group_meetings.count(),
            _("The group's own meetings, where present."),
        ),
    ]
    return (start, end), facts
