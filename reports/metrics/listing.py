"""How the records behind a figure are listed in its drill-down: one line per record, in a stable order."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch

from council.models import FollowUp
from delegates.models import GroupMeeting, Mandate, Nomination, TrainingAttendance, TrainingCourse
from oversight.models import Accountability, OversightActivity, SurveyVisit
from sessions.models import Interpellation, Resolution, ResolutionQualityEvent, Session
from voters.models import Consultation, Letter, Petition, Reception, VoterMeeting, VoterOpinion


@dataclass
class Row:
    """One record behind a figure, as the drill-down list shows it (never a citizen's contact details)."""

    label: str
    date: dt.date | None = None
    url: str = ""
    counted: bool = True
    detail: str = ""


@dataclass(frozen=True)
class ListingSpec:
    """How one model's records are listed: their order, what is joined in, and each line's label and date.
    The line links to the record's own page (``get_absolute_url``)."""

    ordering: tuple = ("pk",)
    related: tuple = ()
    label: Callable[[Any], str] = str
    date: str = ""  # the attribute holding the record's date


def url_of(obj) -> str:
    """The record's page, or "" for a record that has none (an opinion is seen on its petition or meeting)."""
    get = getattr(obj, "get_absolute_url", None)
    if get is None:
        return ""
    try:
        return get()
    except NoReverseMatch:
        return ""


def _reference(obj) -> str:
    return f"{obj.reference} {obj.title}".strip()


# Per model: the drill-down's order, what its lines show joined in, and their label and date (a model not
# here: by primary key, nothing joined, its ``str()`` and no date). For citizens' records only the
# reference, subject and place: never a name or contact.
LISTING: dict = {
    FollowUp: ListingSpec(("due_date", "pk"), label=_reference, date="due_date"),
    Petition: ListingSpec(("received_on", "pk"), label=lambda p: f"{p.code} {p.title}", date="received_on"),
    Letter: ListingSpec(label=lambda letter: str(letter.get_kind_display()), date="received_on"),
    VoterOpinion: ListingSpec(label=lambda o: str(o.get_channel_display()), date="received_on"),
    VoterMeeting: ListingSpec(related=("place",), date="date"),
    Consultation: ListingSpec(label=lambda x: x.title, date="end_date"),
    Reception: ListingSpec(related=("place",), date="date"),
    Session: ListingSpec(date="start_date"),
    Interpellation: ListingSpec(label=lambda i: i.question[:160], date="submitted_on"),
    Resolution: ListingSpec(label=lambda r: f"{r.symbol} {r.title}".strip(), date="adopted_on"),
    ResolutionQualityEvent: ListingSpec(
        ("date", "pk"),
        related=("resolution",),
        label=lambda e: f"{e.resolution.symbol} — {e.get_kind_display()}: {e.authority}",
        date="date",
    ),
    OversightActivity: ListingSpec(label=lambda a: a.title, date="period_start"),
    SurveyVisit: ListingSpec(
        related=("activity",),
        label=lambda v: f"{v.activity.title} — {v.place_detail or v.place or ''}",
        date="date",
    ),
    Accountability: ListingSpec(label=lambda a: a.topic, date="date"),
    TrainingCourse: ListingSpec(label=lambda c: c.title, date="start_date"),
    Mandate: ListingSpec(
        related=("delegate", "term"), label=lambda m: m.delegate.full_name, date="start_date"
    ),
    TrainingAttendance: ListingSpec(related=("course", "mandate__delegate", "mandate__term")),
    Nomination: ListingSpec(related=("movement", "mandate__delegate", "group")),
    GroupMeeting: ListingSpec(related=("group",)),
}


def describe(obj, *, counted: bool = True) -> Row:
    """A drill-down line for a record, as its model's ``LISTING`` entry says, linking to its page."""
    spec = LISTING.get(type(obj), ListingSpec())
    return Row(spec.label(obj), getattr(obj, spec.date) if spec.date else None, url_of(obj), counted)
