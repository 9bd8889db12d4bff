"""Public pages, without login: the council's sessions and adopted resolutions, and their lists as CSV.

What is public is decided by ``sessions/public.py`` alone: a session or resolution its selectors do not return
(a planned session, a resolution not adopted, another council's record asked under this council's code) is a
404 here. Only metadata is shown: no document file, no personal data, no delegate's own vote.

Each list page runs the same queries whatever the number of rows: the council, the filter choices, the count
and the page (with the counts and the vote in the page's query); a search folds the symbols and titles in
Python, one more query.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from council.downloads import download_response
from council.exports import CSV_CONTENT_TYPE, table_csv
from council.models import Council, Field, Term
from council.params import YEAR_MAX, YEAR_MIN, id_param, int_param, paginate
from council.text import fold
from council.xlsx import EXPORT_MAX_ROWS

from ..models import Resolution, Session, Vote
from ..public import public_agenda, public_documents, public_resolutions, public_sessions

PER_PAGE = 20
QUERY_MAX = 100
DATES = ("adopted_on", "signed_on", "effective_on", "published_on")  # of a resolution, in this order


def _council(code: str) -> Council:
    return get_object_or_404(Council, code=code)


def _canonical(request, page=None) -> str:
    """The page's address without its filters (the first page of a list), or with its page number."""
    path = request.path if page is None or page.number == 1 else f"{request.path}?page={page.number}"
    return request.build_absolute_uri(path)


def _csv_name(council: Council, what: str) -> str:
    return f"{council.code}-{slugify(fold(what))}-{timezone.localdate():%Y-%m-%d}.csv"


def _with_session_public(council: Council, resolutions: QuerySet) -> QuerySet:
    """Each resolution says whether its session is public (a subquery of the same query): the page links to
    the session, and the CSV names it, only then."""
    return resolutions.annotate(
        session_public=Exists(public_sessions(council).filter(pk=OuterRef("session_id")))
    )


def _label(model, name: str) -> str:
    """A field's name as a heading ("Adopted on"), from the model's own translated label."""
    return capfirst(model._meta.get_field(name).verbose_name)


def _vote(resolution: Resolution):
    """The resolution's vote, or None where none was recorded."""
    return getattr(resolution, "vote", None)  # the missing reverse one-to-one raises an AttributeError


# ---------------------------------------------------------------- sessions


def _sessions(request, council: Council) -> tuple[QuerySet, dict]:
    """The public sessions the query string asks for, and the filters as the form shows them."""
    sessions = public_sessions(council, with_counts=True)
    term_id = id_param(request, "term")
    year = int_param(request, "year", None, low=YEAR_MIN, high=YEAR_MAX)
    if term_id is not None:
        sessions = sessions.filter(term_id=term_id)
    if year is not None:
        sessions = sessions.filter(start_date__year=year)
    return sessions, {
        "term_id": "" if term_id is None else str(term_id),
        "year": "" if year is None else str(year),
    }


@login_not_required
@require_safe
def sessions(request, council_code):
    """The council's public sessions, newest first, by term and year."""
    council = _council(council_code)
    rows, filters = _sessions(request, council)
    page = paginate(request, rows, PER_PAGE)
    every = public_sessions(council)
    return render(
        request,
        "sessions/public/sessions.html",
        {
            "council": council,
            "page": page,
            "terms": Term.objects.filter(pk__in=every.values("term_id")).order_by("-start_date"),
            "years": [day.year for day in every.dates("start_date", "year", order="DESC")],
            "canonical": _canonical(request, page),
            **filters,
        },
    )


@login_not_required
@require_safe
def sessions_csv(request, council_code):
    """The same list as ``sessions`` (the same filters), every row, as CSV."""
    council = _council(council_code)
    rows, _filters = _sessions(request, council)
    header = [
        _("Term"),
        _("Session"),
        _("Title"),
        _("Kind"),
        _("State"),
        _label(Session, "start_date"),
        _label(Session, "end_date"),
        _label(Session, "place"),
        _("Adopted resolutions"),
        _("Documents sent to delegates"),
    ]
    values = (
        [
            s.term.name,
            str(s),
            s.title,
            s.get_kind_display(),
            s.get_state_display(),
            s.start_date,
            s.end_date,
            s.place,
            s.public_resolutions,
            s.public_documents,
        ]
        for s in rows[: EXPORT_MAX_ROWS + 1]  # one more than the limit: the writer says the export was cut
    )
    return download_response(
        table_csv(header, values), _csv_name(council, _("sessions")), content_type=CSV_CONTENT_TYPE
    )


@login_not_required
@require_safe
def session(request, council_code, pk):
    """One public session: its agenda, the documents sent to the delegates (metadata only) and its adopted
    resolutions with their vote's totals."""
    council = _council(council_code)
    record = get_object_or_404(public_sessions(council, with_counts=True), pk=pk)
    return render(
        request,
        "sessions/public/session.html",
        {
            "council": council,
            "session": record,
            "agenda": public_agenda(record),
            "documents": public_documents(record),
            "resolutions": public_resolutions(council).filter(session=record),
            "canonical": _canonical(request),
        },
    )


# ---------------------------------------------------------------- resolutions


def _resolutions(request, council: Council) -> tuple[QuerySet, dict]:
    """The adopted resolutions the query string asks for (year, kind, field, a search of symbol and title)."""
    resolutions = _with_session_public(council, public_resolutions(council))
    year = int_param(request, "year", None, low=YEAR_MIN, high=YEAR_MAX)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Resolution.Kind.values else ""
    field_id = id_param(request, "field")
    if year is not None:
        resolutions = resolutions.filter(year=year)
    if kind:
        resolutions = resolutions.filter(kind=kind)
    if field_id is not None:
        resolutions = resolutions.filter(field_id=field_id)
    raw = request.GET.get("q", "")[:QUERY_MAX]
    query = fold(raw)
    if query:
        # Symbols and titles are folded in Python, as the reference lists do: one query, whatever the page.
        matches = [
            pk
            for pk, symbol, title in resolutions.values_list("pk", "symbol", "title")
            if query in fold(f"{symbol} {title}")
        ]
        resolutions = resolutions.filter(pk__in=matches)
    return resolutions, {
        "year": "" if year is None else str(year),
        "kind": kind,
        "field_id": "" if field_id is None else str(field_id),
        "q": raw,
    }


@login_not_required
@require_safe
def resolutions(request, council_code):
    """The council's adopted resolutions, newest first, by year, kind and field, searched by symbol and
    title."""
    council = _council(council_code)
    rows, filters = _resolutions(request, council)
    page = paginate(request, rows, PER_PAGE)
    every = public_resolutions(council)
    return render(
        request,
        "sessions/public/resolutions.html",
        {
            "council": council,
            "page": page,
            "years": every.order_by("-year").values_list("year", flat=True).distinct(),
            "kinds": Resolution.Kind.choices,
            "fields": Field.objects.filter(pk__in=every.values("field_id")).order_by("name"),
            "canonical": _canonical(request, page),
            **filters,
        },
    )


@login_not_required
@require_safe
def resolutions_csv(request, council_code):
    """The same list as ``resolutions`` (the same filters and search), every row, as CSV."""
    council = _council(council_code)
    rows, _filters = _resolutions(request, council)
    header = [
        _("Number and symbol"),
        _("Title"),
        _("Kind"),
        _("Field"),
        _("Session"),
        *(_label(Resolution, name) for name in DATES),
        _("Approve"),
        _("Reject"),
        _("Did not vote"),
        _label(Vote, "delegates_total"),
        _("Passed"),
    ]

    def values(resolution):
        vote = _vote(resolution)
        if vote is None:
            totals = ["", "", "", "", ""]
        else:
            passed = _("Yes") if vote.passed else _("No")
            totals = [vote.approve, vote.reject, vote.abstain, vote.delegates_total, passed]
        return [
            resolution.symbol,
            resolution.title,
            resolution.get_kind_display(),
            resolution.field.name if resolution.field_id else "",
            str(resolution.session) if resolution.session_public else "",
            *(getattr(resolution, name) for name in DATES),
            *totals,
        ]

    return download_response(
        table_csv(header, (values(r) for r in rows[: EXPORT_MAX_ROWS + 1])),
        _csv_name(council, _("resolutions")),
        content_type=CSV_CONTENT_TYPE,
    )


@login_not_required
@require_safe
def resolution(request, council_code, pk):
    """One adopted resolution: its dates, session, field and the totals of its vote."""
    council = _council(council_code)
    record = get_object_or_404(_with_session_public(council, public_resolutions(council)), pk=pk)
    return render(
        request,
        "sessions/public/resolution.html",
        {
            "council": council,
            "resolution": record,
            "vote": _vote(record),
            "dates": [(_label(Resolution, name), getattr(record, name)) for name in DATES],
            "canonical": _canonical(request),
        },
    )
