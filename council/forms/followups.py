"""Forms of the follow-up pages: the Office's list filters and actions, and the agency's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    Agency,
    AgencyStatus,
    CouncilStatus,
    DeadlineRule,
    Field,
    FollowUp,
    SourceKind,
    Term,
)
from .base import DATE_ERROR, CouncilModelForm, DayFirstDateInput, fast_selects


def date_field(label, required=True):
    return forms.DateField(
        label=label, required=required, widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        from ..uploads import ACCEPT

        # Only a hint for the browser's file picker; the content is checked on the server.
        super().__init__(attrs={"accept": ACCEPT, **(attrs or {})})


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the upload rules in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean  # (zero-argument super() does not work inside a comprehension)
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class FollowUpFilterForm(forms.Form):
    STATES = [
        ("open", _("Open")),
        ("overdue", _("Overdue")),
        ("due_soon", _("Due soon")),
        ("awaiting_verification", _("Answered, awaiting verification")),
        ("closed", _("Closed")),
        ("all", _("All")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
    within = forms.IntegerField(
        label=_("Due within (working days)"),
        required=False,
        min_value=0,
        max_value=365,
        initial=7,
        error_messages={"invalid": _("Enter a number of working days, e.g. 7.")},
    )
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Agency"), required=False)
    field = forms.ModelChoiceField(queryset=Field.objects.none(), label=_("Field"), required=False)
    source_kind = forms.ChoiceField(
        label=_("Source"), choices=[("", _("All")), *SourceKind.choices], required=False
    )
    agency_status = forms.ChoiceField(
        label=_("Agency's report"), choices=[("", _("All")), *AgencyStatus.choices], required=False
    )
    council_status = forms.ChoiceField(
        label=_("Council's verification"), choices=[("", _("All")), *CouncilStatus.choices], required=False
    )
    term = forms.ModelChoiceField(queryset=Term.objects.none(), label=_("Term"), required=False)
    assigned_from = date_field(_("Assigned from"), required=False)
    assigned_to = date_field(_("Assigned until"), required=False)
    leadership = forms.BooleanField(label=_("Only items to report to leadership"), required=False)

    def __init__(self, data, *, council):
        data = data.copy()
        data.setdefault("state", "open")  # the Office works on what is still open
        super().__init__(data)
        self.fields["agency"].queryset = Agency.objects.filter(council=council)
        self.fields["field"].queryset = Field.objects.filter(council=council)
        self.fields["term"].queryset = Term.objects.filter(council=council)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            elif isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        fast_selects(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("assigned_from"), cleaned.get("assigned_to")
        if start and end and end < start:
            self.add_error("assigned_to", _("The end of the period cannot precede its start."))
        return cleaned


class FollowUpForm(CouncilModelForm):
    """The Office opens a follow-up of its own (other apps open theirs from their sources)."""

    class Meta:
        model = FollowUp
        fields = [
            "reference",
            "title",
            "description",
            "agency",
            "coordinating_agencies",
            "field",
            "assigned_date",
            "rule",
            "due_date",
            "due_date_override_reason",
            "report_to_leadership",
            "internal_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
            "coordinating_agencies": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].required = False
        self.fields["due_date"].help_text = _("Leave empty to compute it from the deadline rule.")
        self.fields["rule"].queryset = DeadlineRule.objects.filter(council=self.council).order_by(
            "name", "-valid_from"
        )
        self.fields["rule"].label_from_instance = rule_label

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("rule") and not cleaned.get("due_date"):
            self.add_error("due_date", _("Give a due date or choose a deadline rule."))
        agency = cleaned.get("agency")
        if agency and agency in (cleaned.get("coordinating_agencies") or []):
            self.add_error("coordinating_agencies", _("The responsible agency cannot also co-ordinate."))
        return cleaned

    def _post_clean(self):
        # The due date is computed by the service when left empty; let the model check the rest only.
        if self.cleaned_data.get("due_date") is None and self.cleaned_data.get("assigned_date"):
            self.instance.due_date = self.cleaned_data["assigned_date"]
        super()._post_clean()


def rule_label(rule: DeadlineRule) -> str:
    """A rule as a clerk chooses it: its name, its days and the period it is in force."""
    until = f"{rule.valid_to:%d/%m/%Y}" if rule.valid_to else "…"
    days = f"{rule.days} {rule.get_day_type_display().lower()}"
    return f"{rule.name}: {days} ({rule.valid_from:%d/%m/%Y} – {until})"


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status you report"),
        choices=[(v, label) for v, label in AgencyStatus.choices if v != AgencyStatus.NOT_STARTED],
    )
    text = forms.CharField(label=_("Answer or progress report"), widget=forms.Textarea(attrs={"rows": 5}))
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "min_value": _("Progress is a percentage between 0 and 100."),
            "max_value": _("Progress is a percentage between 0 and 100."),
        },
    )
    explanation = forms.CharField(
        label=_("Why it cannot be done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    files = MultipleFileField(label=_("Files (PDF, DOCX, XLSX, PNG, JPEG)"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == AgencyStatus.CANNOT_DO and not (cleaned.get("explanation") or "").strip():
            self.add_error("explanation", _("Explain why it cannot be done."))
        return cleaned


class VerifyForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Result of the verification"),
        # No default: "Done" closes the item, so it must be a deliberate choice.
        choices=[("", "—"), *((v, label) for v, label in CouncilStatus.choices if v != CouncilStatus.OPEN)],
    )
    text = forms.CharField(label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    close = forms.BooleanField(
        label=_("Close the item"),
        required=False,
        help_text=_("“Done” always closes. Otherwise, leave unticked to send the item back to the agency."),
    )
    reason = forms.CharField(
        label=_("Reason for verifying without an answer"),
        required=False,
        help_text=_("Only needed when the agency has not answered."),
    )

    def clean_close(self):
        # Unticked leaves it to the outcome (followup_verify's close=None): "done" closes, others send back.
        return self.cleaned_data["close"] or None


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DueDateForm(forms.Form):
    due_date = date_field(_("New due date"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class EvidenceForm(forms.Form):
    files = MultipleFileField(label=_("Files (PDF, DOCX, XLSX, PNG, JPEG)"))
    text = forms.CharField(label=_("Description"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = date_field(_("Planned for"))


class EscalateForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Note"), required=False)


class RemindForm(forms.Form):
    note = forms.CharField(label=_("Message to the agencies"), required=False, max_length=1000)
