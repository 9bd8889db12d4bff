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
