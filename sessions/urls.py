from django.urls import path

from .views import interpellations, public, resolutions
from .views import sessions as views

app_name = "sessions"

urlpatterns = [
    # Public, without login: what sessions/public.py says is public, and its lists as CSV.
    path("public/<slug:council_code>/sessions/", public.sessions, name="public_sessions"),
    path("public/<slug:council_code>/sessions.csv", public.sessions_csv, name="public_sessions_csv"),
    path("public/<slug:council_code>/sessions/<int:pk>/", public.session, name="public_session"),
    path("public/<slug:council_code>/resolutions/", public.resolutions, name="public_resolutions"),
    path("public/<slug:council_code>/resolutions.csv", public.resolutions_csv, name="public_resolutions_csv"),
    path("public/<slug:council_code>/resolutions/<int:pk>/", public.resolution, name="public_resolution"),
    path("sessions/<int:pk>/sittings/", views.sitting_add, name="sitting_add"),
    path("sessions/<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("sessions/<int:pk>/dashboard/", views.dashboard, name="session_dashboard"),
    path("sessions/<int:pk>/documents/", views.session_documents, name="session_documents"),
    path("sessions/<int:pk>/documents/add/", views.document_add, name="document_add"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
    path("sittings/<int:pk>/live/", views.live, name="sitting_live"),
    path("sittings/<int:pk>/speakers/", views.speakers, name="sitting_speakers"),
    path("speeches/<int:pk>/remove/", views.speech_remove, name="speech_remove"),
    path("speeches/<int:pk>/correct/", views.speech_correct, name="speech_correct"),
    path("me/participation/", views.my_participation, name="my_participation"),
    path("interpellations/", interpellations.interpellation_list, name="interpellation_list"),
    path("interpellations/new/", interpellations.interpellation_create, name="interpellation_create"),
    path("interpellations/<int:pk>/", interpellations.interpellation_detail, name="interpellation_detail"),
    path(
        "interpellations/<int:pk>/<str:action>/",
        interpellations.interpellation_action,
        name="interpellation_action",
    ),
    path("answers/<int:pk>/file/", interpellations.answer_file, name="answer_file"),
    path("resolutions/<int:pk>/vote/", resolutions.resolution_vote, name="resolution_vote"),
    path("resolutions/<int:pk>/tasks/", resolutions.resolution_task, name="resolution_task"),
    path("resolutions/<int:pk>/quality/", resolutions.resolution_quality_add, name="resolution_quality_add"),
    path(
        "resolutions/quality/<int:pk>/edit/",
        resolutions.resolution_quality_edit,
        name="resolution_quality_edit",
    ),
    path(
        "resolutions/quality/<int:pk>/remove/",
        resolutions.resolution_quality_remove,
        name="resolution_quality_remove",
    ),
    path(
        "resolutions/<int:pk>/vote/correct/",
        resolutions.resolution_vote_correct,
        name="resolution_vote_correct",
    ),
    path("resolutions/<int:pk>/roll-call/", resolutions.resolution_roll_call, name="resolution_roll_call"),
    path(
        "resolutions/<int:pk>/roll-call/import/",
        resolutions.resolution_roll_call_import,
        name="resolution_roll_call_import",
    ),
    *views.SESSIONS.urls("sessions"),
    *resolutions.RESOLUTIONS.urls("resolutions"),
]
