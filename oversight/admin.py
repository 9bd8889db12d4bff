from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Accountability,
    AccountabilityConclusion,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    SurveyVisit,
)


class MemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ("mandate",)


class SurveyInline(admin.StackedInline):
    model = SurveyVisit
    extra = 0


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    fk_name = "activity"
    extra = 0


@admin.register(OversightProgram)
class OversightProgramAdmin(SimpleHistoryAdmin):
    list_display = ("title", "council", "year")
    list_filter = ("council", "year")


@admin.register(OversightActivity)
class OversightActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "council", "kind", "lead_body", "state", "period_start", "period_end")
    list_filter = ("council", "kind", "state", "lead_body")
    search_fields = ("title",)
    list_select_related = ("council",)
    inlines = [MemberInline, SurveyInline, RecommendationInline]


@admin.register(DelegationMember)
class DelegationMemberAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "role")
    list_select_related = ("activity", "mandate__delegate")


@admin.register(ActivityDocument)
class ActivityDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "activity", "kind", "issued_on")
    list_filter = ("kind",)
    list_select_related = ("activity",)
    readonly_fields = ("path", "original_name", "content_type", "size")


@admin.register(SurveyVisit)
class SurveyVisitAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "date")
    list_select_related = ("activity", "place")


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "activity", "carried_from", "fulfilled_since")
    list_select_related = ("activity", "carried_from")


class ConclusionInline(admin.TabularInline):
    model = AccountabilityConclusion
    extra = 0


@admin.register(Accountability)
class AccountabilityAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "body", "date")
    list_filter = ("council", "kind", "body")
    inlines = [ConclusionInline]


@admin.register(AccountabilityConclusion)
class AccountabilityConclusionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "session")
    list_select_related = ("session",)
