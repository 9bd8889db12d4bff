from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions.models import Session

from .models import KpiTarget, Report
from .periods import parse_period, quarter_of, recent_periods


class PeriodField(forms.ChoiceField):
    """A period chosen from a list of those that have begun (“Quý I/2026”), never typed as a code."""

    def __init__(self, *args, years: int = 3, **kwargs):
        # A callable: the list is read when the form is shown, so it follows the calendar.
        super().__init__(*args, choices=partial(self.period_choices, years), **kwargs)

    @staticmethod
    def period_choices(years: int):
        periods = recent_periods(timezone.localdate(), years=years)
        groups = [(_("Quarters"), "Q"), (_("Half-years"), "H"), (_("Years"), "Y")]
        return [("", "—")] + [
            (title, [(p.code, p.short_label()) for p in periods if p.kind == kind]) for title, kind in groups
        ]

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return parse_period(value, today=timezone.localdate())


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Report.Kind.choices)
    period = PeriodField(label=_("Period"), required=False)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(), required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered first: the last quarter that has ended (the usual report to draft by hand).
        self.fields["period"].initial = quarter_of(timezone.localdate()).previous().code
        self.fields["session"].queryset = (
            Session.objects.filter(council=council, kind=Session.Kind.REGULAR)
            .select_related("term")
            .order_by("-start_date")
        )
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.title} — {s.term} ({s.start_date:%d/%m/%Y})"
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Report.Kind.PETITIONS:
            if not data.get("session"):
                self.add_error("session", _("Choose the session the petition report is for."))
        elif "period" in data and data.get("period") is None and not self.has_error("period"):
            self.add_error("period", _("Choose a period."))
        return data


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=40, help_text=_("e.g. 45/BC-HĐND."))
    issued_on = forms.DateField(label=_("Issued on"), initial=timezone.localdate)

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate():
            raise ValidationError(_("A report cannot be issued on a future date."))
        return day


class KpiTargetForm(forms.ModelForm):
    class Meta:
        model = KpiTarget
        fields = ["code", "description", "metric", "threshold", "cadence", "order", "is_active"]

    def __init__(self, *args, council=None, **kwargs):
        # The figures to choose from are the model field's choices; the council is implied by the record.
        super().__init__(*args, **kwargs)
