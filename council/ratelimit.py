"""Fixed-window rate limits counted in the database: the same answer from every process, Redis up or down.

A public form makes a handful of writes an hour per address, so one row per (key, window) costs little; the
counting is race-free (an UPDATE ... count + 1, or the INSERT that the unique constraint lets only one
process win).
"""

import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from council.models import RateCounter

# Windows older than this are deleted by the sweep (the longest limit in use is an hour).
KEEP_SECONDS = 24 * 3600


def client_ip(request) -> str | None:
    """The client's address: from the header the reverse proxy sets (CLIENT_IP_HEADER), else REMOTE_ADDR.

    A header the client could send itself is trusted only when the deployment names it. The public limits
    and the login throttle (AXES_CLIENT_IP_CALLABLE) both use it, so behind nginx neither sees every citizen
    or clerk as 127.0.0.1.
    """
    header = settings.CLIENT_IP_HEADER
    address = request.META.get(header, "") if header else ""
    # None when the request has no address at all (e.g. a login made in code): axes stores no address then.
    return (address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")) or None


def _window(seconds: int) -> int:
    now = int(time.time())
    return now - now % seconds


def used(key: str, seconds: int) -> int:
    """How many times ``key`` was counted in the current window of ``seconds``."""
    row = RateCounter.objects.filter(key=key[:200], window=_window(seconds)).values_list("count", flat=True)
    return next(iter(row), 0)


def count(key: str, seconds: int) -> int:
    """Count one use of ``key`` in the current window of ``seconds``; return the uses so far."""
    key, window = key[:200], _window(seconds)
    rows = RateCounter.objects.filter(key=key, window=window)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window=window, count=1)
            return 1
        except IntegrityError:  # another process created it first: count on its row
            rows.update(count=F("count") + 1)
    return used(key, seconds)


def purge() -> int:
    """Delete the windows nobody reads any more; return how many."""
    return RateCounter.objects.filter(window__lt=int(time.time()) - KEEP_SECONDS).delete()[0]
