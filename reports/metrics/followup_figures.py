"""Figures read from the follow-ups: what fell due, what was answered on time, done, or overdue."""

from django.db.models import F, Q

from council.models import Council, FollowUp
from council.models.followups import CouncilStatus, SourceKind

from .base import as_of, within


def answered_on_time() -> Q:
    """The on-time rule: the agency's first answer was given on or before the due date."""
    return Q(first_answered_on__isnull=False, first_answered_on__lte=F("due_date"))


def _followups(kind: str, council: Council):
    return FollowUp.objects.filter(council=council, source_kind=kind)


def _commitments_due(c, w):
    return _followups(SourceKind.COMMITMENT, c).filter(due_date__range=(w.start, as_of(w)))


def _done_by_end(qs, w):
    return qs.filter(council_status=CouncilStatus.DONE, closed_on__lte=w.end)


def _recommendations(c, w):
    return _followups(SourceKind.RECOMMENDATION, c).filter(within("assigned_date", w))


def _recommendations_due(c, w):
    return _followups(SourceKind.RECOMMENDATION, c).filter(due_date__lte=as_of(w))


def _leadership_recommendations(c, w):
    return _recommendations(c, w).filter(report_to_leadership=True)


def _petition_answers_due(c, w):
    return _followups(SourceKind.PETITION, c).filter(due_date__range=(w.start, as_of(w)))


def _answered_on_time(qs, w):
    return qs.filter(answered_on_time())


def _petitions_overdue(c, w):
    on = as_of(w)
    return (
        _followups(SourceKind.PETITION, c)
        .filter(due_date__lt=on, assigned_date__lte=on)
        .filter(Q(first_answered_on__isnull=True) | Q(first_answered_on__gt=on))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
    )
