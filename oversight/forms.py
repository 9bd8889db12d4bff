from django import forms
from django.utils.translation import gettext_lazy as _

from council.followup_forms import DATE_ERROR
from council.forms import CouncilModelForm, DayFirstDateInput
from council.models import Agency
from delegates.models import Mandate

from .models import DelegationMember, OversightActivity, SurveyVisit


class ActivityForm(CouncilModelForm):
    class Meta:
        model = OversightActivity
        fields = [
            "program",
            "kind",
            "title",
            "lead_body",
            "committee",
            "group",
            "parent",
            "period_start",
            "period_end",
            "scope",
            "agencies",
            "resolutions",
        ]


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=OversightActivity.State.choices)
    decision = forms.CharField(label=_("Establishing decision"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Decision dated"), required=False, widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )


class MemberForm(forms.Form):
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Delegate"), required=False)
    outside_member = forms.CharField(
        label=_("or a member from outside the council"), required=False, max_length=200
    )
    role = forms.ChoiceField(label=_("Role"), choices=DelegationMember.Role.choices)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = Mandate.objects.filter(
            council=council, end_date__isnull=True
        ).select_related("delegate", "term")


class SurveyForm(CouncilModelForm):
    class Meta:
        model = SurveyVisit
        fields = ["date", "place", "place_detail", "agencies", "participants", "findings"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activity = activity


class RecommendationForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Finding it answers"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Addressed to"))
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DayFirstDateInput(),
        error_messages=DATE_ERROR,
        help_text=_("Leave empty to use the deadline rule for oversight recommendations."),
    )
    report_to_leadership = forms.BooleanField(label=_("Report to leadership"), required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(council=council, is_active=True)
