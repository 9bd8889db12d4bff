"""Oversight pages: the programme's activities, and each activity's delegation, surveys and recommendations."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import FollowUp
from council.views.actions import run_form_action
from council.views.crud import Crud

from . import forms, services
from .models import OversightActivity
from .permissions import can_edit_activity, can_read_oversight


def _activity_context(request, activity):
    recommendations = list(activity.recommendations.select_related("carried_from"))
    followups = {
        f.source_id: f
        for f in FollowUp.objects.filter(
            source_type__model="recommendation", source_id__in=[r.pk for r in recommendations]
        ).select_related("agency")
    }
    editable = can_edit_activity(request.user, activity)
    return {
        "members": list(activity.members.select_related("mandate__delegate")),
        "surveys": list(activity.surveys.select_related("place").prefetch_related("agencies")),
        "recommendations": [(r, followups.get(r.pk)) for r in recommendations],
        "next_states": [(s, OversightActivity.State(s).label) for s in services.allowed_next(activity)],
        "editable": editable,
        "member_form": forms.MemberForm(council=request.council) if editable else None,
        "survey_form": forms.SurveyForm(council=request.council, activity=activity) if editable else None,
        "recommendation_form": forms.RecommendationForm(council=request.council) if editable else None,
    }


ACTIVITIES = Crud(
    model=OversightActivity,
    form_class=forms.ActivityForm,
    create=services.activity_create,
    update=services.activity_update,
    slug="activity",
    columns=["title", "kind", "lead_body", "committee", "state", "period_start", "period_end"],
    search_fields=["title", "scope"],
    filters=["kind", "state", "committee", "program"],
    select_related=["committee", "program"],
    ordering=["-period_start"],
    detail_template="oversight/activity_detail.html",
    can_view=can_read_oversight,
    extra_detail_context=_activity_context,
)


def _act(request, pk, form, call):
    activity = get_object_or_404(ACTIVITIES.queryset(request), pk=pk)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied(_("Your role does not allow this page."))
    run_form_action(request, form, lambda data: call(activity, data))
    return redirect(ACTIVITIES.url("detail", activity.pk))


@require_POST
def activity_advance(request, pk):
    return _act(
        request,
        pk,
        forms.AdvanceForm(request.POST),
        lambda a, d: services.activity_advance(a, actor=request.user, **d),
    )


@require_POST
def member_add(request, pk):
    return _act(
        request,
        pk,
        forms.MemberForm(request.POST, council=request.council),
        lambda a, d: services.member_add(a, actor=request.user, **d),
    )


@require_POST
def survey_add(request, pk):
    activity = get_object_or_404(ACTIVITIES.queryset(request), pk=pk)
    form = forms.SurveyForm(request.POST, council=request.council, activity=activity)

    def call(a, d):
        data = dict(d)
        services.survey_add(a, actor=request.user, agencies=data.pop("agencies"), **data)

    return _act(request, pk, form, call)


@require_POST
def recommendation_add(request, pk):
    return _act(
        request,
        pk,
        forms.RecommendationForm(request.POST, council=request.council),
        lambda a, d: services.recommendation_add(
            a, actor=request.user, assigned_date=timezone.localdate(), **d
        ),
    )
