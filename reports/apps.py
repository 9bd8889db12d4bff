from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and dashboards")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .figures import record_written

        post_save.connect(record_written, dispatch_uid="reports_figures_saved")
        post_delete.connect(record_written, dispatch_uid="reports_figures_deleted")
