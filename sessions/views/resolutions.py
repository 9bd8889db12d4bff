"""Resolutions: the record, its vote and the tasks it assigns."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from council.changes import saved_message
from council.forms.base import apply_errors
from council.permissions import can_manage_records, is_member, require, role_required
from council.views.actions import form_action, run_form_action
from council.views.viewsets import ReferenceViewSet

from .. import forms, selectors, services
from ..models import DelegateVote, Resolution, ResolutionQualityEvent, Vote
from ..roll_call import RollCallForm, RollCallImportForm, VoteCorrectForm, parse_roll_call_csv

Quality = ResolutionQualityEvent.Kind
# The list's "later history" filter: what happened to a resolution after its adoption.
QUALITY_FILTERS = [
    ("amended", _lazy("Amended or replaced")),
    ("annulled", _lazy("Annulled")),
    ("suspended", _lazy("Suspended")),
    ("review_finding", _lazy("Reviewed, with findings")),
]
QUALITY_KINDS = {
    "amended": [Quality.AMENDED, Quality.REPLACED],
    "annulled": [Quality.ANNULLED],
    "suspended": [Quality.SUSPENDED],
    "review_finding": [Quality.REVIEW_FINDING],
}


class ResolutionViewSet(ReferenceViewSet):
    """A resolution's record pages; its vote, roll call and tasks are recorded from its page."""

    model = Resolution
    form_class = forms.ResolutionForm
    slug = "resolution"
    columns = ["symbol", "title", "kind", "adopted_on", "effective_on"]
    search_fields = ["symbol", "title"]
    filters = ["kind", "session", "field"]
    select_related = ["session", "field"]
    ordering = ["-year", "-number"]
    detail_template = "sessions/resolution_detail.html"

    def can_view(self, user, council):
        return is_member(user, council)

    create_service = staticmethod(services.resolution_create)

    def get_filter_form(self, request):
        form = super().get_filter_form(request)
        form.fields["quality"] = django_forms.ChoiceField(
            choices=[("", _("All")), *QUALITY_FILTERS],
            required=False,
            label=_("Later history"),
        )
        form.fields["quality"].widget.attrs["class"] = "form-select"
        return form

    def filtered(self, request):
        qs, filter_form = super().filtered(request)
        quality = filter_form.cleaned_data.get("quality") if filter_form.is_valid() else ""
        if quality:
            events = ResolutionQualityEvent.objects.filter(kind__in=QUALITY_KINDS[quality])
            qs = qs.filter(pk__in=events.values("resolution_id"))
        return qs, filter_form

    def get_detail_context(self, request, obj):
        record = selectors.resolution_record(obj)
        vote = record["vote"]
        manager = can_manage_records(request.user, request.council)
        initial_day = obj.adopted_on or (obj.session.end_date if obj.session_id else None)
        return {
            **super().get_detail_context(request, obj),
            **record,
            **selectors.resolution_quality(obj),
            "quality_form": forms.QualityEventForm(
                council=request.council, resolution=obj, auto_id="quality-%s"
            )
            if manager and obj.adopted_on
            else None,
            "correct_form": (
                VoteCorrectForm(
                    initial={"approve": vote.approve, "reject": vote.reject, "abstain": vote.abstain}
                )
                if manager and vote
                else None
            ),
            "vote_form": forms.VoteForm(initial={"voted_on": initial_day}) if manager else None,
            "task_form": forms.TaskForm(council=request.council) if manager else None,
        }


RESOLUTIONS = ResolutionViewSet()


def _act(request, pk, form, call):
    # Answered with a message and back to the page (tests/sessions pin the redirect of the vote).
    resolution = get_object_or_404(RESOLUTIONS.get_queryset(request).select_related("council"), pk=pk)
    run_form_action(request, form, lambda data: call(resolution, data), record=resolution)
    return redirect(RESOLUTIONS.url("detail", resolution.pk))


@require_POST
@role_required(can_manage_records)
def resolution_vote(request, pk):
    return _act(
        request,
        pk,
        forms.VoteForm(request.POST),
        lambda r, d: services.resolution_vote(r, actor=request.user, **d),
    )


@require_POST
@role_required(can_manage_records)
def resolution_task(request, pk):
    return _act(
        request,
        pk,
        forms.TaskForm(request.POST, council=request.council),
        lambda r, d: services.resolution_task_add(r, actor=request.user, **d),
    )


@require_POST
@role_required(can_manage_records)
def resolution_vote_correct(request, pk):
    resolution = get_object_or_404(RESOLUTIONS.get_queryset(request), pk=pk)
    vote = get_object_or_404(Vote, resolution=resolution)
    run_form_action(
        request,
        VoteCorrectForm(request.POST),
        lambda d: services.vote_correct(vote, actor=request.user, **d),
        success=_("The vote is corrected; the history keeps the earlier counts and the reason."),
        record=vote,
    )
    return redirect(RESOLUTIONS.url("detail", resolution.pk))


@require_POST
@role_required(can_manage_records)
def resolution_quality_add(request, pk):
    resolution = get_object_or_404(RESOLUTIONS.get_queryset(request), pk=pk)
    return form_action(
        request,
        forms.QualityEventForm(
            request.POST, council=request.council, resolution=resolution, auto_id="quality-%s"
        ),
        lambda d: services.resolution_quality_record(resolution, actor=request.user, **d),
        done=RESOLUTIONS.url("detail", resolution.pk) + "#quality",
        page=lambda form: RESOLUTIONS.render_detail(request, resolution, quality_form=form),
    )


def _quality_event(request, pk) -> ResolutionQualityEvent:
    return get_object_or_404(
        ResolutionQualityEvent.objects.filter(
            resolution__in=RESOLUTIONS.get_queryset(request)
        ).select_related("resolution"),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
@role_required(can_manage_records)
def resolution_quality_edit(request, pk):
    """Correct a recorded event (the history keeps what it said before), or remove it with a reason."""
    event = _quality_event(request, pk)
    resolution = event.resolution
    form = forms.QualityEventForm(
        request.POST or None, council=request.council, resolution=resolution, instance=event
    )
    if request.method == "POST" and form.is_valid():
        fresh = ResolutionQualityEvent.objects.get(pk=event.pk)
        try:
            saved = services.resolution_quality_update(fresh, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, saved_message(saved, form))
            return redirect(RESOLUTIONS.url("detail", resolution.pk) + "#quality")
    return render(
        request,
        "sessions/quality_event_form.html",
        {"form": form, "event": event, "resolution": resolution, "remove_form": forms.QualityRemoveForm()},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@role_required(can_manage_records)
def resolution_quality_remove(request, pk):
    event = _quality_event(request, pk)
    resolution = event.resolution
    if run_form_action(
        request,
        forms.QualityRemoveForm(request.POST),
        lambda d: services.resolution_quality_remove(event, actor=request.user, **d),
        success=_("Removed; the history keeps it."),
    ):
        return redirect(RESOLUTIONS.url("detail", resolution.pk) + "#quality")
    return redirect("sessions:resolution_quality_edit", event.pk)


# The key that enters each choice on the roll-call page (as on the voting system's console).
ROLL_CALL_KEYS = {"approve": "1", "reject": "2", "abstain": "3", "absent": "0"}


def _roll_call_rows(form, mandates, current):
    rows = []
    for mandate in mandates:
        bound = form[f"m{mandate.pk}"]
        value = bound.value() if form.is_bound else current.get(mandate.pk)
        rows.append({"mandate": mandate, "field": bound, "value": value or "", "errors": bound.errors})
    return rows


@require_http_methods(["GET", "POST"])
@role_required(is_member)
def resolution_roll_call(request, pk):
    """How each delegate in office voted: entered by keyboard (or from a CSV) by the Office, read by all."""
    resolution = get_object_or_404(RESOLUTIONS.get_queryset(request), pk=pk)
    vote = Vote.objects.filter(resolution=resolution).select_related("resolution").first()
    if vote is None:
        raise Http404
    manager = can_manage_records(request.user, request.council)
    if request.method == "POST":
        require(manager)
    mandates = services.mandates_in_office_at(vote)
    current = dict(vote.ballots.values_list("mandate_id", "choice"))
    form = RollCallForm(request.POST or None, mandates=mandates)
    import_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_roll_call(
                vote,
                actor=request.user,
                ballots=form.ballots(),
                correct_totals=form.cleaned_data["correct_totals"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The roll call is saved."))
            return redirect("sessions:resolution_roll_call", resolution.pk)
    return _render_roll_call(request, resolution, vote, form, mandates, current, manager, import_errors)


def _roll_call_changes(vote, mandates, limit: int = 50) -> list[dict]:
    """The latest saves of the roll call, newest first: when, by whom, why, and each delegate's new choice
    when a save changed a choice already entered (two queries at any size)."""
    names = {m.pk: m.delegate.full_name for m in mandates}
    labels = dict(DelegateVote.Choice.choices)
    saves: dict = {}
    rows = (
        DelegateVote.history.filter(vote_id=vote.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    for h in rows:
        key = (h.history_date.replace(microsecond=0), h.history_user_id, h.history_change_reason)
        save = saves.setdefault(
            key,
            {
                "date": h.history_date,
                "user": h.history_user,
                "reason": h.history_change_reason,
                "changed": [],
            },
        )
        if h.history_type == "~":
            save["changed"].append((names.get(h.mandate_id, "?"), labels.get(h.choice, h.choice)))
    return list(saves.values())


def _render_roll_call(
    request, resolution, vote, form, mandates, current, manager, import_errors, status=None
):
    counts = services.roll_call_counts(vote)
    context = {
        "object": resolution,
        "resolution": resolution,
        "vote": vote,
        "form": form,
        "rows": _roll_call_rows(form, mandates, current),
        "choices_keys": [
            (value, label, ROLL_CALL_KEYS[value]) for value, label in DelegateVote.Choice.choices
        ],
        "counts": counts,
        "manager": manager,
        "import_form": RollCallImportForm() if manager else None,
        "import_errors": import_errors,
        "recorded": {"approve": vote.approve, "reject": vote.reject, "abstain": vote.abstain},
        "changes": _roll_call_changes(vote, mandates),
    }
    if status is None:
        status = 400 if form.is_bound and (form.errors or import_errors) else 200
    return render(request, "sessions/roll_call.html", context, status=status)


@require_POST
@role_required(can_manage_records)
def resolution_roll_call_import(request, pk):
    """Enter the roll call from the voting system's CSV export: all lines valid and matching, or nothing."""
    resolution = get_object_or_404(RESOLUTIONS.get_queryset(request), pk=pk)
    vote = get_object_or_404(Vote, resolution=resolution)
    mandates = services.mandates_in_office_at(vote)
    current = dict(vote.ballots.values_list("mandate_id", "choice"))
    upload = RollCallImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if not upload.is_valid():
        errors = [str(e) for e in upload.errors.get("file", [_("Choose a CSV file.")])]
    else:
        parsed = parse_roll_call_csv(upload.cleaned_data["file"], mandates)
        errors = parsed.errors
        if not errors:
            try:
                services.vote_roll_call(
                    vote,
                    actor=request.user,
                    ballots=parsed.ballots,
                    reason=_("Roll call imported from %(name)s.")
                    % {"name": upload.cleaned_data["file"].name[:100]},
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("The roll call is imported and saved."))
                return redirect("sessions:resolution_roll_call", resolution.pk)
    form = RollCallForm(mandates=mandates)
    return _render_roll_call(request, resolution, vote, form, mandates, current, True, errors, status=400)
