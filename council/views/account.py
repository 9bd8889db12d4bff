"""Sign-in security pages: the sign-in, the code step, setting up two-factor sign-in, the account's security
page (recovery codes, removing, signing out the other sessions) and the password reset by e-mail."""

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council import signin
from council.forms.account import CodeForm, EnrolForm, ResetRequestForm
from council.models import SignInEvent
from council.services import signin as services


def _next(request) -> str:
    """Where to go after the step: a path of this site given as ``next``, else the home page (anything else,
    another site or a bare word that ``redirect`` would take for a view's name, is ignored)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, target: str) -> str:
    from django.utils.http import urlencode

    return f"{reverse(name)}?{urlencode({'next': target})}"


class SignInView(auth_views.LoginView):
    """Django's login (axes throttles it), then the code step or the set-up page when owed."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        state = services.signin_password_passed(request=self.request, user=form.get_user())
        if state == signin.VERIFY:
            return redirect(_with_next("account:mfa_verify", self.get_success_url()))
        if state == signin.ENROL:
            user = form.get_user()
            if signin.grace_over(user):
                return redirect(_with_next("account:mfa_enrol", self.get_success_url()))
            ends = signin.grace_ends(user)
            messages.warning(
                self.request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _(
                        "Two-factor sign-in is mandatory for your role. Set it up before %(date)s: after "
                        "that no page opens until it is done."
                    )
                    % {"date": timezone.localtime(ends).strftime("%d/%m/%Y") if ends else ""},
                    _with_next("account:mfa_enrol", self.get_success_url()),
                    _("Set it up now"),
                ),
            )
        return response


@never_cache
def mfa_verify(request):
    """The code step: a code from the authenticator app or a recovery code."""
    user = request.user
    if user.is_verified() or not signin.has_authenticator(user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    locked = services.mfa_locked(user=user, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.mfa_verify(request=request, user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            locked = error.code == "locked" or locked
        else:
            if device.persistent_id.startswith("otp_static"):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)s are left. "
                        "Renew them on your security page."
                    )
                    % {"left": left},
                )
            return redirect(_next(request))
    status = 429 if locked else 200
    return render(request, "account/mfa_verify.html", {"form": form, "next": _next(request)}, status=status)


def _secret(device) -> str:
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


@never_cache
def mfa_enrol(request):
    """Set up the authenticator app: scan or type the secret, confirm with a code, keep the recovery codes."""
    user = request.user
    if signin.has_authenticator(user) and not user.is_verified():
        return redirect(_with_next("account:mfa_verify", _next(request)))
    required = signin.mfa_required(user)
    if request.method == "POST" and "later" in request.POST:
        try:
            ends = services.mfa_postpone(request=request, user=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.info(
                request,
                _("Two-factor sign-in is postponed; from %(date)s no page opens until it is set up.")
                % {"date": timezone.localtime(ends).strftime("%d/%m/%Y")},
            )
            return redirect(_next(request))
    device = services.mfa_enrol_start(user=user)
    form = EnrolForm(request.POST if request.method == "POST" and "later" not in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            codes = services.mfa_enrol_confirm(request=request, user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("Two-factor sign-in is set up."))
            return render(request, "account/recovery_codes.html", {"codes": codes, "next": _next(request)})
    context = {
        "form": form,
        "secret": _secret(device),
        "qr": _qr_svg(device.config_url),
        "required": required,
        "grace_ends": signin.grace_ends(user),
        "may_postpone": required and not signin.has_authenticator(user) and not signin.grace_over(user),
        "next": _next(request),
    }
    return render(request, "account/mfa_enrol.html", context, status=200 if not form.errors else 400)


@never_cache
def security(request):
    """The account's security page: two-factor sign-in, recovery codes, sessions, the recent sign-ins."""
    from django_otp.plugins.otp_static.models import StaticToken

    user = request.user
    context = {
        "has_authenticator": signin.has_authenticator(user),
        "required": signin.mfa_required(user),
        "codes_left": StaticToken.objects.filter(device__user=user).count(),
        "events": SignInEvent.objects.filter(user=user)[:10],
        "idle_minutes": settings.STAFF_IDLE_MINUTES,
    }
    return render(request, "account/security.html", context)


@require_POST
def security_action(request, action: str):
    """Renew the recovery codes, remove two-factor sign-in, or sign out the other sessions."""
    user = request.user
    try:
        if action == "codes":
            codes = services.mfa_codes_renew(request=request, user=user)
            return render(
                request, "account/recovery_codes.html", {"codes": codes, "next": reverse("account:security")}
            )
        if action == "remove":
            services.mfa_remove(request=request, user=user)
            messages.success(request, _("Two-factor sign-in is removed from your account."))
        elif action == "sessions":
            services.sessions_end_others(request=request, user=user)
            messages.success(request, _("Your other sessions are signed out; this one stays signed in."))
        else:
            return redirect("account:security")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("account:security")


@login_not_required
@never_cache
def password_reset(request):
    """Ask for a reset link: the same answer whether the address has an account or not."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(request=request, email=form.cleaned_data["email"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("password_reset_done")
    status = 429 if form.non_field_errors() else 200
    return render(request, "registration/password_reset_form.html", {"form": form}, status=status)


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset page (the link works once and expires); the reset is logged."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_done(request=self.request, user=form.user)
        return response
