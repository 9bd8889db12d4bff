"""The core's own pages, under the "council" namespace: follow-ups, the agency's pages, reference data, the
calendar and the council switch. ``council/urls.py`` includes them beside every app's routes."""

from django.urls import path

from council.views import core, followups
from council.views.reference import REFERENCE_VIEWSETS, holiday_delete

app_name = "council"

urlpatterns = [
    path("council/switch/", core.council_switch, name="switch"),
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
for viewset, prefix in REFERENCE_VIEWSETS:
    urlpatterns += viewset.urls(prefix)
