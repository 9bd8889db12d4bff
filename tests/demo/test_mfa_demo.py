"""The demo's two-factor sign-in: the Office's and the administrator's authenticators, and their codes."""

import io
import time

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from council.models import Role
from demo.mfa import seed_authenticators
from tests.council.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_logins(council):
    RoleFactory(council=council, role=Role.OFFICE, user=UserFactory(username="vanphong"))
    RoleFactory(council=council, role=Role.DELEGATE, user=UserFactory(username="daibieu"))
    UserFactory(username="admin", is_superuser=True, is_staff=True)


def test_only_the_logins_that_must_use_it_get_an_authenticator_once(demo_logins):
    first = seed_authenticators(["vanphong", "daibieu", "admin"])
    again = seed_authenticators(["vanphong", "daibieu", "admin"])

    assert [username for username, _key in first] == ["admin", "vanphong"]
    assert again == first
    assert TOTPDevice.objects.count() == 2
    assert not TOTPDevice.objects.filter(user__username="daibieu").exists()


def test_demo_code_prints_the_code_the_app_shows_now(demo_logins, settings):
    settings.DEBUG = True
    seed_authenticators(["vanphong"])
    device = TOTPDevice.objects.get(user__username="vanphong")
    out = io.StringIO()

    call_command("demo_code", "vanphong", stdout=out)

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    expected = set()
    for shift in (-1, 0):  # the call may straddle a 30-second step
        totp.time = time.time() + shift
        expected.add(f"{totp.token():06d}")
    assert out.getvalue().strip() in expected


def test_demo_code_is_refused_for_other_logins_or_with_debug_off(demo_logins, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("demo_code", "someone-else")
    with pytest.raises(CommandError):
        call_command("demo_code", "daibieu")  # no authenticator
    settings.DEBUG = False
    seed_authenticators(["vanphong"])
    with pytest.raises(CommandError):
        call_command("demo_code", "vanphong")
