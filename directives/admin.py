from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from council.admin_actions import ListedInline, ServiceSaveMixin, WorkflowAdminMixin

from . import services
from .models import Directive, DirectiveItem


class ItemInline(ListedInline, admin.StackedInline):
    model = DirectiveItem


@admin.register(Directive)
class DirectiveAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Saved through its services; its items are added on the directive's page, where each opens the follow-up
    of its responsible body."""

    create_service = services.directive_create
    update_service = services.directive_update
    list_display = ("__str__", "council", "kind", "issued_on", "issuer", "issuing_body")
    list_filter = ("council", "kind", "issuing_body")
    readonly_fields = ("path", "original_name", "content_type", "size")
    inlines = [ItemInline]


@admin.register(DirectiveItem)
class DirectiveItemAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Tracked as a follow-up: reported on and verified through the follow-up's services."""

    list_display = ("__str__", "directive", "responsible", "due_date", "target")
    list_filter = ("responsible", "target")
