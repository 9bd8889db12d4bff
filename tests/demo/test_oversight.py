import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from council.models import AgencyStatus, Council, CouncilStatus, FollowUp
from oversight.models import (
    Accountability,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    SurveyVisit,
)

pytestmark = pytest.mark.django_db
State = OversightActivity.State


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_lays_out_oversight_in_every_kind_and_state_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first  # nothing new the second time

    today = timezone.localdate()
    province = Council.objects.get(code="dong-thap")
    assert set(OversightProgram.objects.filter(council=province).values_list("year", flat=True)) >= {
        2025,
        2026,
    }

    activities = list(OversightActivity.objects.filter(council=province))
    assert 10 <= len(activities) <= 14
    assert {a.kind for a in activities} == set(OversightActivity.Kind.values)
    assert {a.lead_body for a in activities} == set(OversightActivity.LeadBody.values)
    assert {a.state for a in activities} == set(State.values)
    assert any(a.period_start > today for a in activities if a.state == State.PLANNED)
    assert sum(a.committee is not None and a.committee.kind == "economy_budget" for a in activities) >= 3
    for activity in activities:
        if activity.state != State.PLANNED:
            assert activity.decision and activity.decision_date
            roles = set(activity.members.values_list("role", flat=True))
            assert {DelegationMember.Role.HEAD, DelegationMember.Role.SECRETARY} <= roles
            assert activity.documents.filter(kind=ActivityDocument.Kind.PLAN).exists()
        if activity.state == State.CLOSED:
            assert not FollowUp.objects.filter(
                source_type__model="recommendation",
                source_id__in=activity.recommendations.values("pk"),
                closed_on__isnull=True,
            ).exists()
    # The resolutions whose implementation is overseen, by a thematic or regular activity.
    assert OversightActivity.objects.filter(
        council=province, kind__in=["thematic", "regular"], resolutions__isnull=False
    ).exists()
    # The demo delegate sits on a delegation, the demo committee head leads one.
    assert DelegationMember.objects.filter(mandate__delegate__user__username="daibieu").exists()
    assert DelegationMember.objects.filter(
        mandate__delegate__user__username="truongban", role=DelegationMember.Role.HEAD
    ).exists()

    surveys = list(SurveyVisit.objects.filter(activity__council=province).select_related("activity", "place"))
    assert len(surveys) >= 5
    for survey in surveys:
        assert survey.activity.period_start <= survey.date <= survey.activity.period_end
        assert survey.place.valid_to is None

    followups = FollowUp.objects.filter(council=province, source_type__model="recommendation")
    assert {
        CouncilStatus.OPEN,
        CouncilStatus.DONE,
        CouncilStatus.UNSATISFACTORY,
        CouncilStatus.NOT_DONE,
    } <= set(followups.values_list("council_status", flat=True))
    assert followups.open().filter(agency_status=AgencyStatus.NOT_STARTED, due_date__gte=today).exists()
    assert followups.open().filter(agency_status=AgencyStatus.IN_PROGRESS, due_date__gte=today).exists()
    assert followups.awaiting_verification().exists()
    assert followups.overdue(today).filter(due_date__lt=today - dt.timedelta(days=30)).count() >= 2
    assert followups.filter(report_to_leadership=True).exists()

    re_oversight = OversightActivity.objects.get(council=province, kind="re_oversight")
    carried = Recommendation.objects.filter(activity=re_oversight, carried_from__isnull=False)
    assert {True, False} <= set(carried.values_list("fulfilled_since", flat=True))
    assert all(r.carried_from.activity == re_oversight.parent for r in carried)

    explanation = Accountability.objects.get(council=province, kind=Accountability.Kind.EXPLANATION)
    assert explanation.from_followup is not None and explanation.from_followup.is_overdue(today)
    hearing = Accountability.objects.get(council=province, kind=Accountability.Kind.HEARING)
    for session in (explanation, hearing):
        assert session.agencies.exists() and session.summoned
        conclusions = list(session.conclusions.all())
        assert conclusions and all(c.followups.exists() for c in conclusions)
