from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Session, Sitting, Speech


class SittingInline(admin.TabularInline):
    model = Sitting
    extra = 0
    fields = ("kind", "date", "start_time", "end_time", "title")


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = (
        "order",
        "title",
        "planned_presentation",
        "actual_presentation",
        "planned_discussion",
        "actual_discussion",
    )


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "term", "kind", "state", "start_date", "end_date")
    list_filter = ("council", "kind", "state")
    list_select_related = ("council", "term")
    inlines = [SittingInline, AgendaInline]


@admin.register(Sitting)
class SittingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "session", "kind", "date")
    list_filter = ("kind",)
    list_select_related = ("session",)


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "session", "planned_presentation", "actual_presentation", "actual_discussion")
    list_select_related = ("session",)


@admin.register(Speech)
class SpeechAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "sitting", "kind", "venue", "duration_seconds")
    list_filter = ("kind", "venue")
    list_select_related = ("sitting", "mandate__delegate")
    autocomplete_fields = ("mandate",)
