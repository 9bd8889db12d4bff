"""Reads for oversight pages: the programme by month, an activity's timeline, suggestions for the session."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import CouncilStatus, FollowUp, FollowUpEvent, SourceKind
from council.models.followups import ESCALATION_LADDER, EscalationStep

from .models import Accountability, OversightActivity, Recommendation, StudyTrip, StudyTripFollowUp

TROUBLED = (CouncilStatus.UNSATISFACTORY, CouncilStatus.NOT_DONE)
# The three steps the suggestions page proposes, in the order of the escalation ladder.
SESSION_STEPS = (
    EscalationStep.EXPLANATION_SESSION,
    EscalationStep.INTERPELLATION,
    EscalationStep.RE_OVERSIGHT,
)


def programme_by_month(activities) -> list[tuple[dt.date, list[OversightActivity]]]:
    """Activities grouped by the month they start in, months in order."""
    months: dict[dt.date, list[OversightActivity]] = {}
    for activity in sorted(activities, key=lambda a: (a.period_start, a.pk)):
        months.setdefault(activity.period_start.replace(day=1), []).append(activity)
    return sorted(months.items())


@dataclass
class TimelineEntry:
    date: dt.date
    label: str
    detail: str = ""


def activity_timeline(
    activity: OversightActivity, *, surveys, documents, recommendations
) -> list[TimelineEntry]:
    """What happened to the activity, oldest first: each change of state, survey, document, recommendation."""
    entries = []
    previous = None
    for record in activity.history.order_by("history_date", "history_id").only(
        "state", "history_date", "decision", "decision_date"
    ):
        if record.state != previous:
            detail = ""
            when = timezone.localtime(record.history_date).date()
            if record.state == OversightActivity.State.ESTABLISHED and record.decision:
                detail = _("Decision %(decision)s") % {"decision": record.decision}
                when = record.decision_date or when  # the day the delegation was set up, not the day typed in
            entries.append(TimelineEntry(when, str(OversightActivity.State(record.state).label), detail))
            previous = record.state
    entries += [TimelineEntry(s.date, _("Survey visit"), str(s)) for s in surveys]
    entries += [TimelineEntry(d.issued_on, d.get_kind_display(), d.title) for d in documents]
    entries += [
        TimelineEntry(f.assigned_date, _("Recommendation to %(agency)s") % {"agency": f.agency}, r.text[:120])
        for r, f in recommendations
        if f is not None
    ]
    return sorted(entries, key=lambda e: e.date)


@dataclass
class Suggestion:
    followup: FollowUp
    days_overdue: int
    proposed: EscalationStep
    activity: OversightActivity | None = None
    scheduled: list[str] = field(default_factory=list)


# What the next session is asked to take up when it is late or judged unsatisfactory: the council's own
# demands on agencies (recommendations, commitments, resolution tasks) and voters' petitions.
SUGGESTED_SOURCES = (
    SourceKind.RECOMMENDATION,
    SourceKind.COMMITMENT,
    SourceKind.RESOLUTION_TASK,
    SourceKind.PETITION,
)


def suggestions(council, *, today: dt.date, days: int) -> list[Suggestion]:
    """Open recommendations, commitments, resolution tasks and petitions at least ``days`` past due, or
    judged unsatisfactory or not done, each with the step of the ladder to propose next: explanation
    session, interpellation, re-oversight (only for a recommendation, which has an activity to go back to)."""
    threshold = today - dt.timedelta(days=days)
    followups = list(
        FollowUp.objects.filter(
            council=council,
            closed_on__isnull=True,
            source_kind__in=SUGGESTED_SOURCES,
        )
        .filter(Q(due_date__lte=threshold) | Q(council_status__in=TROUBLED))
        .select_related("agency", "source_type")
        .order_by("due_date", "pk")
    )
    recommendation_ids = [f.source_id for f in followups if _from_recommendation(f)]
    activities = {
        r.pk: r.activity
        for r in Recommendation.objects.filter(pk__in=recommendation_ids).select_related("activity")
    }
    scheduled: dict[int, list[str]] = {}
    for session in Accountability.objects.filter(from_followup__in=followups).order_by("date"):
        scheduled.setdefault(session.from_followup_id, []).append(
            f"{session.get_kind_display()} {session.date:%d/%m/%Y}"
        )
    # Interpellations drafted and re-oversights opened from an item are logged as escalation events.
    events = FollowUpEvent.objects.filter(
        followup__in=followups,
        kind=FollowUpEvent.Kind.ESCALATED,
        data__step__in=[EscalationStep.INTERPELLATION, EscalationStep.RE_OVERSIGHT],
    ).order_by("at")
    for event in events:
        label = EscalationStep(event.data["step"]).label
        scheduled.setdefault(event.followup_id, []).append(f"{label} {timezone.localtime(event.at):%d/%m/%Y}")
    result = []
    for followup in followups:
        activity = activities.get(followup.source_id) if _from_recommendation(followup) else None
        result.append(
            Suggestion(
                followup=followup,
                days_overdue=max((today - followup.due_date).days, 0),
                proposed=_proposed_step(followup, activity),
                activity=activity,
                scheduled=scheduled.get(followup.pk, []),
            )
        )
    result.sort(key=lambda s: (-s.days_overdue, s.followup.pk))
    return result


def _from_recommendation(followup: FollowUp) -> bool:
    """Whether the item comes from an activity's recommendation (an item typed in by hand has no source)."""
    return followup.source_type_id is not None and followup.source_type.model == "recommendation"


def _proposed_step(followup: FollowUp, activity: OversightActivity | None) -> EscalationStep:
    """The first of the session steps the item has not reached yet (a re-oversight needs an activity)."""
    for step in SESSION_STEPS:
        if followup.escalation_level <= ESCALATION_LADDER.index(step):
            if step == EscalationStep.RE_OVERSIGHT and activity is None:
                break
            return step
    return EscalationStep.REPORT_SESSION


def activity_record(activity: OversightActivity) -> dict:
    """What an activity's page shows of its sections: the delegation, the field surveys, the documents, each
    recommendation with its follow-up (and those carried over from an earlier activity), the re-oversights,
    the resolutions and agencies covered, and the timeline of it all (eleven queries, whatever the size)."""
    recommendations = list(activity.recommendations.select_related("carried_from"))
    followups = FollowUp.objects.select_related("agency").by_source(recommendations)
    surveys = list(activity.surveys.select_related("place").prefetch_related("agencies"))
    documents = list(activity.documents.select_related("agency"))
    pairs = [(r, followups.get(r.pk)) for r in recommendations]
    return {
        "members": list(activity.members.select_related("mandate__delegate")),
        "surveys": surveys,
        "documents": documents,
        "recommendations": pairs,
        "carried": [r for r in recommendations if r.carried_from_id],
        "re_oversights": list(activity.re_oversights.all()),
        "covered_resolutions": list(activity.resolutions.all()),
        "overseen_agencies": list(activity.agencies.all()),
        "timeline": activity_timeline(activity, surveys=surveys, documents=documents, recommendations=pairs),
    }


# --- Study and exchange trips ---------------------------------------------------------------------------


@dataclass
class TripItem:
    """A thing to do after a trip, with its follow-up (which says whether and when it was done)."""

    item: StudyTripFollowUp
    followup: FollowUp | None

    @property
    def done_on(self) -> dt.date | None:
        if self.followup is None or self.followup.council_status != CouncilStatus.DONE:
            return None
        return self.followup.closed_on


def study_trip_items(trip: StudyTrip) -> list[TripItem]:
    """A trip's follow-up items with their follow-ups (two queries)."""
    items = list(trip.followup_items.select_related("committee"))
    followups = FollowUp.objects.select_related("agency").by_source(items)
    return [TripItem(item, followups.get(item.pk)) for item in items]


def study_trips_in(council, start: dt.date, end: dt.date) -> list[StudyTrip]:
    """The council's study and exchange trips that took place (at least partly) between ``start`` and
    ``end``, oldest first, each with its participants and its follow-up items as ``trip.items`` (a list
    of ``TripItem``): four queries whatever the number of trips, for the periodic reports."""
    trips = list(
        StudyTrip.objects.filter(council=council, start_date__lte=end, end_date__gte=start)
        .prefetch_related("participants", "followup_items__committee")
        .order_by("start_date", "pk")
    )
    items = [item for trip in trips for item in trip.followup_items.all()]
    followups = FollowUp.objects.by_source(items) if items else {}
    for trip in trips:
        trip.items = [  # type: ignore[attr-defined]
            TripItem(item, followups.get(item.pk)) for item in trip.followup_items.all()
        ]
    return trips
