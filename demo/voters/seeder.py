"""Writes the voter scenario through ``voters.services``, each step on its own day (``demo.clock``)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from council.models import AdminUnit, Agency, Committee, Council, Field, FollowUp, Term, User
from council.services import followup_answer, followup_change_due, followup_verify
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import DelegateGroup, GroupMembership, Mandate, StandingPosition
from demo.clock import answered_on, as_of, closed_on
from demo.names import (
    DEMO_DELEGATE,
    OFFICE_USER,
    RESPONDENT_AGENCY,
    RESPONDENT_USER,
)
from demo.voters.communications import seed_communications
from demo.voters.outreach import seed_outreach
from demo.voters.specs import (
    COMMITTEE_OF_FIELD,
    DAY,
    DISTRICT_OF,
    EXTERNAL_PREFIX,
    LETTERS,
    LOOSE,
    MEETINGS,
    PETITIONS,
    PLANNED_MEETINGS,
    RECEPTIONS,
    REPORT_AFTER_DAYS,
    REVIEW_TEXT,
    SUBMISSIONS,
    DemoLetter,
    DemoMeeting,
    DemoReception,
    Host,
    Kind,
    Kn,
    LetterState,
    Op,
    State,
    Submission,
    _lower_first,
    external,
    opinion_key,
    petition_external,
    public_answer,
)
from sessions.models import Session
from voters.matching.classifier import classifier_train
from voters.matching.index import rebuild_frequencies
from voters.matching.models import Synonym
from voters.matching.services import synonyms_load_defaults
from voters.models import (
    Channel,
    Competence,
    Letter,
    Petition,
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

# The earliest day of the scenario (the first petitions answered in 2025 were received in December 2024).
EARLIEST = dt.date(2024, 12, 1)


class VotersSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council, self.office, self.respondent = council, office, respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(
            council, min(self.today - 400 * DAY, EARLIEST), self.today + 400 * DAY
        )
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

    def when(self, day: int | dt.date) -> dt.date:
        """A fixed date as it is written, or the working day ``day`` days before the run."""
        return day if isinstance(day, dt.date) else self.ago(day)

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
            day = answered_on(spec.key, followup.assigned_date, followup.due_date, self.today, late=spec.late)
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
            consent=True,
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
        # A planned meeting has no opinion to find it by: its venue and a day still ahead do.
        for spec in PLANNED_MEETINGS:
            ahead = VoterMeeting.objects.filter(council=self.council, date__gt=self.today)
            if not ahead.filter(place_detail=spec.venue).exists():
                self.meeting(spec, random.Random(spec.key))
        for spec in LOOSE:
            if spec.key not in self.opinions:
                received = self.when(spec.day)
                with as_of(received):
                    self.opinion(spec.key, spec.channel, spec.op, received_on=received)
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
        from voters.models import DataSubjectRequest
        from voters.services import data_request_close, data_request_open

        if SUBMISSIONS and not DataSubjectRequest.objects.filter(council=self.council).exists():
            # One of them asked for a copy of what the council holds about them (Law 91/2025/QH15).

            asked = data_request_open(
                council=self.council,
                actor=self.office,
                kind=DataSubjectRequest.Kind.ACCESS,
                identifier=SUBMISSIONS[0].phone,
                received_on=self.ago(3),
                note="Gọi điện đến Văn phòng.",
            )
            data_request_close(
                asked, actor=self.office, state="done", outcome="Đã gửi bản sao dữ liệu qua thư điện tử."
            )
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
    seed_outreach(province, office=office)
