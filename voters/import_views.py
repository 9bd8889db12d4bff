"""The petition workbook import pages: upload, then a job page that polls its progress (htmx), shows the
preview with the confirm button, then the progress of the write and its result. The work runs as tasks
(voters/import_jobs.py); these views only start jobs and read them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from council.models import BackgroundJob
from council.permissions import can_manage_records
from council.views.actions import require

from . import forms, import_jobs, spreadsheets

RECENT_JOBS = 5


def petition_import(request):
    """Choose a workbook in the export's layout; its check runs as a task and the job page shows it."""
    require(can_manage_records(request.user, request.council))
    form = forms.ImportForm()
    errors = []
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_jobs.import_start(
                    council=request.council, actor=request.user, upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                errors = error.messages
            else:
                return redirect("petition_import_job", pk=job.pk)
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


def _job(request, pk: int) -> BackgroundJob:
    require(can_manage_records(request.user, request.council))
    job = get_object_or_404(import_jobs.jobs_visible_to(request.council), pk=pk)
    return import_jobs.sweep_job(job)


def _context(job: BackgroundJob) -> dict:
    result = job.result or {}
    return {
        "job": job,
        "preview": result if job.phase == BackgroundJob.Phase.CHECK and job.state == "done" else None,
        "errors": result.get("errors") or [],
        "imported": result.get("imported") if job.phase == BackgroundJob.Phase.APPLY else None,
    }


def petition_import_job(request, pk: int):
    """The job's page: progress while it runs, then the preview and its confirmation, then the result."""
    job = _job(request, pk)
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                import_jobs.import_cancel(job, actor=request.user)
                messages.info(request, _("The import was cancelled; nothing was written."))
                return redirect("petition_import")
            import_jobs.import_confirm(job, actor=request.user, digest=request.POST.get("digest", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("petition_import_job", pk=job.pk)
    return render(request, "voters/petition_import_job.html", _context(job))


def petition_import_job_status(request, pk: int):
    """The part of the job's page that htmx polls every second while the job runs."""
    job = _job(request, pk)
    return render(request, "voters/_petition_import_job.html", _context(job))
