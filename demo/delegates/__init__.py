"""Demo delegate work for ``seed_demo``: training, group meetings, action programmes, evaluations, emulation.

Six training courses over the eighteen months before the run and one still to come, each with the delegates
in office on its first day invited and, once it has begun, their attendance (about 85 per cent, with the
reason for most absences); the demo delegate is invited to every course his mandate allows. Meetings of five
term XI delegate groups, the demo group leader's among them: a discussion of the documents a few days before
each session, a working meeting after the regular sessions to plan the voter meetings, a visit to the
families of war invalids and martyrs before 27 July (the latest four the group held, all kinds for the demo
group, some for the others); none in the future, with the members present drawn from those in the group on
the day. Action programmes of fifteen delegates in office (the demo delegate and the
whole demo group among them), three to five commitments each by field and commune of their constituency,
assessed for the year of the run by the delegates themselves, by the demo group for its members and by the
Standing Committee for a few, in all three outcomes. The council's six evaluation criteria (100 points); the
evaluation of twelve delegates for the year before the run (self, group and Standing Committee ratings and
points), and self-evaluations of four delegates, the demo delegate among them, for the year of the run. The
movement "Xứng đáng người Đại biểu nhân dân Đất Sen hồng" with the nominations for the year before the run —
delegates, a delegate group and collectives, commended (four of them introduced as models), not commended and
still proposed — and three proposals for the year of the run.

The content (courses, notes, commitments, criteria, comments, reasons) is in ``demo/data/delegates.json``
(``demo.delegates.specs``). Everything is written through ``delegates.services``, never by a direct model
write: by the demo Office user, by a delegate's own account for his programme and self-assessment (the demo
delegate, group leader and chair have one), by the demo group leader for his group's meetings and assessments
and by the demo chair for the Standing Committee's assessments, ratings and commendation decisions. A course
is looked up by (council, title), a group meeting by (group, date, topic), a programme by its mandate, a
commitment by (programme, text), an assessment by (commitment, year, assessor), a criterion by (council,
text), an evaluation by (mandate, year), the movement by (council, name) and a nomination by (movement, year,
nominee), and skipped when it exists, so a second run creates nothing.

Course dates are relative to the day of the run; group meetings are tied to the sessions in the database and
the programmes and evaluations to the terms. Who is invited, present, assessed and evaluated is drawn with
generators seeded by name, so it does not depend on what else exists. Names of people come from the demo
roster; achievements, scores and numbers are invented.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council
from delegates.models import (
    ActionCommitment,
    ActionProgram,
    CommitmentAssessment,
    DelegateEvaluation,
    EvaluationCriterion,
    GroupMeeting,
    Nomination,
    TrainingAttendance,
    TrainingCourse,
)
from demo.delegates.seeder import seed_delegate_work
from demo.delegates.specs import MOVEMENT

__all__ = ["MOVEMENT", "delegate_work_summary", "seed_delegate_work"]


def delegate_work_summary(council: Council) -> str:
    """One line on delegate work: training, group meetings, programmes, evaluations, nominations."""
    today = timezone.localdate()
    courses = TrainingCourse.objects.filter(council=council)
    attendances = TrainingAttendance.objects.filter(course__council=council).aggregate(
        total=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    evaluations = DelegateEvaluation.objects.filter(mandate__council=council).aggregate(
        total=Count("pk"), rated=Count("pk", filter=~Q(standing_rating=""))
    )
    nominations = Nomination.objects.filter(movement__council=council).aggregate(
        total=Count("pk"),
        commended=Count("pk", filter=Q(state=Nomination.State.COMMENDED)),
        proposed=Count("pk", filter=Q(state=Nomination.State.PROPOSED)),
        exemplary=Count("pk", filter=Q(exemplary=True)),
    )
    line = _(
        "Delegate work of %(council)s: %(courses)s training courses (upcoming %(upcoming)s, %(invited)s "
        "invitations, attended %(attended)s), %(meetings)s group meetings, %(programmes)s action programmes "
        "(%(commitments)s commitments, %(assessments)s assessments), %(criteria)s evaluation criteria, "
        "%(evaluations)s evaluations (rated by the Standing Committee %(rated)s), %(nominations)s "
        "nominations (commended %(commended)s, exemplary %(exemplary)s, proposed %(proposed)s)"
    ) % {
        "council": council.short_name,
        "courses": courses.count(),
        "upcoming": courses.filter(start_date__gt=today).count(),
        "invited": attendances["total"],
        "attended": attendances["attended"],
        "meetings": GroupMeeting.objects.filter(group__council=council).count(),
        "programmes": ActionProgram.objects.filter(mandate__council=council).count(),
        "commitments": ActionCommitment.objects.filter(program__mandate__council=council).count(),
        "assessments": CommitmentAssessment.objects.filter(
            commitment__program__mandate__council=council
        ).count(),
        "criteria": EvaluationCriterion.objects.filter(council=council).count(),
        "evaluations": evaluations["total"],
        "rated": evaluations["rated"],
        "nominations": nominations["total"],
        "commended": nominations["commended"],
        "exemplary": nominations["exemplary"],
        "proposed": nominations["proposed"],
    }
    return f"  {line}"
