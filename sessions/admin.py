from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.templatetags.hdnd import minutes_seconds

from .models import (
    AgendaItem,
    Commitment,
    DelegateVote,
    Interpellation,
    InterpellationAnswer,
    Resolution,
    ResolutionTask,
    Session,
    SessionDocument,
    Sitting,
    Speech,
    Vote,
)


class SittingInline(admin.TabularInline):
    model = Sitting
    extra = 0
    fields = ("kind", "date", "start_time", "end_time", "title")


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = (
        "order",
        "title",
        "planned_presentation",
        "actual_presentation",
        "planned_discussion",
        "actual_discussion",
    )


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "term", "kind", "state", "start_date", "end_date")
    list_filter = ("council", "kind", "state")
    list_select_related = ("council", "term")
    inlines = [SittingInline, AgendaInline]


@admin.register(Sitting)
class SittingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "session", "kind", "date")
    list_filter = ("kind",)
    list_select_related = ("session",)


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "session", "planned_presentation", "actual_presentation", "actual_discussion")
    list_select_related = ("session",)


@admin.register(Speech)
class SpeechAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "sitting", "kind", "venue", "duration")
    list_filter = ("kind", "venue")
    list_select_related = ("sitting", "mandate__delegate")
    autocomplete_fields = ("mandate",)

    @admin.display(description=_("duration"), ordering="duration_seconds")
    def duration(self, speech):
        return minutes_seconds(speech.duration_seconds)


class AnswerInline(admin.StackedInline):
    model = InterpellationAnswer
    extra = 0


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Interpellation)
class InterpellationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "session", "agency", "mode", "state", "submitted_on", "answer_due")
    list_filter = ("council", "mode", "state")
    list_select_related = ("council", "session", "agency")
    search_fields = ("question", "topic")
    inlines = [AnswerInline, CommitmentInline]


@admin.register(InterpellationAnswer)
class InterpellationAnswerAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "interpellation", "mode", "answered_on")
    list_select_related = ("interpellation",)


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "interpellation")
    list_select_related = ("interpellation",)


class TaskInline(admin.TabularInline):
    model = ResolutionTask
    extra = 0


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ("symbol", "title", "council", "kind", "adopted_on", "effective_on")
    list_filter = ("council", "kind", "year")
    search_fields = ("symbol", "title")
    list_select_related = ("council",)
    inlines = [TaskInline]


class ReadOnlyAdmin:
    """Shown, never written here: corrections need a reason and a check against the totals (the
    resolution's page and its roll-call page go through the services)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BallotInline(ReadOnlyAdmin, admin.TabularInline):
    model = DelegateVote
    extra = 0


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("resolution", "voted_on", "approve", "reject", "abstain", "delegates_total")
    list_select_related = ("resolution",)
    inlines = [BallotInline]


@admin.register(DelegateVote)
class DelegateVoteAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("vote", "mandate", "choice")
    list_select_related = ("vote__resolution", "mandate__delegate")


@admin.register(ResolutionTask)
class ResolutionTaskAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "resolution")
    list_select_related = ("resolution",)


@admin.register(SessionDocument)
class SessionDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("symbol", "title", "session", "kind", "issued_on", "sent_on")
    list_filter = ("council", "kind")
    search_fields = ("symbol", "title")
    list_select_related = ("session",)
    readonly_fields = ("path", "original_name", "content_type", "size")
