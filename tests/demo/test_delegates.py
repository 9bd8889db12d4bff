import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from council.models import Council
from delegates.models import (
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
    Nomination,
    TrainingAttendance,
    TrainingCourse,
)
from demo.delegates import MOVEMENT

pytestmark = pytest.mark.django_db

WORK_MODELS = [
    TrainingCourse,
    TrainingAttendance,
    GroupMeeting,
    ActionProgram,
    ActionCommitment,
    CommitmentAssessment,
    EvaluationCriterion,
    DelegateEvaluation,
    EvaluationScore,
    EmulationMovement,
    Nomination,
]


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_lays_out_delegate_work_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first  # nothing new the second time, history included
    assert all(first[model._meta.label] for model in WORK_MODELS)

    today = timezone.localdate()
    province = Council.objects.get(code="dong-thap")

    # Courses with invitations; attendance marked for those begun, none for the one to come.
    courses = TrainingCourse.objects.filter(council=province)
    past, upcoming = courses.filter(start_date__lte=today), courses.filter(start_date__gt=today)
    assert past.count() >= 5 and upcoming.count() == 1
    for course in past:
        invited = course.attendances.count()
        assert invited and 0.7 * invited <= course.attendances.filter(attended=True).count() < invited
        assert all(a.mandate.is_active_on(course.start_date) for a in course.attendances.all())
    assert TrainingAttendance.objects.filter(course__in=past, attended=False).exclude(note="").exists()
    course = upcoming.get()
    assert course.attendances.exists() and not course.attendances.filter(attended=True).exists()
    assert not course.attendances.exclude(note="").exists()
    assert (
        TrainingAttendance.objects.filter(
            course__council=province, mandate__delegate__user__username="daibieu"
        )
        .values("course")
        .count()
        >= 3
    )

    # Group meetings, none in the future, attended by members of the group on the day; the demo leader's.
    meetings = GroupMeeting.objects.filter(group__council=province)
    assert meetings.values("group").distinct().count() >= 3
    assert not meetings.filter(date__gt=today).exists()
    for meeting in meetings:
        members = set(
            GroupMembership.objects.filter(group=meeting.group)
            .active_on(meeting.date)
            .values_list("mandate_id", flat=True)
        )
        present = set(meeting.attendees.values_list("pk", flat=True))
        assert present and present <= members
    leader_group = GroupMembership.objects.get(
        mandate__delegate__user__username="totruong", role="leader"
    ).group
    assert meetings.filter(group=leader_group).count() >= 2
    assert meetings.filter(group=leader_group).first().history.last().history_user.username == "totruong"

    # Programmes with commitments, assessed by all three parties in all three outcomes.
    programmes = ActionProgram.objects.filter(mandate__council=province)
    assert programmes.count() >= 10
    assert all(3 <= p.commitments.count() <= 5 for p in programmes)
    mine = programmes.get(mandate__delegate__user__username="daibieu")
    assert mine.history.last().history_user.username == "daibieu"
    assessments = CommitmentAssessment.objects.filter(commitment__program__in=programmes)
    assert set(assessments.values_list("by", flat=True)) == set(Assessor.values)
    assert set(assessments.values_list("status", flat=True)) == set(Assessment.values)
    assert not assessments.filter(status=Assessment.KEPT, evidence="").exists()
    assert {
        (Assessor.SELF, "daibieu"),
        (Assessor.GROUP, "totruong"),
        (Assessor.STANDING, "thuongtruc"),
    } <= set(assessments.values_list("by", "assessed_by__username"))

    # Criteria, and evaluations rated by all three parties with their points.
    assert EvaluationCriterion.objects.filter(council=province).count() >= 4
    evaluations = DelegateEvaluation.objects.filter(mandate__council=province)
    previous = evaluations.filter(year=today.year - 1)
    assert previous.count() >= 10
    for evaluation in previous:
        assert evaluation.self_rating and evaluation.group_rating and evaluation.standing_rating
        assert set(evaluation.scores.values_list("by", flat=True)) == set(Assessor.values)
    current = evaluations.filter(year=today.year)
    assert current.filter(mandate__delegate__user__username="daibieu").exists()
    assert all(e.self_rating and not e.standing_rating for e in current)

    # The Đất Sen hồng movement with nominations in every state, commended ones with their decision.
    movement = EmulationMovement.objects.get(council=province, name=MOVEMENT)
    assert len(movement.criteria_list) >= 3
    nominations = movement.nominations.all()
    assert set(nominations.values_list("state", flat=True)) == set(Nomination.State.values)
    assert set(nominations.values_list("kind", flat=True)) == set(Nomination.Kind.values)
    assert nominations.filter(exemplary=True).count() >= 3
    for nomination in nominations.filter(state=Nomination.State.COMMENDED):
        assert nomination.award and nomination.decision and nomination.decision_date
    assert nominations.filter(year=today.year, state=Nomination.State.PROPOSED).exists()
