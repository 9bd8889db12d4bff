"""The content of each periodic report, written from the figures (``reports.metrics``) the dashboard shows.

Builders run under the council's language (Vietnamese); they return a ``Document`` that the renderers
turn into DOCX, XLSX and PDF. Citizens' personal data never enters a report: petitions appear by code and
subject only.
"""

import datetime as dt
import unicodedata
from collections.abc import Callable

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from council import quota
from council.models import Council, FollowUp
from council.models.followups import SourceKind
from delegates.models import StandingPosition

from . import figures, metrics
from .charts_data import breakdown_chart, breakdown_rows, comparison_chart
from .dashboards import PANELS, scorecard
from .documents.content import Chart, Document, Section, Table
from .metrics import Window
from .models import Report
from .periods import Period, parse_period

Progress = Callable[[int, str], None]


def percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def number(value) -> int | float | str:
    return "—" if value is None else value


def issuer_lines(council: Council) -> list[str]:
    """“HỘI ĐỒNG NHÂN DÂN / TỈNH ĐỒNG THÁP” from the council's name."""
    name = unicodedata.normalize("NFC", council.name.strip())
    head = "Hội đồng nhân dân"
    if name.lower().startswith(head.lower()):
        return [head.upper(), name[len(head) :].strip().upper()]
    return [name.upper()]


def signer(council: Council, on: dt.date) -> tuple[list[str], str]:
    """The signature block: on behalf of the Standing Committee, its chair (name from the records)."""
    chair = (
        StandingPosition.objects.filter(council=council, role=StandingPosition.Role.CHAIR, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("mandate__delegate")
        .first()
    )
    return [
        _("ON BEHALF OF THE STANDING COMMITTEE"),
        _("CHAIR"),
    ], chair.mandate.delegate.full_name if chair else ""


class Figures:
    """The figures one report reads, computed fresh (and stored as summary rows on the way)."""

    def __init__(self, council: Council, windows: dict[str, Window], keys: list[str]):
        self.council = council
        self.windows = windows
        wanted = [(k, w) for k in keys for w in windows.values()]
        self.data, _as_of = figures.read(council, wanted, fresh=True)

    def raw(self, key: str, which: str = "this") -> dict:
        return self.data[(key, self.windows[which])]

    def __call__(self, key: str, which: str = "this"):
        return metrics.value(self.raw(key, which), metrics.get(key).unit)

    def shown(self, key: str, which: str = "this"):
        value = self(key, which)
        return percent(value) if metrics.get(key).unit == "percent" else number(value)


def answers_sentence(f: "Figures") -> str:
    """How the agencies answered the petitions due in the period, and what was overdue at its end."""
    answers = f.raw("answers_on_time")
    overdue = _("%(overdue)s answers were overdue at the end of the period.") % {
        "overdue": f("petitions_overdue")
    }
    if not answers.get("d"):
        return _("No answer to a petition fell due in the period.") + " " + overdue
    return (
        _("Of the %(due)s answers due in the period, the agencies gave %(on_time)s (%(rate)s) on time.")
        % {"due": answers["d"], "on_time": answers["n"], "rate": f.shown("answers_on_time")}
        + " "
        + overdue
    )


# The dashboard's figures, in its order, and the exemplary models the annual report also counts.
SUMMARY_KEYS = [k for _title, keys in PANELS for k in keys] + ["exemplary"]
BREAKDOWN_KEYS = ["petitions_by_field", "petitions_by_agency", "petitions_by_channel", "letters_by_kind"]


def summary_table(f: Figures, labels: list[str]) -> Table:
    return Table(
        key=_("Figures"),
        title=_("Main figures of the period compared"),
        columns=[_("Figure"), *labels],
        rows=[
            [str(metrics.get(k).label), *(f.shown(k, which) for which in ("this", "before", "year_ago"))]
            for k in SUMMARY_KEYS
        ],
    )


def breakdown_table(f: Figures, key: str, title: str, column: str) -> Table:
    rows = breakdown_rows(metrics.get(key), f.raw(key))
    total = sum(count for _name, count in rows)
    return Table(
        key=title[:31],
        title=title,
        columns=[_("No."), column, _("Petitions"), _("Share")],
        rows=[
            [i, name, count, percent(100 * count / total if total else None)]
            for i, (name, count) in enumerate(rows, start=1)
        ],
        total=["", _("Total"), total, percent(100.0 if total else None)],
    )


def agency_answers_table(council: Council, window: Window) -> Table:
    """Per agency: petition answers due in the period, given on time, late, and still overdue at its end."""
    due = FollowUp.objects.filter(
        council=council,
        source_kind=SourceKind.PETITION,
        due_date__range=(window.start, metrics.as_of(window)),
    )
    rows = (
        due.values("agency__name")
        .annotate(
            due=Count("pk"),
            on_time=Count(
                "pk", filter=Q(first_answered_on__isnull=False, first_answered_on__lte=F("due_date"))
            ),
            late=Count(
                "pk", filter=Q(first_answered_on__gt=F("due_date"), first_answered_on__lte=window.end)
            ),
        )
        .order_by("-due", "agency__name")
    )
    table_rows = []
    totals = [0, 0, 0, 0]
    for i, r in enumerate(rows, start=1):
        missing = r["due"] - r["on_time"] - r["late"]
        table_rows.append(
            [
                i,
                r["agency__name"],
                r["due"],
                r["on_time"],
                r["late"],
                missing,
                percent(100 * r["on_time"] / r["due"] if r["due"] else None),
            ]
        )
        for j, v in enumerate((r["due"], r["on_time"], r["late"], missing)):
            totals[j] += v
    return Table(
        key=_("Answers by agency"),
        title=_("Answers to voters' petitions due in the period, by agency"),
        columns=[
            _("No."),
            _("Agency"),
            pgettext("answers due, a count", "Due"),
            _("On time"),
            _("Late"),
            _("Not answered"),
            _("On-time rate"),
        ],
        rows=table_rows,
        total=["", _("Total"), *totals, percent(100 * totals[1] / totals[0] if totals[0] else None)],
    )


def overdue_table(council: Council, window: Window, *, limit: int = 200) -> Table:
    """The petition answers overdue at the end of the period (by code and subject only)."""
    items = (
        metrics.get("petitions_overdue")
        .records(council, window)
        .select_related("agency")
        .order_by("due_date", "pk")
    )
    return Table(
        key=_("Overdue petitions"),
        title=_("Petition answers overdue at the end of the period"),
        columns=[_("No."), _("Reference"), _("Subject"), _("Agency"), _("Due date"), _("Days overdue")],
        rows=[
            [
                i,
                f.reference,
                f.title,
                f.agency.name,
                f"{f.due_date:%d/%m/%Y}",
                (metrics.as_of(window) - f.due_date).days,
            ]
            for i, f in enumerate(items[:limit], start=1)
        ],
        note=_("The first %(limit)s items by due date.") % {"limit": limit} if items.count() > limit else "",
    )


def scorecard_table(council: Council, period: Period, today: dt.date) -> tuple[Table, list]:
    lines, _as_of = scorecard(council, period, today, fresh=True)  # a report never prints a stale figure
    rows = []
    for i, line in enumerate(lines, start=1):
        unit = line.metric.unit
        shown = percent(line.value) if unit == "percent" else number(line.value)
        threshold = percent(float(line.target.threshold)) if unit == "percent" else int(line.target.threshold)
        rows.append([i, line.target.code, line.target.description, shown, threshold, str(line.status_label)])
    table = Table(
        key=_("Targets"),
        title=_("Targets of the founding conclusion (T1–T9)"),
        columns=[
            _("No."),
            _("Code"),
            _("Target"),
            _("Result"),
            _("Threshold"),
            pgettext("report column", "Assessment"),
        ],
        rows=rows,
    )
    return table, lines


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
        return _("overdue by %(days)s days") % {"days": (on - f.due_date).days}
    return _("due on %(date)s") % {"date": f"{f.due_date:%d/%m/%Y}"}


# ---------------------------------------------------------------- activity reports


def running_note(period: Period, today: dt.date) -> list[str]:
    """A report asked for before its period ends says its figures stop at today."""
    if period.end < today:
        return []
    return [
        _(
            "The period has not ended: the figures are those of %(today)s; the report is drafted again once it ends."
        )
        % {"today": f"{today:%d/%m/%Y}"}
    ]


def activity_report(report: Report, progress: Progress) -> Document:
    council = report.council
    period = parse_period(report.period, today=max(timezone.localdate(), report.period_start))
    today = timezone.localdate()
    windows = {
        "this": Window(period.start, period.end),
        "before": Window(period.previous().start, period.previous().end),
        "year_ago": Window(period.year_before().start, period.year_before().end),
    }
    progress(10, _("Computing the figures"))
    f = Figures(council, windows, SUMMARY_KEYS + BREAKDOWN_KEYS)
    this = windows["this"]
    label = period.label()
    labels = [period.short_label(), period.previous().short_label(), period.year_before().short_label()]
    progress(40, _("Writing the sections"))

    t3 = _("%(t3)s of the delegates have spoken at least once this term (T3).") % {
        "t3": f.shown("t3_delegates")
    }
    if f("sessions"):
        held = [
            _("In %(period)s the council held %(sessions)s sessions with %(sittings)s sittings.")
            % {"period": label, "sessions": f("sessions"), "sittings": f("sittings")},
            _(
                "Every delegate group spoke in the plenary at %(t2)s of the sessions (T2); discussion, debate and "
                "interpellation took %(t4)s of the sitting time (T4; %(t4_before)s in the previous period)."
            )
            % {
                "t2": f.shown("t2_sessions"),
                "t4": f.shown("t4_discussion"),
                "t4_before": f.shown("t4_discussion", "before"),
            },
            t3,
        ]
    else:
        held = [_("The council held no session in %(period)s.") % {"period": label}, t3]
    sessions = Section(_("Sessions of the council"), held)
    kept = f.raw("commitments_kept")
    interpellations = Section(
        _("Interpellation and commitments"),
        [
            _("Delegates submitted %(count)s interpellations, %(between)s of them between sessions.")
            % {"count": f("interpellations"), "between": f("interpellations_between")},
            _(
                "Of the %(due)s commitments made in answers and due in the period, %(kept)s (%(rate)s) were verified as kept."
            )
            % {"due": kept["d"], "kept": kept["n"], "rate": f.shown("commitments_kept")}
            if kept.get("d")
            else _("No commitment made in answers fell due in the period."),
        ],
    )
    done = f.raw("recommendations_done")
    oversight = Section(
        pgettext("report section", "Oversight"),
        [
            _(
                "%(activities)s oversight activities were under way (%(re)s re-oversight), with %(surveys)s field surveys. "
                "They made %(recs)s recommendations, %(leadership)s of them selected to report to the leadership."
            )
            % {
                "activities": f("activities"),
                "re": f("reoversight"),
                "surveys": f("surveys"),
                "recs": f("recommendations"),
                "leadership": f("recommendations_leadership"),
            },
            _("Of the %(due)s recommendations due so far, %(done)s (%(rate)s) have been carried out.")
            % {"due": done["d"], "done": done["n"], "rate": f.shown("recommendations_done")}
            if done.get("d")
            else _("No oversight recommendation has fallen due yet."),
            _(
                "The Standing Committee and the committees held %(explanations)s explanation sessions and %(hearings)s "
                "hearings; %(monitored)s of the term's resolutions are under oversight."
            )
            % {
                "explanations": f("explanations"),
                "hearings": f("hearings"),
                "monitored": f.shown("resolutions_monitored"),
            },
        ],
    )
    voters = Section(
        _("Voter contact and voters' petitions"),
        [
            _("Delegates held %(meetings)s voter meetings; %(petitions)s petitions were received.")
            % {"meetings": f("voter_meetings"), "petitions": f("petitions")},
            answers_sentence(f),
            breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
            agency_answers_table(council, this),
        ],
    )
    letters = Section(
        _("Citizen reception and letters"),
        [
            _("%(receptions)s citizen reception days were held and %(letters)s letters received.")
            % {"receptions": f("receptions"), "letters": f("letters")},
        ],
    )
    delegates = Section(
        _("Delegates' activity"),
        [
            _(
                "%(trainings)s training courses (attendance %(attendance)s), %(group_meetings)s delegate group meetings; "
                "%(evaluated)s of the delegates have been evaluated for the year, %(assessed)s action programme "
                "commitments assessed, %(nominations)s emulation nominations."
            )
            % {
                "trainings": f("trainings"),
                "attendance": f.shown("training_attendance"),
                "group_meetings": f("group_meetings"),
                "evaluated": f.shown("evaluations"),
                "assessed": f("assessments"),
                "nominations": f("nominations"),
            },
        ],
    )
    progress(55, _("Assessing the targets"))
    targets, lines = scorecard_table(council, period, today)
    unmet = [line for line in lines if line.status in (quota.FAILED, quota.OPEN)]
    still_open = [line for line in unmet if line.status == quota.OPEN]
    failed = [line for line in unmet if line.status == quota.FAILED]
    assessment = Section(
        _("Overall assessment"),
        [
            _("%(met)s of the %(total)s targets of the founding conclusion are met for %(period)s.")
            % {"met": sum(line.status == "met" for line in lines), "total": len(lines), "period": label},
            targets,
            # The two meanings of "chưa đạt" kept apart: still open, or closed without being met.
            *(
                [
                    _("Targets not yet met, their window still open: %(list)s.")
                    % {"list": "; ".join(f"{ln.target.code} {ln.target.description}" for ln in still_open)}
                ]
                if still_open
                else []
            ),
            *(
                [
                    _("Targets not met, their window closed: %(list)s.")
                    % {"list": "; ".join(f"{ln.target.code} {ln.target.description}" for ln in failed)}
                ]
                if failed
                else []
            ),
        ],
    )
    next_steps = [
        _("Follow up the %(count)s overdue answers to voters' petitions with the agencies concerned.")
        % {"count": f("petitions_overdue")}
        if f("petitions_overdue")
        else None,
        *[
            _("Act on target %(code)s: %(target)s.")
            % {"code": ln.target.code, "target": ln.target.description}
            for ln in unmet
        ],
        _("Carry out the oversight programme and prepare the next session."),
    ]
    compared = ("sessions", "interpellations", "surveys", "petitions", "letters")
    chart = comparison_chart(
        _("Main figures against the previous period and the same period a year earlier"),
        [metrics.get(k) for k in compared],
        labels,
        [[f(k, which) or 0 for k in compared] for which in ("this", "before", "year_ago")],
        kind="bar",
    )
    progress(70, _("Writing the appendix"))
    signer_lines, signer_name = signer(council, today)
    kind_subject = {
        Report.Kind.QUARTERLY: _("Activities of the People's Council in %(period)s"),
        Report.Kind.HALF_YEAR: _(
            "Activities of the People's Council in %(period)s and tasks for the months ahead"
        ),
        Report.Kind.ANNUAL: _("Activities of the People's Council in %(period)s and tasks for the next year"),
    }[report.kind]
    return Document(
        issuer_lines=issuer_lines(council),
        number=_("No.: .../BC-HĐND"),
        place=council.place_name or council.name,
        date=None,
        year=today.year,
        doc_type=_("REPORT"),
        subject=kind_subject % {"period": label},
        intro=[
            _(
                "The Standing Committee of the People's Council reports on the council's activities in %(period)s "
                "as follows:"
            )
            % {"period": label},
            *running_note(period, today),
        ],
        sections=[
            Section(
                _("Results"), subsections=[sessions, interpellations, oversight, voters, letters, delegates]
            ),
            Section(pgettext("report section", "Assessment"), [chart], subsections=[assessment]),
            Section(_("Tasks for the period ahead"), [s for s in next_steps if s]),
        ],
        appendix=[
            summary_table(f, labels),
            breakdown_table(f, "petitions_by_field", _("Petitions by field"), _("Field")),
            breakdown_table(f, "petitions_by_channel", _("Petitions by channel"), _("Channel")),
            overdue_table(council, this),
        ],
        signer_lines=signer_lines,
        signer_name=signer_name,
        recipients=[
            _("Standing Committee of the Provincial Party Committee"),
            _("Standing Committee of the People's Council"),
            _("Committees of the People's Council"),
            pgettext("recipients", "Delegate groups"),
        ],
        file_stem=f"{report.kind}-{report.period}",
    )


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
    signer_lines, signer_name = signer(council, today)
    label = period.label()
    return Document(
        issuer_lines=issuer_lines(council),
        number=_("No.: .../BC-HĐND"),
        place=council.place_name or council.name,
        date=None,
        year=today.year,
        doc_type=_("REPORT"),
        subject=_("Issues found through oversight and voter contact in %(period)s") % {"period": label},
        intro=[
            _(
                "Carrying out the conclusion of the Party Standing Board, the Standing Committee of the People's "
                "Council reports the issues found through oversight and voter contact in %(period)s:"
            )
            % {"period": label},
            *running_note(period, today),
        ],
        sections=[
            Section(
                _("Main activities"),
                [
                    _(
                        "%(activities)s oversight activities and %(surveys)s field surveys; %(meetings)s voter meetings and "
                        "%(receptions)s citizen reception days; %(petitions)s voters' petitions received."
                    )
                    % {
                        "activities": f("activities"),
                        "surveys": f("surveys"),
                        "meetings": f("voter_meetings"),
                        "receptions": f("receptions"),
                        "petitions": f("petitions"),
                    },
                ],
            ),
            Section(
                _("Issues found through oversight"),
                [
                    _("%(count)s recommendations were selected as important for the leadership.")
                    % {"count": len(flagged)}
                    if flagged
                    else _("No recommendation of the period was selected for the leadership."),
                    *([issues] if flagged else []),
                ],
            ),
            Section(
                _("What voters are concerned about"),
                [
                    _("The fields voters raised most: %(fields)s.")
                    % {"fields": "; ".join(f"{name} ({count})" for name, count in by_field) or "—"},
                    answers_sentence(f),
                    breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
                ],
            ),
            Section(
                _("Proposals"),
                [
                    _(
                        "That the Party Standing Board direct the agencies concerned to settle the issues above and the "
                        "overdue answers to voters' petitions."
                    ),
                ],
            ),
        ],
        appendix=[overdue_table(council, window)],
        signer_lines=signer_lines,
        signer_name=signer_name,
        recipients=[
            _("Standing Committee of the Provincial Party Committee"),
            _("Standing Committee of the People's Council"),
        ],
        file_stem=f"{report.kind}-{report.period}",
    )


def petitions_report(report: Report, progress: Progress) -> Document:
    """Before a regular session: the petitions received since the last one and how they were answered."""
    from sessions.models import Session

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
    today = timezone.localdate()
    signer_lines, signer_name = signer(council, today)
    dates = {"start": f"{window.start:%d/%m/%Y}", "end": f"{window.end:%d/%m/%Y}"}
    return Document(
        issuer_lines=issuer_lines(council),
        number=_("No.: .../BC-HĐND"),
        place=council.place_name or council.name,
        date=None,
        year=today.year,
        doc_type=_("REPORT"),
        subject=_("Voters' petitions sent to %(session)s and how they were answered")
        % {"session": session.title},
        intro=[
            _(
                "From %(start)s to %(end)s the Standing Committee received and forwarded voters' petitions as "
                "follows:"
            )
            % dates
        ],
        sections=[
            Section(
                _("Petitions received"),
                [
                    _("%(meetings)s voter meetings were held and %(petitions)s petitions received.")
                    % {"meetings": f("voter_meetings"), "petitions": f("petitions")},
                    breakdown_table(f, "petitions_by_field", _("Petitions by field"), _("Field")),
                    breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
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
                        "That the agencies answer the overdue petitions before the session, and the council monitor "
                        "those still unresolved."
                    ),
                ],
            ),
        ],
        appendix=[
            overdue_table(council, window),
            breakdown_table(f, "petitions_by_agency", _("Petitions by agency"), _("Agency")),
        ],
        signer_lines=signer_lines,
        signer_name=signer_name,
        recipients=[
            _("Delegates of the People's Council"),
            _("The Fatherland Front Committee"),
            _("The People's Committee"),
        ],
        file_stem=f"{report.kind}-{report.period}",
    )


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
