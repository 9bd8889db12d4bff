"""Oversight pages: activities with their delegation, documents, surveys and recommendations; the programme
by month; explanation sessions and hearings; and the suggestions for the next session."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.forms.base import apply_errors
from council.models import FollowUp
from council.params import id_param, year_param
from council.permissions import can_manage_records, can_read_followups, require, role_required
from council.uploads import ACCEPT
from council.views.actions import form_action, run_form_action
from council.views.viewsets import ReferenceViewSet

from . import forms, selectors, services
from .models import (
    Accountability,
    ActivityDocument,
    OversightActivity,
    OversightProgram,
    Recommendation,
    StudyTrip,
    StudyTripFollowUp,
)
from .permissions import (
    can_create_activity,
    can_edit_activity,
    can_read_activities,
    can_read_oversight,
    can_read_study_trips,
    narrow_activities,
    sees_whole_council,
)
from .workflows import OVERSIGHT_WORKFLOW


class ActivityViewSet(ReferenceViewSet):
    """An oversight activity's record pages; its workflow and its sections are recorded from its page."""

    model = OversightActivity
    form_class = forms.ActivityForm
    slug = "activity"
    columns = ["title", "kind", "lead_body", "committee", "state", "period_start", "period_end"]
    search_fields = ["title", "scope"]
    filters = ["kind", "state", "committee", "program"]
    select_related = ["committee", "program"]
    ordering = ["-period_start"]
    detail_template = "oversight/activity_detail.html"

    def can_view(self, user, council):
        return can_read_activities(user, council)

    def can_create(self, user, council):
        return can_create_activity(user, council)

    def can_edit(self, user, obj):
        return can_edit_activity(user, obj)

    create_service = staticmethod(services.activity_create)
    update_service = staticmethod(services.activity_update)

    def get_queryset(self, request):
        # A committee head sees the activities their committee leads.
        return narrow_activities(super().get_queryset(request), request)

    def get_form_kwargs(self, request):
        return {"user": request.user}  # the committees offered are those the user may lead for

    def get_detail_context(self, request, obj):
        council = request.council
        editable = can_edit_activity(request.user, obj)
        record = selectors.activity_record(obj)
        return {
            **super().get_detail_context(request, obj),
            **record,
            # The states this user may move the activity to now (oversight/workflows.py), each with its label.
            "next_states": [(t.target, t.title) for t in OVERSIGHT_WORKFLOW.available(request.user, obj)],
            # Establishing the delegation asks for its decision.
            "establishing": OversightActivity.State.ESTABLISHED in services.allowed_next(obj),
            "editable": editable,
            "followup_reader": can_read_followups(request.user, council),
            "accept": ACCEPT,
            "member_form": forms.MemberForm(council=council, auto_id="member-%s") if editable else None,
            "survey_form": forms.SurveyForm(council=council, activity=obj, auto_id="survey-%s")
            if editable
            else None,
            "document_form": forms.DocumentForm(council=council, activity=obj, auto_id="document-%s")
            if editable
            else None,
            "recommendation_form": forms.RecommendationForm(council=council, auto_id="recommendation-%s")
            if editable
            else None,
            "open_reoversight": request.GET.get("open") == "re-oversight",
            "reoversight_form": forms.ReOversightForm(
                initial={"title": _("Re-oversight: %(title)s") % {"title": obj.title}},
                auto_id="reoversight-%s",
            )
            if editable
            else None,
        }


ACTIVITIES = ActivityViewSet()


def _editable_activity(request, pk) -> OversightActivity:
    activity = get_object_or_404(ACTIVITIES.get_queryset(request), pk=pk)
    require(can_edit_activity(request.user, activity))
    return activity


def _act(request, pk, form_for, call, key):
    """Run one of the activity page's forms. On success go back to the page; on an error show the page
    again with that form open, what was typed kept and the errors beside it."""
    activity = _editable_activity(request, pk)
    form = form_for(activity)
    if form.is_valid():
        try:
            call(activity, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect(ACTIVITIES.url("detail", activity.pk))
    return ACTIVITIES.render_detail(request, activity, **{key: form})


@require_POST
def activity_advance(request, pk):
    return _act(
        request,
        pk,
        lambda a: forms.AdvanceForm(request.POST),
        lambda a, d: services.activity_advance(a, actor=request.user, **d),
        "advance_form",
    )


@require_POST
def member_add(request, pk):
    return _act(
        request,
        pk,
        lambda a: forms.MemberForm(request.POST, council=request.council, auto_id="member-%s"),
        lambda a, d: services.member_add(a, actor=request.user, **d),
        "member_form",
    )


def _without(data: dict, name: str) -> tuple[dict, object]:
    data = dict(data)
    return data, data.pop(name)


@require_POST
def survey_add(request, pk):
    def call(activity, data):
        data, agencies = _without(data, "agencies")
        services.survey_add(activity, actor=request.user, agencies=agencies, **data)

    return _act(
        request,
        pk,
        lambda a: forms.SurveyForm(request.POST, council=request.council, activity=a, auto_id="survey-%s"),
        call,
        "survey_form",
    )


@require_POST
def document_add(request, pk):
    def call(activity, data):
        data, upload = _without(data, "file")
        services.document_add(activity, actor=request.user, upload=upload, **data)

    return _act(
        request,
        pk,
        lambda a: forms.DocumentForm(
            request.POST, request.FILES, council=request.council, activity=a, auto_id="document-%s"
        ),
        call,
        "document_form",
    )


@file_of(
    "oversight.ActivityDocument", "oversight:activity_detail", page_kwargs=lambda d: {"pk": d.activity_id}
)
def document_file(request, pk):
    """Serve an activity's document to those who may read the activity."""
    document = get_object_or_404(
        ActivityDocument.objects.filter(activity__in=ACTIVITIES.viewable(request).values("pk")).exclude(
            path=""
        ),
        pk=pk,
    )
    return record_file_response(document)


@require_POST
def recommendation_add(request, pk):
    return _act(
        request,
        pk,
        lambda a: forms.RecommendationForm(
            request.POST, council=request.council, auto_id="recommendation-%s"
        ),
        lambda a, d: services.recommendation_add(
            a, actor=request.user, assigned_date=timezone.localdate(), **d
        ),
        "recommendation_form",
    )


@require_POST
def re_oversight_open(request, pk):
    parent = _editable_activity(request, pk)
    form = forms.ReOversightForm(request.POST)
    created = {}

    def call(data):
        created["activity"] = services.re_oversight_open(parent, actor=request.user, **data)

    response = form_action(
        request,
        form,
        call,
        done=ACTIVITIES.url("detail", parent.pk),
        page=lambda bound: ACTIVITIES.render_detail(request, parent, reoversight_form=bound),
        success=_("Re-oversight opened with the unresolved recommendations."),
    )
    if "activity" in created:  # opened: go to the new activity's page
        return redirect(ACTIVITIES.url("detail", created["activity"].pk))
    return response


@require_POST
def carried_assess(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(activity__in=ACTIVITIES.get_queryset(request)), pk=pk
    )
    activity = _editable_activity(request, recommendation.activity_id)
    run_form_action(
        request,
        forms.AssessForm(request.POST),
        lambda d: services.carried_assess(recommendation, actor=request.user, **d),
    )
    return redirect(ACTIVITIES.url("detail", activity.pk))


@role_required(can_read_oversight)
def programme(request):
    """The year's oversight programme, its activities by the month they start."""
    today = timezone.localdate()
    year = year_param(request)
    program = OversightProgram.objects.filter(council=request.council, year=year).first()
    activities = ACTIVITIES.get_queryset(request).filter(period_start__year=year).select_related("group")
    years = sorted(
        set(OversightProgram.objects.filter(council=request.council).values_list("year", flat=True))
        | set(
            ACTIVITIES.get_queryset(request)
            .dates("period_start", "year")
            .values_list("period_start__year", flat=True)
        )
        | {today.year}
    )
    return render(
        request,
        "oversight/programme.html",
        {
            "year": year,
            "years": years,
            "program": program,
            "months": selectors.programme_by_month(activities),
            "count": len(activities),
            "whole_council": sees_whole_council(request.user, request.council),
        },
    )


# --- Explanation sessions and hearings ------------------------------------------------------------------


class AccountabilityViewSet(ReferenceViewSet):
    """Explanation sessions and hearings; their conclusions (each a follow-up) are added from the page."""

    model = Accountability
    form_class = forms.AccountabilityForm
    slug = "accountability"
    columns = ["date", "kind", "topic", "body", "committee"]
    search_fields = ["topic", "summoned"]
    filters = ["kind", "body", "committee"]
    select_related = ["committee", "from_followup"]
    ordering = ["-date"]
    detail_template = "oversight/accountability_detail.html"

    def can_view(self, user, council):
        return can_read_oversight(user, council)

    create_service = staticmethod(services.accountability_create)
    update_service = staticmethod(services.accountability_update)

    def get_initial(self, request):
        """A new session is drafted from an escalated follow-up when the link names one."""
        initial = super().get_initial(request)
        followup_id = id_param(request, "from_followup")
        if followup_id is not None:
            followup = (
                FollowUp.objects.filter(council=request.council, pk=followup_id)
                .select_related("agency")
                .first()
            )
            if followup is not None:
                kind = request.GET.get("kind", Accountability.Kind.EXPLANATION)
                initial.update(services.accountability_draft_from(followup, kind=kind))
                initial["from_followup"] = followup.pk
        return initial

    def get_detail_context(self, request, obj):
        conclusions = list(obj.conclusions.all())
        followups = FollowUp.objects.select_related("agency").by_source(conclusions)
        return {
            **super().get_detail_context(request, obj),
            "conclusions": [(c, followups.get(c.pk)) for c in conclusions],
            "summoned_agencies": list(obj.agencies.all()),
            "followup_reader": can_read_followups(request.user, request.council),
            "conclusion_form": forms.ConclusionForm(council=request.council)
            if can_manage_records(request.user, request.council)
            else None,
        }


ACCOUNTABILITY = AccountabilityViewSet()


@require_POST
def conclusion_add(request, pk):
    session = get_object_or_404(ACCOUNTABILITY.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return form_action(
        request,
        forms.ConclusionForm(request.POST, council=request.council),
        lambda d: services.accountability_conclude(session, actor=request.user, **d),
        done=ACCOUNTABILITY.url("detail", session.pk),
        page=lambda form: ACCOUNTABILITY.render_detail(request, session, conclusion_form=form),
    )


# --- Suggestions for the next session -------------------------------------------------------------------


@role_required(can_read_followups)
def suggestions(request):
    """Overdue or unsatisfactory recommendations, commitments, resolution tasks and petitions, each with the
    step to schedule."""
    council = request.council
    manager = can_manage_records(request.user, council)
    if request.method == "POST":
        require(manager)
        run_form_action(
            request,
            forms.ThresholdForm(request.POST),
            lambda d: services.suggest_after_days_set(council, actor=request.user, **d),
            success=_("The council's threshold is saved."),
        )
        return redirect("oversight:suggestions")
    form = forms.ThresholdForm(request.GET or {"days": council.suggest_after_days})
    days = form.cleaned_data["days"] if form.is_valid() else council.suggest_after_days
    items = selectors.suggestions(council, today=timezone.localdate(), days=days)
    return render(
        request,
        "oversight/suggestions.html",
        {
            "form": form,
            "days": days,
            "items": items,
            "manager": manager,
            "default_days": council.suggest_after_days,
        },
    )


# --- Study and exchange trips ---------------------------------------------------------------------------


class StudyTripViewSet(ReferenceViewSet):
    """Study and exchange trips, listed by year; the Office records them and their follow-up items."""

    model = StudyTrip
    form_class = forms.StudyTripForm
    slug = "study_trip"
    columns = ["title", "host", "start_date", "end_date"]
    search_fields = ["title", "host", "place", "purpose", "lessons"]
    ordering = ["-start_date", "pk"]
    detail_template = "oversight/study_trip_detail.html"

    def can_view(self, user, council):
        return can_read_study_trips(user, council)

    create_service = staticmethod(services.study_trip_create)
    update_service = staticmethod(services.study_trip_update)

    def get_filter_form(self, request):
        form = super().get_filter_form(request)
        years = sorted(
            {
                d.year
                for d in StudyTrip.objects.filter(council=request.council).values_list(
                    "start_date", flat=True
                )
            },
            reverse=True,
        )
        form.fields["year"] = django_forms.TypedChoiceField(
            choices=[("", _("All")), *((y, y) for y in years)],
            coerce=int,
            required=False,
            label=_("Year"),
        )
        form.fields["year"].widget.attrs["class"] = "form-select"
        return form

    def filtered(self, request):
        qs, filter_form = super().filtered(request)
        year = filter_form.cleaned_data.get("year") if filter_form.is_valid() else None
        return (qs.filter(start_date__year=year) if year else qs), filter_form

    def get_detail_context(self, request, obj):
        manager = can_manage_records(request.user, request.council)
        return {
            **super().get_detail_context(request, obj),
            "participants": list(obj.participants.all()),
            "items": selectors.study_trip_items(obj),
            "followup_reader": can_read_followups(request.user, request.council),
            "manager": manager,
            "item_form": forms.StudyTripFollowUpForm(council=request.council, auto_id="item-%s")
            if manager
            else None,
        }


STUDY_TRIPS = StudyTripViewSet()


@require_POST
def study_trip_followup_add(request, pk):
    trip = get_object_or_404(STUDY_TRIPS.viewable(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return form_action(
        request,
        forms.StudyTripFollowUpForm(request.POST, council=request.council, auto_id="item-%s"),
        lambda d: services.study_trip_followup_add(trip, actor=request.user, **d),
        done=STUDY_TRIPS.url("detail", trip.pk),
        page=lambda form: STUDY_TRIPS.render_detail(request, trip, item_form=form),
    )


@require_POST
def study_trip_followup_done(request, pk):
    item = get_object_or_404(
        StudyTripFollowUp.objects.filter(trip__in=STUDY_TRIPS.viewable(request)).select_related("trip"), pk=pk
    )
    require(can_manage_records(request.user, request.council))
    run_form_action(
        request,
        forms.StudyTripDoneForm(request.POST),
        lambda d: services.study_trip_followup_done(item, actor=request.user, **d),
        success=_("Marked as done."),
    )
    return redirect(STUDY_TRIPS.url("detail", item.trip_id))


@file_of("oversight.StudyTrip", "oversight:study_trip_detail")
def study_trip_file(request, pk):
    trip = get_object_or_404(STUDY_TRIPS.viewable(request).exclude(path=""), pk=pk)
    return record_file_response(trip)
