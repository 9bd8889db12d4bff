from django.urls import path

from . import views

urlpatterns = [
    path("sessions/<int:pk>/sittings/", views.sitting_add, name="sitting_add"),
    path("sessions/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("sessions/<int:pk>/dashboard/", views.dashboard, name="session_dashboard"),
    path("sittings/<int:pk>/live/", views.live, name="sitting_live"),
    path("sittings/<int:pk>/speakers/", views.speakers, name="sitting_speakers"),
    path("speeches/<int:pk>/remove/", views.speech_remove, name="speech_remove"),
    path("me/participation/", views.my_participation, name="my_participation"),
    *views.SESSIONS.urls("sessions"),
]
