"""Writes of the reports app: the scorecard's targets, report runs, issuing, and the schedule."""

import dataclasses
import datetime as dt
import logging
import os
import re
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import Council, Role, User
from council.personal_data import Redactor, active
from council.resilience import publish
from council.services import record_create, record_save
from council.services.followups import queue_mail
from council.uploads import get_private_storage
from council.workdays import WorkCalendar

from .models import KpiTarget, Report
from .periods import Period

logger = logging.getLogger(__name__)
Cadence = KpiTarget.Cadence

# The founding conclusion's targets (docs/targets.md) as scorecard lines: code, figure, threshold, cadence.
DEFAULT_TARGETS = [
    (
        "T1",
        "proactive_reports",
        2,
        Cadence.YEAR,
        gettext_lazy("At least two proactive reports a year to the Party Standing Board"),
    ),
    (
        "T2",
        "t2_sessions",
        100,
        Cadence.PERIOD,
        gettext_lazy("Every delegate group speaks in the plenary at every session"),
    ),
    (
        "T3",
        "t3_delegates",
        100,
        Cadence.TERM,
        gettext_lazy("Every delegate speaks at least once in the term"),
    ),
    (
        "T4",
        "t4_discussion",
        50,
        Cadence.PERIOD,
        gettext_lazy(
            "Shorter presentations, longer discussion: at least half of the sitting time in discussion"
        ),
    ),
    (
        "T5.1",
        "resolutions_monitored",
        50,
        Cadence.TERM,
        gettext_lazy("The implementation of the council's resolutions is overseen"),
    ),
    ("T5.2", "reoversight", 1, Cadence.YEAR, gettext_lazy("Re-oversight is carried out every year")),
    ("T5.3", "interpellations_between", 1, Cadence.YEAR, gettext_lazy("Interpellation between sessions")),
    ("T5.4", "explanations", 1, Cadence.YEAR, gettext_lazy("Explanation sessions are held")),
    ("T5.5", "hearings", 1, Cadence.YEAR, gettext_lazy("Hearings are held")),
    (
        "T5.6",
        "recommendations_done",
        80,
        Cadence.PERIOD,
        gettext_lazy("Oversight recommendations are carried out by their due date"),
    ),
    ("T6.1", "surveys", 1, Cadence.PERIOD, gettext_lazy("Field surveys in every period")),
    (
        "T6.2",
        "recommendations_leadership",
        1,
        Cadence.YEAR,
        gettext_lazy("Important recommendations are selected to report to the leadership"),
    ),
    ("T7.1", "trainings", 1, Cadence.YEAR, gettext_lazy("Delegates are trained every year")),
    ("T7.2", "evaluations", 100, Cadence.YEAR, gettext_lazy("Every delegate is evaluated every year")),
    (
        "T7.3",
        "assessments",
        1,
        Cadence.YEAR,
        gettext_lazy("Delegates' action programmes announced to voters are assessed"),
    ),
    ("T8.1", "voter_meetings", 1, Cadence.PERIOD, gettext_lazy("Voter meetings in every period")),
    ("T8.2", "consultations", 1, Cadence.YEAR, gettext_lazy("Citizens are consulted")),
    (
        "T9",
        "exemplary",
        1,
        Cadence.YEAR,
        gettext_lazy("At least one exemplary model, collective or individual introduced a year"),
    ),
]


def targets_seed(council: Council, *, actor: User | None) -> int:
    """Create the founding conclusion's targets the council does not have yet (in Vietnamese, the council's
    language); return how many were created. Targets the Office edited are left as they are."""
    existing = set(KpiTarget.objects.filter(council=council).values_list("code", flat=True))
    created = 0
    with translation.override("vi"):
        for order, (code, metric, threshold, cadence, description) in enumerate(DEFAULT_TARGETS, start=1):
            if code in existing:
                continue
            record_create(
                KpiTarget,
                actor=actor,
                council=council,
                code=code,
                metric=metric,
                threshold=threshold,
                cadence=cadence,
                description=str(description),
                order=order * 10,
            )
            created += 1
    return created


def target_create(*, actor: User | None, council: Council, **data: Any) -> KpiTarget:
    return record_create(KpiTarget, actor=actor, council=council, **data)


# ---------------------------------------------------------------- which report covers what

# The kinds a period code stands for: a quarter, a half-year, a year.
KINDS_BY_PERIOD = {
    "Q": [Report.Kind.QUARTERLY],
    "H": [Report.Kind.HALF_YEAR, Report.Kind.PROACTIVE],
    "Y": [Report.Kind.ANNUAL],
}


def kinds_for(period: Period) -> list[str]:
    return list(KINDS_BY_PERIOD[period.kind])


def check_kind(kind: str, period: Period) -> None:
    if kind not in kinds_for(period):
        allowed = ", ".join(str(Report.Kind(k).label) for k in kinds_for(period))
        raise ValidationError(
            _("A %(kind)s does not cover %(period)s; for that period: %(allowed)s.")
            % {"kind": Report.Kind(kind).label.lower(), "period": period.short_label(), "allowed": allowed}
        )


def session_period(session) -> str:
    return f"session-{session.pk}"


# ---------------------------------------------------------------- runs


def _queue(report: Report) -> None:
    from .tasks import report_generate_task

    # The row is queued in the database: if the broker is down, the recovery run picks it up.
    transaction.on_commit(lambda: publish(report_generate_task, report.pk))


def report_request(
    *,
    actor: User | None,
    council: Council,
    kind: str,
    period: Period | None = None,
    session=None,
    regenerate: bool = False,
) -> tuple[Report, bool]:
    """Ask for the report of a council, kind and period; return it and whether a run was queued.

    There is exactly one report per (council, kind, period): asking again returns the one there is, and a
    run is queued only when it has none yet or a draft is to be regenerated. An issued report is frozen.
    """
    if kind == Report.Kind.PETITIONS:
        if session is None or session.council_id != council.pk:
            raise ValidationError(_("Choose a session of this council for the petition report."))
        code, start, end = session_period(session), session.start_date, session.start_date
    else:
        if period is None:
            raise ValidationError(_("Choose a period."))
        check_kind(kind, period)
        code, start, end = period.code, period.start, period.end
    try:
        with transaction.atomic():
            report = Report.objects.create(
                council=council,
                kind=kind,
                period=code,
                period_start=start,
                period_end=end,
                session=session if kind == Report.Kind.PETITIONS else None,
                requested_by=actor,
                heartbeat=timezone.now(),
            )
            created = True
    except IntegrityError:
        report = Report.objects.get(council=council, kind=kind, period=code)
        created = False
    if created:
        _queue(report)
        return report, True
    if regenerate:
        report_regenerate(report, actor=actor)
        return report, True
    return report, False


@transaction.atomic
def report_regenerate(report: Report, *, actor: User | None) -> Report:
    """Queue a new run of a draft (or failed) report; an issued one is frozen."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state == Report.State.ISSUED:
        raise ValidationError(_("This report has been issued: it is frozen and cannot be regenerated."))
    if report.is_busy:
        raise ValidationError(_("This report is being generated; wait until the run ends."))
    report.state, report.progress, report.step, report.error = Report.State.QUEUED, 0, "", ""
    report.attempts, report.heartbeat = 0, timezone.now()
    report.requested_by = actor or report.requested_by
    record_save(
        report,
        actor=actor,
        update_fields=["state", "progress", "step", "error", "requested_by", "attempts", "heartbeat"],
    )
    _queue(report)
    return report


# A running report's heartbeat is renewed every HEARTBEAT_EVERY seconds by a thread of its run, even during a
# long step; a run whose heartbeat is older than STALE_AFTER died with its worker, and the recovery run (every
# 30 s) takes it over: within two minutes. A queued run whose message was lost is queued again after
# QUEUED_STALE_AFTER. After MAX_ATTEMPTS runs that died, the report is marked failed, not tried forever.
HEARTBEAT_EVERY = 15
STALE_AFTER = dt.timedelta(seconds=60)
QUEUED_STALE_AFTER = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 3
# Files being written live here, under the run's token, until the run commits and renames them into place;
# a run that died leaves only this folder, which the run taking over (or cleanup_files) removes.
PARTIAL_DIR = "reports/partial"


def _claim(report_id: int) -> str | None:
    """Take the run of a report if nobody holds it; return the run's token, or None (a no-op)."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimable = Q(state__in=[Report.State.QUEUED, Report.State.FAILED]) | Q(
        state=Report.State.RUNNING, heartbeat__lt=now - STALE_AFTER, attempts__lt=MAX_ATTEMPTS
    )
    previous = Report.objects.filter(pk=report_id).values_list("run_token", flat=True).first()
    taken = Report.objects.filter(claimable, pk=report_id).update(
        state=Report.State.RUNNING,
        run_token=token,
        heartbeat=now,
        progress=0,
        step="",
        error="",
        attempts=F("attempts") + 1,
    )
    if taken and previous:
        _remove_partial(previous)  # what a dead run had half written
    return token if taken else None


def _remove_partial(token: str) -> None:
    import shutil

    folder = get_private_storage().path(f"{PARTIAL_DIR}/{token}")
    shutil.rmtree(folder, ignore_errors=True)


class _Heartbeat:
    """Renew a run's heartbeat from a thread while the run works, so a long step never looks dead."""

    def __init__(self, report_id: int, token: str):
        import threading

        self.report_id, self.token = report_id, token
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"report-{report_id}-heartbeat", daemon=True)

    def renew(self) -> None:
        """Renew the heartbeat once (only while this run still holds the report)."""
        Report.objects.filter(pk=self.report_id, run_token=self.token).update(heartbeat=timezone.now())

    def _beat(self) -> None:
        from django.db import connection

        try:
            while not self.stop.wait(HEARTBEAT_EVERY):
                try:
                    self.renew()
                except Exception:  # noqa: BLE001 - a missed beat is retried; the run itself decides
                    logger.warning(
                        "Could not renew the heartbeat of report %s", self.report_id, exc_info=True
                    )
        finally:
            connection.close()  # the thread's own connection

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=HEARTBEAT_EVERY + 5)


def _progress(report_id: int, token: str, percent: int, step: str) -> None:
    Report.objects.filter(pk=report_id, run_token=token).update(
        progress=percent, step=step[:200], heartbeat=timezone.now()
    )


def _file_name(report: Report, extension: str) -> str:
    return f"reports/{report.council.code}/{report.kind}-{report.period}-{uuid.uuid4().hex[:8]}{extension}"


def _write_files(report: Report, document, token: str, beat=lambda step: None) -> dict:
    """Render the three files into the run's partial folder; on any failure remove those already written.

    Returns {attribute: (partial path, final path)}; ``_put_in_place`` renames them when the run commits.
    """
    from .documents.docx import render_docx
    from .documents.pdf import render_pdf
    from .documents.xlsx import render_xlsx

    storage = get_private_storage()
    paths = {}
    try:
        for attribute, extension, render in (
            ("docx_path", ".docx", render_docx),
            ("xlsx_path", ".xlsx", render_xlsx),
            ("pdf_path", ".pdf", render_pdf),
        ):
            beat(extension)
            final = _file_name(report, extension)
            partial = storage.save(
                f"{PARTIAL_DIR}/{token}/{final.rsplit('/', 1)[-1]}", ContentFile(render(document))
            )
            paths[attribute] = (partial, final)
    except Exception:
        _remove_partial(token)
        raise
    return paths


def _put_in_place(paths: dict) -> dict:
    """Rename the partial files to their final names (atomic on one file system); {attribute: final path}."""
    storage = get_private_storage()
    placed = {}
    try:
        for attribute, (partial, final) in paths.items():
            target = Path(storage.path(final))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(storage.path(partial), target)
            placed[attribute] = final
    except Exception:
        _remove_files(placed.values())
        raise
    return placed


def _remove_files(paths) -> None:
    storage = get_private_storage()
    for path in paths:
        if path:
            storage.delete(path)


def report_generate(report_id: int) -> bool:
    """Run a queued report: compute its figures, write DOCX, XLSX and PDF, and leave it as a draft.

    Returns False (and does nothing) when another run holds the report or it is already done, so a second
    run, a second beat process or a redelivered task is a no-op; a run whose worker died is taken over
    once its heartbeat is stale.
    """
    from .builders import build

    token = _claim(report_id)
    if token is None:
        return False
    report = Report.objects.select_related("council", "session").get(pk=report_id)
    try:
        # A report is written for the leadership: whatever run builds it, it shows what they may see of
        # personal data (council/personal_data.py), which is nothing of citizens.
        with (
            translation.override("vi"),
            _Heartbeat(report_id, token),
            active(Redactor.for_roles([Role.LEADERSHIP])),
        ):
            document = build(report, progress=lambda p, s: _progress(report_id, token, p, s))
            _progress(report_id, token, 80, _("Writing the DOCX, XLSX and PDF files"))
            paths = _write_files(
                report,
                document,
                token,
                beat=lambda ext: _progress(report_id, token, 85, _("Writing %(ext)s") % {"ext": ext}),
            )
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        Report.objects.filter(pk=report_id, run_token=token).update(
            state=Report.State.FAILED, error=str(exc)[:2000], heartbeat=timezone.now()
        )
        return False
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report_id)
        if current.run_token != token or current.state != Report.State.RUNNING:
            _remove_partial(token)  # a newer run took over: its result stands
            return False
        old = [current.docx_path, current.xlsx_path, current.pdf_path]
        placed = _put_in_place(paths)
        _remove_partial(token)
        try:
            for attribute, path in placed.items():
                setattr(current, attribute, path)
            current.snapshot = dataclasses.asdict(document)
            current.subject = document.subject[:300]
            current.state, current.progress, current.step = Report.State.DRAFT, 100, ""
            current.generated_at = timezone.now()
            record_save(
                current,
                actor=None,
                update_fields=[
                    "docx_path",
                    "xlsx_path",
                    "pdf_path",
                    "snapshot",
                    "subject",
                    "state",
                    "progress",
                    "step",
                    "generated_at",
                ],
            )
        except Exception:
            _remove_files(placed.values())  # the row keeps its old files; the new ones must not linger
            raise
        transaction.on_commit(lambda: _remove_files(old))
    return True


@transaction.atomic
def report_issue(report: Report, *, actor: User, number: str, issued_on: dt.date) -> Report:
    """Issue a reviewed draft under its number: the files are rewritten from the stored figures (never
    recomputed), the report is frozen, and its recipients are told through the outbox."""
    from .builders import from_snapshot

    report = Report.objects.select_for_update().select_related("council").get(pk=report.pk)
    if report.state == Report.State.ISSUED:
        raise ValidationError(
            _("This report was already issued on %(date)s.") % {"date": f"{report.issued_on:%d/%m/%Y}"}
        )
    if report.state != Report.State.DRAFT:
        raise ValidationError(_("Only a generated draft can be issued."))
    # "Số: 45/BC-HĐND" and "45/BC-HĐND" are the same number: keep it without the "Số:" the document adds.
    number = re.sub(r"^\s*s[ốo]\s*:?\s*", "", number or "", flags=re.IGNORECASE).strip()
    if not number:
        raise ValidationError({"number": _("Give the report's number and symbol, e.g. 45/BC-HĐND.")})
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("A report cannot be issued on a future date.")})
    if report.kind != Report.Kind.PETITIONS and issued_on <= report.period_end:
        raise ValidationError(
            {
                "issued_on": _("A report on a period is issued after the period ends (%(end)s).")
                % {"end": f"{report.period_end:%d/%m/%Y}"}
            }
        )
    if Report.objects.filter(council=report.council, number=number, issued_on__year=issued_on.year).exists():
        raise ValidationError({"number": _("Another report of this year already has this number.")})
    document = from_snapshot(report.snapshot)
    # The number line is Vietnamese whatever the Office's language, like the rest of the document.
    document.number = f"Số: {number}"
    document.date, document.year, document.draft = issued_on, issued_on.year, False
    token = uuid.uuid4().hex
    paths = _put_in_place(_write_files(report, document, token))
    _remove_partial(token)
    try:
        old = [report.docx_path, report.xlsx_path, report.pdf_path]
        for attribute, path in paths.items():
            setattr(report, attribute, path)
        report.snapshot = dataclasses.asdict(document)
        report.state, report.number, report.issued_on, report.issued_by = (
            Report.State.ISSUED,
            number,
            issued_on,
            actor,
        )
        record_save(
            report,
            actor=actor,
            update_fields=[
                "docx_path",
                "xlsx_path",
                "pdf_path",
                "snapshot",
                "state",
                "number",
                "issued_on",
                "issued_by",
            ],
        )
        transaction.on_commit(lambda: _remove_files(old))
        _notify_recipients(report)
    except Exception:
        _remove_files(paths.values())  # the transaction rolls back: its new files go too
        raise
    if report.kind == Report.Kind.PROACTIVE:
        from .figures import schedule_refresh

        transaction.on_commit(lambda: schedule_refresh(report.council_id))
    return report


def _notify_recipients(report: Report) -> None:
    readers = User.objects.filter(
        roles__council=report.council,
        roles__role__in=[Role.STANDING, Role.LEADERSHIP, Role.OFFICE],
        is_active=True,
    ).exclude(email="")
    to = sorted(set(readers.values_list("email", flat=True)))
    with translation.override("vi"):
        subject = _("Report issued: %(subject)s") % {"subject": report.subject}
        body = _(
            "%(council)s has issued report No. %(number)s of %(date)s: %(subject)s.\n\n"
            "It can be downloaded (DOCX, XLSX, PDF) from the report archive: %(path)s"
        ) % {
            "council": report.council.name,
            "number": report.number,
            "date": f"{report.issued_on:%d/%m/%Y}",
            "subject": report.subject,
            "path": reverse("report_detail", args=[report.pk]),
        }
    queue_mail(report.council, f"report-issued:{report.pk}", to, subject, body)


# ---------------------------------------------------------------- the schedule


def due_reports(council: Council, today: dt.date) -> list[tuple[str, Period | None, Any]]:
    """The reports whose time has come: each period's report from the first working day after it ends,
    and the petition report of a regular session from 20 days before it opens."""
    from sessions.models import Session

    calendar = WorkCalendar.load(council, today - dt.timedelta(days=40), today)
    due = []
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
    """Queue again the runs whose worker died (stale heartbeat) or whose message was lost (queued too long)."""
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
    from .tasks import report_generate_task

    count = 0
    for pk in stuck.values_list("pk", flat=True):
        count += publish(report_generate_task, pk)
    return count


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
