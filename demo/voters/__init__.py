"""Demo voters' data for ``seed_demo``: a year of the Đồng Tháp council's work with voters and citizens.

Eighteen voter meetings before and after the sessions, thematic and by field, in person and online, each
with the delegates present, the Fatherland Front co-organiser, the attendance and what voters raised; four
citizen receptions; opinions that came by hotline, e-mail, post, Zalo, the press, consultations on draft
resolutions and the public web form; about seventy petitions consolidated from them in every state of the
workflow (recorded, classified, transferred — some overdue, some answered and awaiting review —, sent to the
National Assembly delegation, reviewed, reported at a session, voters informed, resolved, on a roadmap,
unresolved, merged), with three pairs of near-identical recorded petitions still waiting to be merged and
opinions of the latest meetings not yet consolidated; and eleven letters (complaints, denunciations — one
anonymous —, feedback) in every state, one a duplicate of another.

Everything is written through ``voters.services`` and the follow-up services, never by a direct model
write, inside ``mail_suppressed()`` (the agencies' addresses are invented), by the demo Office user; the
answers of the Department of Health come from its demo respondent. A meeting or reception is looked up by
the external id of its first opinion, a loose opinion by its own, a petition by its external id
("demo-kn-001"), a public submission by its contact e-mail and a letter by its content, and skipped when it
exists, so a second run creates nothing.

Dates are laid out relative to the day the seed runs over the year before it (no meeting is ever in the
future); a meeting before or after a session is attached to the nearest session of the council on the
right side of its date, and a petition is reported at the first session held at least 25 days after it
was transferred. The delegates present are drawn, with a seeded generator, from the mandates in office on
the day whose delegate group covers the commune; the demo delegate attends three meetings of his group.

Voters, citizens, answers and numbers are invented.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, FollowUp
from demo.voters.seeder import seed_voters
from demo.voters.specs import MEETINGS, PETITIONS, DemoMeeting, Kn, LetterKind, LetterState, State
from voters.models import Letter, Petition, Reception, VoterMeeting, VoterOpinion

__all__ = ["MEETINGS", "PETITIONS", "DemoMeeting", "Kn", "seed_voters", "voters_summary"]


def voters_summary(council: Council) -> str:
    """One line on the work with voters: meetings, opinions, petitions by stage, receptions, letters."""
    opinions = VoterOpinion.objects.filter(council=council).aggregate(
        total=Count("pk"), loose=Count("pk", filter=Q(petition__isnull=True))
    )
    petitions = Petition.objects.filter(council=council).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(state__in=[State.RECORDED, State.CLASSIFIED])),
        with_agencies=Count("pk", filter=Q(state__in=[State.TRANSFERRED, State.TO_NA_DELEGATION])),
        concluded=Count("pk", filter=Q(state__in=[State.CLOSED, State.ROADMAP, State.UNRESOLVED])),
        merged=Count("pk", filter=Q(state=State.MERGED)),
        published=Count("pk", filter=Q(published=True)),
    )
    letters = Letter.objects.filter(council=council).aggregate(
        total=Count("pk"),
        denunciations=Count("pk", filter=Q(kind=LetterKind.DENUNCIATION)),
        open=Count("pk", filter=~Q(state__in=[LetterState.ARCHIVED, LetterState.CLOSED])),
    )
    followups = FollowUp.objects.filter(council=council, source_type__model="petition")
    line = _(
        "Voters of %(council)s: %(meetings)s voter meetings, %(opinions)s opinions (not consolidated "
        "%(loose)s), %(petitions)s petitions (to classify or transfer %(pending)s, with the agencies "
        "%(with_agencies)s, overdue %(overdue)s, concluded %(concluded)s, merged %(merged)s, answers "
        "published %(published)s), %(receptions)s citizen receptions, %(letters)s letters (denunciations "
        "%(denunciations)s, open %(open_letters)s)"
    ) % {
        "council": council.short_name,
        "meetings": VoterMeeting.objects.filter(council=council).count(),
        "opinions": opinions["total"],
        "loose": opinions["loose"],
        "petitions": petitions["total"],
        "pending": petitions["pending"],
        "with_agencies": petitions["with_agencies"],
        "overdue": followups.overdue(timezone.localdate()).count(),
        "concluded": petitions["concluded"],
        "merged": petitions["merged"],
        "published": petitions["published"],
        "receptions": Reception.objects.filter(council=council).count(),
        "letters": letters["total"],
        "denunciations": letters["denunciations"],
        "open_letters": letters["open"],
    }
    return f"  {line}"
