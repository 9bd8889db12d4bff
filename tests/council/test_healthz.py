import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_is_public_and_reports_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_healthz_is_never_cached(client):
    response = client.get(reverse("healthz"))

    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_failing_database(client, monkeypatch):
    monkeypatch.setattr("council.views.core._database_status", lambda: "error: X")

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "error: X"


def test_healthz_stays_up_and_says_degraded_when_the_broker_is_down(client, monkeypatch):
    # A dead Redis must not make the load balancer pull every web node: the site still serves.
    monkeypatch.setattr("council.views.core._broker_status", lambda: "error: OperationalError")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "degraded"}


def test_healthz_accepts_only_get(client):
    assert client.post("/healthz").status_code == 405


def test_the_detail_is_not_for_everyone(client, login, settings):
    settings.HEALTH_TOKEN = "s3cret-monitoring-token"
    assert client.get("/healthz?detail=1").status_code == 404
    assert client.get("/healthz?detail=1", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    login("office")  # an Office clerk is not an operator
    assert client.get("/healthz?detail=1").status_code == 404


def test_the_detail_reports_the_backlog_for_the_monitoring_token(client, council, settings):
    import datetime as dt

    from django.utils import timezone

    from council.health import record_beat
    from council.models import OutboxMail
    from reports.models import Report

    settings.HEALTH_TOKEN = "s3cret-monitoring-token"
    old = timezone.now() - dt.timedelta(minutes=40)
    OutboxMail.objects.create(council=council, dedupe_key="a", to="x@example.vn", subject="s", body="b")
    OutboxMail.objects.filter(dedupe_key="a").update(created_at=old, attempts=2)
    Report.objects.create(
        council=council,
        kind="quarterly",
        period="2026-Q1",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        state="running",
        heartbeat=old,
    )
    record_beat("beat")

    response = client.get("/healthz?detail=1", HTTP_AUTHORIZATION="Bearer s3cret-monitoring-token")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["database"] == "ok" and body["broker"] == "eager" and body["worker"] == "ok"
    assert body["cache"] == "local"
    assert body["outbox"]["unsent"] == 1 and body["outbox"]["failing"] == 1
    assert body["outbox"]["oldest_unsent_age_seconds"] >= 40 * 60
    assert body["reports"] == {"running": 1, "stuck": 1, "failed": 0}
    assert body["jobs"]["last_beat_tick_age_seconds"] < 60
    assert body["jobs"]["last_nightly_figures_age_seconds"] is None
    assert any("outbox" in w for w in body["warnings"]) and any("reports" in w for w in body["warnings"])


def test_an_administrator_reads_the_detail(client, admin_user):
    client.force_login(admin_user)
    body = client.get("/healthz?detail=1").json()
    assert body["status"] == "ok" and body["warnings"] == []
