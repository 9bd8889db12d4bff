"""The schedule: which reports are due for each council, runs to take over, and the T1 reminder."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.models import Council, Role, Term, User
from council.queue import enqueue
from council.services.followups import queue_mail
from council.workdays import WorkCalendar
from delegates.selectors import party_members
from sessions.models import Session

from ..kinds import AFTER_PERIOD, BEFORE_SESSION, COMMITTEE, GROUP, KINDS, PARTY, TERM_REVIEW_FROM, KindSpec
from ..models import Report
from ..periods import Period
from .runs import MAX_ATTEMPTS, QUEUED_STALE_AFTER, STALE_AFTER, report_regenerate, report_request


def _ended_periods(today: dt.date, calendar: WorkCalendar) -> list[Period]:
    """The periods whose reports fall due now: the last quarter, and the half-year and year it closes,
    from the first working day after they end (for a month)."""
    quarter = Period("Q", today.year, (today.month - 1) // 3 + 1).previous()
    if not calendar.is_working_day(today) or (today - quarter.end).days > 31:
        return []
    periods = [quarter]
    if quarter.index in (2, 4):
        periods.append(Period("H", quarter.year, quarter.index // 2))
    if quarter.index == 4:
        periods.append(Period("Y", quarter.year))
    return periods


def report_scopes(spec: KindSpec, council: Council, on: dt.date) -> list[dict]:
    """What one kind's reports are about: the council itself, or each of its committees or current groups."""
    if spec.scope == COMMITTEE:
        return [{"committee": c} for c in council.committees.filter(is_active=True).order_by("kind")]
    if spec.scope == GROUP:
        groups = council.delegate_groups.filter(term__start_date__lte=on, term__end_date__gte=on)
        return [{"group": g} for g in groups.order_by("name")]
    return [{}]


def due_reports(council: Council, today: dt.date) -> list[tuple[str, Period | None, dict]]:
    """The reports whose time has come, as (kind, period, what it is about), by what each kind declares
    (``reports.kinds``): a period's reports from the first working day after it ends, a session's from 20
    days before a regular session opens, the end-of-term review in the term's last three months. A Party
    delegation's report is due only where the council has one."""
    calendar = WorkCalendar.load(council, today - dt.timedelta(days=40), today)
    periods = _ended_periods(today, calendar)
    upcoming = list(
        Session.objects.filter(
            council=council,
            kind=Session.Kind.REGULAR,
            start_date__range=(today, today + dt.timedelta(days=20)),
        )
    )
    ending = list(
        Term.objects.filter(council=council, end_date__gte=today, end_date__lte=today + TERM_REVIEW_FROM)
    )
    due: list[tuple[str, Period | None, dict]] = []
    for spec in KINDS.values():
        if spec.form == PARTY and not party_members(council, today):
            continue
        wanted: list[tuple[Period | None, dict]]
        if spec.schedule == AFTER_PERIOD:
            wanted = [(p, {}) for p in periods if p.kind in spec.covers]
        elif spec.schedule == BEFORE_SESSION:
            wanted = [(None, {"session": s}) for s in upcoming]
        else:
            wanted = [(None, {"term": t}) for t in ending]
        for period, about in wanted:
            due += [(spec.kind, period, {**about, **scope}) for scope in report_scopes(spec, council, today)]
    return due


def reports_schedule(today: dt.date | None = None) -> list[Report]:
    """For every council, ask for the reports that are due and do not exist yet (idempotent: the daily beat
    run and any second beat process find them already there)."""
    today = today or timezone.localdate()
    queued = []
    for council in Council.objects.order_by("pk"):
        for kind, period, about in due_reports(council, today):
            report, created = report_request(actor=None, council=council, kind=kind, period=period, **about)
            if not created and _drafted_too_early(report, today):
                # Asked for on demand while its period was running: now that it is over, draft it again.
                try:
                    report_regenerate(report, actor=None)
                except ValidationError:
                    continue  # a second beat queued it a moment ago (or it was issued since): nothing to do
                created = True
            if created:
                queued.append(report)
        t1_reminder(council, today)
    return queued


def _drafted_too_early(report: Report, today: dt.date) -> bool:
    """A draft made before its period ended, now that it has (a report due before its period ends, such as
    a session's, is not drafted again every day)."""
    return (
        report.state == Report.State.DRAFT
        and report.generated_at is not None
        and report.period_end < today
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
    stuck_runs = Q(state=Report.State.RUNNING, heartbeat__lt=stale)
    lost = Q(state=Report.State.QUEUED, heartbeat__lt=now - QUEUED_STALE_AFTER)
    # The reports worker takes one report at a time, so after the 06:30 run a queued report may wait its
    # turn for a long while: it is taken for lost only once the reports queue is empty (else each run of
    # this, every 30 s, would add another copy of every waiting report to the queue).
    stuck = Report.objects.filter(stuck_runs if _reports_waiting() else stuck_runs | lost)
    queued = list(stuck.values_list("pk", flat=True))
    for pk in queued:
        enqueue("reports.tasks.report_generate_task", pk)
    return len(queued)


def _reports_waiting() -> int:
    """How many messages wait in the reports queue (0 without a broker, or when it does not answer)."""
    from django.conf import settings

    from council.health import queue_waiting

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return 0
    queue = settings.CELERY_TASK_ROUTES["reports.tasks.report_generate_task"]["queue"]
    return queue_waiting([queue])[queue] or 0


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
