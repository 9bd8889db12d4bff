"""The year's oversight results: the programme, thematic oversight and re-oversight, field surveys,
explanation sessions and hearings, the recommendations made and how they were carried out, assessed against
the founding conclusion's targets T5 and T6."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from council.models import FollowUp
from oversight.models import OversightActivity, OversightProgram, Recommendation

from ..dashboards import scorecard
from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..models import Report
from ..periods import Period
from . import tracked
from .common import Figures, Progress, number, percent

SECTIONS = [
    gettext_lazy("The oversight programme"),
    gettext_lazy("Thematic oversight and re-oversight"),
    gettext_lazy("Field surveys, explanation sessions and hearings"),
    gettext_lazy("Recommendations and their implementation"),
    gettext_lazy("Assessment against the targets"),
]

KEYS = [
    "activities",
    "reoversight",
    "surveys",
    "recommendations",
    "recommendations_done",
    "recommendations_leadership",
    "explanations",
    "hearings",
]


def oversight_year_report(report: Report, progress: Progress) -> Document:
    """The oversight results of the year."""
    council = report.council
    window = tracked.window_of(report)
    on = tracked.as_of(window)
    year = report.period_start.year
    label = tracked.period_words(report)
    today = timezone.localdate()
    progress(10, _("Computing the figures"))
    f = Figures(council, {"this": window}, KEYS)

    program = OversightProgram.objects.filter(council=council, year=year).first()
    activities = list(
        OversightActivity.objects.filter(
            council=council, period_start__lte=window.end, period_end__gte=window.start
        )
        .annotate(recs=Count("recommendations"))
        .select_related("committee", "group")
        .order_by("period_start", "pk")
    )
    carried = [a for a in activities if a.state != OversightActivity.State.PLANNED]
    if program is not None:
        planned = [a for a in activities if a.program_id == program.pk]
        done = [a for a in planned if a.state != OversightActivity.State.PLANNED]
        programme = [
            _("The council carried out its oversight programme for %(year)s (%(title)s%(resolution)s).")
            % {
                "year": year,
                "title": program.title,
                "resolution": f", {program.resolution}" if program.resolution else "",
            },
            ngettext(
                "The programme lists %(count)s activity for the year.",
                "The programme lists %(count)s activities for the year.",
                len(planned),
            )
            % {"count": len(planned)}
            if planned
            else _("No activity of the year has been attached to the programme."),
            ngettext(
                "%(count)s of them has begun or been completed.",
                "%(count)s of them have begun or been completed.",
                len(done),
            )
            % {"count": len(done)}
            if done
            else (_("None of them has begun yet.") if planned else ""),
        ]
    else:
        programme = [_("No oversight programme for %(year)s has been recorded.") % {"year": year}]
    outside = [a for a in carried if program is None or a.program_id != program.pk]
    if outside and program is not None:
        programme.append(
            ngettext(
                "%(count)s further activity was carried out outside the programme.",
                "%(count)s further activities were carried out outside the programme.",
                len(outside),
            )
            % {"count": len(outside)}
        )

    progress(40, _("Writing the sections"))
    thematic = sum(a.kind == OversightActivity.Kind.THEMATIC for a in carried)
    recheck = Recommendation.objects.filter(
        activity__council=council,
        activity__kind=OversightActivity.Kind.RE_OVERSIGHT,
        activity__period_start__lte=window.end,
        activity__period_end__gte=window.start,
        carried_from__isnull=False,
    ).aggregate(
        checked=Count("pk"),
        fulfilled=Count("pk", filter=Q(fulfilled_since=True)),
        unfulfilled=Count("pk", filter=Q(fulfilled_since=False)),
    )
    if f("activities"):
        missions = [
            ngettext(
                "In %(period)s %(count)s oversight activity was under way.",
                "In %(period)s %(count)s oversight activities were under way.",
                f("activities"),
            )
            % {"period": label, "count": f("activities")},
            ngettext(
                "%(count)s of them was thematic oversight.",
                "%(count)s of them were thematic oversight.",
                thematic,
            )
            % {"count": thematic}
            if thematic
            else "",
        ]
    else:
        missions = [_("No oversight activity was under way in %(period)s.") % {"period": label}]
    if f("reoversight"):
        missions.append(
            ngettext(
                "%(count)s of them was a re-oversight of earlier recommendations (T5).",
                "%(count)s of them were re-oversight of earlier recommendations (T5).",
                f("reoversight"),
            )
            % {"count": f("reoversight")}
        )
        if recheck["checked"]:
            missions.append(
                _(
                    "Re-oversight checked %(checked)s earlier recommendations: %(fulfilled)s found carried "
                    "out, %(unfulfilled)s not."
                )
                % recheck
            )
    else:
        missions.append(_("No re-oversight was carried out in the period."))

    surveys = [
        ngettext(
            "The delegations made %(count)s field survey (T6).",
            "The delegations made %(count)s field surveys (T6).",
            f("surveys"),
        )
        % {"count": f("surveys")}
        if f("surveys")
        else _("No field survey was made in the period."),
    ]
    if f("explanations") or f("hearings"):
        surveys.append(
            _("The Standing Committee and the committees held %(sessions)s (T5).")
            % {
                "sessions": tracked.and_join(
                    [
                        ngettext(
                            "%(count)s explanation session",
                            "%(count)s explanation sessions",
                            f("explanations"),
                        )
                        % {"count": f("explanations")}
                        if f("explanations")
                        else "",
                        ngettext("%(count)s hearing", "%(count)s hearings", f("hearings"))
                        % {"count": f("hearings")}
                        if f("hearings")
                        else "",
                    ]
                )
            }
        )
    else:
        surveys.append(_("No explanation session or hearing was held in the period."))

    recommendations = (
        FollowUp.objects.of_sources(Recommendation.objects.filter(activity__council=council))
        .filter(assigned_date__lte=window.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
    )
    c = tracked.counts(recommendations, on)
    done_due = f.raw("recommendations_done")
    recs = [
        ngettext(
            "The oversight of the year made %(count)s recommendation to the agencies.",
            "The oversight of the year made %(count)s recommendations to the agencies.",
            f("recommendations"),
        )
        % {"count": f("recommendations")}
        if f("recommendations")
        else _("The oversight of the year made no recommendation to the agencies."),
        ngettext(
            "%(count)s of them was selected to report to the leadership (T6).",
            "%(count)s of them were selected to report to the leadership (T6).",
            f("recommendations_leadership"),
        )
        % {"count": f("recommendations_leadership")}
        if f("recommendations_leadership")
        else "",
        _(
            "Of the %(due)s recommendations due by the end of the year, %(done)s (%(rate)s) were verified as "
            "carried out (T5)."
        )
        % {"due": done_due["d"], "done": done_due["n"], "rate": f.shown("recommendations_done")}
        if done_due.get("d")
        else _("No oversight recommendation had fallen due by the end of the year."),
    ]
    if c["total"]:
        recs += [
            ngettext(
                "%(count)s recommendation was being followed up during the year.",
                "%(count)s recommendations were being followed up during the year.",
                c["total"],
            )
            % {"count": c["total"]},
            tracked.states_sentence(c),
            tracked.by_agency_table(
                recommendations, on, key=_("Recommendations by agency"), title=_("Recommendations by agency")
            ),
        ]

    progress(55, _("Assessing the targets"))
    lines, _as_of = scorecard(council, Period("Y", year), today, fresh=True)
    lines = [ln for ln in lines if ln.target.code.upper().startswith(("T5", "T6"))]
    if lines:
        met = sum(ln.status == "met" for ln in lines)
        assessment = [
            _("%(met)s of the %(total)s oversight targets (T5, T6) are met for %(period)s.")
            % {"met": met, "total": len(lines), "period": label},
            Table(
                key=_("Targets T5 T6"),
                title=_("Oversight targets of the founding conclusion (T5, T6)"),
                columns=[
                    _("No."),
                    _("Code"),
                    _("Target"),
                    _("Result"),
                    _("Threshold"),
                    pgettext("report column", "Assessment"),
                ],
                rows=[
                    [
                        i,
                        ln.target.code,
                        ln.target.description,
                        percent(ln.value) if ln.metric.unit == "percent" else number(ln.value),
                        percent(float(ln.target.threshold))
                        if ln.metric.unit == "percent"
                        else int(ln.target.threshold),
                        str(ln.status_label),
                    ]
                    for i, ln in enumerate(lines, start=1)
                ],
            ),
        ]
    else:
        assessment = [_("No oversight target (T5, T6) is on the council's scorecard.")]

    progress(70, _("Writing the appendix"))
    appendix = []
    if carried:
        appendix.append(
            Table(
                key=_("Oversight activities"),
                title=_("Oversight activities of the year"),
                columns=[
                    _("No."),
                    _("Subject"),
                    _("Kind"),
                    _("Led by"),
                    _("From"),
                    _("To"),
                    _("Stage"),
                    _("Recommendations"),
                ],
                rows=[
                    [
                        i,
                        a.title,
                        str(a.get_kind_display()),
                        str(a.committee or a.group or a.get_lead_body_display()),
                        a.period_start,
                        a.period_end,
                        str(a.get_state_display()),
                        a.recs,
                    ]
                    for i, a in enumerate(carried, start=1)
                ],
            )
        )
    if c["overdue"]:
        overdue = recommendations.filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=on),
            Q(first_answered_on__isnull=True) | Q(first_answered_on__gt=on),
            due_date__lt=on,
        )
        appendix.append(
            tracked.listing_table(
                overdue,
                on,
                key=_("Overdue recommendations"),
                title=_("Recommendations overdue at the end of the year"),
                label=lambda r: r.title,
                label_column=_("Recommendation"),
            )
        )
    headings = [str(s) for s in SECTIONS]
    bodies = [programme, missions, surveys, recs, assessment]
    return Document(
        **document_frame(report),
        subject=_("Results of the oversight activities of the People's Council in %(period)s")
        % {"period": label},
        intro=[
            _(
                "The Standing Committee reports on the results of the council's oversight in %(period)s as "
                "follows:"
            )
            % {"period": label}
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=appendix,
    )
