"""Print the code a demo login's authenticator app shows now (the quick start's sign-in without a phone)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.loader import scenario


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo login (DEBUG only), e.g. `demo_code vanphong`."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        demo_logins = {spec["username"] for spec in scenario("users")["users"]}
        if not settings.DEBUG or username not in demo_logins:
            raise CommandError(_("Only the demo logins have codes printed, and only with DEBUG on."))
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).order_by("pk").first()
        if device is None:
            raise CommandError(_("This login has no authenticator: it signs in with the password alone."))
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
