"""Reading ids, years, periods and page numbers from a request: one place, bounded, never a server error.

Every number a user (or a hostile client) can put into a query string, a form or a URL goes through one
of these before it reaches a query. A value that is not a whole number, or lies outside its range, is
treated as absent (the page shows its default), refused with 404 where it names a record of the path, or
reported as a form error; it never reaches the database as an integer beyond 64 bits (SQLite raises
OverflowError, PostgreSQL "integer out of range") nor builds an impossible date (year 0 or 99999999).

- ``int_value(raw, low, high)``: the whole number a string spells, or None.
- ``int_param(request, name, default, low, high)``: a bounded number from the query string (or POST).
- ``id_param`` / ``ids_param``: one record id / the ids of a multi-select (``selected=…``), bad ones dropped.
- ``year_param`` / ``year_or_404``: a year of the query string / of the path, within ``YEAR_MIN..YEAR_MAX``.
- ``page_param`` / ``paginate``: the page number for ``Paginator.get_page``.
- ``period_param``: a reporting period of the query string, read by the caller's parser.
- ``next_param``: the same-site path to return to after a POST.
- ``YearField`` / ``YearRangeValidator``: the same bounds for years inside forms and models.

Two safety nets make the class of defect impossible for new code too: ``BoundedPathIdsMiddleware``
answers 404 for a path id beyond the database's range (``<int:pk>`` accepts any number of digits), and
``council.lookups.BoundedIn`` drops out-of-range integers from every ``__in`` lookup (the query behind
``ModelMultipleChoiceField`` and ``pk__in=ids``), as Django already does for ``exact`` and comparisons.
"""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")

# Record ids: the range of a signed 64-bit integer (BigAutoField on PostgreSQL, SQLite's INTEGER).
ID_MIN = 1
ID_MAX = 2**63 - 1
# Years a council's record can be about: none before 1990, none after 2100.
YEAR_MIN = 1990
YEAR_MAX = 2100
# A multi-select never legitimately sends more ids than this.
IDS_MAX = 5000
_DIGITS_MAX = 20  # longer strings of digits are beyond every range here; int() is not even tried


def int_value(raw, low: int | None = None, high: int | None = None) -> int | None:
    """The whole number ``raw`` spells (ASCII digits, an optional sign), within ``low..high``; else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    else:
        text = str(raw if raw is not None else "").strip()
        unsigned = text[1:] if text[:1] in "+-" else text
        if not unsigned or len(unsigned) > _DIGITS_MAX or not unsigned.isascii() or not unsigned.isdigit():
            return None
        number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def _source(request, method: str):
    return request.POST if method == "POST" else request.GET


def int_param(
    request, name: str, default: T = None, *, low: int | None = None, high: int | None = None, method="GET"
) -> int | T:
    """The number ``name`` of the query string (or of the POST body), or ``default`` if absent or bad."""
    number = int_value(_source(request, method).get(name), low, high)
    return default if number is None else number


def id_param(request, name: str, *, method: str = "GET", required: bool = False) -> int | None:
    """A record id from the request; None if absent or not an id (404 instead when ``required``)."""
    number = int_param(request, name, None, low=ID_MIN, high=ID_MAX, method=method)
    if number is None and required:
        raise Http404(_("No such record."))
    return number


def ids_param(request, name: str = "selected", *, method: str = "POST") -> list[int]:
    """The record ids of a multi-select (each value once, in order); values that are not ids are dropped."""
    ids: dict[int, None] = {}
    for raw in _source(request, method).getlist(name)[:IDS_MAX]:
        number = int_value(raw, ID_MIN, ID_MAX)
        if number is not None:
            ids[number] = None
    return list(ids)


def year_param(
    request, name: str = "year", *, default: int | None = None, low: int = YEAR_MIN, high: int = YEAR_MAX
) -> int:
    """The year ``name`` of the query string, or ``default`` (this year) if absent, bad or out of range."""
    fallback = default if default is not None else timezone.localdate().year
    return int_param(request, name, fallback, low=low, high=high)


def year_or_404(year, *, low: int = YEAR_MIN, high: int = YEAR_MAX) -> int:
    """A year taken from the URL's path, or 404: no page is about year 0 or 99999999."""
    number = int_value(year, low, high)
    if number is None:
        raise Http404(_("No records for this year."))
    return number


def page_param(request, name: str = "page") -> int:
    """The page number asked for (1 if absent or bad); ``Paginator.get_page`` clamps it to the last page."""
    return int_param(request, name, 1, low=1, high=ID_MAX)


def paginate(request, object_list, per_page: int | None = None, name: str = "page") -> Page:
    """The page of ``object_list`` the query string asks for, ``settings.PAGE_SIZE`` rows a page: the one way
    a list is paginated."""
    return Paginator(object_list, per_page or settings.PAGE_SIZE).get_page(page_param(request, name))


def period_param(request, name: str, *, parse: Callable[[str], T], default: T) -> tuple[T, str]:
    """The reporting period ``name`` of the query string and an error message ("" if none).

    ``parse`` reads a code (``reports.periods.parse_period`` with ``today`` bound: "2026-Q1", "2026-H2",
    "2026") and raises ``ValidationError`` with a translated message for a bad one; the council core does not
    import the reports app, so the caller passes it. An absent value gives ``default`` with no message; a
    bad one gives ``default`` and the parser's message, to show above the page: the page is never a 500 and
    never silently shows another period than the one the user thinks. Codes longer than 20 characters are
    refused before parsing. Pickers that offer periods as a list (never typed codes) should read the chosen
    value with this too, since a hostile client can send anything."""
    code = (request.GET.get(name) or "").strip()
    if not code:
        return default, ""
    if len(code) <= 20 and code.isprintable():
        try:
            return parse(code), ""
        except ValidationError as error:
            return default, " ".join(error.messages)
        except (ValueError, OverflowError):
            pass
    return default, str(_("This is not a period: choose one from the list."))


@deconstructible
class YearRangeValidator:
    """Refuse a year outside ``low..high`` with a translated message naming the range."""

    message = _("Enter a year from %(low)s to %(high)s.")
    code = "year_range"

    def __init__(self, low: int = YEAR_MIN, high: int = YEAR_MAX):
        self.low, self.high = low, high

    def __call__(self, value) -> None:
        if value is not None and not self.low <= value <= self.high:
            raise ValidationError(self.message, code=self.code, params={"low": self.low, "high": self.high})

    def __eq__(self, other) -> bool:
        return isinstance(other, YearRangeValidator) and (self.low, self.high) == (other.low, other.high)


class YearField(forms.IntegerField):
    """A year typed into a form: a whole number from 1990 to 2100 unless told otherwise."""

    default_error_messages = {"invalid": _("Enter a year as a number, e.g. 2026.")}

    def __init__(self, *, low: int = YEAR_MIN, high: int = YEAR_MAX, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"min": low, "max": high})
        self.validators.append(YearRangeValidator(low, high))


def next_param(request, default: str, name: str = "next") -> str:
    """The same-site path to return to after a POST (``next``), else ``default``.

    ``url_has_allowed_host_and_scheme`` alone accepts a bare word ("0", "abc"), which ``redirect()`` then
    tries to reverse as a view name: a 500. Only an absolute path on this site is followed."""
    target = (request.POST.get(name) or request.GET.get(name) or "").strip()
    if (
        target.startswith("/")
        and len(target) <= 2000
        and target.isprintable()
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    ):
        return target
    return default
