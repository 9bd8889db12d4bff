from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.admin_actions import ListedInline, ServiceSaveMixin, WorkflowAdminMixin, service_action

from . import services
from .forms.delegates import PositionEndForm
from .forms.work import DecideForm
from .models import (
    ActionCommitment,
    ActionProgram,
    CommitmentAssessment,
    CommitteeMembership,
    Delegate,
    DelegateEvaluation,
    DelegateGroup,
    EmulationMovement,
    EvaluationCriterion,
    EvaluationScore,
    GroupMeeting,
    GroupMembership,
    Mandate,
    Nomination,
    PartyAssignment,
    PartyDelegationMember,
    PartyFieldReport,
    StandingPosition,
    TrainingAttendance,
    TrainingCourse,
)


class MandateInline(ListedInline, admin.TabularInline):
    model = Mandate
    fields = ("term", "constituency", "kind", "start_date", "end_date", "end_reason")


@admin.register(Delegate)
class DelegateAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Saved through its services, which keep the folded name the directory searches; mandates are added on
    their own page, where a second seat in one term is refused."""

    create_service = services.delegate_create
    update_service = services.delegate_update
    list_display = ("full_name", "council", "gender", "birth_date", "user")
    list_filter = ("council", "gender")
    search_fields = ("full_name", "name_folded")
    autocomplete_fields = ("user",)
    inlines = [MandateInline]


@admin.register(Mandate)
class MandateAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.mandate_create
    update_service = services.mandate_update
    list_display = ("delegate", "term", "constituency", "kind", "start_date", "end_date")
    list_filter = ("council", "term", "kind")
    search_fields = ("delegate__full_name", "delegate__name_folded")
    list_select_related = ("delegate", "term", "constituency")
    autocomplete_fields = ("delegate",)


class GroupMembershipInline(ListedInline, admin.TabularInline):
    model = GroupMembership


@admin.register(DelegateGroup)
class DelegateGroupAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.group_create
    update_service = services.group_update
    list_display = ("name", "term", "council")
    list_filter = ("council", "term")
    search_fields = ("name",)
    inlines = [GroupMembershipInline]


end_position = service_action(
    name="end_position",
    description=_("End the position"),
    form_class=PositionEndForm,
    call=lambda position, actor, data: services.position_end(
        position, actor=actor, end_date=data["end_date"]
    ),
)


class PositionAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """A position is added through its service, which refuses overlapping seats; it has no service to edit it,
    so once saved it is read-only and only ended, by the action."""

    actions = [end_position]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return [f.name for f in self.opts.concrete_fields if f.editable and not f.primary_key]


@admin.register(GroupMembership)
class GroupMembershipAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.group_membership_create
    update_service = services.group_membership_update
    actions = [end_position]
    list_display = ("mandate", "group", "role", "start_date", "end_date")
    list_filter = ("council", "role")
    list_select_related = ("mandate__delegate", "mandate__term", "group")
    autocomplete_fields = ("mandate",)


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(PositionAdmin):
    create_service = services.committee_membership_create
    list_display = ("mandate", "committee", "role", "start_date", "end_date")
    list_filter = ("council", "committee", "role")
    list_select_related = ("mandate__delegate", "mandate__term", "committee")
    autocomplete_fields = ("mandate",)


@admin.register(StandingPosition)
class StandingPositionAdmin(PositionAdmin):
    create_service = services.standing_position_create
    list_display = ("mandate", "role", "start_date", "end_date")
    list_filter = ("council", "role")
    list_select_related = ("mandate__delegate", "mandate__term")
    autocomplete_fields = ("mandate",)


# --- Delegate work -------------------------------------------------------------------------------------


class AttendanceInline(ListedInline, admin.TabularInline):
    model = TrainingAttendance


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Invitations and attendance are recorded on the course's page, through their services."""

    create_service = services.course_create
    update_service = services.course_update
    list_display = ("title", "council", "start_date", "end_date", "online")
    list_filter = ("council", "online")
    readonly_fields = ("path", "original_name", "content_type", "size")
    inlines = [AttendanceInline]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "attended")
    raw_id_fields = ("course", "mandate")


@admin.register(GroupMeeting)
class GroupMeetingAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Recorded on the group's page, where the attendees are checked against its members on that day."""

    list_display = ("topic", "group", "kind", "date")
    list_filter = ("kind",)


class CommitmentInline(ListedInline, admin.StackedInline):
    model = ActionCommitment


@admin.register(ActionProgram)
class ActionProgramAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Written by the delegate on their own page; commitments are assessed there each year."""

    list_display = ("__str__", "announced_on")
    raw_id_fields = ("mandate",)
    inlines = [CommitmentInline]


@admin.register(ActionCommitment)
class ActionCommitmentAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "program", "field")


@admin.register(CommitmentAssessment)
class CommitmentAssessmentAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "commitment", "year", "by", "status")
    list_filter = ("by", "status", "year")


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.criterion_create
    update_service = services.criterion_update
    list_display = ("text", "council", "order", "max_points", "is_active")
    list_filter = ("council", "is_active")


@admin.register(DelegateEvaluation)
class DelegateEvaluationAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Opened and rated on the evaluation pages; the ratings are derived from the scores there."""

    list_display = ("__str__", "year", "self_rating", "group_rating", "standing_rating")
    list_filter = ("year",)
    raw_id_fields = ("mandate",)


@admin.register(EvaluationScore)
class EvaluationScoreAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "evaluation", "by", "points")


@admin.register(EmulationMovement)
class EmulationMovementAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.movement_create
    list_display = ("name", "council", "launched_on", "is_active")


@admin.register(Nomination)
class NominationAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Proposed on the movement's page; decided here only by the action, which calls nomination_decide."""

    actions = [
        service_action(
            name="decide",
            description=_("Decide"),
            form_class=DecideForm,
            call=lambda nomination, actor, data: services.nomination_decide(
                nomination,
                actor=actor,
                state=data["state"],
                award=data["award"],
                decision=data["decision"],
                decision_date=data["decision_date"],
                exemplary=data["exemplary"],
            ),
        )
    ]
    list_display = ("__str__", "year", "kind", "state", "award", "exemplary")
    list_filter = ("state", "kind", "year", "exemplary")
    raw_id_fields = ("mandate", "group")


# The Party delegation is kept on its own pages (delegates:party), where the services check the dates, the
# one secretary at a time and who reports; the admin reads it.


@admin.register(PartyDelegationMember)
class PartyDelegationMemberAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "council", "term", "position", "start_date", "end_date", "decision")
    list_filter = ("council", "position")
    list_select_related = ("delegate", "council", "term")


@admin.register(PartyAssignment)
class PartyAssignmentAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("area", "member", "report_every", "start_date", "end_date")
    list_filter = ("council", "report_every")
    list_select_related = ("member__delegate",)


@admin.register(PartyFieldReport)
class PartyFieldReportAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "period", "submitted_on", "submitted_by")
    list_filter = ("council",)
    list_select_related = ("assignment", "submitted_by")
