"""Writes for oversight: the workflow of an activity, its delegation, surveys and recommendations."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.models import Agency, Council, CouncilStatus, FollowUp, User
from council.models.followups import EscalationStep
from council.services import (
    followup_escalation_scheduled,
    followup_open,
    followup_verify,
    record_save,
    record_update,
)
from council.uploads import atomic_with_files, attach_file, replace_file
from council.workdays import rule_in_force

from .models import (
    Accountability,
    AccountabilityConclusion,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    StudyTrip,
    StudyTripFollowUp,
    SurveyVisit,
)
from .workflows import OVERSIGHT_WORKFLOW

RECOMMENDATION_RULE = "oversight-recommendation-answer"
State = OversightActivity.State


@transaction.atomic
def program_create(*, actor: User | None, council: Council, **data: Any) -> OversightProgram:
    return record_save(OversightProgram(council=council, **data), actor=actor)


@transaction.atomic
def activity_create(
    *, actor: User | None, council: Council, agencies=(), resolutions=(), **data: Any
) -> OversightActivity:
    activity = record_save(OversightActivity(council=council, **data), actor=actor)
    activity.agencies.set(agencies)
    activity.resolutions.set(resolutions)
    return activity


@transaction.atomic
def activity_update(
    activity: OversightActivity, *, actor: User | None, agencies=None, resolutions=None, **data: Any
) -> OversightActivity:
    record_update(activity, actor=actor, **data)
    outside = activity.surveys.exclude(date__range=(activity.period_start, activity.period_end)).order_by(
        "date"
    )
    if outside.exists():
        raise ValidationError(
            {
                "period_start": _("The survey of %(date)s would fall outside the period; change it first.")
                % {"date": f"{outside.first().date:%d/%m/%Y}"}
            }
        )
    if agencies is not None:
        activity.agencies.set(agencies)
    if resolutions is not None:
        activity.resolutions.set(resolutions)
    return activity


def _lock(activity: OversightActivity) -> OversightActivity:
    OversightActivity.objects.select_for_update().filter(pk=activity.pk).values_list("pk", flat=True).first()
    activity.refresh_from_db()
    return activity


def allowed_next(activity: OversightActivity) -> list[str]:
    """The states the activity may move to now (oversight/workflows.py): the next step, or monitoring or
    closing once reported."""
    return OVERSIGHT_WORKFLOW.targets(activity)


@transaction.atomic
def activity_advance(
    activity: OversightActivity,
    *,
    actor: User | None,
    to: str,
    decision: str = "",
    decision_date: dt.date | None = None,
) -> OversightActivity:
    """Move the activity one step along the workflow, with the guard each step needs."""
    activity = _lock(activity)
    OVERSIGHT_WORKFLOW.guard_move(activity, to)
    fields = ["state"]
    if to == State.ESTABLISHED:
        if not decision.strip() or decision_date is None:
            raise ValidationError(
                {"decision": _("Give the number and date of the decision establishing the delegation.")}
            )
        if not activity.members.filter(role=DelegationMember.Role.HEAD).exists():
            raise ValidationError(_("Name the head of the delegation first."))
        activity.decision, activity.decision_date = decision, decision_date
        fields += ["decision", "decision_date"]
    if to == State.CLOSED:
        open_items = FollowUp.objects.of_sources(activity.recommendations.all()).open().count()
        if open_items:
            raise ValidationError(
                _("%(count)s recommendation(s) are still followed up; close them or keep monitoring.")
                % {"count": open_items}
            )
    activity.state = to
    return record_save(activity, actor=actor, update_fields=fields)


@transaction.atomic
def member_add(
    activity: OversightActivity, *, actor: User | None, role: str, mandate=None, outside_member: str = ""
) -> DelegationMember:
    if role == DelegationMember.Role.HEAD and activity.members.filter(role=role).exists():
        raise ValidationError({"role": _("The delegation already has a head.")})
    if mandate is not None and activity.members.filter(mandate=mandate).exists():
        raise ValidationError({"mandate": _("This delegate is already a member of the delegation.")})
    member = record_save(
        DelegationMember(activity=activity, mandate=mandate, outside_member=outside_member, role=role),
        actor=actor,
    )
    if mandate is not None and activity.state != State.CLOSED:
        announce("oversight.member_added", activity, mandate=mandate)
    return member


@transaction.atomic
def survey_add(activity: OversightActivity, *, actor: User | None, agencies=(), **data: Any) -> SurveyVisit:
    survey = record_save(SurveyVisit(activity=activity, **data), actor=actor)
    survey.agencies.set(agencies)
    return survey


@atomic_with_files
def document_add(
    activity: OversightActivity, *, actor: User | None, upload=None, **data: Any
) -> ActivityDocument:
    """File a document of the activity (plan, outline, agency's report, final report) in private storage."""
    document = ActivityDocument(activity=activity, **data)
    attach_file(document, upload, prefix=f"oversight/{activity.council_id}")
    return record_save(document, actor=actor)


@transaction.atomic
def recommendation_add(
    activity: OversightActivity,
    *,
    actor: User | None,
    text: str,
    agency,
    assigned_date: dt.date | None = None,
    due_date: dt.date | None = None,
    conclusion: str = "",
    report_to_leadership: bool = False,
    override_reason: str = "",
) -> Recommendation:
    """Record a recommendation and open its follow-up; the due date comes from the rule unless given."""
    assigned = assigned_date or timezone.localdate()
    recommendation = record_save(
        Recommendation(activity=activity, text=text, conclusion=conclusion), actor=actor
    )
    rule = rule_in_force(activity.council, RECOMMENDATION_RULE, assigned)
    followup_open(
        actor=actor,
        council=activity.council,
        source=recommendation,
        agency=agency,
        title=text[:300],
        description=_("Recommendation of the oversight “%(activity)s”: %(text)s")
        % {"activity": activity.title, "text": text},
        assigned_date=assigned,
        rule=rule if due_date is None else (rule if override_reason else None),
        due_date=due_date,
        override_reason=override_reason,
        report_to_leadership=report_to_leadership,
        reference=f"KNGS-{assigned:%Y}-{recommendation.pk:04d}",
    )
    return recommendation


def unresolved_recommendations(activity: OversightActivity) -> list[Recommendation]:
    """Recommendations whose follow-up is still open, or was closed as not done."""
    recommendations = list(activity.recommendations.all())
    followups = FollowUp.objects.by_source(recommendations)
    unresolved = []
    for recommendation in recommendations:
        followup = followups.get(recommendation.pk)
        if followup is None or followup.is_open or followup.council_status != CouncilStatus.DONE:
            unresolved.append(recommendation)
    return unresolved


@transaction.atomic
def re_oversight_open(
    parent: OversightActivity,
    *,
    actor: User | None,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    **data: Any,
) -> OversightActivity:
    """Open a re-oversight of an earlier activity, listing its unresolved recommendations to check."""
    running = parent.re_oversights.exclude(state=State.CLOSED).first()
    if running is not None:
        raise ValidationError(
            _("A re-oversight of this activity is already under way: “%(title)s”.") % {"title": running.title}
        )
    activity = record_save(
        OversightActivity(
            council=parent.council,
            kind=OversightActivity.Kind.RE_OVERSIGHT,
            parent=parent,
            title=title,
            period_start=period_start,
            period_end=period_end,
            lead_body=data.pop("lead_body", parent.lead_body),
            committee=data.pop("committee", parent.committee),
            group=data.pop("group", parent.group),
            **data,
        ),
        actor=actor,
    )
    activity.agencies.set(parent.agencies.all())
    for earlier in unresolved_recommendations(parent):
        record_save(
            Recommendation(
                activity=activity, text=earlier.text, conclusion=earlier.conclusion, carried_from=earlier
            ),
            actor=actor,
        )
        followup = earlier.followups.filter(closed_on__isnull=True).first()
        if followup is not None:
            followup_escalation_scheduled(
                followup,
                actor=actor,
                step=EscalationStep.RE_OVERSIGHT,
                text=_("Re-oversight opened: %(title)s") % {"title": title},
            )
    return activity


@transaction.atomic
def carried_assess(recommendation: Recommendation, *, actor: User | None, fulfilled: bool) -> Recommendation:
    """Say, in the re-oversight, whether an earlier recommendation was since fulfilled."""
    if recommendation.carried_from_id is None:
        raise ValidationError(
            _("Only a recommendation carried over from an earlier oversight is assessed this way.")
        )
    recommendation.fulfilled_since = fulfilled
    return record_save(recommendation, actor=actor, update_fields=["fulfilled_since"])


@transaction.atomic
def accountability_create(
    *, actor: User | None, council: Council, agencies=(), **data: Any
) -> Accountability:
    session = record_save(Accountability(council=council, **data), actor=actor)
    session.agencies.set(agencies)
    if session.from_followup_id:
        if session.from_followup.council_id != council.pk:
            raise ValidationError({"from_followup": _("This belongs to another council.")})
        followup_escalation_scheduled(
            session.from_followup,
            actor=actor,
            step=EscalationStep.EXPLANATION_SESSION,
            text=_("%(kind)s scheduled on %(date)s: %(topic)s")
            % {
                "kind": session.get_kind_display(),
                "date": f"{session.date:%d/%m/%Y}",
                "topic": session.topic,
            },
        )
    if session.date >= timezone.localdate():
        announce("accountability.scheduled", session)
    return session


@transaction.atomic
def accountability_update(
    session: Accountability, *, actor: User | None, agencies=None, **data: Any
) -> Accountability:
    data.pop("from_followup", None)  # Where a session came from is fixed when it is scheduled.
    record_update(session, actor=actor, **data)
    if agencies is not None:
        session.agencies.set(agencies)
    return session


def accountability_draft_from(followup: FollowUp, *, kind: str) -> dict:
    """The pre-filled fields of an explanation session or hearing proposed by the escalation ladder."""
    return {
        "kind": kind,
        "topic": followup.title,
        "body": Accountability.Body.STANDING,
        "summoned": followup.agency.head_title or str(followup.agency),
        "from_followup": followup,
        "agencies": [followup.agency],
    }


@transaction.atomic
def accountability_conclude(
    session: Accountability, *, actor: User | None, text: str, agency, due_date: dt.date
) -> AccountabilityConclusion:
    """Record a conclusion and follow it up with the agency that must act on it."""
    conclusion = record_save(AccountabilityConclusion(session=session, text=text), actor=actor)
    followup_open(
        actor=actor,
        council=session.council,
        source=conclusion,
        agency=agency,
        title=text[:300],
        description=_("Conclusion of the %(kind)s “%(topic)s”: %(text)s")
        % {"kind": session.get_kind_display().lower(), "topic": session.topic, "text": text},
        assigned_date=session.date,
        due_date=due_date,
        reference=f"KLGT-{session.date:%Y}-{conclusion.pk:04d}",
    )
    return conclusion


@transaction.atomic
def suggest_after_days_set(council: Council, *, actor: User | None, days: int) -> Council:
    """Change how many days past due an item must be before it is proposed for the next session."""
    if not 0 <= days <= 365:
        raise ValidationError({"days": _("Give a number of days between 0 and 365.")})
    council.suggest_after_days = days
    return record_save(council, actor=actor, update_fields=["suggest_after_days"])


# --- Study and exchange trips ---------------------------------------------------------------------------


def _participants_checked(council: Council, participants) -> list:
    participants = list(participants)
    if any(d.council_id != council.pk for d in participants):
        raise ValidationError({"participants": _("This belongs to another council.")})
    return participants


@atomic_with_files
def study_trip_create(
    *, actor: User | None, council: Council, participants=(), upload=None, **data: Any
) -> StudyTrip:
    """Record a study and exchange trip, its delegates and, if given, its report file."""
    participants = _participants_checked(council, participants)
    trip = StudyTrip(council=council, created_by=actor, **data)
    attach_file(trip, upload, prefix=f"study-trips/{council.pk}")
    record_save(trip, actor=actor)
    trip.participants.set(participants)
    return trip


@atomic_with_files
def study_trip_update(
    trip: StudyTrip, *, actor: User | None, participants=None, upload=None, **data: Any
) -> StudyTrip:
    if participants is not None:
        participants = _participants_checked(trip.council, participants)
    replace_file(trip, upload, prefix=f"study-trips/{trip.council_id}", data=data)
    record_update(trip, actor=actor, **data)
    if participants is not None:
        trip.participants.set(participants)
    return trip


def _trip_body(item: StudyTripFollowUp, *, actor: User | None) -> Agency:
    """The follow-up spine addresses an agency: the committee, the body named or the Office stands in as
    one (inactive, so it is never offered where petitions or recommendations are addressed), as for
    directive items."""
    council = item.trip.council
    if item.committee_id:
        name, kind = str(item.committee), Agency.Kind.COUNCIL_BODY
    elif item.responsible.strip():
        name, kind = item.responsible.strip(), Agency.Kind.COUNCIL_BODY
    else:
        name = str(_("Office of the National Assembly delegation and People's Council"))
        kind = Agency.Kind.COUNCIL_OFFICE
    name = name[:200]
    body = Agency.objects.filter(council=council, name=name).first()
    if body is None:
        body = record_save(Agency(council=council, name=name, kind=kind, is_active=False), actor=actor)
    return body


@transaction.atomic
def study_trip_followup_add(
    trip: StudyTrip,
    *,
    actor: User | None,
    text: str,
    due_date: dt.date,
    committee=None,
    responsible: str = "",
) -> StudyTripFollowUp:
    """Add something to do after the trip and track it on the follow-up spine until it is done."""
    item = record_save(
        StudyTripFollowUp(
            trip=trip, text=text, committee=committee, responsible=responsible, due_date=due_date
        ),
        actor=actor,
    )
    followup_open(
        actor=actor,
        council=trip.council,
        source=item,
        agency=_trip_body(item, actor=actor),
        title=text[:300],
        description=_("After the study trip “%(trip)s” (%(host)s): %(text)s")
        % {"trip": trip.title, "host": trip.host, "text": text},
        assigned_date=min(trip.end_date, due_date),
        due_date=due_date,
        reference=f"HTKN-{trip.start_date:%Y}-{item.pk:04d}",
    )
    return item


@transaction.atomic
def study_trip_followup_done(item: StudyTripFollowUp, *, actor: User | None, text: str = "") -> FollowUp:
    """The Office marks the item done: its follow-up is verified done and closed."""
    followup = FollowUp.objects.of_sources([item]).filter(closed_on__isnull=True).first()
    if followup is None:
        raise ValidationError(_("This item is already done."))
    followup_verify(
        followup,
        actor=actor,
        outcome=CouncilStatus.DONE,
        text=text,
        reason=text.strip() or str(_("Done, as the Office recorded.")),
    )
    return followup
