from django import forms
from django.utils.translation import gettext_lazy as _

from council.followup_forms import DATE_ERROR
from council.forms import CouncilModelForm, DayFirstDateInput
from delegates.models import Mandate

from .models import AgendaItem, Interpellation, Resolution, Session, SessionDocument, Sitting, Speech


class SessionForm(CouncilModelForm):
    class Meta:
        model = Session
        fields = [
            "term",
            "number",
            "kind",
            "title",
            "state",
            "start_date",
            "end_date",
            "place",
            "convening_decision",
        ]


class SittingForm(CouncilModelForm):
    class Meta:
        model = Sitting
        fields = ["kind", "date", "start_time", "end_time", "title"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session


class AgendaItemForm(CouncilModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "order",
            "title",
            "presenter",
            "field",
            "planned_presentation",
            "actual_presentation",
            "planned_discussion",
            "actual_discussion",
        ]

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session


class SpeechForm(forms.Form):
    """The live logging form: kept small so a clerk can keep up with the sitting from the keyboard."""

    mandate = forms.IntegerField(widget=forms.HiddenInput, required=False)
    official = forms.CharField(label=_("or an official (not a delegate)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Speech.Kind.choices, initial=Speech.Kind.DISCUSSION)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), label=_("Agenda item"), required=False
    )
    minutes = forms.DecimalField(
        label=_("Minutes"), min_value=0, max_value=600, decimal_places=1, required=False, initial=0
    )

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(session_id=sitting.session_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("mandate") and not (cleaned.get("official") or "").strip():
            raise forms.ValidationError(_("Choose the delegate who spoke, or name the official."))
        return cleaned


class SpeechCorrectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Speech.Kind.choices)
    minutes = forms.DecimalField(label=_("Minutes"), min_value=0, max_value=600, decimal_places=1)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SpeechRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class InterpellationForm(CouncilModelForm):
    class Meta:
        model = Interpellation
        fields = ["session", "askers", "agency", "respondent_title", "topic", "field", "question"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 5}),
            "askers": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.term = term
        self.fields["session"].queryset = Session.objects.filter(council=self.council, term=term)
        self.fields["askers"].queryset = (
            Mandate.objects.filter(council=self.council, term=term)
            .select_related("delegate")
            .order_by("delegate__name_folded")
        )
        self.fields["askers"].label_from_instance = lambda m: m.delegate.full_name


class SubmitForm(forms.Form):
    on = forms.DateField(label=_("Submitted on"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)


class AssignForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=Interpellation.Mode.choices)


class AnswerSlipForm(forms.Form):
    answered_on = forms.DateField(
        label=_("Answered on"), widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )
    answered_by = forms.CharField(label=_("Answered by"), max_length=200)
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX)"), required=False)


class AssessForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("Delegate's assessment"), choices=Interpellation.Satisfaction.choices
    )


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(label=_("Chair's conclusion"), widget=forms.Textarea(attrs={"rows": 3}))


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(
        label=_("To be kept by"), widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ResolutionForm(CouncilModelForm):
    class Meta:
        model = Resolution
        fields = [
            "session",
            "symbol",
            "kind",
            "title",
            "field",
            "agenda_item",
            "adopted_on",
            "signed_on",
            "effective_on",
            "published_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(council=self.council).select_related(
            "session"
        )


class VoteForm(forms.Form):
    voted_on = forms.DateField(label=_("Voted on"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)
    approve = forms.IntegerField(label=_("Approve"), min_value=0)
    reject = forms.IntegerField(label=_("Reject"), min_value=0, initial=0)
    abstain = forms.IntegerField(label=_("Did not vote"), min_value=0, initial=0)


class TaskForm(forms.Form):
    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    agency = forms.ModelChoiceField(queryset=None, label=_("Responsible agency"))
    due_date = forms.DateField(label=_("Due date"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from council.models import Agency

        self.fields["agency"].queryset = Agency.objects.filter(council=council, is_active=True)


class DocumentForm(CouncilModelForm):
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX)"), required=False)

    class Meta:
        model = SessionDocument
        fields = ["agenda_item", "kind", "symbol", "title", "issued_on", "sent_on"]

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(session=session)
