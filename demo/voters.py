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

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AdminUnit, Agency, Committee, Council, CouncilStatus, Field, FollowUp, Term, User
from council.services import followup_answer, followup_change_due, followup_verify
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import DelegateGroup, GroupMembership, Mandate, StandingPosition
from demo import council as demo_data
from demo.clock import answered_on, as_of, closed_on
from demo.loader import rows
from demo.names import (
    DEMO_DELEGATE,
    OFFICE_USER,
    RESPONDENT_AGENCY,
    RESPONDENT_USER,
)
from sessions.models import Session
from voters import communications
from voters.matching.classifier import classifier_train
from voters.matching.index import rebuild_frequencies
from voters.matching.models import Synonym
from voters.matching.services import synonyms_load_defaults
from voters.models import (
    Channel,
    Competence,
    Letter,
    MediaProduct,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)
from voters.services import (
    letter_create,
    letter_handle,
    meeting_create,
    opinion_add,
    petition_adopt_followup,
    petition_attach,
    petition_classify,
    petition_conclude,
    petition_create,
    petition_followup,
    petition_inform,
    petition_merge,
    petition_report,
    petition_review,
    petition_transfer,
    public_submit,
    reception_create,
)

DAY = dt.timedelta(days=1)

Kind = VoterMeeting.Kind
Format = VoterMeeting.Format
State = Petition.State
LetterKind = Letter.Kind
LetterState = Letter.State
Host = Reception.Host

EXTERNAL_PREFIX = "demo-"

# A petition is reported at the first session held this long after it was transferred.
REPORT_AFTER_DAYS = 25

# Agencies, by their name in ``demo.council``.


# The committee that reviews the answers, by field.
COMMITTEE_OF_FIELD = {
    "dat-dai": "economy_budget",
    "giao-thong": "economy_budget",
    "xay-dung": "economy_budget",
    "nong-nghiep": "economy_budget",
    "moi-truong": "economy_budget",
    "tai-chinh-ngan-sach": "economy_budget",
    "y-te": "culture_society",
    "giao-duc": "culture_society",
    "lao-dong-viec-lam": "culture_society",
    "chinh-sach-xa-hoi": "culture_society",
    "van-hoa-du-lich": "culture_society",
    "an-ninh-trat-tu": "legal",
    "noi-vu": "legal",
    "khac": "legal",
}
REVIEW_TEXT = {
    CouncilStatus.DONE: "Nội dung trả lời đầy đủ, đúng thẩm quyền; kiến nghị đã được giải quyết.",
    CouncilStatus.PARTLY_DONE: "Kiến nghị mới được giải quyết một phần; đề nghị tiếp tục thực hiện theo lộ "
    "trình đã cam kết và báo cáo kết quả.",
    CouncilStatus.NOT_DONE: "Kiến nghị chưa được giải quyết; đề nghị cơ quan tiếp tục xem xét, có giải pháp "
    "và thời hạn cụ thể.",
}


# --- What is seeded ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """An opinion: what voters said, how many raised it, who (optional), and an answer given on the spot."""

    text: str
    voters: int = 1
    name: str = ""
    address: str = ""
    spot: str = ""
    unit: str = ""  # a commune or ward other than the meeting's, by its name


@dataclass(frozen=True)
class DemoMeeting:
    """A voter meeting ``day`` days before the run; its opinions are keyed "<key>-01", "<key>-02", …"""

    key: str
    kind: str
    day: int
    place: str  # a commune or ward in force, by its name; "" for an online meeting with no main venue
    venue: str
    attendance: int
    opinions: tuple[Op, ...]
    format: str = Format.IN_PERSON
    field: str = ""
    delegates: int = 3
    demo_delegate: bool = False
    notes: str = ""


@dataclass(frozen=True)
class DemoReception:
    key: str
    day: int
    host: str
    place: str
    venue: str
    opinions: tuple[Op, ...]
    notes: str = ""


@dataclass(frozen=True)
class Loose:
    """An opinion received outside meetings and receptions."""

    key: str
    channel: str
    day: int
    op: Op


@dataclass(frozen=True)
class DemoLetter:
    """A letter and what the Office did with it.

    ``sender`` is (name, address, phone), None for an anonymous letter. ``steps`` are taken in order: a
    letter state ("classified", note), ("transferred", agency, note), …; ("answer", status, text) for the
    agency's answer to the follow-up opened on transfer and ("verify", outcome, text) for the Office's.
    ``opinion`` is what the letter asks of the council, recorded as an opinion keyed "<key>".
    """

    key: str
    kind: str
    channel: str
    day: int
    sender: tuple[str, str, str] | None
    unit: str
    summary: str
    steps: tuple[tuple, ...] = ()
    duplicate_of: str = ""
    opinion: str = ""


@dataclass(frozen=True)
class Kn:
    """A petition consolidated from the opinions ``sources`` and taken as far as ``state``.

    ``lag``: days from the last source to the transfer. ``answer``: ("done", text), ("cannot", text,
    explanation) or ("progress", %, text). ``review``: the committee's outcome (text by default from
    ``REVIEW_TEXT``). ``inform``: what voters were told (by default the agency's answer). ``extend``: on a
    roadmap, the follow-up's due date moves this many days past the run. ``attach``: opinions added once it
    is done; ``merge_into``: a duplicate merged into that petition.
    """

    key: str
    title: str
    sources: tuple[str, ...]
    state: str
    field: str = ""
    competence: str = Competence.PROVINCE
    agency: str = ""
    lag: int = 10
    answer: tuple = ()
    review: str = CouncilStatus.DONE
    inform: str = ""
    publish: bool = True
    roadmap: str = ""
    extend: int = 0
    attach: tuple[str, ...] = ()
    merge_into: str = ""


@dataclass(frozen=True)
class Submission:
    """A citizen's petition sent through the public web form, and how far the Office took it."""

    name: str
    phone: str
    email: str
    address: str
    unit: str
    title: str
    text: str
    classify: tuple[str, str, str] | None = None  # (field, competence, agency)


# --- Voter meetings ---------------------------------------------------------------------------------------

MEETINGS = rows("voters", "meetings", DemoMeeting)

# --- Citizen receptions ---------------------------------------------------------------------------------

RECEPTIONS = rows("voters", "receptions", DemoReception)

# --- Opinions through the other channels -----------------------------------------------------------------

LOOSE = rows("voters", "loose", Loose)

# --- Letters ----------------------------------------------------------------------------------------------

LETTERS = rows("voters", "letters", DemoLetter)

# --- Petitions --------------------------------------------------------------------------------------------

PETITIONS = rows("voters", "petitions", Kn)

SUBMISSIONS = rows("voters", "submissions", Submission)


# --- Writing ----------------------------------------------------------------------------------------------


def opinion_key(prefix: str, n: int) -> str:
    return f"{prefix}-{n:02d}"


def external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}yk-{key}"


def petition_external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}kn-{key}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# An answer that names its author is published as it is; any other is introduced by the agency's name.
NAMED = ("UBND ",)


def public_answer(spec: Kn) -> str:
    """What voters are told by default: the agency's answer (its account, not its explanation)."""
    text = spec.answer[1] if spec.answer[0] == "cannot" else spec.answer[-1]
    named = text.startswith((spec.agency, *NAMED))
    return text if named else f"{spec.agency} trả lời: {_lower_first(text)}"


# The former district each commune or ward of the merged province was formed on (term X groups cover those).
DISTRICT_OF = {unit: name for _code, name, _province, units in demo_data.DISTRICTS for unit in units}


class VotersSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council, self.office, self.respondent = council, office, respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 400 * DAY, self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.committees = {c.kind: c for c in Committee.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        self.units = {u.name: u for u in AdminUnit.objects.current()}
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.sessions = list(Session.objects.filter(council=council).order_by("start_date", "pk"))
        self.demo_delegate = list(
            Mandate.objects.filter(council=council, delegate__user__username=DEMO_DELEGATE)
        )
        self.opinions: dict[str, VoterOpinion] = {}

    # Dates

    def workday(self, day: dt.date) -> dt.date:
        """The nearest working day on or before ``day``."""
        while not self.calendar.is_working_day(day):
            day -= DAY
        return day

    def ago(self, days: int) -> dt.date:
        return self.workday(self.today - days * DAY)

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    # Sessions

    def session_for(self, kind: str, day: dt.date) -> Session | None:
        if kind == Kind.BEFORE_SESSION:
            ahead = [s for s in self.sessions if s.start_date >= day]
            return ahead[0] if ahead else (self.sessions[-1] if self.sessions else None)
        if kind == Kind.AFTER_SESSION:
            behind = [s for s in self.sessions if s.end_date <= day]
            return behind[-1] if behind else (self.sessions[0] if self.sessions else None)
        return None

    def report_session(self, transferred: dt.date) -> Session | None:
        held = [s for s in self.sessions if s.end_date < self.today]
        later = [s for s in held if s.start_date >= transferred + REPORT_AFTER_DAYS * DAY]
        return later[0] if later else (held[-1] if held else None)

    # Delegates

    def mandates_on(self, day: dt.date, place: AdminUnit | None) -> list[Mandate]:
        """Mandates in office on ``day`` of the delegate groups that cover ``place`` (all for ``None``)."""
        term = self.term_on(day)
        if term is None:
            return []
        mandates = Mandate.objects.filter(council=self.council, term=term).active_on(day)
        if place is not None:
            names = {place.name}
            if place.name in DISTRICT_OF:
                names.add(DISTRICT_OF[place.name])
            groups = DelegateGroup.objects.filter(term=term, admin_units__name__in=names)
            members = GroupMembership.objects.filter(group__in=groups).active_on(day).values("mandate")
            mandates = mandates.filter(pk__in=members)
        return sorted(mandates.select_related("delegate"), key=lambda m: (m.delegate.full_name, m.pk))

    def standing_on(self, day: dt.date) -> list[Mandate]:
        """The chair and vice-chairs in office on ``day`` (term X keeps no positions: the posts on the
        mandates stand in for them)."""
        term = self.term_on(day)
        if term is None:
            return []
        positions = (
            StandingPosition.objects.filter(mandate__term=term)
            .active_on(day)
            .filter(role__in=[StandingPosition.Role.CHAIR, StandingPosition.Role.VICE_CHAIR])
            .select_related("mandate")
            .order_by("role", "pk")
        )
        found = [p.mandate for p in positions]
        if not found:
            found = list(
                Mandate.objects.filter(
                    council=self.council, term=term, position__startswith="Phó Chủ tịch HĐND"
                )
                .active_on(day)
                .order_by("pk")
            )
        return found

    def demo_delegate_on(self, day: dt.date) -> list[Mandate]:
        return [
            m for m in self.demo_delegate if m.start_date <= day and (m.end_date is None or m.end_date >= day)
        ]

    # Opinions

    def opinion(self, key: str, channel: str, op: Op, **where) -> VoterOpinion:
        unit = self.units.get(op.unit) if op.unit else where.pop("admin_unit", None)
        where.pop("admin_unit", None)
        opinion = opinion_add(
            actor=self.office,
            council=self.council,
            channel=channel,
            text=op.text,
            voters_count=op.voters,
            voter_name=op.name,
            voter_address=op.address,
            spot_answer=op.spot,
            admin_unit=unit,
            external_id=external(key),
            **where,
        )
        self.opinions[key] = opinion
        return opinion

    # Meetings and receptions

    def meeting(self, spec: DemoMeeting, rng: random.Random) -> None:
        day = self.ago(spec.day)
        place = self.units[spec.place] if spec.place else None
        pool = self.mandates_on(day, place)
        delegates = rng.sample(pool, min(len(pool), spec.delegates))
        if spec.demo_delegate:
            delegates += [m for m in self.demo_delegate_on(day) if m not in delegates]
        front = (
            f"Ủy ban MTTQ Việt Nam {_lower_first(place.name)}"
            if place is not None
            else "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"
        )
        meeting = meeting_create(
            actor=self.office,
            council=self.council,
            delegates=delegates,
            kind=spec.kind,
            format=spec.format,
            date=day,
            place=place,
            place_detail=spec.venue,
            session=self.session_for(spec.kind, day),
            field=self.fields[spec.field] if spec.field else None,
            co_organiser=front,
            attendance=spec.attendance,
            notes=spec.notes,
        )
        for n, op in enumerate(spec.opinions, start=1):
            self.opinion(opinion_key(spec.key, n), Channel.MEETING, op, meeting=meeting)

    def reception(self, spec: DemoReception, rng: random.Random) -> None:
        day = self.ago(spec.day)
        place = self.units[spec.place]
        if spec.host == Host.STANDING:
            hosts = self.standing_on(day)[:2]
        else:
            pool = self.mandates_on(day, place)
            hosts = rng.sample(pool, min(len(pool), 2))
        reception = reception_create(
            actor=self.office,
            council=self.council,
            hosts=hosts,
            date=day,
            host=spec.host,
            place=place,
            place_detail=spec.venue,
            notes=spec.notes,
        )
        for n, op in enumerate(spec.opinions, start=1):
            self.opinion(
                opinion_key(spec.key, n), Channel.RECEPTION, op, reception=reception, admin_unit=place
            )

    # Letters

    def letter(self, spec: DemoLetter, letters: dict[str, Letter]) -> Letter:
        name, address, phone = spec.sender or ("", "", "")
        letter = letter_create(
            actor=self.office,
            council=self.council,
            kind=spec.kind,
            channel=spec.channel,
            received_on=self.ago(spec.day),
            anonymous=spec.sender is None,
            sender_name=name,
            sender_address=address,
            sender_phone=phone,
            admin_unit=self.units.get(spec.unit),
            summary=spec.summary,
            duplicate_of=letters.get(spec.duplicate_of),
        )
        if spec.opinion:
            self.opinion(
                spec.key,
                Channel.LETTER,
                Op(spec.opinion, name=name, address=address, unit=spec.unit),
                letter=letter,
                received_on=letter.received_on,
            )
        for step in spec.steps:
            action, *args = step
            if action == "answer":
                self.answer(self.letter_followup(letter), *args)
            elif action == "verify":
                outcome, text = args
                followup_verify(self.letter_followup(letter), actor=self.office, outcome=outcome, text=text)
            elif action == LetterState.TRANSFERRED:
                agency, note = args
                letter = letter_handle(
                    letter, actor=self.office, to=action, agency=self.agencies[agency], note=note
                )
            else:
                letter = letter_handle(letter, actor=self.office, to=action, note=args[0] if args else "")
        return letter

    @staticmethod
    def letter_followup(letter: Letter) -> FollowUp:
        return (
            FollowUp.objects.filter(source_type__model="letter", source_id=letter.pk).order_by("-pk").first()
        )

    # Follow-ups

    def answer(self, followup: FollowUp, status: str, *args) -> None:
        actor = self.respondent if followup.agency.name == RESPONDENT_AGENCY else None
        if status == "done":
            followup_answer(followup, actor=actor, status="done", text=args[0])
        elif status == "cannot":
            text, explanation = args
            followup_answer(followup, actor=actor, status="cannot_do", text=text, explanation=explanation)
        elif status == "progress":
            progress, text = args
            followup_answer(followup, actor=actor, status="in_progress", progress=progress, text=text)
        else:
            raise ValueError(f"Unknown demo answer {status!r}")
        followup.refresh_from_db()

    # Petitions

    def petition(self, spec: Kn, existing: dict[str, Petition]) -> Petition | None:
        """Take petition ``spec`` through its states, each step on the day it would have been taken
        (``demo.clock``): consolidated after its last opinion, transferred, answered, reviewed, then reported,
        voters informed and concluded at the session after."""
        sources = [self.opinions.get(key) for key in spec.sources]
        if any(o is None or o.petition_id for o in sources):
            return None  # its opinions were not seeded here (or were consolidated by hand): leave it
        last = max(o.received_on for o in sources)
        transferred = max(self.workday(min(last + spec.lag * DAY, self.today)), last)
        # Consolidated once its later opinions had come in too, before it went to the agency.
        later = [self.opinions[k].received_on for k in spec.attach if k in self.opinions]
        consolidated = max([last + (transferred - last) // 2, *later])
        with as_of(consolidated):
            petition = self.consolidate(spec, sources, existing)
        if petition is None or spec.state in (State.MERGED, State.RECORDED, State.CLASSIFIED):
            return petition
        with as_of(max(transferred, consolidated)):
            petition_transfer(petition, actor=self.office, assigned_date=transferred)
        if spec.state == State.TO_NA_DELEGATION:
            return petition
        followup = petition_followup(petition)
        day = transferred
        if followup is not None and spec.answer:
            day = answered_on(spec.key, followup.assigned_date, followup.due_date, self.today)
            with as_of(day):
                self.answer(followup, *spec.answer)
        if spec.state == State.TRANSFERRED:
            return petition
        if followup is not None:
            day = closed_on(spec.key, day, self.today)
            with as_of(day):
                petition = petition_review(
                    petition, actor=self.office, outcome=spec.review, text=REVIEW_TEXT[spec.review]
                )
        if spec.state == State.REVIEWED:
            return petition
        session = self.report_session(transferred)
        if session is None:  # no session held yet: it waits to be reported
            return petition
        with as_of(min(max(day, session.end_date), self.today)):
            petition = self.close(petition, spec, session)
        if spec.extend:
            followup = petition_followup(petition)
            if followup is not None and followup.is_open:
                followup_change_due(
                    followup,
                    actor=self.office,
                    due_date=self.today + spec.extend * DAY,
                    reason="Theo lộ trình giải quyết đã báo cáo HĐND tỉnh.",
                )
        return petition

    def consolidate(
        self, spec: Kn, sources: list[VoterOpinion], existing: dict[str, Petition]
    ) -> Petition | None:
        """Record the petition from its opinions, with its later opinions and duplicates, and classify it."""
        petition = petition_create(
            actor=self.office,
            council=self.council,
            title=spec.title,
            opinions=sources,
            external_id=petition_external(spec.key),
        )
        if spec.state == State.MERGED:
            target = existing.get(spec.merge_into)
            if target is not None:
                petition_merge(target, actor=self.office, duplicate=petition)
            return petition
        # Its later opinions and its duplicates join it while it is being consolidated, before any answer (an
        # answered petition takes no more opinions).
        if spec.attach:
            self.attach(petition, spec.attach)
        for duplicate in PETITIONS:
            if duplicate.merge_into == spec.key and duplicate.key not in existing:
                existing[spec.key] = petition
                merged = self.petition(duplicate, existing)
                if merged is not None:
                    existing[duplicate.key] = merged
                petition.refresh_from_db()
        if spec.state == State.RECORDED:
            return petition
        central = spec.competence == Competence.CENTRAL
        return petition_classify(
            petition,
            actor=self.office,
            field=self.fields[spec.field],
            competence=spec.competence,
            committee=self.committees.get(COMMITTEE_OF_FIELD[spec.field]),
            agency=None if central else self.agencies[spec.agency],
        )

    def close(self, petition: Petition, spec: Kn, session: Session) -> Petition:
        """Report the petition at ``session``, inform the voters and conclude it, as far as its state goes."""
        petition = petition_report(petition, actor=self.office, session=session)
        if spec.state == State.REPORTED:
            return petition
        summary = spec.inform or public_answer(spec)
        petition = petition_inform(petition, actor=self.office, answer_summary=summary, publish=spec.publish)
        if spec.state == State.INFORMED:
            return petition
        return petition_conclude(petition, actor=self.office, outcome=spec.state, roadmap=spec.roadmap)

    def adopt_followups(self) -> None:
        """The demo follow-ups opened as petitions (demo.followups) get their petition record, so the
        agency portal, the follow-up pages and the reports show tracking codes a citizen can look up."""
        waiting = FollowUp.objects.filter(
            council=self.council, source_kind=Petition.FOLLOWUP_SOURCE_KIND, source_id__isnull=True
        ).order_by("pk")
        for followup in waiting:
            received = min(followup.assigned_date - 5 * DAY, self.today)
            with transaction.atomic():
                opinion = opinion_add(
                    actor=self.office,
                    council=self.council,
                    channel=Channel.HOTLINE,
                    received_on=received,
                    text=followup.description,
                )
                petition_adopt_followup(followup, actor=self.office, opinions=[opinion])

    def attach(self, petition: Petition, keys: tuple[str, ...]) -> None:
        opinions = [self.opinions[k] for k in keys if k in self.opinions and not self.opinions[k].petition_id]
        if opinions:
            petition_attach(petition, actor=self.office, opinions=opinions)

    def submission(self, spec: Submission) -> None:
        petition = public_submit(
            council=self.council,
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            address=spec.address,
            admin_unit=self.units.get(spec.unit),
            title=spec.title,
            text=spec.text,
        )
        if spec.classify:
            field, competence, agency = spec.classify
            petition_classify(
                petition,
                actor=self.office,
                field=self.fields[field],
                competence=competence,
                committee=self.committees.get(COMMITTEE_OF_FIELD[field]),
                agency=self.agencies[agency],
            )

    def run(self) -> None:
        if not self.terms or not self.sessions:
            return
        if not Synonym.objects.filter(council=self.council).exists():
            synonyms_load_defaults(actor=self.office, council=self.council)
        self.opinions = {
            o.external_id.removeprefix(f"{EXTERNAL_PREFIX}yk-"): o
            for o in VoterOpinion.objects.filter(council=self.council, external_id__startswith=external(""))
        }
        # One seed per meeting and reception, drawn in order, so who attends one does not depend on which
        # others exist.
        rng = random.Random(2026)
        seeds = [rng.getrandbits(64) for _ in MEETINGS + RECEPTIONS]
        for spec, seed in zip(MEETINGS, seeds[: len(MEETINGS)], strict=True):
            if opinion_key(spec.key, 1) not in self.opinions:
                self.meeting(spec, random.Random(seed))
        for spec, seed in zip(RECEPTIONS, seeds[len(MEETINGS) :], strict=True):
            if opinion_key(spec.key, 1) not in self.opinions:
                self.reception(spec, random.Random(seed))
        for spec in LOOSE:
            if spec.key not in self.opinions:
                self.opinion(spec.key, spec.channel, spec.op, received_on=self.ago(spec.day))
        letters = {
            spec.key: letter
            for spec in LETTERS
            if (
                letter := Letter.objects.filter(council=self.council, summary=normalize(spec.summary)).first()
            )
            is not None
        }
        for spec in LETTERS:
            if spec.key not in letters:
                letters[spec.key] = self.letter(spec, letters)
        petitions = {
            p.external_id.removeprefix(f"{EXTERNAL_PREFIX}kn-"): p
            for p in Petition.objects.filter(
                council=self.council, external_id__startswith=petition_external("")
            )
        }
        for spec in PETITIONS:
            if spec.key in petitions:
                continue
            petition = self.petition(spec, petitions)
            if petition is not None:
                petitions[spec.key] = petition
                if spec.attach:
                    self.attach(petition, spec.attach)
        self.adopt_followups()
        submitted = set(
            Petition.objects.filter(
                council=self.council, contact_email__in=[s.email for s in SUBMISSIONS]
            ).values_list("contact_email", flat=True)
        )
        for spec in SUBMISSIONS:
            if spec.email not in submitted:
                self.submission(spec)
        rebuild_frequencies(self.council)  # the duplicate finder's weights, as the nightly task would
        classifier_train(self.council)  # the suggested classification, as the nightly task would


def seed_voters(province: Council, *, with_users: bool) -> None:
    """Create the missing demo voter meetings, receptions, opinions, petitions and letters of ``province``.
    Mail is suppressed: the demo agencies' addresses are invented."""
    office = User.objects.filter(username=OFFICE_USER).first() if with_users else None
    respondent = User.objects.filter(username=RESPONDENT_USER).first() if with_users else None
    with mail_suppressed():
        VotersSeeder(province, office=office, respondent=respondent).run()
    seed_communications(province, office=office)


# Media products and outreach events of the year (communications work): (days ago, kind, outlet, topic, cost).
MEDIA = [
    (
        250,
        "newspaper",
        "Báo và Phát thanh, Truyền hình Đồng Tháp",
        "Chuyên trang “Tiếng nói cử tri” số 1",
        18_000_000,
    ),
    (
        160,
        "television",
        "Báo và Phát thanh, Truyền hình Đồng Tháp",
        "Chuyên mục “Đại biểu dân cử” kỳ họp thứ nhất",
        25_000_000,
    ),
    (120, "radio", "Đài Truyền thanh xã Tháp Mười", "Trả lời kiến nghị cử tri về sạt lở bờ sông", None),
    (
        45,
        "reportage",
        "Báo Nhân dân",
        "Phóng sự: Giám sát việc giải quyết kiến nghị cử tri tại Đồng Tháp",
        30_000_000,
    ),
    (10, "online", "Cổng thông tin điện tử HĐND tỉnh", "Video tóm tắt kỳ họp thứ ba", None),
]
EVENTS = [
    (200, "Họp mặt báo chí nhân kỷ niệm Ngày Báo chí cách mạng Việt Nam", "Hội trường HĐND tỉnh", 60),
    (90, "Gặp gỡ cử tri trẻ: “Thanh niên với hoạt động của HĐND”", "Nhà Văn hóa phường Cao Lãnh", 150),
    (20, "Tọa đàm đổi mới tiếp xúc cử tri trực tuyến", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", 45),
]


def seed_communications(province: Council, *, office) -> None:
    """A few media products and outreach events, dated back from today; looked up by topic or title."""
    today = timezone.localdate()
    for days, kind, outlet, topic, cost in MEDIA:
        if not MediaProduct.objects.filter(council=province, topic=topic).exists():
            communications.media_create(
                actor=office,
                council=province,
                kind=kind,
                outlet=outlet,
                topic=topic,
                published_on=today - dt.timedelta(days=days),
                cost=cost,
            )
    for days, title, place, attendance in EVENTS:
        if not OutreachEvent.objects.filter(council=province, title=title).exists():
            communications.event_create(
                actor=office,
                council=province,
                title=title,
                date=today - dt.timedelta(days=days),
                place=place,
                attendance=attendance,
                participants="Thường trực HĐND tỉnh, đại biểu HĐND tỉnh, phóng viên, cử tri",
            )


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
