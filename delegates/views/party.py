"""The Party delegation's pages: the delegation of a term with its members, assigned fields and reports (the
Office keeps it, the Standing Committee and the leadership read it), a member's own page, and the form a
member (or the Office for them) sends a field report with."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.forms.base import apply_errors
from council.models import Term
from council.permissions import can_manage_records, is_member, require, role_required
from council.views.actions import run_form_action

from .. import selectors
from ..forms.delegates import PositionEndForm
from ..forms.party import PartyAssignmentForm, PartyMemberForm, PartyReportForm
from ..models import PartyAssignment, PartyDelegationMember, PartyFieldReport
from ..permissions import (
    can_read_party_delegation,
    can_submit_party_report,
    get_party_member_for_user_or_404,
    party_assignments_visible_to,
)
from ..services import party as services


def _member_url(member_id: int) -> str:
    return reverse("delegates:party_member", args=[member_id])


def _term_url(term_id: int) -> str:
    return reverse("delegates:party_term", args=[term_id])


@role_required(can_read_party_delegation)
def party_delegation(request, pk=None):
    """A term's Party delegation (the current term's without ``pk``); three queries for the rows."""
    council = request.council
    if pk is not None:
        term = get_object_or_404(Term.objects.filter(council=council), pk=pk)
    else:
        term = selectors.current_term(council)
    today = timezone.localdate()
    return render(
        request,
        "delegates/party.html",
        {
            "term": term,
            "terms": Term.objects.filter(council=council).order_by("-start_date"),
            "rows": selectors.party_delegation_page(council, term, today) if term else [],
            "can_edit": can_manage_records(request.user, council),
            "today": today,
        },
    )


@role_required(is_member)
def party_mine(request):
    """The user's own seats in the Party delegation (none: said so), each linking to its page."""
    memberships = (
        PartyDelegationMember.objects.filter(council=request.council, delegate__user=request.user)
        .select_related("term", "delegate")
        .order_by("-start_date")
    )
    return render(request, "delegates/party_mine.html", {"memberships": memberships})


def _member_page(request, member: PartyDelegationMember, **bound):
    today = timezone.localdate()
    assignments = list(
        member.assignments.select_related("policy_field")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=PartyFieldReport.objects.select_related("submitted_by").order_by("-period_start"),
            )
        )
        .order_by("start_date", "pk")
    )
    rows = []
    for assignment in assignments:
        reports = list(assignment.reports.all())
        reported = {r.period for r in reports}
        missing = [p for p in selectors.party_periods_due(assignment, today) if p.code not in reported]
        rows.append((assignment, reports, missing))
    manager = can_manage_records(request.user, request.council)
    return render(
        request,
        "delegates/party_member.html",
        {
            "member": member,
            "rows": rows,
            "can_edit": manager,
            "reader": can_read_party_delegation(request.user, request.council),
            "can_report": manager or member.delegate.user_id == request.user.pk,
            "today": today,
            **bound,
        },
    )


def party_member(request, pk):
    """A member's page: their fields, reports and missing reports; for the readers and the member."""
    return _member_page(request, get_party_member_for_user_or_404(request.user, request.council, pk))


def _form_page(request, form, *, title: str, back: str):
    return render(request, "delegates/party_form.html", {"form": form, "title": title, "back": back})


def _save(request, form, call, *, title: str, back: str, done):
    """Validate the form, call the service, go to ``done(record)``; or show the form again with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            record = call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(object)s.") % {"object": record})
            return redirect(done(record))
    return _form_page(request, form, title=title, back=back)


def _managed_member(request, pk) -> PartyDelegationMember:
    return get_object_or_404(
        PartyDelegationMember.objects.filter(council=request.council).select_related("delegate", "term"),
        pk=pk,
    )


def _managed_assignment(request, pk) -> PartyAssignment:
    return get_object_or_404(
        PartyAssignment.objects.filter(council=request.council).select_related(
            "member__delegate", "member__term"
        ),
        pk=pk,
    )


@role_required(can_manage_records)
def party_member_add(request, pk):
    term = get_object_or_404(Term.objects.filter(council=request.council), pk=pk)
    form = PartyMemberForm(request.POST or None, council=request.council, term=term)
    return _save(
        request,
        form,
        lambda data: services.party_member_create(
            actor=request.user, council=request.council, term=term, **data
        ),
        title=_("Add a member of the Party delegation (%(term)s)") % {"term": term},
        back=_term_url(term.pk),
        done=lambda member: _term_url(term.pk),
    )


@role_required(can_manage_records)
def party_member_edit(request, pk):
    member = _managed_member(request, pk)
    form = PartyMemberForm(request.POST or None, council=request.council, term=member.term, instance=member)
    return _save(
        request,
        form,
        lambda data: services.party_member_update(_managed_member(request, pk), actor=request.user, **data),
        title=_("Edit %(object)s") % {"object": member},
        back=_member_url(member.pk),
        done=lambda saved: _member_url(saved.pk),
    )


@require_POST
@role_required(can_manage_records)
def party_member_end(request, pk):
    member = _managed_member(request, pk)
    run_form_action(
        request,
        PositionEndForm(request.POST),
        lambda data: services.party_member_end(member, actor=request.user, end_date=data["end_date"]),
        success=_("Membership ended: %(object)s.") % {"object": member},
    )
    return redirect(_member_url(member.pk))


@role_required(can_manage_records)
def party_assignment_add(request, pk):
    member = _managed_member(request, pk)
    form = PartyAssignmentForm(request.POST or None, council=request.council, member=member)
    return _save(
        request,
        form,
        lambda data: services.party_assignment_add(member, actor=request.user, **data),
        title=_("Assign a field to %(delegate)s") % {"delegate": member.delegate},
        back=_member_url(member.pk),
        done=lambda assignment: _member_url(member.pk),
    )


@role_required(can_manage_records)
def party_assignment_edit(request, pk):
    assignment = _managed_assignment(request, pk)
    form = PartyAssignmentForm(
        request.POST or None, council=request.council, member=assignment.member, instance=assignment
    )
    return _save(
        request,
        form,
        lambda data: services.party_assignment_update(
            _managed_assignment(request, pk), actor=request.user, **data
        ),
        title=_("Edit %(object)s") % {"object": assignment},
        back=_member_url(assignment.member_id),
        done=lambda saved: _member_url(saved.member_id),
    )


@require_POST
@role_required(can_manage_records)
def party_assignment_end(request, pk):
    assignment = _managed_assignment(request, pk)
    run_form_action(
        request,
        PositionEndForm(request.POST),
        lambda data: services.party_assignment_end(assignment, actor=request.user, end_date=data["end_date"]),
        success=_("Assignment ended: %(object)s.") % {"object": assignment},
    )
    return redirect(_member_url(assignment.member_id))


def party_report_submit(request, pk):
    """The member sends their report on a field for a period (the Office may enter it for them)."""
    assignment = get_object_or_404(
        party_assignments_visible_to(request.user, request.council).select_related(
            "member__delegate", "member__term"
        ),
        pk=pk,
    )
    require(can_submit_party_report(request.user, assignment))
    reported = list(assignment.reports.values_list("period", flat=True))
    form = PartyReportForm(
        request.POST or None, request.FILES or None, assignment=assignment, reported=reported
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.party_report_submit(
                assignment,
                actor=request.user,
                period=data["period"],
                summary=data["summary"],
                upload=data.get("upload"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Report submitted."))
            return redirect(_member_url(assignment.member_id))
    return render(
        request,
        "delegates/party_report_form.html",
        {"form": form, "assignment": assignment, "member": assignment.member},
    )


@file_of(
    "delegates.PartyFieldReport",
    "delegates:party_member",
    page_kwargs=lambda report: {"pk": report.assignment.member_id},
)
def party_report_file(request, pk):
    report = get_object_or_404(
        PartyFieldReport.objects.filter(
            assignment__in=party_assignments_visible_to(request.user, request.council)
        ).exclude(path=""),
        pk=pk,
    )
    return record_file_response(report)
