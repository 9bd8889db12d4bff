from django.urls import path

from . import views

urlpatterns = [
    path("oversight/<int:pk>/advance/", views.activity_advance, name="activity_advance"),
    path("oversight/<int:pk>/members/", views.member_add, name="activity_member_add"),
    path("oversight/<int:pk>/surveys/", views.survey_add, name="activity_survey_add"),
    path("oversight/<int:pk>/recommendations/", views.recommendation_add, name="activity_recommendation_add"),
    *views.ACTIVITIES.urls("oversight"),
]
