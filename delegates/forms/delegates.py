from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms.base import CouncilModelForm, DayFirstDateInput
from council.models import Committee, Constituency, Term

from ..models import CommitteeMembership, Delegate, DelegateGroup, GroupMembership, Mandate, StandingPosition


def _mandates(council, **filters):
    return (
        Mandate.objects.filter(council=council, **filters)
        .select_related("delegate", "term")
        .order_by("-term__start_date", "delegate__name_folded")
    )


class DelegateForm(CouncilModelForm):
    class Meta:
        model = Delegate
        fields = ["full_name", "gender", "birth_date", "ethnicity", "email", "phone"]


class MandateForm(CouncilModelForm):
    class Meta:
        model = Mandate
        fields = [
            "delegate",
            "term",
            "constituency",
            "kind",
            "position",
            "workplace",
            "start_date",
            "start_reason",
            "end_date",
            "end_reason",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].queryset = Constituency.objects.filter(
            council=self.council
        ).select_related("term")
        self.fields["delegate"].queryset = Delegate.objects.filter(council=self.council)


class GroupForm(CouncilModelForm):
    class Meta:
        model = DelegateGroup
        fields = ["term", "name", "area", "admin_units"]


class GroupMembershipForm(CouncilModelForm):
    class Meta:
        model = GroupMembership
        fields = ["mandate", "role", "start_date", "end_date"]

    def __init__(self, *args, group: DelegateGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["mandate"].queryset = _mandates(self.council, term=group.term_id)
        self.fields["mandate"].label = _("Delegate")


class CommitteeMembershipForm(CouncilModelForm):
    class Meta:
        model = CommitteeMembership
        fields = ["mandate", "role", "start_date", "end_date"]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        self.fields["mandate"].queryset = _mandates(self.council)
        self.fields["mandate"].label = _("Delegate")


class StandingPositionForm(CouncilModelForm):
    class Meta:
        model = StandingPosition
        fields = ["mandate", "role", "start_date", "end_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = _mandates(self.council)
        self.fields["mandate"].label = _("Delegate")


class PositionEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Ended on"),
        widget=DayFirstDateInput(),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy, e.g. 05/03/2026.")},
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    term = forms.ModelChoiceField(queryset=None, label=_("Term"), required=False, empty_label=None)
    group = forms.ModelChoiceField(
        queryset=None, label=_("Delegate group"), required=False, empty_label=_("All")
    )
    committee = forms.ModelChoiceField(
        queryset=None, label=_("Committee"), required=False, empty_label=_("All")
    )
    constituency = forms.ModelChoiceField(
        queryset=None, label=_("Constituency"), required=False, empty_label=_("All")
    )

    def __init__(self, data, *, council, term):
        super().__init__(data)
        self.fields["term"].queryset = Term.objects.filter(council=council)
        self.fields["term"].initial = term
        self.fields["group"].queryset = DelegateGroup.objects.filter(council=council, term=term)
        self.fields["committee"].queryset = Committee.objects.filter(council=council)
        self.fields["constituency"].queryset = Constituency.objects.filter(council=council, term=term)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
