from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("directives/mine/", views.my_items, name="my_items"),
    path("directives/review/", views.coordination_review, name="review"),
    path("directives/<int:pk>/round/", views.yearly_round, name="directive_yearly_round"),
    path("directives/<int:pk>/items/", views.item_add, name="directive_item_add"),
    path("directives/<int:pk>/file/", views.directive_file, name="directive_file"),
    path("directive-items/<int:pk>/report/", views.item_report, name="directive_item_report"),
    *views.DIRECTIVES.urls("directives"),
]
