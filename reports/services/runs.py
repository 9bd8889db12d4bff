"""Report runs: asking for a report, generating it under a claimed token with a heartbeat, and issuing it.

There is one report per (council, kind, period). A run claims the report with a fresh token and renews a
heartbeat while it works; only the holder of the token writes the result, and a run whose worker died is
taken over once its heartbeat is stale.
"""

import dataclasses
import datetime as dt
import logging
import re
import threading
import unicodedata
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.db_router import replica_reads, unrelated_writes
from council.events import announce
from council.models import Council, Role, User
from council.personal_data import Redactor, active
from council.queue import enqueue
from council.services import record_save
from council.services.followups import queue_mail

from .. import builders, figures
from ..kinds import (
    AFTER_PERIOD,
    COMMITTEE,
    GROUP,
    KINDS,
    PARTY,
    SESSION,
    TERM,
    KindSpec,
    check_party,
    check_scope,
    check_term,
    kinds_for_period,
    scope_code,
)
from ..models import Report
from ..periods import Period
from .files import put_in_place, remove_files, remove_partial, write_files

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------- which report covers what


def kinds_for(period: Period) -> list[str]:
    """The kinds of report a period stands for (reports.kinds declares what each kind covers)."""
    return kinds_for_period(period.kind)


def check_kind(kind: str, period: Period) -> None:
    if kind not in kinds_for(period):
        allowed = ", ".join(str(Report.Kind(k).label) for k in kinds_for(period))
        raise ValidationError(
            _("A %(kind)s does not cover %(period)s; for that period: %(allowed)s.")
            % {"kind": Report.Kind(kind).label.lower(), "period": period.short_label(), "allowed": allowed}
        )


def session_period(session) -> str:
    return f"session-{session.pk}"


def term_period(term) -> str:
    return f"term-{term.pk}"


# ---------------------------------------------------------------- runs


def _queue(report: Report) -> None:
    # The row is queued in the database: if the broker is down, the recovery run picks it up.
    enqueue("reports.tasks.report_generate_task", report.pk)


def _what(spec: KindSpec, council: Council, *, period, session, term) -> tuple[str, dt.date, dt.date]:
    """The period code and window a report of this kind covers, checked against what the kind covers."""
    if SESSION in spec.covers:
        if session is None or session.council_id != council.pk:
            raise ValidationError(
                _("Choose a session of this council for the %(kind)s.") % {"kind": spec.label.lower()}
            )
        return session_period(session), session.start_date, session.start_date
    if TERM in spec.covers:
        check_term(council, term, timezone.localdate())
        return term_period(term), term.start_date, term.end_date
    if period is None:
        raise ValidationError(_("Choose a period."))
    check_kind(spec.kind, period)
    return period.code, period.start, period.end


def report_request(
    *,
    actor: User | None,
    council: Council,
    kind: str,
    period: Period | None = None,
    session=None,
    committee=None,
    group=None,
    term=None,
    regenerate: bool = False,
) -> tuple[Report, bool]:
    """Ask for the report of a council, kind, period and scope; return it and whether a run was queued.

    There is exactly one report per (council, kind, period, scope): asking again returns the one there is,
    and a run is queued only when it has none yet or a draft is to be regenerated. An issued report is
    frozen. What a kind covers, its scope (a committee, a group) and its form come from ``reports.kinds``;
    a request the kind does not allow raises a ValidationError and writes nothing.
    """
    spec = KINDS.get(kind)
    if spec is None:
        raise ValidationError({"kind": _("Choose one of the kinds of report.")})
    code, start, end = _what(spec, council, period=period, session=session, term=term)
    check_scope(spec, council, committee=committee, group=group)
    if spec.form == PARTY:
        check_party(council, timezone.localdate())
    scope = scope_code(spec, committee=committee, group=group)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                council=council,
                kind=kind,
                period=code,
                period_start=start,
                period_end=end,
                scope=scope,
                session=session if SESSION in spec.covers else None,
                term=term if TERM in spec.covers else None,
                committee=committee if spec.scope == COMMITTEE else None,
                group=group if spec.scope == GROUP else None,
                requested_by=actor,
                heartbeat=timezone.now(),
            )
            created = True
    except IntegrityError:
        report = Report.objects.get(council=council, kind=kind, period=code, scope=scope)
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
        remove_partial(previous)  # what a dead run had half written
    return token if taken else None


class _Heartbeat:
    """Renew a run's heartbeat from a thread while the run works, so a long step never looks dead."""

    def __init__(self, report_id: int, token: str):
        self.report_id, self.token = report_id, token
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"report-{report_id}-heartbeat", daemon=True)

    def renew(self) -> None:
        """Renew the heartbeat once (only while this run still holds the report)."""
        Report.objects.filter(pk=self.report_id, run_token=self.token).update(heartbeat=timezone.now())

    def _beat(self) -> None:
        try:
            while not self.stop.wait(HEARTBEAT_EVERY):
                try:
                    self.renew()
                except Exception:  # a missed beat is retried; the run itself decides
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


def report_generate(report_id: int) -> bool:
    """Run a queued report: compute its figures, write DOCX, XLSX and PDF, and leave it as a draft.

    Returns False (and does nothing) when another run holds the report or it is already done, so a second
    run, a second beat process or a redelivered task is a no-op; a run whose worker died is taken over
    once its heartbeat is stale.
    """
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
            # The figures from the read replica when one is set, once it has replayed what was written before
            # this run began. The build writes only its progress and the figures' cache rows (read(fresh=True)
            # computes, never reads them back), so those writes keep its reads on the replica.
            with replica_reads(catch_up=True), unrelated_writes():
                document = builders.build(report, progress=lambda p, s: _progress(report_id, token, p, s))
            _progress(report_id, token, 80, _("Writing the DOCX, XLSX and PDF files"))
            paths = write_files(
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
            remove_partial(token)  # a newer run took over: its result stands
            return False
        old = [current.docx_path, current.xlsx_path, current.pdf_path]
        placed = put_in_place(paths)
        remove_partial(token)
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
            remove_files(placed.values())  # the row keeps its old files; the new ones must not linger
            raise
        transaction.on_commit(lambda: remove_files(old))
    return True


@transaction.atomic
def report_issue(report: Report, *, actor: User, number: str, issued_on: dt.date) -> Report:
    """Issue a reviewed draft under its number: the files are rewritten from the stored figures (never
    recomputed), the report is frozen, and its recipients are told through the outbox."""
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
    spec = KINDS[report.kind]
    if spec.form == PARTY and not nfc_casefold(number).endswith(nfc_casefold(f"-{spec.symbol}")):
        raise ValidationError(
            {
                "number": _(
                    "A report of the Party delegation is numbered with the symbol -%(symbol)s, "
                    "e.g. 12-%(symbol)s."
                )
                % {"symbol": spec.symbol}
            }
        )
    if spec.schedule == AFTER_PERIOD and issued_on <= report.period_end:
        raise ValidationError(
            {
                "issued_on": _("A report on a period is issued after the period ends (%(end)s).")
                % {"end": f"{report.period_end:%d/%m/%Y}"}
            }
        )
    if Report.objects.filter(council=report.council, number=number, issued_on__year=issued_on.year).exists():
        raise ValidationError({"number": _("Another report of this year already has this number.")})
    document = builders.from_snapshot(report.snapshot)
    # The number line is Vietnamese whatever the Office's language, like the rest of the document; a Party
    # document writes "Số 12-BC/ĐĐ", without the colon (Guidance 36-HD/VPTW).
    document.number = f"Số {number}" if spec.form == PARTY else f"Số: {number}"
    document.date, document.year, document.draft = issued_on, issued_on.year, False
    token = uuid.uuid4().hex
    paths = put_in_place(write_files(report, document, token))
    remove_partial(token)
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
        transaction.on_commit(lambda: remove_files(old))
        _notify_recipients(report)
        announce("report.issued", report)
    except Exception:
        remove_files(paths.values())  # the transaction rolls back: its new files go too
        raise
    if report.kind == Report.Kind.PROACTIVE:
        transaction.on_commit(lambda: figures.schedule_refresh(report.council_id))  # T1 counts it
    return report


def nfc_casefold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace(" ", "")


def _notify_recipients(report: Report) -> None:
    # The Office's mail; the leadership readers and the Standing Committee are told by their notice
    # (``report.issued``), mailed as each of them chose, so nobody gets the same news twice.
    readers = User.objects.filter(
        roles__council=report.council, roles__role=Role.OFFICE, is_active=True
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
            "path": reverse("reports:report_detail", args=[report.pk]),
        }
    queue_mail(report.council, f"report-issued:{report.pk}", to, subject, body)
