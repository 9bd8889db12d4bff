from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from council.views import core, followups
from council.views.reference import REFERENCE_CRUDS, holiday_delete
from reports.views.home import home

admin.site.site_header = "HĐND"
handler500 = "council.observability.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("council/switch/", core.council_switch, name="council_switch"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("", include("delegates.urls")),
    path("", include("sessions.urls")),
    path("", include("oversight.urls")),
    path("", include("voters.urls")),
    path("", include("directives.urls")),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
]
for crud, prefix in REFERENCE_CRUDS:
    urlpatterns += crud.urls(prefix)

urlpatterns += [
    path("followups/", followups.followup_list, name="followup_list"),
    path("followups/new/", followups.followup_create, name="followup_create"),
    path("followups/remind/", followups.followup_remind, name="followup_remind"),
    path("followups/<int:pk>/", followups.followup_detail, name="followup_detail"),
    path("followups/<int:pk>/<str:action>/", followups.followup_action, name="followup_action"),
    path("milestones/<int:pk>/done/", followups.milestone_mark_done, name="milestone_done"),
    path("files/<int:pk>/", followups.attachment_download, name="attachment_download"),
    path("agency/", followups.agency_home, name="agency_home"),
    path("agency/items/<int:pk>/", followups.agency_item, name="agency_item"),
    path("holidays/<int:pk>/delete/", holiday_delete, name="holiday_delete"),
]
