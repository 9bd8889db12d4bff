"""Helpers shared by the DOCX, PDF and XLSX renderers, so the three files number, word and format alike."""

import copy
import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .content import Chart, Document, Section, Table


def nfc(text):
    """The NFC form of a string (Vietnamese often comes with decomposed diacritics); other values as given."""
    if isinstance(text, str):
        return unicodedata.normalize("NFC", text)
    return text


def _normalize_value(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_normalize_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_normalize_value(v) for v in value)
    if isinstance(value, dict):
        return {_normalize_value(k): _normalize_value(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _normalize_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return copy.deepcopy(value)


def normalized(doc: Document) -> Document:
    """A deep copy of the document with every string, however deeply nested, in NFC form."""
    return _normalize_value(doc)


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    """Roman numeral of a positive integer: 1 → "I", 4 → "IV", 14 → "XIV"."""
    if number < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def is_number(value) -> bool:
    """Whether a cell is a figure (int, float, Decimal), not a bool."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def format_number(value, decimals: int | None = None) -> str:
    """A figure the Vietnamese way: "." between thousands, "," before decimals: 1234 → "1.234", 12.5 → "12,5".

    Floats keep at most two decimals (trailing zeros dropped) unless ``decimals`` is given; a Decimal keeps
    the digits it was given."""
    if value is None:
        return ""
    if not is_number(value):
        return nfc(str(value))
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return ""
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        text = f"{value:,.{places}f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_cell(value) -> str:
    """The text of a table cell: figures as :func:`format_number`, dates as dd/mm/yyyy, None as empty."""
    if value is None:
        return ""
    if is_number(value):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def looks_numeric(value) -> bool:
    """Whether a cell reads as a figure (right-aligned): a number, or a string like "75,0%" or "1.234"."""
    if is_number(value):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip().rstrip("%").strip().lstrip("+-")
    return bool(text) and all(c.isdigit() or c in ".," for c in text) and any(c.isdigit() for c in text)


def date_text(date: dt.date | None, year: int) -> str:
    """ "ngày 05 tháng 02 năm 2026": Decree 30 pads days below 10 and months below 3 with a zero.

    Without a date (a draft), the blanks are left to fill by hand: "ngày ... tháng ... năm 2026"."""
    if date is None:
        return f"ngày ... tháng ... năm {year}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def date_line(doc: Document) -> str:
    """The place and date line of the heading: "Đồng Tháp, ngày 05 tháng 02 năm 2026"."""
    return nfc(f"{doc.place}, {date_text(doc.date, doc.year)}")


def issuer_name(doc: Document) -> str:
    """The issuing body on one line: "HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP"."""
    return nfc(" ".join(line.strip() for line in doc.issuer_lines if line.strip()))


def section_label(path: tuple[int, ...]) -> str:
    """The number of a section from its position: (2,) → "II.", (2, 1) → "1.", (2, 1, 3) → "1.3."."""
    if len(path) == 1:
        return f"{roman(path[0])}."
    return ".".join(str(n) for n in path[1:]) + "."


def heading_text(level: int, heading: str) -> str:
    """Top-level headings are in capitals (Decree 30 practice); deeper ones as given."""
    heading = nfc(heading.strip())
    return heading.upper() if level == 0 else heading


PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def is_party(doc: Document) -> bool:
    return getattr(doc, "form", "state") == "party"


def recipient_lines(doc: Document) -> list[str]:
    """The "Nơi nhận" list: "- <recipient>;" each, then "- Lưu: VT." (Decree 30); a Party document separates
    them with commas and ends with "- Lưu VT, Đảng đoàn." (Guidance 36-HD/VPTW)."""
    party = is_party(doc)
    lines = []
    for recipient in doc.recipients:
        text = nfc(recipient.strip()).lstrip("-–").strip().rstrip(";.,").strip()
        if text:
            lines.append(f"- {text}{',' if party else ';'}")
    lines.append("- Lưu VT, Đảng đoàn." if party else "- Lưu: VT.")
    return lines


def appendix_title(index: int, table: Table) -> str:
    """The title of the n-th appendix table: "Biểu 1. <title>"."""
    return nfc(f"Biểu {index}. {table.title}")


def appendix_reference(doc: Document) -> str:
    """The line under "PHỤ LỤC": "(Kèm theo báo cáo .../BC-HĐND)"."""
    number = nfc(doc.number).strip().removeprefix("Số:").removeprefix("Số").strip()
    return f"(Kèm theo {nfc(doc.doc_type).strip().lower()} {number})"


@dataclass
class Heading:
    level: int  # 0 for "I.", 1 for "1.", 2 for "1.1." and so on
    label: str
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class TableBlock:
    table: Table
    caption: str


@dataclass
class ChartBlock:
    chart: Chart
    caption: str


def _walk_section(section: Section, path: tuple[int, ...]) -> Iterator:
    level = len(path) - 1
    yield Heading(level=level, label=section_label(path), text=heading_text(level, section.heading))
    for block in section.blocks:
        yield from _block(block)
    for number, sub in enumerate(section.subsections, start=1):
        yield from _walk_section(sub, (*path, number))


def _block(block) -> Iterator:
    if isinstance(block, Table):
        yield TableBlock(table=block, caption=nfc(block.title))
    elif isinstance(block, Chart):
        # on paper a chart with nothing to draw is only an empty box: the text already says there is none
        if _has_figures(block):
            yield ChartBlock(chart=block, caption=nfc(block.title))
    elif isinstance(block, str):
        if block.strip():
            yield Paragraph(text=nfc(block.strip()))
    else:
        raise TypeError(f"Unknown block in a report section: {type(block).__name__}")


def _has_figures(chart: Chart) -> bool:
    return bool(chart.categories) and any(
        is_number(v) and v and v == v
        for _label, values in chart.series
        for v in values  # NaN: no figure
    )


def body_blocks(doc: Document) -> Iterator:
    """The body in reading order: intro paragraphs, then each section's numbered heading, its blocks, its
    subsections. Both the DOCX and the PDF lay out this one sequence, so their numbering agrees."""
    for text in doc.intro:
        if text.strip():
            yield Paragraph(text=nfc(text.strip()))
    for number, section in enumerate(doc.sections, start=1):
        yield from _walk_section(section, (number,))


def body_tables(doc: Document) -> list[Table]:
    """The tables of the sections in reading order (without the appendix)."""
    return [block.table for block in body_blocks(doc) if isinstance(block, TableBlock)]


def all_tables(doc: Document) -> list[Table]:
    """Every table: the sections' in reading order, then the appendix's."""
    return body_tables(doc) + list(doc.appendix)


CHAR_CM = 0.3  # an average character of 12-pt bold Times New Roman (about 0.25 cm), with some to spare
CELL_PADDING_CM = 0.45  # a cell's left and right margins


def column_widths(table: Table, available: float) -> list[float]:
    """Widths (cm) that fill the text width: each column gets at least its longest word, so no word and no
    code ("KN-2026-00123", "45/BC-HĐND") breaks; the rest goes to the columns in proportion to how much
    longer their longest text is. The DOCX and the PDF share them, so their tables look alike."""
    count = len(table.columns)
    if not count:
        return []
    minimum, natural = [], []
    for index in range(count):
        texts = [str(table.columns[index])] + [
            format_cell(row[index]) for row in [*table.rows, table.total or []] if index < len(row)
        ]
        words = [_word_cm(word) for text in texts for word in text.split()] or [CHAR_CM]
        minimum.append(max(words) + CELL_PADDING_CM)
        natural.append(min(max(len(t) for t in texts), 45) * CHAR_CM + CELL_PADDING_CM)
    if sum(minimum) >= available:
        return [available * m / sum(minimum) for m in minimum]
    if sum(natural) <= available:
        return [available * n / sum(natural) for n in natural]
    spare = available - sum(minimum)
    extra = [max(n - m, 0) for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(minimum, extra, strict=True)]


def _word_cm(word: str) -> float:
    """A word's width: capitals at ``CHAR_CM``, digits, small letters and marks narrower (a date or a code
    of digits would otherwise take the width a subject column needs); a code gets room to spare, as a
    substituted font must not break it at its hyphen."""
    if is_code(word):
        return len(word) * CHAR_CM
    return sum(CHAR_CM if c.isupper() else 0.23 for c in word)


def is_code(word: str) -> bool:
    """Whether a word is a code a line must not break inside: a reference or a symbol with a hyphen or a
    slash ("KN-2026-00123", "45/BC-HĐND"), where a renderer would otherwise allow a break."""
    word = word.strip("()[];,.")
    return len(word) > 1 and any(c in word for c in "-/‐–") and any(c.isalnum() for c in word)
