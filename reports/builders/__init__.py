"""The content of each periodic report, written from the figures (``reports.metrics``) the dashboard shows.

A builder per kind of report returns a ``Document`` that the renderers turn into DOCX, XLSX and PDF:
``activity`` (quarterly, six-month, annual), ``proactive`` (to the Party Standing Board), ``petitions``
(before a regular session); ``common`` holds what they share. ``build`` runs the right one, and
``from_snapshot`` rebuilds a stored document to render it again.
"""

import datetime as dt
import re

from ..documents.content import Chart, Document, Section, Table
from ..kinds import spec_of
from ..models import Report
from .common import Progress


def build(report: Report, *, progress: Progress) -> Document:
    document = spec_of(report.kind).build(report, progress)
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
    """Cells kept JSON-safe for the snapshot: numbers stay numbers, dates stay dates (the snapshot's encoder
    writes them in ISO form, ``_typed`` reads them back), everything else is text."""
    if cell is None or isinstance(cell, int | float | str | dt.date):
        return cell
    return str(cell)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


def _typed(cell):
    """A stored table cell as the builder gave it: an ISO date (or date and time) is a date again."""
    if isinstance(cell, str) and _ISO_DATE.fullmatch(cell):
        try:
            return dt.date.fromisoformat(cell)
        except ValueError:
            return cell
    if isinstance(cell, str) and _ISO_DATETIME.fullmatch(cell):
        try:
            return dt.datetime.fromisoformat(cell.replace("Z", "+00:00"))
        except ValueError:
            return cell
    return cell


def _table(data: dict) -> Table:
    table = Table(**data)
    table.rows = [[_typed(c) for c in row] for row in table.rows]
    if table.total:
        table.total = [_typed(c) for c in table.total]
    return table


def from_snapshot(data: dict) -> Document:
    """The document stored with a report, rebuilt to be rendered again (issuing never recomputes)."""

    def block(b):
        if isinstance(b, dict) and "columns" in b:
            return _table(b)
        if isinstance(b, dict) and "series" in b:
            return Chart(**{**b, "series": [tuple(s) for s in b["series"]]})
        return b

    def section(s):
        return Section(s["heading"], [block(b) for b in s["blocks"]], [section(x) for x in s["subsections"]])

    values = dict(data)
    values["sections"] = [section(s) for s in data["sections"]]
    values["appendix"] = [_table(t) for t in data["appendix"]]
    values.setdefault("form", "state")
    if isinstance(values.get("date"), str):
        values["date"] = dt.date.fromisoformat(values["date"])
    return Document(**values)
