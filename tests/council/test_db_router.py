"""The read replica's routing (council/db_router.py) on the test database: without REPLICA_DATABASE_URL
nothing changes; with a "replica" alias (here a second connection to the test database itself, whose
measured state the test sets) the marked pages read from it, and anything that wrote, lags or fails reads
the primary.

The same behaviour against a real streaming replica: tests/test_replica_full.py (make test-full)."""

import time
from types import SimpleNamespace

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council import db_router
from council.db_router import COOKIE, REPLICA, ReplicaRouter, ReplicaState
from council.models import Council, Role
from reports.models import FigureSummary


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


def test_without_a_replica_there_is_no_alias_and_every_read_is_the_primarys(settings, client, admin_user):
    assert REPLICA not in settings.DATABASES and not settings.DATABASE_ROUTERS
    assert "council.db_router.ReplicaMiddleware" not in settings.MIDDLEWARE
    assert db_router.configured() is False
    with db_router.replica_reads():
        assert ReplicaRouter().db_for_read(Council) == "default"
    client.force_login(admin_user)
    body = client.get("/healthz?detail=1").json()
    assert body["replica"] == "not configured" and body["replica_lag"] is None
    assert body["warnings"] == []


@pytest.fixture
def mirror(transactional_db, settings, monkeypatch):
    """A configured replica: the alias, the router, the middleware; its measured state is ``mirror.state``."""
    settings.DATABASE_ROUTERS = ["council.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    axes = middleware.index("axes.middleware.AxesMiddleware")
    middleware.insert(axes, "council.db_router.ReplicaMiddleware")
    settings.MIDDLEWARE = middleware
    connections.settings[REPLICA] = dict(connections["default"].settings_dict)
    # Opened here: Django's test case refuses to open, from inside a test, an alias it did not set up.
    connections[REPLICA].connect()
    box = SimpleNamespace(state=ReplicaState(reachable=True, lag_seconds=0.0), measured=0)

    def measure():
        box.measured += 1
        return box.state

    monkeypatch.setattr(db_router, "measure", measure)
    db_router.forget()
    yield box
    db_router.forget()
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def _dashboard(client) -> tuple[object, list, list]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(reverse("reports:dashboard"))
    return response, primary.captured_queries, replica.captured_queries


def _warm(client) -> None:
    """The first view of a quarter stores its figures (a write): done once, and its cookie dropped."""
    assert client.get(reverse("reports:dashboard")).status_code == 200
    client.cookies.pop(COOKIE, None)


def test_the_dashboard_reads_its_figures_from_the_replica(mirror, client, login, term):
    login(Role.LEADERSHIP)
    _warm(client)
    response, primary, replica = _dashboard(client)
    assert response.status_code == 200
    assert "reports_figuresummary" in _tables(replica)
    assert "reports_figuresummary" not in _tables(primary)  # the session and the user stay on the primary
    assert COOKIE not in response.cookies  # nothing written, nothing to wait for


@pytest.mark.parametrize(
    "state",
    [
        ReplicaState(reachable=True, lag_seconds=31.0, lag_bytes=5000),
        ReplicaState(reachable=True, lag_seconds=None, lag_bytes=5000),
        ReplicaState(reachable=False, problem="OperationalError"),
        ReplicaState(reachable=True, problem="not a replica (not in recovery)"),
    ],
)
def test_a_lagging_unreachable_or_wrong_replica_leaves_the_reads_on_the_primary(
    mirror, client, login, term, state
):
    login(Role.LEADERSHIP)
    _warm(client)
    mirror.state = state
    db_router.forget()
    response, primary, replica = _dashboard(client)
    assert response.status_code == 200
    assert "reports_figuresummary" in _tables(primary) and replica == []


def test_an_unreachable_replica_is_asked_again_only_after_the_retry_time(mirror, settings, monkeypatch):
    mirror.state = ReplicaState(reachable=False, problem="OperationalError")
    clock = [1000.0]
    monkeypatch.setattr(db_router.time, "monotonic", lambda: clock[0])
    with db_router.replica_reads():
        for _ in range(20):
            assert ReplicaRouter().db_for_read(Council) == "default"
        assert mirror.measured == 1
        clock[0] += settings.REPLICA_RETRY_SECONDS + 1
        mirror.state = ReplicaState(reachable=True, lag_seconds=0.0)
        assert ReplicaRouter().db_for_read(Council) == REPLICA
        assert mirror.measured == 2


def test_only_marked_reads_go_to_the_replica_and_a_write_ends_them(mirror, council):
    router = ReplicaRouter()
    assert router.db_for_read(Council) == "default"  # not marked
    with db_router.replica_reads():
        assert router.db_for_read(Council) == REPLICA
        with db_router.unrelated_writes():
            FigureSummary.objects.filter(council=council).update(data={})
        assert router.db_for_read(Council) == REPLICA  # a cache write the reads never read back
        Council.objects.filter(pk=council.pk).update(name="Hội đồng nhân dân tỉnh Thử")
        assert router.db_for_read(Council) == "default"
        assert Council.objects.get(pk=council.pk).name == "Hội đồng nhân dân tỉnh Thử"
    assert router.db_for_write(Council) == "default"
    assert router.allow_migrate(REPLICA, "council") is False and router.allow_migrate("default", "council")


def test_after_a_post_the_next_page_reads_the_primary_until_the_write_is_replayed(
    mirror, client, login, term, monkeypatch
):
    positions = iter(range(1000, 2000))
    monkeypatch.setattr(db_router, "primary_position", lambda: next(positions))
    mirror.state = ReplicaState(reachable=True, lag_seconds=0.0, replayed=999)
    login(Role.OFFICE)
    _warm(client)
    response = client.post(reverse("reports:kpi_targets_seed"))  # writes the council's targets
    assert response.status_code == 302
    written = int(response.cookies[COOKIE].value)
    assert response.cookies[COOKIE]["httponly"] and response.cookies[COOKIE]["max-age"] == 60

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        page = client.get(response["Location"])
    assert page.status_code == 200 and replica.captured_queries == []
    assert "reports_kpitarget" in _tables(primary.captured_queries)

    # That page may have stored figures of its own (a write too): the cookie holds the latest position.
    latest = int(client.cookies[COOKIE].value)
    assert latest >= written
    mirror.state = ReplicaState(reachable=True, lag_seconds=0.0, replayed=latest - 1)
    db_router.forget()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(response["Location"]).status_code == 200
    assert replica.captured_queries == []
    mirror.state = ReplicaState(reachable=True, lag_seconds=0.0, replayed=latest)  # replayed: back to it
    db_router.forget()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(response["Location"]).status_code == 200
    assert "reports_kpitarget" in _tables(replica.captured_queries)


def test_a_replica_failing_during_a_page_gives_the_page_from_the_primary(
    mirror, client, login, term, monkeypatch
):
    login(Role.LEADERSHIP)
    _warm(client)
    # Believed healthy a moment ago, then gone: its first query fails, the page is rendered again.

    def gone(*args):  # the driver's own error (sqlite3's or psycopg2's), as a dropped connection raises it
        raise connections[REPLICA].Database.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(connections[REPLICA], "create_cursor", gone)
    mirror.state = ReplicaState(reachable=False, problem="OperationalError")
    db_router._last = ReplicaState(reachable=True, lag_seconds=0.0, checked_at=time.monotonic())
    response, primary, _replica = _dashboard(client)
    assert response.status_code == 200
    assert "reports_figuresummary" in _tables(primary)
    assert db_router.replica_state().describe().startswith("unreachable")


def test_the_health_detail_shows_the_replica_and_warns_when_it_lags(mirror, client, admin_user):
    client.force_login(admin_user)
    body = client.get("/healthz?detail=1").json()
    assert body["replica"] == "ok" and body["replica_lag"] == {"lag_seconds": 0.0, "lag_bytes": None}
    mirror.state = ReplicaState(reachable=True, lag_seconds=42.4, lag_bytes=123456)
    body = client.get("/healthz?detail=1").json()
    assert body["replica"] == "lagging 42 s: reads fall back to the primary"
    assert body["replica_lag"] == {"lag_seconds": 42.4, "lag_bytes": 123456}
    assert body["status"] == "degraded" and "replica: lagging 42 s" in " ".join(body["warnings"])
