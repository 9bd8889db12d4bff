from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Directive, DirectiveItem


class ItemInline(admin.StackedInline):
    model = DirectiveItem
    extra = 0
    raw_id_fields = ("member", "committee", "group")


@admin.register(Directive)
class DirectiveAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "kind", "issued_on", "issuer")
    list_filter = ("council", "kind")
    readonly_fields = ("path", "original_name", "content_type", "size")
    inlines = [ItemInline]


@admin.register(DirectiveItem)
class DirectiveItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "directive", "responsible", "due_date", "target")
    list_filter = ("responsible", "target")
    raw_id_fields = ("member", "committee", "group")
