"""The report renderers: one content structure, three files (DOCX, PDF, XLSX), the same words and figures."""

import datetime as dt
import io
import unicodedata
from decimal import Decimal

import docx
import openpyxl
import pypdf
from docx.shared import Cm

from reports.charts import render_png, render_svg
from reports.documents.common import (
    date_line,
    format_number,
    normalized,
    roman,
    section_label,
)
from reports.documents.content import Chart, Document, Section, Table
from reports.documents.docx import render_docx
from reports.documents.pdf import render_pdf
from reports.documents.xlsx import render_xlsx

DECOMPOSED = unicodedata.normalize("NFD", "Hội đồng nhân dân tỉnh Đồng Tháp – kiến nghị cử tri")
COMPOSED = unicodedata.normalize("NFC", DECOMPOSED)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def make_document(**overrides) -> Document:
    by_agency = Table(
        key="kien_nghi_theo_co_quan",
        title="Kết quả giải quyết kiến nghị cử tri theo cơ quan",
        columns=["STT", "Cơ quan giải quyết", "Số kiến nghị", "Đã giải quyết", "Tỷ lệ"],
        rows=[
            [1, "Sở Tài nguyên và Môi trường", 1250, 1000, "80,0%"],
            [2, "Sở Giao thông vận tải", 36, 27, "75,0%"],
            [3, "Ủy ban nhân dân huyện Cao Lãnh", 14, 7, "50,0%"],
        ],
        total=[None, "Tổng cộng", 1300, 1034, "79,5%"],
        note="Số liệu tính đến ngày 31/12/2025.",
    )
    sessions = Table(
        key="ky_hop",
        title="Các kỳ họp trong năm",
        columns=["Kỳ họp", "Ngày khai mạc", "Số ngày", "Số nghị quyết"],
        rows=[
            ["Kỳ họp thứ 20", dt.date(2025, 7, 8), 3, 25],
            ["Kỳ họp thứ 21 (chuyên đề)", dt.date(2025, 9, 30), 1, 4],
        ],
        total=["Cộng", None, 4, 29],
    )
    appendix = Table(
        key="phu_luc_chat_van",
        title="Danh sách chất vấn tại kỳ họp",
        columns=["STT", "Đại biểu", "Nội dung", "Điểm đánh giá"],
        rows=[
            [1, "Nguyễn Văn An", "Ô nhiễm môi trường tại khu công nghiệp", Decimal("8.5")],
            [2, "Trần Thị Bình", "Tiến độ dự án đường tỉnh 846", 7.25],
        ],
    )
    bar = Chart(
        key="ky_hop_chart",
        title="Số nghị quyết theo kỳ họp",
        categories=["Kỳ họp thứ 20", "Kỳ họp thứ 21 (chuyên đề)"],
        series=[("Nghị quyết", [25, 4])],
        kind="bar",
        unit="nghị quyết",
    )
    barh = Chart(
        key="co_quan_chart",
        title="Kiến nghị cử tri theo cơ quan giải quyết",
        categories=[row[1] for row in by_agency.rows],
        series=[("Số kiến nghị", [1250, 36, 14]), ("Đã giải quyết", [1000, 27, 7])],
        kind="barh",
        unit="kiến nghị",
    )
    values = dict(
        issuer_lines=["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG THÁP"],
        number="Số: .../BC-HĐND",
        place="Đồng Tháp",
        date=None,
        year=2026,
        doc_type="BÁO CÁO",
        subject="Kết quả hoạt động của Hội đồng nhân dân tỉnh năm 2025",
        intro=[f"Thực hiện chương trình công tác năm 2025, Thường trực {DECOMPOSED} báo cáo như sau:"],
        sections=[
            Section(
                heading="Tình hình hoạt động",
                blocks=["Năm 2025, Hội đồng nhân dân tỉnh tổ chức 2 kỳ họp."],
                subsections=[
                    Section(heading="Tổ chức kỳ họp", blocks=[sessions, bar]),
                    Section(
                        heading="Tiếp xúc cử tri",
                        blocks=["Các Tổ đại biểu tổ chức tiếp xúc cử tri trước và sau kỳ họp."],
                        subsections=[Section(heading="Kiến nghị của cử tri", blocks=[by_agency, barh])],
                    ),
                ],
            ),
            Section(
                heading="Phương hướng, nhiệm vụ năm 2026",
                blocks=["Tiếp tục nâng cao chất lượng kỳ họp và hoạt động giám sát."],
                subsections=[Section(heading="Nhiệm vụ trọng tâm", blocks=["Giám sát chuyên đề."])],
            ),
        ],
        appendix=[appendix],
        signer_lines=["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"],
        signer_name="Phan Văn Thắng",
        recipients=["Thường trực Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Đại biểu HĐND tỉnh"],
        draft=True,
    )
    values.update(overrides)
    return Document(**values)


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text, including those in tables and in the headers."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            texts += [p.text for p in header.paragraphs]
    return [t.strip() for t in texts]


def test_helpers():
    assert roman(1) == "I" and roman(4) == "IV" and roman(14) == "XIV"
    assert (
        section_label((2,)) == "II." and section_label((2, 1)) == "1." and section_label((2, 1, 3)) == "1.3."
    )
    assert format_number(1234) == "1.234"
    assert format_number(1234567) == "1.234.567"
    assert format_number(12.5) == "12,5"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(Decimal("8.50")) == "8,50"
    assert format_number(None) == ""


def test_normalized_composes_every_string_and_copies():
    doc = make_document()
    copy = normalized(doc)
    assert COMPOSED in copy.intro[0]
    assert DECOMPOSED in doc.intro[0]  # the original is untouched
    assert copy.sections[0].subsections[0].blocks[0] is not doc.sections[0].subsections[0].blocks[0]


def test_date_line_pads_days_and_early_months_as_decree_30():
    doc = make_document(date=dt.date(2026, 2, 5))
    assert date_line(doc) == "Đồng Tháp, ngày 05 tháng 02 năm 2026"
    assert "ngày 15 tháng 12 năm 2025" in date_line(make_document(date=dt.date(2025, 12, 15)))
    assert "ngày 09 tháng 3 năm 2026" in date_line(make_document(date=dt.date(2026, 3, 9)))
    assert date_line(make_document(date=None, year=2026)) == "Đồng Tháp, ngày ... tháng ... năm 2026"


def test_docx_layout_and_words():
    data = render_docx(make_document())
    texts = docx_texts(data)
    joined = "\n".join(texts)
    for expected in (NATIONAL_NAME, MOTTO, "Số: .../BC-HĐND", "Nơi nhận:", "DỰ THẢO", "PHỤ LỤC"):
        assert expected in texts, expected
    assert COMPOSED in joined and DECOMPOSED not in joined
    assert "I. TÌNH HÌNH HOẠT ĐỘNG" in texts
    assert "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026" in texts
    assert "1. Tổ chức kỳ họp" in texts and "2. Tiếp xúc cử tri" in texts
    assert "2.1. Kiến nghị của cử tri" in texts
    assert "Biểu 1. Danh sách chất vấn tại kỳ họp" in texts
    assert "Đồng Tháp, ngày ... tháng ... năm 2026" in texts
    assert "- Lưu: VT." in texts and "- Ủy ban nhân dân tỉnh;" in texts
    assert "1.250" in texts and "Tổng cộng" in texts and "80,0%" in texts

    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 2  # the two charts
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01) and abs(section.right_margin - Cm(1.5)) < Cm(0.01)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.core_properties.title == "Kết quả hoạt động của Hội đồng nhân dân tỉnh năm 2025"
    assert document.core_properties.author == "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP"
    assert b"PAGE" in _docx_part(data, "word/header")


def _docx_part(data: bytes, prefix: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if n.startswith(prefix))


def test_docx_issued_without_draft_mark():
    data = render_docx(make_document(draft=False, date=dt.date(2026, 1, 5), appendix=[]))
    texts = docx_texts(data)
    assert "DỰ THẢO" not in "\n".join(texts)
    assert "PHỤ LỤC" not in texts
    assert "Đồng Tháp, ngày 05 tháng 01 năm 2026" in texts


def test_pdf_has_the_same_words():
    data = render_pdf(make_document())
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = unicodedata.normalize("NFC", raw)
    flat = " ".join(text.split())
    for expected in (
        NATIONAL_NAME,
        MOTTO,
        "Số: .../BC-HĐND",
        "Nơi nhận:",
        "DỰ THẢO",
        "I. TÌNH HÌNH HOẠT ĐỘNG",
        "2.1. Kiến nghị của cử tri",
        "Biểu 1. Danh sách chất vấn tại kỳ họp",
        "Đồng Tháp, ngày ... tháng ... năm 2026",
        "1.250",
        "80,0%",
        "- Lưu: VT.",
    ):
        assert expected in flat, expected
    # the glyphs are right: the composed words come out, whichever form the extractor uses
    assert "Độc lập" in text
    assert COMPOSED in flat
    assert len(reader.pages) >= 2
    assert reader.metadata.title == "Kết quả hoạt động của Hội đồng nhân dân tỉnh năm 2025"


def test_xlsx_sheets_and_numbers():
    doc = make_document()
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc)))
    assert workbook.sheetnames == ["Thông tin", "ky_hop", "kien_nghi_theo_co_quan", "phu_luc_chat_van"]

    info = workbook["Thông tin"]
    info_values = [c.value for row in info.iter_rows() for c in row if c.value is not None]
    assert "Số: .../BC-HĐND" in info_values
    assert "Kết quả hoạt động của Hội đồng nhân dân tỉnh năm 2025" in info_values
    assert "Đồng Tháp, ngày ... tháng ... năm 2026" in info_values

    sheet = workbook["kien_nghi_theo_co_quan"]
    assert sheet["A1"].value == "Kết quả giải quyết kiến nghị cử tri theo cơ quan"
    assert sheet["A1"].font.bold
    assert [c.value for c in sheet[3]] == doc.sections[0].subsections[1].subsections[0].blocks[0].columns
    assert sheet["C4"].value == 1250 and sheet["C4"].data_type == "n"
    assert sheet["D6"].value == 7 and isinstance(sheet["D6"].value, int)
    # a rate is a number the workbook can sum and chart, shown as a percentage
    assert abs(sheet["E4"].value - 0.8) < 1e-9 and sheet["E4"].number_format == "0.0%"
    assert sheet["C7"].value == 1300 and sheet["C7"].font.bold  # the total row
    assert sheet["A9"].value == "Số liệu tính đến ngày 31/12/2025."
    assert sheet.freeze_panes == "A4"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4

    sessions = workbook["ky_hop"]
    assert sessions["B4"].value.date() == dt.date(2025, 7, 8)
    appendix = workbook["phu_luc_chat_van"]
    assert appendix["D4"].value == 8.5 and appendix["D5"].value == 7.25


def test_xlsx_sheet_names_are_valid_and_unique():
    long_key = "bang/so:lieu*rat[dai]?" + "x" * 40
    tables = [Table(key=long_key, title="A", columns=["a"], rows=[[1]]) for _ in range(2)]
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(make_document(sections=[], appendix=tables))))
    names = workbook.sheetnames[1:]
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_chart_svg_and_png():
    chart = make_document().sections[0].subsections[1].subsections[0].blocks[1]
    svg = render_svg(chart)
    assert svg.startswith("<svg") and 'role="img"' in svg and 'width="100%"' in svg and "viewBox" in svg
    assert 'aria-label="Kiến nghị cử tri theo cơ quan giải quyết"' in svg
    assert "Sở Giao thông vận tải" in svg  # text kept as text
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert render_png(chart).startswith(b"\x89PNG")
    line = Chart(
        key="l", title="Xu hướng", categories=["2024", "2025"], series=[("A", [1.5, None])], kind="line"
    )
    assert render_png(line).startswith(b"\x89PNG")


def test_chart_without_data_says_so():
    for chart in (
        Chart(key="e", title="Trống", categories=[], series=[]),
        Chart(key="z", title="Toàn số 0", categories=["A", "B"], series=[("S", [0, 0])], kind="barh"),
    ):
        assert "Không có số liệu" in render_svg(chart)
        assert render_png(chart).startswith(b"\x89PNG")


def test_chart_strings_are_composed():
    chart = Chart(key="d", title=DECOMPOSED, categories=[DECOMPOSED], series=[("S", [3])])
    svg = render_svg(chart)
    assert COMPOSED in svg and DECOMPOSED not in svg
