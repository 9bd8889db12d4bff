"""The end-of-term review (tổng kết nhiệm kỳ): what the council did over ``report.term``, from the figures
of the whole term, and the term's results against the founding conclusion's targets T1–T9.

A target measured per period or per term is assessed on the term's figure; one measured per calendar year
is assessed year by year over the term, and is met only if every year of the term met it.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from council import quota
from sessions.models import Resolution

from .. import figures, metrics
from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..metrics import Window
from ..models import KpiTarget, Report
from .common import Figures, Progress, number, percent

SECTIONS = [
    gettext_lazy("Sessions and resolutions"),
    gettext_lazy("Interpellation and commitments"),
    gettext_lazy("Oversight"),
    gettext_lazy("Voter contact, citizen reception and petitions"),
    gettext_lazy("Delegates' activity"),
    gettext_lazy("Results against the targets of the founding conclusion"),
]

KEYS = [
    "sessions",
    "sittings",
    "t2_sessions",
    "t3_delegates",
    "t4_discussion",
    "interpellations",
    "interpellations_between",
    "commitments_kept",
    "activities",
    "reoversight",
    "surveys",
    "recommendations",
    "recommendations_done",
    "explanations",
    "hearings",
    "resolutions_monitored",
    "voter_meetings",
    "petitions",
    "answers_on_time",
    "receptions",
    "letters",
    "trainings",
    "training_attendance",
    "group_meetings",
]


def _years(window: Window) -> list[Window]:
    return [
        Window(max(window.start, dt.date(y, 1, 1)), min(window.end, dt.date(y, 12, 31)))
        for y in range(window.start.year, window.end.year + 1)
    ]


def _shown(value, unit: str):
    return percent(value) if unit == "percent" else number(value)


def _met(value, threshold: Decimal) -> bool | None:
    return None if value is None else Decimal(str(value)) >= threshold


def targets_table(council, window: Window, today: dt.date) -> tuple[Table, list[str]]:
    """Each active target over the term (per year for the yearly ones), met or not; one read of the
    figures for all of them."""
    targets = [
        t
        for t in KpiTarget.objects.filter(council=council, is_active=True)
        if t.metric in metrics.catalogue()
    ]
    years = _years(window)
    wanted = []
    for t in targets:
        wanted += (
            [(t.metric, w) for w in years] if t.cadence == KpiTarget.Cadence.YEAR else [(t.metric, window)]
        )
    data, _as_of = figures.read(council, wanted, fresh=True)
    rows, statuses = [], []
    for i, t in enumerate(targets, start=1):
        metric = metrics.get(t.metric)
        threshold = percent(float(t.threshold)) if metric.unit == "percent" else int(t.threshold)
        if t.cadence == KpiTarget.Cadence.YEAR:
            values = [metrics.value(data[(t.metric, w)], metric.unit) for w in years]
            per_year = [
                quota.quota_status(_met(v, t.threshold), window_open=w.end >= today)
                for v, w in zip(values, years, strict=True)
            ]
            if all(s == quota.MET for s in per_year):
                status = quota.MET
            elif quota.FAILED in per_year:
                status = quota.FAILED
            elif quota.OPEN in per_year:
                status = quota.OPEN
            else:
                status = quota.NO_DATA
            shown = "; ".join(
                f"{w.end.year}: {_shown(v, metric.unit)}" for v, w in zip(values, years, strict=True)
            )
            threshold = _("%(threshold)s a year") % {"threshold": threshold}
        else:
            value = metrics.value(data[(t.metric, window)], metric.unit)
            status = quota.quota_status(_met(value, t.threshold), window_open=window.end >= today)
            shown = _shown(value, metric.unit)
        statuses.append(status)
        rows.append([i, t.code, t.description, shown, threshold, str(quota.LABELS[status])])
    table = Table(
        key=_("Targets"),
        title=_("The term's results against the targets of the founding conclusion (T1–T9)"),
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
    return table, statuses


def term_review_report(report: Report, progress: Progress) -> Document:
    """The review of the council's work over the term."""
    council, term = report.council, report.term
    window = Window(term.start_date, term.end_date)
    today = timezone.localdate()
    progress(10, _("Computing the figures"))
    f = Figures(council, {"this": window}, KEYS)
    resolutions = Resolution.objects.filter(
        council=council, session__term=term, adopted_on__isnull=False
    ).aggregate(total=Count("pk"), normative=Count("pk", filter=Q(kind=Resolution.Kind.NORMATIVE)))

    progress(40, _("Writing the sections"))
    if f("sessions"):
        sessions = [
            ngettext(
                "Over the term the council held %(count)s session, with %(sittings)s sittings.",
                "Over the term the council held %(count)s sessions, with %(sittings)s sittings.",
                f("sessions"),
            )
            % {"count": f("sessions"), "sittings": f("sittings")},
            _("Every delegate group spoke in the plenary at %(t2)s of the sessions (T2).")
            % {"t2": f.shown("t2_sessions")},
            _("Discussion, debate and interpellation took %(t4)s of the sitting time (T4).")
            % {"t4": f.shown("t4_discussion")}
            if f("t4_discussion") is not None
            else "",
        ]
    else:
        sessions = [_("The council held no session in the term.")]
    sessions.append(
        ngettext(
            "It adopted %(count)s resolution.", "It adopted %(count)s resolutions.", resolutions["total"]
        )
        % {"count": resolutions["total"]}
        if resolutions["total"]
        else _("No resolution was adopted in the term.")
    )
    if resolutions["normative"]:
        sessions.append(
            ngettext(
                "%(count)s of them was a normative resolution.",
                "%(count)s of them were normative resolutions.",
                resolutions["normative"],
            )
            % {"count": resolutions["normative"]}
        )
    if f.raw("resolutions_monitored").get("d"):
        sessions.append(
            _("%(rate)s of the term's resolutions are followed by oversight or tracked tasks (T5).")
            % {"rate": f.shown("resolutions_monitored")}
        )

    kept = f.raw("commitments_kept")
    interpellation = [
        ngettext(
            "Delegates put %(count)s interpellation in the term.",
            "Delegates put %(count)s interpellations in the term.",
            f("interpellations"),
        )
        % {"count": f("interpellations")}
        if f("interpellations")
        else _("No interpellation was put in the term."),
        ngettext(
            "%(count)s of them was put between sessions.",
            "%(count)s of them were put between sessions.",
            f("interpellations_between"),
        )
        % {"count": f("interpellations_between")}
        if f("interpellations_between")
        else "",
        _(
            "Of the %(due)s commitments made in answers that fell due, %(kept)s (%(rate)s) were verified as "
            "kept."
        )
        % {"due": kept["d"], "kept": kept["n"], "rate": f.shown("commitments_kept")}
        if kept.get("d")
        else _("No commitment made in answers fell due in the term."),
    ]

    done = f.raw("recommendations_done")
    oversight = [
        ngettext(
            "%(count)s oversight activity was carried out in the term.",
            "%(count)s oversight activities were carried out in the term.",
            f("activities"),
        )
        % {"count": f("activities")}
        if f("activities")
        else _("No oversight activity was carried out in the term."),
        ngettext(
            "%(count)s of them was a re-oversight.", "%(count)s of them were re-oversight.", f("reoversight")
        )
        % {"count": f("reoversight")}
        if f("reoversight")
        else "",
        ngettext(
            "The delegations made %(count)s field survey.",
            "The delegations made %(count)s field surveys.",
            f("surveys"),
        )
        % {"count": f("surveys")}
        if f("surveys")
        else _("No field survey was made in the term."),
        ngettext(
            "Oversight made %(count)s recommendation to the agencies.",
            "Oversight made %(count)s recommendations to the agencies.",
            f("recommendations"),
        )
        % {"count": f("recommendations")}
        if f("recommendations")
        else "",
        _("Of the %(due)s recommendations due, %(done)s (%(rate)s) were verified as carried out.")
        % {"due": done["d"], "done": done["n"], "rate": f.shown("recommendations_done")}
        if done.get("d")
        else "",
        ngettext(
            "%(count)s explanation session was held.",
            "%(count)s explanation sessions were held.",
            f("explanations"),
        )
        % {"count": f("explanations")}
        if f("explanations")
        else _("No explanation session was held in the term."),
        ngettext("%(count)s hearing was held.", "%(count)s hearings were held.", f("hearings"))
        % {"count": f("hearings")}
        if f("hearings")
        else _("No hearing was held in the term."),
    ]

    answers = f.raw("answers_on_time")
    voters = [
        ngettext(
            "Delegates held %(count)s voter meeting in the term.",
            "Delegates held %(count)s voter meetings in the term.",
            f("voter_meetings"),
        )
        % {"count": f("voter_meetings")}
        if f("voter_meetings")
        else _("No voter meeting was held in the term."),
        ngettext(
            "%(count)s voters' petition was received.",
            "%(count)s voters' petitions were received.",
            f("petitions"),
        )
        % {"count": f("petitions")}
        if f("petitions")
        else _("No voters' petition was received in the term."),
        _("Of the %(due)s answers due, the agencies gave %(on_time)s (%(rate)s) on time.")
        % {"due": answers["d"], "on_time": answers["n"], "rate": f.shown("answers_on_time")}
        if answers.get("d")
        else "",
        ngettext(
            "%(count)s citizen reception was held.",
            "%(count)s citizen receptions were held.",
            f("receptions"),
        )
        % {"count": f("receptions")}
        if f("receptions")
        else _("No citizen reception was held in the term."),
        ngettext("%(count)s letter was received.", "%(count)s letters were received.", f("letters"))
        % {"count": f("letters")}
        if f("letters")
        else _("No letter was received in the term."),
    ]

    attendance = f.raw("training_attendance")
    delegates = [
        _("%(t3)s of the delegates spoke at least once in the term (T3).") % {"t3": f.shown("t3_delegates")}
        if f.raw("t3_delegates").get("d")
        else _("No delegate held a mandate in the term."),
        ngettext(
            "%(count)s training course was held.", "%(count)s training courses were held.", f("trainings")
        )
        % {"count": f("trainings")}
        if f("trainings")
        else _("No training course was held in the term."),
        _("Delegates attended %(rate)s of the courses they were invited to.")
        % {"rate": f.shown("training_attendance")}
        if attendance.get("d")
        else "",
        ngettext(
            "The delegate groups met %(count)s time.",
            "The delegate groups met %(count)s times.",
            f("group_meetings"),
        )
        % {"count": f("group_meetings")}
        if f("group_meetings")
        else _("The delegate groups held no meeting of their own in the term."),
    ]

    progress(55, _("Assessing the targets"))
    table, statuses = targets_table(council, window, today)
    if statuses:
        met = statuses.count(quota.MET)
        results = [
            _("%(met)s of the %(total)s targets are met over the term.")
            % {"met": met, "total": len(statuses)},
            table,
        ]
    else:
        results = [_("No target is on the council's scorecard.")]

    progress(70, _("Writing the appendix"))
    headings = [str(s) for s in SECTIONS]
    bodies = [sessions, interpellation, oversight, voters, delegates, results]
    dates = {"start": f"{term.start_date:%d/%m/%Y}", "end": f"{term.end_date:%d/%m/%Y}"}
    return Document(
        **document_frame(report),
        subject=_("Review of the activities of the People's Council, %(term)s") % {"term": term.name},
        intro=[
            _(
                "The Standing Committee reviews the council's activities over the term, from %(start)s to "
                "%(end)s, as follows:"
            )
            % dates,
            *(
                [
                    _("The term has not ended: the figures are those of %(today)s.")
                    % {"today": f"{today:%d/%m/%Y}"}
                ]
                if term.end_date >= today
                else []
            ),
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=[
            Table(
                key=_("Figures"),
                title=_("Main figures of the term"),
                columns=[_("Figure"), _("Term")],
                rows=[[str(metrics.get(k).label), f.shown(k)] for k in KEYS],
            )
        ],
    )
