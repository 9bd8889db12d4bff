from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/", views.notification_open, name="open"),
    path("notifications/read-all/", views.notifications_read_all, name="read_all"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/mail/", views.mail_status, name="mail_status"),
    path("notifications/mail/<int:pk>/", views.mail_status_person, name="mail_person"),
    path("notifications/calendar/", views.calendar_settings, name="calendar"),
    path("notifications/events/<str:kind>/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]
