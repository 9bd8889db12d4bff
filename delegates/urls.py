from django.urls import path

from . import views, work_views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/<int:pk>/", views.directory_profile, name="directory_profile"),
    path("groups/<int:pk>/members/", views.group_member_add, name="group_member_add"),
    path("committees/<int:pk>/members/", views.committee_member_add, name="committee_member_add"),
    path("standing-committee/", views.standing_committee, name="standing"),
    path("positions/<str:kind>/<int:pk>/end/", views.position_end, name="position_end"),
    path("training/summary/", work_views.training_summary, name="training_summary"),
    path("training/<int:pk>/invite/", work_views.course_invite, name="course_invite"),
    path("training/<int:pk>/attendance/", work_views.course_attendance, name="course_attendance"),
    path("training/<int:pk>/materials/", work_views.course_materials, name="course_materials"),
    path("mandates/<int:pk>/programme/", work_views.program_detail, name="program_detail"),
    path("mandates/<int:pk>/programme/save/", work_views.program_save, name="program_save"),
    path("commitments/<int:pk>/assess/", work_views.commitment_assess, name="commitment_assess"),
    path("emulation/models/", work_views.exemplary_models, name="exemplary_models"),
    path("emulation/<int:pk>/nominate/", work_views.nomination_add, name="nomination_add"),
    path("nominations/<int:pk>/decide/", work_views.nomination_decide, name="nomination_decide"),
    *work_views.COURSES.urls("training"),
    *work_views.CRITERIA.urls("evaluation-criteria"),
    *work_views.MOVEMENTS.urls("emulation"),
]
for crud, prefix in views.DELEGATE_CRUDS:
    urlpatterns += crud.urls(prefix)
