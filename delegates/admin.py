from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
    StandingPosition,
    TrainingAttendance,
    TrainingCourse,
)


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


# --- Delegate work -------------------------------------------------------------------------------------


class AttendanceInline(admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    raw_id_fields = ("mandate",)


@admin.register(TrainingCourse)
class TrainingCourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "council", "start_date", "end_date", "online")
    list_filter = ("council", "online")
    readonly_fields = ("path", "original_name", "content_type", "size")
    inlines = [AttendanceInline]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "attended")
    raw_id_fields = ("course", "mandate")


@admin.register(GroupMeeting)
class GroupMeetingAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "group", "kind", "date")
    list_filter = ("kind",)


class CommitmentInline(admin.StackedInline):
    model = ActionCommitment
    extra = 0


@admin.register(ActionProgram)
class ActionProgramAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "announced_on")
    raw_id_fields = ("mandate",)
    inlines = [CommitmentInline]


@admin.register(ActionCommitment)
class ActionCommitmentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "program", "field")


@admin.register(CommitmentAssessment)
class CommitmentAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "commitment", "year", "by", "status")
    list_filter = ("by", "status", "year")


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(SimpleHistoryAdmin):
    list_display = ("text", "council", "order", "max_points", "is_active")
    list_filter = ("council", "is_active")


@admin.register(DelegateEvaluation)
class DelegateEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "year", "self_rating", "group_rating", "standing_rating")
    list_filter = ("year",)
    raw_id_fields = ("mandate",)


@admin.register(EvaluationScore)
class EvaluationScoreAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "evaluation", "by", "points")


@admin.register(EmulationMovement)
class EmulationMovementAdmin(SimpleHistoryAdmin):
    list_display = ("name", "council", "launched_on", "is_active")


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "year", "kind", "state", "award", "exemplary")
    list_filter = ("state", "kind", "year", "exemplary")
    raw_id_fields = ("mandate", "group")
