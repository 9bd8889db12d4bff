"""Generate reports from the shell, as beat does: one per (council, kind, period), or the petition report of a
session (``--kind petitions --session ID``)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from council.models import Council
from council.uploads import get_private_storage
from reports import services
from reports.models import Report
from reports.periods import parse_period
from sessions.models import Session


class Command(BaseCommand):
    help = (
        "Generate the reports of a period (2026-Q1: quarterly; 2026-H1: six-month and proactive; 2026: "
        "annual) for every council or one, as drafts, and print the files written. A report that exists "
        "already is left as it is unless --regenerate is given (an issued report is never regenerated). "
        "The petition report before a session: --kind petitions --session ID (the session's id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-Q1, 2026-H1 or 2026 (not for --kind petitions)")
        parser.add_argument("--council", help="the council's code (slug); all councils when omitted")
        parser.add_argument("--kind", choices=Report.Kind.values)
        parser.add_argument("--session", type=int, help="with --kind petitions: the session's id")
        parser.add_argument("--regenerate", action="store_true", help="generate existing drafts again")

    def handle(self, *args, period, council, kind, session, regenerate, **options):
        if kind == Report.Kind.PETITIONS or session is not None:
            return self._petitions(council, kind, session, period, regenerate)
        if not period:
            raise CommandError("Give the period (--period 2026-Q1), or --kind petitions --session ID.")
        try:
            period_ = parse_period(period, today=timezone.localdate())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        councils = Council.objects.order_by("pk")
        if council:
            councils = councils.filter(code=council)
            if not councils.exists():
                raise CommandError(f"No council with the code “{council}”.")
        kinds = [kind] if kind else services.kinds_for(period_)
        try:
            for kind_ in kinds:
                services.check_kind(kind_, period_)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for council_ in councils:
            for kind_ in kinds:
                self._run(council_, kind_, regenerate, period=period_)

    def _petitions(self, council, kind, session_id, period, regenerate):
        if kind != Report.Kind.PETITIONS or session_id is None or period:
            raise CommandError(
                "The petition report is asked for with --kind petitions --session ID, no period."
            )
        session = Session.objects.select_related("council").filter(pk=session_id).first()
        if session is None or (council and session.council.code != council):
            raise CommandError(
                f"No session {session_id}" + (f" in the council “{council}”." if council else ".")
            )
        try:
            self._run(session.council, kind, regenerate, session=session)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _run(self, council, kind, regenerate, *, period=None, session=None):
        """Ask for one report, generate it here if a run was queued, and print its state and files."""
        if regenerate:
            report, queued = self._regenerate(council, kind, period, session)
        else:
            report, queued = services.report_request(
                actor=None, council=council, kind=kind, period=period, session=session
            )
        if queued:
            # Run here as well: with a worker it already ran or runs now, and this call is a no-op.
            services.report_generate(report.pk)
        report.refresh_from_db()
        state = report.get_state_display()
        if not queued:
            state = f"{state} (already there; nothing done)"
        self.stdout.write(f"{council.code} {report.get_kind_display()} {report.period}: {state}")
        if report.state == Report.State.FAILED:
            self.stderr.write(f"  error: {report.error}")
        storage = get_private_storage()
        for path in (report.docx_path, report.xlsx_path, report.pdf_path):
            if path:
                self.stdout.write(f"  {storage.path(path)}")

    def _regenerate(self, council, kind, period, session):
        report, queued = services.report_request(
            actor=None, council=council, kind=kind, period=period, session=session
        )
        if queued or report.state == Report.State.ISSUED:
            return report, queued
        try:
            services.report_regenerate(report, actor=None)
        except ValidationError as error:  # being generated right now: say so and go on with the others
            self.stderr.write(f"{council.code} {report.period}: {' '.join(error.messages)}")
            return report, False
        return report, True
