"""The one way the app writes a value into an XLSX cell.

Every workbook the app produces (lists, petitions, follow-ups, reports) writes its cells through
``write_cell`` or ``append_row``, so text typed by anyone (a citizen on the public form included) can
never become a live formula: text starting with ``=``, ``+``, ``-`` or ``@`` (also after leading
whitespace, or starting with a tab or line break) is stored as a text cell with Excel's quote prefix,
so Excel shows it literally and keeps it text when the cell is edited. The value itself is unchanged,
so an exported workbook imported back reads exactly what was written. Numbers and dates keep their
real cell types; dates are shown day-first.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
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
