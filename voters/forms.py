import datetime as dt
import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from council.forms.base import DATE_ERROR, CouncilModelForm, DayFirstDateInput
from council.models import AdminUnit, Agency, Committee, CouncilStatus, Field, ProcessingNotice
from council.text import normalize
from delegates.models import Mandate
from sessions.models import Session

from .models import (
    Channel,
    Competence,
    DataSubjectRequest,
    Letter,
    MediaProduct,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)
from .permissions import can_see_sender
from .workflows import LETTER_WORKFLOW

FILE_HELP = _("PDF, DOCX or XLSX; checked before it is stored.")


def channel_field(council, instance, *, exclude=()) -> forms.ChoiceField:
    """A pick of the council's channels in use; a record's own (perhaps switched off since) stays offered."""
    from .selectors import channel_choices

    current = instance.channel if instance is not None and instance.pk else None
    field = instance._meta.get_field("channel")
    return forms.ChoiceField(
        label=capfirst(field.verbose_name),
        choices=channel_choices(council, exclude=exclude, current=current),
        initial=field.default if field.has_default() else None,
        error_messages={"invalid_choice": _("Choose one of the council's channels in use.")},
    )


class MeetingForm(CouncilModelForm):
    upload = forms.FileField(label=_("Minutes (file)"), required=False, help_text=FILE_HELP)

    class Meta:
        model = VoterMeeting
        fields = [
            "kind",
            "format",
            "date",
            "session",
            "field",
            "place",
            "place_detail",
            "co_organiser",
            "delegates",
            "attendance",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegates"].queryset = (
            Mandate.objects.filter(council=self.council, end_date__isnull=True)
            .select_related("delegate")
            .order_by("delegate__name_folded")
        )
        self.fields["delegates"].label_from_instance = lambda m: m.delegate.full_name


# An opinion or a petition is a few paragraphs: the public form, the meeting page, the other channels and
# the workbook import accept the same length.
OPINION_MAX_LENGTH = 5000


class QuickOpinionForm(forms.Form):
    """One opinion typed at the meeting, one after another: only the text is required."""

    text = forms.CharField(
        label=_("Opinion"),
        max_length=OPINION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True}),
        error_messages={"required": _("Write what the voters said.")},
    )
    voter_name = forms.CharField(label=_("Voter (optional)"), required=False, max_length=200)
    voter_address = forms.CharField(label=_("Address (optional)"), required=False, max_length=300)
    voters_count = forms.IntegerField(label=_("Voters raising it"), min_value=1, max_value=100000, initial=1)
    spot_answer = forms.CharField(
        label=_("Answered on the spot"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )

    def clean_text(self):
        text = normalize(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Write what the voters said."))
        return text


class OpinionForm(CouncilModelForm):
    """An opinion received through another channel than a meeting (hotline, e-mail, post …)."""

    class Meta:
        model = VoterOpinion
        fields = [
            "channel",
            "received_on",
            "text",
            "voter_name",
            "voter_address",
            "admin_unit",
            "voters_count",
            "field",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The council's channels in use (the Office adds its own), a meeting's being the meeting page's.
        self.fields["channel"] = channel_field(self.council, self.instance, exclude=(Channel.MEETING,))
        self.fields["text"].max_length = OPINION_MAX_LENGTH
        self.fields["text"].validators.append(MaxLengthValidator(OPINION_MAX_LENGTH))
        if self.instance.meeting_id:
            # An opinion recorded at a meeting came through the meeting: its channel is not the clerk's pick.
            self.fields["channel"].disabled = True
        # A commune of before the 2025 merger is accepted too: it maps to its successor.
        self.fields["admin_unit"].queryset = AdminUnit.objects.within(self.council).exclude(
            level__in=[AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT]
        )


class ConsolidateForm(forms.Form):
    opinions = forms.ModelMultipleChoiceField(
        queryset=VoterOpinion.objects.none(),
        label=_("Opinions"),
        error_messages={"required": _("Tick the opinions to consolidate.")},
    )
    petition = forms.CharField(label=_("Add to the petition (tracking code)"), required=False, max_length=20)
    title = forms.CharField(label=_("or create a petition with the subject"), required=False, max_length=300)

    def __init__(self, *args, council, opinions, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["opinions"].queryset = opinions

    def clean_petition(self):
        code = normalize(self.cleaned_data.get("petition") or "").upper().replace(" ", "")
        if not code:
            return None
        petition = (
            Petition.objects.filter(council=self.council, code=code)
            .exclude(state=Petition.State.MERGED)
            .first()
        )
        if petition is None:
            raise forms.ValidationError(
                _("No petition of this council has the code %(code)s.") % {"code": code}
            )
        return petition

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("petition") and not normalize(data.get("title") or ""):
            raise forms.ValidationError(
                _("Choose a petition to add them to, or give the new petition a subject.")
            )
        return data


class PetitionForm(CouncilModelForm):
    class Meta:
        model = Petition
        fields = ["title", "text", "received_on", "admin_unit", "field"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admin_unit"].queryset = AdminUnit.objects.within(self.council).exclude(
            level__in=[AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT]
        )


class ClassifyForm(forms.Form):
    field = forms.ModelChoiceField(queryset=Field.objects.none(), label=_("Field"), required=False)
    competence = forms.ChoiceField(label=_("Level of competence"), choices=Competence.choices)
    admin_unit = forms.ModelChoiceField(
        queryset=AdminUnit.objects.none(), label=_("Commune or ward"), required=False
    )
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(), label=_("Lead committee"), required=False
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label=_("Responsible agency"),
        required=False,
        help_text=_("Not needed for a central matter: it goes to the National Assembly delegation."),
    )

    def __init__(self, *args, council, unit=None, **kwargs):
        """``unit``: the petition's commune as it stands, kept as a choice even if merged away since."""
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(council=council)
        # Today's communes and wards only (no district, no unit merged away in 2025).
        today = Q(valid_to__isnull=True) & ~Q(level__in=[AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT])
        offered = Q(pk__in=AdminUnit.objects.within(council).filter(today).values("pk"))
        kept = offered | Q(pk=unit) if unit else offered
        self.fields["admin_unit"].queryset = AdminUnit.objects.filter(kept)
        self.fields["committee"].queryset = Committee.objects.filter(council=council, is_active=True)
        self.fields["agency"].queryset = Agency.objects.filter(council=council, is_active=True)


class TransferForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DayFirstDateInput(),
        error_messages=DATE_ERROR,
        help_text=_("Leave empty to use the deadline rule for voter petitions."),
    )
    override_reason = forms.CharField(label=_("Why another due date"), required=False, max_length=300)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The committee's assessment of the answer"),
        choices=[c for c in CouncilStatus.choices if c[0] != CouncilStatus.OPEN],
    )
    text = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    session = forms.ModelChoiceField(queryset=Session.objects.none(), label=_("Session"))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(council=council).order_by("-start_date")


class InformForm(forms.Form):
    answer_summary = forms.CharField(
        label=_("What voters were told"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    publish = forms.BooleanField(
        label=_("Publish the answer on the public lookup"),
        required=False,
        help_text=_("Published text is public: leave out names, phone numbers and addresses."),
    )


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (s, Petition.State(s).label)
            for s in (Petition.State.CLOSED, Petition.State.ROADMAP, Petition.State.UNRESOLVED)
        ],
    )
    roadmap = forms.CharField(label=_("Roadmap"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(queryset=Petition.objects.none(), label=_("Duplicate petition"))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Petition.objects.filter(council=council)


SENDER_FIELDS = ("sender_name", "sender_address", "sender_phone")


class LetterForm(CouncilModelForm):
    class Meta:
        model = Letter
        fields = [
            "kind",
            "channel",
            "received_on",
            "anonymous",
            "sender_name",
            "sender_address",
            "sender_phone",
            "admin_unit",
            "summary",
            "duplicate_of",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"] = channel_field(self.council, self.instance)
        self.fields["admin_unit"].queryset = AdminUnit.objects.within(self.council).exclude(
            level__in=[AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT]
        )
        if self.instance.pk:
            self.fields["duplicate_of"].queryset = self.fields["duplicate_of"].queryset.exclude(
                pk=self.instance.pk
            )
            if user is not None and not can_see_sender(user, self.instance):
                # The sender of a denunciation stays hidden: the fields are not even sent to the browser.
                for name in (*SENDER_FIELDS, "anonymous", "kind"):
                    del self.fields[name]


class LetterHandleForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=Letter.State.choices)
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Transfer to"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, council, letter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(council=council, is_active=True)
        if letter is not None:
            following = LETTER_WORKFLOW.targets(letter)
            self.fields["to"].choices = [(s, Letter.State(s).label) for s in following]


class ReceptionForm(CouncilModelForm):
    class Meta:
        model = Reception
        fields = ["date", "host", "hosts", "place", "place_detail", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = (
            Mandate.objects.filter(council=self.council, end_date__isnull=True)
            .select_related("delegate")
            .order_by("delegate__name_folded")
        )
        self.fields["hosts"].label_from_instance = lambda m: m.delegate.full_name


# --- The public form ------------------------------------------------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
PHONE = re.compile(r"^\+?[0-9 .-]{8,15}$")


def clean_public_text(value: str) -> str:
    """NFC, no control or direction-override characters, single spaces around lines."""
    text = CONTROL.sub("", normalize(value or ""))
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


class PublicPetitionForm(forms.Form):
    name = forms.CharField(label=_("Your full name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=20)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False, max_length=200)
    address = forms.CharField(label=_("Your address"), max_length=300)
    admin_unit = forms.ModelChoiceField(
        queryset=AdminUnit.objects.none(), label=_("Commune or ward the petition concerns")
    )
    title = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Your petition"), max_length=OPINION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Law 91/2025/QH15: consent is explicit (an unticked box) and given to one version of the notice.
    consent = forms.BooleanField(
        label=_("I have read the notice on the processing of personal data above and consent to it."),
        error_messages={
            "required": _(
                "Your petition cannot be recorded without your consent to the processing of your "
                "personal data: tick the box after reading the notice."
            )
        },
    )
    notice_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=10**6
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, council, notice=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdminUnit.objects.current().order_by("name")
        if council.admin_unit_id:
            # The communes and wards of the council's own province (or the commune itself).
            units = units.filter(Q(parent=council.admin_unit_id) | Q(pk=council.admin_unit_id))
        self.fields["admin_unit"].queryset = units
        for field in self.fields.values():
            field.error_messages.setdefault("required", _("This field is required."))
        if notice is not None:
            self.fields["notice_version"].initial = notice.version

    def clean(self):
        data = super().clean()
        for name in ("name", "address", "title", "text"):
            if name in data:
                data[name] = clean_public_text(data[name])
                if not data[name]:
                    self.add_error(name, _("This field is required."))
        phone = data.get("phone", "")
        if phone and not PHONE.match(phone.strip()):
            self.add_error("phone", _("Enter a phone number of 8 to 15 digits, e.g. 0912 345 678."))
        elif phone:
            data["phone"] = phone.strip()
        return data


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)

    def clean_code(self):
        """“ kn26 vvn4bd ”, “KN26VVN4BD” and “KN26-VVN4BD” are the same code."""
        code = re.sub(r"[^A-Z0-9]", "", clean_public_text(self.cleaned_data["code"]).upper())
        return f"{code[:4]}-{code[4:]}" if len(code) > 4 else code


class ReportPeriodForm(forms.Form):
    since = forms.DateField(label=_("Received from"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)
    until = forms.DateField(label=_("until"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)

    @staticmethod
    def default_initial(today):
        # The months since the previous regular session (held twice a year).
        return {"since": today - dt.timedelta(days=182), "until": today}

    @staticmethod
    def period(form, today):
        if form.is_bound and form.is_valid() and form.cleaned_data["since"] <= form.cleaned_data["until"]:
            return form.cleaned_data["since"], form.cleaned_data["until"]
        initial = ReportPeriodForm.default_initial(today)
        return initial["since"], initial["until"]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end of the period cannot come before its start."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("The columns of the export, in the same order; at most 10.000 rows."),
        error_messages={"required": _("Choose the spreadsheet to import.")},
    )


class MediaForm(CouncilModelForm):
    upload = forms.FileField(label=_("File"), required=False, help_text=FILE_HELP)
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = MediaProduct
        fields = ["kind", "outlet", "topic", "published_on", "cost", "link"]


class EventForm(CouncilModelForm):
    class Meta:
        model = OutreachEvent
        fields = ["title", "date", "place", "participants", "attendance", "notes"]
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


NOTICE_MAX_LENGTH = 5000


class ProcessingNoticeForm(forms.ModelForm):
    """The council's notice on the processing of personal data; saving publishes a new version."""

    class Meta:
        model = ProcessingNotice
        fields = list(ProcessingNotice.TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ProcessingNotice.TEXT_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(MaxLengthValidator(NOTICE_MAX_LENGTH))
            field.widget.attrs["maxlength"] = NOTICE_MAX_LENGTH
            field.error_messages["required"] = _("This field is required.")

    def clean(self):
        data = super().clean()
        for name in ProcessingNotice.TEXT_FIELDS:
            if name in data:
                data[name] = clean_public_text(data[name])
                if not data[name]:
                    self.add_error(name, _("This field is required."))
        return data


class DataRequestForm(forms.ModelForm):
    """A person's request about their data, as the Office receives it."""

    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "identifier", "received_on", "note"]
        widgets = {"received_on": DayFirstDateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"received_on": DATE_ERROR}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].validators.append(MaxLengthValidator(NOTICE_MAX_LENGTH))
        for field in self.fields.values():
            field.error_messages["required"] = _("This field is required.")


class DataRequestCloseForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DataSubjectRequest.State.DONE, DataSubjectRequest.State.DONE.label),
            (DataSubjectRequest.State.PARTLY, _("Done in part")),
            (DataSubjectRequest.State.REFUSED, _("Refused")),
        ],
    )
    outcome = forms.CharField(
        label=_("What was done, or why it was refused"),
        max_length=NOTICE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DataRequestCorrectForm(forms.Form):
    """The corrected values; empty ones are left as they are."""

    name = forms.CharField(label=_("Correct name"), required=False, max_length=200)
    phone = forms.CharField(label=_("Correct phone"), required=False, max_length=20)
    email = forms.EmailField(label=_("Correct e-mail"), required=False, max_length=200)
    address = forms.CharField(label=_("Correct address"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        for name in ("name", "address"):
            if name in data:
                data[name] = clean_public_text(data[name])
        phone = (data.get("phone") or "").strip()
        if phone and not PHONE.match(phone):
            self.add_error("phone", _("Enter a phone number of 8 to 15 digits, e.g. 0912 345 678."))
        if not any((data.get(k) or "").strip() for k in ("name", "phone", "email", "address")):
            raise forms.ValidationError(_("Give at least one corrected value."))
        return data
