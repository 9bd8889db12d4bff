"""Demo sessions for ``seed_demo``: the Đồng Tháp council's sessions of terms X and XI.

Each session comes with its sittings, its agenda (planned minutes, and actual minutes once it is held) and
the speeches logged at it, all written through ``sessions.services``, never by a direct model write. A
session is looked up by (term, number) first and skipped, with everything it holds, when it exists, so a
second run creates nothing.

Everything is drawn from one seeded generator and planned in memory before anything is written: each
session gets its own seed up front, so what one session holds does not depend on which others exist.
Only the state depends on the day of the run: a session still to come is "convened", with its sittings
and planned agenda but no speeches.

The targets come out mixed on purpose: T4 improves session after session (less presentation, more
discussion); at the latest held session of term XI one or two delegate groups have not spoken in the
plenary (T2 not met) while T2 is met at the earlier ones; a few term XI delegates never contribute (T3
shows who is still at zero). Speeches and their summaries are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Agency, Council, Field, Term, User
from delegates.models import GroupMembership, Mandate
from demo.loader import rows
from demo.names import UBND_TINH
from demo.slips import seed_slips
from sessions.models import Commitment, Interpellation, Resolution, ResolutionTask, Session, Sitting, Speech
from sessions.services import agenda_item_create, session_create, sitting_create, speech_log

DAY = dt.timedelta(days=1)
PLACE = "Hội trường HĐND tỉnh, phường Cao Lãnh"

# Share of the delegates in office who take part in a held session, and of the term XI delegates
# (ordinary group members) who never contribute in the term.
PRESENCE = 0.88
SILENT_IN_TERM_XI = 5


@dataclass(frozen=True)
class Item:
    """An agenda item template; ``points`` are what delegates say about it (none: nobody debates it)."""

    title: str
    presenter: str
    field: str
    presentation: int
    discussion: int
    points: tuple[str, ...] = ()
    core: bool = False


@dataclass(frozen=True)
class Question:
    """An interpellation topic: the official who answers, for which agency, and the questions put."""

    agency: str
    official: str
    questions: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class DemoSession:
    term: int
    number: int
    kind: str
    title: str
    start: dt.date
    days: int
    decision: str
    items: tuple[Item, ...]
    questions: tuple[Question, ...] = ()
    # Discussion share of the actual minutes (T4), rising session after session.
    share: float = 0.5
    # Plenary-silent groups whatever the day (term XI's latest held session gets one or two anyway).
    silent_groups: int = 0

    @property
    def end(self) -> dt.date:
        return self.start + (self.days - 1) * DAY


# --- Agendas --------------------------------------------------------------------------------------------

INTERPELLATION_ITEM = Item(
    "Chất vấn và trả lời chất vấn",
    "Thường trực HĐND tỉnh",
    "khac",
    5,
    120,
    core=True,
)


# --- The sessions -----------------------------------------------------------------------------------------

SESSIONS = rows("sessions", "sessions", DemoSession)

# Sittings by kind of session: (day, kind, starts, ends, title, role). The role says who speaks there.
T = dt.time
PLENARY, GROUP, INTERPELLATION = (
    Sitting.Kind.PLENARY,
    Sitting.Kind.GROUP_DISCUSSION,
    Sitting.Kind.INTERPELLATION,
)
LAYOUTS = {
    Session.Kind.REGULAR: [
        (0, PLENARY, T(7, 30), T(11, 30), "Phiên khai mạc, nghe các báo cáo, tờ trình", "opening"),
        (0, GROUP, T(13, 30), T(17, 0), "Thảo luận tổ", "group"),
        (1, PLENARY, T(7, 30), T(11, 30), "Phiên thảo luận tại hội trường", "plenary"),
        (1, INTERPELLATION, T(13, 30), T(17, 0), "Phiên chất vấn và trả lời chất vấn", "interpellation"),
        (2, PLENARY, T(8, 0), T(11, 0), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
    Session.Kind.THEMATIC: [
        (0, PLENARY, T(7, 30), T(8, 30), "Phiên khai mạc, nghe các tờ trình", "opening"),
        (0, GROUP, T(8, 30), T(10, 0), "Thảo luận tổ", "group"),
        (0, PLENARY, T(10, 0), T(11, 30), "Phiên thảo luận tại hội trường", "plenary"),
        (0, PLENARY, T(14, 0), T(15, 30), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
    Session.Kind.INAUGURAL: [
        (
            0,
            PLENARY,
            T(7, 30),
            T(11, 30),
            "Phiên khai mạc, bầu các chức danh của HĐND và UBND tỉnh",
            "opening",
        ),
        (0, GROUP, T(13, 30), T(15, 30), "Thảo luận tổ", "group"),
        (0, PLENARY, T(15, 30), T(17, 0), "Phiên thảo luận tại hội trường", "plenary"),
        (1, PLENARY, T(8, 0), T(10, 30), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
}


# --- Planning, without touching the database ----------------------------------------------------------------


@dataclass
class Member:
    mandate: Mandate
    group: int  # the delegate group's pk


@dataclass
class PlannedSpeech:
    kind: str
    member: Member | None
    item: int  # index into the session's agenda
    seconds: int
    summary: str
    question: Question | None = None  # for an official's answer


@dataclass
class PlannedSitting:
    day: dt.date
    kind: str
    start: dt.time
    end: dt.time
    title: str
    speeches: list[PlannedSpeech] = field(default_factory=list)


@dataclass
class PlannedItem:
    template: Item
    planned_presentation: int = 0
    planned_discussion: int = 0
    actual_presentation: int | None = None
    actual_discussion: int | None = None


@dataclass
class Plan:
    spec: DemoSession
    state: str
    agenda: list[PlannedItem]
    sittings: list[PlannedSitting]

    def contributors(self) -> set[int]:
        return {
            s.member.mandate.pk
            for sitting in self.sittings
            for s in sitting.speeches
            if s.member is not None and s.kind in Speech.CONTRIBUTIONS
        }


def _agenda(spec: DemoSession, rng: random.Random) -> list[PlannedItem]:
    """The core items and a draw of the others: 5–8 items in a regular session, all in the others."""
    items = list(spec.items)
    if spec.kind == Session.Kind.REGULAR:
        core = [i for i in items if i.core]
        extra = rng.sample([i for i in items if not i.core], rng.randint(5, 8) - len(core))
        items = [i for i in items if i in core or i in extra]
    return [PlannedItem(item) for item in items]


def _spread(total: int, weights: list[float]) -> list[int]:
    """``total`` minutes shared out in proportion to ``weights`` (largest remainder, zero stays zero)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    result = [int(x) for x in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - result[i], reverse=True)
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def _planned(minutes: int, factor: float, weight: int) -> int:
    """A planned duration: whole five minutes, at least five for an item that has that part at all."""
    return max(5, 5 * round(minutes * factor / 5)) if weight else 0


def _minutes(spec: DemoSession, agenda: list[PlannedItem], sittings, held: bool, rng: random.Random) -> None:
    """Planned minutes for every session, actual ones for a held session.

    T4 improves session after session: the discussion (plenary speeches, answers and the chair's
    moderation) gets ``spec.share`` of the actual time, the presentations the rest. Presentations ran
    shorter than planned and the discussion longer.
    """
    weights_p = [i.template.presentation * rng.uniform(0.8, 1.2) for i in agenda]
    weights_d = [i.template.discussion * rng.uniform(0.7, 1.3) for i in agenda]
    if not held:
        discussion = sum(i.template.discussion for i in agenda)
        presentation = round(discussion * (1 - spec.share) / spec.share)
        for item, p, d in zip(
            agenda, _spread(presentation, weights_p), _spread(discussion, weights_d), strict=True
        ):
            item.planned_presentation = _planned(p, 1, item.template.presentation)
            item.planned_discussion = _planned(d, 1, item.template.discussion)
        return
    spoken = sum(s.seconds for sitting in sittings if sitting.kind != GROUP for s in sitting.speeches)
    discussion = round(spoken / 60) + rng.randint(10, 30)
    presentation = round(discussion * (1 - spec.share) / spec.share)
    actual_p, actual_d = _spread(presentation, weights_p), _spread(discussion, weights_d)
    for item, p, d in zip(agenda, actual_p, actual_d, strict=True):
        item.actual_presentation, item.actual_discussion = p, d
        item.planned_presentation = _planned(p, rng.uniform(1.05, 1.3), item.template.presentation)
        item.planned_discussion = _planned(d, rng.uniform(0.75, 0.95), item.template.discussion)


def _speech(rng: random.Random, kind: str, member: Member | None, agenda, debated: list[int], **extra):
    item = rng.choices(debated, weights=[agenda[i].template.discussion for i in debated])[0]
    point = rng.choice(agenda[item].template.points) if agenda[item].template.points else ""
    summary = (
        f"Tranh luận, làm rõ thêm: {point[:1].lower()}{point[1:]}" if kind == Speech.Kind.DEBATE else point
    )
    return PlannedSpeech(kind, member, item, rng.randint(180, 600), summary, **extra)


def plan_session(
    spec: DemoSession,
    rng: random.Random,
    members: list[Member],
    never: set[int],
    silent: int,
    today: dt.date,
    *,
    latest_held: bool,
    catch_up: set[int] | None = None,
) -> Plan:
    """The session's agenda, sittings and speeches.

    ``never`` are mandates that never contribute; ``silent`` is how many delegate groups make no plenary
    contribution; delegates not in ``catch_up`` (when given) all speak in the group discussion.
    """
    held = spec.end < today
    if held:
        state = Session.State.CLOSED if latest_held else Session.State.PUBLISHED
    else:
        state = Session.State.IN_SESSION if spec.start <= today else Session.State.CONVENED
    agenda = _agenda(spec, rng)
    debated = [i for i, a in enumerate(agenda) if a.template.points and a.template != INTERPELLATION_ITEM]
    questioned = next((i for i, a in enumerate(agenda) if a.template == INTERPELLATION_ITEM), None)
    sittings = [
        PlannedSitting(spec.start + offset * DAY, kind, start, end, title)
        for offset, kind, start, end, title, _role in LAYOUTS[spec.kind]
    ]
    roles = [layout[-1] for layout in LAYOUTS[spec.kind]]

    # Who takes part at all: most, not all, of the delegates in office on the first day.
    active = [m for m in members if m.mandate.is_active_on(spec.start) and m.mandate.pk not in never]
    present = [m for m in active if rng.random() < PRESENCE]
    groups = sorted({m.group for m in members if m.mandate.is_active_on(spec.start)})
    quiet = set(rng.sample(groups, silent)) if silent else set()

    for sitting, role in zip(sittings, roles, strict=True):
        if sitting.day >= today or role in ("opening", "closing"):
            continue
        if role == "group":
            for member in active:
                late = catch_up is not None and member.mandate.pk not in catch_up
                if late or (member in present and rng.random() < 0.8):
                    for _ in range(2 if rng.random() < 0.25 else 1):
                        sitting.speeches.append(_speech(rng, Speech.Kind.DISCUSSION, member, agenda, debated))
        elif role == "plenary":
            for group in groups:
                if group in quiet:
                    continue
                pool = [m for m in present if m.group == group] or [m for m in active if m.group == group]
                for n, member in enumerate(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 2, 3))))):
                    kind = Speech.Kind.DEBATE if n and rng.random() < 0.4 else Speech.Kind.DISCUSSION
                    sitting.speeches.append(_speech(rng, kind, member, agenda, debated))
            rng.shuffle(sitting.speeches)
            if spec.kind != Session.Kind.INAUGURAL:
                explanation = _speech(rng, Speech.Kind.ANSWER, None, agenda, debated)
                explanation.item = 0
                explanation.summary = "Giải trình, làm rõ các vấn đề đại biểu quan tâm tại phiên thảo luận"
                sitting.speeches.append(explanation)
        elif role == "interpellation":
            askers = [m for m in present if m.group not in quiet]
            for question in spec.questions:
                for member in rng.sample(askers, rng.randint(3, 5)):
                    sitting.speeches.append(
                        PlannedSpeech(
                            Speech.Kind.INTERPELLATION,
                            member,
                            questioned,
                            rng.randint(180, 420),
                            rng.choice(question.questions),
                        )
                    )
                for _ in range(rng.randint(1, 2)):
                    answer = PlannedSpeech(
                        Speech.Kind.ANSWER, None, questioned, rng.randint(300, 600), question.answer, question
                    )
                    sitting.speeches.append(answer)
    _minutes(spec, agenda, sittings, held, rng)
    return Plan(spec, state, agenda, sittings)


# --- Writing ------------------------------------------------------------------------------------------------


def _members(term: Term) -> list[Member]:
    """The term's mandates with their delegate group, in the same order whatever the database."""
    group_of = {}
    for membership in GroupMembership.objects.filter(group__term=term).order_by("start_date"):
        group_of.setdefault(membership.mandate_id, membership.group_id)
    mandates = Mandate.objects.filter(term=term).select_related("delegate")
    members = [Member(m, group_of[m.pk]) for m in mandates if m.pk in group_of]
    return sorted(members, key=lambda m: (m.mandate.delegate.full_name, m.mandate.start_date))


def _never_speaking(members: list[Member], rng: random.Random) -> set[int]:
    """A few ordinary part-time members of term XI, from different groups, who never contribute (T3 at
    zero)."""
    roles = dict(
        GroupMembership.objects.filter(mandate__in=[m.mandate for m in members]).values_list(
            "mandate_id", "role"
        )
    )
    chosen: dict[int, int] = {}
    for member in rng.sample(members, len(members)):
        mandate = member.mandate
        ordinary = (
            roles.get(mandate.pk) == GroupMembership.Role.MEMBER
            and mandate.kind == Mandate.Kind.PART_TIME
            and mandate.delegate.user_id is None  # not a demo account's delegate
        )
        if ordinary and member.group not in chosen:
            chosen[member.group] = member.mandate.pk
        if len(chosen) == SILENT_IN_TERM_XI:
            break
    return set(chosen.values())


def _write(plan: Plan, council: Council, term: Term, actor: User | None, agencies, fields) -> None:
    spec = plan.spec
    session = session_create(
        actor=actor,
        council=council,
        term=term,
        number=spec.number,
        kind=spec.kind,
        title=spec.title,
        state=plan.state,
        start_date=spec.start,
        end_date=spec.end,
        place=PLACE,
        convening_decision=spec.decision,
    )
    items = [
        agenda_item_create(
            actor=actor,
            council=council,
            session=session,
            order=n,
            title=planned.template.title,
            presenter=planned.template.presenter,
            field=fields.get(planned.template.field),
            planned_presentation=planned.planned_presentation,
            planned_discussion=planned.planned_discussion,
            actual_presentation=planned.actual_presentation,
            actual_discussion=planned.actual_discussion,
        )
        for n, planned in enumerate(plan.agenda, start=1)
    ]
    for planned in plan.sittings:
        sitting = sitting_create(
            actor=actor,
            council=council,
            session=session,
            kind=planned.kind,
            date=planned.day,
            start_time=planned.start,
            end_time=planned.end,
            title=planned.title,
        )
        for speech in planned.speeches:
            if speech.member is not None:
                speaker = {"mandate": speech.member.mandate}
            elif speech.question is not None:
                speaker = {"official": speech.question.official, "agency": agencies[speech.question.agency]}
            else:
                speaker = {"official": "Phó Chủ tịch UBND tỉnh", "agency": agencies[UBND_TINH]}
            speech_log(
                actor=actor,
                sitting=sitting,
                kind=speech.kind,
                agenda_item=items[speech.item] if speech.item is not None else None,
                duration_seconds=speech.seconds,
                summary=speech.summary,
                **speaker,
            )


def seed_sessions(council: Council, *, with_users: bool) -> int:
    """Create the missing demo sessions of ``council`` with all they hold; return how many were created."""
    actor = User.objects.filter(username="vanphong").first() if with_users else None
    today = timezone.localdate()
    terms = {t.number: t for t in Term.objects.filter(council=council, number__in={s.term for s in SESSIONS})}
    if len(terms) < len({s.term for s in SESSIONS}):
        return 0
    rng = random.Random(2026)
    seeds = [rng.getrandbits(64) for _ in SESSIONS]
    members = {number: _members(term) for number, term in terms.items()}
    never = {10: set(), 11: _never_speaking(members[11], rng)}
    held = [s for s in SESSIONS if s.end < today]
    latest = max(held, key=lambda s: s.start) if held else None
    latest_xi = max((s for s in held if s.term == 11), key=lambda s: s.start, default=None)
    existing = set(Session.objects.filter(term__in=terms.values()).values_list("term__number", "number"))
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    fields = {f.code: f for f in Field.objects.filter(council=council)}
    # Every session is planned, in order, even one that exists: who has spoken so far in the term
    # decides who catches up at the latest held session of term XI.
    spoken: dict[int, set[int]] = {number: set() for number in terms}
    created = 0
    for spec, seed in zip(SESSIONS, seeds, strict=True):
        last_of_xi = spec is latest_xi
        silent = spec.silent_groups or (random.Random(seed ^ 1).choice((1, 2)) if last_of_xi else 0)
        plan = plan_session(
            spec,
            random.Random(seed),
            members[spec.term],
            never[spec.term],
            silent,
            today,
            latest_held=spec is latest,
            catch_up=spoken[spec.term] if last_of_xi else None,
        )
        spoken[spec.term] |= plan.contributors()
        if (spec.term, spec.number) not in existing:
            _write(plan, council, terms[spec.term], actor, agencies, fields)
            created += 1
    # Interpellations and resolutions at (and between) the held sessions, now that these exist.
    seed_slips(council, with_users=with_users)
    return created


def sessions_summary(council: Council) -> str:
    """One line on the council's sessions: how many (held), sittings, agenda items and speeches."""
    sessions = Session.objects.filter(council=council).aggregate(
        total=Count("pk"),
        held=Count("pk", filter=Q(state__in=[Session.State.CLOSED, Session.State.PUBLISHED])),
    )
    speeches = Speech.objects.filter(council=council).aggregate(
        total=Count("pk"), answers=Count("pk", filter=Q(mandate__isnull=True))
    )
    sittings = Sitting.objects.filter(council=council).count()
    slips = Interpellation.objects.filter(council=council).aggregate(
        total=Count("pk"), between=Count("pk", filter=Q(session__isnull=True))
    )
    commitments = Commitment.objects.filter(interpellation__council=council).count()
    resolutions = list(Resolution.objects.filter(council=council).select_related("vote"))
    failed = sum(1 for r in resolutions if hasattr(r, "vote") and not r.vote.passed)
    tasks = ResolutionTask.objects.filter(resolution__council=council).count()
    line = _(
        "Sessions of %(council)s: %(sessions)s (held %(held)s), sittings %(sittings)s, speeches %(speeches)s "
        "(by officials %(answers)s), interpellations %(slips)s (between sessions %(between)s, commitments "
        "%(commitments)s), resolutions %(resolutions)s (not passed %(failed)s, tasks %(tasks)s)"
    ) % {
        "council": council.short_name,
        "sessions": sessions["total"],
        "held": sessions["held"],
        "sittings": sittings,
        "speeches": speeches["total"],
        "answers": speeches["answers"],
        "slips": slips["total"],
        "between": slips["between"],
        "commitments": commitments,
        "resolutions": len(resolutions),
        "failed": failed,
        "tasks": tasks,
    }
    return f"  {line}"
