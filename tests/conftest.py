import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Role
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory

ALL_ROLES = [r.value for r in Role]


@pytest.fixture
def council(db):
    return CouncilFactory()


@pytest.fixture
def other_council(db):
    return CouncilFactory()


@pytest.fixture
def term(council):
    return TermFactory(council=council)


@pytest.fixture
def user_with_role(council):
    """Make a user holding one role in the council (committee heads and agencies get their link)."""

    def make(role: str, target_council=None):
        from tests.council.factories import AgencyFactory, CommitteeFactory

        target = target_council or council
        extra = {}
        if role == Role.COMMITTEE_HEAD:
            extra["committee"] = CommitteeFactory(council=target, kind="legal", name="Ban Pháp chế")
        if role == Role.AGENCY:
            extra["agency"] = AgencyFactory(council=target)
        return RoleFactory(council=target, role=role, **extra).user

    return make


@pytest.fixture
def login(client, user_with_role):
    """Log the test client in as a fresh user with the given role; return the user."""

    def do(role: str, target_council=None):
        user = user_with_role(role, target_council)
        client.force_login(user)
        return user

    return do


@pytest.fixture
def office(login):
    return login(Role.OFFICE)


def _shape(sql: str) -> str:
    """A query with its values blanked, so the same query for another row compares equal."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (...)", sql)


def _difference(label: str, few: int, many: int, small: list[str], large: list[str]) -> str:
    lines = [f"{label}: {len(small)} queries with {few} rows, {len(large)} with {many} rows."]
    for heading, extra in (
        (f"Only with {many} rows:", Counter(map(_shape, large)) - Counter(map(_shape, small))),
        (f"Only with {few} rows:", Counter(map(_shape, small)) - Counter(map(_shape, large))),
    ):
        if extra:
            lines.append(heading)
            lines.extend(f"  {times} x {sql}" for sql, times in extra.items())
    return "\n".join(lines)


@pytest.fixture
def constant_queries(db):
    """Check that a page (or any call) runs as many queries with many rows as with a few.

    ``constant_queries(grow, measure, few=5, many=50)`` calls ``grow(range(0, few))``, counts the
    queries of ``measure()``, calls ``grow(range(few, many))`` and counts again; the counts must be
    equal, or the failure lists the queries only one of the runs made. ``grow`` adds one row per number
    of the range it is given (the numbers keep titles unique). ``measure`` may be a dict of labelled
    callables (several pages counted for the same rows, each on its own). ``warm_up=True`` calls the
    measures once before the first count, for what is built on a first visit (a session, a cache).

    Returns the measures' results with few rows and with many rows (dicts by label for a dict), so a
    test can also check what the page showed.
    """

    def check(grow, measure, *, few: int = 5, many: int = 50, warm_up: bool = False):
        measures = measure if isinstance(measure, dict) else {"The measured call": measure}
        runs = []
        for rows in (range(few), range(few, many)):
            grow(rows)
            if warm_up and not runs:
                for call in measures.values():
                    call()
            run = {}
            for label, call in measures.items():
                with CaptureQueriesContext(connection) as queries:
                    result = call()
                run[label] = (result, [query["sql"] for query in queries.captured_queries])
            runs.append(run)
        failures = [
            _difference(label, few, many, runs[0][label][1], runs[1][label][1])
            for label in measures
            if len(runs[0][label][1]) != len(runs[1][label][1])
        ]
        assert not failures, "\n\n".join(failures)
        results = [{label: result for label, (result, _sql) in run.items()} for run in runs]
        if isinstance(measure, dict):
            return results[0], results[1]
        return results[0]["The measured call"], results[1]["The measured call"]

    return check


@pytest.fixture(autouse=True)
def _administrators_pass_the_code_step(monkeypatch):
    """A test that force-logs in an administrator, or anyone with an authenticator (the demo's Office
    clerk), stands for one who passed the two-factor code step.

    django-otp (rightly) does not count a ``force_login`` session as verified, and ``/admin/`` and every page
    of a user with an authenticator need the code step: the session is marked as verified by the user's
    authenticator (an administrator without one is given one), as the code step does. Everyone else is
    logged in as before. ``tests/council/test_mfa.py`` signs in through the real pages, password and code.
    """
    from django.test import Client

    from tests.urlwalk import pass_code_step

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_code_step(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
