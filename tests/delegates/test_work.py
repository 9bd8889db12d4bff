"""Delegate work: training, group meetings, action programmes, evaluation, emulation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import Role
from delegates import services
from delegates.models import (
    ActionProgram,
    Assessment,
    Assessor,
    CommitmentAssessment,
    DelegateEvaluation,
    EvaluationScore,
    GroupMembership,
    Nomination,
    Rating,
    TrainingAttendance,
)
from reports.selectors import delegate_year
from sessions.models import Speech
from tests.conftest import ALL_ROLES
from tests.council.factories import RoleFactory, TermFactory, UserFactory
from tests.dates import days, today
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import SessionFactory, SittingFactory
from voters import services as voter_services
from voters.models import VoterMeeting

pytestmark = pytest.mark.django_db
YEAR = today().year


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(YEAR - 1, 4, 1), end_date=dt.date(YEAR + 4, 3, 31))


@pytest.fixture
def people(council, term):
    """A delegate (with a login), their group leader, a Standing Committee member and another delegate."""
    delegate_user, leader_user, standing_user = UserFactory(), UserFactory(), UserFactory()
    mandate = MandateFactory(
        delegate__council=council, delegate__user=delegate_user, term=term, start_date=dt.date(YEAR - 1, 4, 1)
    )
    leader = MandateFactory(
        delegate__council=council, delegate__user=leader_user, term=term, start_date=dt.date(YEAR - 1, 4, 1)
    )
    other = MandateFactory(delegate__council=council, term=term, start_date=dt.date(YEAR - 1, 4, 1))
    group = GroupFactory(council=council, term=term)
    for m, role in ((mandate, GroupMembership.Role.MEMBER), (leader, GroupMembership.Role.LEADER)):
        GroupMembershipFactory(group=group, mandate=m, role=role, start_date=dt.date(YEAR - 1, 4, 1))
    RoleFactory(user=delegate_user, council=council, role=Role.DELEGATE)
    RoleFactory(user=leader_user, council=council, role=Role.GROUP_LEADER)
    RoleFactory(user=standing_user, council=council, role=Role.STANDING)
    return {
        "mandate": mandate,
        "leader": leader,
        "other": other,
        "group": group,
        "delegate_user": delegate_user,
        "leader_user": leader_user,
        "standing_user": standing_user,
    }


# --- Training -------------------------------------------------------------------------------------------


def test_attendance_needs_a_mandate_on_the_course_date(council, term, people):
    course = services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn",
        start_date=dt.date(YEAR - 1, 3, 20),
        end_date=dt.date(YEAR - 1, 3, 21),
        organiser="Viện Nghiên cứu lập pháp",
        place="Hội trường tỉnh",
    )
    with pytest.raises(ValidationError):  # the mandate only began on 1 April
        services.course_invite(course, actor=None, mandates=[people["mandate"]])
    assert not TrainingAttendance.objects.exists()
    later = services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng tiếp xúc cử tri",
        start_date=days(-10),
        end_date=days(-9),
        organiser="Văn phòng",
        online=True,
    )
    services.course_invite(later, actor=None, mandates=[people["mandate"], people["other"]])
    services.course_invite(later, actor=None, mandates=[people["mandate"]])  # already invited: nothing new
    first = later.attendances.get(mandate=people["mandate"])
    services.attendance_record(later, actor=None, attended_ids=[first.pk], notes={})
    assert list(later.attendances.filter(attended=True)) == [first]
    with pytest.raises(ValidationError):
        services.course_create(
            actor=None,
            council=council,
            title="X",
            start_date=today(),
            end_date=days(-1),
            organiser="Y",
        )


# --- Action programmes ---------------------------------------------------------------------------------


def _programme(people):
    program = services.program_save(people["mandate"], actor=None, summary="Chương trình hành động")
    return services.commitment_add(program, actor=None, text="Kiến nghị đầu tư kè sông Tiền")


def test_a_delegate_edits_only_their_own_programme(client, council, people):
    commitment = _programme(people)
    client.force_login(people["delegate_user"])
    assert client.get(reverse("delegates:program_detail", args=[people["mandate"].pk])).status_code == 200
    assert client.get(reverse("delegates:program_detail", args=[people["other"].pk])).status_code == 403
    client.post(
        reverse("delegates:program_save", args=[people["other"].pk]), {"text": "Cam kết của người khác"}
    )
    assert not ActionProgram.objects.filter(mandate=people["other"]).exists()
    assert (
        client.post(reverse("delegates:program_save", args=[people["other"].pk]), {"text": "x"}).status_code
        == 403
    )
    # Self-assessment yes; group or Standing Committee assessment no.
    url = reverse("delegates:commitment_assess", args=[commitment.pk])
    data = {"year": YEAR, "status": "in_progress", "evidence": ""}
    assert client.post(url, {**data, "by": "self"}).status_code == 302
    assert client.post(url, {**data, "by": "standing"}).status_code == 403
    assert client.post(url, {**data, "by": "group"}).status_code == 403
    assert CommitmentAssessment.objects.get().by == Assessor.SELF


def test_the_group_leader_and_the_standing_committee_assess(client, council, people):
    commitment = _programme(people)
    url = reverse("delegates:commitment_assess", args=[commitment.pk])
    client.force_login(people["leader_user"])
    client.post(url, {"by": "group", "year": YEAR, "status": "kept", "evidence": ""})  # kept needs evidence
    assert not CommitmentAssessment.objects.exists()
    client.post(url, {"by": "group", "year": YEAR, "status": "kept", "evidence": "Đã khởi công kè"})
    client.force_login(people["standing_user"])
    client.post(url, {"by": "standing", "year": YEAR + 1, "status": "kept", "evidence": "x"})  # a future year
    client.post(url, {"by": "standing", "year": YEAR, "status": "in_progress"})
    assert set(CommitmentAssessment.objects.values_list("by", "status")) == {
        ("group", Assessment.KEPT),
        ("standing", Assessment.IN_PROGRESS),
    }


# --- Evaluation ----------------------------------------------------------------------------------------


def test_evaluation_rules(council, people):
    mandate = people["mandate"]
    criterion = services.criterion_create(
        actor=None, council=council, order=1, text="Tham gia kỳ họp", max_points=10
    )
    with pytest.raises(ValidationError):
        services.evaluation_open(mandate, actor=None, year=YEAR - 3)  # before the mandate
    evaluation = services.evaluation_open(mandate, actor=None, year=YEAR)
    with pytest.raises(ValidationError):
        services.evaluation_open(mandate, actor=None, year=YEAR)  # a second one for the same year
    with pytest.raises(ValidationError):
        services.evaluation_rate(
            evaluation, actor=None, by=Assessor.SELF, rating=Rating.GOOD, scores={criterion.pk: 11}
        )
    assert not EvaluationScore.objects.exists()
    services.evaluation_rate(
        evaluation, actor=None, by=Assessor.SELF, rating=Rating.GOOD, scores={criterion.pk: 9}
    )
    evaluation.refresh_from_db()
    assert evaluation.self_rating == Rating.GOOD and EvaluationScore.objects.get().points == 9


def test_the_year_summary_counts_inside_the_mandate_only(council, term, people):
    mandate = people["mandate"]
    session = SessionFactory(term=term, start_date=dt.date(YEAR - 1, 7, 1), end_date=dt.date(YEAR - 1, 7, 3))
    early = SittingFactory(session=session, date=dt.date(YEAR - 1, 3, 10))  # before the mandate began
    inside = SittingFactory(session=session, date=dt.date(YEAR - 1, 7, 1))
    for sitting in (early, inside, inside):
        Speech.objects.create(
            council=council,
            sitting=sitting,
            mandate=mandate,
            kind=Speech.Kind.DISCUSSION,
            venue="plenary",
            summary="Ý kiến",
        )
    meeting = voter_services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.THEMATIC,
        format=VoterMeeting.Format.ONLINE,
        date=dt.date(YEAR - 1, 8, 5),
    )
    meeting.delegates.add(mandate)
    (start, end), facts = delegate_year(mandate, YEAR - 1)
    assert start == dt.date(YEAR - 1, 4, 1)
    counts = {str(f.label): f.count for f in facts}
    assert list(counts.values())[0] == 2  # the speech of March is outside the mandate
    assert 1 in counts.values() and all(f.how for f in facts)


def test_the_evaluation_page_by_role(client, council, people, login):
    url = reverse("reports:evaluation_detail", args=[people["mandate"].pk, YEAR])
    client.force_login(people["delegate_user"])
    page = client.get(url).content.decode()
    assert client.get(url).status_code == 200 and 'action="/evaluations/' in page
    assert (
        client.get(reverse("reports:evaluation_detail", args=[people["other"].pk, YEAR])).status_code == 403
    )
    client.post(
        reverse("reports:evaluation_rate", args=[people["mandate"].pk, YEAR, "standing"]),
        {"standing-rating": "good"},
    )
    assert not DelegateEvaluation.objects.exists()
    client.post(
        reverse("reports:evaluation_rate", args=[people["mandate"].pk, YEAR, "self"]), {"self-rating": "good"}
    )
    client.force_login(people["standing_user"])
    client.post(
        reverse("reports:evaluation_rate", args=[people["mandate"].pk, YEAR, "standing"]),
        {"standing-rating": "excellent", "standing-comment": "Tích cực"},
    )
    evaluation = DelegateEvaluation.objects.get()
    assert (evaluation.self_rating, evaluation.standing_rating) == (Rating.GOOD, Rating.EXCELLENT)
    assert client.get(reverse("reports:evaluations"), {"year": YEAR}).status_code == 200


@pytest.mark.parametrize("role", ALL_ROLES)
def test_delegate_work_pages_by_role(client, login, council, role):
    login(role)
    # The council's own people read training and emulation records; an agency's respondent does not.
    for name in (
        "delegates:course_list",
        "delegates:training_summary",
        "delegates:movement_list",
        "delegates:exemplary_models",
    ):
        assert client.get(reverse(name)).status_code == (403 if role == Role.AGENCY else 200), name
    overview = role in {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}
    assert client.get(reverse("reports:evaluations")).status_code == (200 if overview else 403)
    assert client.get(reverse("delegates:course_create")).status_code == (
        200 if role in {Role.OFFICE, Role.ADMIN} else 403
    )


# --- Emulation -----------------------------------------------------------------------------------------


def test_nominations_need_a_reason_and_a_decision(council, people):
    movement = services.movement_create(
        actor=None,
        council=council,
        name="Xứng đáng người Đại biểu nhân dân Đất Sen hồng",
        launched_on=dt.date(YEAR - 1, 5, 1),
        criteria="Gương mẫu\nGắn bó với cử tri",
    )
    with pytest.raises(ValidationError):
        services.nomination_create(
            movement, actor=None, year=YEAR, kind="individual", mandate=people["mandate"], reason="  "
        )
    nomination = services.nomination_create(
        movement,
        actor=None,
        year=YEAR,
        kind="individual",
        mandate=people["mandate"],
        reason="Tiếp xúc cử tri đầy đủ",
    )
    with pytest.raises(ValidationError):
        services.nomination_decide(
            nomination, actor=None, state="commended", award="certificate"
        )  # no decision no.
    services.nomination_decide(
        nomination,
        actor=None,
        state="commended",
        award="certificate",
        decision="12/QĐ-HĐND",
        decision_date=today(),
        exemplary=True,
    )
    assert Nomination.objects.get().exemplary


def test_list_pages_run_constant_queries(client, office, council, people, constant_queries):
    def add(rows):
        for i in rows:
            services.course_create(
                actor=None,
                council=council,
                title=f"Khoá bồi dưỡng số {i}",
                start_date=days(-5),
                end_date=days(-4),
                organiser="Văn phòng",
                online=True,
            )

    def page(name):
        return lambda: client.get(reverse(name)).status_code

    pages = {
        name: page(name)
        for name in ("delegates:course_list", "delegates:training_summary", "reports:evaluations")
    }
    few, many = constant_queries(add, pages, few=2, many=12)
    assert set(few.values()) == set(many.values()) == {200}


def test_fixes_from_the_qa_pass(client, council, people):
    # A group leader assesses their own programme only as themselves.
    program = services.program_save(people["leader"], actor=None)
    own = services.commitment_add(program, actor=None, text="Cam kết của Tổ trưởng")
    client.force_login(people["leader_user"])
    url = reverse("delegates:commitment_assess", args=[own.pk])
    assert client.post(url, {"by": "group", "year": YEAR, "status": "in_progress"}).status_code == 403
    assert client.post(url, {"by": "self", "year": YEAR, "status": "in_progress"}).status_code == 302
    # A course keeps its invitations valid.
    course = services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng thẩm tra",
        start_date=days(-3),
        end_date=days(-2),
        organiser="Văn phòng",
        online=True,
    )
    services.course_invite(course, actor=None, mandates=[people["mandate"]])
    with pytest.raises(ValidationError):
        services.course_update(
            course, actor=None, start_date=dt.date(YEAR - 2, 1, 5), end_date=dt.date(YEAR - 2, 1, 6)
        )
    services.attendance_record(course, actor=None, attended_ids=[course.attendances.get().pk])
    with pytest.raises(ValidationError):
        services.course_update(
            course,
            actor=None,
            start_date=days(30),
            end_date=days(31),
        )
    # Nominations: a year of the mandate, not in the future, once per nominee.
    movement = services.movement_create(
        actor=None,
        council=council,
        name="Đất Sen hồng",
        launched_on=dt.date(YEAR - 1, 5, 1),
        criteria="Gương mẫu",
    )
    data = {"kind": "individual", "mandate": people["mandate"], "reason": "Tích cực"}
    for bad_year in (YEAR + 1, YEAR - 3):
        with pytest.raises(ValidationError):
            services.nomination_create(movement, actor=None, year=bad_year, **data)
    services.nomination_create(movement, actor=None, year=YEAR, group=people["group"], **data)
    assert Nomination.objects.get().group is None  # only the delegate is kept for an individual
    with pytest.raises(ValidationError):
        services.nomination_create(movement, actor=None, year=YEAR, **data)
