from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms import CouncilModelForm

from .models import AgendaItem, Session, Sitting, Speech


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


class SpeechRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
