"""Every URL pattern of the URLconf, as every role, on records of two councils: no personal value of the
registry (council/personal_data.py) reaches a role that may not see it — in pages, htmx partials, exports
and files — and every file download follows its record's page.

The patterns come from the URLconf itself (tests/urlwalk.py), never from a hand-kept list; path arguments
are filled from the records of the model each route names (a viewset's model, a file view's declared record,
or the table below), and what cannot be filled is counted with its reason.
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
from collections import Counter

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from council.models import Role
from council.personal_data import CATEGORIES, CITIZEN, DENOUNCER, Redactor, personal_fields
from tests.privacy_world import ROLES, TOKEN, build_world
from tests.urlwalk import SESSION_ENDING, url_patterns

# A guard against a walk gone quadratic, per request so that new pages do not eat into it: the CPU time of the
# walk's own work (about 20 ms a request on the project's machine), whatever else the machine is running.
CPU_PER_REQUEST_BUDGET = 0.05

# Routes of function views whose path argument names a record: the route name -> its model.
ROUTE_MODELS = {
    "delegates:directory_profile": "delegates.Delegate",
    "delegates:program_detail": "delegates.Mandate",
    "reports:group_activity": "delegates.DelegateGroup",
    "sessions:session_dashboard": "council_sessions.Session",
    "sessions:session_documents": "council_sessions.Session",
    "sessions:sitting_live": "council_sessions.Sitting",
    "sessions:sitting_speakers": "council_sessions.Sitting",
    "sessions:interpellation_detail": "council_sessions.Interpellation",
    "reports:report_detail": "reports.Report",
    "council:followup_detail": "council.FollowUp",
    "council:agency_item": "council.FollowUp",
    "reports:evaluation_detail": "delegates.Mandate",
    "sessions:resolution_roll_call": "council_sessions.Resolution",
}
# Values of string path arguments that are not record ids.
STRING_VALUES = {"fmt": ["docx", "xlsx", "pdf"]}
# Figures whose drill-down lists records that name citizens.
FIGURE_KEYS = [
    "letters",
    "letters_by_kind",
    "petitions",
    "petitions_by_channel",
    "petitions_overdue",
    "receptions",
]
DENIED = (302, 403, 404, 405)
# Nobody walking holds a role in the second council: a few roles suffice to show its records stay closed.
OTHER_COUNCIL_ROLES = ["office_protected", "standing", "delegate", "leadership", "agency", "anonymous"]


def _model_of(pattern) -> str | None:
    callback = pattern.callback
    crud = getattr(callback, "view_initkwargs", {}).get("viewset")
    if crud is not None:
        return crud.model._meta.label
    file_of = getattr(callback, "file_of", None)
    if file_of is not None:
        return file_of.model
    return ROUTE_MODELS.get(pattern.name)


def _urls(pattern, world, skipped: Counter) -> list[tuple[str, object]]:
    """Concrete URLs of a pattern, each with the record it shows (None for pages without one)."""
    if pattern.name in SESSION_ENDING:
        skipped["ends the session or switches council"] += 1
        return []
    if not pattern.kwargs:
        return [(reverse(pattern.name), None)]
    names = dict(pattern.kwargs)
    if any(conv == "str" and name not in STRING_VALUES for name, conv in pattern.kwargs):
        skipped["POST-only action named by a string argument"] += 1
        return []
    if set(names) == {"key"}:
        from reports import metrics

        keys = [k for k in FIGURE_KEYS if _known_metric(metrics, k)]
        return [(reverse(pattern.name, kwargs={"key": k}), None) for k in keys]
    if set(names) == {"council_code"}:
        return [(reverse(pattern.name, kwargs={"council_code": c.code}), None) for c in world.councils]
    label = _model_of(pattern)
    if label is None or "pk" not in names:
        skipped[f"an action (POST) or no record model known: {pattern.name}"] += 1
        return []
    model = apps.get_model(label)
    if personal_fields(model) or getattr(pattern.callback, "file_of", None):
        records = list(model.objects.all())
    else:  # a record of each council is enough for pages without personal data of their own
        records = [r for c in world.councils if (r := _first_of(model, c)) is not None]
    if not records:
        skipped[f"no {label} record"] += 1
        return []
    urls = []
    for record in records:
        kwargs = {"pk": record.pk}
        if "year" in names:
            kwargs["year"] = 2026
        extra = [k for k in names if k not in kwargs]
        combos = [kwargs]
        for key in extra:
            combos = [{**c, key: v} for c in combos for v in STRING_VALUES.get(key, [])]
        for combo in combos:
            try:
                urls.append((reverse(pattern.name, kwargs=combo), record))
            except NoReverseMatch:
                skipped[f"cannot fill {pattern.name}"] += 1
    return urls


def _known_metric(metrics, key: str) -> bool:
    try:
        metrics.get(key)
    except Exception:  # noqa: BLE001 - a key the catalogue does not have
        return False
    return True


def _first_of(model, council):
    if any(f.name == "council" for f in model._meta.fields):
        return model.objects.filter(council=council).first()
    return model.objects.first() if council == council.__class__.objects.order_by("pk").first() else None


def _text(response) -> str:
    """Everything a response carries: a page, a streamed file, or the parts of an XLSX/DOCX package."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as package:
            body = b" ".join(package.read(name) for name in package.namelist())
    return body.decode("utf-8", "replace")


def _council_of(obj):
    for attr in ("council", "followup", "interpellation", "activity", "meeting"):
        value = getattr(obj, attr, None)
        if value is None:
            continue
        if attr == "council":
            return value
        return _council_of(value)
    return None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    # Every refused request would log a warning with its traceback: thousands of them cost seconds.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _clients(world) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        clients[role] = client
    return clients


def _may_see(world, role: str, marker) -> bool:
    user = world.users[role]
    council = _council_of(marker.obj)
    if user is None or council != world.councils[0]:
        return False
    return Redactor.for_user(user, council).sees(marker.obj, marker.name)


@pytest.mark.django_db
def test_no_role_receives_a_personal_value_it_may_not_see(world):
    started, cpu_started = time.monotonic(), time.process_time()
    per_pattern: Counter = Counter()
    assert world.markers, "the registry marks no field with a record in the walk's world"
    clients = _clients(world)
    visible = {
        (role, token): _may_see(world, role, m) for role in ROLES for token, m in world.markers.items()
    }
    skipped: Counter = Counter()
    leaks: list[str] = []
    undeclared_files: set[str] = set()
    requests = 0
    for pattern in url_patterns():
        pattern_started = time.process_time()
        for url, _record in _urls(pattern, world, skipped):
            variants = [{}]
            if pattern.name.endswith("_list"):
                # The list's results as the htmx partial it swaps in.
                variants.append({"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "crud-results"})
                if pattern.name == "council:followup_list":
                    variants.append({"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "followup-results"})
                    variants.append({"QUERY_STRING": "format=xlsx"})
            roles = (
                ROLES if _record is None or _council_of(_record) == world.councils[0] else OTHER_COUNCIL_ROLES
            )
            for role in roles:
                for headers in variants:
                    response = clients[role].get(url, **headers)
                    requests += 1
                    if response.status_code != 200:
                        continue
                    disposition = response.get("Content-Disposition", "")
                    if disposition.startswith("attachment") and not (
                        getattr(pattern.callback, "file_of", None)
                        or "xlsx" in url + headers.get("QUERY_STRING", "")
                        or pattern.name.endswith(("_xlsx", "_csv", "_export"))  # made from the page's rows
                    ):
                        undeclared_files.add(pattern.name)
                    for token in {t.lower() for t in TOKEN.findall(_text(response))}:
                        if token in world.markers and not visible[(role, token)]:
                            marker = world.markers[token]
                            leaks.append(
                                f"{role} GET {url}{' (htmx)' if headers else ''}: "
                                f"{marker.obj._meta.label}.{marker.name} of #{marker.obj.pk}"
                            )
        per_pattern[pattern.name] += time.process_time() - pattern_started
    # Search: nobody finds a record by a personal value they may not see (the search box echoes the query,
    # so what counts is whether the record's link is among the results).
    for pattern in url_patterns():
        crud = getattr(pattern.callback, "view_initkwargs", {}).get("viewset")
        if crud is None or not pattern.name.endswith("_list") or not personal_fields(crud.model):
            continue
        for token, marker in world.markers.items():
            if type(marker.obj) is not crud.model or marker.name in ("path", "original_name"):
                continue
            link = f'href="{crud.url("detail", marker.obj.pk)}"'
            for role in ROLES:
                response = clients[role].get(reverse(pattern.name), {"q": token})
                requests += 1
                if link in response.content.decode() and not visible[(role, token)]:
                    leaks.append(
                        f"{role} finds {crud.model._meta.label} #{marker.obj.pk} by its {marker.name}"
                    )
                if (
                    role == "office_protected"
                    and visible[(role, token)]
                    and link not in response.content.decode()
                ):
                    leaks.append(
                        f"{role} cannot find {crud.model._meta.label} #{marker.obj.pk} by its {marker.name}"
                    )
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    print(f"\nprivacy walk: {requests} requests, {cpu:.1f} s of CPU ({elapsed:.1f} s elapsed)")
    print(f"slowest: {[(n, round(t, 1)) for n, t in per_pattern.most_common(12)]}")
    print(f"skipped ({sum(skipped.values())}): {dict(skipped)}")
    assert not leaks, "personal data shown to a role that may not see it:\n" + "\n".join(sorted(set(leaks)))
    assert not undeclared_files, f"views serving files without @file_of: {sorted(undeclared_files)}"
    assert cpu / requests < CPU_PER_REQUEST_BUDGET, f"{cpu / requests * 1000:.0f} ms of CPU a request"


@pytest.mark.django_db
def test_every_file_download_follows_its_records_page(world):
    clients = _clients(world)
    checked = 0
    problems = []
    file_patterns = [p for p in url_patterns() if getattr(p.callback, "file_of", None)]
    assert {p.name for p in file_patterns} >= {
        "voters:meeting_minutes",
        "delegates:course_materials",
        "directives:directive_file",
        "sessions:document_file",
        "sessions:answer_file",
        "oversight:activity_document_file",
        "reports:report_download",
        "council:attachment_download",
    }
    for pattern in file_patterns:
        declared = pattern.callback.file_of
        for url, record in _urls(pattern, world, Counter()):
            pages = [reverse(page, kwargs=declared.page_kwargs(record)) for page in declared.pages]
            for role in ROLES:
                page_codes = [clients[role].get(page).status_code for page in pages]
                file_code = clients[role].get(url).status_code
                checked += 1
                if all(code in DENIED for code in page_codes) and file_code not in DENIED:
                    problems.append(f"{role}: {pages} → {page_codes} but {url} → {file_code}")
    assert checked > 50
    assert not problems, "\n".join(problems)


def test_registry_keeps_citizens_from_leadership_agencies_and_the_public():
    """The policy itself (the walk checks that every page honours it)."""
    for role in (Role.LEADERSHIP, Role.AGENCY, Role.DELEGATE, Role.GROUP_LEADER):
        assert not Redactor.for_roles([role]).sees_category(CITIZEN)
    assert not Redactor.nobody().sees_category(CITIZEN)
    assert all(not Redactor.for_roles([Role.LEADERSHIP]).sees_category(c) for c in CATEGORIES)
    assert not Redactor.for_roles([Role.OFFICE]).sees_category(DENOUNCER)
    assert Redactor(frozenset({Role.OFFICE}), protected=True).sees_category(DENOUNCER)
