from django.urls import path

from . import delegate_views

urlpatterns = [
    path("groups/<int:pk>/activity/", delegate_views.group_activity, name="group_activity"),
    path("groups/<int:pk>/activity/meetings/", delegate_views.group_meeting_add, name="group_meeting_add"),
    path("evaluations/", delegate_views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/<int:year>/", delegate_views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/<int:year>/<str:by>/", delegate_views.evaluation_rate, name="evaluation_rate"),
]
