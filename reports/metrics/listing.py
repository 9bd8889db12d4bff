"""How the records behind a figure are listed in its drill-down: one line per record, in a stable order."""

import datetime as dt
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from council.models import FollowUp
from delegates.models import GroupMeeting, Mandate, Nomination, TrainingAttendance, TrainingCourse
from oversight.models import Accountability, OversightActivity, SurveyVisit
from sessions.models import Interpellation, Resolution, Session
from voters.models import Letter, Petition, Reception, VoterMeeting, VoterOpinion


@dataclass
class Row:
    """One record behind a figure, as the drill-down list shows it (never a citizen's contact details)."""

    label: str
    date: dt.date | None = None
    url: str = ""
    counted: bool = True
    detail: str = ""


def url_of(name: str, pk) -> str:
    """The page of a record, or "" where the route does not exist."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def describe(obj, *, counted: bool = True) -> Row:
    """A drill-down line for a record; for citizens' records only the reference, subject and place."""
    if isinstance(obj, FollowUp):
        return Row(
            f"{obj.reference} {obj.title}".strip(), obj.due_date, url_of("followup_detail", obj.pk), counted
        )
    if isinstance(obj, Petition):
        return Row(f"{obj.code} {obj.title}", obj.received_on, url_of("petition_detail", obj.pk), counted)
    if isinstance(obj, Letter):
        return Row(str(obj.get_kind_display()), obj.received_on, url_of("letter_detail", obj.pk), counted)
    if isinstance(obj, VoterOpinion):
        return Row(str(obj.get_channel_display()), obj.received_on, "", counted)
    if isinstance(obj, VoterMeeting):
        return Row(str(obj), obj.date, url_of("meeting_detail", obj.pk), counted)
    if isinstance(obj, Reception):
        return Row(str(obj), obj.date, url_of("reception_detail", obj.pk), counted)
    if isinstance(obj, Session):
        return Row(str(obj), obj.start_date, url_of("session_detail", obj.pk), counted)
    if isinstance(obj, Interpellation):
        return Row(obj.question[:160], obj.submitted_on, url_of("interpellation_detail", obj.pk), counted)
    if isinstance(obj, Resolution):
        return Row(
            f"{obj.symbol} {obj.title}".strip(), obj.adopted_on, url_of("resolution_detail", obj.pk), counted
        )
    if isinstance(obj, OversightActivity):
        return Row(obj.title, obj.period_start, url_of("activity_detail", obj.pk), counted)
    if isinstance(obj, SurveyVisit):
        return Row(
            f"{obj.activity.title} — {obj.place_detail or obj.place or ''}",
            obj.date,
            url_of("activity_detail", obj.activity_id),
            counted,
        )
    if isinstance(obj, Accountability):
        return Row(obj.topic, obj.date, url_of("accountability_detail", obj.pk), counted)
    if isinstance(obj, TrainingCourse):
        return Row(obj.title, obj.start_date, url_of("course_detail", obj.pk), counted)
    if isinstance(obj, Mandate):
        return Row(obj.delegate.full_name, obj.start_date, url_of("mandate_detail", obj.pk), counted)
    return Row(str(obj), None, "", counted)


@dataclass(frozen=True)
class ListingSpec:
    ordering: tuple = ("pk",)
    related: tuple = ()


# Per model: the drill-down's order and what its lines show joined in (else by primary key, nothing joined).
LISTING: dict = {
    FollowUp: ListingSpec(("due_date", "pk")),
    Petition: ListingSpec(("received_on", "pk")),
    TrainingAttendance: ListingSpec(related=("course", "mandate__delegate", "mandate__term")),
    Nomination: ListingSpec(related=("movement", "mandate__delegate", "group")),
    Mandate: ListingSpec(related=("delegate", "term")),
    VoterMeeting: ListingSpec(related=("place",)),
    Reception: ListingSpec(related=("place",)),
    GroupMeeting: ListingSpec(related=("group",)),
}
