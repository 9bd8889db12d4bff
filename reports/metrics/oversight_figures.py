"""Figures read from oversight and reporting to the leadership: activities, surveys, explanation sessions
and hearings, and the proactive reports to the Party Standing Board (T1)."""

from oversight.models import Accountability, OversightActivity, SurveyVisit
from reports.models import Report

from .base import within


def _activities(c, w):
    return OversightActivity.objects.filter(
        council=c, period_start__lte=w.end, period_end__gte=w.start
    ).exclude(state=OversightActivity.State.PLANNED)


def _reoversight(c, w):
    return _activities(c, w).filter(kind=OversightActivity.Kind.RE_OVERSIGHT)


def _surveys(c, w):
    return SurveyVisit.objects.filter(within("date", w), activity__council=c).select_related(
        "activity", "place"
    )


def _accountability(kind):
    def records(c, w):
        return Accountability.objects.filter(within("date", w), council=c, kind=kind)

    return records


def _proactive_reports(c, w):
    return Report.objects.filter(
        council=c, kind=Report.Kind.PROACTIVE, state=Report.State.ISSUED, issued_on__range=(w.start, w.end)
    )
