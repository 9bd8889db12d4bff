"""Two-factor sign-in for the demo: each demo login for which it is mandatory (the Office, the administrator)
gets an authenticator once, and ``seed_demo`` prints its key so the quick start stays easy.

``python manage.py demo_code vanphong`` prints the code the authenticator app would show now (demo logins and
DEBUG only), for a quick sign-in without a phone.
"""

from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from council.models import User
from council.signin import mfa_required


def demo_key(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it (base32)."""
    return b32encode(device.bin_key).decode()


def seed_authenticators(usernames: list[str]) -> list[tuple[str, str]]:
    """Give each demo login that must use two-factor sign-in an authenticator; (username, key) for each."""
    keys = []
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        if not mfa_required(user):
            continue
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Demo", confirmed=True)
        keys.append((user.username, demo_key(device)))
    return keys
