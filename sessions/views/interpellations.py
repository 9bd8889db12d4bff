"""Interpellation slips: delegates write their own, the Office runs the dossier to its conclusion."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.forms.base import apply_errors
from council.models import FollowUp
from council.params import id_param, paginate
from council.permissions import can_manage_records, is_member, require, role_required
from council.views.actions import run_form_action
from delegates.models import Mandate
from delegates.selectors import current_term

from .. import forms, services
from ..models import Interpellation, InterpellationAnswer
from ..permissions import (
    can_ask_with,
    get_interpellation_for_user_or_404,
    interpellations_visible_to,
)
from ..workflows import INTERPELLATION_WORKFLOW


@role_required(is_member)
def interpellation_list(request):
    qs = (
        interpellations_visible_to(request.user, request.council)
        .select_related("session", "agency")
        .prefetch_related("askers__delegate")
    )
    state = request.GET.get("state", "")
    if state in Interpellation.State.values:
        qs = qs.filter(state=state)
    if request.GET.get("mine") and not can_manage_records(request.user, request.council):
        qs = qs.filter(askers__delegate__user=request.user).distinct()
    page = paginate(request, qs)
    return render(
        request,
        "sessions/interpellation_list.html",
        {"page": page, "states": Interpellation.State.choices, "state": state},
    )


def _own_mandate(request, term):
    return (
        Mandate.objects.filter(council=request.council, term=term, delegate__user=request.user)
        .select_related("delegate")
        .first()
    )


@role_required(is_member)
def interpellation_create(request):
    """A delegate writes a slip (they are among the askers); the Office may write one for any delegates."""
    term = current_term(request.council)
    manager = can_manage_records(request.user, request.council)
    mandate = _own_mandate(request, term) if term else None
    require(term is not None and (manager or can_ask_with(request.user, mandate)))
    initial = {"askers": [mandate.pk]} if mandate and not manager else {}
    source = _followup_to_interpellate(request) if manager else None
    if source is not None:
        initial.update(
            agency=source.agency_id,
            respondent_title=source.agency.head_title,
            topic=source.title[:200],
            field=source.field_id,
            question=_("Why is “%(title)s” still not done, %(days)s days after its due date of %(due)s?")
            % {
                "title": source.title,
                "days": max((timezone.localdate() - source.due_date).days, 0),
                "due": f"{source.due_date:%d/%m/%Y}",
            },
        )
    form = forms.InterpellationForm(request.POST or None, council=request.council, term=term, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        askers = list(data.pop("askers"))
        if not manager and mandate not in askers:
            form.add_error("askers", _("You must be among the delegates who ask."))
        else:
            try:
                slip = services.interpellation_draft(
                    actor=request.user,
                    council=request.council,
                    term=term,
                    askers=askers,
                    from_followup=source,
                    **data,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("The interpellation slip is saved as a draft; submit it when ready.")
                )
                return redirect("sessions:interpellation_detail", slip.pk)
    return render(request, "sessions/interpellation_form.html", {"form": form, "source": source})


def _followup_to_interpellate(request) -> FollowUp | None:
    """The follow-up named by a "schedule an interpellation" link (kept in the URL the form posts to)."""
    pk = id_param(request, "from_followup")
    if pk is None:
        return None
    return FollowUp.objects.filter(council=request.council, pk=pk).select_related("agency").first()


@role_required(is_member)
def interpellation_detail(request, pk):
    slip = get_interpellation_for_user_or_404(request.user, request.council, pk)
    commitments = list(slip.commitments.all())
    followups = FollowUp.objects.by_source(commitments)
    answers = list(slip.answers.all())
    context = {
        "slip": slip,
        "answers": answers,
        "answer_pending": slip.awaiting_written_answer,
        # A written answer that came after its due date is shown as late by so many days.
        "first_answer_on": min((a.answered_on for a in answers), default=None),
        "commitments": [(c, followups.get(c.pk)) for c in commitments],
        # The forms of the transitions this user may run now (sessions/workflows.py), each with its title.
        "actions": INTERPELLATION_WORKFLOW.forms(request.user, slip, request.council),
    }
    return render(request, "sessions/interpellation_detail.html", context)


@require_POST
@role_required(is_member)
def interpellation_action(request, pk, action):
    """Run one transition of the slip's workflow (``sessions/workflows.py``) from its page's form."""
    slip = get_object_or_404(Interpellation.objects.filter(council=request.council), pk=pk)
    if action not in INTERPELLATION_WORKFLOW:
        raise Http404
    transition = INTERPELLATION_WORKFLOW[action]
    require(transition.permission(request.user, slip))
    form = transition.build_form(slip, request.council, data=request.POST, files=request.FILES)
    # Answered with a message and back to the page (tests/sessions pin the redirect).
    run_form_action(request, form, lambda data: INTERPELLATION_WORKFLOW.run(action, request.user, slip, data))
    return redirect("sessions:interpellation_detail", slip.pk)


@file_of(
    "council_sessions.InterpellationAnswer",
    "sessions:interpellation_detail",
    page_kwargs=lambda a: {"pk": a.interpellation_id},
)
def answer_file(request, pk):
    """Serve the file of a written answer to who may open its interpellation."""
    answer = get_object_or_404(
        InterpellationAnswer.objects.filter(
            interpellation__in=interpellations_visible_to(request.user, request.council).values("pk")
        ).exclude(path=""),
        pk=pk,
    )
    return record_file_response(answer)
