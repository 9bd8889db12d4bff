"""Generate reports from the shell, as beat does: one per (council, kind, period, scope), a session's report
(``--kind petitions --session ID``) or an end-of-term review (``--kind term_review --term ID``)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from council.models import Council, Term
from council.uploads import get_private_storage
from reports import services
from reports.kinds import KINDS, SESSION, TERM
from reports.models import Report
from reports.periods import parse_period
from sessions.models import Session


class Command(BaseCommand):
    help = (
        "Generate the reports of a period (2026-Q1: quarterly and citizen reception; 2026-H1: six-month, "
        "proactive, committees' and delegate groups'; 2026: annual, resolutions, oversight, committees', "
        "groups', reception) for every council or one, as drafts, and print the files written. A report that "
        "exists already is left as it is unless --regenerate is given (an issued report is never "
        "regenerated). A session's report: --kind petitions|interpellation --session ID; the end-of-term "
        "review: --kind term_review --term ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", help="2026-Q1, 2026-H1 or 2026 (not with --session or --term)")
        parser.add_argument("--council", help="the council's code (slug); all councils when omitted")
        parser.add_argument("--kind", choices=Report.Kind.values)
        parser.add_argument("--session", type=int, help="a session's id, for a session's report")
        parser.add_argument("--term", type=int, help="a term's id, for the end-of-term review")
        parser.add_argument("--regenerate", action="store_true", help="generate existing drafts again")

    def handle(self, *args, period, council, kind, session, term, regenerate, **options):
        spec = KINDS.get(kind)
        if session is not None or (spec and SESSION in spec.covers):
            return self._one(council, kind, SESSION, session, period, regenerate)
        if term is not None or (spec and TERM in spec.covers):
            return self._one(council, kind, TERM, term, period, regenerate)
        if not period:
            raise CommandError(
                "Give the period (--period 2026-Q1), or --kind petitions --session ID, or --kind term_review "
                "--term ID."
            )
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
        today = timezone.localdate()
        for council_ in councils:
            for kind_ in kinds:
                for about in services.report_scopes(KINDS[kind_], council_, today):
                    try:
                        self._run(council_, kind_, regenerate, period=period_, **about)
                    except ValidationError as error:
                        # a kind this council cannot have (no Party delegation): say so, go on with the others
                        self.stderr.write(f"{council_.code} {kind_}: {' '.join(error.messages)}")

    def _one(self, council, kind, covers, pk, period, regenerate):
        """A session's report or a term's review: the kind and the record's id, no period."""
        spec = KINDS.get(kind)
        option = "--session" if covers == SESSION else "--term"
        if spec is None or covers not in spec.covers or pk is None or period:
            wanted = "|".join(k for k, s in KINDS.items() if covers in s.covers)
            raise CommandError(f"This report is asked for with --kind {wanted} {option} ID (no period).")
        model = Session if covers == SESSION else Term
        record = model.objects.select_related("council").filter(pk=pk).first()
        if record is None or (council and record.council.code != council):
            raise CommandError(
                f"No {model._meta.model_name} {pk}" + (f" in the council “{council}”." if council else ".")
            )
        try:
            self._run(record.council, kind, regenerate, **{model._meta.model_name: record})
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _run(self, council, kind, regenerate, **about):
        """Ask for one report, generate it here if a run was queued, and print its state and files."""
        report, queued = services.report_request(actor=None, council=council, kind=kind, **about)
        if regenerate and not queued and report.state != Report.State.ISSUED:
            try:
                services.report_regenerate(report, actor=None)
                queued = True
            except ValidationError as error:  # being generated right now: say so and go on with the others
                self.stderr.write(f"{council.code} {report.period}: {' '.join(error.messages)}")
        if queued:
            # Run here as well: with a worker it already ran or runs now, and this call is a no-op.
            services.report_generate(report.pk)
        report.refresh_from_db()
        state = report.get_state_display()
        if not queued:
            state = f"{state} (already there; nothing done)"
        about_text = f" {report.committee or report.group}" if report.scope else ""
        self.stdout.write(f"{council.code} {report.get_kind_display()}{about_text} {report.period}: {state}")
        if report.state == Report.State.FAILED:
            self.stderr.write(f"  error: {report.error}")
        storage = get_private_storage()
        for path in (report.docx_path, report.xlsx_path, report.pdf_path):
            if path:
                self.stdout.write(f"  {storage.path(path)}")
