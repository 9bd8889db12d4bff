"""The content of each periodic report, written from the figures (``reports.metrics``) the dashboard shows.

A builder per kind of report returns a ``Document`` that the renderers turn into DOCX, XLSX and PDF:
``activity`` (quarterly, six-month, annual), ``proactive`` (to the Party Standing Board), ``petitions``
(before a regular session); ``common`` holds what they share. ``build`` runs the right one, and
``from_snapshot`` rebuilds a stored document to render it again.
"""

import datetime as dt

from ..documents.content import Chart, Document, Section, Table
from ..models import Report
from .activity import activity_report
from .common import Progress
from .petitions import petitions_report
from .proactive import proactive_report

BUILDERS = {
    Report.Kind.QUARTERLY: activity_report,
    Report.Kind.HALF_YEAR: activity_report,
    Report.Kind.ANNUAL: activity_report,
    Report.Kind.PROACTIVE: proactive_report,
    Report.Kind.PETITIONS: petitions_report,
}


def build(report: Report, *, progress: Progress) -> Document:
    document = BUILDERS[report.kind](report, progress)
    for table in _tables(document):
        table.rows = [[_plain(c) for c in row] for row in table.rows]
    return document


def _tables(document: Document):
    yield from document.appendix
    stack = list(document.sections)
    while stack:
        section = stack.pop()
        stack.extend(section.subsections)
        yield from (b for b in section.blocks if isinstance(b, Table))


def _plain(cell):
    """Cells kept JSON-safe for the snapshot: numbers stay numbers, everything else is text."""
    if cell is None or isinstance(cell, int | float | str):
        return cell
    return str(cell)


def from_snapshot(data: dict) -> Document:
    """The document stored with a report, rebuilt to be rendered again (issuing never recomputes)."""

    def block(b):
        if isinstance(b, dict) and "columns" in b:
            return Table(**b)
        if isinstance(b, dict) and "series" in b:
            return Chart(**{**b, "series": [tuple(s) for s in b["series"]]})
        return b

    def section(s):
        return Section(s["heading"], [block(b) for b in s["blocks"]], [section(x) for x in s["subsections"]])

    values = dict(data)
    values["sections"] = [section(s) for s in data["sections"]]
    values["appendix"] = [Table(**t) for t in data["appendix"]]
    if isinstance(values.get("date"), str):
        values["date"] = dt.date.fromisoformat(values["date"])
    return Document(**values)
