"""Reads for the voters pages: duplicate suggestions for opinions, a petition's sources, the pre-session
petition report, a petition's steps for the public lookup."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import FollowUp
from council.text import fold

from .matching.matcher import Matcher, page_options, page_text, petitions_like
from .models import Channel, OutreachChannel, Petition, VoterOpinion, builtin_order, channel_label
from .services.petitions import merge_direction


def suggest_for_opinions(
    council, opinions, *, today: dt.date | None = None
) -> dict[int, list[tuple[float, Petition]]]:
    """For each unconsolidated opinion, the petitions it most likely repeats (a fixed number of queries; the
    opinions come with their commune, ``select_related("admin_unit")``)."""
    pending = [o for o in opinions if not o.petition_id]
    if not pending:
        return {}
    found = Matcher(council, today=today).suggest_many(
        [o.text for o in pending],
        fields=[o.field_id for o in pending],
        units=[o.admin_unit.name if o.admin_unit_id else "" for o in pending],
    )
    petitions = Petition.objects.in_bulk([m.petition_id for matches in found for m in matches])
    return {
        opinion.pk: [(m.score, petitions[m.petition_id]) for m in matches if m.petition_id in petitions]
        for opinion, matches in zip(pending, found, strict=True)
        if matches
    }


# --- Outreach channels ----------------------------------------------------------------------------------


def council_channels(council, *, active_only: bool = False) -> list[OutreachChannel]:
    """The council's outreach channels in the Office's order (one query).

    A built-in channel the council has not written down yet (a council created after the channels became
    data) is listed as an unsaved row, in use: every council has the built-in channels."""
    rows = list(OutreachChannel.objects.filter(council=council).order_by("order", "pk"))
    have = {row.code for row in rows}
    rows += [
        OutreachChannel(council=council, code=code, kind=code, order=builtin_order(code))
        for code in Channel.values
        if code not in have
    ]
    rows.sort(key=lambda row: (row.order, row.pk is None, row.pk or 0))
    return [row for row in rows if row.is_active] if active_only else rows


def channel_names(council) -> dict[str, str]:
    """Each of the council's channel codes with its name (one query), for pages that group by channel."""
    return {row.code: row.label for row in council_channels(council)}


def channel_choices(council, *, exclude=(), current: str | None = None) -> list[tuple[str, str]]:
    """The channels a clerk may pick for a new record (in use), and a record's own channel on its edit."""
    channels = council_channels(council)
    choices = [(c.code, c.label) for c in channels if c.is_active and c.code not in exclude]
    if current and current not in {code for code, _label in choices}:
        names = {c.code: c.label for c in channels}
        choices.append((current, names.get(current) or str(channel_label(current))))
    return choices


@dataclass
class PetitionReport:
    """The petitions to report at a regular session, with counts by field, competence and commune."""

    petitions: list = field(default_factory=list)
    by_field: list = field(default_factory=list)
    by_competence: list = field(default_factory=list)
    by_unit: list = field(default_factory=list)
    by_channel: list = field(default_factory=list)
    by_state: list = field(default_factory=list)
    voters: int = 0


def petition_report(council, *, since: dt.date, until: dt.date) -> PetitionReport:
    """Petitions received in the period (merged ones excluded), as the Office reports them to the session."""
    petitions = (
        Petition.objects.filter(council=council, received_on__range=(since, until))
        .exclude(state=Petition.State.MERGED)
        .select_related("field", "admin_unit", "agency", "committee")
        .order_by("field__name", "received_on", "pk")
    )
    report = PetitionReport(petitions=list(petitions))
    report.voters = sum(p.voters_count for p in report.petitions)
    report.by_field = Counter(str(p.field) if p.field_id else "—" for p in report.petitions).most_common()
    report.by_competence = Counter(p.get_competence_display() or "—" for p in report.petitions).most_common()
    report.by_unit = Counter(
        p.admin_unit.name if p.admin_unit_id else "—" for p in report.petitions
    ).most_common()
    report.by_state = Counter(p.get_state_display() for p in report.petitions).most_common()
    channels = (
        VoterOpinion.objects.filter(petition__in=[p.pk for p in report.petitions])
        .values("channel")
        .annotate(n=Count("pk"), voters=Sum("voters_count"))
        .order_by("-n")
    )
    labels = channel_names(council)
    report.by_channel = [(labels.get(row["channel"], row["channel"]), row["n"]) for row in channels]
    return report


@dataclass
class PublicStep:
    """One step of a petition's handling as the public lookup shows it: what happened and on which day."""

    label: str
    on: dt.date | None
    recorded: bool = False  # the date of the business fact itself (not the day it was entered)


@dataclass
class PublicTrack:
    """What a citizen may read of a petition's handling: dated steps, the answer's due date, nothing else."""

    steps: list[PublicStep] = field(default_factory=list)
    due_date: dt.date | None = None
    answered_on: dt.date | None = None
    overdue: bool = False


def petition_public_track(petition: Petition, *, today: dt.date | None = None) -> PublicTrack:
    """The dated steps of a petition for its public lookup (two queries).

    Only dates and the names of states are read: never who acted, the agency's or the Office's texts, internal
    notes or the submitter's contact. A step's date is the day of the business fact where one is recorded
    (received, transferred, answered by the agency), else the day the state was entered in the register, but
    never after a later step's recorded date: a petition classified in the register after its transfer was
    classified by then."""
    today = today or timezone.localdate()
    State = Petition.State
    followup = (
        FollowUp.objects.of_sources([petition])
        .only("assigned_date", "due_date", "first_answered_on", "closed_on")
        .order_by("-pk")
        .first()
    )
    changes = []
    previous = None
    for state, at in petition.history.order_by("history_date", "history_id").values_list(
        "state", "history_date"
    ):
        if state != previous:
            changes.append((state, timezone.localdate(at)))
            previous = state
    track = PublicTrack(steps=[PublicStep(str(_("Received")), petition.received_on, recorded=True)])
    labels = dict(State.choices)
    for state, on in changes:
        if state == State.RECORDED:
            continue
        step = PublicStep(str(labels.get(state, state)), on)
        if state == State.TRANSFERRED and followup is not None:
            step.on, step.recorded = followup.assigned_date, True
        track.steps.append(step)
        if state == State.TRANSFERRED and followup is not None and followup.first_answered_on:
            track.steps.append(PublicStep(str(_("The agency answered")), followup.first_answered_on, True))
    limit = None
    for step in reversed(track.steps):
        if step.recorded and step.on is not None:
            limit = step.on if limit is None else min(limit, step.on)
        elif limit is not None and step.on is not None and step.on > limit:
            step.on = limit
    if followup is not None and petition.state != State.MERGED:
        track.due_date = followup.due_date
        track.answered_on = followup.first_answered_on
        track.overdue = followup.first_answered_on is None and followup.due_date < today
    return track


def petition_duplicates(council, petition: Petition) -> list[tuple[float, Petition, str]]:
    """The petitions likely to repeat this one, best first, each with its score and how the two can be merged
    (``merge_direction``: "here", "there" or ""); none for a petition merged away. The duplicate finder's
    fixed number of queries, and one for which of them are already with an agency."""
    if petition.state == Petition.State.MERGED:
        return []
    found = petitions_like(council, page_text(petition), **page_options(petition))
    transferred = set(
        FollowUp.objects.of_sources([petition, *(other for _score, other in found)]).values_list(
            "source_id", flat=True
        )
    )
    return [
        (score, other, merge_direction(petition, other, transferred=transferred)) for score, other in found
    ]


def published_answers(council, *, field_id: int | None = None, unit_id: int | None = None, query: str = ""):
    """The council's published answers to petitions, newest first: what the public page and the open-data
    API show (tracking code, dates, field, commune, agency, subject, answer summary; never who sent it).

    ``query`` (already folded) is matched against the subject and the answer only, never the petition's full
    text. One query, plus one to find the matches when searching."""
    petitions = (
        Petition.objects.filter(council=council, published=True)
        .select_related("field", "admin_unit", "agency")
        .order_by("-received_on", "-pk")
    )
    if field_id is not None:
        petitions = petitions.filter(field_id=field_id)
    if unit_id is not None:
        petitions = petitions.filter(admin_unit_id=unit_id)
    if query:
        matches = [
            pk
            for pk, title, answer in petitions.values_list("pk", "title", "answer_summary")
            if query in fold(f"{title} {answer}")
        ]
        petitions = petitions.filter(pk__in=matches)
    return petitions


# --- Consultations on drafts ---------------------------------------------------------------------------


def consultations_in(council, start: dt.date, end: dt.date) -> list:
    """The consultations closed in the period (by end date), each with ``responses``, its total count, and
    its adopted resolution joined in (one query)."""
    from .consultations import Consultation

    return list(
        Consultation.objects.filter(council=council)
        .closed_between(start, end)
        .with_total()
        .select_related("resolution", "committee")
        .order_by("end_date", "pk")
    )


def consultation_responses_in(council, start: dt.date, end: dt.date) -> int:
    """The responses counted for the consultations closed in the period, every channel together."""
    from .consultations import ConsultationResponseCount

    total = ConsultationResponseCount.objects.filter(
        consultation__council=council,
        consultation__status="closed",
        consultation__end_date__range=(start, end),
    ).aggregate(n=Sum("count"))["n"]
    return total or 0


@dataclass
class ConsultationCounts:
    """A consultation's responses by channel: every channel used, counted or not yet, and the total."""

    rows: list = field(default_factory=list)  # (channel, count or None)
    total: int = 0
    complete: bool = False  # every channel used has a count


def consultation_counts(consultation) -> ConsultationCounts:
    """The responses of each channel the consultation used (two queries)."""
    counted = {
        row.channel_id: row.count
        for row in consultation.response_counts.all()  # prefetched or one query
    }
    channels = list(consultation.channels.order_by("order", "pk"))
    rows = [(channel, counted.get(channel.pk)) for channel in channels]
    return ConsultationCounts(
        rows=rows,
        total=sum(counted.values()),
        complete=bool(channels) and all(count is not None for _c, count in rows),
    )
