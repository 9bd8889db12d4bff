"""Sign-in security: who must use two-factor sign-in, the middleware that enforces it, the staff idle timeout.

After the password (``council.views.account.SignInView``) the session holds the user's state:

- ``verify``: the user has an authenticator; nothing but the code step opens until a code is accepted
  (django-otp's ``request.user.is_verified()``);
- ``enrol``: two-factor sign-in is mandatory for the user's role and not set up yet; the set-up page may be
  postponed until ``MFA_GRACE_DAYS`` after the first sign-in that asked for it, then nothing else opens;
- empty: nothing more to do (optional two-factor sign-in not set up).

A session made otherwise (Django's test client's ``force_login``) carries no state: it is read from the
records on each request, so an account with an authenticator still has to pass the code step. ``/admin/``
always needs a session that passed the code step. The middleware and the log's signal receivers are in
``council.signin_middleware``.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from council.models import Role, RoleAssignment, User

STATE_KEY = "signin_mfa"
LAST_SEEN_KEY = "signin_last_seen"
VERIFY, ENROL, DONE = "verify", "enrol", ""


def mfa_required(user: User) -> bool:
    """Two-factor sign-in is mandatory for administrators, Office staff and those who see denouncers."""
    if user.is_superuser or user.is_staff:
        return True
    return (
        RoleAssignment.objects.filter(user=user)
        .filter(Q(role__in=[Role.OFFICE, Role.ADMIN]) | Q(sees_protected_identities=True))
        .exists()
    )


def has_authenticator(user: User) -> bool:
    """Whether the user has a confirmed authenticator app (TOTP device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def grace_ends(user: User) -> dt.datetime | None:
    """When postponing the set-up stops being possible (None: the grace period has not started)."""
    if user.mfa_due_since is None:
        return None
    return user.mfa_due_since + dt.timedelta(days=settings.MFA_GRACE_DAYS)


def grace_over(user: User) -> bool:
    ends = grace_ends(user)
    return ends is not None and ends <= timezone.now()


def mfa_state(user: User) -> str:
    """What the user still owes after the password, read from the records."""
    if has_authenticator(user):
        return VERIFY
    if mfa_required(user):
        return ENROL
    return DONE
