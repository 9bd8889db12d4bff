"""The report as a PDF (WeasyPrint) in the same Decree 30/2020/NĐ-CP layout as the DOCX."""

import base64

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reports.charts import render_svg

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
    is_code,
    is_party,
    issuer_name,
    looks_numeric,
    nfc,
    normalized,
    recipient_lines,
)
from .content import Document, Table

TEMPLATE = "reports/document_pdf.html"


TEXT_WIDTH_CM = 21 - 3 - 1.5  # A4 less the page's left and right margins (the template's @page)


def _keep_codes(text: str) -> str:
    """The cell's text as HTML with each code in a span no line breaks inside (a hyphen or a slash would
    otherwise let "KN-2026-00123" wrap after "KN-2026-")."""
    return mark_safe(  # every part is escaped
        " ".join(
            f'<span class="code">{escape(word)}</span>' if is_code(word) else escape(word)
            for word in text.split(" ")
        )
    )


def _table(table: Table, caption: str) -> dict:
    columns = len(table.columns)

    def cells(values):
        values = (list(values) + [None] * columns)[:columns]
        return [
            {"text": format_cell(v), "html": _keep_codes(format_cell(v)), "numeric": looks_numeric(v)}
            for v in values
        ]

    return {
        "kind": "table",
        "caption": caption,
        # each column at least as wide as its longest word or code, as in the DOCX
        "widths": [f"{100 * w / TEXT_WIDTH_CM:.2f}%" for w in column_widths(table, TEXT_WIDTH_CM)],
        "columns": [nfc(str(c)) for c in table.columns],
        "rows": [cells(r) for r in table.rows],
        "total": cells(table.total) if table.total else None,
        "note": nfc(table.note),
    }


def _chart(block: ChartBlock) -> dict:
    # an SVG image keeps the chart's text as text in the PDF (sharp and searchable)
    svg = render_svg(block.chart, title=False)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return {"kind": "chart", "caption": block.caption, "src": f"data:image/svg+xml;base64,{data}"}


def context(doc: Document) -> dict:
    """What the template lays out; ``doc`` is expected in NFC form already."""
    blocks = []
    for block in body_blocks(doc):
        if isinstance(block, Heading):
            blocks.append({"kind": "heading", "level": block.level, "label": block.label, "text": block.text})
        elif isinstance(block, Paragraph):
            blocks.append({"kind": "paragraph", "text": block.text})
        elif isinstance(block, TableBlock):
            blocks.append(_table(block.table, block.caption))
        elif isinstance(block, ChartBlock):
            blocks.append(_chart(block))
    # Decree 30: the recipients and the signature end the document; an appendix follows on its own pages
    blocks.append({"kind": "closing"})
    if doc.appendix:
        blocks.append({"kind": "appendix", "reference": appendix_reference(doc)})
        blocks += [_table(t, appendix_title(i, t)) for i, t in enumerate(doc.appendix, start=1)]
    return {
        "doc": doc,
        "issuer_lines": [nfc(line).upper() for line in doc.issuer_lines],
        "issuer_name": issuer_name(doc),
        "date_line": date_line(doc),
        "doc_type": nfc(doc.doc_type).upper(),
        "blocks": blocks,
        "signer_lines": [nfc(line).upper() for line in doc.signer_lines],
        "recipient_lines": recipient_lines(doc),
        "party": is_party(doc),
        "party_title": PARTY_TITLE,
    }


def render_html(doc: Document) -> str:
    """The standalone HTML page WeasyPrint prints (useful to preview the PDF layout)."""
    return nfc(render_to_string(TEMPLATE, context(normalized(doc))))


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes, every string in NFC form."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only the PDF needs it

    doc = normalized(doc)
    html = render_html(doc)
    return HTML(string=html, base_url=".").write_pdf()
