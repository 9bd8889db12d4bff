from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo councils: the only package allowed to import every app, and imported by none."""

    name = "demo"
    label = "demo"
    verbose_name = _("Demo councils")
