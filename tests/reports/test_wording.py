"""Words a clerk would sign (issue 22 item 5): sentences that read right for 0, 1 and many, dates and rates
as typed cells in the workbook, codes that never break in the PDF, no empty chart boxes on paper."""

import dataclasses
import datetime as dt
import io
import json
import re

import openpyxl
import pypdf
import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from reports import builders, metrics
from reports.builders.common import (
    answers_sentence,
    oversight_sentence,
    receptions_sentence,
    voter_contact_sentence,
)
from reports.documents.common import body_blocks, column_widths
from reports.documents.content import Chart, Document, Section, Table
from reports.documents.pdf import render_html, render_pdf
from reports.documents.xlsx import render_xlsx
from reports.models import Report
from reports.periods import Period

from .conftest import Q2


class Figures:
    """The figures a sentence reads, given by hand: a count, or {"n": done, "d": due} for a rate."""

    def __init__(self, **values):
        self.values = values

    def raw(self, key, which="this"):
        value = self.values.get(key, 0)
        return value if isinstance(value, dict) else {"n": value}

    def __call__(self, key, which="this"):
        value = self.values.get(key, 0)
        return metrics.value(value, "percent") if isinstance(value, dict) else value

    def shown(self, key, which="this"):
        return self(key, which)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_answers_when_nothing_fell_due_give_no_rate():
    text = answers_sentence(Figures(answers_on_time={"n": 0, "d": 0}, petitions_overdue=0))
    assert (
        text
        == "No answer to a petition fell due in the period. No answer was overdue at the end of the period."
    )


def test_answers_when_one_fell_due():
    on_time = answers_sentence(Figures(answers_on_time={"n": 1, "d": 1}, petitions_overdue=1))
    assert on_time == (
        "The one answer to a petition due in the period was given on time. "
        "1 answer was overdue at the end of the period."
    )
    late = answers_sentence(Figures(answers_on_time={"n": 0, "d": 1}))
    assert late.startswith("The one answer to a petition due in the period was not given on time.")


def test_answers_when_many_fell_due():
    some = answers_sentence(Figures(answers_on_time={"n": 3, "d": 4}, petitions_overdue=2))
    assert some == (
        "Of the 4 answers due in the period, the agencies gave 3 (75,0%) on time. "
        "2 answers were overdue at the end of the period."
    )
    none = answers_sentence(Figures(answers_on_time={"n": 0, "d": 4}))
    assert none.startswith("None of the 4 answers to petitions due in the period was given on time.")
    assert "0,0%" not in none
    every = answers_sentence(Figures(answers_on_time={"n": 4, "d": 4}))
    assert every.startswith("All 4 answers to petitions due in the period were given on time.")


@pytest.mark.parametrize(
    ("meetings", "petitions", "expected"),
    [
        (0, 0, "No voter meeting was held and no petition was received in the period."),
        (1, 0, "Delegates held 1 voter meeting; no petition was received."),
        (0, 1, "No voter meeting was held; 1 petition was received."),
        (1, 1, "Delegates held 1 voter meeting; 1 petition was received."),
        (2, 3, "Delegates held 2 voter meetings; 3 petitions were received."),
    ],
)
def test_voter_contact_sentence(meetings, petitions, expected):
    assert voter_contact_sentence(Figures(voter_meetings=meetings, petitions=petitions)) == expected


def test_oversight_and_reception_sentences_for_zero_one_and_many():
    assert oversight_sentence(Figures()) == "No oversight activity or field survey took place in the period."
    assert oversight_sentence(Figures(activities=1, surveys=1)) == (
        "1 oversight activity was under way in the period. The delegations made 1 field survey."
    )
    assert oversight_sentence(Figures(activities=3, reoversight=1)) == (
        "3 oversight activities were under way in the period, 1 of them re-oversight. "
        "No field survey was made."
    )
    assert receptions_sentence(Figures()) == (
        "No citizen reception day was held and no letter was received in the period."
    )
    assert receptions_sentence(Figures(receptions=1, letters=2)) == (
        "The council held 1 citizen reception day and received 2 letters."
    )


def _paragraphs(document: Document) -> list[str]:
    texts = list(document.intro)
    stack = list(document.sections)
    while stack:
        section = stack.pop()
        stack.extend(section.subsections)
        texts += [b for b in section.blocks if isinstance(b, str)]
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [Report.Kind.QUARTERLY, Report.Kind.PROACTIVE])
def test_an_empty_councils_report_says_none_rather_than_zero(council, term, kind):
    period = Q2 if kind == Report.Kind.QUARTERLY else Period("H", 2026, 1)
    report = Report(
        council=council, kind=kind, period=period.code, period_start=period.start, period_end=period.end
    )
    document = builders.build(report, progress=lambda *a: None)
    text = " ".join(_paragraphs(document))
    assert text
    assert not re.search(r"(?<![\d,.])0 [a-z]", text), text  # no "0 field surveys"
    assert "0,0%" not in text and "—" not in text and "(—" not in text


@pytest.mark.django_db
def test_a_report_with_figures_puts_each_rate_with_its_base(council, records):
    report = Report(
        council=council, kind=Report.Kind.QUARTERLY, period=Q2.code, period_start=Q2.start, period_end=Q2.end
    )
    text = " ".join(_paragraphs(builders.build(report, progress=lambda *a: None)))
    assert "3 petitions were received" in text
    # every rate in the text comes with the count it is a share of
    for match in re.finditer(r"\(([\d,]+%)", text):
        assert re.search(r"of the \d+", text[max(0, match.start() - 200) : match.start()], re.I), match.group(
            0
        )


def _document(*tables: Table) -> Document:
    return Document(["HĐND"], "Số: ...", "Đồng Tháp", None, 2026, "BÁO CÁO", "Chủ đề", appendix=list(tables))


def test_the_workbook_writes_dates_as_dates_and_rates_as_percent_numbers():
    table = Table(
        key="Bảng",
        title="Bảng",
        columns=["STT", "Ngày", "Tỷ lệ", "Số"],
        rows=[[1, dt.date(2026, 4, 1), "75,0%", 1234], [2, dt.date(2026, 5, 2), "—", 0]],
        total=["", "Tổng", "100,0%", 1234],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(_document(table)))).worksheets[-1]
    rows = list(sheet.iter_rows(min_row=4))
    first, second, total = rows[0], rows[1], rows[2]
    assert first[1].is_date and first[1].value.date() == dt.date(2026, 4, 1)
    assert first[1].number_format == "DD/MM/YYYY"
    assert first[2].value == pytest.approx(0.75) and first[2].data_type == "n"
    assert first[2].number_format == "0.0%"
    assert first[3].value == 1234 and first[3].number_format == "#,##0"
    assert second[2].value == "—"  # no figure stays a dash, not a zero
    assert total[2].value == pytest.approx(1.0) and total[2].number_format == "0.0%"


def test_the_documents_keep_printing_rates_and_dates_as_text():
    table = Table(key="B", title="B", columns=["Ngày", "Tỷ lệ"], rows=[[dt.date(2026, 4, 1), "75,0%"]])
    html = render_html(_document(table))
    assert "01/04/2026" in html and "75,0%" in html


def test_a_stored_snapshot_gives_back_dates():
    table = Table(key="B", title="B", columns=["Mã", "Hạn"], rows=[["KN-1", dt.date(2026, 4, 1)]])
    document = _document(table)
    document.sections = [
        Section("I", [Table(key="C", title="C", columns=["Hạn"], rows=[[dt.date(2026, 5, 2)]])])
    ]
    stored = json.loads(json.dumps(dataclasses.asdict(document), cls=DjangoJSONEncoder))
    again = builders.from_snapshot(stored)
    assert again.appendix[0].rows[0] == ["KN-1", dt.date(2026, 4, 1)]
    assert again.sections[0].blocks[0].rows[0] == [dt.date(2026, 5, 2)]


@pytest.mark.django_db
def test_an_issued_reports_workbook_has_dates_as_dates(council, records, user_with_role):
    from council.models import Role
    from reports import services

    from .test_reports import generate, read

    report = generate(council)
    services.report_issue(
        report, actor=user_with_role(Role.OFFICE), number="45/BC-HĐND", issued_on=dt.date(2026, 7, 10)
    )
    report.refresh_from_db()
    book = openpyxl.load_workbook(io.BytesIO(read(report.xlsx_path)))
    dates = [c for ws in book.worksheets[1:] for row in ws.iter_rows() for c in row if c.is_date]
    assert dates and all(c.number_format == "DD/MM/YYYY" for c in dates)
    assert dt.date(2026, 6, 10) in {c.value.date() for c in dates}  # the overdue answer's due date
    texts = [c.value for ws in book.worksheets[1:] for row in ws.iter_rows() for c in row if c.value]
    assert not [t for t in texts if isinstance(t, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}|[\d,]+%", t)]


LONG = "KN-2026-00123"


def _crowded_table() -> Table:
    """Seven columns of long words, a reference among them: the PDF must still keep it on one line."""
    return Table(
        key="Quá hạn",
        title="Kiến nghị quá hạn",
        columns=["STT", "Mã số", "Nội dung kiến nghị", "Cơ quan", "Hạn", "Số ngày quá hạn", "Ký hiệu"],
        rows=[
            [
                i,
                LONG,
                "Đề nghị sửa chữa, nâng cấp tuyến đường liên xã bị xuống cấp nghiêm trọng " * 2,
                "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp",
                dt.date(2026, 4, 1),
                120,
                "45/BC-HĐND",
            ]
            for i in range(1, 4)
        ],
    )


def test_a_long_code_gets_a_column_wide_enough_and_never_breaks_in_the_pdf():
    table = _crowded_table()
    widths = column_widths(table, 16.5)
    # 12-pt Times: capitals about 0.28 cm, digits 0.21 cm
    assert widths[1] >= 2 * 0.3 + 11 * 0.21 and widths[6] >= 6 * 0.3 + 4 * 0.21
    html = render_html(_document(table))
    assert f'<span class="code">{LONG}</span>' in html and '<span class="code">45/BC-HĐND</span>' in html
    text = "\n".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_pdf(_document(table)))).pages
    )
    assert text.count(LONG) == 3 and text.count("45/BC-HĐND") == 3


def test_a_chart_with_no_figures_is_left_off_the_paper():
    empty = Chart(key="x", title="Kiến nghị theo lĩnh vực", categories=[], series=[("Số", [])])
    zero = Chart(key="y", title="So sánh", categories=["A"], series=[("Kỳ này", [0])])
    full = Chart(key="z", title="Có số liệu", categories=["A"], series=[("Kỳ này", [2])])
    document = _document()
    document.sections = [Section("I", ["Không có kiến nghị nào.", empty, zero, full])]
    captions = [getattr(b, "caption", None) for b in body_blocks(document)]
    assert (
        "Có số liệu" in captions and "So sánh" not in captions and "Kiến nghị theo lĩnh vực" not in captions
    )
