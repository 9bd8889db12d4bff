from django.urls import path

from .views import delegates as views
from .views import work

app_name = "delegates"

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/<int:pk>/", views.directory_profile, name="directory_profile"),
    path("groups/<int:pk>/members/", views.group_member_add, name="group_member_add"),
    path("committees/<int:pk>/members/", views.committee_member_add, name="committee_member_add"),
    path("standing-committee/", views.standing_committee, name="standing"),
    path("positions/<str:kind>/<int:pk>/end/", views.position_end, name="position_end"),
    path("training/summary/", work.training_summary, name="training_summary"),
    path("training/<int:pk>/invite/", work.course_invite, name="course_invite"),
    path("training/<int:pk>/attendance/", work.course_attendance, name="course_attendance"),
    path("training/<int:pk>/materials/", work.course_materials, name="course_materials"),
    path("mandates/<int:pk>/programme/", work.program_detail, name="program_detail"),
    path("mandates/<int:pk>/programme/save/", work.program_save, name="program_save"),
    path("commitments/<int:pk>/assess/", work.commitment_assess, name="commitment_assess"),
    path("emulation/models/", work.exemplary_models, name="exemplary_models"),
    path("emulation/<int:pk>/nominate/", work.nomination_add, name="nomination_add"),
    path("nominations/<int:pk>/decide/", work.nomination_decide, name="nomination_decide"),
    *work.COURSES.urls("training"),
    *work.CRITERIA.urls("evaluation-criteria"),
    *work.MOVEMENTS.urls("emulation"),
]
for viewset, prefix in views.DELEGATE_VIEWSETS:
    urlpatterns += viewset.urls(prefix)
