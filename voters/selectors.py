"""Reads for the voters pages: duplicate suggestions for opinions, a petition's sources, the pre-session
petition report."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from . import similarity
from .models import Petition, VoterOpinion
from .services import DUPLICATE_WINDOW_DAYS


def suggest_for_opinions(
    council, opinions, *, today: dt.date | None = None
) -> dict[int, list[tuple[float, Petition]]]:
    """For each unconsolidated opinion, the petitions it most likely repeats (one query for all of them)."""
    pending = [o for o in opinions if not o.petition_id]
    if not pending:
        return {}
    since = (today or timezone.localdate()) - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    candidates = list(
        Petition.objects.filter(council=council, received_on__gte=since)
        .exclude(state=Petition.State.MERGED)
        .values_list("pk", "search_text")
    )
    scored = {o.pk: similarity.best_matches(o.text, candidates, limit=3) for o in pending}
    wanted = {pk for matches in scored.values() for _score, pk in matches}
    petitions = Petition.objects.in_bulk(list(wanted))
    return {
        opinion_id: [(score, petitions[pk]) for score, pk in matches if pk in petitions]
        for opinion_id, matches in scored.items()
        if matches
    }


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
    labels = dict(VoterOpinion._meta.get_field("channel").flatchoices)
    report.by_channel = [(labels.get(row["channel"], row["channel"]), row["n"]) for row in channels]
    return report
