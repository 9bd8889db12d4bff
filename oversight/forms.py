from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms.base import DATE_ERROR, CouncilModelForm, DayFirstDateInput
from council.models import Agency, Committee
from council.permissions import can_manage_records
from council.text import natural_key
from council.uploads import ACCEPT
from delegates.models import Mandate
from delegates.selectors import current_term

from .models import (
    Accountability,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    StudyTrip,
    SurveyVisit,
)
from .permissions import headed_committees


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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        term = current_term(self.council)
        if term is not None:
            groups = self.fields["group"].queryset.filter(term=term)
            if self.instance.group_id:
                groups = groups | self.fields["group"].queryset.filter(pk=self.instance.group_id)
            self.fields["group"].queryset = groups
            # "Tổ 2" before "Tổ 10": the names' numbers in order, not as text.
            self.fields["group"].choices = [("", "---------")] + sorted(
                ((g.pk, str(g)) for g in groups), key=lambda choice: natural_key(choice[1])
            )
        if user is not None and not can_manage_records(user, self.council):
            # A committee head records activities of their own committee only.
            self.fields["lead_body"].choices = [
                (OversightActivity.LeadBody.COMMITTEE, OversightActivity.LeadBody.COMMITTEE.label)
            ]
            self.fields["committee"].queryset = Committee.objects.filter(
                pk__in=headed_committees(user, self.council)
            )
            self.fields["committee"].required = True
            self.fields["group"].disabled = True
            self.fields["parent"].queryset = self.fields["parent"].queryset.filter(
                committee__in=headed_committees(user, self.council)
            )


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


class DocumentForm(CouncilModelForm):
    file = forms.FileField(
        label=_("File (PDF, DOCX, XLSX, PNG, JPEG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = ActivityDocument
        fields = ["kind", "symbol", "title", "issued_on", "agency"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.activity = activity


class ReOversightForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=300)
    period_start = forms.DateField(
        label=_("Oversight from"), widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )
    period_end = forms.DateField(
        label=_("Oversight until"), widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class AssessForm(forms.Form):
    fulfilled = forms.TypedChoiceField(
        label=_("Since the earlier oversight"),
        choices=[("1", _("fulfilled")), ("0", _("still not fulfilled"))],
        coerce=lambda v: v == "1",
    )


class AccountabilityForm(CouncilModelForm):
    class Meta:
        model = Accountability
        fields = [
            "kind",
            "topic",
            "body",
            "committee",
            "date",
            "agencies",
            "summoned",
            "participants",
            "from_followup",
        ]
        widgets = {"from_followup": forms.HiddenInput(), "summoned": forms.Textarea(attrs={"rows": 3})}


class ConclusionForm(forms.Form):
    text = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Agency that must act"))
    due_date = forms.DateField(label=_("Due date"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(council=council, is_active=True)


class ThresholdForm(forms.Form):
    days = forms.IntegerField(
        label=_("Days past due"),
        min_value=0,
        max_value=365,
        error_messages={
            "required": _("Give a number of days between 0 and 365."),
            "invalid": _("Give a number of days between 0 and 365."),
            "min_value": _("Give a number of days between 0 and 365."),
            "max_value": _("Give a number of days between 0 and 365."),
        },
    )


class StudyTripForm(CouncilModelForm):
    upload = forms.FileField(
        label=_("Report file"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    class Meta:
        model = StudyTrip
        fields = [
            "title",
            "host",
            "place",
            "start_date",
            "end_date",
            "purpose",
            "participants",
            "other_participants",
            "lessons",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "other_participants": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
            "participants": forms.SelectMultiple(attrs={"size": 8}),
        }


class StudyTripFollowUpForm(forms.Form):
    text = forms.CharField(label=_("What to do"), widget=forms.Textarea(attrs={"rows": 3}))
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.none(), label=_("Responsible committee"), required=False
    )
    responsible = forms.CharField(
        label=_("Or who else is responsible"),
        max_length=200,
        required=False,
        help_text=_("The Office when both are left empty."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DayFirstDateInput(), error_messages=DATE_ERROR)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(council=council)


class StudyTripDoneForm(forms.Form):
    text = forms.CharField(label=_("What was done"), max_length=1000, required=False)
