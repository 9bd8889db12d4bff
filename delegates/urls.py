from django.urls import path

from .views import delegates as views
from .views import party, work

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
    path("party/", party.party_delegation, name="party"),
    path("party/mine/", party.party_mine, name="party_mine"),
    path("party/terms/<int:pk>/", party.party_delegation, name="party_term"),
    path("party/terms/<int:pk>/members/add/", party.party_member_add, name="party_member_add"),
    path("party/members/<int:pk>/", party.party_member, name="party_member"),
    path("party/members/<int:pk>/edit/", party.party_member_edit, name="party_member_edit"),
    path("party/members/<int:pk>/end/", party.party_member_end, name="party_member_end"),
    path("party/members/<int:pk>/assignments/add/", party.party_assignment_add, name="party_assignment_add"),
    path("party/assignments/<int:pk>/edit/", party.party_assignment_edit, name="party_assignment_edit"),
    path("party/assignments/<int:pk>/end/", party.party_assignment_end, name="party_assignment_end"),
    path("party/assignments/<int:pk>/report/", party.party_report_submit, name="party_report_submit"),
    path("party/reports/<int:pk>/file/", party.party_report_file, name="party_report_file"),
    *work.COURSES.urls("training"),
    *work.CRITERIA.urls("evaluation-criteria"),
    *work.MOVEMENTS.urls("emulation"),
]
for viewset, prefix in views.DELEGATE_VIEWSETS:
    urlpatterns += viewset.urls(prefix)
