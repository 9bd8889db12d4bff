"""The report's figures as a workbook: a "Thông tin" sheet, then one per table (sections, then appendix)."""

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from council.xlsx import write_cell

from .common import (
    all_tables,
    date_line,
    format_cell,
    is_number,
    issuer_name,
    looks_numeric,
    nfc,
    normalized,
)
from .content import Document, Table

INFO_SHEET = "Thông tin"
HEADER_ROW = 3  # the title in A1, a blank row, then the column headings
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(tables: list[Table], taken=(INFO_SHEET,)) -> list[str]:
    """A valid, unique (case-insensitively, as Excel compares) sheet name per table, from its key."""
    used = {name.casefold() for name in taken}
    names = []
    for index, table in enumerate(tables, start=1):
        base = _FORBIDDEN.sub("", nfc(table.key or "")).strip().strip("'").strip() or f"Bang {index}"
        name = base[:31]
        suffix = 2
        while name.casefold() in used:
            tail = f" ({suffix})"
            name = base[: 31 - len(tail)].rstrip() + tail
            suffix += 1
        used.add(name.casefold())
        names.append(name)
    return names


# A rate as the documents print it (``reports.builders.common.percent``): "75,0%", "100,0%", "-2,5%".
_PERCENT = re.compile(r"(-?\d{1,3}(?:\.\d{3})*|-?\d+)(?:,(\d+))?\s?%")
PERCENT_FORMAT = "0.0%"


def percent_value(value) -> float | None:
    """The fraction a rate printed as text stands for ("75,0%" → 0.75), or None for any other cell.

    Tables carry rates as the text the DOCX and PDF print, and an issued report's snapshot keeps them so:
    reading the text back gives the workbook a number it can sum and chart, from old snapshots too."""
    if not isinstance(value, str):
        return None
    match = _PERCENT.fullmatch(value.strip())
    if not match:
        return None
    whole, decimals = match.group(1).replace(".", ""), match.group(2) or "0"
    return round(float(f"{whole}.{decimals}") / 100, len(decimals) + 2)


def _value(value):
    """Numbers stay numbers, dates stay dates, rates become fractions; anything else as NFC text."""
    if value is None or is_number(value) or isinstance(value, dt.date):
        return value
    rate = percent_value(value)
    if rate is not None:
        return rate
    return nfc(str(value))


def _number_format(value) -> str | None:
    if isinstance(value, bool):
        return None
    if percent_value(value) is not None:
        return PERCENT_FORMAT
    if isinstance(value, int):
        return "#,##0"
    if is_number(value):
        return "#,##0.0##"
    if isinstance(value, dt.datetime):
        return "DD/MM/YYYY HH:MM"
    if isinstance(value, dt.date):
        return "DD/MM/YYYY"
    return None


def _fit_columns(ws, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)


def _print_setup(ws, *, landscape: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75


def _info_sheet(ws, doc: Document, tables: list[Table], names: list[str]) -> None:
    ws.title = INFO_SHEET
    write_cell(ws, 1, 1, f"{nfc(doc.doc_type).upper()}: {doc.subject}").font = TITLE
    rows = [
        ("Cơ quan ban hành", issuer_name(doc)),
        ("Số, ký hiệu", doc.number),
        ("Địa danh, ngày tháng", date_line(doc)),
        ("Loại văn bản", nfc(doc.doc_type)),
        ("Trích yếu", doc.subject),
        ("Người ký", " - ".join(x for x in [*doc.signer_lines, doc.signer_name] if x)),
        ("Trạng thái", "Dự thảo" if doc.draft else "Đã ban hành"),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        write_cell(ws, offset, 1, label).font = BOLD
        write_cell(ws, offset, 2, nfc(value))
    start = 3 + len(rows) + 1
    write_cell(ws, start, 1, "Các bảng số liệu").font = TITLE
    for column, label in enumerate(("Trang tính", "Tên bảng"), start=1):
        cell = write_cell(ws, start + 1, column, label)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, GRID
    appendix_from = len(tables) - len(doc.appendix)
    for index, (table, name) in enumerate(zip(tables, names, strict=True)):
        row = start + 2 + index
        link = write_cell(ws, row, 1, name)
        link.hyperlink = f"#'{name}'!A1"
        link.font = Font(color="1F4E79", underline="single")
        link.border = GRID
        title = nfc(table.title)
        if index >= appendix_from:
            title = f"Phụ lục - Biểu {index - appendix_from + 1}. {title}"
        write_cell(ws, row, 2, title).border = GRID
    ws.column_dimensions["A"].width = max(22, max((len(n) for n in names), default=0) + 2)
    ws.column_dimensions["B"].width = 90
    for row in ws.iter_rows(min_row=3, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _print_setup(ws)


def _table_sheet(ws, table: Table) -> None:
    columns = len(table.columns)
    write_cell(ws, 1, 1, nfc(table.title)).font = TITLE
    widths: dict[int, int] = {}

    for column, label in enumerate(table.columns, start=1):
        cell = write_cell(ws, HEADER_ROW, column, nfc(str(label)))
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        # a long heading wraps rather than widening its column beyond 40 characters
        widths[column] = min(len(str(label)), 40)

    body = [list(r) for r in table.rows] + ([list(table.total)] if table.total else [])
    for offset, values in enumerate(body, start=1):
        row = HEADER_ROW + offset
        is_total = bool(table.total) and offset == len(body)
        for column, value in enumerate((values + [None] * columns)[:columns], start=1):
            written = _value(value)
            cell = write_cell(ws, row, column, written)
            cell.border = GRID
            fmt = _number_format(value)
            if fmt:
                cell.number_format = fmt
            if looks_numeric(value) and not is_number(written):
                cell.alignment = Alignment(horizontal="right")
            elif not is_number(written) and not isinstance(value, dt.date):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if is_total:
                cell.font = BOLD
            widths[column] = max(widths.get(column, 0), len(format_cell(value)))
    if table.note:
        note = write_cell(ws, HEADER_ROW + len(body) + 2, 1, nfc(table.note))
        note.font = Font(italic=True)
    _fit_columns(ws, widths)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(ws, landscape=sum(min(max(w + 2, 8), 60) for w in widths.values()) > 100)


def render_xlsx(doc: Document) -> bytes:
    """The document's tables as an .xlsx workbook: numbers as numbers, dates as dates, text in NFC form."""
    doc = normalized(doc)
    tables = all_tables(doc)
    names = sheet_names(tables)
    workbook = Workbook()
    workbook.properties.title = nfc(doc.subject)
    workbook.properties.creator = issuer_name(doc)
    workbook.properties.language = "vi-VN"
    _info_sheet(workbook.active, doc, tables, names)
    for table, name in zip(tables, names, strict=True):
        _table_sheet(workbook.create_sheet(title=name), table)
    buffer = io.BytesIO()
    # Every cell went through write_cell, so text starting with "=" (a subject, a name) is never a formula.
    workbook.save(buffer)
    return buffer.getvalue()
