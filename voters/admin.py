from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from council.admin import ReadOnlyAdmin

from .matching.models import ClassifierModel, PetitionTerm, Synonym, TermFrequency
from .models import Letter, MediaProduct, OutreachEvent, Petition, Reception, VoterMeeting, VoterOpinion


@admin.register(VoterMeeting)
class VoterMeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "kind", "format", "date", "attendance")
    list_filter = ("council", "kind", "format")
    list_select_related = ("place",)
    readonly_fields = ("path", "original_name", "content_type", "size")
    autocomplete_fields = ("delegates",)


@admin.register(VoterOpinion)
class VoterOpinionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "channel", "received_on", "petition")
    list_filter = ("council", "channel")
    list_select_related = ("petition",)
    raw_id_fields = ("meeting", "reception", "letter", "petition")


@admin.register(Petition)
class PetitionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "council", "state", "voters_count", "received_on")
    list_filter = ("council", "state", "competence")
    search_fields = ("code", "title")
    raw_id_fields = ("merged_into",)


@admin.register(Reception)
class ReceptionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "council", "host", "date")
    list_filter = ("council", "host")


@admin.register(Letter)
class LetterAdmin(SimpleHistoryAdmin):
    """The sender's identity is not part of the admin: it is handled in the Office's pages, where a
    denouncer's identity is shown only to authorised staff."""

    list_display = ("__str__", "council", "kind", "state", "received_on")
    list_filter = ("council", "kind", "state")
    exclude = ("sender_name", "sender_address", "sender_phone")
    raw_id_fields = ("duplicate_of",)


@admin.register(MediaProduct)
class MediaProductAdmin(SimpleHistoryAdmin):
    list_display = ("topic", "council", "kind", "outlet", "published_on", "cost")
    list_filter = ("council", "kind")
    readonly_fields = ("path", "original_name", "content_type", "size")


@admin.register(OutreachEvent)
class OutreachEventAdmin(SimpleHistoryAdmin):
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
