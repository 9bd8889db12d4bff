from django.urls import path

from . import views

urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("directory/<int:pk>/", views.directory_profile, name="directory_profile"),
    path("groups/<int:pk>/members/", views.group_member_add, name="group_member_add"),
    path("committees/<int:pk>/members/", views.committee_member_add, name="committee_member_add"),
    path("standing-committee/", views.standing_committee, name="standing"),
    path("positions/<str:kind>/<int:pk>/end/", views.position_end, name="position_end"),
]
for crud, prefix in views.DELEGATE_CRUDS:
    urlpatterns += crud.urls(prefix)
