"""Directive pages: the list, a directive's implementation at a glance with its items, and each responsible
person's own items with a progress report form."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.forms.followups import AnswerForm
from council.models import FollowUp
from council.params import year_param
from council.permissions import can_manage_records, can_read_followups, is_member, require, role_required
from council.views.actions import run_form_action
from council.views.viewsets import ReferenceViewSet

from . import forms, services
from .models import Directive, DirectiveItem
from .permissions import can_read_directives, can_report_on_item, items_answered_by
from .selectors import current_followups, directive_progress


class DirectiveViewSet(ReferenceViewSet):
    """A directive's record pages; its items are added by ``item_add`` and reported on from "My items"."""

    model = Directive
    form_class = forms.DirectiveForm
    slug = "directive"
    columns = ["issued_on", "symbol", "subject", "issuer", "issuing_body", "kind"]
    search_fields = ["symbol", "subject", "issuer", "partners"]
    filters = ["kind", "issuing_body"]
    ordering = ["-issued_on", "pk"]
    detail_template = "directives/directive_detail.html"

    def can_view(self, user, council):
        return can_read_directives(user, council)

    create_service = staticmethod(services.directive_create)
    update_service = staticmethod(services.directive_update)

    def get_detail_context(self, request, obj):
        today = timezone.localdate()
        return {
            **super().get_detail_context(request, obj),
            **directive_progress(obj, today),
            "today": today,
            "followup_reader": can_read_followups(request.user, request.council),
            "item_form": forms.ItemForm(council=request.council, directive=obj)
            if can_manage_records(request.user, request.council)
            else None,
        }


DIRECTIVES = DirectiveViewSet()


@require_POST
def item_add(request, pk):
    directive = get_object_or_404(DIRECTIVES.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    # Answered with a message and back to the page (tests/directives pin the redirect).
    run_form_action(
        request,
        forms.ItemForm(request.POST, council=request.council, directive=directive),
        lambda d: services.item_add(directive, actor=request.user, **d),
    )
    return redirect(DIRECTIVES.url("detail", directive.pk))


@file_of("directives.Directive", "directives:directive_detail")
def directive_file(request, pk):
    directive = get_object_or_404(DIRECTIVES.viewable(request).exclude(path=""), pk=pk)
    return record_file_response(directive)


@role_required(is_member)
def my_items(request):
    """The items the user answers for, with a progress report form for each."""
    items = list(
        items_answered_by(request.user, request.council)
        .select_related("directive", "member", "committee", "group")
        .order_by("directive__issued_on", "order")
    )
    followups = current_followups(items)
    return render(
        request,
        "directives/my_items.html",
        {
            "rows": [(i, followups.get(i.pk), AnswerForm(auto_id=f"item-{i.pk}-%s")) for i in items],
            "today": timezone.localdate(),
        },
    )


@require_POST
def item_report(request, pk):
    item = get_object_or_404(DirectiveItem.objects.filter(directive__council=request.council), pk=pk)
    require(can_report_on_item(request.user, item))
    form = AnswerForm(request.POST, request.FILES)
    run_form_action(
        request,
        form,
        lambda d: services.item_report(
            item,
            actor=request.user,
            status=d["status"],
            text=d["text"],
            progress=d.get("progress"),
            files=d.get("files") or (),
        ),
        success=_("Progress reported; the Office will verify it."),
    )
    return redirect("directives:my_items")


@role_required(can_read_directives)
def coordination_review(request):
    """The yearly review of coordination agreements and other directives with periodic tasks."""
    today = timezone.localdate()
    year = year_param(request)
    directives = list(
        DIRECTIVES.get_queryset(request)
        .filter(items__recurrence__in=[DirectiveItem.Recurrence.YEARLY, DirectiveItem.Recurrence.SESSION])
        .distinct()
    )
    items = list(
        DirectiveItem.objects.filter(directive__in=directives)
        .exclude(recurrence=DirectiveItem.Recurrence.ONCE)
        .select_related("member", "committee", "group")
    )
    rounds: dict[int, FollowUp] = {}
    for f in FollowUp.objects.of_sources(items).filter(due_date__year=year).order_by("pk"):
        rounds[f.source_id] = f
    by_directive = {d.pk: [] for d in directives}
    for item in items:
        by_directive[item.directive_id].append((item, rounds.get(item.pk)))
    return render(
        request,
        "directives/review.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "sections": [(d, by_directive[d.pk]) for d in directives],
            "today": today,
            "manager": can_manage_records(request.user, request.council),
        },
    )


@require_POST
def yearly_round(request, pk):
    directive = get_object_or_404(DIRECTIVES.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    year = timezone.localdate().year
    opened = services.yearly_round(directive, actor=request.user, year=year)
    messages.success(
        request, _("%(count)s periodic task(s) opened for %(year)s.") % {"count": opened, "year": year}
    )
    return redirect(f"{reverse('directives:review')}?year={year}")
