"""The quarterly, six-month and annual activity reports of the council."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from council import quota
from council.models import Council

from .. import metrics
from ..charts_data import breakdown_chart, comparison_chart
from ..dashboards import scorecard
from ..documents.content import Document, Section, Table
from ..metrics import Window
from ..models import Report
from ..periods import Period, parse_period
from .common import (
    BREAKDOWN_KEYS,
    SUMMARY_KEYS,
    Figures,
    Progress,
    agency_answers_table,
    answers_sentence,
    breakdown_table,
    issuer_lines,
    number,
    overdue_table,
    percent,
    running_note,
    signer,
    summary_table,
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
                "Every delegate group spoke in the plenary at %(t2)s of the sessions (T2); discussion, "
                "debate and interpellation took %(t4)s of the sitting time (T4; %(t4_before)s in the "
                "previous period)."
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
                "Of the %(due)s commitments made in answers and due in the period, %(kept)s (%(rate)s) were "
                "verified as kept."
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
                "%(activities)s oversight activities were under way (%(re)s re-oversight), with %(surveys)s "
                "field surveys. They made %(recs)s recommendations, %(leadership)s of them selected to "
                "report to the leadership."
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
                "The Standing Committee and the committees held %(explanations)s explanation sessions and "
                "%(hearings)s hearings; %(monitored)s of the term's resolutions are under oversight."
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
                "%(trainings)s training courses (attendance %(attendance)s), %(group_meetings)s delegate "
                "group meetings; %(evaluated)s of the delegates have been evaluated for the year, "
                "%(assessed)s action programme commitments assessed, %(nominations)s emulation nominations."
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
                "The Standing Committee of the People's Council reports on the council's activities in "
                "%(period)s as follows:"
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
