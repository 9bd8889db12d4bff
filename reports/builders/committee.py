"""A committee's activity report for a half-year or a year: its members, the oversight it led, the voters'
petitions it leads on, and the tasks of the leadership's directives assigned to it.

The examination of draft resolutions and reports (thẩm tra) is not recorded against a committee in the
app, so the report does not count it.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.models import FollowUp
from delegates.models import CommitteeMembership
from directives.models import DirectiveItem
from oversight.models import Accountability, OversightActivity, Recommendation, SurveyVisit
from voters.models import Petition

from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..models import Report
from . import tracked
from .common import Progress

SECTIONS = [
    gettext_lazy("Organisation and members"),
    gettext_lazy("Oversight, surveys and explanation sessions"),
    gettext_lazy("Voters' petitions the committee leads on"),
    gettext_lazy("Tasks assigned to the committee"),
    gettext_lazy("Proposals"),
]


def committee_report(report: Report, progress: Progress) -> Document:
    """A committee's half-year or annual report on its own activity."""
    council, committee = report.council, report.committee
    window = tracked.window_of(report)
    on = tracked.as_of(window)
    label = tracked.period_words(report)
    progress(10, _("Computing the figures"))

    seats = tracked.membership(CommitteeMembership.objects.filter(committee=committee), window, lead="head")
    members = [
        ngettext(
            "At the end of the period the committee had %(count)s member.",
            "At the end of the period the committee had %(count)s members.",
            seats["seats"],
        )
        % {"count": seats["seats"]}
        if seats["seats"]
        else _("No member of the committee was recorded at the end of the period."),
        tracked.changes_sentence(seats),
    ]

    activities = (
        OversightActivity.objects.filter(
            council=council, committee=committee, period_start__lte=window.end, period_end__gte=window.start
        )
        .exclude(state=OversightActivity.State.PLANNED)
        .annotate(recs=Count("recommendations"))
        .order_by("period_start", "pk")
    )
    activities = list(activities)
    surveys = SurveyVisit.objects.filter(
        activity__committee=committee, activity__council=council, date__range=(window.start, window.end)
    ).count()
    recommendations = (
        FollowUp.objects.of_sources(Recommendation.objects.filter(activity__committee=committee))
        .filter(assigned_date__lte=window.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
    )
    recs = tracked.counts(recommendations, on)
    made = recommendations.filter(assigned_date__gte=window.start).count()
    held = Accountability.objects.filter(
        council=council, committee=committee, date__range=(window.start, window.end)
    ).aggregate(
        explanations=Count("pk", filter=Q(kind=Accountability.Kind.EXPLANATION)),
        hearings=Count("pk", filter=Q(kind=Accountability.Kind.HEARING)),
    )

    progress(40, _("Writing the sections"))
    if activities:
        oversight = [
            ngettext(
                "In %(period)s the committee led %(count)s oversight activity.",
                "In %(period)s the committee led %(count)s oversight activities.",
                len(activities),
            )
            % {"period": label, "count": len(activities)},
            ngettext(
                "Its delegations made %(count)s field survey.",
                "Its delegations made %(count)s field surveys.",
                surveys,
            )
            % {"count": surveys}
            if surveys
            else _("Its delegations made no field survey in the period."),
            Table(
                key=_("Oversight activities"),
                title=_("Oversight activities led by the committee"),
                columns=[
                    _("No."),
                    _("Subject"),
                    _("Kind"),
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
                        a.period_start,
                        a.period_end,
                        str(a.get_state_display()),
                        a.recs,
                    ]
                    for i, a in enumerate(activities, start=1)
                ],
            ),
        ]
    else:
        oversight = [_("The committee led no oversight activity in %(period)s.") % {"period": label}]
    if recs["total"]:
        oversight += [
            ngettext(
                "%(count)s recommendation of its oversight was being followed up in the period.",
                "%(count)s recommendations of its oversight were being followed up in the period.",
                recs["total"],
            )
            % {"count": recs["total"]},
            ngettext(
                "%(count)s of them was made in the period.",
                "%(count)s of them were made in the period.",
                made,
            )
            % {"count": made}
            if made
            else "",
            tracked.states_sentence(recs),
        ]
    else:
        oversight.append(_("No recommendation of its oversight was being followed up in the period."))
    if held["explanations"] or held["hearings"]:
        oversight.append(
            _("The committee held %(sessions)s.")
            % {
                "sessions": tracked.and_join(
                    [
                        ngettext(
                            "%(count)s explanation session",
                            "%(count)s explanation sessions",
                            held["explanations"],
                        )
                        % {"count": held["explanations"]}
                        if held["explanations"]
                        else "",
                        ngettext("%(count)s hearing", "%(count)s hearings", held["hearings"])
                        % {"count": held["hearings"]}
                        if held["hearings"]
                        else "",
                    ]
                )
            }
        )
    else:
        oversight.append(_("The committee held no explanation session or hearing in the period."))

    petitions = Petition.objects.filter(
        council=council, committee=committee, received_on__range=(window.start, window.end)
    ).exclude(state=Petition.State.MERGED)
    received = petitions.count()
    answers = tracked.counts(FollowUp.objects.of_sources(petitions), on)
    if received:
        voters = [
            ngettext(
                "%(count)s voters' petition received in the period falls to the committee to lead on.",
                "%(count)s voters' petitions received in the period fall to the committee to lead on.",
                received,
            )
            % {"count": received},
            tracked.states_sentence(answers)
            if answers["total"]
            else _("None of them has been transferred to an agency yet."),
        ]
    else:
        voters = [_("No voters' petition received in the period falls to the committee to lead on.")]

    item_blocks, items_table = tracked.directive_items(
        DirectiveItem.objects.filter(directive__council=council, committee=committee),
        on,
        key=_("Directive tasks"),
    )

    proposals = []
    if recs["overdue"]:
        proposals.append(
            ngettext(
                "That the Standing Committee urge the agencies concerned to carry out the %(count)s overdue "
                "recommendation of the committee's oversight.",
                "That the Standing Committee urge the agencies concerned to carry out the %(count)s overdue "
                "recommendations of the committee's oversight.",
                recs["overdue"],
            )
            % {"count": recs["overdue"]}
        )
    if answers["overdue"]:
        proposals.append(
            ngettext(
                "That the agencies answer the %(count)s overdue voters' petition in the committee's fields.",
                "That the agencies answer the %(count)s overdue voters' petitions in the committee's fields.",
                answers["overdue"],
            )
            % {"count": answers["overdue"]}
        )
    proposals.append(_("That the committee carry out its programme for the period ahead."))

    progress(70, _("Writing the appendix"))
    appendix = (
        [
            tracked.listing_table(
                recommendations,
                on,
                key=_("Recommendations"),
                title=_("Recommendations of the committee's oversight and where they stand"),
                label=lambda f: f.title,
                label_column=_("Recommendation"),
            )
        ]
        if recs["total"]
        else []
    )
    if items_table is not None:
        appendix.append(items_table)
    headings = [str(s) for s in SECTIONS]
    for section in (oversight, voters):
        section[:] = [b for b in section if b != ""]
    return Document(
        **document_frame(report),
        subject=_("Activities of %(committee)s in %(period)s")
        % {"committee": committee.name, "period": label},
        intro=[
            _("%(committee)s reports on its activities in %(period)s as follows:")
            % {"committee": committee.name, "period": label}
        ],
        sections=[
            Section(headings[0], members),
            Section(headings[1], oversight),
            Section(headings[2], voters),
            Section(headings[3], item_blocks),
            Section(headings[4], proposals),
        ],
        appendix=appendix,
    )
