from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CommitteeMembership, Delegate, DelegateGroup, GroupMembership, Mandate, StandingPosition


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0
    fields = ("term", "constituency", "kind", "start_date", "end_date", "end_reason")


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "council", "gender", "birth_date", "user")
    list_filter = ("council", "gender")
    search_fields = ("full_name", "name_folded")
    autocomplete_fields = ("user",)
    inlines = [MandateInline]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ("delegate", "term", "constituency", "kind", "start_date", "end_date")
    list_filter = ("council", "term", "kind")
    search_fields = ("delegate__full_name", "delegate__name_folded")
    list_select_related = ("delegate", "term", "constituency")
    autocomplete_fields = ("delegate",)


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ("mandate",)


@admin.register(DelegateGroup)
class DelegateGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "term", "council")
    list_filter = ("council", "term")
    search_fields = ("name",)
    inlines = [GroupMembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("mandate", "group", "role", "start_date", "end_date")
    list_filter = ("council", "role")
    list_select_related = ("mandate__delegate", "mandate__term", "group")
    autocomplete_fields = ("mandate",)


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("mandate", "committee", "role", "start_date", "end_date")
    list_filter = ("council", "committee", "role")
    list_select_related = ("mandate__delegate", "mandate__term", "committee")
    autocomplete_fields = ("mandate",)


@admin.register(StandingPosition)
class StandingPositionAdmin(SimpleHistoryAdmin):
    list_display = ("mandate", "role", "start_date", "end_date")
    list_filter = ("council", "role")
    list_select_related = ("mandate__delegate", "mandate__term")
    autocomplete_fields = ("mandate",)
