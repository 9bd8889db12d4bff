"""The report on voters' petitions sent to a regular session, written before it opens."""

import datetime as dt

from django.utils.translation import gettext as _

from sessions.models import Session

from .. import metrics
from ..charts_data import breakdown_chart
from ..documents.content import Document, Section
from ..kinds import document_frame
from ..metrics import Window
from ..models import Report
from .common import (
    BREAKDOWN_KEYS,
    Figures,
    Progress,
    agency_answers_table,
    answers_sentence,
    breakdown_table,
    overdue_table,
    voter_contact_sentence,
)


def petitions_report(report: Report, progress: Progress) -> Document:
    """Before a regular session: the petitions received since the last one and how they were answered."""
    council, session = report.council, report.session
    previous = (
        Session.objects.filter(council=council, kind=Session.Kind.REGULAR, start_date__lt=session.start_date)
        .order_by("-start_date")
        .first()
    )
    start = previous.start_date + dt.timedelta(days=1) if previous else dt.date(session.start_date.year, 1, 1)
    window = Window(start, session.start_date - dt.timedelta(days=1))
    progress(10, _("Computing the figures"))
    f = Figures(
        council,
        {"this": window},
        ["petitions", "answers_on_time", "petitions_overdue", "voter_meetings", *BREAKDOWN_KEYS],
    )
    dates = {"start": f"{window.start:%d/%m/%Y}", "end": f"{window.end:%d/%m/%Y}"}
    return Document(
        **document_frame(report),
        subject=_("Voters' petitions sent to %(session)s and how they were answered")
        % {"session": session.title},
        intro=[
            _(
                "From %(start)s to %(end)s the Standing Committee received and forwarded voters' petitions "
                "as follows:"
            )
            % dates
        ],
        sections=[
            Section(
                _("Petitions received"),
                [
                    voter_contact_sentence(f),
                    # the chart right after the sentence it illustrates, the table (which can run over a
                    # page) after it: a chart that cannot fit below a table would leave the page half empty
                    breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
                    breakdown_table(f, "petitions_by_field", _("Petitions by field"), _("Field")),
                ],
            ),
            Section(
                _("Answers of the agencies"),
                [
                    answers_sentence(f),
                    agency_answers_table(council, window),
                ],
            ),
            Section(
                _("Proposals"),
                [
                    _(
                        "That the agencies answer the overdue petitions before the session, and the council "
                        "monitor those still unresolved."
                    ),
                ],
            ),
        ],
        appendix=[
            overdue_table(council, window),
            breakdown_table(f, "petitions_by_agency", _("Petitions by agency"), _("Agency")),
        ],
    )
