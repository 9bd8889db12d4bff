import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from council import services as core_services
from council.models import CouncilStatus, DeadlineRule, FollowUp, SourceKind
from oversight import services
from oversight.models import DelegationMember, OversightActivity, Recommendation
from tests.council.factories import (
    AgencyFactory,
    CommitteeFactory,
    CouncilFactory,
    DeadlineRuleFactory,
    TermFactory,
)
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
State = OversightActivity.State


@pytest.fixture
def activity(council):
    return services.activity_create(
        actor=None,
        council=council,
        kind=OversightActivity.Kind.THEMATIC,
        title="Giám sát việc thực hiện chính sách bảo hiểm y tế",
        lead_body=OversightActivity.LeadBody.COMMITTEE,
        committee=CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội"),
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 8, 31),
        agencies=[AgencyFactory(council=council, name="Sở Y tế")],
    )


def test_the_workflow_moves_one_step_at_a_time_with_its_guards(council, activity):
    with pytest.raises(ValidationError):
        services.activity_advance(activity, actor=None, to=State.REPORTED)  # skips every step
    with pytest.raises(ValidationError):
        services.activity_advance(
            activity,
            actor=None,
            to=State.ESTABLISHED,
            decision="15/QĐ-HĐND",
            decision_date=dt.date(2026, 5, 5),
        )
    head = MandateFactory(delegate__council=council, term=TermFactory(council=council))
    services.member_add(activity, actor=None, role=DelegationMember.Role.HEAD, mandate=head)
    with pytest.raises(ValidationError):
        services.member_add(
            activity, actor=None, role=DelegationMember.Role.HEAD, outside_member="Người khác"
        )
    with pytest.raises(ValidationError):
        services.activity_advance(activity, actor=None, to=State.ESTABLISHED)  # no decision
    services.activity_advance(
        activity, actor=None, to=State.ESTABLISHED, decision="15/QĐ-HĐND", decision_date=dt.date(2026, 5, 5)
    )
    for state in (State.NOTIFIED, State.FIELDWORK, State.DRAFTING, State.REVIEWED, State.REPORTED):
        services.activity_advance(activity, actor=None, to=state)
    assert services.allowed_next(activity) == [State.RESOLUTION, State.MONITORING, State.CLOSED]
    services.activity_advance(activity, actor=None, to=State.MONITORING)
    activity.refresh_from_db()
    assert activity.state == State.MONITORING and activity.decision == "15/QĐ-HĐND"


def test_a_member_must_hold_a_mandate_in_the_council(council, activity):
    stranger = MandateFactory(delegate__council=CouncilFactory())
    with pytest.raises(ValidationError):
        services.member_add(activity, actor=None, role=DelegationMember.Role.MEMBER, mandate=stranger)
    assert not activity.members.exists()


def test_a_survey_falls_within_the_period(activity):
    with pytest.raises(ValidationError) as error:
        services.survey_add(activity, actor=None, date=dt.date(2026, 9, 15), findings="Trạm y tế thiếu thuốc")
    assert "date" in error.value.message_dict
    services.survey_add(
        activity,
        actor=None,
        date=dt.date(2026, 6, 10),
        findings="Trạm y tế thiếu thuốc",
        place_detail="Trạm y tế xã Tân Hồng",
    )
    assert activity.surveys.count() == 1


def test_recommendations_become_followups_with_the_rule_and_closing_waits_for_them(council, activity):
    DeadlineRuleFactory(
        council=council,
        code="oversight-recommendation-answer",
        days=30,
        day_type=DeadlineRule.DayType.CALENDAR,
    )
    agency = activity.agencies.get()
    recommendation = services.recommendation_add(
        activity,
        actor=None,
        text="Bảo đảm đủ thuốc BHYT tại trạm y tế xã",
        agency=agency,
        assigned_date=dt.date(2026, 9, 1),
        report_to_leadership=True,
    )
    followup = recommendation.followups.get()
    assert followup.source_kind == SourceKind.RECOMMENDATION and followup.due_date == dt.date(2026, 10, 1)
    assert followup.report_to_leadership
    activity.state = State.MONITORING
    activity.save()
    with pytest.raises(ValidationError):
        services.activity_advance(activity, actor=None, to=State.CLOSED)
    core_services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    services.activity_advance(activity, actor=None, to=State.CLOSED)


def test_re_oversight_carries_over_what_was_not_resolved(council, activity):
    agency = activity.agencies.get()
    kept = services.recommendation_add(
        activity,
        actor=None,
        text="Kiến nghị đã thực hiện",
        agency=agency,
        assigned_date=dt.date(2026, 9, 1),
        due_date=dt.date(2026, 10, 1),
    )
    open_one = services.recommendation_add(
        activity,
        actor=None,
        text="Kiến nghị còn mở",
        agency=agency,
        assigned_date=dt.date(2026, 9, 1),
        due_date=dt.date(2026, 10, 1),
    )
    failed = services.recommendation_add(
        activity,
        actor=None,
        text="Kiến nghị không thực hiện",
        agency=agency,
        assigned_date=dt.date(2026, 9, 1),
        due_date=dt.date(2026, 10, 1),
    )
    core_services.followup_verify(
        kept.followups.get(), actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra"
    )
    core_services.followup_verify(
        failed.followups.get(),
        actor=None,
        outcome=CouncilStatus.NOT_DONE,
        close=True,
        reason="Không thực hiện",
    )

    again = services.re_oversight_open(
        activity,
        actor=None,
        title="Tái giám sát chính sách BHYT",
        period_start=dt.date(2027, 3, 1),
        period_end=dt.date(2027, 4, 30),
    )
    carried = {r.carried_from for r in again.recommendations.all()}
    assert carried == {open_one, failed}
    assert again.kind == OversightActivity.Kind.RE_OVERSIGHT and again.parent == activity
    assert list(again.agencies.all()) == [agency]
    check = again.recommendations.get(carried_from=open_one)
    services.carried_assess(check, actor=None, fulfilled=True)
    check.refresh_from_db()
    assert check.fulfilled_since is True
    with pytest.raises(ValidationError):
        services.carried_assess(kept, actor=None, fulfilled=True)
    # The carried rows are checks, not new promises: no new follow-up was opened for them.
    assert FollowUp.objects.filter(source_kind=SourceKind.RECOMMENDATION).count() == 3


def test_a_re_oversight_needs_a_parent_of_the_same_council(council, activity):
    other = CouncilFactory()
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            actor=None,
            council=other,
            kind=OversightActivity.Kind.RE_OVERSIGHT,
            title="Tái giám sát",
            lead_body=OversightActivity.LeadBody.COUNCIL,
            parent=activity,
            period_start=dt.date(2027, 1, 1),
            period_end=dt.date(2027, 2, 1),
        )
    assert "parent" in error.value.message_dict
    assert Recommendation.objects.count() == 0


def test_an_explanation_session_from_the_escalation_ladder_and_its_conclusions(council):
    from council.models import EscalationStep
    from oversight.models import Accountability
    from tests.council.factories import make_followup

    agency = AgencyFactory(council=council, name="Sở Xây dựng", head_title="Giám đốc Sở Xây dựng")
    late = make_followup(council, agency=agency, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1))
    for step in (EscalationStep.REMINDER, EscalationStep.REPORT_AUTHORITY):
        core_services.followup_escalate(late, actor=None, step=step)
    assert core_services.next_escalation(late, dt.date(2026, 11, 27)) == EscalationStep.EXPLANATION_SESSION
    draft = services.accountability_draft_from(late, kind=Accountability.Kind.EXPLANATION)
    assert draft["summoned"] == "Giám đốc Sở Xây dựng" and draft["topic"] == late.title
    session = services.accountability_create(actor=None, council=council, date=dt.date(2026, 12, 2), **draft)
    assert session.from_followup == late and list(session.agencies.all()) == [agency]
    conclusion = services.accountability_conclude(
        session,
        actor=None,
        text="Sở Xây dựng hoàn thành sửa chữa trước 31/01/2027",
        agency=agency,
        due_date=dt.date(2027, 1, 31),
    )
    followup = conclusion.followups.get()
    assert followup.assigned_date == dt.date(2026, 12, 2) and followup.agency == agency
    with pytest.raises(ValidationError):
        services.accountability_create(
            actor=None,
            council=council,
            kind=Accountability.Kind.HEARING,
            topic="Điều trần",
            body=Accountability.Body.COMMITTEE,
            date=dt.date(2026, 12, 3),
        )


def test_a_resolution_page_shows_the_oversight_of_its_implementation(client, office, council):
    from django.urls import reverse

    from sessions import services as session_services

    resolution = session_services.resolution_create(
        actor=None,
        council=council,
        symbol="05/2026/NQ-HĐND",
        kind="normative",
        title="Hỗ trợ y tế cơ sở",
        adopted_on=dt.date(2026, 7, 10),
    )
    services.activity_create(
        actor=None,
        council=council,
        kind=OversightActivity.Kind.THEMATIC,
        title="Giám sát thực hiện Nghị quyết 05",
        lead_body=OversightActivity.LeadBody.STANDING,
        period_start=dt.date(2026, 9, 1),
        period_end=dt.date(2026, 10, 31),
        resolutions=[resolution],
    )
    page = client.get(reverse("sessions:resolution_detail", args=[resolution.pk]))
    assert "Giám sát thực hiện Nghị quyết 05" in page.text
