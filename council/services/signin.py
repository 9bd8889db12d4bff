"""Sign-in writes: the log, the code step (throttled), setting up and removing two-factor sign-in, recovery
codes, ending the other sessions and the password reset by e-mail.

Each refusal (a wrong, reused or expired code, a recovery code used twice, too many tries) raises a
``ValidationError`` with a translated message and changes nothing but the throttle counter and the log.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from council import ratelimit
from council.models import Council, RoleAssignment, SignInEvent, User
from council.services.outbox import queue_mail
from council.signin import DONE, ENROL, LAST_SEEN_KEY, STATE_KEY, VERIFY, has_authenticator, mfa_required

if TYPE_CHECKING:
    from django_otp.models import Device
    from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# Password resets asked from one address, and mailed to one account, per hour.
RESET_PER_ADDRESS = 5
RESET_PER_ACCOUNT = 3
HOUR = 3600
# The outbox key of a reset mail: the admin never shows such a mail's body (it holds a working link).
RESET_MAIL_KEY = "password-reset:"


def signin_log(*, kind: str, user: User | None = None, username: str = "", request=None) -> SignInEvent:
    """Append one event to the sign-in log (who, what, from which address and browser)."""
    ip = ratelimit.client_ip(request) if request is not None else None
    agent = request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""
    if user is not None and not username:
        username = user.get_username()
    return SignInEvent.objects.create(
        user=user, username=username[:150], kind=kind, ip_address=_valid_ip(ip), user_agent=agent
    )


def _valid_ip(ip: str | None) -> str | None:
    from django.core.validators import validate_ipv46_address

    try:
        validate_ipv46_address(ip or "")
    except ValidationError:
        return None
    return ip


def signin_password_passed(*, request: HttpRequest, user: User) -> str:
    """Log the password step and note what the session still owes (the code step, the set-up page)."""
    staff = mfa_required(user)
    if has_authenticator(user):
        state = VERIFY
    elif staff:
        state = ENROL
        if user.mfa_due_since is None:  # the grace period starts at the first sign-in that asks
            User.objects.filter(pk=user.pk, mfa_due_since__isnull=True).update(mfa_due_since=timezone.now())
            user.refresh_from_db(fields=["mfa_due_since"])
    else:
        state = DONE
    request.session[STATE_KEY] = state
    if staff:
        request.session[LAST_SEEN_KEY] = int(timezone.now().timestamp())
    signin_log(kind=SignInEvent.Kind.SIGNED_IN, user=user, request=request)
    return state


# -- the code step ---------------------------------------------------------------------------------------


def _keys(user: User, request: HttpRequest) -> tuple[str, str]:
    return f"mfa:{user.pk}:{ratelimit.client_ip(request) or '-'}", f"mfa:{user.pk}"


def _window() -> int:
    return max(60, int(settings.AXES_COOLOFF_TIME * 3600))


def mfa_locked(*, user: User, request: HttpRequest) -> bool:
    """Whether the code step is locked for this user from this address (too many wrong codes)."""
    here, anywhere = _keys(user, request)
    limit = settings.MFA_FAILURE_LIMIT
    return ratelimit.used(here, _window()) >= limit or ratelimit.used(anywhere, _window()) >= 4 * limit


def _locked_error() -> ValidationError:
    minutes = max(1, round(_window() / 60))
    return ValidationError(
        _(
            "Too many wrong codes. For your security the code step is locked for %(minutes)s minutes; "
            "try again later or ask the Office."
        )
        % {"minutes": minutes},
        code="locked",
    )


def _count_failure(*, user: User, request: HttpRequest) -> None:
    here, anywhere = _keys(user, request)
    ratelimit.count(anywhere, _window())
    if ratelimit.count(here, _window()) >= settings.MFA_FAILURE_LIMIT:
        signin_log(kind=SignInEvent.Kind.MFA_LOCKED, user=user, request=request)
        raise _locked_error()
    signin_log(kind=SignInEvent.Kind.MFA_FAILED, user=user, request=request)


def normalise_code(code: str) -> str:
    """A code as typed: spaces and dashes dropped, lower case (recovery codes are shown as abcd-efgh)."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def mfa_verify(*, request: HttpRequest, user: User, code: str) -> Device:
    """Check a code from the authenticator app or a recovery code; mark the session as verified."""
    import django_otp
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if mfa_locked(user=user, request=request):
        raise _locked_error()
    token = normalise_code(code)
    device: Device | None = None
    recovery = False
    if token:
        with transaction.atomic():
            if token.isdigit():
                candidates: list = list(
                    TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
                )
            else:
                candidates = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
                recovery = True
            # verify_token refuses a code already used (TOTP: last_t) and deletes a recovery code it takes.
            device = next((d for d in candidates if d.verify_token(token)), None)
    if device is None:
        _count_failure(user=user, request=request)
        raise ValidationError(
            _(
                "The code is wrong, expired or already used. "
                "Type the code your app shows now, or a recovery code."
            ),
            code="wrong",
        )
    django_otp.login(request, device)
    request.session[STATE_KEY] = DONE
    kind = SignInEvent.Kind.MFA_RECOVERY_USED if recovery else SignInEvent.Kind.MFA_PASSED
    signin_log(kind=kind, user=user, request=request)
    return device


# -- setting up, renewing and removing -------------------------------------------------------------------


def mfa_enrol_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so a reload changes nothing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def mfa_enrol_confirm(*, request: HttpRequest, user: User, code: str) -> list[str]:
    """Confirm the authenticator with a code it shows; return the new recovery codes (shown once)."""
    import django_otp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if mfa_locked(user=user, request=request):
        raise _locked_error()
    token = normalise_code(code)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        )
        if device is None:
            raise ValidationError(_("Start the set-up again: the page was open too long."), code="stale")
        if has_authenticator(user) and not getattr(request.user, "is_verified", lambda: False)():
            raise ValidationError(_("Pass the code step first."), code="unverified")
        ok = token.isdigit() and device.verify_token(token)
        if ok:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = _new_recovery_codes(user)
    if not ok:
        _count_failure(user=user, request=request)
        raise ValidationError(
            _("The code is wrong or expired. Type the six digits your app shows now."), code="wrong"
        )
    django_otp.login(request, device)
    request.session[STATE_KEY] = DONE
    signin_log(kind=SignInEvent.Kind.MFA_ENROLLED, user=user, request=request)
    return codes


def mfa_postpone(*, request: HttpRequest, user: User) -> dt.datetime:
    """Go on without setting up, while the grace period lasts; return when it ends."""
    from council.signin import grace_ends, grace_over

    ends = grace_ends(user)
    if ends is None or grace_over(user):
        raise ValidationError(
            _("Two-factor sign-in can no longer be postponed: set it up now."), code="grace_over"
        )
    signin_log(kind=SignInEvent.Kind.MFA_POSTPONED, user=user, request=request)
    return ends


def mfa_codes_renew(*, request: HttpRequest, user: User) -> list[str]:
    """Replace the recovery codes (the old ones stop working); return the new ones."""
    if not has_authenticator(user):
        raise ValidationError(_("Set up two-factor sign-in first."), code="no_device")
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        signin_log(kind=SignInEvent.Kind.MFA_CODES_RENEWED, user=user, request=request)
    return codes


def mfa_remove(*, request: HttpRequest, user: User) -> None:
    """Remove the authenticator and the recovery codes (refused where two-factor sign-in is mandatory)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if mfa_required(user):
        raise ValidationError(_("Two-factor sign-in is mandatory for your role: it cannot be removed."))
    if not has_authenticator(user):
        raise ValidationError(_("Two-factor sign-in is not set up."), code="no_device")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        signin_log(kind=SignInEvent.Kind.MFA_REMOVED, user=user, request=request)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[STATE_KEY] = DONE


# -- sessions --------------------------------------------------------------------------------------------


def sessions_end_others(*, request: HttpRequest, user: User) -> None:
    """Sign out every other session of the user; this one stays signed in."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
        user.refresh_from_db(fields=["session_generation"])
        signin_log(kind=SignInEvent.Kind.OTHER_SESSIONS_ENDED, user=user, request=request)
    update_session_auth_hash(request, user)


# -- password reset --------------------------------------------------------------------------------------


def _mail_council(user: User) -> Council | None:
    """The outbox files mail under a council: the user's own, else the deployment's first."""
    role = RoleAssignment.objects.filter(user=user).select_related("council").order_by("pk").first()
    return role.council if role else Council.objects.order_by("pk").first()


def password_reset_request(*, request: HttpRequest, email: str) -> None:
    """Mail a one-time reset link to each active account with this address; the same outcome otherwise.

    Refused (``ValidationError``) only when this address asked too often, which says nothing about the
    account; past RESET_PER_ACCOUNT mails an hour an account silently gets no more.
    """
    ip = ratelimit.client_ip(request) or "-"
    if ratelimit.count(f"reset:ip:{ip}", HOUR) > RESET_PER_ADDRESS:
        raise ValidationError(
            _("Too many reset requests from this computer. Please try again in an hour."), code="throttled"
        )
    email = (email or "").strip()
    users = [
        u
        for u in User.objects.filter(email__iexact=email, is_active=True).order_by("pk")
        if u.has_usable_password()
    ]
    if not users:
        signin_log(kind=SignInEvent.Kind.RESET_REQUESTED, username=email, request=request)
        return
    for user in users:
        sent = ratelimit.count(f"reset:user:{user.pk}", HOUR)
        if sent > RESET_PER_ACCOUNT:
            continue
        council = _mail_council(user)
        token = default_token_generator.make_token(user)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        link = request.build_absolute_uri(reverse("password_reset_confirm", args=[uid, token]))
        minutes = settings.PASSWORD_RESET_TIMEOUT // 60
        body = _(
            "Hello %(name)s,\n\nSomeone (hopefully you) asked to reset the password of the account "
            "%(username)s. To choose a new password, open this link within %(minutes)s minutes; it works "
            "once:\n\n%(link)s\n\nIf you did not ask, ignore this mail: your password stays as it is."
        ) % {"name": user.get_full_name(), "username": user.get_username(), "minutes": minutes, "link": link}
        with transaction.atomic():
            if council is not None:
                queue_mail(
                    council,
                    f"{RESET_MAIL_KEY}{user.pk}:{token}:{sent}"[:200],
                    [user.email],
                    _("Reset your password"),
                    body,
                )
            signin_log(kind=SignInEvent.Kind.RESET_REQUESTED, user=user, request=request)


def password_reset_done(*, request: HttpRequest, user: User) -> None:
    """Log a password set through a reset link (the link stops working: it hashed the old password)."""
    signin_log(kind=SignInEvent.Kind.RESET_DONE, user=user, request=request)
