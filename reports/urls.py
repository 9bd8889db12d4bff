from django.urls import path

from . import delegate_views, report_views

urlpatterns = [
    path("groups/<int:pk>/activity/", delegate_views.group_activity, name="group_activity"),
    path("groups/<int:pk>/activity/meetings/", delegate_views.group_meeting_add, name="group_meeting_add"),
    path("evaluations/", delegate_views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/<int:year>/", delegate_views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/<int:year>/<str:by>/", delegate_views.evaluation_rate, name="evaluation_rate"),
    path("scorecard/", report_views.scorecard_page, name="scorecard"),
    path("scorecard/targets/seed/", report_views.targets_seed, name="kpi_targets_seed"),
    path("dashboard/", report_views.dashboard_page, name="dashboard"),
    path("dashboard/refresh/", report_views.figures_refresh, name="figures_refresh"),
    path("figures/<slug:key>/", report_views.figure_detail, name="figure_detail"),
    path("participation/", report_views.participation, name="participation_overview"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/new/", report_views.report_request, name="report_request"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/regenerate/", report_views.report_regenerate, name="report_regenerate"),
    path("reports/<int:pk>/issue/", report_views.report_issue, name="report_issue"),
    path("reports/<int:pk>/<str:fmt>/", report_views.report_download, name="report_download"),
    *report_views.TARGETS.urls("scorecard/targets"),
]
