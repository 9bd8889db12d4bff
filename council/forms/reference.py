"""Forms of the council's reference data: terms, constituencies, committees, agencies, fields, holidays."""

from ..models import Agency, Committee, Constituency, DeadlineRule, Field, Holiday, Term
from .base import CouncilModelForm


class TermForm(CouncilModelForm):
    class Meta:
        model = Term
        fields = ["number", "name", "start_date", "end_date"]


class ConstituencyForm(CouncilModelForm):
    class Meta:
        model = Constituency
        fields = ["term", "number", "name", "seats", "admin_units"]


class CommitteeForm(CouncilModelForm):
    class Meta:
        model = Committee
        fields = ["kind", "name", "is_active"]


class AgencyForm(CouncilModelForm):
    class Meta:
        model = Agency
        fields = ["name", "short_name", "kind", "admin_unit", "head_title", "emails", "phone", "is_active"]


class FieldForm(CouncilModelForm):
    class Meta:
        model = Field
        fields = ["code", "name", "is_active"]


class HolidayForm(CouncilModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name", "kind"]


class DeadlineRuleForm(CouncilModelForm):
    class Meta:
        model = DeadlineRule
        fields = [
            "code",
            "name",
            "days",
            "day_type",
            "direction",
            "anchor",
            "legal_basis",
            "valid_from",
            "valid_to",
        ]
