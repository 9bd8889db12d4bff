from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and dashboards")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from council.health import register_probe

        from .figures import record_written, watched_models
        from .health import probe
        from .metrics import catalogue

        register_probe("reports", probe)

        # Directive items measured by a target follow it (directives sits below reports, so it is told here).
        from directives.measures import register_target_measure

        from .target_measures import measured_targets

        register_target_measure(measured_targets)

        # The models read the catalogue through here (``reports.models.catalogue``): they sit below it.
        self.catalogue = catalogue

        # Connected per model: a receiver on every model would turn off Django's fast deletes everywhere.
        for model in watched_models():
            post_save.connect(record_written, sender=model, dispatch_uid=f"reports_saved_{model._meta.label}")
            post_delete.connect(
                record_written, sender=model, dispatch_uid=f"reports_deleted_{model._meta.label}"
            )
