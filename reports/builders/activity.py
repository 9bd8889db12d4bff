"""The quarterly, six-month and annual activity reports of the council."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from council import quota
from council.models import Council

from .. import metrics
from ..charts_data import breakdown_chart, comparison_chart
from ..dashboards import scorecard
from ..documents.content import Document, Section, Table
from ..kinds import document_frame
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
    number,
    overdue_table,
    oversight_sentence,
    percent,
    receptions_sentence,
    running_note,
    share_sentence,
    summary_table,
    voter_contact_sentence,
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


def sessions_sentences(f: Figures, label: str) -> list[str]:
    """The sessions and sittings held, how the delegate groups spoke (T2), the share of debate (T4) and the
    delegates who have spoken this term (T3)."""
    count, sittings = f("sessions") or 0, f("sittings") or 0
    if not count:
        held = [_("The council held no session in %(period)s.") % {"period": label}]
    else:
        if sittings:
            in_sittings = ngettext("%(count)s sitting", "%(count)s sittings", sittings) % {"count": sittings}
            text = ngettext(
                "In %(period)s the council held %(sessions)s session with %(sittings)s.",
                "In %(period)s the council held %(sessions)s sessions with %(sittings)s.",
                count,
            ) % {"period": label, "sessions": count, "sittings": in_sittings}
        else:
            text = ngettext(
                "In %(period)s the council held %(sessions)s session.",
                "In %(period)s the council held %(sessions)s sessions.",
                count,
            ) % {"period": label, "sessions": count}
        held = [
            text,
            share_sentence(
                f.raw("t2_sessions"),
                key="spoke",
                nothing=gettext_lazy("No session of the period could be measured for T2."),
                one_done=gettext_lazy("Every delegate group spoke in the plenary at the session (T2)."),
                one_not_done=gettext_lazy(
                    "Not every delegate group spoke in the plenary at the session (T2)."
                ),
                all_done=gettext_lazy(
                    "Every delegate group spoke in the plenary at all %(due)s sessions (T2)."
                ),
                none_done=gettext_lazy(
                    "At none of the %(due)s sessions did every delegate group speak in the plenary (T2)."
                ),
                some_done=gettext_lazy(
                    "Every delegate group spoke in the plenary at %(spoke)s of the %(due)s sessions "
                    "(%(rate)s; T2)."
                ),
            ),
        ]
        debate = f.raw("t4_discussion")
        if debate.get("d"):
            values = {
                "rate": f.shown("t4_discussion"),
                "total": debate["d"],
                "before": f.shown("t4_discussion", "before"),
            }
            if f("t4_discussion", "before") is None:
                held.append(
                    ngettext(
                        "Discussion, debate and interpellation took %(rate)s of the %(total)s minute of "
                        "sitting time (T4).",
                        "Discussion, debate and interpellation took %(rate)s of the %(total)s minutes of "
                        "sitting time (T4).",
                        debate["d"],
                    )
                    % values
                )
            else:
                held.append(
                    ngettext(
                        "Discussion, debate and interpellation took %(rate)s of the %(total)s minute of "
                        "sitting time (T4; %(before)s in the previous period).",
                        "Discussion, debate and interpellation took %(rate)s of the %(total)s minutes of "
                        "sitting time (T4; %(before)s in the previous period).",
                        debate["d"],
                    )
                    % values
                )
    held.append(
        share_sentence(
            f.raw("t3_delegates"),
            key="spoken",
            nothing=gettext_lazy("No delegate of the term is on record to measure T3."),
            all_done=gettext_lazy("All %(due)s delegates have spoken at least once this term (T3)."),
            none_done=gettext_lazy("None of the %(due)s delegates has spoken yet this term (T3)."),
            some_done=gettext_lazy(
                "%(spoken)s of the %(due)s delegates (%(rate)s) have spoken at least once this term (T3)."
            ),
        )
    )
    return held


def interpellations_sentence(f: Figures) -> str:
    count, between = f("interpellations") or 0, f("interpellations_between") or 0
    if not count:
        return _("Delegates submitted no interpellation in the period.")
    if not between:
        return ngettext(
            "Delegates submitted %(count)s interpellation, at a session.",
            "Delegates submitted %(count)s interpellations, all at sessions.",
            count,
        ) % {"count": count}
    if between == count:
        return ngettext(
            "Delegates submitted %(count)s interpellation, between sessions.",
            "Delegates submitted %(count)s interpellations, all between sessions.",
            count,
        ) % {"count": count}
    return _("Delegates submitted %(count)s interpellations, %(between)s of them between sessions.") % {
        "count": count,
        "between": between,
    }


def recommendations_sentence(f: Figures) -> str:
    count, selected = f("recommendations") or 0, f("recommendations_leadership") or 0
    if not count:
        return _("No oversight recommendation was made in the period.")
    if not selected:
        return ngettext(
            "Oversight made %(count)s recommendation.", "Oversight made %(count)s recommendations.", count
        ) % {"count": count}
    return ngettext(
        "Oversight made %(count)s recommendation, selected to report to the leadership.",
        "Oversight made %(count)s recommendations, %(selected)s of them selected to report to the "
        "leadership.",
        count,
    ) % {"count": count, "selected": selected}


def accountability_sentence(f: Figures) -> str:
    explanations, hearings = f("explanations") or 0, f("hearings") or 0
    if not explanations and not hearings:
        return _("The Standing Committee and the committees held no explanation session or hearing.")
    sessions = ngettext("%(count)s explanation session", "%(count)s explanation sessions", explanations) % {
        "count": explanations
    }
    heard = ngettext("%(count)s hearing", "%(count)s hearings", hearings) % {"count": hearings}
    if explanations and hearings:
        return _("The Standing Committee and the committees held %(explanations)s and %(hearings)s.") % {
            "explanations": sessions,
            "hearings": heard,
        }
    return _("The Standing Committee and the committees held %(events)s.") % {
        "events": sessions if explanations else heard
    }


def monitored_sentence(f: Figures) -> str:
    return share_sentence(
        f.raw("resolutions_monitored"),
        key="monitored",
        nothing=gettext_lazy("The term has no resolution in force to monitor yet."),
        one_done=gettext_lazy("The term's one resolution in force is under monitoring."),
        one_not_done=gettext_lazy("The term's one resolution in force is not under monitoring yet."),
        all_done=gettext_lazy("All %(due)s resolutions of the term in force are under monitoring."),
        none_done=gettext_lazy(
            "None of the %(due)s resolutions of the term in force is under monitoring yet."
        ),
        some_done=gettext_lazy(
            "%(monitored)s of the %(due)s resolutions of the term in force (%(rate)s) are under monitoring."
        ),
    )


def delegates_sentence(f: Figures) -> str:
    """Training, group meetings, evaluations, action programmes and emulation, a sentence each."""
    parts = []
    trainings, attendance = f("trainings") or 0, f.raw("training_attendance")
    if not trainings:
        parts.append(_("No training course for delegates began in the period."))
    elif attendance.get("d"):
        parts.append(
            ngettext(
                "%(count)s training course for delegates began; %(attended)s of the %(invited)s invitations "
                "were attended (%(rate)s).",
                "%(count)s training courses for delegates began; %(attended)s of the %(invited)s invitations "
                "were attended (%(rate)s).",
                trainings,
            )
            % {
                "count": trainings,
                "attended": attendance["n"],
                "invited": attendance["d"],
                "rate": f.shown("training_attendance"),
            }
        )
    else:
        parts.append(
            ngettext(
                "%(count)s training course for delegates began.",
                "%(count)s training courses for delegates began.",
                trainings,
            )
            % {"count": trainings}
        )
    meetings = f("group_meetings") or 0
    parts.append(
        ngettext(
            "Delegate groups held %(count)s meeting.", "Delegate groups held %(count)s meetings.", meetings
        )
        % {"count": meetings}
        if meetings
        else _("No delegate group meeting was held.")
    )
    parts.append(
        share_sentence(
            f.raw("evaluations"),
            key="evaluated",
            nothing="",
            all_done=gettext_lazy("All %(due)s delegates have been evaluated for the year."),
            none_done=gettext_lazy("No delegate has been evaluated for the year yet."),
            some_done=gettext_lazy(
                "%(evaluated)s of the %(due)s delegates (%(rate)s) have been evaluated for the year."
            ),
        )
    )
    assessed = f("assessments") or 0
    parts.append(
        ngettext(
            "%(count)s action programme commitment has been assessed.",
            "%(count)s action programme commitments have been assessed.",
            assessed,
        )
        % {"count": assessed}
        if assessed
        else _("No action programme commitment has been assessed yet.")
    )
    nominations = f("nominations") or 0
    parts.append(
        ngettext(
            "%(count)s emulation nomination was made.",
            "%(count)s emulation nominations were made.",
            nominations,
        )
        % {"count": nominations}
        if nominations
        else _("No emulation nomination was made.")
    )
    return " ".join(p for p in parts if p)


def targets_sentence(met: int, total: int, label: str) -> str:
    values = {"met": met, "total": total, "period": label}
    if not total:
        return _("No target of the founding conclusion is set.")
    if met == total:
        return (
            ngettext(
                "The target of the founding conclusion is met for %(period)s.",
                "All %(total)s targets of the founding conclusion are met for %(period)s.",
                total,
            )
            % values
        )
    if not met:
        return (
            ngettext(
                "The target of the founding conclusion is not met for %(period)s.",
                "None of the %(total)s targets of the founding conclusion is met for %(period)s.",
                total,
            )
            % values
        )
    return _("%(met)s of the %(total)s targets of the founding conclusion are met for %(period)s.") % values


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

    sessions = Section(_("Sessions of the council"), sessions_sentences(f, label))
    interpellations = Section(
        _("Interpellation and commitments"),
        [
            interpellations_sentence(f),
            share_sentence(
                f.raw("commitments_kept"),
                key="kept",
                nothing=gettext_lazy("No commitment made in answers fell due in the period."),
                one_done=gettext_lazy(
                    "The one commitment made in answers and due in the period was verified as kept."
                ),
                one_not_done=gettext_lazy(
                    "The one commitment made in answers and due in the period has not been verified as kept."
                ),
                all_done=gettext_lazy(
                    "All %(due)s commitments made in answers and due in the period were verified as kept."
                ),
                none_done=gettext_lazy(
                    "None of the %(due)s commitments made in answers and due in the period has been verified "
                    "as kept."
                ),
                some_done=gettext_lazy(
                    "Of the %(due)s commitments made in answers and due in the period, %(kept)s (%(rate)s) "
                    "were verified as kept."
                ),
            ),
        ],
    )
    oversight = Section(
        pgettext("report section", "Oversight"),
        [
            " ".join([oversight_sentence(f), recommendations_sentence(f)]),
            share_sentence(
                f.raw("recommendations_done"),
                key="done",
                nothing=gettext_lazy("No oversight recommendation has fallen due yet."),
                one_done=gettext_lazy("The one recommendation due so far has been carried out."),
                one_not_done=gettext_lazy("The one recommendation due so far has not been carried out yet."),
                all_done=gettext_lazy("All %(due)s recommendations due so far have been carried out."),
                none_done=gettext_lazy(
                    "None of the %(due)s recommendations due so far has been carried out yet."
                ),
                some_done=gettext_lazy(
                    "Of the %(due)s recommendations due so far, %(done)s (%(rate)s) have been carried out."
                ),
            ),
            " ".join([accountability_sentence(f), monitored_sentence(f)]),
        ],
    )
    voters = Section(
        _("Voter contact and voters' petitions"),
        [
            voter_contact_sentence(f),
            answers_sentence(f),
            breakdown_chart(metrics.get("petitions_by_field"), f.raw("petitions_by_field")),
            agency_answers_table(council, this),
        ],
    )
    letters = Section(_("Citizen reception and letters"), [receptions_sentence(f)])
    delegates = Section(_("Delegates' activity"), [delegates_sentence(f)])
    progress(55, _("Assessing the targets"))
    targets, lines = scorecard_table(council, period, today)
    unmet = [line for line in lines if line.status in (quota.FAILED, quota.OPEN)]
    still_open = [line for line in unmet if line.status == quota.OPEN]
    failed = [line for line in unmet if line.status == quota.FAILED]
    assessment = Section(
        _("Overall assessment"),
        [
            targets_sentence(sum(line.status == "met" for line in lines), len(lines), label),
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
        ngettext(
            "Follow up the overdue answer to a voters' petition with the agency concerned.",
            "Follow up the %(count)s overdue answers to voters' petitions with the agencies concerned.",
            f("petitions_overdue"),
        )
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
    if chart is not None:
        assessment.blocks.append(chart)
    progress(70, _("Writing the appendix"))
    kind_subject = {
        Report.Kind.QUARTERLY: _("Activities of the People's Council in %(period)s"),
        Report.Kind.HALF_YEAR: _(
            "Activities of the People's Council in %(period)s and tasks for the months ahead"
        ),
        Report.Kind.ANNUAL: _("Activities of the People's Council in %(period)s and tasks for the next year"),
    }[report.kind]
    return Document(
        **document_frame(report),
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
            # The chart follows the assessment's text, not its heading: a heading glued to a tall chart
            # left the page before it half empty.
            Section(pgettext("report section", "Assessment"), subsections=[assessment]),
            Section(_("Tasks for the period ahead"), [s for s in next_steps if s]),
        ],
        appendix=[
            summary_table(f, labels),
            breakdown_table(f, "petitions_by_field", _("Petitions by field"), _("Field")),
            breakdown_table(f, "petitions_by_channel", _("Petitions by channel"), _("Channel")),
            overdue_table(council, this),
        ],
    )
