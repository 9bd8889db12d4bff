"""An operator can follow a request: an id in the response, on the 500 page and in structured log lines."""

import io
import json
import logging

import pytest
from django.urls import reverse

from council import observability
from council.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """Capture what the production handler would write (the context filter and the JSON formatter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(observability.ContextFilter())
    handler.setFormatter(observability.JsonFormatter())
    logger = logging.getLogger("hdnd.request")
    saved = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(saved)


def test_every_response_has_a_request_id_and_a_sane_incoming_one_is_kept(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert len(first) == 32 and first != second
    assert (
        client.get(reverse("login"), HTTP_X_REQUEST_ID="proxy-1234abcd")["X-Request-ID"] == "proxy-1234abcd"
    )
    forged = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>\n")["X-Request-ID"]
    assert forged != "<script>\n" and len(forged) == 32


def test_the_access_line_is_json_with_the_request_user_council_status_and_duration(
    client, office, council, json_log
):
    response = client.get(reverse("council:followup_list"), HTTP_X_REQUEST_ID="req-00000001")
    assert response.status_code == 200
    line = next(entry for entry in json_log() if entry.get("path") == reverse("council:followup_list"))
    assert line["level"] == "INFO" and line["logger"] == "hdnd.request"
    assert line["request_id"] == "req-00000001"
    assert line["user_id"] == office.pk and line["council"] == council.code
    assert line["status"] == 200 and line["method"] == "GET" and line["duration_ms"] >= 0
    assert line["time"].endswith("+00:00")


def test_the_500_page_shows_the_request_id(client, monkeypatch, settings):
    settings.DEBUG = False
    client.raise_request_exception = False

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr("council.views.core._database_status", broken)
    response = client.get("/healthz", HTTP_X_REQUEST_ID="req-quoted-by-a-clerk")
    assert response.status_code == 500
    assert "req-quoted-by-a-clerk" in response.content.decode()
    assert response["X-Request-ID"] == "req-quoted-by-a-clerk"


def test_task_log_lines_carry_the_task_id():
    record = logging.LogRecord("council.tasks", logging.INFO, __file__, 1, "sent %s", (3,), None)
    observability.task_started(task_id="task-123", task=None)
    try:
        observability.ContextFilter().filter(record)
    finally:
        observability.task_finished()
    line = json.loads(observability.JsonFormatter().format(record))
    assert line["request_id"] == "task-123" and line["message"] == "sent 3"


def test_error_events_leave_without_personal_data():
    event = {
        "request": {
            "url": "https://hdnd.example.vn/letters/5/",
            "data": {"name": "Nguyễn Văn A", "phone": "0912345678"},
            "cookies": {"sessionid": "abc"},
            "query_string": "q=Nguyen+Van+A",
            "headers": {
                "Cookie": "sessionid=abc",
                "User-Agent": "Firefox",
                "X-Csrftoken": "t",
                "Authorization": "Bearer hdnd_secretkey",
            },
        },
        "user": {"email": "vanphong@hdnd.vn"},
        "exception": {"values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"phone": "0912"}}]}}]},
    }
    cleaned = observability.scrub_event(event)
    text = json.dumps(cleaned, ensure_ascii=False)
    for secret in ("Nguyễn", "0912", "abc", "vanphong", "Nguyen", "hdnd_secretkey"):
        assert secret not in text
    assert cleaned["request"]["headers"]["User-Agent"] == "Firefox"


def test_error_tracking_starts_only_with_a_dsn(settings):
    settings.SENTRY_DSN = ""
    assert observability.init_error_tracking() is False


def test_agency_users_see_the_id_too(client, login):
    login(Role.AGENCY)
    assert client.get(reverse("council:agency_home"))["X-Request-ID"]
