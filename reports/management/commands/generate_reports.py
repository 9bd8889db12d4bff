"""Generate periodic reports from the shell, as beat does: one per (council, kind, period)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from council.models import Council
from council.uploads import get_private_storage
from reports import services
from reports.models import Report
from reports.periods import parse_period


class Command(BaseCommand):
    help = (
        "Generate the reports of a period (2026-Q1: quarterly; 2026-H1: six-month and proactive; 2026: "
        "annual) for every council or one, as drafts, and print the files written. A report that exists "
        "already is left as it is unless --regenerate is given (an issued report is never regenerated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026-Q1, 2026-H1 or 2026")
        parser.add_argument("--council", help="the council's code (slug); all councils when omitted")
        parser.add_argument("--kind", choices=[k for k in Report.Kind.values if k != Report.Kind.PETITIONS])
        parser.add_argument("--regenerate", action="store_true", help="generate existing drafts again")

    def handle(self, *args, period: str, council: str | None, kind: str | None, regenerate: bool, **options):
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
        storage = get_private_storage()
        for council_ in councils:
            for kind_ in kinds:
                if regenerate:
                    report, queued = self._regenerate(council_, kind_, period_)
                else:
                    report, queued = services.report_request(
                        actor=None, council=council_, kind=kind_, period=period_
                    )
                if queued:
                    # Run here as well: with a worker it already ran or runs now, and this call is a no-op.
                    services.report_generate(report.pk)
                report.refresh_from_db()
                state = report.get_state_display()
                if not queued:
                    state = f"{state} (already there; nothing done)"
                self.stdout.write(f"{council_.code} {report.get_kind_display()} {report.period}: {state}")
                if report.state == Report.State.FAILED:
                    self.stderr.write(f"  error: {report.error}")
                for path in (report.docx_path, report.xlsx_path, report.pdf_path):
                    if path:
                        self.stdout.write(f"  {storage.path(path)}")

    def _regenerate(self, council, kind, period):
        report, queued = services.report_request(actor=None, council=council, kind=kind, period=period)
        if queued or report.state == Report.State.ISSUED:
            return report, queued
        try:
            services.report_regenerate(report, actor=None)
        except ValidationError as error:  # being generated right now: say so and go on with the others
            self.stderr.write(f"{council.code} {report.period}: {' '.join(error.messages)}")
            return report, False
        return report, True
