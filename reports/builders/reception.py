"""The report on citizen reception and letters for a period: reception days held, what citizens raised,
letters received by kind, how they were handled and how the agencies answered those transferred to them.

Counts only: no citizen is named, addressed or described, and a denouncer's identity never appears. The
queries select no field of the sender (they aggregate, or read a letter's kind by its number).
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.models import FollowUp
from voters.models import Letter, Reception, VoterOpinion

from ..documents.content import Document, Section
from ..kinds import document_frame
from ..models import Report
from . import tracked
from .common import Progress

SECTIONS = [
    gettext_lazy("Citizen reception"),
    gettext_lazy("Letters received"),
    gettext_lazy("Handling of the letters"),
    gettext_lazy("Answers of the agencies"),
    gettext_lazy("Proposals"),
]


def reception_report(report: Report, progress: Progress) -> Document:
    """Citizen reception and letters in the period, in figures."""
    council = report.council
    window = tracked.window_of(report)
    on = tracked.as_of(window)
    label = tracked.period_words(report)
    progress(10, _("Computing the figures"))

    receptions = Reception.objects.filter(council=council, date__range=(window.start, window.end))
    days = receptions.aggregate(
        total=Count("pk"),
        standing=Count("pk", filter=Q(host=Reception.Host.STANDING)),
        delegates=Count("pk", filter=Q(host=Reception.Host.DELEGATE)),
    )
    raised = VoterOpinion.objects.filter(reception__in=receptions.values("pk")).aggregate(
        opinions=Count("pk"), citizens=Sum("voters_count"), petitions=Count("petition", distinct=True)
    )
    if days["total"]:
        reception = [
            ngettext(
                "In %(period)s %(count)s citizen reception was held.",
                "In %(period)s %(count)s citizen receptions were held.",
                days["total"],
            )
            % {"period": label, "count": days["total"]},
            tracked.tally_sentence(
                {"standing": days["standing"], "delegates": days["delegates"]},
                {k: str(v) for k, v in zip(("standing", "delegates"), Reception.Host.labels, strict=True)},
            ),
            ngettext(
                "%(count)s matter was raised, by %(citizens)s citizens in all.",
                "%(count)s matters were raised, by %(citizens)s citizens in all.",
                raised["opinions"],
            )
            % {"count": raised["opinions"], "citizens": raised["citizens"]}
            if raised["opinions"]
            else _("No matter raised at them has been recorded."),
            ngettext(
                "They went into %(count)s petition to the agencies.",
                "They went into %(count)s petitions to the agencies.",
                raised["petitions"],
            )
            % {"count": raised["petitions"]}
            if raised["petitions"]
            else "",
        ]
    else:
        reception = [_("No citizen reception was held in %(period)s.") % {"period": label}]

    in_window = Letter.objects.filter(council=council, received_on__range=(window.start, window.end))
    letters = in_window.filter(duplicate_of__isnull=True)
    kinds = letters.aggregate(
        total=Count("pk"),
        **{k: Count("pk", filter=Q(kind=k)) for k in Letter.Kind.values},
        anonymous=Count("pk", filter=Q(anonymous=True)),
    )
    duplicates = in_window.filter(duplicate_of__isnull=False).count()
    kind_labels = dict(Letter.Kind.choices)
    if kinds["total"]:
        received = [
            ngettext(
                "%(count)s letter was received in %(period)s.",
                "%(count)s letters were received in %(period)s.",
                kinds["total"],
            )
            % {"count": kinds["total"], "period": label},
            tracked.tally_sentence(
                {k: kinds[k] for k in Letter.Kind.values}, {k: str(v) for k, v in kind_labels.items()}
            ),
            ngettext(
                "%(count)s of them was anonymous.", "%(count)s of them were anonymous.", kinds["anonymous"]
            )
            % {"count": kinds["anonymous"]}
            if kinds["anonymous"]
            else "",
            ngettext(
                "A further %(count)s letter repeated one already received and was not counted again.",
                "A further %(count)s letters repeated ones already received and were not counted again.",
                duplicates,
            )
            % {"count": duplicates}
            if duplicates
            else "",
        ]
    else:
        received = [_("No letter was received in %(period)s.") % {"period": label}]

    progress(40, _("Writing the sections"))
    states = dict(letters.order_by().values_list("state").annotate(n=Count("pk")))
    stand = "; ".join(f"{label_} {states[k]}" for k, label_ in Letter.State.choices if states.get(k))
    handled = (
        [_("The letters received in the period stand as follows: %(states)s.") % {"states": stand}]
        if kinds["total"]
        else [_("There was no letter to handle.")]
    )

    transferred = (
        FollowUp.objects.of_sources(Letter.objects.filter(council=council))
        .filter(assigned_date__lte=window.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
    )
    answers = tracked.counts(transferred, on)
    if answers["total"]:
        agencies = [
            ngettext(
                "%(count)s letter transferred to an agency was being followed up in the period.",
                "%(count)s letters transferred to agencies were being followed up in the period.",
                answers["total"],
            )
            % {"count": answers["total"]},
            tracked.states_sentence(answers),
            tracked.by_agency_table(
                transferred, on, key=_("Letters by agency"), title=_("Letters transferred, by agency")
            ),
        ]
    else:
        agencies = [_("No letter transferred to an agency was being followed up in the period.")]

    proposals = []
    if answers["overdue"]:
        proposals.append(
            ngettext(
                "That the agencies settle the %(count)s letter overdue and report the result.",
                "That the agencies settle the %(count)s letters overdue and report the result.",
                answers["overdue"],
            )
            % {"count": answers["overdue"]}
        )
    proposals.append(
        _("That the agencies receive citizens and settle complaints and denunciations as the law provides.")
    )

    progress(70, _("Writing the appendix"))
    appendix = []
    overdue = transferred.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=on),
        Q(first_answered_on__isnull=True) | Q(first_answered_on__gt=on),
        due_date__lt=on,
    )
    if answers["overdue"]:
        kind_of = dict(
            Letter.objects.filter(pk__in=overdue.values("source_id")).order_by().values_list("pk", "kind")
        )
        appendix.append(
            tracked.listing_table(
                overdue,
                on,
                key=_("Overdue letters"),
                title=_("Letters whose answer was overdue at the end of the period"),
                label=lambda f: (
                    _("%(kind)s, letter no. %(number)s")
                    % {"kind": kind_labels.get(kind_of.get(f.source_id), ""), "number": f.source_id}
                ),
                label_column=_("Letter"),
            )
        )
    headings = [str(s) for s in SECTIONS]
    bodies = [reception, received, handled, agencies, proposals]
    return Document(
        **document_frame(report),
        subject=_("Citizen reception and the handling of letters in %(period)s") % {"period": label},
        intro=[
            _(
                "The Standing Committee reports on citizen reception and the handling of letters in "
                "%(period)s:"
            )
            % {"period": label}
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=appendix,
    )
