"""The workbook import pages: upload, then a job page that polls its progress (htmx), shows the preview
with the confirm button, then the progress of the write and its result. The work runs as tasks
(voters/import_jobs.py); these views only start jobs and read them. Two kinds: the petition workbook, and
a meeting's opinions from its minutes' table (from the meeting's page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from council.downloads import download_response
from council.models import BackgroundJob
from council.permissions import can_manage_records, role_required

from .. import forms, import_jobs
from ..intake import opinions
from ..intake import petitions as spreadsheets
from ..intake.cells import MAX_ROWS
from ..intake.messages import render as render_message
from ..models import VoterMeeting

OPINION_IMPORT = BackgroundJob.Kind.OPINION_IMPORT

RECENT_JOBS = 5


@role_required(can_manage_records)
def petition_import(request):
    """Choose a workbook in the export's layout; its check runs as a task and the job page shows it."""
    posted = request.method == "POST"
    form = forms.ImportForm(request.POST, request.FILES) if posted else forms.ImportForm()
    form.fields["file"].help_text = _(
        "The columns of the export, in the same order; at most %(max)s rows."
    ) % {"max": _max_rows()}
    errors = []
    if posted and form.is_valid():
        try:
            job = import_jobs.import_start(
                council=request.council, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("voters:petition_import_job", pk=job.pk)
    recent = import_jobs.jobs_visible_to(request.council).select_related("created_by")[:RECENT_JOBS]
    return render(
        request,
        "voters/petition_import.html",
        {
            "form": form,
            "errors": errors,
            "columns": spreadsheets.COLUMNS,
            "recent": [import_jobs.sweep_job(job) for job in recent],
        },
    )


def _max_rows() -> str:
    """The row limit in the reader's number format (10.000 in Vietnamese, 10,000 in English)."""
    return number_format(MAX_ROWS, force_grouping=True)


def _job(request, pk: int) -> BackgroundJob:
    job = get_object_or_404(import_jobs.jobs_visible_to(request.council), pk=pk)
    return import_jobs.sweep_job(job)


def _shown(result: dict) -> dict:
    """The stored preview with its messages (row errors, notes) in the reader's language."""
    rows = [
        {
            **row,
            "notes": [render_message(n) for n in row.get("notes") or []],
            "diffs": [[render_message(label), *rest] for label, *rest in row.get("diffs") or []],
        }
        for row in result.get("rows") or []
    ]
    return {**result, "rows": rows, "errors": [render_message(e) for e in result.get("errors") or []]}


def _context(job: BackgroundJob, *, status_url: str, confirm_url: str, restart_url: str) -> dict:
    """The import panel's context (``components/import_job.html``): the job, what its result shows, and
    where the panel polls, confirms and starts again."""
    result = _shown(job.result or {})
    return {
        "job": job,
        "status_url": status_url,
        "confirm_url": confirm_url,
        "restart_url": restart_url,
        "preview": result if job.phase == BackgroundJob.Phase.CHECK and job.state == "done" else None,
        "errors": result["errors"],
        "imported": result.get("imported") if job.phase == BackgroundJob.Phase.APPLY else None,
    }


def _petition_context(job: BackgroundJob) -> dict:
    return _context(
        job,
        status_url=reverse("voters:petition_import_job_status", args=[job.pk]),
        confirm_url=reverse("voters:petition_import_job", args=[job.pk]),
        restart_url=reverse("voters:petition_import"),
    )


@role_required(can_manage_records)
def petition_import_job(request, pk: int):
    """The job's page: progress while it runs, then the preview and its confirmation, then the result."""
    job = _job(request, pk)
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                import_jobs.import_cancel(job, actor=request.user)
                messages.info(request, _("The import was cancelled; nothing was written."))
                return redirect("voters:petition_import")
            import_jobs.import_confirm(job, actor=request.user, digest=request.POST.get("digest", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("voters:petition_import_job", pk=job.pk)
    return render(request, "voters/petition_import_job.html", _petition_context(job))


@role_required(can_manage_records)
def petition_import_job_status(request, pk: int):
    """The part of the job's page that htmx polls every second while the job runs."""
    job = _job(request, pk)
    return render(request, "voters/_petition_import_job.html", _petition_context(job))


# --- A meeting's opinions from its minutes' table ----------------------------------------------------------


def _meeting(request, pk: int) -> VoterMeeting:
    """The council's meeting (another council's meeting is missing: 404); its pages are the Office's."""
    return get_object_or_404(
        VoterMeeting.objects.filter(council=request.council).select_related("place"), pk=pk
    )


def _meeting_jobs(request, meeting: VoterMeeting):
    return import_jobs.jobs_visible_to(request.council, OPINION_IMPORT).filter(params__meeting=meeting.pk)


@role_required(can_manage_records)
def meeting_opinion_import(request, pk: int):
    """Choose the meeting's minutes table; its check runs as a task and the job page shows it."""
    meeting = _meeting(request, pk)
    posted = request.method == "POST"
    form = forms.ImportForm(request.POST, request.FILES) if posted else forms.ImportForm()
    form.fields["file"].help_text = _("The minutes' table of opinions; at most %(max)s rows.") % {
        "max": _max_rows()
    }
    errors = []
    if posted and form.is_valid():
        try:
            job = import_jobs.import_start(
                council=request.council,
                actor=request.user,
                upload=form.cleaned_data["file"],
                kind=OPINION_IMPORT,
                params={"meeting": meeting.pk},
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("voters:meeting_opinion_import_job", pk=meeting.pk, job=job.pk)
    recent = _meeting_jobs(request, meeting).select_related("created_by")[:RECENT_JOBS]
    return render(
        request,
        "voters/opinion_import.html",
        {
            "meeting": meeting,
            "form": form,
            "errors": errors,
            "columns": [_(header) for _key, header, _variants in opinions.COLUMNS],
            "recent": [import_jobs.sweep_job(job) for job in recent],
        },
    )


@role_required(can_manage_records)
def meeting_opinion_template(request, pk: int):
    """The empty minutes table for this meeting, in the layout the import reads."""
    meeting = _meeting(request, pk)
    return download_response(opinions.template_xlsx(meeting), f"y-kien-cu-tri-{meeting.pk}.xlsx")


def _opinion_job(request, pk: int, job: int) -> tuple[VoterMeeting, BackgroundJob]:
    meeting = _meeting(request, pk)
    found = get_object_or_404(_meeting_jobs(request, meeting), pk=job)
    return meeting, import_jobs.sweep_job(found)


def _opinion_context(meeting: VoterMeeting, job: BackgroundJob) -> dict:
    urls = {
        "status_url": reverse("voters:meeting_opinion_import_job_status", args=[meeting.pk, job.pk]),
        "confirm_url": reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk]),
        "restart_url": reverse("voters:meeting_opinion_import", args=[meeting.pk]),
    }
    return {"meeting": meeting, **_context(job, **urls)}


@role_required(can_manage_records)
def meeting_opinion_import_job(request, pk: int, job: int):
    """The job's page: progress while it runs, then the preview and its confirmation, then the result."""
    meeting, job = _opinion_job(request, pk, job)
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                import_jobs.import_cancel(job, actor=request.user)
                messages.info(request, _("The import was cancelled; nothing was written."))
                return redirect("voters:meeting_opinion_import", pk=meeting.pk)
            import_jobs.import_confirm(job, actor=request.user, digest=request.POST.get("digest", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("voters:meeting_opinion_import_job", pk=meeting.pk, job=job.pk)
    return render(request, "voters/opinion_import_job.html", _opinion_context(meeting, job))


@role_required(can_manage_records)
def meeting_opinion_import_job_status(request, pk: int, job: int):
    """The part of the job's page that htmx polls every second while the job runs."""
    meeting, job = _opinion_job(request, pk, job)
    return render(request, "voters/_opinion_import_job.html", _opinion_context(meeting, job))
