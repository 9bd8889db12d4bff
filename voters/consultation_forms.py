"""Forms for the council's outreach channels and its consultations on drafts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms.base import CouncilModelForm
from sessions.models import Resolution

from .consultations import Consultation
from .models import ADDED_CHANNEL_KINDS, Channel, OutreachChannel

FILE_HELP = _("PDF, DOCX or XLSX; checked before it is stored.")


class OutreachChannelForm(CouncilModelForm):
    class Meta:
        model = OutreachChannel
        fields = ["code", "name", "description", "kind", "is_active", "order", "started_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        from .services import channel_in_use

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("None (a channel of its own)"))] + [
            (kind, Channel(kind).label) for kind in ADDED_CHANNEL_KINDS
        ]
        if self.instance.pk and (self.instance.builtin or channel_in_use(self.instance)):
            # Records store the code: it stays as it is once used (a built-in channel's is the built-in's).
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Records use this channel: its code stays as it is.")
        if self.instance.pk and self.instance.builtin:
            self.fields["kind"].disabled = True
            self.fields["kind"].choices = [(self.instance.code, Channel(self.instance.code).label)]


class ConsultationForm(CouncilModelForm):
    upload = forms.FileField(label=_("Draft document (file)"), required=False, help_text=FILE_HELP)

    class Meta:
        model = Consultation
        fields = ["title", "committee", "start_date", "end_date", "channels"]
        widgets = {"channels": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = OutreachChannel.objects.filter(
            council=self.council, is_active=True
        ).order_by("order", "pk")
        self.fields["channels"].label_from_instance = lambda channel: channel.label


class ConsultationCountsForm(forms.Form):
    """The responses each channel the consultation used has brought in (0 if none)."""

    def __init__(self, *args, consultation: Consultation, counted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.channels = list(consultation.channels.order_by("order", "pk"))
        counted = counted or {}
        for channel in self.channels:
            self.fields[f"count_{channel.pk}"] = forms.IntegerField(
                label=channel.label,
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=counted.get(channel.pk),
                error_messages={"min_value": _("A number of responses is zero or more.")},
            )

    def counts(self) -> dict:
        data = self.cleaned_data
        return {c: data.get(f"count_{c.pk}") for c in self.channels if data.get(f"count_{c.pk}") is not None}


class ConsultationCloseForm(ConsultationCountsForm):
    summary = forms.CharField(
        label=_("Summary of the responses"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Summarise the responses before closing the consultation.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["summary"])
        for name, field in self.fields.items():
            if name.startswith("count_"):
                field.required = True
                field.error_messages["required"] = _("Give the number of responses (0 if none).")


class ConsultationResolutionForm(forms.Form):
    resolution = forms.ModelChoiceField(
        queryset=Resolution.objects.none(), label=_("Resolution adopted from the draft"), required=False
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = Resolution.objects.filter(council=council).order_by(
            "-year", "-number"
        )
