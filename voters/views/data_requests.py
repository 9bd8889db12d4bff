"""The Office's pages for a person's requests about their personal data: the list with the legal deadlines,
recording a request, the request's page (everything held about the person, the export, correcting, erasing
where the law allows, closing with the outcome). Office staff and administrators only; another council's
request is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from council.downloads import download_response
from council.forms.base import apply_errors
from council.params import paginate
from council.permissions import can_manage_records, role_required
from council.xlsx import Column, table_xlsx

from .. import services
from ..forms import DataRequestCloseForm, DataRequestCorrectForm, DataRequestForm
from ..models import DataSubjectRequest, Petition


@role_required(can_manage_records)
def data_requests(request):
    form = DataRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.data_request_open(
                council=request.council, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(created)
    rows = DataSubjectRequest.objects.filter(council=request.council).order_by("state", "due_on", "-pk")
    return render(request, "voters/data_requests.html", {"form": form, "page": paginate(request, rows)})


def _request_or_404(request, pk) -> DataSubjectRequest:
    return get_object_or_404(DataSubjectRequest.objects.filter(council=request.council), pk=pk)


@role_required(can_manage_records)
def data_request_detail(request, pk):
    subject = _request_or_404(request, pk)
    close_form = DataRequestCloseForm(request.POST if request.POST.get("action") == "close" else None)
    correct_form = DataRequestCorrectForm(request.POST if request.POST.get("action") == "correct" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        form = {"close": close_form, "correct": correct_form}.get(action or "")
        try:
            if action == "erase":
                services.data_request_erase(subject, actor=request.user)
            elif form is None:
                raise ValidationError(_("Choose an action."))
            elif form.is_valid():
                act = services.data_request_close if action == "close" else services.data_request_correct
                act(subject, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if form is None:  # a button without a form: the message, back to the page
                messages.error(request, " ".join(error.messages))
                return redirect(subject)
            apply_errors(form, error)
        if form is None or not form.errors:
            messages.success(request, _("The request is closed."))
            return redirect(subject)
    held = services.data_request_records(subject, request.redactor)
    return render(
        request,
        "voters/data_request_detail.html",
        {
            "object": subject,
            "held": held,
            "rows": [(record, held.kept(record)) for record in held.records],
            "close_form": close_form,
            "correct_form": correct_form,
        },
    )


@role_required(can_manage_records)
def data_request_export(request, pk):
    """Everything held about the person, as a workbook to give them (logged as an export)."""
    subject = _request_or_404(request, pk)
    held = services.data_request_records(subject, request.redactor)
    viewer = request.redactor
    columns = [
        Column(_("Record held")),
        Column(_("Received on")),
        Column(_("Name")),
        Column(_("Phone")),
        Column(_("E-mail")),
        Column(_("Address")),
        Column(_("Content"), 60, wrap=True),
        Column(_("State")),
        Column(_("Consent given at")),
    ]

    def row(record):
        if isinstance(record, Petition):
            names = ("contact_name", "contact_phone", "contact_email", "contact_address")
            return [
                f"{_('Petition')} {record.code}",
                record.received_on,
                *(viewer.value(record, n) for n in names),
                f"{record.title}\n{record.text}",
                record.get_state_display(),
                record.consent_at,  # a date and time cell (council.xlsx shows it in local time, day-first)
            ]
        return [
            str(record),
            record.received_on,
            viewer.value(record, "sender_name"),
            viewer.value(record, "sender_phone"),
            "",
            viewer.value(record, "sender_address"),
            viewer.value(record, "summary"),
            record.get_state_display(),
            "",
        ]

    content = table_xlsx(
        sheet=_("Personal data"),
        columns=columns,
        rows=[row(r) for r in held.records],
        title=[str(request.council), str(subject), subject.identifier],
    )
    return download_response(content, f"du-lieu-ca-nhan-{subject.pk}.xlsx")
