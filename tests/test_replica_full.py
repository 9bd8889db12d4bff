"""The read replica against a real streaming replica (make test-full starts one with scripts/replica.sh and
exports TEST_REPLICA_URL): what is committed on the primary arrives on the replica, the leadership's dashboard
reads it, the page after a POST reads the primary, and a dead replica leaves the pages served by the primary.

The replica copies the whole cluster, the test database included; writes inside a test's transaction never
reach it, so these tests commit (transaction=True).
"""

import os
import time

import environ
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council import db_router
from council.db_router import COOKIE, REPLICA
from council.models import Council, Role
from tests.council.factories import CouncilFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]


def _replica_settings(port: int | None = None) -> dict:
    url = os.environ.get("TEST_REPLICA_URL")
    if not url:
        pytest.fail(
            "TEST_REPLICA_URL is not set: run these tests through make test-full (scripts/test-full.sh)"
        )
    config = environ.Env.db_url_config(url)
    primary = connections["default"].settings_dict
    return {
        **primary,
        "HOST": config["HOST"],
        "PORT": port or config["PORT"],
        # The test database pytest made on the primary, streamed to the replica like every other.
        "NAME": primary["NAME"],
        "OPTIONS": {**primary.get("OPTIONS", {}), "connect_timeout": 2},
        "CONN_MAX_AGE": 0,
    }


@pytest.fixture
def replica(transactional_db, settings):
    """The real replica as the "replica" alias, with the router and middleware a configured site has."""
    settings.DATABASE_ROUTERS = ["council.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("axes.middleware.AxesMiddleware"), "council.db_router.ReplicaMiddleware"
    )
    settings.MIDDLEWARE = middleware
    connections.settings[REPLICA] = _replica_settings()
    connections[REPLICA].connect()  # Django's test case refuses to open an alias it did not set up
    db_router.forget()
    yield connections[REPLICA]
    db_router.forget()
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def _caught_up(timeout: float = 15.0) -> db_router.ReplicaState:
    """Wait until the replica has replayed everything written so far; return its state."""
    target = db_router.primary_position()
    assert target is not None
    deadline = time.monotonic() + timeout
    while True:
        state = db_router.replica_state(fresh=True)
        if state.replayed is not None and state.replayed >= target:
            return state
        assert time.monotonic() < deadline, f"the replica did not catch up: {state}"
        time.sleep(0.1)


def test_a_committed_write_arrives_on_the_replica(replica):
    council = CouncilFactory(name="Hội đồng nhân dân xã Sao Khuê")
    _caught_up()
    with replica.cursor() as cursor:
        cursor.execute("SELECT name, pg_is_in_recovery() FROM council_council WHERE id = %s", [council.pk])
        assert cursor.fetchone() == ("Hội đồng nhân dân xã Sao Khuê", True)
    state = db_router.replica_state(fresh=True)
    assert state.usable and state.lag_bytes is not None


def _visit(client, url: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        response = client.get(url, **kwargs)
    return response, " ".join(q["sql"] for q in primary), " ".join(q["sql"] for q in on_replica)


def test_the_leadership_dashboard_reads_the_replica_and_the_page_after_a_post_the_primary(
    replica, client, login, term
):
    login(Role.OFFICE)  # the Office reads the dashboard and may write (seed the targets)
    client.get(reverse("reports:dashboard"))  # the quarter's figures stored once
    client.cookies.pop(COOKIE, None)
    _caught_up()
    response, primary, on_replica = _visit(client, reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "reports_figuresummary" in on_replica and "reports_figuresummary" not in primary

    posted = client.post(reverse("reports:kpi_targets_seed"))
    assert posted.status_code == 302 and COOKIE in posted.cookies
    page, primary, on_replica = _visit(client, posted["Location"])
    assert (
        page.status_code == 200 and "reports_kpitarget" in primary and "reports_kpitarget" not in on_replica
    )

    _caught_up()  # once the replica has replayed the write, the same user reads it again
    page, primary, on_replica = _visit(client, posted["Location"])
    assert "reports_kpitarget" in on_replica
    assert [line.target.code for line in page.context["lines"]][:3] == ["T1", "T2", "T3"]


def test_a_dead_replica_leaves_the_pages_to_the_primary_and_the_health_detail_says_so(
    replica, client, login, term, admin_user
):
    login(Role.LEADERSHIP)
    client.get(reverse("reports:dashboard"))
    client.cookies.pop(COOKIE, None)
    _caught_up()
    # The replica goes away while this process still believes it healthy (its server ends our connection,
    # as a stopped server does): the page's first replica query fails, and the page is rendered again from
    # the primary.
    _terminate(replica)
    started = time.monotonic()
    response, primary, _on_replica = _visit(client, reverse("reports:dashboard"))
    assert response.status_code == 200 and "reports_figuresummary" in primary
    assert db_router.replica_state().describe().startswith("unreachable")
    # Remembered: the next page does not try it again.
    remembered = db_router.replica_state()
    with CaptureQueriesContext(connections["default"]) as primary_queries:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert "reports_figuresummary" in " ".join(q["sql"] for q in primary_queries)
    assert db_router.replica_state() is remembered
    assert time.monotonic() - started < 5
    client.force_login(admin_user)
    body = client.get("/healthz?detail=1").json()
    assert body["replica"].startswith("unreachable (")
    assert body["replica"].endswith("reads fall back to the primary")
    assert body["status"] == "degraded"


def _terminate(replica) -> None:
    """End the replica connection of this test from the replica's side."""
    import psycopg2

    pid = replica.connection.get_backend_pid()
    other = psycopg2.connect(
        host=replica.settings_dict["HOST"],
        port=replica.settings_dict["PORT"],
        user="postgres",
        dbname="postgres",
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def test_the_health_detail_shows_the_replicas_lag(replica, client, admin_user):
    Council.objects.update(name="Hội đồng nhân dân")  # something to replay
    _caught_up()
    client.force_login(admin_user)
    body = client.get("/healthz?detail=1").json()
    assert body["replica"] == "ok"
    assert body["replica_lag"]["lag_seconds"] is not None and body["replica_lag"]["lag_seconds"] < 30
    assert isinstance(body["replica_lag"]["lag_bytes"], int)
