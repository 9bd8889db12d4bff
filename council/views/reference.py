"""Pages for the council's reference records, kept by the Office."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import services
from council.forms import reference as forms
from council.models import Agency, Constituency, DeadlineRule, Field, Holiday, Term
from council.permissions import can_manage_records, role_required

from .viewsets import ReferenceViewSet


class TermViewSet(ReferenceViewSet):
    model = Term
    form_class = forms.TermForm
    slug = "term"
    columns = ["name", "number", "start_date", "end_date"]
    search_fields = ["name"]

    create_service = staticmethod(services.term_create)


class ConstituencyViewSet(ReferenceViewSet):
    model = Constituency
    form_class = forms.ConstituencyForm
    slug = "constituency"
    columns = ["name", "number", "term", "seats"]
    search_fields = ["name"]
    filters = ["term"]
    select_related = ["term"]
    prefetch_related = ["admin_units"]
    ordering = ["-term__start_date", "number"]

    create_service = staticmethod(services.constituency_create)
    update_service = staticmethod(services.constituency_update)


class AgencyViewSet(ReferenceViewSet):
    model = Agency
    form_class = forms.AgencyForm
    slug = "agency"
    columns = ["name", "short_name", "kind", "admin_unit", "is_active"]
    search_fields = ["name", "short_name"]
    filters = ["kind", "is_active"]
    select_related = ["admin_unit"]

    create_service = staticmethod(services.agency_create)


class FieldViewSet(ReferenceViewSet):
    model = Field
    form_class = forms.FieldForm
    slug = "field"
    columns = ["name", "code", "is_active"]
    search_fields = ["name", "code"]
    filters = ["is_active"]

    create_service = staticmethod(services.field_create)


class HolidayViewSet(ReferenceViewSet):
    model = Holiday
    form_class = forms.HolidayForm
    slug = "holiday"
    columns = ["date", "name", "kind"]
    search_fields = ["name"]
    filters = ["kind"]
    ordering = ["-date"]
    detail_template = "council/holiday_detail.html"

    create_service = staticmethod(services.holiday_create)
    update_service = staticmethod(services.holiday_update)


class DeadlineRuleViewSet(ReferenceViewSet):
    model = DeadlineRule
    form_class = forms.DeadlineRuleForm
    slug = "deadline_rule"
    columns = ["code", "name", "days", "day_type", "direction", "anchor", "valid_from", "valid_to"]
    search_fields = ["code", "name", "legal_basis"]
    filters = ["day_type", "anchor"]

    create_service = staticmethod(services.deadline_rule_create)
    update_service = staticmethod(services.deadline_rule_update)


TERMS = TermViewSet()
CONSTITUENCIES = ConstituencyViewSet()
AGENCIES = AgencyViewSet()
FIELDS = FieldViewSet()
HOLIDAYS = HolidayViewSet()
DEADLINE_RULES = DeadlineRuleViewSet()

REFERENCE_VIEWSETS = [
    (TERMS, "terms"),
    (CONSTITUENCIES, "constituencies"),
    (AGENCIES, "agencies"),
    (FIELDS, "fields"),
    (HOLIDAYS, "holidays"),
    (DEADLINE_RULES, "deadline-rules"),
]


@require_POST
@role_required(can_manage_records)
def holiday_delete(request, pk):
    """Remove a calendar row; open working-day deadlines move back, each change logged."""
    holiday = get_object_or_404(HOLIDAYS.get_queryset(request), pk=pk)
    services.holiday_delete(holiday, actor=request.user)
    messages.success(request, _("Removed from the calendar: %(day)s.") % {"day": holiday})
    return redirect("council:holiday_list")
