"""The year's report on the implementation of the council's resolutions: those adopted, the tasks they
assign to agencies and where these stand, and the resolutions amended, replaced, annulled or suspended."""

from django.apps import apps
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.models import FollowUp
from sessions.models import Resolution, ResolutionTask

from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..models import Report
from . import tracked
from .common import Figures, Progress

SECTIONS = [
    gettext_lazy("Resolutions adopted"),
    gettext_lazy("Implementation of the tasks the resolutions assign"),
    gettext_lazy("Implementation by agency"),
    gettext_lazy("Resolutions amended, replaced, annulled or suspended"),
    gettext_lazy("Proposals"),
]


def _quality_events(council, window) -> list:
    """The year's events on the council's resolutions, if the app records them (one query)."""
    try:
        model = apps.get_model("council_sessions", "ResolutionQualityEvent")
    except LookupError:
        return []
    return list(
        model.objects.filter(resolution__council=council, date__range=(window.start, window.end))
        .select_related("resolution")
        .order_by("date", "pk")
    )


def resolutions_report(report: Report, progress: Progress) -> Document:
    """The implementation of the council's resolutions and of their tasks in the year."""
    council = report.council
    window = tracked.window_of(report)
    on = tracked.as_of(window)
    label = tracked.period_words(report)
    progress(10, _("Computing the figures"))
    f = Figures(council, {"this": window}, ["resolutions_monitored"])

    adopted = Resolution.objects.filter(
        council=council, adopted_on__range=(window.start, window.end)
    ).aggregate(
        total=Count("pk"),
        normative=Count("pk", filter=Q(kind=Resolution.Kind.NORMATIVE)),
        individual=Count("pk", filter=Q(kind=Resolution.Kind.INDIVIDUAL)),
        sessions=Count("session", distinct=True),
    )
    monitored = f.raw("resolutions_monitored")
    if adopted["total"]:
        first = [
            ngettext(
                "In %(period)s the council adopted %(count)s resolution.",
                "In %(period)s the council adopted %(count)s resolutions.",
                adopted["total"],
            )
            % {"period": label, "count": adopted["total"]},
            tracked.tally_sentence(
                {k: adopted[k] for k in ("normative", "individual")},
                {"normative": _("normative"), "individual": _("individual")},
            ),
        ]
    else:
        first = [_("The council adopted no resolution in %(period)s.") % {"period": label}]
    if monitored.get("d"):
        first.append(
            _(
                "Of the %(total)s resolutions of the term in force, %(monitored)s (%(rate)s) are followed by "
                "an oversight activity or tracked tasks (T5.1)."
            )
            % {"total": monitored["d"], "monitored": monitored["n"], "rate": f.shown("resolutions_monitored")}
        )

    progress(40, _("Writing the sections"))
    tasks = (
        FollowUp.objects.of_sources(ResolutionTask.objects.filter(resolution__council=council))
        .filter(assigned_date__lte=window.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
    )
    c = tracked.counts(tasks, on)
    if c["total"]:
        implementation = [
            ngettext(
                "%(count)s task assigned by the council's resolutions was being carried out in the period.",
                "%(count)s tasks assigned by the council's resolutions were being carried out in the period.",
                c["total"],
            )
            % {"count": c["total"]},
            tracked.states_sentence(c),
            tracked.done_rate_sentence(c, _("tasks")),
            ngettext(
                "The agencies reported %(count)s task done by its due date.",
                "The agencies reported %(count)s tasks done by their due dates.",
                c["on_time"],
            )
            % {"count": c["on_time"]}
            if c["on_time"]
            else "",
            ngettext(
                "The Standing Committee found the report on %(count)s task unsatisfactory.",
                "The Standing Committee found the reports on %(count)s tasks unsatisfactory.",
                c["unsatisfactory"],
            )
            % {"count": c["unsatisfactory"]}
            if c["unsatisfactory"]
            else "",
        ]
        by_agency = [
            tracked.by_agency_table(
                tasks, on, key=_("Tasks by agency"), title=_("Tasks assigned by resolutions, by agency")
            )
        ]
    else:
        implementation = [
            _("No task assigned by the council's resolutions was being carried out in the period.")
        ]
        by_agency = [_("There is no task to report by agency.")]

    events = _quality_events(council, window)
    if events:
        quality = [
            ngettext(
                "%(count)s event on the council's resolutions was recorded in the period.",
                "%(count)s events on the council's resolutions were recorded in the period.",
                len(events),
            )
            % {"count": len(events)},
            Table(
                key=_("Resolutions amended"),
                title=_("Resolutions amended, replaced, annulled or suspended, and legal review findings"),
                columns=[_("No."), _("Resolution"), _("What happened"), _("Date"), _("By")],
                rows=[
                    [
                        i,
                        f"{e.resolution.symbol} {e.resolution.title}".strip(),
                        str(e.get_kind_display()),
                        e.date,
                        e.authority,
                    ]
                    for i, e in enumerate(events, start=1)
                ],
            ),
        ]
    else:
        quality = [
            _("No resolution of the council was amended, replaced, annulled or suspended in the period.")
        ]

    proposals = []
    if c["overdue"]:
        proposals.append(
            ngettext(
                "That the People's Committee direct the agencies to carry out the %(count)s overdue task "
                "and report the result.",
                "That the People's Committee direct the agencies to carry out the %(count)s overdue tasks "
                "and report the result.",
                c["overdue"],
            )
            % {"count": c["overdue"]}
        )
    proposals.append(
        _("That the committees and delegate groups oversee the implementation of the resolutions.")
    )

    progress(70, _("Writing the appendix"))
    overdue = tasks.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=on),
        Q(first_answered_on__isnull=True) | Q(first_answered_on__gt=on),
        due_date__lt=on,
    )
    appendix = (
        [
            tracked.listing_table(
                overdue,
                on,
                key=_("Overdue tasks"),
                title=_("Tasks of the resolutions overdue at the end of the period"),
                label=lambda t: t.title,
                label_column=_("Task"),
                extra=((_("Resolution"), lambda t: t.reference),),
            )
        ]
        if c["overdue"]
        else []
    )
    headings = [str(s) for s in SECTIONS]
    bodies = [first, implementation, by_agency, quality, proposals]
    return Document(
        **document_frame(report),
        subject=_("Implementation of the resolutions of the People's Council in %(period)s")
        % {"period": label},
        intro=[
            _(
                "The Standing Committee reports on the implementation of the council's resolutions in "
                "%(period)s as follows:"
            )
            % {"period": label}
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=appendix,
    )
