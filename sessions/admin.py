from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council.admin_actions import ListedInline, ServiceSaveMixin, WorkflowAdminMixin, workflow_action
from council.templatetags.hdnd import minutes_seconds

from . import services
from .models import (
    AgendaItem,
    Commitment,
    DelegateVote,
    Interpellation,
    InterpellationAnswer,
    Resolution,
    ResolutionQualityEvent,
    ResolutionTask,
    Session,
    SessionDocument,
    Sitting,
    Speech,
    Vote,
)
from .workflows import INTERPELLATION_WORKFLOW


class SittingInline(ListedInline, admin.TabularInline):
    model = Sitting
    fields = ("kind", "date", "start_time", "end_time", "title")


class AgendaInline(ListedInline, admin.TabularInline):
    model = AgendaItem
    fields = (
        "order",
        "title",
        "planned_presentation",
        "actual_presentation",
        "planned_discussion",
        "actual_discussion",
    )


@admin.register(Session)
class SessionAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.session_create
    update_service = services.session_update
    list_display = ("__str__", "council", "term", "kind", "state", "start_date", "end_date")
    list_filter = ("council", "kind", "state")
    list_select_related = ("council", "term")
    inlines = [SittingInline, AgendaInline]


@admin.register(Sitting)
class SittingAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.sitting_create
    list_display = ("__str__", "session", "kind", "date")
    list_filter = ("kind",)
    list_select_related = ("session",)


@admin.register(AgendaItem)
class AgendaItemAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.agenda_item_create
    list_display = ("__str__", "session", "planned_presentation", "actual_presentation", "actual_discussion")
    list_select_related = ("session",)


@admin.register(Speech)
class SpeechAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Logged, corrected (with a reason) and removed on the sitting's page, through its services."""

    list_display = ("__str__", "sitting", "kind", "venue", "duration")
    list_filter = ("kind", "venue")
    list_select_related = ("sitting", "mandate__delegate")
    autocomplete_fields = ("mandate",)

    @admin.display(description=_("duration"), ordering="duration_seconds")
    def duration(self, speech):
        return minutes_seconds(speech.duration_seconds)


class AnswerInline(ListedInline, admin.StackedInline):
    model = InterpellationAnswer


class CommitmentInline(ListedInline, admin.TabularInline):
    model = Commitment


@admin.register(Interpellation)
class InterpellationAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    """Drafted, answered and given commitments on the interpellation pages; its state moves here only by the
    actions, which call its services (the written answer's due date comes from the rule in force)."""

    list_display = ("__str__", "council", "session", "agency", "mode", "state", "submitted_on", "answer_due")
    list_filter = ("council", "mode", "state")
    list_select_related = ("council", "session", "agency")
    search_fields = ("question", "topic")
    inlines = [AnswerInline, CommitmentInline]
    actions = [
        workflow_action(INTERPELLATION_WORKFLOW, name)
        for name in ("submit", "assign", "reject", "assess", "conclude")
    ]


@admin.register(InterpellationAnswer)
class InterpellationAnswerAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "interpellation", "mode", "answered_on")
    list_select_related = ("interpellation",)


@admin.register(Commitment)
class CommitmentAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "interpellation")
    list_select_related = ("interpellation",)


class TaskInline(ListedInline, admin.TabularInline):
    model = ResolutionTask


@admin.register(Resolution)
class ResolutionAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """Its vote (which adopts it or clears its adoption dates) and its tasks (each a follow-up) are recorded
    on the resolution's pages."""

    create_service = services.resolution_create
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
class ResolutionTaskAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "resolution")
    list_select_related = ("resolution",)


def _document_add(*, actor, council, **data):
    return services.document_add(actor=actor, **data)  # the document takes its session's council


@admin.register(SessionDocument)
class SessionDocumentAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = _document_add
    list_display = ("symbol", "title", "session", "kind", "issued_on", "sent_on")
    list_filter = ("council", "kind")
    search_fields = ("symbol", "title")
    list_select_related = ("session",)
    readonly_fields = ("path", "original_name", "content_type", "size")


# A resolution's later history is recorded from its page (sessions:resolution_quality_add), where the service
# checks the dates and the amending resolution; the admin reads it.
@admin.register(ResolutionQualityEvent)
class ResolutionQualityEventAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("resolution", "kind", "date", "authority", "reference")
    list_filter = ("kind",)
    list_select_related = ("resolution",)
