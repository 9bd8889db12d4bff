from django.urls import path

from .views import delegates, reports

app_name = "reports"

urlpatterns = [
    path("groups/<int:pk>/activity/", delegates.group_activity, name="group_activity"),
    path("groups/<int:pk>/activity/meetings/", delegates.group_meeting_add, name="group_meeting_add"),
    path("evaluations/", delegates.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/<int:year>/", delegates.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/<int:year>/<str:by>/", delegates.evaluation_rate, name="evaluation_rate"),
    path("scorecard/", reports.scorecard_page, name="scorecard"),
    path("scorecard/targets/seed/", reports.targets_seed, name="kpi_targets_seed"),
    path("dashboard/", reports.dashboard_page, name="dashboard"),
    path("dashboard/refresh/", reports.figures_refresh, name="figures_refresh"),
    path("figures/<slug:key>/", reports.figure_detail, name="figure_detail"),
    path("participation/", reports.participation, name="participation_overview"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/new/", reports.report_request, name="report_request"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/regenerate/", reports.report_regenerate, name="report_regenerate"),
    path("reports/<int:pk>/issue/", reports.report_issue, name="report_issue"),
    path("reports/<int:pk>/<str:fmt>/", reports.report_download, name="report_download"),
    *reports.TARGETS.urls("scorecard/targets"),
]
