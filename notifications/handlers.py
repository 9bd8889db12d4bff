"""What each event the services announce (``council/events.py``) tells whom: every non-timed kind of the
catalogue is made here, and only here. ``NotificationsConfig.ready`` registers ``HANDLERS``.

Each handler runs inside the writer's transaction (the notice and its mail at once commit with the change,
or neither does) and in its own savepoint: if it fails, the change is kept and the failure logged
(``council.events``). ``notify`` keeps only the people who may open the record and tells each person once
per key, so a retried service adds nothing.

| event | kind | who |
|---|---|---|
| ``session.convened`` | ``session_convened`` | the council's people (catalogue audience) |
| ``session.documents_published`` | ``session_documents`` | the council's people |
| ``training.invited`` | ``training_invited`` | the delegates just invited |
| ``voter_meeting.scheduled`` | ``voter_meeting`` | the delegates just put on the coming meeting |
| ``oversight.member_added`` | ``oversight_member`` | the delegate who joined the delegation |
| ``accountability.scheduled`` | ``hearing_participant`` | the holding body's members on the day (below) |
| ``interpellation.answered`` | ``interpellation_answered`` | the askers, once per answer's date |
| ``followup.opened`` | ``followup_assigned`` | the respondents of its agency and co-ordinating agencies |
| ``followup.opened`` (flagged) | ``followup_for_leadership`` | the leadership readers, Standing Committee |
| ``followup.verified`` | ``commitment_verified`` | the askers of the interpellation, once per verification |
| ``report.issued`` | ``report_issued`` | the leadership readers and the Standing Committee |

Who takes part in an explanation session or hearing is written as free text ("Thường trực HĐND tỉnh; Ban
Pháp chế; lãnh đạo Sở Y tế"), which names no account. What the record does tell is the body holding it: the
members of the committee (its seats on the day and its head's account), or of the Standing Committee (its
positions on the day and the accounts holding the Standing Committee role). Those are told; the agencies
summoned cannot open the page and hear of it by the Office's letter, as today.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from council.events import listen
from council.models import FollowUp, FollowUpEvent, Role, SourceKind, User
from delegates.models import CommitteeMembership, Mandate, StandingPosition, TrainingCourse
from oversight.models import Accountability, OversightActivity
from reports.models import Report
from sessions.models import Commitment, Interpellation, InterpellationAnswer, Session
from voters.models import VoterMeeting

from .services import notify


def _holders(mandates: Iterable[Mandate]) -> QuerySet[User]:
    return User.objects.filter(is_active=True, delegate__mandates__in=[m.pk for m in mandates]).distinct()


def session_convened(session: Session) -> None:
    notify("session_convened", session)


def session_documents(session: Session) -> None:
    notify("session_documents", session)


def training_invited(course: TrainingCourse, *, mandates: list[Mandate]) -> None:
    notify("training_invited", course, recipients=_holders(mandates))


def voter_meeting(meeting: VoterMeeting, *, mandates: list[Mandate]) -> None:
    notify("voter_meeting", meeting, recipients=_holders(mandates))


def oversight_member(activity: OversightActivity, *, mandate: Mandate) -> None:
    notify("oversight_member", activity, recipients=_holders([mandate]))


def hearing_body(hearing: Accountability) -> QuerySet[User]:
    """The members of the body holding the explanation session or hearing, on its day."""
    if hearing.body == Accountability.Body.COMMITTEE and hearing.committee_id:
        seats = CommitteeMembership.objects.filter(committee_id=hearing.committee_id).active_on(hearing.date)
        role = Q(roles__role=Role.COMMITTEE_HEAD, roles__committee_id=hearing.committee_id)
    else:
        seats = StandingPosition.objects.filter(council_id=hearing.council_id).active_on(hearing.date)
        role = Q(roles__role=Role.STANDING)
    return User.objects.filter(
        Q(delegate__mandates__in=seats.values("mandate_id"))
        | (role & Q(roles__council_id=hearing.council_id)),
        is_active=True,
    ).distinct()


def hearing_participant(hearing: Accountability) -> None:
    notify("hearing_participant", hearing, recipients=hearing_body(hearing))


def interpellation_answered(slip: Interpellation, *, answer: InterpellationAnswer) -> None:
    # A disputed answer may be answered again: each answer (by its date) is news to the askers.
    notify("interpellation_answered", slip, params={"date": answer.answered_on})


def followup_opened(followup: FollowUp) -> None:
    notify("followup_assigned", followup)
    if followup.report_to_leadership:
        notify("followup_for_leadership", followup)


def followup_verified(followup: FollowUp, *, event: FollowUpEvent) -> None:
    """A verified item that follows an interpellation's commitment is news to the delegates who asked."""
    if followup.source_kind != SourceKind.COMMITMENT or followup.source_id is None:
        return
    commitment = Commitment.objects.select_related("interpellation").filter(pk=followup.source_id).first()
    if commitment is None:
        return
    notify(
        "commitment_verified",
        commitment.interpellation,
        key=f"commitment_verified:{followup.pk}:{event.pk}",
    )


def report_issued(report: Report) -> None:
    notify("report_issued", report)


HANDLERS = {
    "session.convened": session_convened,
    "session.documents_published": session_documents,
    "training.invited": training_invited,
    "voter_meeting.scheduled": voter_meeting,
    "oversight.member_added": oversight_member,
    "accountability.scheduled": hearing_participant,
    "interpellation.answered": interpellation_answered,
    "followup.opened": followup_opened,
    "followup.verified": followup_verified,
    "report.issued": report_issued,
}


def register() -> None:
    for name, handler in HANDLERS.items():
        listen(name, handler)
