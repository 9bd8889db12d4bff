"""No input gives a server error: every page of the URLconf, as every role, with hostile values.

For every role the walk takes every URL pattern (path arguments from the demo councils' real records,
found by following links; see tests/urlwalk.py) and sends:
- the page with each number of its path (ids, years) beyond 64 bits, and zero;
- a GET with every query parameter the page's GET forms declare, plus the common ones (page, year,
  period, selected, ...), set to hostile values;
- a POST of every POST form on the page with every field set to hostile values.
It asserts that no answer is a 5xx. Hypothesis draws where the cycle of hostile values starts and one
typed text (derandomized, a fixed number of examples per role), so a run is repeatable and stays within
its time budget: about 60 s of CPU for the eight roles on SQLite, plus loading the demo councils once.
"""

import itertools
import re
import traceback
import unicodedata
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.urlwalk import (
    ROLES,
    SESSION_ENDING,
    demo_world,
    discover,
    fill,
    role_client,
    url_patterns,
)

__all__ = ["demo_world"]  # the module-scoped fixture, imported to be used here

pytestmark = pytest.mark.django_db

HUGE = [str(2**63), str(10**20), "-1"]
# Values for what should be a number or a record id (selects, checkboxes, hidden ids, number inputs).
NUMBERS = [
    *HUGE,
    "0",
    "",
    "²",  # str.isdigit() is true, int() fails
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "1e400",
    "a\x00b",
    "x" * 20_000,
]
# Values for a date field.
DATES = ["31/02/2026", "0000-00-00", "2026-13-45", "00/00/0000", "31/12/99999", "", *HUGE, "a\x00b"]
# Values for a text field.
TEXTS = [
    "x" * 20_000,
    "a\x00b",
    unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung, Phường Mỹ Phú"),
    "\u202eabc\u202c",
    "",
    *HUGE,
    '=HYPERLINK("http://x")',
]
HOSTILE = [*NUMBERS, *DATES, *TEXTS]

# Query parameters the list pages read besides those their filter forms declare.
COMMON_QUERY = ["page", "year", "period", "q", "selected", "field", "unit", "term", "group", "pk", "id"]
NUMBER_NAMES = {"page", "year", "selected", "field", "unit", "term", "group", "pk", "id"}
# Each POST form is sent this many times: first with every id beyond 64 bits, then with the next values of
# the cycles.
POSTS_PER_FORM = 2


class Values:
    """Cycles of hostile values per kind of field; the next value a field of that kind gets."""

    def __init__(self, start: int, typed: str):
        def cycle(values):
            shift = start % len(values)
            return itertools.cycle([*values[shift:], *values[:shift], typed])

        self.numbers, self.dates, self.texts = cycle(NUMBERS), cycle(DATES), cycle(TEXTS)

    def for_field(self, field, huge_ids: bool = False):
        """The next value for ``field``; with ``huge_ids`` every id or number is beyond 64 bits."""
        name = field.name.rsplit("-", 1)[-1]
        if field.tag == "select" or field.type in ("checkbox", "radio", "hidden", "number"):
            if huge_ids:
                return (
                    [str(10**20), str(2**63)] if field.multiple or field.type == "checkbox" else str(10**20)
                )
            value = next(self.numbers)
            return [value, next(self.numbers)] if field.multiple or field.type == "checkbox" else value
        if "date" in name or name.endswith("_on") or "dd/mm" in field.placeholder or field.type == "date":
            return next(self.dates)
        return next(self.texts)

    def for_query(self, name: str):
        if name in NUMBER_NAMES:
            return next(self.numbers)
        return next(self.dates) if "date" in name or name in ("from", "to") else next(self.texts)


FUZZ = settings(
    max_examples=1,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def walk(demo_world):
    """Per role: the concrete path of every pattern and the forms its page showed that role."""
    patterns = url_patterns()
    plans = {}
    office_found: dict[str, str] = {}
    for role in ["office", *[r for r in ROLES if r != "office"]]:
        forms: dict = {}
        found = discover(role_client(demo_world, role), patterns=patterns, forms_seen=forms)
        office_found = office_found or found
        plans[role] = [
            (p, found.get(p.name) or fill(p, office_found, demo_world), forms.get(p.name, []))
            for p in patterns
        ]
    return plans


def _cause(response) -> str:
    """Where the view failed: the exception and the innermost frame of the project's code."""
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    frames = [f for f in traceback.extract_tb(exc_info[2]) if "/.venv/" not in f.filename]
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f": {exc_info[0].__name__}: {str(exc_info[1])[:120]}{where}"


def _ends_session(path: str) -> bool:
    try:
        return resolve(urlsplit(path).path).view_name in SESSION_ENDING
    except Resolver404:
        return False


def _hostile_paths(path: str) -> list[str]:
    """The path with each of its numbers (ids, years) in turn beyond 64 bits, and zero."""
    numbers = list(re.finditer(r"(?<=/)\d+(?=/)", path))
    return [path[: m.start()] + value + path[m.end() :] for m in numbers for value in (str(10**20), "0")]


@pytest.mark.parametrize("role", ROLES)
def test_no_input_gives_a_server_error(role, demo_world, walk):
    client = role_client(demo_world, role)
    failures: list[str] = []

    def check(method, path, response, data=None):
        if response.status_code >= 500:
            failures.append(
                f"{method} {path} {sorted(data or {})} -> {response.status_code}{_cause(response)}"
            )

    @FUZZ
    @given(start=st.integers(0, len(HOSTILE)), typed=st.text(max_size=40))
    def run(start, typed):
        # Each field in turn gets the next hostile value of its kind (and one text drawn by hypothesis), so
        # every value reaches every kind of field across the walk at a fixed cost.
        values = Values(start, typed)
        for pattern, path, forms in walk[role]:
            if pattern.name in SESSION_ENDING:
                continue
            for hostile_path in _hostile_paths(path):
                check("GET", hostile_path, client.get(hostile_path))
            get_forms = [form for form in forms if form.method == "get"]
            if get_forms or not pattern.has_kwargs:  # a list page: its filters and the common parameters
                query = {name: values.for_query(name) for name in COMMON_QUERY}
                for form in get_forms:
                    query.update({name: values.for_field(f) for name, f in form.fields.items()})
                check("GET", path, client.get(path, query), query)
            for form in forms:
                if form.method != "post":
                    continue
                action = form.action or path
                if _ends_session(action):
                    continue  # the header's logout, language and council forms: walked as their own pages
                for index in range(POSTS_PER_FORM):
                    data = {name: values.for_field(f, huge_ids=index == 0) for name, f in form.fields.items()}
                    data.pop("csrfmiddlewaretoken", None)
                    check("POST", action, client.post(action, data), data)
            if role != "anonymous" and not client.session.get("_auth_user_id"):
                client.force_login(demo_world.users[role])  # a hostile form (password change) logged out

    run()
    assert not failures, "\n".join(failures)
