"""The Office's follow-up pages and the agency portal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council import selectors, services
from council.changes import recorded_message, snapshot
from council.downloads import download_response, file_of, record_file_response
from council.exports import followups_xlsx
from council.followup_workflow import FOLLOWUP_WORKFLOW
from council.forms import followups as forms
from council.forms.base import apply_errors, name_forms
from council.models import Attachment, FollowUp, Milestone
from council.params import ids_param, paginate
from council.permissions import (
    can_answer,
    can_manage_followups,
    can_read_followups,
    can_see_internal,
    can_use_agency_portal,
    followups_visible_to,
    get_followup_for_user_or_404,
    require,
    role_required,
)
from council.views.actions import error_text, form_errors_text
from council.xlsx import EXPORT_MAX_ROWS


@role_required(can_read_followups)
def followup_list(request):
    council = request.council
    today = timezone.localdate()
    form = forms.FollowUpFilterForm(request.GET, council=council)
    form.is_valid()  # an invalid filter is shown with its message; the valid ones still apply
    filters = form.cleaned_data
    qs = selectors.followup_filter(FollowUp.objects.filter(council=council), council, filters, today)
    if request.GET.get("format") == "xlsx":
        rows = selectors.followup_rows(qs)[: EXPORT_MAX_ROWS + 1]  # the writer says when it cut
        return download_response(
            followups_xlsx(rows, council=council, today=today), f"theo-doi-{today:%Y%m%d}.xlsx"
        )
    page = paginate(request, selectors.followup_rows(qs))
    context = {
        "form": form,
        "page": page,
        "today": today,
        "counts": selectors.counts_by_agency(qs, today),
        "can_manage": can_manage_followups(request.user, council),
        "remind_form": forms.RemindForm(),
        "export_query": _with(request.GET, format="xlsx"),
    }
    if request.htmx and request.htmx.target == "followup-results":
        return render(request, "council/followups/_results.html", context)
    return render(request, "council/followups/list.html", context)


def _with(params, **changes) -> str:
    copy = params.copy()
    copy.pop("page", None)
    for key, value in changes.items():
        copy[key] = value
    return copy.urlencode()


@require_POST
@role_required(can_manage_followups)
def followup_remind(request):
    ids = ids_param(request, "selected")
    chosen = list(FollowUp.objects.filter(council=request.council, pk__in=ids))
    form = forms.RemindForm(request.POST)
    # The list's ticked rows and a note: no form of its own on the page, so the outcome is a message.
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            count = services.followups_remind(chosen, actor=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, error_text(error, form))
        else:
            messages.success(request, _("Reminders queued for %(count)s item(s).") % {"count": count})
    return redirect(f"{reverse('council:followup_list')}?{request.POST.get('query', '')}")


@role_required(can_manage_followups)
def followup_create(request):
    form = forms.FollowUpForm(request.POST or None, council=request.council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            followup = services.followup_open(
                actor=request.user,
                council=request.council,
                agency=data["agency"],
                title=data["title"],
                description=data["description"],
                assigned_date=data["assigned_date"],
                rule=data["rule"],
                due_date=data["due_date"],
                override_reason=data["due_date_override_reason"],
                field=data["field"],
                coordinating_agencies=data["coordinating_agencies"],
                report_to_leadership=data["report_to_leadership"],
                reference=data["reference"],
                internal_note=data["internal_note"],
            )
        except ValidationError as error:
            # The service names the override reason after its argument; the form after the model field.
            apply_errors(form, error, rename={"override_reason": "due_date_override_reason"})
        else:
            messages.success(
                request, _("Follow-up opened, due %(date)s.") % {"date": f"{followup.due_date:%d/%m/%Y}"}
            )
            return redirect("council:followup_detail", followup.pk)
    return render(request, "council/followups/form.html", {"form": form})


@role_required(can_read_followups)
def followup_detail(request, pk):
    followup = get_followup_for_user_or_404(request.user, request.council, pk)
    return render(request, "council/followups/detail.html", _detail_context(request, followup))


def _detail_context(request, followup, **forms_with_errors) -> dict:
    today = timezone.localdate()
    internal = can_see_internal(request.user, request.council)
    context = {
        "followup": followup,
        "today": today,
        "timeline": selectors.followup_timeline(followup, internal=internal),
        "attachments": list(followup.attachments.select_related("uploaded_by")),
        "milestones": list(followup.milestones.all()),
        "coordinating": list(followup.coordinating_agencies.all()),
        "next_step": services.next_escalation(followup, today),
        "can_manage": can_manage_followups(request.user, request.council),
        "internal": internal,
    }
    # The forms of what this user may do to the item now (council/followup_workflow.py), each under its
    # own key (so its fields get ids of their own) and listed with its transition for the page's loop.
    listed = [t for t in FOLLOWUP_WORKFLOW.available(request.user, followup) if t.listed]
    context.update({f"{t.name}_form": t.build_form(followup, request.council) for t in listed})
    context.update(forms_with_errors)
    context["actions"] = [(t, context[f"{t.name}_form"]) for t in listed]
    return name_forms(context)


@require_POST
@role_required(can_manage_followups)
def followup_action(request, pk, action):
    """Every Office action on a follow-up (council/followup_workflow.py): validate its form, call its
    service, show the page again."""
    followup = get_followup_for_user_or_404(request.user, request.council, pk)
    if action not in FOLLOWUP_WORKFLOW:
        raise Http404
    transition = FOLLOWUP_WORKFLOW[action]
    require(transition.permission(request.user, followup))
    form = transition.build_form(followup, request.council, data=request.POST, files=request.FILES)
    if form.is_valid():
        before = snapshot(followup)
        try:
            FOLLOWUP_WORKFLOW.run(action, request.user, followup, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            followup.refresh_from_db()
            messages.success(request, recorded_message(before, followup))
            return redirect("council:followup_detail", followup.pk)
    followup.refresh_from_db()
    if not any(t.name == action and t.listed for t in FOLLOWUP_WORKFLOW.available(request.user, followup)):
        # The item changed meanwhile and the page no longer shows this form: say what was refused above it.
        messages.error(request, form_errors_text(form))
    return render(
        request,
        "council/followups/detail.html",
        _detail_context(request, followup, **{f"{action}_form": form}),
    )


@require_POST
@role_required(can_manage_followups)
def milestone_mark_done(request, pk):
    milestone = get_object_or_404(Milestone.objects.filter(followup__council=request.council), pk=pk)
    try:
        services.milestone_done(milestone, actor=request.user, done_on=timezone.localdate())
    except ValidationError as error:  # a button: the outcome is a message
        messages.error(request, error_text(error))
    return redirect("council:followup_detail", milestone.followup_id)


@file_of(
    "council.Attachment",
    "council:followup_detail",
    "council:agency_item",
    page_kwargs=lambda a: {"pk": a.followup_id},
)
def attachment_download(request, pk):
    """Serve a file only to someone who may see its follow-up and its evidence (council/personal_data.py:
    leadership readers read the follow-up but never the files, which name the citizens concerned)."""
    attachment = get_object_or_404(
        Attachment.objects.filter(
            followup__in=followups_visible_to(request.user, request.council).values("pk")
        ).select_related("followup"),
        pk=pk,
    )
    return record_file_response(attachment)


# --- The agency portal ----------------------------------------------------------------------------------


@role_required(can_use_agency_portal)
def agency_home(request):
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    qs = followups_visible_to(request.user, request.council)
    qs = qs.closed() if show == "closed" else qs.open()
    page = paginate(request, qs.select_related("agency", "field").order_by("due_date", "pk"))
    return render(request, "council/agency/home.html", {"page": page, "today": today, "show": show})


@role_required(can_use_agency_portal)
def agency_item(request, pk):
    followup = get_followup_for_user_or_404(request.user, request.council, pk)
    form = forms.AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_answer(request.user, followup):
            raise Http404  # a co-ordinating agency reads, the responsible agency answers
        if form.is_valid():
            try:
                # The form's fields are the service's arguments (status, text, progress, explanation, files).
                services.followup_answer(followup, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
                followup.refresh_from_db()
                if not followup.is_open:  # closed meanwhile: the page shows no answer form to put it on
                    messages.error(request, form_errors_text(form))
            else:
                messages.success(request, _("Your answer was sent to the council's Office."))
                return redirect("council:agency_item", followup.pk)
    context = {
        "followup": followup,
        "today": timezone.localdate(),
        "form": form,
        "timeline": selectors.followup_timeline(followup, internal=False),
        "attachments": list(followup.attachments.select_related("uploaded_by")),
        "milestones": list(followup.milestones.all()),
        "can_answer": can_answer(request.user, followup) and followup.is_open,
    }
    return render(request, "council/agency/item.html", context)
