"""Who may read the council's figures and reports: the overview readers; the Office keeps the reports, and
the Standing Committee and the leadership read those issued."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from council.models import Council, Role, User
from council.permissions import MANAGERS, roles_in

from .models import Report

ISSUED_READERS = frozenset({Role.STANDING, Role.LEADERSHIP})


def reports_visible_to(user: User, council: Council | None) -> QuerySet[Report]:
    """Every council report for the Office; the issued ones for the Standing Committee and leadership."""
    roles = roles_in(user, council)
    reports = Report.objects.filter(council=council)
    if roles & MANAGERS:
        return reports
    if roles & ISSUED_READERS:
        return reports.issued()
    return reports.none()


def get_report_for_user_or_404(user: User, council: Council | None, pk: int) -> Report:
    """A report the user may read; a draft they may not see is a 404, like a missing report."""
    return get_object_or_404(reports_visible_to(user, council).select_related("session"), pk=pk)
