"""The founding conclusion's session targets, computed from the records (T2, T3, T4)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from council.models import FollowUp, Term
from council.quota import quota_status
from council.text import natural_key
from delegates.models import DelegateGroup, GroupMembership, Mandate

from .models import AgendaItem, Resolution, ResolutionQualityEvent, Session, Speech, Vote


@dataclass
class GroupContribution:
    group: DelegateGroup
    speeches: int = 0
    speakers: set = field(default_factory=set)
    window_open: bool = False  # the session is not over yet: a group at zero can still speak

    @property
    def met(self) -> bool:
        return self.speeches > 0

    @property
    def status(self) -> str:
        return quota_status(self.met, window_open=self.window_open)


def session_window_open(session: Session, today: dt.date | None = None) -> bool:
    """Whether T2 can still be met at the session: it has not closed and its last day has not passed."""
    today = today or timezone.localdate()
    return session.state not in (Session.State.CLOSED, Session.State.PUBLISHED) and session.end_date >= today


@dataclass
class SessionT2:
    session: Session
    groups: list[GroupContribution]

    @property
    def met_count(self) -> int:
        return sum(1 for g in self.groups if g.met)

    @property
    def met(self) -> bool:
        return bool(self.groups) and all(g.met for g in self.groups)

    @property
    def status(self) -> str:
        return quota_status(self.met if self.groups else None, window_open=session_window_open(self.session))

    @property
    def missing(self) -> list[GroupContribution]:
        return [g for g in self.groups if not g.met]


def _covers(membership: GroupMembership, day: dt.date) -> bool:
    return membership.start_date <= day and (membership.end_date is None or membership.end_date >= day)


def session_t2(session: Session) -> SessionT2:
    """Per delegate group: plenary contributions at the session by members, counted on the day they spoke.

    A speech counts for the group the delegate belonged to on the sitting's date, so a delegate who
    moves group mid-term counts for the right group at each session. Two queries, whatever the size.
    """
    groups = sorted(DelegateGroup.objects.filter(term_id=session.term_id), key=lambda g: natural_key(g.name))
    window_open = session_window_open(session)
    result = {g.pk: GroupContribution(g, window_open=window_open) for g in groups}
    memberships = defaultdict(list)
    for m in GroupMembership.objects.filter(group__term_id=session.term_id).only(
        "group_id", "mandate_id", "start_date", "end_date"
    ):
        memberships[m.mandate_id].append(m)
    speeches = Speech.objects.filter(
        sitting__session=session,
        venue=Speech.Venue.PLENARY,
        kind__in=Speech.CONTRIBUTIONS,
        mandate__isnull=False,
    ).values_list("mandate_id", "sitting__date")
    for mandate_id, day in speeches:
        for membership in memberships.get(mandate_id, ()):
            if _covers(membership, day) and membership.group_id in result:
                result[membership.group_id].speeches += 1
                result[membership.group_id].speakers.add(mandate_id)
    return SessionT2(session, [result[g.pk] for g in groups])


@dataclass
class DelegateT3:
    mandate: Mandate
    speeches: int

    @property
    def met(self) -> bool:
        return self.speeches > 0

    @property
    def status(self) -> str:
        """T3 stays open until the delegate's mandate (or the term) ends."""
        closes_on = self.mandate.end_date or self.mandate.term.end_date
        return quota_status(self.met, window_open=closes_on >= timezone.localdate())


def term_t3(term: Term, *, until: dt.date | None = None) -> list[DelegateT3]:
    """Per mandate of the term: contributions (any venue) made inside the mandate's own dates (and, given
    ``until``, on or before that day: a past period's figure does not grow with later speeches)."""
    mandates = list(
        Mandate.objects.filter(term=term).select_related("delegate", "term").order_by("delegate__name_folded")
    )
    counts: defaultdict[int, int] = defaultdict(int)
    speeches = Speech.objects.filter(mandate__term=term, kind__in=Speech.CONTRIBUTIONS)
    if until is not None:
        speeches = speeches.filter(sitting__date__lte=until)
    by_pk = {m.pk: m for m in mandates}
    for mandate_id, day in speeches.values_list("mandate_id", "sitting__date"):
        mandate = by_pk.get(mandate_id)
        if mandate is not None and mandate.is_active_on(day):
            counts[mandate_id] += 1
    return [DelegateT3(m, counts[m.pk]) for m in mandates]


@dataclass
class SessionT4:
    session: Session
    presentation: int
    discussion: int

    @property
    def discussion_share(self) -> float | None:
        total = self.presentation + self.discussion
        return round(100 * self.discussion / total, 1) if total else None


def agenda_minutes(sessions: Iterable[Session]) -> dict[int, SessionT4]:
    """T4 per session that has an agenda: its presentation and discussion minutes, each item counted by its
    actual minutes where the Office recorded them, otherwise the planned ones. One query, whatever the size.

    The dashboard's T4 and the session page's trend both read this, so the rule is written once.
    """
    by_pk = {session.pk: session for session in sessions}
    totals = (
        AgendaItem.objects.filter(session__in=list(by_pk))
        .values("session")
        .annotate(
            presentation=Sum(Coalesce("actual_presentation", "planned_presentation"), default=0),
            discussion=Sum(Coalesce("actual_discussion", "planned_discussion"), default=0),
        )
        .order_by()
    )
    return {
        row["session"]: SessionT4(by_pk[row["session"]], row["presentation"], row["discussion"])
        for row in totals
    }


def t4_trend(council, *, until: Session | None = None, limit: int = 8) -> list[SessionT4]:
    """Presentation vs discussion minutes (actual, else planned) for the council's latest sessions."""
    latest = Session.objects.filter(council=council)
    if until is not None:
        latest = latest.filter(start_date__lte=until.start_date)
    sessions = list(latest.order_by("-start_date")[:limit])
    minutes = agenda_minutes(sessions)
    return [minutes.get(session.pk, SessionT4(session, 0, 0)) for session in reversed(sessions)]


def resolution_record(resolution: Resolution) -> dict[str, Any]:
    """What a resolution's page shows beside the record: the oversight of its implementation, its vote with
    the vote's last 20 changes and the counts of an entered roll call, and its tasks each with its follow-up
    (six queries at most, whatever the number of tasks)."""
    from .services.resolutions import roll_call_counts  # a read kept beside the roll call it checks

    tasks = list(resolution.tasks.all())
    followups = FollowUp.objects.by_source(tasks)
    vote = Vote.objects.filter(resolution=resolution).first()
    return {
        # The reverse relation is declared by the oversight app (higher in the layering); no import needed.
        "oversight": list(resolution.oversight_activities.all()),
        "vote": vote,
        "vote_history": (
            vote.history.select_related("history_user").order_by("-history_date", "-history_id")[:20]
            if vote
            else []
        ),
        "roll_call": roll_call_counts(vote) if vote else None,
        "tasks": [(t, followups.get(t.pk)) for t in tasks],
    }


def resolution_quality(resolution: Resolution) -> dict[str, list[ResolutionQualityEvent]]:
    """What later happened to a resolution, oldest first, and the events it brought about on others (as the
    amending or replacing resolution): two queries."""
    return {
        "quality_events": list(resolution.quality_events.select_related("amended_by", "recorded_by")),
        "quality_caused": list(
            resolution.quality_events_caused.select_related("resolution").order_by("date", "pk")
        ),
    }


def resolution_quality_in(council, start: dt.date, end: dt.date) -> list[ResolutionQualityEvent]:
    """The council's resolution quality events dated between ``start`` and ``end`` (both included), by date,
    each with its resolution and amending resolution loaded (one query), for the periodic reports."""
    return list(
        ResolutionQualityEvent.objects.for_council(council)
        .filter(date__range=(start, end))
        .select_related("resolution", "amended_by")
        .order_by("date", "pk")
    )
