from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    Holiday,
    RoleAssignment,
    Term,
    User,
)


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["council", "committee", "agency"]


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Council"), {"fields": ("full_name",)}))
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    inlines = [RoleInline]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ("name", "level", "parent", "place_name")
    list_filter = ("level",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "admin_unit")


@admin.register(AdminUnit)
class AdminUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent", "predecessors")


class CouncilScopedAdmin(SimpleHistoryAdmin):
    list_filter = ("council",)
    list_select_related = ("council",)


@admin.register(Term)
class TermAdmin(CouncilScopedAdmin):
    list_display = ("name", "council", "number", "start_date", "end_date")


@admin.register(Constituency)
class ConstituencyAdmin(CouncilScopedAdmin):
    list_display = ("name", "number", "term", "seats")
    list_filter = ("council", "term")
    search_fields = ("name",)
    autocomplete_fields = ("admin_units",)


@admin.register(Committee)
class CommitteeAdmin(CouncilScopedAdmin):
    list_display = ("name", "council", "kind", "is_active")
    search_fields = ("name",)


@admin.register(Agency)
class AgencyAdmin(CouncilScopedAdmin):
    list_display = ("name", "short_name", "council", "kind", "is_active")
    list_filter = ("council", "kind", "is_active")
    search_fields = ("name", "short_name")


@admin.register(Field)
class FieldAdmin(CouncilScopedAdmin):
    list_display = ("name", "code", "council", "is_active")
    search_fields = ("name", "code")


@admin.register(Holiday)
class HolidayAdmin(CouncilScopedAdmin):
    list_display = ("date", "name", "kind", "council")
    list_filter = ("council", "kind")
    date_hierarchy = "date"


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(CouncilScopedAdmin):
    list_display = (
        "code",
        "name",
        "days",
        "day_type",
        "direction",
        "anchor",
        "valid_from",
        "valid_to",
        "council",
    )
    search_fields = ("code", "name")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(CouncilScopedAdmin):
    list_display = ("user", "council", "role", "committee", "agency")
    list_filter = ("council", "role")
    search_fields = ("user__username", "user__full_name")
    autocomplete_fields = ("user", "council", "committee", "agency")
