"""Tokens in the admin: read, and revoke through the service; every use is in the read-only log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from council.admin import ReadOnlyAdmin
from council.admin_actions import ManagedByServices, service_action

from . import services
from .models import ApiToken, ApiTokenUse


@admin.register(ApiToken)
class ApiTokenAdmin(ManagedByServices, ReadOnlyAdmin):
    """Tokens are made by their owners (the key is shown to them once); the administrator revokes them."""

    list_display = ("name", "prefix", "user", "council", "scope", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("scope", "council", "revoked_at")
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user", "council")
    actions = [
        service_action(
            name="revoke",
            description=_("Revoke the selected tokens"),
            call=lambda token, actor, data: services.token_revoke(token, actor=actor),
        )
    ]


@admin.register(ApiTokenUse)
class ApiTokenUseAdmin(ReadOnlyAdmin):
    """Every request made with a token: when, what, the answer, from where."""

    list_display = ("at", "token", "method", "path", "status", "ip")
    list_filter = ("status", "method")
    search_fields = ("token__prefix", "token__name", "path")
    date_hierarchy = "at"
    list_select_related = ("token",)
