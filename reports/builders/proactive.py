"""The proactive report to the Party Standing Board: the issues found through oversight and voter contact."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from council.models import Council, FollowUp
from council.models.followups import SourceKind
from delegates.selectors import party_field_reports, party_reports_missing

from .. import metrics
from ..charts_data import breakdown_chart, breakdown_rows
from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..metrics import Window
from ..models import Report
from ..periods import parse_period
from .common import (
    BREAKDOWN_KEYS,
    SUMMARY_KEYS,
    Figures,
    Progress,
    answers_sentence,
    overdue_table,
    oversight_sentence,
    receptions_sentence,
    running_note,
    voter_contact_sentence,
)


def leadership_recommendations(council: Council, window: Window) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(
            council=council,
            source_kind=SourceKind.RECOMMENDATION,
            report_to_leadership=True,
            assigned_date__lte=window.end,
        )
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
        .select_related("agency")
        .order_by("due_date", "pk")
    )


def _status_text(f: FollowUp, on: dt.date) -> str:
    if f.closed_on and f.closed_on <= on:
        return str(f.get_council_status_display())
    if f.first_answered_on and f.first_answered_on <= on:
        return _("answered, being verified")
    if f.due_date < on:
        late = (on - f.due_date).days
        return ngettext("overdue by %(days)s day", "overdue by %(days)s days", late) % {"days": late}
    return _("due on %(date)s") % {"date": f"{f.due_date:%d/%m/%Y}"}


def party_fields_section(council: Council, period) -> Section:
    """What each member of the Party delegation reported on the field assigned to them (the founding
    conclusion's closing paragraph), and the assignments still unreported for the period."""
    reports = party_field_reports(council, period.start, period.end)
    missing = party_reports_missing(council, period.code)
    blocks: list = []
    if reports:
        blocks.append(
            ngettext(
                "The members of the Party delegation sent %(count)s report on their assigned field:",
                "The members of the Party delegation sent %(count)s reports on their assigned fields:",
                len(reports),
            )
            % {"count": len(reports)}
        )
        blocks += [
            _("Comrade %(name)s (%(field)s, %(period)s): %(summary)s")
            % {
                "name": r.assignment.member.delegate.full_name,
                "field": r.assignment.area,
                "period": r.period_label,
                "summary": r.summary.strip().rstrip("."),
            }
            + "."
            for r in reports
        ]
    else:
        blocks.append(
            _("No member of the Party delegation has reported on an assigned field for the period.")
        )
    if missing:
        blocks.append(
            _("Still to report for the period: %(list)s.")
            % {"list": "; ".join(f"{a.member.delegate.full_name} ({a.area})" for a in missing)}
        )
    return Section(_("The fields followed by the members of the Party delegation"), blocks)


def proactive_report(report: Report, progress: Progress) -> Document:
    """To the Party Standing Board: the issues found through oversight and voter contact (T1, T6)."""
    council = report.council
    period = parse_period(report.period, today=max(timezone.localdate(), report.period_start))
    today = timezone.localdate()
    window = Window(period.start, period.end)
    progress(10, _("Computing the figures"))
    f = Figures(council, {"this": window}, SUMMARY_KEYS + BREAKDOWN_KEYS)
    progress(40, _("Selecting the issues for the leadership"))
    flagged = leadership_recommendations(council, window)
    issues = Table(
        key=_("Issues for the leadership"),
        title=_("Recommendations selected to report to the leadership"),
        columns=[
            _("No."),
            _("Reference"),
            pgettext("report column", "Issue"),
            _("Agency"),
            _("Where it stands"),
        ],
        rows=[
            [i, r.reference, r.title, r.agency.name, _status_text(r, window.end)]
            for i, r in enumerate(flagged, 1)
        ],
    )
    by_field = breakdown_rows(metrics.get("petitions_by_field"), f.raw("petitions_by_field"))[:5]
    label = period.label()
    return Document(
        **document_frame(report),
        subject=_("Issues found through oversight and voter contact in %(period)s") % {"period": label},
        intro=[
            _(
                "Carrying out its conclusion on the work of the People's Council, the Party delegation "
                "reports to the Permanent members and the Standing Committee of the Provincial Party "
                "Committee the issues found through oversight and voter contact in %(period)s:"
            )
            % {"period": label},
            *running_note(period, today),
        ],
        sections=[
            Section(
                _("Main activities"),
                [
                    " ".join([oversight_sentence(f), voter_contact_sentence(f), receptions_sentence(f)]),
                ],
            ),
            Section(
                _("Issues found through oversight"),
                [
                    ngettext(
                        "%(count)s recommendation was selected as important for the leadership.",
                        "%(count)s recommendations were selected as important for the leadership.",
                        len(flagged),
                    )
                    % {"count": len(flagged)}
                    if flagged
                    else _("No recommendation of the period was selected for the leadership."),
                    *([issues] if flagged else []),
                ],
            ),
            Section(
                _("What voters are concerned about"),
                [
                    ngettext(
                        "The field voters raised most: %(fields)s.",
                        "The fields voters raised most: %(fields)s.",
                        len(by_field),
                    )
                    % {"fields": "; ".join(f"{name} ({count})" for name, count in by_field)}
                    if by_field
                    else _("Voters raised no petition in the period."),
                    answers_sentence(f),
                    breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
                ],
            ),
            party_fields_section(council, period),
            Section(
                _("Proposals"),
                [
                    _(
                        "That the Party Standing Board direct the agencies concerned to settle the issues "
                        "above and the overdue answers to voters' petitions."
                    ),
                ],
            ),
        ],
        appendix=[overdue_table(council, window)],
    )
