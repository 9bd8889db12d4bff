from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import FigureSummary, KpiTarget, Report


@admin.register(KpiTarget)
class KpiTargetAdmin(SimpleHistoryAdmin):
    list_display = ("code", "description", "council", "metric", "threshold", "cadence", "is_active")
    list_filter = ("council", "cadence", "is_active")


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    """Read-mostly: reports change through the archive's pages (generate, regenerate, issue), not here."""

    list_display = ("__str__", "council", "kind", "period", "state", "number", "issued_on")
    list_filter = ("council", "kind", "state")
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(FigureSummary)
class FigureSummaryAdmin(admin.ModelAdmin):
    list_display = ("metric", "council", "start", "end", "computed_at")
    list_filter = ("council", "metric")
    readonly_fields = ("council", "metric", "start", "end", "data", "computed_at")

    def has_add_permission(self, request):
        return False
