"""Demo study and exchange trips (conclusion II.3), the later history of two resolutions and a scorecard
target on the quality of resolutions (conclusion I.1), for ``seed_demo``.

Two trips of the province's delegates to other councils, the first with two things to do after it (one done,
one under way on the follow-up spine); one of the sessions' resolutions amended by a later one and another
with a finding of the Ministry of Justice's legal-document review; the target T1.2 (I.1 names both the two
proactive reports of T1 and the quality of the council's decisions) on the share of sound resolutions.
Everything is written through the services; a trip is looked up by (council, title), an event by
(resolution, kind) and the target by code first, so a second run creates nothing. Texts are invented.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from council.models import Committee, Council, User
from council.services.followups import mail_suppressed
from delegates.models import Mandate
from demo.clock import as_of
from demo.loader import rows, scenario
from oversight.models import StudyTrip
from oversight.services import study_trip_create, study_trip_followup_add, study_trip_followup_done
from reports.models import KpiTarget
from reports.services import target_create
from sessions.models import Resolution, ResolutionQualityEvent
from sessions.services import resolution_quality_record


@dataclasses.dataclass(frozen=True)
class TripItem:
    text: str
    due: dt.date | int  # a date, or days from the day the seed runs
    committee: str = ""  # the committee's kind
    responsible: str = ""
    done: dt.date | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Trip:
    title: str
    host: str
    place: str
    start_date: dt.date
    end_date: dt.date
    purpose: str
    participants: int  # how many delegates of the term in force went
    other_participants: str
    lessons: str
    followups: tuple[TripItem, ...] = ()


@dataclasses.dataclass(frozen=True)
class Event:
    which: str  # "amended": the oldest adopted resolution, amended by the newest; "reviewed": the next one
    kind: str
    authority: str
    findings: str = ""
    reference: str = ""
    after_days: int = 0


def _trips(council: Council, office: User | None) -> int:
    today = timezone.localdate()
    committees = {c.kind: c for c in Committee.objects.filter(council=council)}
    existing = set(StudyTrip.objects.filter(council=council).values_list("title", flat=True))
    created = 0
    for spec in rows("quality", "study_trips", Trip):
        if spec.title in existing or spec.start_date > today:
            continue
        mandates = (
            Mandate.objects.filter(council=council).active_on(spec.start_date).select_related("delegate")
        )
        with as_of(spec.end_date):
            trip = study_trip_create(
                actor=office,
                council=council,
                title=spec.title,
                host=spec.host,
                place=spec.place,
                start_date=spec.start_date,
                end_date=spec.end_date,
                purpose=spec.purpose,
                participants=[m.delegate for m in mandates.order_by("pk")[: spec.participants]],
                other_participants=spec.other_participants,
                lessons=spec.lessons,
            )
        for entry in spec.followups:
            due = today + dt.timedelta(days=entry.due) if isinstance(entry.due, int) else entry.due
            with as_of(spec.end_date):
                item = study_trip_followup_add(
                    trip,
                    actor=office,
                    text=entry.text,
                    due_date=due,
                    committee=committees.get(entry.committee),
                    responsible=entry.responsible,
                )
            if entry.done and entry.done <= today:
                with as_of(entry.done):
                    study_trip_followup_done(item, actor=office, text=entry.note)
        created += 1
    return created


def _events(council: Council, office: User | None) -> int:
    adopted = list(
        Resolution.objects.filter(council=council, adopted_on__isnull=False).order_by("adopted_on", "pk")
    )
    if len(adopted) < 3:
        return 0
    today = timezone.localdate()
    targets = {"amended": (adopted[0], adopted[-1]), "reviewed": (adopted[1], None)}
    created = 0
    for spec in rows("quality", "quality_events", Event):
        resolution, amending = targets[spec.which]
        if ResolutionQualityEvent.objects.filter(resolution=resolution, kind=spec.kind).exists():
            continue
        date = amending.adopted_on if amending else resolution.adopted_on + dt.timedelta(days=spec.after_days)
        resolution_quality_record(
            resolution,
            actor=office,
            kind=spec.kind,
            date=min(date, today),
            authority=spec.authority,
            reference=spec.reference or (amending.symbol if amending else ""),
            findings=spec.findings,
            amended_by=amending,
        )
        created += 1
    return created


def _target(council: Council, office: User | None) -> None:
    spec = scenario("quality")["target"]
    if KpiTarget.objects.filter(council=council, code=spec["code"]).exists():
        return
    t1 = KpiTarget.objects.filter(council=council, code="T1").first()
    target_create(
        actor=office,
        council=council,
        code=spec["code"],
        description=spec["description"],
        metric="resolutions_sound_rate",
        threshold=spec["threshold"],
        cadence=KpiTarget.Cadence.YEAR,
        order=(t1.order if t1 else 0) + 5,  # beside T1 on the scorecard
    )


def seed_quality(council: Council, *, office: User | None) -> int:
    """Create the missing demo trips, resolution events and quality target; return how many trips and
    events were created. Mail is suppressed: the follow-ups' bodies are the council's own."""
    with mail_suppressed():
        created = _trips(council, office) + _events(council, office)
    _target(council, office)
    return created


__all__ = ["seed_quality"]
