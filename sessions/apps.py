from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "sessions"
    # Pinned for good: the label "sessions" belongs to django.contrib.sessions.
    label = "council_sessions"
    verbose_name = _("Sessions and interpellations")
