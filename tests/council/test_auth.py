import pytest
from django.conf import settings
from django.test import Client

from council.models import Role
from tests.council.factories import RoleFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PASSWORD = "matkhau-2026"  # what UserFactory sets
OFFICE_IP = "203.0.113.7"


@pytest.fixture
def staff(council):
    return RoleFactory(council=council, role=Role.OFFICE).user


@pytest.fixture
def colleague(council):
    return RoleFactory(council=council, role=Role.OFFICE).user


def _login(client: Client, username: str, password: str, ip: str = OFFICE_IP, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client: Client, username: str, times: int, ip: str = OFFICE_IP, **extra) -> list[int]:
    return [_login(client, username, "sai-mat-khau", ip, **extra).status_code for _ in range(times)]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_the_login_page_is_in_vietnamese(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert "Đăng nhập" in response.text
    assert 'lang="vi"' in response.text


def test_logging_in_with_the_right_password_goes_home(client, staff):
    response = _login(client, staff.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in(client)
    assert client.get("/").status_code == 200


def test_logging_in_follows_a_safe_next_url(client, staff):
    response = client.post(
        LOGIN_URL,
        {"username": staff.username, "password": PASSWORD, "next": "/terms/"},
        REMOTE_ADDR=OFFICE_IP,
    )

    assert response["Location"] == "/terms/"


def test_logging_in_never_redirects_to_another_site(client, staff):
    response = client.post(
        LOGIN_URL,
        {"username": staff.username, "password": PASSWORD, "next": "https://evil.example.com/"},
        REMOTE_ADDR=OFFICE_IP,
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_password_shows_the_form_again(client, staff):
    response = _login(client, staff.username, "sai-mat-khau")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not _logged_in(client)


def test_repeated_failures_lock_the_username_from_that_address(client, staff):
    statuses = _fail(client, staff.username, settings.AXES_FAILURE_LIMIT)
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)

    response = _login(client, staff.username, PASSWORD)

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert not _logged_in(client)


def test_a_colleague_behind_the_same_address_can_still_log_in(client, staff, colleague):
    _fail(client, staff.username, settings.AXES_FAILURE_LIMIT)
    assert _login(client, staff.username, PASSWORD).status_code == 429

    response = _login(Client(), colleague.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_locked_username_can_still_log_in_from_another_address(client, staff):
    _fail(client, staff.username, settings.AXES_FAILURE_LIMIT)

    response = _login(Client(), staff.username, PASSWORD, ip="198.51.100.20")

    assert response.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff.username, "sai-mat-khau", HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}")

    response = _login(client, staff.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429
    assert not _logged_in(client)


def test_a_successful_login_clears_earlier_failures(client, staff):
    _fail(client, staff.username, settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, staff.username, PASSWORD).status_code == 302
    client.post("/accounts/logout/")

    _fail(client, staff.username, settings.AXES_FAILURE_LIMIT - 1)

    assert _login(client, staff.username, PASSWORD).status_code == 302


def test_logging_out_needs_a_post(client, staff):
    client.force_login(staff)

    assert client.get("/accounts/logout/").status_code == 405
    assert _logged_in(client)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert not _logged_in(client)
    assert client.get("/").status_code == 302


def test_a_logged_in_user_is_not_shown_the_login_form(client, staff):
    client.force_login(staff)

    response = client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_behind_the_proxy_the_lock_follows_the_address_the_proxy_names(client, staff, settings):
    # Behind nginx every request comes from 127.0.0.1: the lock must follow the client's real address,
    # or five wrong passwords from anywhere would lock the username for the whole office.
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff.username, "sai-mat-khau", HTTP_X_REAL_IP="203.0.113.66")
    assert _login(client, staff.username, PASSWORD, HTTP_X_REAL_IP="203.0.113.66").status_code == 429
    office = Client()
    assert _login(office, staff.username, PASSWORD, HTTP_X_REAL_IP="198.51.100.7").status_code == 302
