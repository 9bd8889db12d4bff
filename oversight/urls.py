from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("oversight/programme/", views.programme, name="programme"),
    path("oversight/suggestions/", views.suggestions, name="suggestions"),
    path("oversight/<int:pk>/advance/", views.activity_advance, name="activity_advance"),
    path("oversight/<int:pk>/members/", views.member_add, name="activity_member_add"),
    path("oversight/<int:pk>/surveys/", views.survey_add, name="activity_survey_add"),
    path("oversight/<int:pk>/documents/", views.document_add, name="activity_document_add"),
    path("oversight/documents/<int:pk>/file/", views.document_file, name="activity_document_file"),
    path("oversight/<int:pk>/recommendations/", views.recommendation_add, name="activity_recommendation_add"),
    path("oversight/<int:pk>/re-oversight/", views.re_oversight_open, name="activity_re_oversight"),
    path("oversight/recommendations/<int:pk>/assess/", views.carried_assess, name="recommendation_assess"),
    path(
        "oversight/hearings/<int:pk>/conclusions/", views.conclusion_add, name="accountability_conclusion_add"
    ),
    *views.ACCOUNTABILITY.urls("oversight/hearings"),
    path("oversight/study-trips/<int:pk>/file/", views.study_trip_file, name="study_trip_file"),
    path(
        "oversight/study-trips/<int:pk>/follow-ups/",
        views.study_trip_followup_add,
        name="study_trip_followup_add",
    ),
    path(
        "oversight/study-trips/follow-ups/<int:pk>/done/",
        views.study_trip_followup_done,
        name="study_trip_followup_done",
    ),
    *views.STUDY_TRIPS.urls("oversight/study-trips"),
    *views.ACTIVITIES.urls("oversight"),
]
