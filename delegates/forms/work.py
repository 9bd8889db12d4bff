from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms.base import DATE_ERROR, CouncilModelForm, DayFirstDateInput
from council.models import AdminUnit, Field
from council.params import YearField
from council.uploads import ACCEPT

from ..models import (
    Assessment,
    DelegateGroup,
    EmulationMovement,
    EvaluationCriterion,
    GroupMeeting,
    Mandate,
    Nomination,
    Rating,
    TrainingCourse,
)


def _delegate_choices(field, queryset):
    field.queryset = queryset.select_related("delegate").order_by("delegate__name_folded")
    field.label_from_instance = lambda m: m.delegate.full_name


class CourseForm(CouncilModelForm):
    upload = forms.FileField(
        label=_("Materials (file)"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    class Meta:
        model = TrainingCourse
        fields = ["title", "start_date", "end_date", "organiser", "place", "online", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class InviteForm(forms.Form):
    mandates = forms.ModelMultipleChoiceField(
        queryset=Mandate.objects.none(),
        label=_("Delegates to invite"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        error_messages={"required": _("Choose the delegates to invite.")},
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        # Only delegates holding a mandate on the course's first day can be invited.
        _delegate_choices(
            self.fields["mandates"],
            Mandate.objects.filter(council=course.council).active_on(course.start_date),
        )


class GroupMeetingForm(CouncilModelForm):
    class Meta:
        model = GroupMeeting
        fields = ["kind", "date", "topic", "attendees", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "attendees": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, group: DelegateGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        _delegate_choices(
            self.fields["attendees"], Mandate.objects.filter(group_memberships__group=group).distinct()
        )


class ProgramForm(forms.Form):
    announced_on = forms.DateField(
        label=_("Announced on"), required=False, widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.ModelChoiceField(queryset=Field.objects.none(), label=_("Field"), required=False)
    admin_unit = forms.ModelChoiceField(
        queryset=AdminUnit.objects.current(), label=_("Commune or ward"), required=False
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(council=council)
        if council.admin_unit_id:
            self.fields["admin_unit"].queryset = AdminUnit.objects.current().filter(
                parent=council.admin_unit_id
            )


class AssessForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    status = forms.ChoiceField(
        label=_("Assessment"),
        choices=[("", "---------"), *Assessment.choices],
        error_messages={"required": _("Choose kept, in progress or not kept.")},
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What shows it: a decision, a project, a figure."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(years)]


class RatingForm(forms.Form):
    """One party's rating of a delegate's year, with points per criterion of the council."""

    rating = forms.ChoiceField(
        label=_("Rating"),
        choices=[("", "---------"), *Rating.choices],
        error_messages={"required": _("Choose a rating.")},
    )
    comment = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.text} (0–{criterion.max_points})",
                min_value=0,
                max_value=criterion.max_points,
                required=False,
                error_messages={
                    "min_value": _("From 0 to %(max)s.") % {"max": criterion.max_points},
                    "max_value": _("From 0 to %(max)s.") % {"max": criterion.max_points},
                    "invalid": _("Give a whole number of points."),
                },
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}") for c in self.criteria}


class CriterionForm(CouncilModelForm):
    class Meta:
        model = EvaluationCriterion
        fields = ["order", "text", "max_points", "is_active"]


class MovementForm(CouncilModelForm):
    class Meta:
        model = EmulationMovement
        fields = ["name", "launched_on", "criteria", "is_active"]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 5})}


class NominationForm(forms.Form):
    year = YearField(label=_("Year"))
    kind = forms.ChoiceField(label=_("Nominee"), choices=Nomination.Kind.choices)
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Delegate"), required=False)
    group = forms.ModelChoiceField(
        queryset=DelegateGroup.objects.none(), label=_("Delegate group"), required=False
    )
    collective = forms.CharField(label=_("Collective"), required=False, max_length=200)
    reason = forms.CharField(
        label=_("Achievements (reason)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the achievements the nomination rests on.")},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        _delegate_choices(
            self.fields["mandate"], Mandate.objects.filter(council=council, end_date__isnull=True)
        )
        self.fields["group"].queryset = DelegateGroup.objects.filter(council=council).select_related("term")


class DecideForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Nomination.State.choices if c[0] != Nomination.State.PROPOSED],
    )
    award = forms.ChoiceField(
        label=_("Form of commendation"), choices=[("", "—"), *Nomination.Award.choices], required=False
    )
    decision = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Decision dated"), required=False, widget=DayFirstDateInput(), error_messages=DATE_ERROR
    )
    exemplary = forms.BooleanField(label=_("Exemplary model to introduce"), required=False)
