"""Every workbook the app writes keeps typed text literal: never a live formula; numbers and dates typed."""

import ast
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from council.downloads import download_response
from council.xlsx import XLSX_CONTENT_TYPE, Column, append_row, table_xlsx, write_cell
from tests.source import parse
from voters import services as voter_services
from voters.models import Channel

HYPERLINK = '=HYPERLINK("http://x.example","Bấm vào đây")'
PROJECT = Path(__file__).resolve().parents[2]
SHEETS = {"sheet", "ws", "worksheet"}


def _reload(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


@pytest.mark.parametrize(
    "text",
    [HYPERLINK, "=1+1", "+84912345678", "-2+3", "@SUM(A1)", "  =1+1", "\t=1+1", "\r=1", "=cmd|' /C calc'!A0"],
)
def test_formula_like_text_is_written_as_literal_text(text):
    workbook = Workbook()
    write_cell(workbook.active, 1, 1, text)
    cell = _reload(workbook).active["A1"]
    assert cell.data_type == "s" and cell.value == text
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


def test_numbers_and_dates_keep_their_types():
    workbook = Workbook()
    aware = dt.datetime(2026, 3, 5, 9, 30, tzinfo=timezone.get_current_timezone())
    append_row(
        workbook.active, [3, 1.5, Decimal("2.25"), dt.date(2026, 3, 5), aware, True, None, "Kiến nghị\x00"]
    )
    a, b, c, d, e, f, g, h = next(_reload(workbook).active.iter_rows(min_row=1, max_row=1))
    assert (a.value, b.value, c.value) == (3, 1.5, 2.25) and a.data_type == "n"
    # An Excel cell holds no time zone: openpyxl reads a date back as a naive datetime.
    assert d.is_date and d.value == dt.datetime(2026, 3, 5) and d.number_format == "DD/MM/YYYY"  # noqa: DTZ001
    assert e.is_date and e.value == timezone.localtime(aware).replace(tzinfo=None)
    assert f.value is True and g.value is None
    assert h.value == "Kiến nghị" and not h.quotePrefix  # a NUL cannot break the file


@pytest.mark.django_db
def test_petition_and_opinion_exports_write_a_typed_formula_as_text(client, office, council):
    opinion = voter_services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=timezone.localdate() - dt.timedelta(days=2),
        text=HYPERLINK,
    )
    voter_services.petition_create(actor=None, council=council, title=HYPERLINK, opinions=[opinion])

    petitions = load_workbook(io.BytesIO(client.get(reverse("voters:petition_export")).content)).active
    row = [cell for cell in petitions[2]]
    assert all(cell.data_type != "f" for r in petitions.iter_rows() for cell in r)
    assert row[4].value == HYPERLINK and row[5].value == HYPERLINK
    assert row[2].is_date and row[2].value.date() == opinion.received_on
    assert isinstance(row[11].value, int)  # the number of voters stays a number

    opinions = load_workbook(io.BytesIO(client.get(reverse("voters:opinion_xlsx")).content)).active
    cells = [cell for r in opinions.iter_rows(min_row=2) for cell in r]
    assert HYPERLINK in [c.value for c in cells]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.is_date for c in cells)


def _writes_cells_directly(tree: ast.AST) -> list[int]:
    """Line numbers of openpyxl cell writes that bypass council.xlsx: sheet.append(...),
    sheet.cell(..., value=...), sheet["A1"] = ..., cell.value = ..."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
                lines.append(node.lineno)
            receiver = node.func.value
            if node.func.attr == "append" and isinstance(receiver, ast.Name) and receiver.id in SHEETS:
                lines.append(node.lineno)
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value":
                    lines.append(node.lineno)
                subscripted = isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                if subscripted and target.value.id in SHEETS:
                    lines.append(node.lineno)
    return lines


def test_every_workbook_writer_goes_through_the_one_cell_writer():
    writers = []
    for path in PROJECT.glob("*/**/*.py"):
        relative = path.relative_to(PROJECT)
        if relative.parts[0] in {".venv", "tests", "node_modules"} or relative == Path("council/xlsx.py"):
            continue
        source = path.read_text(encoding="utf-8")
        if "openpyxl" not in source:
            continue
        writers.append(relative)
        offending = _writes_cells_directly(parse(source))
        assert not offending, f"{relative} writes cells without council.xlsx at lines {offending}"
    assert Path("voters/intake/petitions.py") in writers and Path("reports/documents/xlsx.py") in writers


# The one table writer; the official report document (several sheets, Decree 30 print set-up) has its own.
WORKBOOK_MAKERS = {Path("council/xlsx.py"), Path("reports/documents/xlsx.py")}


def test_lists_are_written_by_the_one_table_writer():
    makers = set()
    for path in PROJECT.glob("*/**/*.py"):
        relative = path.relative_to(PROJECT)
        if relative.parts[0] in {".venv", "tests", "node_modules"}:
            continue
        tree = parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Workbook":
                makers.add(relative)
    assert makers <= WORKBOOK_MAKERS, f"workbooks made outside table_xlsx: {sorted(makers - WORKBOOK_MAKERS)}"


def test_the_table_writer_cuts_at_its_limit_and_says_so():
    columns = [Column("Số", 6), Column("Nội dung", 40, wrap=True)]
    content = table_xlsx(
        sheet="Danh sách",
        columns=columns,
        rows=([n, f"=dòng {n}"] for n in range(5)),
        title=["Tiêu đề"],
        limit=3,
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Tiêu đề" and rows[1] == ["Số", "Nội dung"]
    assert [row[0] for row in rows[2:5]] == [0, 1, 2] and rows[2][1] == "=dòng 0"  # text, not a formula
    assert sheet.cell(row=3, column=2).data_type == "s"
    assert "3" in rows[5][0] and len(rows) == 6  # the cut is said, nothing after it
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:B5"


def test_a_download_names_its_file_in_vietnamese_safely():
    response = download_response(b"x", "Kiến nghị\r\nX: 1.xlsx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "\r" not in disposition and "\n" not in disposition
    assert response["Content-Type"] == XLSX_CONTENT_TYPE and response["X-Content-Type-Options"] == "nosniff"
