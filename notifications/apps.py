from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications and calendars")

    def ready(self):
        # The services below announce their events (council.events); this app makes the notices.
        from .handlers import register

        register()
