"""Figures read from the delegates' work: training, evaluation, action programmes, group meetings and
emulation."""

import datetime as dt

from django.db.models import Q

from delegates.models import (
    CommitmentAssessment,
    GroupMeeting,
    Mandate,
    Nomination,
    TrainingAttendance,
    TrainingCourse,
)

from .base import term_at, within


def _trainings(c, w):
    return TrainingCourse.objects.filter(within("start_date", w), council=c)


def _invitations(c, w):
    return TrainingAttendance.objects.filter(course__council=c, course__start_date__range=(w.start, w.end))


def _mandates_of_year(c, w):
    term = term_at(c, w.end)
    if term is None:
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(council=c, term=term, start_date__lte=w.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(w.end.year, 1, 1)))
        .select_related("delegate")
    )


def _evaluated(qs, w):
    return qs.filter(evaluations__year=w.end.year, evaluations__standing_rating__gt="")


def _assessments(c, w):
    return CommitmentAssessment.objects.filter(
        commitment__program__mandate__council=c, year__range=(w.start.year, w.end.year)
    )


def _nominations(c, w):
    return Nomination.objects.filter(movement__council=c, year__range=(w.start.year, w.end.year))


def _exemplary(c, w):
    return _nominations(c, w).filter(exemplary=True)


def _group_meetings(c, w):
    return GroupMeeting.objects.filter(within("date", w), group__council=c)
