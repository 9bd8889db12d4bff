"""The leadership's pages: scorecard, quarterly dashboard, figures' drill-down, participation overview, and
the report archive with generation, review and issuing."""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.db_router import replica_view
from council.downloads import file_of
from council.models import Term
from council.params import next_param, paginate, period_param
from council.permissions import can_manage_records, can_read_overview, require, role_required
from council.resilience import publish
from council.text import fold
from council.uploads import attachment_response
from council.views.actions import error_text, form_action, form_errors_text
from council.views.viewsets import ReferenceViewSet
from directives.selectors import ITEM_STATES, implementation
from voters.models import Letter
from voters.permissions import can_read_letters

from .. import charts, forms, metrics, services
from ..charts_data import breakdown_rows, table_rows
from ..dashboards import dashboard, scorecard
from ..kinds import spec_of
from ..metrics import Window
from ..models import KpiTarget, Report
from ..periods import Period, parse_period, period_from_code, period_of_window, quarter_of, recent_periods
from ..permissions import get_report_for_user_or_404, reports_visible_to
from ..tasks import summaries_refresh_task

DOWNLOADS = {
    "docx": ("docx_path", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx_path", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("pdf_path", "application/pdf"),
}


def _period(request, name: str, default: Period) -> tuple[Period, str]:
    """The period chosen in the query string, else ``default``; a bad one is reported, not applied."""
    return period_param(
        request, name, parse=partial(parse_period, today=timezone.localdate()), default=default
    )


def _offered(periods: list[Period], shown: Period) -> list[Period]:
    """A picker's periods, with the one shown even when it is older than the list reaches."""
    return periods if shown in periods else [*periods, shown]


@role_required(can_read_overview)
@replica_view
def scorecard_page(request):
    council = request.council
    today = timezone.localdate()
    period, error = _period(request, "period", quarter_of(today))
    lines, as_of = scorecard(council, period, today)
    return render(
        request,
        "reports/scorecard.html",
        {
            "period": period,
            "periods": _offered(recent_periods(today), period),
            "error": error,
            "lines": lines,
            "as_of": as_of,
            "directives": implementation(council, today),
            "item_states": ITEM_STATES,
            "manager": can_manage_records(request.user, council),
            "t1_warning": services.t1_warning(council, today)
            if can_manage_records(request.user, council)
            else "",
        },
    )


@role_required(can_read_overview)
@replica_view
def dashboard_page(request):
    council = request.council
    today = timezone.localdate()
    period, error = _period(request, "quarter", quarter_of(today))
    if period.kind != "Q":
        period, error = quarter_of(today), _("The dashboard shows one quarter: choose it from the list.")
    board = dashboard(council, period)
    charts_shown = [
        (chart, charts.page_svg(chart), table_rows(chart)) for chart in [board.comparison, *board.breakdowns]
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "charts": charts_shown,
            "quarters": _offered(recent_periods(today, kinds="Q"), board.period),
            "error": error,
            "manager": can_manage_records(request.user, council),
        },
    )


@require_POST
@role_required(can_manage_records)
def figures_refresh(request):
    """The Office asks for the figures to be recomputed now (they are otherwise refreshed after writes)."""
    if not publish(summaries_refresh_task, request.council.pk):  # the broker is down: the nightly run will
        messages.error(request, _("The figures cannot be recomputed now; they will be overnight."))
    else:
        messages.success(request, _("The figures are being recomputed; reload the page in a moment."))
    return redirect(next_param(request, reverse("reports:dashboard")))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@replica_view
def figure_detail(request, key):
    """The records behind one figure over a window: the same query as the figure itself."""
    council = request.council
    require(can_read_overview(request.user, council))
    metric = metrics.catalogue().get(key)
    start, end = _date(request.GET.get("from")), _date(request.GET.get("to"))
    if metric is None or start is None or end is None or end < start or (end - start).days > 366 * 10:
        raise Http404(_("No such figure."))
    window = Window(start, end)
    if metric.compute is not None:
        figure, rows = metric.compute(council, window)
        page = paginate(request, rows)
    else:
        figure = metric.evaluate(council, window)
        page = paginate(request, metric.listed(council, window))
        page.object_list = metric.lines(council, window, page.object_list)
        if page.paginator.object_list.model is Letter and not can_read_letters(request.user, council):
            for row in page.object_list:  # a letter's page names its sender: counts only for this reader
                row.url = ""
    shown = metrics.value(figure, metric.unit)
    return render(
        request,
        "reports/figure_detail.html",
        {
            "metric": metric,
            "window": window,
            "period": period_of_window(start, end),
            "figure": figure,
            "shown": shown,
            "page": page,
            "groups": breakdown_rows(metric, figure) if metric.unit == "breakdown" else [],
            "query": f"from={start.isoformat()}&to={end.isoformat()}",
        },
    )


@role_required(can_read_overview)
@replica_view
def participation(request):
    """Every group against T2 at each session of the term, and every delegate against T3 (no ranking)."""
    from sessions.models import Session
    from sessions.selectors import session_t2, term_t3

    council = request.council
    terms = list(Term.objects.filter(council=council).order_by("-start_date"))
    term = next((t for t in terms if str(t.pk) == request.GET.get("term")), None) or metrics.term_at(
        council, timezone.localdate()
    )
    sessions, groups, matrix, delegates = [], [], [], []
    if term is not None:
        sessions = list(Session.objects.filter(term=term, state__in=Session.HELD).order_by("start_date"))
        results = [session_t2(s) for s in sessions]
        groups = results[0].groups if results else []
        matrix = [
            (g.group, [next(x for x in r.groups if x.group.pk == g.group.pk) for r in results])
            for g in groups
        ]
        delegates = term_t3(term)
    return render(
        request,
        "reports/participation.html",
        {
            "terms": terms,
            "term": term,
            "sessions": sessions,
            "matrix": matrix,
            "delegates": delegates,
            "at_zero": [d for d in delegates if not d.met],
        },
    )


# ---------------------------------------------------------------- archive


@role_required(can_read_overview)
def report_list(request):
    council = request.council
    manager = can_manage_records(request.user, council)
    form = forms.ReportRequestForm(council=council) if manager else None
    reports = reports_visible_to(request.user, council).select_related(
        "session", "issued_by", "committee", "group", "term"
    )
    kind = request.GET.get("kind", "")
    if kind in Report.Kind.values:
        reports = reports.filter(kind=kind)
    page = paginate(request, reports.order_by("-period_end", "kind", "pk"))
    return render(
        request,
        "reports/report_list.html",
        {"page": page, "form": form, "kinds": Report.Kind.choices, "kind": kind, "manager": manager},
    )


@require_POST
@role_required(can_manage_records)
def report_request(request):
    council = request.council
    form = forms.ReportRequestForm(request.POST, council=council)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("reports:report_list")
    data = form.cleaned_data
    try:
        report, queued = services.report_request(
            actor=request.user,
            council=council,
            kind=data["kind"],
            period=data.get("period"),
            session=data.get("session"),
            committee=data.get("committee"),
            group=data.get("group"),
            term=data.get("term"),
        )
    except ValidationError as error:
        messages.error(request, error_text(error, form))
        return redirect("reports:report_list")
    if queued:
        messages.success(request, _("The report is being generated."))
    else:
        if report.state == Report.State.ISSUED:
            messages.info(request, _("This report has already been issued: here it is."))
        else:
            messages.info(
                request, _("This report already exists: regenerate its draft here if the records changed.")
            )
    return redirect("reports:report_detail", report.pk)


@role_required(can_read_overview)
def report_detail(request, pk):
    return _report_page(request, get_report_for_user_or_404(request.user, request.council, pk))


def _report_page(request, report, issue_form=None):
    """The report's page; ``issue_form``: the issue form sent from it and refused, with its errors."""
    manager = can_manage_records(request.user, request.council)
    if issue_form is None and manager and report.state == Report.State.DRAFT:
        issue_form = forms.IssueForm(report=report)
    context = {
        "report": report,
        "manager": manager,
        "issue_form": issue_form,
        "history": report.history.select_related("history_user").order_by("-history_date")[:20]
        if manager
        else [],
    }
    if request.htmx and request.GET.get("progress"):
        return render(request, "reports/_report_status.html", context)
    return render(request, "reports/report_detail.html", context)


@require_POST
@role_required(can_read_overview)
def report_regenerate(request, pk):
    report = get_report_for_user_or_404(request.user, request.council, pk)
    require(can_manage_records(request.user, request.council))
    try:
        services.report_regenerate(report, actor=request.user)
        messages.success(request, _("The draft is being generated again from the current records."))
    except ValidationError as error:  # a button: the outcome is a message
        messages.error(request, error_text(error))
    return redirect("reports:report_detail", report.pk)


@require_POST
@role_required(can_read_overview)
def report_issue(request, pk):
    report = get_report_for_user_or_404(request.user, request.council, pk)
    require(can_manage_records(request.user, request.council))

    def page(bound):
        report.refresh_from_db()
        return _report_page(request, report, issue_form=bound)

    return form_action(
        request,
        forms.IssueForm(request.POST, report=report),
        lambda d: services.report_issue(
            report, actor=request.user, number=d["number"], issued_on=d["issued_on"]
        ),
        done=reverse("reports:report_detail", args=[report.pk]),
        page=page,
        success=_("The report is issued; its figures are frozen and its recipients have been notified."),
    )


def _file_period(report: Report) -> str:
    """What a download's name says of the report's period: ``quy-II-2026``, or the session's number."""
    # Download names in the council's language, without accents (they travel by e-mail and USB sticks).
    # The period follows in words (quy-II-2026, 6-thang-dau-nam-2026, nam-2026), never as a code; a
    # committee's or a group's report adds its name.
    about = report.committee or report.group
    suffix = f"-{fold(str(about)).replace(' ', '-')}" if about else ""
    period = period_from_code(report.period)
    if period is not None:
        return period.file_part() + suffix
    if report.term_id:
        return f"khoa-{report.term.number}"
    return f"ky-hop-thu-{report.session.number}" if report.session else report.period


@file_of("reports.Report", "reports:report_detail")
@role_required(can_read_overview)
def report_download(request, pk, fmt):
    report = get_report_for_user_or_404(request.user, request.council, pk)
    if fmt not in DOWNLOADS or not report.has_files:
        raise Http404(_("No such file."))
    attribute, content_type = DOWNLOADS[fmt]
    name = (
        f"{spec_of(report.kind).file_name}-{_file_period(report)}"
        f"{'' if report.state == Report.State.ISSUED else '-du-thao'}.{fmt}"
    )
    return attachment_response(getattr(report, attribute), name, content_type)


# ---------------------------------------------------------------- targets


@require_POST
@role_required(can_manage_records)
def targets_seed(request):
    created = services.targets_seed(request.council, actor=request.user)
    messages.success(request, _("%(count)s targets created.") % {"count": created})
    return redirect(reverse("reports:scorecard"))


class KpiTargetViewSet(ReferenceViewSet):
    """The scorecard's rows (T1–T9), kept by the Office; the overview's readers may look at them."""

    model = KpiTarget
    form_class = forms.KpiTargetForm
    slug = "kpi_target"
    columns = ["code", "description", "metric", "threshold", "cadence", "is_active"]
    search_fields = ["code", "description"]
    filters = ["cadence", "is_active"]
    ordering = ["order", "code"]

    def can_view(self, user, council):
        return can_read_overview(user, council)

    create_service = staticmethod(services.target_create)


TARGETS = KpiTargetViewSet()
