from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .admin_actions import ServiceSaveMixin, WorkflowAdminMixin, service_action, workflow_action
from .followup_workflow import FOLLOWUP_WORKFLOW
from .forms.followups import RemindForm
from .models import (
    AdminUnit,
    Agency,
    Attachment,
    BackgroundJob,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    FollowUp,
    FollowUpEvent,
    Holiday,
    Milestone,
    OutboxMail,
    RateCounter,
    ReminderLog,
    RoleAssignment,
    ServiceBeat,
    SignInEvent,
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
class TermAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.term_create
    list_display = ("name", "council", "number", "start_date", "end_date")


@admin.register(Constituency)
class ConstituencyAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.constituency_create
    update_service = services.constituency_update
    list_display = ("name", "number", "term", "seats")
    list_filter = ("council", "term")
    search_fields = ("name",)
    autocomplete_fields = ("admin_units",)


@admin.register(Committee)
class CommitteeAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.committee_create
    list_display = ("name", "council", "kind", "is_active")
    search_fields = ("name",)


@admin.register(Agency)
class AgencyAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.agency_create
    list_display = ("name", "short_name", "council", "kind", "is_active")
    list_filter = ("council", "kind", "is_active")
    search_fields = ("name", "short_name")


@admin.register(Field)
class FieldAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.field_create
    list_display = ("name", "code", "council", "is_active")
    search_fields = ("name", "code")


@admin.register(Holiday)
class HolidayAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    """A change of the calendar moves the open deadlines counted in working days, each with its event."""

    create_service = services.holiday_create
    update_service = services.holiday_update
    delete_service = services.holiday_delete
    list_display = ("date", "name", "kind", "council")
    list_filter = ("council", "kind")
    date_hierarchy = "date"


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ServiceSaveMixin, CouncilScopedAdmin):
    create_service = services.deadline_rule_create
    update_service = services.deadline_rule_update
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are written by services only; the admin may read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = FollowUpEvent
    extra = 0
    fields = ("at", "kind", "actor", "text", "internal")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FollowUp)
class FollowUpAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Read here; due dates, verification, reopening and reminders go through the follow-up's services."""

    list_display = (
        "title",
        "reference",
        "council",
        "agency",
        "due_date",
        "agency_status",
        "council_status",
        "closed_on",
    )
    list_filter = ("council", "source_kind", "agency_status", "council_status", "report_to_leadership")
    search_fields = ("title", "reference")
    list_select_related = ("council", "agency")
    inlines = [EventInline]
    actions = [
        *(workflow_action(FOLLOWUP_WORKFLOW, name) for name in ("due", "verify", "reopen")),
        service_action(
            name="remind",
            description=_("Remind the selected agencies"),
            form_class=RemindForm,
            bulk=True,
            call=lambda followups, actor, data: services.followups_remind(
                followups, actor=actor, note=data["note"]
            ),
        ),
    ]


@admin.register(FollowUpEvent)
class FollowUpEventAdmin(ReadOnlyAdmin):
    list_display = ("followup", "kind", "at", "actor", "internal")
    list_filter = ("kind", "internal")
    list_select_related = ("followup", "actor")


@admin.register(Milestone)
class MilestoneAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "followup", "due_date", "done_on")
    list_select_related = ("followup",)
    actions = [
        service_action(
            name="done_today",
            description=_("Mark done today"),
            call=lambda milestone, actor, data: services.milestone_done(
                milestone, actor=actor, done_on=timezone.localdate()
            ),
        )
    ]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "followup", "kind", "size", "uploaded_by", "uploaded_at")
    list_select_related = ("followup", "uploaded_by")


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ("followup", "step", "due_date", "sent_on")
    list_filter = ("step",)
    list_select_related = ("followup",)


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdmin):
    list_display = ("subject", "to", "created_at", "sent_at", "attempts", "last_error")
    list_filter = ("council",)
    search_fields = ("subject", "to")

    def get_exclude(self, request, obj=None):
        from .services.signin import RESET_MAIL_KEY

        # A password-reset mail holds a working link to someone else's account: nobody reads it here.
        if obj is not None and obj.dedupe_key.startswith(RESET_MAIL_KEY):
            return ("body",)
        return super().get_exclude(request, obj)


@admin.register(RateCounter)
class RateCounterAdmin(ReadOnlyAdmin):
    list_display = ("key", "window", "count")
    search_fields = ("key",)


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyAdmin):
    """The sign-in log: successes, failures, lockouts, two-factor events and password resets."""

    list_display = ("at", "username", "kind", "ip_address", "user_agent")
    list_filter = ("kind", "at")
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"
    list_select_related = ("user",)


@admin.register(ServiceBeat)
class ServiceBeatAdmin(ReadOnlyAdmin):
    list_display = ("name", "at")


@admin.register(BackgroundJob)
class BackgroundJobAdmin(ReadOnlyAdmin):
    list_display = ("kind", "council", "state", "progress", "file_name", "created_by", "created_at")
    list_filter = ("kind", "state", "council")
    list_select_related = ("council", "created_by")
