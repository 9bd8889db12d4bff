"""Exports of lists, with the same rows the page shows: XLSX written through ``council.xlsx.table_xlsx``, and
CSV for public open data through ``table_csv`` (the same formula rule, ``council.xlsx.is_formula_like``)."""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from council import personal_data
from council.xlsx import EXPORT_MAX_ROWS, Column, cell_value, is_formula_like, table_xlsx

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

WIDE_COLUMNS = ("text", "title", "summary")


def followups_xlsx(rows, *, council, today) -> bytes:
    """One row per follow-up, dates as real dates shown day-first."""
    columns = [
        Column(_("No."), 6),
        Column(_("Reference"), 16),
        Column(_("Subject"), 50, wrap=True),
        Column(_("Responsible agency"), 32),
        Column(_("Field"), 20),
        Column(_("Source"), 22),
        Column(_("Assigned on"), 12),
        Column(_("Due date"), 12),
        Column(_("Overdue"), 9),
        Column(_("Agency's report"), 18),
        Column(_("Progress (%)"), 10),
        Column(_("Council's verification"), 22),
        Column(_("Closed on"), 12),
        Column(_("Report to leadership"), 12),
    ]
    exported = _("Exported %(when)s") % {"when": f"{timezone.localtime():%H:%M %d/%m/%Y}"}
    values = (
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
        ]
        for number, f in enumerate(rows, start=1)
    )
    return table_xlsx(
        sheet=_("Follow-ups"), columns=columns, rows=values, title=[[str(council), "", "", exported]]
    )


def rows_xlsx(model, columns: list[str], rows, *, title: str) -> bytes:
    """Any list as a workbook: the list's columns, choices by their label, dates as dates, personal data
    masked for a viewer who may not see it."""
    meta = model._meta
    headers = [
        Column(
            str(meta.get_field(c).verbose_name).capitalize() if c != "__str__" else str(meta.verbose_name),
            40 if c in WIDE_COLUMNS else 18,
        )
        for c in columns
    ]
    viewer = personal_data.current()

    def values(row):
        for column in columns:
            display = getattr(row, f"get_{column}_display", None)
            value = display() if callable(display) else getattr(row, column, "")
            if value not in (None, "") and not viewer.sees(row, column):
                value = str(personal_data.MASK)  # council/personal_data.py: not for this viewer
            yield value

    return table_xlsx(sheet=title, columns=headers, rows=(list(values(row)) for row in rows))


def csv_cell(value) -> str:
    """One value as a CSV cell: dates in ISO 8601, nothing for None, and text a spreadsheet could take for a
    formula (``=``, ``+``, ``-``, ``@``, also after blanks, or a leading tab or line break) behind an
    apostrophe, so it opens as the text it is. Numbers stay numbers (a negative one is not text)."""
    value = cell_value(value)  # local time for an aware datetime, control characters dropped
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if is_formula_like(text) else text


def table_csv(header: Sequence[str], rows: Iterable, *, limit: int | None = EXPORT_MAX_ROWS) -> bytes:
    """A list as CSV that Excel opens as UTF-8 (a byte-order mark first), comma-separated, CRLF line ends,
    the (translated) header row first and each value through ``csv_cell``. At most ``limit`` rows: beyond
    it a last line says the export was cut, as ``table_xlsx`` does."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(str(title)) for title in header])
    for written, values in enumerate(rows):
        if limit is not None and written >= limit:
            writer.writerow([_("Only the first %(n)s rows are exported: narrow the list.") % {"n": limit}])
            break
        writer.writerow([csv_cell(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
