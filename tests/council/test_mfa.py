"""Two-factor sign-in: who must use it, the code step, set-up, recovery codes, throttling, the admin."""

import datetime as dt
import time

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from council import signin
from council.models import Role, SignInEvent, User
from council.services.signin import _new_recovery_codes
from tests.council.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-2026"
IP = "203.0.113.9"


def _password(client: Client, user, ip: str = IP, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data, REMOTE_ADDR=ip)


def _code(device: TOTPDevice, *, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():0{device.digits}d}"


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _submit(client: Client, code: str, ip: str = IP):
    return client.post("/accounts/mfa/", {"code": code, "next": "/"}, REMOTE_ADDR=ip)


def _kinds(user) -> list[str]:
    return list(SignInEvent.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def office_user(council):
    return RoleFactory(council=council, role=Role.OFFICE).user


@pytest.fixture
def delegate_user(council):
    return RoleFactory(council=council, role=Role.DELEGATE).user


# -- who must -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "flagged", "required"),
    [
        (Role.OFFICE, False, True),
        (Role.ADMIN, False, True),
        (Role.OFFICE, True, True),
        (Role.STANDING, False, False),
        (Role.COMMITTEE_HEAD, False, False),
        (Role.GROUP_LEADER, False, False),
        (Role.DELEGATE, False, False),
        (Role.LEADERSHIP, False, False),
        (Role.AGENCY, False, False),
    ],
)
def test_two_factor_is_mandatory_for_administrators_office_and_protected_identities(
    user_with_role, role, flagged, required
):
    user = user_with_role(role)
    if flagged:
        user.roles.update(sees_protected_identities=True)

    assert signin.mfa_required(user) is required


def test_a_superuser_without_roles_must_use_it_too():
    assert signin.mfa_required(UserFactory(is_superuser=True, is_staff=True))


# -- signing in ------------------------------------------------------------------------------------------


def test_a_delegate_without_an_authenticator_signs_in_with_the_password_alone(client, delegate_user):
    response = _password(client, delegate_user)

    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert _kinds(delegate_user) == ["signed_in"]
    delegate_user.refresh_from_db()
    assert delegate_user.mfa_due_since is None


def test_office_staff_are_asked_to_set_it_up_at_sign_in_and_may_postpone_it_in_the_grace(client, office_user):
    response = _password(client, office_user)

    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "/accounts/mfa/setup/" in home.text  # the warning links to the set-up page
    office_user.refresh_from_db()
    assert office_user.mfa_due_since is not None


def test_after_the_grace_period_a_role_that_must_enrol_is_sent_to_enrolment(client, office_user, settings):
    settings.MFA_GRACE_DAYS = 3
    office_user.mfa_due_since = timezone.now() - dt.timedelta(days=3, minutes=1)
    office_user.save(update_fields=["mfa_due_since"])

    response = _password(client, office_user)

    assert response["Location"].startswith("/accounts/mfa/setup/")
    page = client.get("/terms/")
    assert page.status_code == 302
    assert page["Location"] == "/accounts/mfa/setup/?next=%2Fterms%2F"
    setup = client.get(page["Location"])
    assert setup.status_code == 200
    assert "Sau" not in [b.strip() for b in setup.text.split(">")]  # no "Later" button any more
    assert client.post("/accounts/mfa/setup/", {"later": "1"}).status_code == 200  # postponing refused
    assert client.get("/").status_code == 302


def test_a_user_with_an_authenticator_must_pass_the_code_step(client, delegate_user):
    device = _device(delegate_user)

    response = _password(client, delegate_user, next_url="/terms/")

    assert response["Location"] == "/accounts/mfa/?next=%2Fterms%2F"
    assert client.get("/").status_code == 302  # nothing opens before the code
    assert client.get("/").headers["Location"].startswith("/accounts/mfa/")
    accepted = _submit(client, _code(device))
    assert accepted.status_code == 302
    assert client.get("/").status_code == 200
    assert _kinds(delegate_user) == ["signed_in", "mfa_passed"]


def test_a_htmx_request_before_the_code_step_is_sent_to_it_as_a_whole_page(client, delegate_user):
    _device(delegate_user)
    _password(client, delegate_user)

    response = client.get("/notifications/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.content == b""
    assert response["HX-Redirect"].startswith("/accounts/mfa/")


def test_a_wrong_code_is_refused_in_vietnamese_and_changes_nothing(client, delegate_user):
    device = _device(delegate_user)
    _password(client, delegate_user)

    response = _submit(client, "000000" if _code(device) != "000000" else "111111")

    assert response.status_code == 200
    assert "Mã không đúng" in response.text
    assert client.get("/").status_code == 302
    assert _kinds(delegate_user) == ["signed_in", "mfa_failed"]


def test_an_expired_code_is_refused(client, delegate_user):
    device = _device(delegate_user)
    _password(client, delegate_user)

    response = _submit(client, _code(device, at=time.time() - 300))

    assert "Mã không đúng" in response.text
    assert client.get("/").status_code == 302


def test_a_code_already_used_is_refused(client, delegate_user):
    device = _device(delegate_user)
    code = _code(device)
    _password(client, delegate_user)
    assert _submit(client, code).status_code == 302

    again = Client()
    _password(again, delegate_user)
    response = _submit(again, code)

    assert "Mã không đúng" in response.text
    assert again.get("/").status_code == 302


def test_a_recovery_code_works_once(client, delegate_user):
    _device(delegate_user)
    codes = _new_recovery_codes(delegate_user)
    _password(client, delegate_user)

    assert _submit(client, codes[0].upper()).status_code == 302  # typed in capitals, dash kept
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(device__user=delegate_user).count() == len(codes) - 1

    again = Client()
    _password(again, delegate_user)
    response = _submit(again, codes[0])
    assert "Mã không đúng" in response.text
    assert again.get("/").status_code == 302
    assert _kinds(delegate_user)[-1] == "mfa_failed"
    assert "mfa_recovery_used" in _kinds(delegate_user)


def test_the_code_step_is_throttled_like_the_password_step(client, delegate_user):
    device = _device(delegate_user)
    _password(client, delegate_user)
    right = _code(device)
    wrong = "000000" if right != "000000" else "111111"

    statuses = [_submit(client, wrong).status_code for _ in range(settings.MFA_FAILURE_LIMIT)]

    assert statuses[-1] == 429
    locked = _submit(client, right)
    assert locked.status_code == 429
    assert "Nhập sai mã quá nhiều lần" in locked.text
    assert client.get("/").status_code == 302
    assert "mfa_locked" in _kinds(delegate_user)
    # From another address the account's owner can still sign in.
    elsewhere = Client()
    _password(elsewhere, delegate_user, ip="198.51.100.4")
    assert _submit(elsewhere, right, ip="198.51.100.4").status_code == 302


# -- setting up --------------------------------------------------------------------------------------------


def test_setting_up_shows_the_key_and_confirms_it_with_a_code(client, office_user):
    _password(client, office_user)

    page = client.get("/accounts/mfa/setup/")
    assert page.status_code == 200
    assert "<svg" in page.text
    device = TOTPDevice.objects.get(user=office_user)
    assert not device.confirmed
    reload = client.get("/accounts/mfa/setup/")
    assert reload.context["secret"] == page.context["secret"]  # the same key on reload

    wrong = client.post("/accounts/mfa/setup/", {"code": "12345"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=office_user).exists()

    done = client.post("/accounts/mfa/setup/", {"code": _code(device)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert StaticToken.objects.filter(device__user=office_user).count() == 10
    assert "mfa_enrolled" in _kinds(office_user)
    assert client.get("/").status_code == 200


def test_a_half_signed_in_user_cannot_replace_the_authenticator(client, delegate_user):
    _device(delegate_user)
    _password(client, delegate_user)

    response = client.get("/accounts/mfa/setup/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/")
    assert TOTPDevice.objects.filter(user=delegate_user).count() == 1


def test_an_optional_user_sets_it_up_and_removes_it(client, delegate_user):
    _password(client, delegate_user)
    client.get("/accounts/mfa/setup/")
    device = TOTPDevice.objects.get(user=delegate_user)
    client.post("/accounts/mfa/setup/", {"code": _code(device)})
    assert client.get("/accounts/security/").context["has_authenticator"]

    client.post("/accounts/security/remove/")

    assert not TOTPDevice.objects.filter(user=delegate_user).exists()
    assert not StaticToken.objects.filter(device__user=delegate_user).exists()
    assert _kinds(delegate_user)[-1] == "mfa_removed"
    assert client.get("/").status_code == 200


def test_office_staff_cannot_remove_it(client, office_user):
    device = _device(office_user)
    _password(client, office_user)
    _submit(client, _code(device))

    response = client.post("/accounts/security/remove/", follow=True)

    assert TOTPDevice.objects.filter(user=office_user, confirmed=True).exists()
    assert "bắt buộc" in response.text


def test_new_recovery_codes_replace_the_old_ones(client, delegate_user):
    device = _device(delegate_user)
    old = _new_recovery_codes(delegate_user)
    _password(client, delegate_user)
    _submit(client, _code(device))

    response = client.post("/accounts/security/codes/")

    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    again = Client()
    _password(again, delegate_user)
    assert "Mã không đúng" in _submit(again, old[1]).text


# -- /admin/ ----------------------------------------------------------------------------------------------


def test_the_admin_needs_the_code_step_even_within_the_grace(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    _password(client, admin)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/setup/")
    client.get("/accounts/mfa/setup/")
    device = TOTPDevice.objects.get(user=admin)
    client.post("/accounts/mfa/setup/", {"code": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_an_administrator_with_an_authenticator_passes_the_code_step_before_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    device = _device(admin)
    _password(client, admin, next_url="/admin/")

    assert client.get("/admin/")["Location"] == "/accounts/mfa/?next=%2Fadmin%2F"
    _submit(client, _code(device))
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_form_is_the_apps_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_the_sign_in_log_is_read_only_in_the_admin(client, delegate_user):
    client.post("/accounts/login/", {"username": delegate_user.username, "password": "sai"}, REMOTE_ADDR=IP)
    admin = User.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(admin)

    listing = client.get("/admin/council/signinevent/")

    assert listing.status_code == 200
    assert delegate_user.username in listing.text
    assert client.get("/admin/council/signinevent/add/").status_code == 403
    event = SignInEvent.objects.get(username=delegate_user.username)
    assert client.post(f"/admin/council/signinevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert SignInEvent.objects.filter(pk=event.pk).exists()


def test_failures_and_lockouts_are_logged(client, delegate_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"username": delegate_user.username, "password": "sai"}, REMOTE_ADDR=IP
        )

    kinds = list(SignInEvent.objects.filter(username=delegate_user.username).values_list("kind", flat=True))

    assert kinds.count("failed") >= settings.AXES_FAILURE_LIMIT - 1
    assert "locked_out" in kinds


@pytest.mark.parametrize(
    "target", ["100000000000000000000", "home", "https://evil.example/", "//evil.example/x"]
)
def test_after_the_code_step_only_a_path_of_this_site_is_followed(client, delegate_user, target):
    device = _device(delegate_user)
    _password(client, delegate_user, next_url="/terms/")
    response = client.post("/accounts/mfa/", {"code": _code(device), "next": target}, REMOTE_ADDR=IP)
    assert response.status_code == 302 and response["Location"] == "/"
