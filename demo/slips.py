"""Demo interpellations and resolutions for ``seed_demo``: the Đồng Tháp council's term XI and 2025–2026.

Everything goes through ``sessions.services``, never a direct model write, inside ``mail_suppressed()``:
the commitments and resolution tasks open follow-ups with agencies whose addresses are invented. Rows are
looked up by their natural key first (an interpellation by its question within the council, a resolution by
its symbol) and skipped with all they hold when they exist, so a second run creates nothing.

Interpellations: at the held sessions of term XI that had an interpellation sitting (oral, answered on the
day of that sitting, with commitments, assessments and the chair's conclusion), and a few between sessions
(written, due by the rule "interpellation-written-answer" in force on the day submitted): one answered in
time, one past due without an answer, one not accepted, one draft of the demo delegate "daibieu".

Resolutions: adopted on the last day of the held sessions of 2025–2026, each with its vote (the service
stores the delegates in office); one of them did not pass. Some assign tasks, followed up with an agency.

Questions, answers, votes and tasks are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from council.models import Agency, Council, Field, Term, User
from council.services.followups import mail_suppressed
from council.text import normalize
from delegates.models import Mandate, StandingPosition
from demo.loader import rows
from sessions.models import AgendaItem, Interpellation, Resolution, Session, Sitting
from sessions.services import (
    commitment_add,
    delegates_in_office,
    interpellation_answer,
    interpellation_assess,
    interpellation_assign,
    interpellation_conclude,
    interpellation_draft,
    interpellation_reject,
    interpellation_submit,
    resolution_create,
    resolution_task_add,
    resolution_vote,
)

D = dt.date
DAY = dt.timedelta(days=1)
DEMO_DELEGATE = "daibieu"  # the demo account of an ordinary delegate

# Agencies, by their name in ``demo.council``, and who answers for them.
UBND_TINH = "Ủy ban nhân dân tỉnh"
Y_TE = "Sở Y tế"
GD_DT = "Sở Giáo dục và Đào tạo"
XAY_DUNG = "Sở Xây dựng"
NN_MT = "Sở Nông nghiệp và Môi trường"
BQL_KCN = "Ban Quản lý các khu công nghiệp tỉnh"
RESPONDENT = {
    UBND_TINH: "Phó Chủ tịch UBND tỉnh",
    Y_TE: "Giám đốc Sở Y tế",
    GD_DT: "Giám đốc Sở Giáo dục và Đào tạo",
    XAY_DUNG: "Giám đốc Sở Xây dựng",
    NN_MT: "Giám đốc Sở Nông nghiệp và Môi trường",
    BQL_KCN: "Trưởng Ban Quản lý các khu công nghiệp tỉnh",
}


@dataclass(frozen=True)
class Promise:
    text: str
    due: dt.date


@dataclass(frozen=True)
class DemoSlip:
    """An interpellation and how far its dossier goes.

    ``session`` is the term XI session number (oral) or None (between sessions, written). ``askers`` is how
    many term XI delegates are drawn to ask, besides the demo delegate when ``demo_delegate``. A slip
    stops where its data stops: ``draft`` never submitted, ``reject`` not accepted, no ``answer`` still
    waiting for one.
    """

    topic: str
    question: str
    agency: str
    field: str
    session: int | None
    submitted: dt.date | None
    askers: int = 1
    demo_delegate: bool = False
    draft: bool = False
    reject: str = ""
    answer: str = ""
    answer_days_early: int = 0  # a written answer: this many days before it is due
    satisfaction: str = ""
    # After an unsatisfied first verdict: a supplementary answer and the verdict on it.
    supplement: str = ""
    then: str = ""
    promises: tuple[Promise, ...] = ()
    conclusion: str = ""


SLIPS = rows("slips", "slips", DemoSlip)


@dataclass(frozen=True)
class Task:
    agency: str
    text: str
    due: dt.date


@dataclass(frozen=True)
class DemoResolution:
    """A resolution adopted on the last day of a held session, and its vote.

    ``reject`` and ``abstain`` are the votes against and not cast; everyone else present approves, except
    for a resolution that does not ``pass``: then not more than half of the delegates in office approve.
    """

    term: int
    session: int
    symbol: str
    kind: str
    title: str
    field: str
    agenda: str = ""  # the agenda item the resolution was adopted under, by its title
    reject: int = 0
    abstain: int = 0
    passes: bool = True
    tasks: tuple[Task, ...] = ()


NORMATIVE, INDIVIDUAL = Resolution.Kind.NORMATIVE, Resolution.Kind.INDIVIDUAL

RESOLUTIONS = rows("slips", "resolutions", DemoResolution)


# --- Writing ----------------------------------------------------------------------------------------------


def _at(day: dt.date) -> dt.datetime:
    """Mid-morning of a day, as the slip's creation time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


class SlipSeeder:
    def __init__(self, council: Council, term: Term, today: dt.date, *, with_users: bool):
        self.council, self.term, self.today = council, term, today
        users = {
            u.username: u for u in User.objects.filter(username__in=["vanphong", "thuongtruc", DEMO_DELEGATE])
        }
        self.office = users.get("vanphong") if with_users else None
        self.chair = users.get("thuongtruc") if with_users else None
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        mandates = sorted(
            Mandate.objects.filter(council=council, term=term).select_related("delegate__user"),
            key=lambda m: (m.delegate.full_name, m.start_date, m.pk),
        )
        self.demo = next(
            (m for m in mandates if m.delegate.user and m.delegate.user.username == DEMO_DELEGATE), None
        )
        standing = set(
            StandingPosition.objects.filter(mandate__term=term).values_list("mandate_id", flat=True)
        )
        self.pool = [m for m in mandates if m.pk not in standing and m != self.demo]
        if self.demo is None and self.pool:  # no demo accounts: an ordinary delegate stands in
            self.demo = self.pool.pop(0)
        self.demo_user = self.demo.delegate.user if self.demo is not None and with_users else None

    def askers(self, rng: random.Random) -> list[list[Mandate]]:
        """Who asks each slip: drawn for every slip, in order, whether or not it exists."""
        drawn = []
        for spec in SLIPS:
            others = rng.sample(self.pool, min(spec.askers, len(self.pool)))
            drawn.append(([self.demo] if spec.demo_delegate and self.demo else []) + others)
        return drawn

    def run(self) -> int:
        rng = random.Random(20260708)
        askers = self.askers(rng)
        if not self.pool:
            return 0
        existing = set(Interpellation.objects.filter(council=self.council).values_list("question", flat=True))
        sessions = {s.number: s for s in Session.objects.filter(term=self.term)}
        created = 0
        for spec, who in zip(SLIPS, askers, strict=True):
            if normalize(spec.question) in existing or not who:
                continue
            session = sessions.get(spec.session) if spec.session else None
            if spec.session:
                if session is None or session.end_date >= self.today:
                    continue  # the session is not held (yet)
                sitting = session.sittings.filter(kind=Sitting.Kind.INTERPELLATION).order_by("date").first()
                if sitting is None:
                    continue
                answered_on = sitting.date
            else:
                answered_on = None
                if spec.submitted and spec.submitted >= self.today:
                    continue
            self.write(spec, who, session, answered_on)
            created += 1
        return created

    def write(self, spec: DemoSlip, askers: list[Mandate], session: Session | None, answered_on) -> None:
        office = self.office
        author = self.demo_user if spec.draft else office
        mode = Interpellation.Mode.ORAL if session else Interpellation.Mode.WRITTEN
        extra = {"created_at": _at(spec.submitted)} if spec.submitted else {}
        slip = interpellation_draft(
            actor=author,
            council=self.council,
            term=self.term,
            askers=askers,
            agency=self.agencies[spec.agency],
            respondent_title=RESPONDENT[spec.agency],
            question=spec.question,
            topic=spec.topic,
            field=self.fields.get(spec.field),
            session=session,
            mode=mode,
            **extra,
        )
        if spec.draft:
            return
        interpellation_submit(slip, actor=office, on=spec.submitted)
        if spec.reject:
            interpellation_reject(slip, actor=office, reason=spec.reject)
            return
        interpellation_assign(slip, actor=office, mode=mode)
        if not spec.answer:
            return
        if answered_on is None:  # a written answer, a few days before it is due
            answered_on = min(slip.answer_due - spec.answer_days_early * DAY, self.today - DAY)
        respondent = RESPONDENT[spec.agency]
        interpellation_answer(
            slip, actor=office, answered_on=answered_on, answered_by=respondent, text=spec.answer
        )
        # The asking delegate's verdict: the demo delegate gives it, the Office records the others'.
        assessor = self.demo_user if askers[0] == self.demo and self.demo_user else office
        if spec.satisfaction:
            interpellation_assess(slip, actor=assessor, satisfaction=spec.satisfaction)
        if spec.supplement:
            interpellation_answer(
                slip, actor=office, answered_on=answered_on, answered_by=respondent, text=spec.supplement
            )
            interpellation_assess(slip, actor=assessor, satisfaction=spec.then)
        for promise in spec.promises:
            commitment_add(slip, actor=office, text=promise.text, due_date=promise.due)
        if spec.conclusion:
            interpellation_conclude(slip, actor=self.chair, conclusion=spec.conclusion)


def _vote_counts(spec: DemoResolution, total: int, rng: random.Random) -> tuple[int, int, int]:
    """(approve, reject, abstain) out of ``total`` delegates in office; a few are always absent."""
    present = total - rng.randint(2, max(2, total // 12))
    if spec.passes:
        return present - spec.reject - spec.abstain, spec.reject, spec.abstain
    approve = total // 2 - rng.randint(1, 4)
    reject = (present - approve) * 2 // 3
    return approve, reject, present - approve - reject


def seed_resolutions(council: Council, today: dt.date, *, office: User | None) -> int:
    terms = {t.number: t for t in Term.objects.filter(council=council)}
    sessions = {
        (s.term.number, s.number): s
        for s in Session.objects.filter(council=council, term__in=terms.values()).select_related("term")
    }
    existing = set(Resolution.objects.filter(council=council).values_list("symbol", flat=True))
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    fields = {f.code: f for f in Field.objects.filter(council=council)}
    rng = random.Random(20251211)
    seeds = [rng.getrandbits(32) for _ in RESOLUTIONS]
    created = 0
    for spec, seed in zip(RESOLUTIONS, seeds, strict=True):
        session = sessions.get((spec.term, spec.session))
        if normalize(spec.symbol) in existing or session is None or session.end_date >= today:
            continue
        adopted = session.end_date
        normative = spec.kind == NORMATIVE
        agenda_item = (
            AgendaItem.objects.filter(session=session, title__startswith=spec.agenda)
            .order_by("order")
            .first()
            if spec.agenda
            else None
        )
        resolution = resolution_create(
            actor=office,
            council=council,
            session=session,
            symbol=spec.symbol,
            kind=spec.kind,
            title=spec.title,
            field=fields.get(spec.field),
            agenda_item=agenda_item,
            adopted_on=adopted,
            signed_on=adopted + (3 if normative else 0) * DAY if spec.passes else None,
            effective_on=(adopted + 14 * DAY if normative else adopted) if spec.passes else None,
            published_on=adopted + 5 * DAY if normative and spec.passes else None,
        )
        approve, reject, abstain = _vote_counts(
            spec, delegates_in_office(council, adopted), random.Random(seed)
        )
        resolution_vote(
            resolution, actor=office, voted_on=adopted, approve=approve, reject=reject, abstain=abstain
        )
        for task in spec.tasks:
            resolution_task_add(
                resolution, actor=office, text=task.text, agency=agencies[task.agency], due_date=task.due
            )
        created += 1
    return created


def seed_slips(council: Council, *, with_users: bool) -> tuple[int, int]:
    """Create the missing demo interpellations (term XI) and resolutions; return how many of each.

    Mail is suppressed: commitments and resolution tasks open follow-ups with invented addresses.
    """
    today = timezone.localdate()
    office = User.objects.filter(username="vanphong").first() if with_users else None
    term = Term.objects.filter(council=council, number=11).first()
    with mail_suppressed():
        slips = SlipSeeder(council, term, today, with_users=with_users).run() if term else 0
        resolutions = seed_resolutions(council, today, office=office)
    return slips, resolutions
