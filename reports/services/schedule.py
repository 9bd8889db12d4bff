"""The schedule: which reports are due for each council, runs to take over, and the T1 reminder."""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.models import Council, Role, User
from council.queue import enqueue
from council.services.followups import queue_mail
from council.workdays import WorkCalendar
from sessions.models import Session

from ..models import Report
from ..periods import Period
from .runs import MAX_ATTEMPTS, QUEUED_STALE_AFTER, STALE_AFTER, report_regenerate, report_request


def due_reports(council: Council, today: dt.date) -> list[tuple[str, Period | None, Any]]:
    """The reports whose time has come: each period's report from the first working day after it ends,
    and the petition report of a regular session from 20 days before it opens."""
    calendar = WorkCalendar.load(council, today - dt.timedelta(days=40), today)
    due: list[tuple[str, Period | None, Any]] = []
    quarter = Period("Q", today.year, (today.month - 1) // 3 + 1).previous()
    if calendar.is_working_day(today) and (today - quarter.end).days <= 31:
        due.append((Report.Kind.QUARTERLY, quarter, None))
        if quarter.index in (2, 4):
            half = Period("H", quarter.year, quarter.index // 2)
            due += [(Report.Kind.HALF_YEAR, half, None), (Report.Kind.PROACTIVE, half, None)]
        if quarter.index == 4:
            due.append((Report.Kind.ANNUAL, Period("Y", quarter.year), None))
    upcoming = Session.objects.filter(
        council=council, kind=Session.Kind.REGULAR, start_date__range=(today, today + dt.timedelta(days=20))
    )
    due += [(Report.Kind.PETITIONS, None, s) for s in upcoming]
    return due


def reports_schedule(today: dt.date | None = None) -> list[Report]:
    """For every council, ask for the reports that are due and do not exist yet (idempotent: the daily beat
    run and any second beat process find them already there)."""
    today = today or timezone.localdate()
    queued = []
    for council in Council.objects.order_by("pk"):
        for kind, period, session in due_reports(council, today):
            report, created = report_request(
                actor=None, council=council, kind=kind, period=period, session=session
            )
            if not created and _drafted_too_early(report):
                # Asked for on demand while its period was running: now that it is over, draft it again.
                report_regenerate(report, actor=None)
                created = True
            if created:
                queued.append(report)
        t1_reminder(council, today)
    return queued


def _drafted_too_early(report: Report) -> bool:
    return (
        report.state == Report.State.DRAFT
        and report.generated_at is not None
        and timezone.localtime(report.generated_at).date() <= report.period_end
    )


def reports_recover() -> int:
    """Queue again the runs whose worker died (stale heartbeat) or whose message was lost (queued too long);
    return how many."""
    now = timezone.now()
    stale = now - STALE_AFTER
    Report.objects.filter(state=Report.State.RUNNING, heartbeat__lt=stale, attempts__gte=MAX_ATTEMPTS).update(
        state=Report.State.FAILED,
        error=f"The run stopped {MAX_ATTEMPTS} times without finishing (a worker died each time).",
    )
    stuck = Report.objects.filter(
        Q(state=Report.State.RUNNING, heartbeat__lt=stale)
        | Q(state=Report.State.QUEUED, heartbeat__lt=now - QUEUED_STALE_AFTER)
    )
    queued = list(stuck.values_list("pk", flat=True))
    for pk in queued:
        enqueue("reports.tasks.report_generate_task", pk)
    return len(queued)


# From this month on, the Office is warned when the year's two proactive reports are not yet issued.
T1_WARN_FROM_MONTH = 9


def t1_status(council: Council, year: int) -> int:
    """How many proactive reports the council issued in ``year``."""
    return Report.objects.filter(
        council=council, kind=Report.Kind.PROACTIVE, state=Report.State.ISSUED, issued_on__year=year
    ).count()


def t1_warning(council: Council, today: dt.date) -> str:
    """A warning for the Office when the year is running out and T1 is not met (else an empty string)."""
    issued = t1_status(council, today.year)
    if issued >= 2 or today.month < T1_WARN_FROM_MONTH:
        return ""
    return _(
        "Only %(issued)s of the 2 proactive reports to the Party Standing Board required this year (T1) have "
        "been issued; the year ends on 31/12/%(year)s."
    ) % {"issued": issued, "year": today.year}


def t1_reminder(council: Council, today: dt.date) -> None:
    """Mail the Office once a month while the warning stands."""
    with translation.override("vi"):
        warning = t1_warning(council, today)
        if not warning:
            return
        office = User.objects.filter(roles__council=council, roles__role=Role.OFFICE, is_active=True).exclude(
            email=""
        )
        queue_mail(
            council,
            f"t1-reminder:{council.pk}:{today:%Y-%m}",
            sorted(set(office.values_list("email", flat=True))),
            _("Proactive reports this year (T1)"),
            warning,
        )
