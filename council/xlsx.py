"""The one way the app writes XLSX: a value into a cell, and a list as a table (``table_xlsx``).

Every workbook the app produces (lists, petitions, follow-ups, reports) writes its cells through
``write_cell`` or ``append_row``, so text typed by anyone (a citizen on the public form included) can
never become a live formula: text starting with ``=``, ``+``, ``-`` or ``@`` (also after leading
whitespace, or starting with a tab or line break) is stored as a text cell with Excel's quote prefix,
so Excel shows it literally and keeps it text when the cell is edited. The value itself is unchanged,
so an exported workbook imported back reads exactly what was written. Numbers and dates keep their
real cell types; dates are shown day-first.
"""

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
# What makes a spreadsheet read text as a formula (or, for tab and CR/LF, split it into one in a CSV paste).
FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r", "\n")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def cell_value(value):
    """The value as a cell holds it: numbers and dates as such, anything else as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)  # Excel has no time zones: the council's local time
    if isinstance(value, dt.date | dt.time):
        return value
    # Control characters (a NUL pasted into a form) are not allowed in XLSX and would break the file.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def set_cell(cell: Cell, value) -> Cell:
    """Put a value into a cell: never a formula, dates shown day-first."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl would store "=..." as a formula; the quote prefix keeps any formula-like text literal.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def write_cell(sheet: Worksheet, row: int, column: int, value) -> Cell:
    """Write one value at (row, column) of a sheet and return the cell for styling."""
    return set_cell(sheet.cell(row=row, column=column), value)


def append_row(sheet: Worksheet, values) -> list[Cell]:
    """Add a row of values below the sheet's last row and return its cells."""
    cells = [set_cell(Cell(sheet), value) for value in values]
    sheet.append(cells)
    return cells


# The most rows any exported list holds; a bigger export is cut here and says so in its title line.
EXPORT_MAX_ROWS = 50_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One column of an exported table: its header, width (characters) and whether long text wraps."""

    header: str
    width: int = 18
    wrap: bool = False


def table_xlsx(
    *,
    sheet: str,
    columns: list[Column],
    rows: Iterable,
    title: Sequence[str] = (),
    limit: int | None = EXPORT_MAX_ROWS,
    autofilter: bool = True,
) -> bytes:
    """The one way the app writes a table as a workbook: optional title lines (the first in bold), a bold
    header, one row per item of ``rows`` (each a list of values, written through ``append_row``), column
    widths, the header frozen and filterable. At most ``limit`` rows: beyond it a last line says the export
    was cut, so nobody takes a partial file for the whole list."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = (sheet or "Sheet")[:31]
    for number, line in enumerate(title):
        cells = append_row(worksheet, [line] if isinstance(line, str) else line)
        if number == 0 and cells:
            cells[0].font = Font(bold=True, size=13)
    header_row = len(title) + 1  # each title line is one row, an empty one included
    for cell in append_row(worksheet, [column.header for column in columns]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrapped = [index for index, column in enumerate(columns) if column.wrap]
    written = 0
    for values in rows:
        if limit is not None and written >= limit:
            append_row(
                worksheet, [_("Only the first %(n)s rows are exported: narrow the list.") % {"n": limit}]
            )
            break
        cells = append_row(worksheet, values)
        for index in wrapped:
            if index < len(cells):
                cells[index].alignment = Alignment(wrap_text=True, vertical="top")
        written += 1
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = f"A{header_row + 1}"
    if autofilter and columns:
        last = header_row + written
        worksheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
