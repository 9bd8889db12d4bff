"""Before a regular session: how the conclusions of interpellation and the commitments officials made in
their answers at the term's earlier sessions (and between sessions) have been carried out."""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.models import FollowUp
from sessions.models import Commitment, Interpellation

from ..documents.content import Document, Section
from ..kinds import document_frame
from ..metrics import Window
from ..models import Report
from . import tracked
from .common import Progress

SECTIONS = [
    gettext_lazy("Interpellation at the earlier sessions"),
    gettext_lazy("Implementation of the commitments"),
    gettext_lazy("Implementation by agency"),
    gettext_lazy("Proposals"),
]

ANSWERED = (
    Interpellation.State.ANSWERED,
    Interpellation.State.ACCEPTED,
    Interpellation.State.DISPUTED,
    Interpellation.State.CONCLUDED,
)


def interpellation_report(report: Report, progress: Progress) -> Document:
    """Before ``report.session``: the commitments made in answers earlier in the term and where they stand."""
    council, session = report.council, report.session
    term = session.term
    start = term.start_date if term else report.period_start
    window = Window(start, session.start_date - dt.timedelta(days=1))
    on = tracked.as_of(window)
    progress(10, _("Computing the figures"))

    earlier = Interpellation.objects.filter(council=council, term=term, submitted_on__lte=window.end).filter(
        Q(session__isnull=True) | Q(session__start_date__lt=session.start_date)
    )
    asked = earlier.exclude(state__in=(Interpellation.State.DRAFT, Interpellation.State.REJECTED)).aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(state__in=ANSWERED)),
        oral=Count("pk", filter=Q(state__in=ANSWERED, mode=Interpellation.Mode.ORAL)),
        between=Count("pk", filter=Q(session__isnull=True)),
        satisfied=Count("pk", filter=Q(satisfaction=Interpellation.Satisfaction.SATISFIED)),
        partly=Count("pk", filter=Q(satisfaction=Interpellation.Satisfaction.PARTLY)),
        unsatisfied=Count("pk", filter=Q(satisfaction=Interpellation.Satisfaction.UNSATISFIED)),
    )
    if asked["total"]:
        heard = [
            ngettext(
                "Since the start of the term delegates have put %(count)s interpellation before this "
                "session.",
                "Since the start of the term delegates have put %(count)s interpellations before this "
                "session.",
                asked["total"],
            )
            % {"count": asked["total"]},
            ngettext(
                "%(count)s of them was put between sessions.",
                "%(count)s of them were put between sessions.",
                asked["between"],
            )
            % {"count": asked["between"]}
            if asked["between"]
            else "",
            ngettext("%(count)s has been answered.", "%(count)s have been answered.", asked["answered"])
            % {"count": asked["answered"]}
            if asked["answered"]
            else _("None has been answered yet."),
            ngettext(
                "%(count)s answer was given orally at a sitting.",
                "%(count)s answers were given orally at a sitting.",
                asked["oral"],
            )
            % {"count": asked["oral"]}
            if asked["oral"]
            else "",
            _("Delegates' assessment of the answers: %(parts)s.")
            % {
                "parts": tracked.and_join(
                    [
                        _("%(count)s satisfied") % {"count": asked["satisfied"]}
                        if asked["satisfied"]
                        else "",
                        _("%(count)s partly satisfied") % {"count": asked["partly"]}
                        if asked["partly"]
                        else "",
                        _("%(count)s not satisfied") % {"count": asked["unsatisfied"]}
                        if asked["unsatisfied"]
                        else "",
                    ]
                )
            }
            if asked["satisfied"] or asked["partly"] or asked["unsatisfied"]
            else "",
        ]
    else:
        heard = [_("No interpellation was put earlier in the term.")]

    commitments = Commitment.objects.filter(interpellation__in=earlier)
    followups = FollowUp.objects.of_sources(commitments).filter(assigned_date__lte=window.end)
    c = tracked.counts(followups, on)
    progress(40, _("Writing the sections"))
    if c["total"]:
        kept = [
            ngettext(
                "In their answers the officials made %(count)s commitment.",
                "In their answers the officials made %(count)s commitments.",
                c["total"],
            )
            % {"count": c["total"]},
            tracked.states_sentence(c),
            tracked.done_rate_sentence(c, _("commitments")),
        ]
        if c["unsatisfactory"]:
            kept.append(
                ngettext(
                    "The Standing Committee found %(count)s answer unsatisfactory.",
                    "The Standing Committee found %(count)s answers unsatisfactory.",
                    c["unsatisfactory"],
                )
                % {"count": c["unsatisfactory"]}
            )
        by_agency = [
            tracked.by_agency_table(
                followups,
                on,
                key=_("Commitments by agency"),
                title=_("Commitments made in answers to interpellation, by agency"),
            )
        ]
    else:
        kept = [_("No commitment was made in the answers given earlier in the term.")]
        by_agency = [_("There is no commitment to report by agency.")]

    proposals = []
    if c["overdue"]:
        proposals.append(
            ngettext(
                "That the agencies concerned report to the session on the %(count)s commitment not kept by "
                "its date, and set a date to keep it.",
                "That the agencies concerned report to the session on the %(count)s commitments not kept by "
                "their dates, and set a date to keep them.",
                c["overdue"],
            )
            % {"count": c["overdue"]}
        )
    proposals.append(_("That the delegates follow up the commitments at the session and between sessions."))

    progress(70, _("Writing the appendix"))
    appendix = []
    if c["total"]:
        who = {
            pk: (title, number)
            for pk, title, number in Commitment.objects.filter(
                pk__in=followups.values("source_id")
            ).values_list("pk", "interpellation__respondent_title", "interpellation__session__number")
        }
        appendix.append(
            tracked.listing_table(
                followups,
                on,
                key=_("Commitments"),
                title=_("Commitments made in answers to interpellation and where they stand"),
                label=lambda f: f.title,
                label_column=_("Commitment"),
                extra=(
                    (_("Official"), lambda f: who.get(f.source_id, ("", None))[0]),
                    (
                        _("Session"),
                        lambda f: (
                            _("Session %(number)s") % {"number": who[f.source_id][1]}
                            if who.get(f.source_id, ("", None))[1]
                            else _("Between sessions")
                        ),
                    ),
                ),
            )
        )
    headings = [str(s) for s in SECTIONS]
    bodies = [heard, kept, by_agency, proposals]
    return Document(
        **document_frame(report),
        subject=_(
            "Implementation of the conclusions of interpellation and of the commitments made, before "
            "%(session)s"
        )
        % {"session": session.title or str(session)},
        intro=[
            _(
                "Before %(session)s, the Standing Committee reports on how the commitments made in answers "
                "to interpellation since the start of the term have been carried out, as of %(date)s:"
            )
            % {"session": session.title or str(session), "date": f"{on:%d/%m/%Y}"}
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=appendix,
    )
