from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from council import personal_data
from council.admin import ReadOnlyAdmin
from council.admin_actions import ServiceSaveMixin, WorkflowAdminMixin, service_action, workflow_action
from council.models import Agency, PersonalDataAccess, ProcessingNotice

from . import communications, services
from .consultations import Consultation, ConsultationResponseCount
from .matching.models import ClassifierModel, PetitionTerm, Synonym, TermFrequency
from .models import (
    DataSubjectRequest,
    Letter,
    MediaProduct,
    OutreachChannel,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)
from .workflows import PETITION_WORKFLOW


@admin.register(VoterMeeting)
class VoterMeetingAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.meeting_create
    update_service = services.meeting_update
    list_display = ("__str__", "council", "kind", "format", "date", "attendance")
    list_filter = ("council", "kind", "format")
    list_select_related = ("place",)
    readonly_fields = ("path", "original_name", "content_type", "size")
    autocomplete_fields = ("delegates",)


class LogsContactShown:
    """The change form shows the record's contact data raw (not through the redactor): note it for the log."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None:
            personal_data.note_shown(request, obj)
        return obj


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    """Who was shown or exported a citizen's contact data or a protected identity (written on each page)."""

    list_display = ("at", "user", "kind", "model", "object_id", "fields", "protected", "council", "path")
    list_filter = ("kind", "protected", "model", "council")
    search_fields = ("user__username", "path", "=object_id")
    date_hierarchy = "at"
    list_select_related = ("user", "council")


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """A person's requests about their data are handled on the Office's page, through the services."""

    list_display = ("pk", "council", "kind", "received_on", "due_on", "state", "closed_at")
    list_filter = ("council", "kind", "state")
    list_select_related = ("council",)


@admin.register(ProcessingNotice)
class ProcessingNoticeAdmin(ReadOnlyAdmin):
    """Versions of the notice are published on the Office's page ("Processing of personal data")."""

    list_display = ("council", "version", "published_at", "published_by")
    list_filter = ("council",)
    list_select_related = ("council", "published_by")


@admin.register(VoterOpinion)
class VoterOpinionAdmin(LogsContactShown, WorkflowAdminMixin, SimpleHistoryAdmin):
    """Opinions are recorded on their meeting's page and joined to petitions by consolidation."""

    list_display = ("__str__", "council", "channel", "received_on", "petition")
    list_filter = ("council", "channel")
    list_select_related = ("petition",)
    raw_id_fields = ("meeting", "reception", "letter", "petition")


PETITION_EDITABLE = (
    "title",
    "text",
    "received_on",
    "admin_unit",
    "field",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_address",
)


@admin.register(Petition)
class PetitionAdmin(LogsContactShown, ServiceSaveMixin, SimpleHistoryAdmin):
    """The content is edited here through ``petition_update`` (search text and duplicate index kept); the
    workflow moves only by the actions, which call the petition's services."""

    list_display = ("code", "title", "council", "state", "voters_count", "received_on")
    list_filter = ("council", "state", "competence")
    search_fields = ("code", "title")
    update_service = services.petition_update
    fields = (
        "code",
        "council",
        "state",
        *PETITION_EDITABLE,
        "competence",
        "committee",
        "agency",
        "voters_count",
        "session",
        "roadmap",
        "answer_summary",
        "published",
        "merged_into",
        "external_id",
        "created_at",
        "created_by",
    )
    readonly_fields = tuple(name for name in fields if name not in PETITION_EDITABLE)
    actions = [
        *(workflow_action(PETITION_WORKFLOW, name) for name in ("transfer", "review", "inform", "conclude")),
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Reception)
class ReceptionAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = services.reception_create
    update_service = services.reception_update
    list_display = ("__str__", "council", "host", "date")
    list_filter = ("council", "host")


class LetterHandleAdminForm(forms.Form):
    """The letter's next step; the service checks the step and that the agency is the letter's council's."""

    to = forms.ChoiceField(label=_("Move to"), choices=Letter.State.choices)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True).select_related("council"),
        label=_("Transfer to"),
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


@admin.register(Letter)
class LetterAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    """The sender's identity is not part of the admin: it is handled in the Office's pages, where a
    denouncer's identity is shown only to authorised staff. The letter's state moves only by the action,
    which calls ``letter_handle`` (a transfer opens the agency's follow-up)."""

    list_display = ("__str__", "council", "kind", "state", "received_on")
    list_filter = ("council", "kind", "state")
    exclude = ("sender_name", "sender_address", "sender_phone")
    readonly_fields = ("council", "state", "agency")
    raw_id_fields = ("duplicate_of",)
    update_service = services.letter_update
    actions = [
        service_action(
            name="handle",
            description=_("Move to the next step"),
            form_class=LetterHandleAdminForm,
            call=lambda letter, actor, data: services.letter_handle(
                letter, actor=actor, to=data["to"], agency=data["agency"], note=data["note"]
            ),
        )
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MediaProduct)
class MediaProductAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = communications.media_create
    update_service = communications.media_update
    list_display = ("topic", "council", "kind", "outlet", "published_on", "cost")
    list_filter = ("council", "kind")
    readonly_fields = ("path", "original_name", "content_type", "size")


@admin.register(OutreachEvent)
class OutreachEventAdmin(ServiceSaveMixin, SimpleHistoryAdmin):
    create_service = communications.event_create
    list_display = ("title", "council", "date", "attendance")
    list_filter = ("council",)


@admin.register(ClassifierModel)
class ClassifierModelAdmin(admin.ModelAdmin):
    """Derived data, retrained nightly (voters/matching/classifier.py): shown, never edited by hand."""

    list_display = ("council", "kind", "trained_at", "trained_on", "accuracy")
    list_filter = ("council", "kind")
    exclude = ("data",)  # the model's weights: large, and meaningless to read

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Synonym)
class SynonymAdmin(ReadOnlyAdmin):
    """Edited on the Office's synonym page, which indexes the council's petitions again after each change."""

    list_display = ("phrases", "council", "note")
    list_filter = ("council",)


@admin.register(PetitionTerm)
class PetitionTermAdmin(ReadOnlyAdmin):
    list_display = ("petition", "council", "term")
    list_select_related = ("petition",)
    raw_id_fields = ("petition",)


@admin.register(TermFrequency)
class TermFrequencyAdmin(ReadOnlyAdmin):
    list_display = ("council", "term", "df")
    list_filter = ("council",)


# Channels and consultations are kept on the Office's pages (voters:outreach_channel_list,
# voters:consultation_list), where the services check codes, counts and states; the admin reads them.
@admin.register(OutreachChannel)
class OutreachChannelAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "council", "kind", "is_active", "order")
    list_filter = ("council", "is_active")
    list_select_related = ("council",)


@admin.register(Consultation)
class ConsultationAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "council", "status", "start_date", "end_date")
    list_filter = ("council", "status")
    list_select_related = ("council",)


@admin.register(ConsultationResponseCount)
class ConsultationResponseCountAdmin(WorkflowAdminMixin, SimpleHistoryAdmin):
    list_display = ("consultation", "channel", "count")
    list_select_related = ("consultation", "channel")
