from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.admin_actions import ListedInline, ServiceSaveMixin, WorkflowAdminMixin, service_action

from . import services
from .forms import AdvanceForm, AssessForm
from .models import (
    Accountability,
    AccountabilityConclusion,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    StudyTrip,
    StudyTripFollowUp,
    SurveyVisit,
)


class MemberInline(ListedInline, admin.TabularInline):
    model = DelegationMember


class SurveyInline(ListedInline, admin.StackedInline):
    model = SurveyVisit


class RecommendationInline(ListedInline, admin.StackedInline):
    model = Recommendation
    fk_name = "activity"


@admin.register(OversightProgram)
class OversightProgramAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.program_create
    list_display = ("title", "council", "year")
    list_filter = ("council", "year")


@admin.register(OversightActivity)
class OversightActivityAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Planned and edited here through its services; it moves along its workflow only by the action, which
    checks each step's guard (the establishing decision, the head of the delegation, no open item left)."""

    create_service = services.activity_create
    update_service = services.activity_update
    list_display = ("title", "council", "kind", "lead_body", "state", "period_start", "period_end")
    list_filter = ("council", "kind", "state", "lead_body")
    search_fields = ("title",)
    list_select_related = ("council",)
    readonly_fields = ("state", "decision", "decision_date", "parent")
    inlines = [MemberInline, SurveyInline, RecommendationInline]
    actions = [
        service_action(
            name="advance",
            description=_("Move to the next step"),
            form_class=AdvanceForm,
            call=lambda activity, actor, data: services.activity_advance(
                activity,
                actor=actor,
                to=data["to"],
                decision=data["decision"],
                decision_date=data["decision_date"],
            ),
        )
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DelegationMember)
class DelegationMemberAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "role")
    list_select_related = ("activity", "mandate__delegate")


@admin.register(ActivityDocument)
class ActivityDocumentAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Filed on the activity's page, where the upload is checked and stored privately."""

    list_display = ("title", "activity", "kind", "issued_on")
    list_filter = ("kind",)
    list_select_related = ("activity",)


@admin.register(SurveyVisit)
class SurveyVisitAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "date")
    list_select_related = ("activity", "place")


@admin.register(Recommendation)
class RecommendationAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "carried_from", "fulfilled_since")
    list_select_related = ("activity", "carried_from")
    actions = [
        service_action(
            name="assess_carried",
            description=_("Assess a carried-over recommendation"),
            form_class=AssessForm,
            call=lambda recommendation, actor, data: services.carried_assess(
                recommendation, actor=actor, fulfilled=data["fulfilled"]
            ),
        )
    ]


class ConclusionInline(ListedInline, admin.TabularInline):
    model = AccountabilityConclusion


@admin.register(Accountability)
class AccountabilityAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Scheduled and edited through its services (a session drawn from a follow-up moves that item's
    escalation ladder); its conclusions, each a follow-up, are recorded on its page."""

    create_service = services.accountability_create
    update_service = services.accountability_update
    list_display = ("__str__", "council", "body", "date")
    list_filter = ("council", "kind", "body")
    inlines = [ConclusionInline]

    def get_readonly_fields(self, request, obj=None):
        # Where a session came from is fixed when it is scheduled.
        return ("from_followup",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountabilityConclusion)
class AccountabilityConclusionAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "session")
    list_select_related = ("session",)


# Study trips and their follow-up items are kept on their own pages (oversight:study_trip_list), where the
# services open the items' follow-ups; the admin reads them.
@admin.register(StudyTrip)
class StudyTripAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "council", "host", "start_date", "end_date")
    list_filter = ("council",)
    list_select_related = ("council",)


@admin.register(StudyTripFollowUp)
class StudyTripFollowUpAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("text", "trip", "committee", "due_date")
    list_select_related = ("trip", "committee")
