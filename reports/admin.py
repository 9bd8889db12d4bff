from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.admin_actions import ServiceSaveMixin, WorkflowAdminMixin, service_action

from . import services
from .models import FigureSummary, KpiTarget, Report


@admin.register(KpiTarget)
class KpiTargetAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.target_create
    list_display = ("code", "description", "council", "metric", "threshold", "cadence", "is_active")
    list_filter = ("council", "cadence", "is_active")


@admin.register(Report)
class ReportAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Read here: reports are requested and issued on the archive's pages; a draft or failed one may be run
    again by the action, which calls report_regenerate (an issued report is frozen)."""

    list_display = ("__str__", "council", "kind", "period", "state", "number", "issued_on")
    list_filter = ("council", "kind", "state")
    actions = [
        service_action(
            name="regenerate",
            description=_("Regenerate"),
            call=lambda report, actor, data: services.report_regenerate(report, actor=actor),
        )
    ]


@admin.register(FigureSummary)
class FigureSummaryAdmin(admin.ModelAdmin):
    list_display = ("metric", "council", "start", "end", "computed_at")
    list_filter = ("council", "metric")
    readonly_fields = ("council", "metric", "start", "end", "data", "computed_at")

    def has_add_permission(self, request):
        return False
