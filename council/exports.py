"""XLSX export of the follow-up list, with the same rows the page shows."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from council import personal_data
from council.xlsx import append_row


def followups_xlsx(rows, *, council, today) -> bytes:
    """Build the workbook: one row per follow-up, dates as real dates shown day-first."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Follow-ups")[:31]
    append_row(
        sheet,
        [str(council), "", "", _("Exported %(when)s") % {"when": f"{timezone.localtime():%H:%M %d/%m/%Y}"}],
    )
    sheet["A1"].font = Font(bold=True)
    headers = [
        _("No."),
        _("Reference"),
        _("Subject"),
        _("Responsible agency"),
        _("Field"),
        _("Source"),
        _("Assigned on"),
        _("Due date"),
        _("Overdue"),
        _("Agency's report"),
        _("Progress (%)"),
        _("Council's verification"),
        _("Closed on"),
        _("Report to leadership"),
    ]
    append_row(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, f in enumerate(rows, start=1):
        append_row(
            sheet,
            [
                number,
                f.reference,
                f.title,
                f.agency.name,
                f.field.name if f.field_id else "",
                f.get_source_kind_display(),
                f.assigned_date,
                f.due_date,
                _("Yes") if f.is_overdue(today) else "",
                f.get_agency_status_display(),
                f.progress,
                f.get_council_status_display(),
                f.closed_on,
                _("Yes") if f.report_to_leadership else "",
            ],
        )
    widths = [6, 16, 50, 32, 20, 22, 12, 12, 9, 18, 10, 22, 12, 12]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{sheet.max_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_xlsx(model, columns: list[str], rows, *, title: str) -> bytes:
    """Any list as a workbook: the list's columns, choices by their label, dates as dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Sheet"
    meta = model._meta
    append_row(
        sheet,
        [
            str(meta.get_field(c).verbose_name).capitalize() if c != "__str__" else str(meta.verbose_name)
            for c in columns
        ],
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    viewer = personal_data.current()
    for row in rows:
        values = []
        for column in columns:
            display = getattr(row, f"get_{column}_display", None)
            value = display() if callable(display) else getattr(row, column, "")
            if value not in (None, "") and not viewer.sees(row, column):
                value = str(personal_data.MASK)  # council/personal_data.py: not for this viewer
            values.append(value)
        append_row(sheet, values)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            40 if column in ("text", "title", "summary") else 18
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
