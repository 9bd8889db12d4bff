"""Forms of the Party delegation's pages: a member, an assignment, and a field report."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.forms.base import CouncilModelForm
from council.models import Field, Term
from council.uploads import ACCEPT

from ..models import Delegate, PartyAssignment, PartyDelegationMember
from ..selectors import party_periods_due


class PartyMemberForm(CouncilModelForm):
    class Meta:
        model = PartyDelegationMember
        fields = ["delegate", "position", "start_date", "end_date", "decision"]

    def __init__(self, *args, term: Term, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.term = term
        # The term's delegates first would need a query per option; offer the council's delegates by name.
        self.fields["delegate"].queryset = Delegate.objects.filter(council=self.council).order_by(
            "name_folded"
        )
        if self.instance.pk:
            # The person of a seat does not change: a new person is a new membership.
            self.fields["delegate"].disabled = True


class PartyAssignmentForm(CouncilModelForm):
    class Meta:
        model = PartyAssignment
        fields = ["area", "policy_field", "description", "report_every", "start_date", "end_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, member: PartyDelegationMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.member = member
        self.instance.council_id = member.council_id
        self.fields["policy_field"].queryset = Field.objects.filter(council=self.council, is_active=True)
        self.fields["start_date"].required = False
        self.fields["start_date"].help_text = _("Left empty: from the start of the membership.")


class PartyReportForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Reporting period"), error_messages={"required": _("Choose the period the report is for.")}
    )
    summary = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was followed in the field, the results, the issues found and what you propose."),
        error_messages={"required": _("Write the report.")},
    )
    upload = forms.FileField(
        label=_("Attached file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, assignment: PartyAssignment, reported=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Every begun period is offered, those already reported marked: choosing one again is refused by
        # the service with the date it was submitted, not by a bare "not a valid choice".
        periods = party_periods_due(assignment, timezone.localdate(), ended_only=False)
        done = set(reported)
        self.fields["period"].choices = [
            ("", "---------"),
            *(
                (
                    p.code,
                    _("%(period)s (submitted)") % {"period": p.short_label()}
                    if p.code in done
                    else p.short_label(),
                )
                for p in reversed(periods)
            ),
        ]
        first_open = next((p.code for p in reversed(periods) if p.code not in done), None)
        if first_open and not self.is_bound:
            self.initial.setdefault("period", first_open)
