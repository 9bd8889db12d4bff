"""Resolutions: the record, its vote and the tasks it assigns."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import FollowUp
from council.permissions import can_manage_records, is_member
from council.views.actions import run_form_action
from council.views.crud import Crud

from . import forms, services
from .models import Resolution


def _resolution_context(request, resolution):
    tasks = list(resolution.tasks.all())
    followups = FollowUp.objects.by_source(tasks)
    manager = can_manage_records(request.user, request.council)
    # The reverse relation is declared by the oversight app (higher in the layering); no import needed.
    oversight = list(resolution.oversight_activities.all())
    return {
        "oversight": oversight,
        "vote": getattr(resolution, "vote", None),
        "tasks": [(t, followups.get(t.pk)) for t in tasks],
        "vote_form": forms.VoteForm(initial={"voted_on": resolution.adopted_on}) if manager else None,
        "task_form": forms.TaskForm(council=request.council) if manager else None,
    }


RESOLUTIONS = Crud(
    model=Resolution,
    form_class=forms.ResolutionForm,
    create=services.resolution_create,
    slug="resolution",
    columns=["symbol", "title", "kind", "adopted_on", "effective_on"],
    search_fields=["symbol", "title"],
    filters=["kind", "session", "field"],
    select_related=["session", "field"],
    ordering=["-year", "-number"],
    detail_template="sessions/resolution_detail.html",
    can_view=is_member,
    extra_detail_context=_resolution_context,
)


def _act(request, pk, form, call):
    if not can_manage_records(request.user, request.council):
        raise PermissionDenied(_("Your role does not allow this page."))
    resolution = get_object_or_404(RESOLUTIONS.queryset(request).select_related("council"), pk=pk)
    run_form_action(request, form, lambda data: call(resolution, data))
    return redirect(RESOLUTIONS.url("detail", resolution.pk))


@require_POST
def resolution_vote(request, pk):
    return _act(
        request,
        pk,
        forms.VoteForm(request.POST),
        lambda r, d: services.resolution_vote(r, actor=request.user, **d),
    )


@require_POST
def resolution_task(request, pk):
    return _act(
        request,
        pk,
        forms.TaskForm(request.POST, council=request.council),
        lambda r, d: services.resolution_task_add(r, actor=request.user, **d),
    )
