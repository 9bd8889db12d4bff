"""Writes of the reports app: the scorecard's targets, report runs, issuing, and the schedule.

``targets`` seeds and adds scorecard targets; ``runs`` asks for, generates and issues reports (one per
council, kind and period, under a claimed token); ``files`` writes a run's files and puts them in place;
``schedule`` asks for the reports that are due and takes over dead runs. Import from ``reports.services``.
"""

from .files import PARTIAL_DIR
from .runs import (
    HEARTBEAT_EVERY,
    MAX_ATTEMPTS,
    QUEUED_STALE_AFTER,
    STALE_AFTER,
    check_kind,
    kinds_for,
    report_generate,
    report_issue,
    report_regenerate,
    report_request,
    session_period,
    term_period,
)
from .schedule import (
    T1_WARN_FROM_MONTH,
    due_reports,
    report_scopes,
    reports_recover,
    reports_schedule,
    t1_reminder,
    t1_status,
    t1_warning,
)
from .targets import DEFAULT_TARGETS, target_create, targets_seed

__all__ = [
    "DEFAULT_TARGETS",
    "HEARTBEAT_EVERY",
    "MAX_ATTEMPTS",
    "PARTIAL_DIR",
    "QUEUED_STALE_AFTER",
    "STALE_AFTER",
    "T1_WARN_FROM_MONTH",
    "check_kind",
    "due_reports",
    "report_scopes",
    "kinds_for",
    "report_generate",
    "report_issue",
    "report_regenerate",
    "report_request",
    "reports_recover",
    "reports_schedule",
    "session_period",
    "term_period",
    "t1_reminder",
    "t1_status",
    "t1_warning",
    "target_create",
    "targets_seed",
]
