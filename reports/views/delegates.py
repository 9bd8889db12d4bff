"""Pages that read a delegate's or a group's work across the apps: the group's activity and the yearly
evaluation, which rests on the facts the app holds (shown beside the form, each with how it is counted)."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.models import Term
from council.params import year_or_404, year_param
from council.permissions import can_read_overview, require, role_required
from council.views.actions import form_action, run_form_action
from delegates import services as delegate_services
from delegates.forms.work import GroupMeetingForm, RatingForm
from delegates.models import (
    Assessor,
    DelegateEvaluation,
    DelegateGroup,
    EvaluationCriterion,
    EvaluationScore,
    Mandate,
)
from delegates.permissions import (
    assessors_for,
    can_assess,
    can_read_group_work,
    can_read_mandate_work,
    can_record_group_work,
)
from delegates.selectors import current_term
from sessions.models import Session
from sessions.selectors import session_t2
from voters.models import Petition, VoterMeeting

from ..selectors import delegate_year, mandate_window

# --- A delegate group's activity -----------------------------------------------------------------------


def _group(request, pk) -> tuple[DelegateGroup, bool]:
    group = get_object_or_404(
        DelegateGroup.objects.filter(council=request.council).select_related("term"), pk=pk
    )
    require(can_read_group_work(request.user, group))
    return group, can_record_group_work(request.user, group)


def group_activity(request, pk):
    group, can_record = _group(request, pk)
    return _group_page(request, group, can_record)


def _group_page(request, group, can_record: bool, meeting_form=None):
    """The group's page; ``meeting_form``: a meeting sent from it and refused, shown again with its errors."""
    memberships = list(
        group.memberships.select_related("mandate__delegate").order_by(
            "-end_date", "role", "mandate__delegate__name_folded"
        )
    )
    mandate_ids = {m.mandate_id for m in memberships}
    voter_meetings = list(
        VoterMeeting.objects.filter(delegates__in=mandate_ids)
        .distinct()
        .select_related("place")
        .order_by("-date")[:30]
    )
    petitions = list(
        Petition.objects.filter(opinions__meeting__in=[m.pk for m in voter_meetings])
        .distinct()
        .select_related("agency")
        .order_by("-received_on")[:30]
    )
    t2 = []
    for session in Session.objects.filter(term=group.term, start_date__lte=timezone.localdate()).order_by(
        "start_date"
    ):
        row = next((r for r in session_t2(session).groups if r.group.pk == group.pk), None)
        if row is not None:
            t2.append((session, row))
    return render(
        request,
        "reports/group_activity.html",
        {
            "group": group,
            "memberships": memberships,
            "group_meetings": list(group.meetings.prefetch_related("attendees__delegate")),
            "voter_meetings": voter_meetings,
            "petitions": petitions,
            "t2": t2,
            "meeting_form": meeting_form
            if meeting_form is not None
            else (GroupMeetingForm(council=request.council, group=group) if can_record else None),
        },
    )


@require_POST
def group_meeting_add(request, pk):
    group, can_record = _group(request, pk)
    require(can_record)
    form = GroupMeetingForm(request.POST, council=request.council, group=group)

    def call(data):
        data = dict(data)
        attendees = data.pop("attendees")
        delegate_services.group_meeting_create(group, actor=request.user, attendees=attendees, **data)

    return form_action(
        request,
        form,
        call,
        done=reverse("reports:group_activity", args=[group.pk]),
        page=lambda bound: _group_page(request, group, can_record, meeting_form=bound),
    )


# --- The yearly evaluation -----------------------------------------------------------------------------


def _covers(window) -> bool:
    start, end = window
    return start <= end


@role_required(can_read_overview)
def evaluations(request):
    """Who has been evaluated for the year, and by whom: by name, never ranked by counts."""
    year = year_param(request)
    terms = list(Term.objects.filter(council=request.council).order_by("-start_date"))
    chosen = request.GET.get("term", "")
    term = next((t for t in terms if str(t.pk) == chosen), None) or current_term(request.council)
    mandates = [
        m
        for m in Mandate.objects.filter(council=request.council, term=term)
        .select_related("delegate", "term")
        .order_by("delegate__name_folded")
        if _covers(mandate_window(m, year))
    ]
    done = {e.mandate_id: e for e in DelegateEvaluation.objects.filter(mandate__in=mandates, year=year)}
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/evaluations.html",
        {
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "terms": terms,
            "term": term,
            "rows": [(m, done.get(m.pk)) for m in mandates],
        },
    )


def _evaluation_mandate(request, pk) -> Mandate:
    mandate = get_object_or_404(
        Mandate.objects.filter(council=request.council).select_related("delegate", "term"), pk=pk
    )
    require(can_read_mandate_work(request.user, mandate))
    return mandate


def _evaluation_year(mandate: Mandate, year) -> int:
    """The year of the path, if the mandate covers part of it so far; 404 otherwise (0, 99999999, 2001)."""
    year = year_or_404(year)
    if not _covers(mandate_window(mandate, year)):
        raise Http404(_("The mandate does not cover %(year)s.") % {"year": year})
    return year


def evaluation_detail(request, pk, year):
    mandate = _evaluation_mandate(request, pk)
    year = _evaluation_year(mandate, year)
    (start, end), facts = delegate_year(mandate, year)
    evaluation = DelegateEvaluation.objects.filter(mandate=mandate, year=year).first()
    criteria = list(EvaluationCriterion.objects.filter(council=request.council, is_active=True))
    scores: dict = {}
    if evaluation is not None:
        for s in EvaluationScore.objects.filter(evaluation=evaluation):
            scores.setdefault(s.criterion_id, {})[s.by] = s.points
    parties = assessors_for(request.user, mandate)
    rating_forms = []
    for party in parties:
        initial = {}
        if evaluation is not None:
            rating_field, comment_field = delegate_services.RATING_FIELDS[party]
            initial = {
                "rating": getattr(evaluation, rating_field),
                "comment": getattr(evaluation, comment_field),
            }
            initial.update({f"c{cid}": by.get(party) for cid, by in scores.items()})
        rating_forms.append(
            (
                party,
                Assessor(party).label,
                RatingForm(criteria=criteria, initial=initial, prefix=party),
            )
        )
    return render(
        request,
        "reports/evaluation_detail.html",
        {
            "mandate": mandate,
            "year": year,
            "start": start,
            "end": end,
            "facts": facts,
            "evaluation": evaluation,
            "criteria": [(c, scores.get(c.pk, {})) for c in criteria],
            "rating_forms": rating_forms,
            "assessors": Assessor,
        },
    )


@require_POST
def evaluation_rate(request, pk, year, by):
    mandate = _evaluation_mandate(request, pk)
    year = _evaluation_year(mandate, year)
    require(can_assess(request.user, mandate, by))
    criteria = EvaluationCriterion.objects.filter(council=request.council, is_active=True)
    form = RatingForm(request.POST, criteria=criteria, prefix=by)

    @transaction.atomic
    def call(data):
        evaluation = DelegateEvaluation.objects.filter(mandate=mandate, year=year).first()
        if evaluation is None:
            evaluation = delegate_services.evaluation_open(mandate, actor=request.user, year=year)
        delegate_services.evaluation_rate(
            evaluation,
            actor=request.user,
            by=by,
            rating=data["rating"],
            comment=data["comment"],
            scores=form.scores(),
        )

    run_form_action(request, form, call)
    return redirect("reports:evaluation_detail", mandate.pk, year)
