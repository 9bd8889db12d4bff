"""The report as a Word file in the layout of Decree 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman 14 pt,
the two-column heading (issuing body | national motto), numbered sections, "Nơi nhận" and the signature."""

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.charts import render_png

from .common import (
    PARTY_TITLE,
    ChartBlock,
    Heading,
    Paragraph,
    TableBlock,
    appendix_reference,
    appendix_title,
    body_blocks,
    column_widths,
    date_line,
    format_cell,
    is_party,
    issuer_name,
    looks_numeric,
    nfc,
    normalized,
    recipient_lines,
)
from .content import Document, Table

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TEXT_WIDTH_CM = 21 - 3 - 1.5  # A4 width less the left and right margins
HEADER_LEFT_CM = 6.5
PARTY_HEADER_LEFT_CM = 7.8  # "ĐẢNG BỘ TỈNH ĐỒNG THÁP" in 14 pt on one line
CLOSING_LEFT_CM = 7.0
HEADER_FILL = "D9D9D9"

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


# --- low-level helpers ------------------------------------------------------------------------------------


def _set_fonts(rpr_parent, name: str = FONT) -> None:
    """Set w:rFonts ascii/hAnsi/cs/eastAsia on an element holding w:rPr (a run, a style), dropping theme fonts
    which would otherwise win over the explicit name."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), name)


def _run(paragraph, text: str, *, size=None, bold=None, italic=None, underline=None):
    run = paragraph.add_run(nfc(text))
    _set_fonts(run._r)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if underline is not None:
        run.font.underline = underline
    return run


def _format(paragraph, *, align=None, indent=None, before=None, after=None, spacing=None, keep=False):
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.first_line_indent = indent
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if spacing is not None:
        fmt.line_spacing = spacing
    if keep:
        fmt.keep_with_next = True
    return paragraph


def _plain(
    container, text: str = "", *, align=WD_ALIGN_PARAGRAPH.CENTER, size=BODY_PT, bold=False, italic=False
):
    """A paragraph without the body's indent and spacing (headings, cells, the signature block)."""
    paragraph = container.add_paragraph()
    _format(paragraph, align=align, indent=Cm(0), before=0, after=0, spacing=1.0)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(container, length_cm: float, width_cm: float, *, before: float = 2, after: float = 2) -> None:
    """A short centred horizontal line: the top border of an empty 1-pt paragraph indented on both sides."""
    paragraph = container.add_paragraph()
    side = max((width_cm - length_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    ppr.append(borders)
    # the paragraph mark sets the height of an empty paragraph: make it 1 pt
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")
        mark.append(size)
    ppr.append(mark)
    _reorder_ppr(ppr)


# w:pPr children must come in schema order or Word calls the file corrupt
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _reorder_ppr(ppr) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def _field(paragraph, instruction: str, *, size=None) -> None:
    """A Word field (PAGE, NUMPAGES) in a paragraph: begin, instruction, separate, a placeholder, end."""

    def char(kind):
        run = _run(paragraph, "", size=size)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = _run(paragraph, "", size=size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    _run(paragraph, "1", size=size)
    char("end")


def _borderless(table) -> None:
    """No borders and narrow side margins: a layout table (the heading, the signature block)."""
    _table_borders(table, "nil")
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Cm(0.05).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)


def _table_borders(table, value: str, size: int = 4) -> None:
    tblpr = table._tbl.tblPr
    existing = tblpr.find(qn("w:tblBorders"))
    if existing is not None:
        tblpr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # schema order within tblPr: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    after = {
        qn(f"w:{n}") for n in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
    }
    for index, child in enumerate(tblpr):
        if child.tag in after:
            tblpr.insert(index, borders)
            break
    else:
        tblpr.append(borders)


def _fixed_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _row_flags(row, *, header: bool = False) -> None:
    """Keep a row on one page; a header row repeats on every page the table runs over."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell_text(cell, text: str, *, align, size=TABLE_PT, bold=False, italic=False) -> None:
    paragraph = cell.paragraphs[0]
    _format(paragraph, align=align, indent=Cm(0), before=2, after=2, spacing=1.0)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)


# --- the document -----------------------------------------------------------------------------------------


def _setup(document, doc: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)

    # the document defaults and the Normal style: Times New Roman 14 pt, justified, first-line indent 1 cm
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.insert(0, fonts)
            for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attr}"), None)
            for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{attr}"), FONT)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(normal.element)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.2
    fmt.widow_control = True
    for name in ("Header", "Footer"):
        if name in [s.name for s in document.styles]:
            style = document.styles[name]
            style.font.name = FONT
            _set_fonts(style.element)

    properties = document.core_properties
    properties.title = doc.subject
    properties.author = issuer_name(doc)
    properties.subject = doc.doc_type
    properties.language = "vi-VN"
    properties.last_modified_by = issuer_name(doc)


def _page_header(document, doc: Document) -> None:
    """Page numbers centred at the top from page 2; the first page carries the "DỰ THẢO" mark of a draft."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    _format(number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(0), before=0, after=0, spacing=1.0)
    _field(number, "PAGE", size=13)
    first = section.first_page_header.paragraphs[0]
    _format(first, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=Cm(0), before=0, after=0, spacing=1.0)
    if doc.draft:
        run = _run(first, " DỰ THẢO ", size=12, bold=True)
        border = OxmlElement("w:bdr")
        for key, value in (("val", "single"), ("sz", "8"), ("space", "1"), ("color", "000000")):
            border.set(qn(f"w:{key}"), value)
        run._r.get_or_add_rPr().append(border)


def _heading_block(document, doc: Document) -> None:
    left_cm = PARTY_HEADER_LEFT_CM if is_party(doc) else HEADER_LEFT_CM
    right_cm = TEXT_WIDTH_CM - left_cm
    table = document.add_table(rows=2, cols=2)
    _borderless(table)
    _fixed_widths(table, [left_cm, right_cm])
    (left, right), (number_cell, date_cell) = (row.cells for row in table.rows)

    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if is_party(doc):
        # Guidance 36-HD/VPTW: the superior Party body upright, the issuing body in bold, a star beneath;
        # "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, underlined by a rule of its length
        lines = [nfc(line).upper() for line in doc.issuer_lines]
        for index, line in enumerate(lines):
            _plain(left, line, size=14, bold=index == len(lines) - 1 or len(lines) == 1)
        _plain(left, "*", size=14)
        _plain(right, PARTY_TITLE, size=15, bold=True)
        _rule(right, 6.9, right_cm)
    else:
        for line in doc.issuer_lines:
            # Decree 30: the issuing body's name in bold capitals
            _plain(left, nfc(line).upper(), size=13, bold=True)
        _rule(left, 2.5, HEADER_LEFT_CM)
        _plain(right, NATIONAL_NAME, size=12, bold=True)
        _plain(right, MOTTO, size=13.5, bold=True)
        _rule(right, 5.6, right_cm)

    number = number_cell.paragraphs[0]
    _format(number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(0), before=2, after=0, spacing=1.0)
    _run(number, doc.number, size=14 if is_party(doc) else 13)
    date = date_cell.paragraphs[0]
    _format(date, align=WD_ALIGN_PARAGRAPH.CENTER, indent=Cm(0), before=2, after=0, spacing=1.0)
    _run(date, date_line(doc), size=14, italic=True)


def _title(document, doc: Document) -> None:
    party = is_party(doc)
    kind = _plain(document, nfc(doc.doc_type).upper(), size=16 if party else BODY_PT, bold=True)
    _format(kind, before=18, after=0, keep=True)
    subject = _plain(document, doc.subject, size=BODY_PT, bold=True)
    _format(subject, keep=True, spacing=1.15)
    if party:
        # a Party document's title ends with a short dashed line
        _format(_plain(document, "-----", size=BODY_PT), before=0, after=8, keep=True)
    else:
        _rule(document, 4.0, TEXT_WIDTH_CM, before=4, after=8)


def _heading(document, block: Heading) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, before=8 if block.level == 0 else 6, keep=True)
    _run(paragraph, f"{block.label} {block.text}", bold=True, italic=block.level >= 2)


def _table(document, table: Table, caption: str) -> None:
    title = _plain(document, caption, size=13, bold=True, italic=True)
    _format(title, before=6, after=4, keep=True, spacing=1.15)
    columns = len(table.columns)
    if not columns:
        return
    rows = [list(r) for r in table.rows]
    word = document.add_table(rows=1 + len(rows) + (1 if table.total else 0), cols=columns)
    word.style = document.styles["Table Grid"]
    _table_borders(word, "single", size=4)
    _fixed_widths(word, column_widths(table, TEXT_WIDTH_CM))

    header = word.rows[0]
    _row_flags(header, header=True)
    for cell, text in zip(header.cells, table.columns, strict=True):
        _shade(cell, HEADER_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, str(text), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    body = rows + ([list(table.total)] if table.total else [])
    for index, values in enumerate(body, start=1):
        row = word.rows[index]
        _row_flags(row)
        bold = bool(table.total) and index == len(body)
        values = (values + [None] * columns)[:columns]
        for cell, value in zip(row.cells, values, strict=True):
            align = WD_ALIGN_PARAGRAPH.RIGHT if looks_numeric(value) else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(cell, format_cell(value), align=align, bold=bold)
    if table.note:
        note = _plain(document, table.note, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=TABLE_PT, italic=True)
        _format(note, before=3, after=6, spacing=1.1)
    else:
        _format(_plain(document, "", size=6), after=4)


CHART_MAX_CM = 9


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _chart(document, block: ChartBlock) -> None:
    picture = _plain(document)
    _format(picture, before=6, after=2, keep=True)
    png = render_png(block.chart, dpi=200, title=False)
    width, height = _png_size(png)
    # a tall chart is scaled down to 9 cm high, so it fits below most pages' text (as in the PDF)
    size = {"height": Cm(CHART_MAX_CM)} if height * 15 > CHART_MAX_CM * width else {"width": Cm(15)}
    picture.add_run().add_picture(io.BytesIO(png), **size)
    caption = _plain(document, block.caption, size=13, italic=True)
    _format(caption, after=6, spacing=1.1)


def _appendix(document, doc: Document) -> None:
    heading = _format(_plain(document, "PHỤ LỤC", size=BODY_PT, bold=True), after=2, keep=True)
    heading.paragraph_format.page_break_before = True
    _format(_plain(document, appendix_reference(doc), size=13, italic=True), after=10, keep=True)
    for index, table in enumerate(doc.appendix, start=1):
        _table(document, table, appendix_title(index, table))


def _closing(document, doc: Document) -> None:
    # the signature never stands alone on a page: the last paragraph of the text goes with it
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = _plain(document, "", size=8)
    _format(spacer, before=6, keep=True)
    right_cm = TEXT_WIDTH_CM - CLOSING_LEFT_CM
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _fixed_widths(table, [CLOSING_LEFT_CM, right_cm])
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells

    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    if is_party(doc):
        # Guidance 36-HD/VPTW: "Nơi nhận:" underlined, upright
        title = _plain(left, "", align=WD_ALIGN_PARAGRAPH.LEFT)
        _run(title, "Nơi nhận:", size=14, underline=True)
    else:
        _plain(left, "Nơi nhận:", align=WD_ALIGN_PARAGRAPH.LEFT, size=12, bold=True, italic=True)
    for line in recipient_lines(doc):
        _plain(left, line, align=WD_ALIGN_PARAGRAPH.LEFT, size=12 if is_party(doc) else 11)

    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    for line in doc.signer_lines:
        _plain(right, nfc(line).upper(), size=BODY_PT, bold=True)
    for _ in range(4):
        _plain(right, "", size=BODY_PT)
    if doc.signer_name:
        _plain(right, doc.signer_name, size=BODY_PT, bold=True)
    # a body must not end with a table
    _plain(document, "", size=2)


def render_docx(doc: Document) -> bytes:
    """The document as a .docx file (Decree 30/2020/NĐ-CP layout), every string in NFC form."""
    doc = normalized(doc)
    document = new_docx()
    _setup(document, doc)
    _page_header(document, doc)
    # the template's body starts with no paragraph; the heading table comes first
    _heading_block(document, doc)
    _title(document, doc)
    for block in body_blocks(doc):
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            _format(document.add_paragraph(), keep=False).add_run(block.text)
        elif isinstance(block, TableBlock):
            _table(document, block.table, block.caption)
        elif isinstance(block, ChartBlock):
            _chart(document, block)
    # Decree 30: the recipients and the signature end the document; an appendix follows on its own pages
    _closing(document, doc)
    if doc.appendix:
        _appendix(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
