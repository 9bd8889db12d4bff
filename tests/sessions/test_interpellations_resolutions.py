import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from council.models import DeadlineRule, FollowUp, Role, SourceKind
from sessions import services
from sessions.models import Interpellation, Resolution
from sessions.permissions import can_edit_slip
from tests.council.factories import (
    AgencyFactory,
    DeadlineRuleFactory,
    HolidayFactory,
    RoleFactory,
    TermFactory,
    UserFactory,
)
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


@pytest.fixture
def slip(council, term):
    asker = MandateFactory(delegate__council=council, term=term)
    return services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[asker],
        agency=AgencyFactory(council=council, name="Sở Y tế"),
        respondent_title="Giám đốc Sở Y tế",
        question="Vì sao tình trạng thiếu thuốc bảo hiểm y tế kéo dài tại các trạm y tế xã?",
        topic="Thiếu thuốc BHYT",
    )


def test_written_answer_is_due_by_the_rule_in_force_and_the_calendar(council, slip):
    DeadlineRuleFactory(
        council=council,
        code="interpellation-written-answer",
        days=20,
        day_type=DeadlineRule.DayType.CALENDAR,
        valid_from=dt.date(2016, 7, 1),
        valid_to=dt.date(2026, 2, 28),
    )
    DeadlineRuleFactory(
        council=council,
        code="interpellation-written-answer",
        days=15,
        day_type=DeadlineRule.DayType.WORKING,
        valid_from=dt.date(2026, 3, 1),
    )
    HolidayFactory(council=council, date=dt.date(2026, 9, 2), name="Quốc khánh")
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 8, 24))
    services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.WRITTEN)
    slip.refresh_from_db()
    # 15 working days from Mon 24/08/2026, skipping weekends and 02/09: Tue 15/09/2026.
    assert slip.answer_due == dt.date(2026, 9, 15)
    assert slip.state == Interpellation.State.WRITTEN and slip.rule.days == 15


def test_written_answer_without_a_rule_is_refused_clearly(slip):
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 8, 24))
    with pytest.raises(ValidationError):
        services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.WRITTEN)
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.SUBMITTED


def test_answer_cannot_precede_the_question_and_commitments_become_followups(slip):
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 7, 1))
    services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.ORAL)
    with pytest.raises(ValidationError):
        services.interpellation_answer(
            slip, actor=None, answered_on=dt.date(2026, 6, 30), answered_by="GĐ Sở Y tế", text="…"
        )
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.ORAL and not slip.answers.exists()
    services.interpellation_answer(
        slip,
        actor=None,
        answered_on=dt.date(2026, 7, 9),
        answered_by="GĐ Sở Y tế",
        text="Sở sẽ bổ sung thuốc.",
    )
    commitment = services.commitment_add(
        slip,
        actor=None,
        text="Bảo đảm đủ thuốc BHYT tại 100% trạm y tế xã trước 31/12/2026",
        due_date=dt.date(2026, 12, 31),
    )
    followup = commitment.followups.get()
    assert followup.source == commitment and followup.source_kind == SourceKind.COMMITMENT
    assert followup.agency == slip.agency and followup.due_date == dt.date(2026, 12, 31)
    assert FollowUp.objects.filter(source_kind=SourceKind.COMMITMENT).count() == 1
    services.interpellation_assess(slip, actor=None, satisfaction=Interpellation.Satisfaction.UNSATISFIED)
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.DISPUTED
    services.interpellation_conclude(slip, actor=None, conclusion="Đề nghị Sở Y tế khẩn trương khắc phục.")
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.CONCLUDED


def test_a_delegate_edits_only_their_own_slip_and_only_before_submitting(council, term, slip):
    owner = UserFactory()
    RoleFactory(user=owner, council=council, role=Role.DELEGATE)
    from delegates import services as delegate_services

    delegate_services.delegate_update(slip.askers.get().delegate, actor=None, user=owner)
    stranger = UserFactory()
    RoleFactory(user=stranger, council=council, role=Role.DELEGATE)
    clerk = RoleFactory(council=council, role=Role.OFFICE).user
    assert can_edit_slip(owner, slip) and not can_edit_slip(stranger, slip) and can_edit_slip(clerk, slip)
    services.interpellation_submit(slip, actor=owner, on=dt.date(2026, 7, 1))
    slip.refresh_from_db()
    assert not can_edit_slip(owner, slip) and can_edit_slip(clerk, slip)


def _resolution(council, symbol="05/2026/NQ-HĐND", **kwargs):
    return services.resolution_create(
        actor=None,
        council=council,
        symbol=symbol,
        kind=Resolution.Kind.NORMATIVE,
        title="Quy định giá đất năm 2027",
        adopted_on=dt.date(2026, 12, 10),
        **kwargs,
    )


def test_a_resolution_passes_only_with_more_than_half_of_all_delegates(council, term):
    for _ in range(10):
        MandateFactory(delegate__council=council, term=term)
    exactly_half = services.resolution_vote(
        _resolution(council), actor=None, voted_on=dt.date(2026, 12, 10), approve=5, reject=0, abstain=0
    )
    assert exactly_half.delegates_total == 10 and not exactly_half.passed
    majority = services.resolution_vote(
        _resolution(council, "06/2026/NQ-HĐND"),
        actor=None,
        voted_on=dt.date(2026, 12, 10),
        approve=6,
        reject=1,
        abstain=0,
    )
    assert majority.passed
    with pytest.raises(ValidationError):
        services.resolution_vote(
            _resolution(council, "07/2026/NQ-HĐND"),
            actor=None,
            voted_on=dt.date(2026, 12, 10),
            approve=9,
            reject=2,
        )


def test_resolution_numbers_are_unique_per_year_and_well_formed(council):
    resolution = _resolution(council)
    assert (resolution.number, resolution.year) == (5, 2026)
    with pytest.raises(ValidationError):
        _resolution(council)
    for bad in ("5/2026/NQ-UBND", "NQ-HĐND", "05/2025/NQ-HĐND"):
        with pytest.raises(ValidationError) as error:
            _resolution(council, bad)
        assert "symbol" in error.value.message_dict
    assert Resolution.objects.count() == 1


def test_resolution_tasks_become_followups_only_once_passed(council, term):
    for _ in range(3):
        MandateFactory(delegate__council=council, term=term)
    resolution = _resolution(council, effective_on=dt.date(2027, 1, 1))
    agency = AgencyFactory(council=council)
    with pytest.raises(ValidationError):
        services.resolution_task_add(
            resolution, actor=None, text="Công bố", agency=agency, due_date=dt.date(2027, 1, 31)
        )
    services.resolution_vote(resolution, actor=None, voted_on=dt.date(2026, 12, 10), approve=3)
    task = services.resolution_task_add(
        resolution,
        actor=None,
        text="UBND tỉnh công bố bảng giá đất",
        agency=agency,
        due_date=dt.date(2027, 1, 31),
    )
    followup = task.followups.get()
    assert followup.source_kind == SourceKind.RESOLUTION_TASK and followup.assigned_date == dt.date(
        2027, 1, 1
    )
    assert followup.reference == "05/2026/NQ-HĐND"
    failed = _resolution(council, "06/2026/NQ-HĐND")
    services.resolution_vote(failed, actor=None, voted_on=dt.date(2026, 12, 10), approve=1, reject=2)
    with pytest.raises(ValidationError):
        services.resolution_task_add(
            failed, actor=None, text="Không", agency=agency, due_date=dt.date(2027, 1, 31)
        )


def test_resolutions_must_be_consistent(council, term):
    from tests.sessions.factories import AgendaItemFactory, SessionFactory

    session = SessionFactory(term=term, start_date=dt.date(2026, 12, 8), end_date=dt.date(2026, 12, 10))
    other = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    cases = [
        ({"symbol": "70/NQ-HĐND"}, "symbol"),  # normative without its year
        ({"symbol": "71/2026/NQ-HĐND", "kind": Resolution.Kind.INDIVIDUAL}, "symbol"),
        ({"session": session, "adopted_on": dt.date(2026, 1, 10), "symbol": "72/2026/NQ-HĐND"}, "adopted_on"),
        ({"effective_on": dt.date(2026, 12, 1)}, "effective_on"),
        ({"session": session, "agenda_item": AgendaItemFactory(session=other)}, "agenda_item"),
    ]
    for overrides, field in cases:
        data = {
            "symbol": "05/2026/NQ-HĐND",
            "kind": Resolution.Kind.NORMATIVE,
            "title": "Giá đất",
            "adopted_on": dt.date(2026, 12, 10),
            **overrides,
        }
        with pytest.raises(ValidationError) as error:
            services.resolution_create(actor=None, council=council, **data)
        assert field in error.value.message_dict, overrides
    resolution = _resolution(council)
    with pytest.raises(ValidationError) as error:
        services.resolution_vote(resolution, actor=None, voted_on=dt.date(2026, 12, 1), approve=1)
    with pytest.raises(ValidationError) as error:
        _resolution(council)
    assert "symbol" in error.value.message_dict and "2026" in str(error.value)


def test_future_dates_are_refused_and_partly_satisfied_still_disputes(slip):
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.interpellation_submit(slip, actor=None, on=tomorrow)
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 7, 1))
    services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.ORAL)
    with pytest.raises(ValidationError):
        services.interpellation_answer(slip, actor=None, answered_on=tomorrow, answered_by="GĐ", text="…")
    services.interpellation_answer(
        slip, actor=None, answered_on=dt.date(2026, 7, 9), answered_by="GĐ", text="…"
    )
    services.interpellation_assess(slip, actor=None, satisfaction=Interpellation.Satisfaction.PARTLY)
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.DISPUTED
