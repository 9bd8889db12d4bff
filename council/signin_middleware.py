"""The middleware enforcing sign-in security (``council.signin``) and the sign-in log's signal receivers."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from council.signin import ENROL, LAST_SEEN_KEY, STATE_KEY, VERIFY, grace_over, mfa_state

# The last-seen time is written at most once a minute (a session write per request would cost a query).
LAST_SEEN_STEP = 60


def _redirect(request, name: str) -> HttpResponse:
    url = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request") == "true":
        # A redirect would be followed inside the fragment: have htmx load the whole page instead.
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


class SignInSecurityMiddleware:
    """Send a signed-in user to the code step or the set-up page when owed; end idle staff sessions."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        """Paths a user who still owes the code step may open (prefixes)."""
        if self._open_paths is None:
            self._open_paths = (
                reverse("login"),
                reverse("logout"),
                reverse("account:mfa_verify"),
                reverse("account:mfa_enrol"),
                reverse("set_language"),
                "/accounts/reset/",
                reverse("password_reset"),
                "/healthz",
                f"/{settings.STATIC_URL.strip('/')}/",
            )
        return self._open_paths

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.open_paths()):
            return self.get_response(request)
        idle = self._idle_check(request)
        if idle is not None:
            return idle
        if user.is_verified():
            return self.get_response(request)
        state = request.session.get(STATE_KEY)
        if state is None:
            state = mfa_state(user)
        if state == VERIFY:
            return _redirect(request, "account:mfa_verify")
        if request.path.startswith(reverse("admin:index")) or (state == ENROL and grace_over(user)):
            return _redirect(request, "account:mfa_enrol")
        return self.get_response(request)

    def _idle_check(self, request):
        """Sign out a staff session idle for over STAFF_IDLE_MINUTES (sessions the login view marked)."""
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is None:
            return None
        now = int(time.time())
        if now - int(last_seen) > settings.STAFF_IDLE_MINUTES * 60:
            from council.services.signin import signin_log

            user = request.user
            signin_log(kind="idle_timeout", user=user, request=request)
            request.signin_idle = True
            logout(request)
            messages.info(
                request,
                _("You were signed out after %(minutes)s minutes without activity. Please sign in again.")
                % {"minutes": settings.STAFF_IDLE_MINUTES},
            )
            return _redirect(request, "login")
        if now - int(last_seen) >= LAST_SEEN_STEP:
            request.session[LAST_SEEN_KEY] = now
        return None


def connect_signin_log() -> None:
    """Log failed passwords, lockouts and sign-outs (Django's and axes' signals: the only hooks there are)."""
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_out, user_login_failed

    def failed(sender, credentials, request=None, **kwargs):
        from council.services.signin import signin_log

        signin_log(kind="failed", username=str(credentials.get("username", "")), request=request)

    def locked(sender, request, username, ip_address, **kwargs):
        from council.services.signin import signin_log

        signin_log(kind="locked_out", username=str(username or ""), request=request)

    def signed_out(sender, request, user, **kwargs):
        from council.services.signin import signin_log

        if user is not None and not getattr(request, "signin_idle", False):  # the idle logout logs itself
            signin_log(kind="signed_out", user=user, request=request)

    user_login_failed.connect(failed, weak=False, dispatch_uid="hdnd-signin-failed")
    user_locked_out.connect(locked, weak=False, dispatch_uid="hdnd-signin-locked")
    user_logged_out.connect(signed_out, weak=False, dispatch_uid="hdnd-signin-out")
