import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from council.forms.base import DATE_ERROR, CouncilModelForm, DayFirstDateInput
from delegates.models import Mandate

from .models import (
    AgendaItem,
    Interpellation,
    Resolution,
    ResolutionQualityEvent,
    Session,
    SessionDocument,
    Sitting,
    Speech,
)
from .models.meetings import MAX_MINUTES


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


SHORT_SPEECH_SECONDS = 10


CLOCK = re.compile(r"(?:([0-9]{1,2}):)?([0-9]{1,4}):([0-9]{2})")
MINUTES = re.compile(r"([0-9]{1,5})(?:[.,]([0-9]))?")


def parse_duration(text: str) -> int:
    """Seconds of a duration typed as m:ss ("1:30"), h:mm:ss, or minutes ("5", "4.5", "4,5")."""
    text = text.strip().replace(" ", "")
    if clock := CLOCK.fullmatch(text):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        if seconds > 59 or (clock.group(1) and minutes > 59):
            raise ValueError(text)
        return (hours * 60 + minutes) * 60 + seconds
    # One decimal at most, as before: "1.30" is more likely a mistyped 1:30 than 78 seconds.
    if number := MINUTES.fullmatch(text):
        return int(number.group(1)) * 60 + int(number.group(2) or 0) * 6
    raise ValueError(text)


def format_duration(seconds: int) -> str:
    """A duration in seconds as m:ss, the form the duration fields accept back unchanged."""
    return f"{seconds // 60}:{seconds % 60:02d}"


class DurationField(forms.Field):
    """A speech's length to the second: typed as m:ss (1:30) or as minutes (5, 4.5); cleaned to seconds."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Write the duration as minutes:seconds, e.g. 1:30, or as minutes, e.g. 5."),
        "too_long": _("A speech cannot last longer than a day."),
    }

    def prepare_value(self, value):
        return format_duration(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, int):
            seconds = value
        else:
            try:
                seconds = parse_duration(str(value)[:20])
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if seconds > MAX_MINUTES * 60:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
        return seconds

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "spellcheck": "false", "placeholder": "m:ss", "maxlength": "12"})
        return attrs


class SpeechForm(forms.Form):
    """The live logging form: kept small so a clerk can keep up with the sitting from the keyboard."""

    mandate = forms.IntegerField(widget=forms.HiddenInput, required=False, max_value=2**31 - 1, min_value=1)
    official = forms.CharField(label=_("or an official (not a delegate)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Speech.Kind.choices, initial=Speech.Kind.DISCUSSION)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), label=_("Agenda item"), required=False
    )
    duration = DurationField(label=_("Duration (m:ss)"), required=False, initial="0:00")
    short_ok = forms.BooleanField(
        label=_("Log it as a short speech"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, sitting: Sitting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(session_id=sitting.session_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("mandate") and not (cleaned.get("official") or "").strip():
            raise forms.ValidationError(_("Choose the delegate who spoke, or name the official."))
        seconds = cleaned.get("duration")
        if seconds is None and "duration" not in self.errors:
            cleaned["duration"] = seconds = 0
        # A speech of a few seconds is usually a timer never started or stopped at once: never log it quietly.
        if seconds is not None and seconds < SHORT_SPEECH_SECONDS and not cleaned.get("short_ok"):
            self.add_error(
                "duration",
                forms.ValidationError(
                    _(
                        "The speech lasted under %(limit)s seconds. Enter its length, or tick “Log it as a "
                        "short speech” to keep it as it is."
                    ),
                    code="short",
                    params={"limit": SHORT_SPEECH_SECONDS},
                ),
            )
        return cleaned

    @property
    def short_refused(self) -> bool:
        return self.has_error("duration", "short")


class SpeechCorrectForm(forms.Form):
    """Correct a logged speech: its speaker, kind or length; an unchanged duration keeps its seconds."""

    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Speaker"), required=False)
    official = forms.CharField(label=_("or an official (not a delegate)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Speech.Kind.choices)
    duration = DurationField(label=_("Duration (m:ss)"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, speech: Speech, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "mandate": speech.mandate_id,
                "official": speech.official,
                "kind": speech.kind,
                "duration": format_duration(speech.duration_seconds),
            },
        )
        super().__init__(*args, **kwargs)
        self.speech = speech
        sitting = speech.sitting
        # The delegates who could have spoken that day, and the one recorded (even if no longer valid).
        active = Mandate.objects.filter(
            council_id=speech.council_id, term_id=sitting.session.term_id
        ).active_on(sitting.date)
        self.fields["mandate"].queryset = (
            Mandate.objects.filter(Q(pk__in=active.values("pk")) | Q(pk=speech.mandate_id or 0))
            .select_related("delegate")
            .order_by("delegate__name_folded")
        )
        self.fields["mandate"].label_from_instance = lambda m: m.delegate.full_name
        self.fields["mandate"].empty_label = _("— an official, named below —")
        # Several rows' forms share the page: ids carry the speech so labels and errors stay unique.
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"c{speech.pk}-{name}"
            field.widget.attrs["class"] = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
        self.fields["duration"].widget.attrs["placeholder"] = "m:ss"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-describedby"] = f"{attrs['id']}-error"

    @property
    def speaker_given(self) -> bool:
        # A client sending no speaker fields at all (an older form) corrects the rest and keeps the speaker.
        return "mandate" in self.data or "official" in self.data

    def clean(self):
        cleaned = super().clean()
        mandate, official = cleaned.get("mandate"), (cleaned.get("official") or "").strip()
        if self.speaker_given and "mandate" in cleaned and not mandate and not official:
            raise forms.ValidationError(_("Choose the delegate who spoke, or name the official."))
        return cleaned

    def changes(self) -> dict:
        """The corrected values for the service: a blank duration keeps the stored seconds."""
        data = self.cleaned_data
        changes = {"kind": data["kind"]}
        if self.speaker_given:
            changes["mandate"] = data["mandate"]
            changes["official"] = "" if data["mandate"] else data["official"].strip()
        if data["duration"] is not None:
            changes["duration_seconds"] = data["duration"]
        return changes


class SpeechRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        error_messages={"required": _("Say why the speech record is removed.")},
    )


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


class QualityEventForm(CouncilModelForm):
    """What later happened to a resolution; the amending resolution is one of the council's adopted ones."""

    class Meta:
        model = ResolutionQualityEvent
        fields = ["kind", "date", "authority", "reference", "findings", "amended_by"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, resolution: Resolution, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.resolution = resolution
        self.fields["amended_by"].queryset = (
            Resolution.objects.filter(council=resolution.council_id, adopted_on__isnull=False)
            .exclude(pk=resolution.pk)
            .order_by("-year", "-number")
        )
        self.fields["amended_by"].label_from_instance = lambda r: r.symbol


class QualityRemoveForm(forms.Form):
    reason = forms.CharField(label=_("Why remove it"), max_length=300)
