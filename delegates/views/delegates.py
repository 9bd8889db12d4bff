"""Delegates, mandates, groups, committees and the directory every member of the council can browse."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import services as core_services
from council.forms.base import apply_errors
from council.forms.reference import CommitteeForm
from council.models import Committee
from council.params import id_param, next_param, paginate
from council.permissions import can_manage_records, is_member, require, role_required, scoped
from council.views.actions import run_form_action
from council.views.viewsets import ReferenceViewSet

from .. import selectors, services
from ..forms import delegates as forms
from ..models import CommitteeMembership, Delegate, DelegateGroup, GroupMembership, Mandate, StandingPosition
from ..permissions import can_read_standing


class DelegateViewSet(ReferenceViewSet):
    model = Delegate
    form_class = forms.DelegateForm
    slug = "delegate"
    columns = ["full_name", "gender", "birth_date", "ethnicity", "phone"]
    folded_search_field = "name_folded"
    filters = ["gender"]
    detail_template = "delegates/delegate_detail.html"

    create_service = staticmethod(services.delegate_create)
    update_service = staticmethod(services.delegate_update)

    def get_detail_context(self, request, obj):
        return {**super().get_detail_context(request, obj), "mandates": selectors.delegate_profile(obj)}


class MandateViewSet(ReferenceViewSet):
    model = Mandate
    form_class = forms.MandateForm
    slug = "mandate"
    columns = ["delegate", "term", "constituency", "kind", "start_date", "end_date", "end_reason"]
    folded_search_field = "delegate__name_folded"
    filters = ["term", "kind", "start_reason", "end_reason"]
    select_related = ["delegate", "term", "constituency"]
    ordering = ["-term__start_date", "delegate__name_folded"]

    create_service = staticmethod(services.mandate_create)
    update_service = staticmethod(services.mandate_update)


class GroupViewSet(ReferenceViewSet):
    model = DelegateGroup
    form_class = forms.GroupForm
    slug = "group"
    columns = ["name", "term", "area"]
    search_fields = ["name", "area"]
    filters = ["term"]
    select_related = ["term"]
    prefetch_related = ["admin_units"]
    ordering = ["-term__start_date", "name"]
    detail_template = "delegates/group_detail.html"

    create_service = staticmethod(services.group_create)
    update_service = staticmethod(services.group_update)

    def get_detail_context(self, request, obj):
        return {
            **super().get_detail_context(request, obj),
            "roster": selectors.group_roster(obj),
            "member_form": forms.GroupMembershipForm(council=request.council, group=obj),
        }


class CommitteeViewSet(ReferenceViewSet):
    """The council's committees (a core record) have their pages here, beside their members."""

    model = Committee
    form_class = CommitteeForm
    slug = "committee"
    namespace = "delegates"
    columns = ["name", "kind", "is_active"]
    search_fields = ["name"]
    filters = ["kind", "is_active"]
    detail_template = "delegates/committee_detail.html"

    create_service = staticmethod(core_services.committee_create)

    def get_detail_context(self, request, obj):
        return {
            **super().get_detail_context(request, obj),
            "roster": selectors.committee_roster(obj),
            "member_form": forms.CommitteeMembershipForm(council=request.council, committee=obj),
        }


DELEGATES = DelegateViewSet()
MANDATES = MandateViewSet()
GROUPS = GroupViewSet()
COMMITTEES = CommitteeViewSet()

DELEGATE_VIEWSETS = [
    (DELEGATES, "delegates"),
    (MANDATES, "mandates"),
    (GROUPS, "groups"),
    (COMMITTEES, "committees"),
]


def _add_position(request, form, create, success_url, rerender):
    """Validate a position form, hand it to its service, and either redirect or show the errors."""
    if form.is_valid():
        try:
            position = create(actor=request.user, council=request.council, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(object)s.") % {"object": position})
            return redirect(success_url)
    return rerender(form)


def _member_add(request, pk, viewset: ReferenceViewSet, form_class, create, parent: str):
    """Seat a delegate in a group or committee from its page; on bad input, show the page with the errors."""
    body = get_object_or_404(viewset.get_queryset(request), pk=pk)
    if request.method != "POST":
        return redirect(viewset.url("detail", body.pk))
    form = form_class(request.POST, council=request.council, **{parent: body})

    def rerender(bound):
        return viewset.render_detail(request, body, member_form=bound)

    return _add_position(
        request,
        form,
        lambda **data: create(**{parent: body}, **data),
        viewset.url("detail", body.pk),
        rerender,
    )


@role_required(can_manage_records)
def group_member_add(request, pk):
    return _member_add(
        request,
        pk,
        GROUPS,
        forms.GroupMembershipForm,
        services.group_membership_create,
        "group",
    )


@role_required(can_manage_records)
def committee_member_add(request, pk):
    return _member_add(
        request,
        pk,
        COMMITTEES,
        forms.CommitteeMembershipForm,
        services.committee_membership_create,
        "committee",
    )


@role_required(can_read_standing)
def standing_committee(request):
    """The Standing Committee's seats: the Office keeps them, the Standing Committee itself can read them."""
    can_edit = can_manage_records(request.user, request.council)
    form = forms.StandingPositionForm(request.POST or None, council=request.council) if can_edit else None

    def rerender(bound):
        return render(
            request,
            "delegates/standing.html",
            {"roster": selectors.standing_roster(request.council), "form": bound, "can_edit": can_edit},
        )

    if request.method == "POST":
        require(can_edit)
        return _add_position(
            request, form, services.standing_position_create, reverse("delegates:standing"), rerender
        )
    return rerender(form)


POSITION_MODELS = {"group": GroupMembership, "committee": CommitteeMembership, "standing": StandingPosition}


@require_POST
@role_required(can_manage_records)
def position_end(request, kind, pk):
    """End a group, committee or Standing Committee position on a given date."""
    model = POSITION_MODELS.get(kind)
    if model is None:
        raise Http404
    position = get_object_or_404(
        scoped(model.objects.select_related("mandate"), request.user, request.council), pk=pk
    )
    form = forms.PositionEndForm(request.POST)
    run_form_action(
        request,
        form,
        lambda data: services.position_end(position, actor=request.user, end_date=data["end_date"]),
        success=_("Position ended: %(object)s.") % {"object": position},
    )
    return redirect(next_param(request, reverse("home")))  # never a "next" that leaves the site


@role_required(is_member)
def directory(request):
    """The delegate directory: every council member may browse it, by term, group, committee or seat."""
    council = request.council
    term = selectors.current_term(council)
    wanted_term = id_param(request, "term")
    if wanted_term is not None:
        term = council.terms.filter(pk=wanted_term).first() or term
    data = request.GET.copy()
    if term is not None:
        data["term"] = str(term.pk)  # the select always shows the term the table shows
    form = forms.DirectoryFilterForm(data, council=council, term=term)
    page = None
    if term is not None:
        filters = form.cleaned_data if form.is_valid() else {}
        mandates = selectors.directory_mandates(
            council,
            term,
            q=filters.get("q") or "",
            group=filters.get("group"),
            committee=filters.get("committee"),
            constituency=filters.get("constituency"),
        )
        page = paginate(request, mandates)
    context = {"form": form, "page": page, "term": term}
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, "delegates/directory_table.html", context)
    return render(request, "delegates/directory.html", context)


@role_required(is_member)
def directory_profile(request, pk):
    delegate = get_object_or_404(Delegate.objects.filter(council=request.council), pk=pk)
    return render(
        request,
        "delegates/profile.html",
        {"delegate": delegate, "mandates": selectors.delegate_profile(delegate)},
    )
