"""What a periodic report says, independent of its format: the renderers turn it into DOCX, PDF and XLSX,
so the three files carry the same words and the same figures."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Table:
    """A table of figures; ``key`` names its sheet in the XLSX (at most 31 characters)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]  # cells: str, int, float, Decimal, date or None
    total: list | None = None
    note: str = ""


@dataclass
class Chart:
    """A bar or line chart over categories; one definition gives SVG on screen and PNG on paper."""

    key: str
    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]  # (label, one value per category)
    kind: str = "bar"  # "bar", "barh" or "line"
    unit: str = ""


@dataclass
class Section:
    """A numbered section: its blocks are paragraphs (str), tables and charts in reading order."""

    heading: str
    blocks: list = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)


@dataclass
class Document:
    """A document in the State's layout (Decree 30/2020/NĐ-CP) or, with ``form="party"``, the Party's
    (Guidance 36-HD/VPTW): the two differ in the heading, the number, the signature and the recipients."""

    issuer_lines: list[str]  # e.g. ["HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG THÁP"]
    number: str  # e.g. "Số: .../BC-HĐND" until the report is issued
    place: str  # the place name of the date line
    date: dt.date | None  # None while a draft: "ngày ... tháng ... năm <year>"
    year: int
    doc_type: str  # e.g. "BÁO CÁO"
    subject: str
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)
    signer_lines: list[str] = field(default_factory=list)  # e.g. ["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"]
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)  # without the final "Lưu: VT" line
    draft: bool = True
    file_stem: str = "bao-cao"
    form: str = "state"  # "state" or "party" (reports.kinds)
