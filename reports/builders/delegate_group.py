"""A delegate group's activity report for a half-year or a year: its members, its meetings, the voter
contact of its members and in its area, whether it spoke at every session (T2), training, and the tasks of
the leadership's directives assigned to it."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.quota import LABELS, quota_status
from delegates.models import GroupMeeting, GroupMembership, TrainingAttendance
from directives.models import DirectiveItem
from sessions.models import Session, Speech
from sessions.selectors import session_window_open
from voters.models import VoterMeeting, VoterOpinion

from ..documents.content import Document, Section, Table
from ..kinds import document_frame
from ..models import Report
from . import tracked
from .common import Progress

SECTIONS = [
    gettext_lazy("Members of the group"),
    gettext_lazy("Meetings of the group"),
    gettext_lazy("Voter contact and voters' petitions"),
    gettext_lazy("Speaking at the sessions"),
    gettext_lazy("Training of the members"),
    gettext_lazy("Tasks assigned to the group"),
]


def _covers(m, day) -> bool:
    return m.start_date <= day and (m.end_date is None or m.end_date >= day)


def speaking(group, memberships: list, window) -> tuple[list, int, int]:
    """Per session held in the window: the members' plenary contributions (counted for the group the
    delegate belonged to that day, as T2 counts them) and contributions anywhere; three queries at most."""
    sessions = list(
        Session.objects.filter(
            council_id=group.council_id,
            term_id=group.term_id,
            state__in=Session.HELD,
            start_date__range=(window.start, window.end),
        ).order_by("start_date", "pk")
    )
    if not sessions:
        return [], 0, 0
    by_mandate = defaultdict(list)
    for m in memberships:
        by_mandate[m.mandate_id].append(m)
    plenary, anywhere, speakers = defaultdict(int), defaultdict(int), defaultdict(set)
    speeches = Speech.objects.filter(
        sitting__session__in=sessions, kind__in=Speech.CONTRIBUTIONS, mandate_id__in=list(by_mandate)
    ).values_list("mandate_id", "sitting__date", "sitting__session_id", "venue")
    for mandate_id, day, session_id, venue in speeches:
        if not any(_covers(m, day) for m in by_mandate[mandate_id]):
            continue
        anywhere[session_id] += 1
        if venue == Speech.Venue.PLENARY:
            plenary[session_id] += 1
            speakers[session_id].add(mandate_id)
    rows, met = [], 0
    for i, s in enumerate(sessions, start=1):
        spoke = plenary[s.pk] > 0
        met += spoke
        status = quota_status(spoke, window_open=session_window_open(s))
        rows.append(
            [
                i,
                s.title or str(s),
                s.start_date,
                plenary[s.pk],
                len(speakers[s.pk]),
                anywhere[s.pk],
                str(LABELS[status]),
            ]
        )
    return rows, met, len(sessions)


def delegate_group_report(report: Report, progress: Progress) -> Document:
    """A delegate group's half-year or annual report on its own activity."""
    council, group = report.council, report.group
    window = tracked.window_of(report)
    on = tracked.as_of(window)
    label = tracked.period_words(report)
    progress(10, _("Computing the figures"))

    all_memberships = GroupMembership.objects.filter(group=group)
    seats = tracked.membership(all_memberships, window, lead="leader")
    memberships = list(
        all_memberships.filter(start_date__lte=window.end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=window.start)
        )
    )
    member_ids = [m.mandate_id for m in memberships]
    members = [
        ngettext(
            "At the end of the period the group had %(count)s member.",
            "At the end of the period the group had %(count)s members.",
            seats["seats"],
        )
        % {"count": seats["seats"]}
        if seats["seats"]
        else _("No member of the group was recorded at the end of the period."),
        tracked.changes_sentence(seats),
    ]

    by_kind = dict(
        GroupMeeting.objects.filter(group=group, date__range=(window.start, window.end))
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    held = sum(by_kind.values())
    meetings = (
        [
            ngettext(
                "In %(period)s the group met %(count)s time.",
                "In %(period)s the group met %(count)s times.",
                held,
            )
            % {"period": label, "count": held},
            tracked.tally_sentence(
                {k: by_kind.get(k, 0) for k in GroupMeeting.Kind.values},
                {k: str(v) for k, v in GroupMeeting.Kind.choices},
            ),
        ]
        if held
        else [_("The group held no meeting of its own in %(period)s.") % {"period": label}]
    )

    voter_meetings = VoterMeeting.objects.filter(
        council=council, date__range=(window.start, window.end)
    ).filter(Q(delegates__in=member_ids) | Q(place__in=group.admin_units.all()))
    met_voters = voter_meetings.values("pk").distinct().count()
    opinions = VoterOpinion.objects.filter(meeting__in=voter_meetings.values("pk")).aggregate(
        opinions=Count("pk"), voters=Sum("voters_count"), petitions=Count("petition", distinct=True)
    )
    if met_voters:
        voters = [
            ngettext(
                "Its members held %(count)s voter meeting, in its area or with its members present.",
                "Its members held %(count)s voter meetings, in its area or with its members present.",
                met_voters,
            )
            % {"count": met_voters},
            ngettext(
                "Voters raised %(count)s opinion there.",
                "Voters raised %(count)s opinions there.",
                opinions["opinions"],
            )
            % {"count": opinions["opinions"]}
            if opinions["opinions"]
            else _("No voters' opinion from these meetings has been recorded."),
            ngettext(
                "They went into %(count)s petition to the agencies.",
                "They went into %(count)s petitions to the agencies.",
                opinions["petitions"],
            )
            % {"count": opinions["petitions"]}
            if opinions["petitions"]
            else "",
        ]
    else:
        voters = [
            _("No voter meeting was held in the group's area or with its members in %(period)s.")
            % {"period": label}
        ]

    progress(40, _("Writing the sections"))
    rows, spoke, sessions = speaking(group, memberships, window)
    if not sessions:
        speeches = [_("The council held no session in %(period)s.") % {"period": label}]
    else:
        if spoke == sessions:
            first = ngettext(
                "The group spoke in the plenary at the session held in the period (T2).",
                "The group spoke in the plenary at each of the %(count)s sessions held in the period (T2).",
                sessions,
            ) % {"count": sessions}
        elif not spoke:
            first = ngettext(
                "The group did not speak in the plenary at the session held in the period (T2).",
                "The group did not speak in the plenary at any of the %(count)s sessions held (T2).",
                sessions,
            ) % {"count": sessions}
        else:
            first = _("The group spoke in the plenary at %(spoke)s of the %(count)s sessions held (T2).") % {
                "spoke": spoke,
                "count": sessions,
            }
        speeches = [
            first,
            Table(
                key=_("Speaking at sessions"),
                title=_("Contributions of the group's members at the sessions"),
                columns=[
                    _("No."),
                    _("Session"),
                    _("Opened on"),
                    _("Plenary contributions"),
                    _("Members who spoke in the plenary"),
                    _("Contributions, all venues"),
                    _("T2"),
                ],
                rows=rows,
            ),
        ]

    invited = TrainingAttendance.objects.filter(
        mandate_id__in=member_ids, course__start_date__range=(window.start, window.end)
    ).aggregate(invited=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    if not invited["invited"]:
        training = [_("No member was invited to a training course in the period.")]
    else:
        training = [
            ngettext(
                "Members were invited to training courses %(count)s time.",
                "Members were invited to training courses %(count)s times.",
                invited["invited"],
            )
            % {"count": invited["invited"]},
            ngettext("They attended %(count)s time.", "They attended %(count)s times.", invited["attended"])
            % {"count": invited["attended"]}
            if invited["attended"]
            else _("None of the invitations was attended."),
        ]

    item_blocks, items_table = tracked.directive_items(
        DirectiveItem.objects.filter(directive__council=council, group=group), on, key=_("Directive tasks")
    )
    progress(70, _("Writing the appendix"))
    headings = [str(s) for s in SECTIONS]
    bodies = [members, meetings, voters, speeches, training, item_blocks]
    return Document(
        **document_frame(report),
        subject=_("Activities of the delegate group %(group)s in %(period)s")
        % {"group": group.name, "period": label},
        intro=[
            _("The delegate group %(group)s reports on its activities in %(period)s as follows:")
            % {"group": group.name, "period": label}
        ],
        sections=[Section(h, [b for b in body if b != ""]) for h, body in zip(headings, bodies, strict=True)],
        appendix=[items_table] if items_table is not None else [],
    )
