from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Committee, Term
from delegates.models import DelegateGroup
from sessions.models import Session

from .kinds import COMMITTEE, GROUP, KINDS, SESSION, TERM, number_example
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
    """Ask for a report: its kind, then what the kind covers (a period, a session or a term) and, for a
    committee's or a group's, which one (``reports.kinds`` says which fields a kind needs)."""

    kind = forms.ChoiceField(label=_("Report"), choices=Report.Kind.choices)
    period = PeriodField(
        label=_("Period"), required=False, help_text=_("For a quarterly, six-month or annual report.")
    )
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.none(),
        required=False,
        help_text=_("For a report sent to a session."),
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        required=False,
        help_text=_("For a committee's report."),
    )
    group = forms.ModelChoiceField(
        label=_("Delegate group"),
        queryset=DelegateGroup.objects.none(),
        required=False,
        help_text=_("For a delegate group's report."),
    )
    term = forms.ModelChoiceField(
        label=_("Term"),
        queryset=Term.objects.none(),
        required=False,
        help_text=_("For the end-of-term review."),
    )

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
        self.fields["committee"].queryset = Committee.objects.filter(council=council, is_active=True)
        self.fields["group"].queryset = DelegateGroup.objects.filter(council=council).select_related("term")
        self.fields["group"].label_from_instance = lambda g: f"{g.name} — {g.term}"
        self.fields["term"].queryset = Term.objects.filter(council=council)

    def clean(self):
        data = super().clean()
        spec = KINDS.get(data.get("kind"))
        if spec is None:
            return data
        needed = {
            COMMITTEE: ("committee", _("Choose the committee.")),
            GROUP: ("group", _("Choose the group.")),
        }
        if spec.scope in needed and not data.get(needed[spec.scope][0]):
            self.add_error(*needed[spec.scope])
        if SESSION in spec.covers:
            if not data.get("session"):
                self.add_error("session", _("Choose the session the report is for."))
        elif TERM in spec.covers:
            if not data.get("term"):
                self.add_error("term", _("Choose the term the review is for."))
        elif "period" in data and data.get("period") is None and not self.has_error("period"):
            self.add_error("period", _("Choose a period."))
        return data


class IssueForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=40, help_text=_("e.g. 45/BC-HĐND."))
    issued_on = forms.DateField(label=_("Issued on"), initial=timezone.localdate)

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None:  # the symbol of this kind of report: a Party report's differs
            self.fields["number"].help_text = _("e.g. %(number)s.") % {"number": number_example(report)}

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
