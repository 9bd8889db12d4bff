from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from council.views import account, core
from reports.views.home import home

admin.site.site_header = "HĐND"
handler500 = "council.observability.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Django's auth views reverse these names without a namespace (settings.LOGIN_URL and the like).
    path("accounts/login/", account.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Password reset by e-mail (through the outbox, throttled, the same answer for an unknown address).
    path("accounts/reset/", account.password_reset, name="password_reset"),
    path(
        "accounts/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/", include("council.account_urls")),
    # The admin signs in through the app's sign-in (password, then the code step), never its own form.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("delegates.urls")),
    path("", include("sessions.urls")),
    path("", include("oversight.urls")),
    path("", include("voters.urls")),
    path("", include("directives.urls")),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
    path("", include("council.routes")),
]
