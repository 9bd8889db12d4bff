"""Writes the delegates' work through ``delegates.services``, by the accounts that would have done it."""

import datetime as dt
import random

from django.utils import timezone

from council.models import Council, Field, Term, User
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import (
    ActionCommitment,
    ActionProgram,
    Assessment,
    Assessor,
    CommitmentAssessment,
    DelegateEvaluation,
    DelegateGroup,
    EmulationMovement,
    EvaluationCriterion,
    GroupMeeting,
    GroupMembership,
    Mandate,
    Nomination,
    Rating,
    TrainingCourse,
)
from delegates.services.work import (
    assessment_years,
    attendance_record,
    commitment_add,
    commitment_assess,
    course_create,
    course_invite,
    criterion_create,
    evaluation_open,
    evaluation_rate,
    group_meeting_create,
    movement_create,
    nomination_create,
    nomination_decide,
    program_save,
)
from demo.delegates.specs import (
    ABSENCE_NOTES,
    BANDS,
    COMMENTS,
    COMMITMENTS,
    COMMITTEE_COLLECTIVE,
    COMMITTEE_REASON,
    CONFIRMED,
    COURSES,
    CRITERIA,
    CURRENT_REASON,
    DAY,
    DISCUSSION_NOTES,
    EVALUATED,
    GENERAL_COMMITMENT,
    GROUP_LEADER_USER,
    GROUP_REASON,
    INAUGURAL_NOTES,
    INDIVIDUAL_REASON,
    MEETING_GROUPS,
    MEETINGS_PER_GROUP,
    MOVEMENT,
    MOVEMENT_CRITERIA,
    MOVEMENT_LAUNCHED,
    NOT_SELF_ASSESSED,
    OFFICE,
    OFFICE_REASON,
    PENDING_NOTE,
    PROGRAMME_DELEGATES,
    PROVINCE_DECISION,
    SELF_EVALUATED_NOW,
    STANDING_ASSESSED,
    STANDING_DECISION,
    STANDING_USER,
    TIERS,
    VISIT_NOTES,
    WEAK_GROUP_REASON,
    WORKING_NOTES,
    Course,
    _lower_first,
    _rng,
)
from demo.names import DEMO_DELEGATE, OFFICE_USER
from sessions.models import Session


class WorkSeeder:
    def __init__(
        self,
        council: Council,
        *,
        office: User | None,
        leader: User | None,
        standing: User | None,
    ):
        self.council, self.office, self.leader, self.standing = council, office, leader, standing
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 800 * DAY, self.today + 400 * DAY)
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        self.demo_delegate = list(
            Mandate.objects.filter(council=council, delegate__user__username=DEMO_DELEGATE)
        )
        self.leader_memberships = list(
            GroupMembership.objects.filter(
                group__council=council,
                mandate__delegate__user__username=GROUP_LEADER_USER,
                role=GroupMembership.Role.LEADER,
            ).select_related("group")
        )

    # Dates and people

    def workday(self, day: dt.date, *, forward: bool = False) -> dt.date:
        while not self.calendar.is_working_day(day):
            day += DAY if forward else -DAY
        return day

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    def mandates_on(self, day: dt.date) -> list[Mandate]:
        term = self.term_on(day)
        if term is None:
            return []
        mandates = Mandate.objects.filter(council=self.council, term=term).active_on(day)
        return sorted(mandates.select_related("delegate", "term"), key=lambda m: (m.delegate.full_name, m.pk))

    def leader_group_on(self, day: dt.date) -> DelegateGroup | None:
        return next(
            (
                m.group
                for m in self.leader_memberships
                if m.start_date <= day and (m.end_date is None or m.end_date >= day)
            ),
            None,
        )

    def group_members(self, group: DelegateGroup, day: dt.date) -> list[GroupMembership]:
        return sorted(
            GroupMembership.objects.filter(group=group).active_on(day).select_related("mandate__delegate"),
            key=lambda m: (m.mandate.delegate.full_name, m.pk),
        )

    def own(self, mandate: Mandate) -> User | None:
        """The delegate's own account when he has one (and the demo has users), else the Office."""
        if self.office is not None and mandate.delegate.user_id:
            return mandate.delegate.user
        return self.office

    def group_actor(self, mandate: Mandate, day: dt.date) -> User | None:
        group = self.leader_group_on(day)
        if group is not None and any(m.mandate_id == mandate.pk for m in self.group_members(group, day)):
            return self.leader or self.office
        return self.office

    # Training

    def course_dates(self, spec: Course) -> tuple[dt.date, dt.date]:
        start = self.workday(self.today + spec.day * DAY, forward=spec.day > 0)
        if spec.day > 0 and start <= self.today:
            start = self.workday(self.today + DAY, forward=True)
        end = self.calendar.shift(start, spec.days - 1) if spec.days > 1 else start
        return start, end

    def course(self, spec: Course, existing: TrainingCourse | None) -> None:
        course = existing
        if course is None:
            start, end = self.course_dates(spec)
            course = course_create(
                actor=self.office,
                council=self.council,
                title=spec.title,
                start_date=start,
                end_date=end,
                organiser=spec.organiser,
                place=spec.place,
                online=not spec.place,
                description=spec.description,
            )
            pool = self.mandates_on(start)
            rng = _rng("course", spec.title, "invite")
            invited = pool if not spec.invite else rng.sample(pool, min(spec.invite, len(pool)))
            invited += [m for m in self.demo_delegate if m.is_active_on(start) and m not in invited]
            course_invite(course, actor=self.office, mandates=sorted(invited, key=lambda m: m.pk))
        attendances = list(course.attendances.select_related("mandate__delegate").order_by("pk"))
        started = course.start_date <= self.today
        if not started or not attendances or any(a.attended for a in attendances):
            return
        rng = _rng("course", spec.title, "attendance")
        rate = rng.uniform(0.8, 0.9)
        demo = {m.pk for m in self.demo_delegate}
        attended, notes = [], {}
        for attendance in attendances:
            if attendance.mandate_id in demo or rng.random() < rate:
                attended.append(attendance.pk)
            elif rng.random() < 0.75:
                notes[attendance.pk] = rng.choice(ABSENCE_NOTES)
        attendance_record(course, actor=self.office, attended_ids=attended, notes=notes)

    def courses(self) -> None:
        existing = {c.title: c for c in TrainingCourse.objects.filter(council=self.council)}
        for spec in COURSES:
            self.course(spec, existing.get(normalize(spec.title)))

    # Group meetings

    def meeting_plan(self, group: DelegateGroup) -> list[tuple[str, str, dt.date, str, str]]:
        """(key, kind, date, topic, conclusions) of the meetings the group could have held by today."""
        term = group.term
        plan = []
        Kind = GroupMeeting.Kind
        for session in Session.objects.filter(council=self.council, term=term).order_by("start_date"):
            before = self.workday(session.start_date - 4 * DAY)
            if before < term.start_date:
                before = self.workday(term.start_date, forward=True)
            if session.kind == Session.Kind.INAUGURAL:
                topic = f"Chuẩn bị {session.title or 'kỳ họp thứ nhất'}: quy chế hoạt động của Tổ, nhân sự"
                plan.append((f"s{session.pk}-before", Kind.DISCUSSION, before, topic, INAUGURAL_NOTES))
            else:
                topic = f"Thảo luận báo cáo, dự thảo nghị quyết trình {session.title or 'kỳ họp'}"
                plan.append((f"s{session.pk}-before", Kind.DISCUSSION, before, topic, DISCUSSION_NOTES))
            if session.kind == Session.Kind.REGULAR:
                after = self.workday(session.end_date + 10 * DAY)
                topic = f"Triển khai tiếp xúc cử tri sau {session.title or 'kỳ họp'}"
                plan.append((f"s{session.pk}-after", Kind.WORKING, after, topic, WORKING_NOTES))
        for year in range(term.start_date.year, self.today.year + 1):
            visit = self.workday(dt.date(year, 7, 20))
            if term.start_date <= visit <= term.end_date:
                topic = (
                    f"Thăm, tặng quà gia đình chính sách nhân kỷ niệm {year - 1947} năm Ngày Thương binh – "
                    "Liệt sĩ (27/7)"
                )
                plan.append((f"visit-{year}", Kind.OTHER, visit, topic, VISIT_NOTES))
        return sorted((p for p in plan if p[2] <= self.today), key=lambda p: p[2])

    def group_meetings(self) -> None:
        term = self.term_on(self.today)
        if term is None:
            return
        groups = [
            g
            for g in DelegateGroup.objects.filter(term=term).select_related("term")
            if any(g.name.startswith(f"Tổ đại biểu số {n} –") for n in MEETING_GROUPS)
        ]
        mine = self.leader_group_on(self.today)
        if mine is not None and mine not in groups:
            groups.append(mine)
        for group in sorted(groups, key=lambda g: g.pk):
            ours = group == mine
            chance = {GroupMeeting.Kind.DISCUSSION: 0.85, GroupMeeting.Kind.WORKING: 0.6}
            held = [
                p
                for p in self.meeting_plan(group)
                if ours or _rng("group", group.name, p[0]).random() < chance.get(p[1], 0.4)
            ]
            for key, kind, day, topic, notes in held[-MEETINGS_PER_GROUP:]:
                rng = _rng("group", group.name, key, "present")
                if GroupMeeting.objects.filter(group=group, date=day, topic=normalize(topic)).exists():
                    continue
                members = self.group_members(group, day)
                present = [
                    m.mandate for m in members if m.role == GroupMembership.Role.LEADER or rng.random() < 0.85
                ]
                group_meeting_create(
                    group,
                    actor=(self.leader or self.office) if ours else self.office,
                    attendees=present,
                    kind=kind,
                    date=day,
                    topic=topic,
                    notes=notes,
                )

    # Action programmes

    def programme_mandates(self) -> list[Mandate]:
        pool = self.mandates_on(self.today)
        if not pool:
            return []
        chosen = [m for m in pool if m in self.demo_delegate]
        group = self.leader_group_on(self.today)
        if group is not None:
            chosen += [m.mandate for m in self.group_members(group, self.today) if m.mandate not in chosen]
        others = [m for m in pool if m not in chosen]
        rng = _rng("programmes", pool[0].term.number)
        chosen += rng.sample(others, max(0, min(len(others), PROGRAMME_DELEGATES - len(chosen))))
        return chosen

    def commitment_plan(self, mandate: Mandate) -> list[tuple[str, str, object, object]]:
        """(text, evidence, field, commune) of the delegate's commitments."""
        rng = _rng("commitments", mandate.delegate.full_name, mandate.term.number)
        units = (
            sorted(mandate.constituency.admin_units.all(), key=lambda u: u.name)
            if mandate.constituency_id
            else []
        )
        count = rng.randint(3, 5)
        plan = []
        if rng.random() < 0.5:
            plan.append((*GENERAL_COMMITMENT, None, None))
        for field_code, text, evidence in rng.sample(COMMITMENTS, count - len(plan)):
            unit = rng.choice(units) if units else None
            where = _lower_first(unit.name) if unit else "địa bàn đơn vị bầu cử"
            plan.append(
                (text.format(unit=where), evidence.format(unit=where), self.fields.get(field_code), unit)
            )
        return plan

    def assess(self, commitment: ActionCommitment, *, year: int, by: str, status: str, evidence: str, actor):
        if CommitmentAssessment.objects.filter(commitment=commitment, year=year, by=by).exists():
            return
        if status == Assessment.KEPT:
            note = CONFIRMED[by] + (_lower_first(evidence) if CONFIRMED[by] else evidence)
        else:
            note = PENDING_NOTE[status]
        commitment_assess(commitment, actor=actor, year=year, by=by, status=status, evidence=note)

    def programmes(self) -> None:
        mandates = self.programme_mandates()
        if not mandates:
            return
        year = self.today.year
        group = self.leader_group_on(self.today)
        group_mandates = {m.mandate_id for m in self.group_members(group, self.today)} if group else set()
        rng = _rng("assessed", mandates[0].term.number)
        others = [m for m in mandates if m not in self.demo_delegate]
        standing = set(self.demo_delegate) | set(rng.sample(others, min(STANDING_ASSESSED, len(others))))
        unassessed = [m for m in others if m not in standing]
        silent = set(rng.sample(unassessed, min(NOT_SELF_ASSESSED, len(unassessed))))
        for mandate in mandates:
            actor = self.own(mandate)
            program = ActionProgram.objects.filter(mandate=mandate).first()
            plan = self.commitment_plan(mandate)
            if program is None:
                prng = _rng("programme", mandate.delegate.full_name, mandate.term.number)
                announced = self.workday(mandate.term.start_date - prng.randint(25, 40) * DAY)
                fields = [f.name.lower() for _t, _e, f, _u in plan if f is not None]
                program = program_save(
                    mandate,
                    actor=actor,
                    announced_on=announced,
                    summary="Chương trình hành động trình bày với cử tri tại hội nghị tiếp xúc cử tri vận "
                    f"động bầu cử; tập trung vào {', '.join(fields[:3]) or 'công tác tiếp xúc cử tri'}.",
                )
            have = {c.text: c for c in program.commitments.all()}
            commitments = []
            for text, evidence, field, unit in plan:
                commitment = have.get(normalize(text)) or commitment_add(
                    program, actor=actor, text=text, field=field, admin_unit=unit
                )
                commitments.append((commitment, evidence))
            if year not in assessment_years(mandate, self.today):
                continue
            arng = _rng("assessment", mandate.delegate.full_name, year)
            for commitment, evidence in commitments:
                own = arng.choices(
                    [Assessment.KEPT, Assessment.IN_PROGRESS, Assessment.NOT_KEPT], weights=[35, 50, 15]
                )[0]
                stricter = {
                    Assessment.KEPT: Assessment.KEPT if arng.random() < 0.75 else Assessment.IN_PROGRESS,
                    Assessment.IN_PROGRESS: (
                        Assessment.IN_PROGRESS if arng.random() < 0.8 else Assessment.NOT_KEPT
                    ),
                    Assessment.NOT_KEPT: Assessment.NOT_KEPT,
                }[own]
                found = {"commitment": commitment, "year": year, "evidence": evidence}
                if mandate not in silent:
                    self.assess(**found, by=Assessor.SELF, status=own, actor=actor)
                if mandate.pk in group_mandates:
                    self.assess(**found, by=Assessor.GROUP, status=stricter, actor=self.leader or self.office)
                if mandate in standing:
                    self.assess(
                        **found, by=Assessor.STANDING, status=stricter, actor=self.standing or self.office
                    )

    # Evaluation

    def criteria(self) -> dict[int, int]:
        """Create the missing criteria; return {pk: maximum points} of those in use."""
        have = set(EvaluationCriterion.objects.filter(council=self.council).values_list("text", flat=True))
        for order, (text, points) in enumerate(CRITERIA, start=1):
            if normalize(text) not in have:
                criterion_create(
                    actor=self.office, council=self.council, order=order, text=text, max_points=points
                )
        return dict(
            EvaluationCriterion.objects.filter(council=self.council, is_active=True).values_list(
                "pk", "max_points"
            )
        )

    @staticmethod
    def scores(criteria: dict[int, int], rating: str, rng: random.Random) -> dict[int, int]:
        low, high = BANDS[rating]
        share = rng.uniform(low, high)
        return {
            pk: max(0, min(top, round(top * (share + rng.uniform(-0.05, 0.05)))))
            for pk, top in criteria.items()
        }

    @staticmethod
    def in_mandate(mandate: Mandate, year: int) -> bool:
        last = (mandate.end_date or mandate.term.end_date).year
        return mandate.start_date.year <= year <= last

    def evaluation_plan(self, year: int) -> list[tuple[Mandate, str]]:
        """The delegates evaluated for ``year`` (those in office at its end) and the rating each deserves."""
        year_end = min(dt.date(year, 12, 31), self.today)
        pool = [m for m in self.mandates_on(year_end) if self.in_mandate(m, year)]
        if not pool:
            return []
        demo = [m for m in pool if m.delegate.user_id]
        rng = _rng("evaluated", year)
        others = [m for m in pool if m not in demo]
        chosen = demo + rng.sample(others, max(0, min(len(others), EVALUATED - len(demo))))
        tiers = list(TIERS)
        rng.shuffle(tiers)
        return [(m, tiers[n % len(tiers)]) for n, m in enumerate(chosen)]

    def evaluate(
        self, mandate: Mandate, year: int, tier: str, criteria: dict[int, int], *, parties: tuple[str, ...]
    ) -> None:
        if DelegateEvaluation.objects.filter(mandate=mandate, year=year).exists():
            return
        evaluation = evaluation_open(mandate, actor=self.office, year=year)
        rng = _rng("evaluation", mandate.delegate.full_name, year)
        up = {Rating.GOOD: Rating.EXCELLENT, Rating.NOT_FULFILLED: Rating.FULFILLED}
        day = min(dt.date(year, 12, 31), self.today)
        for by in parties:
            rating = tier
            if by == Assessor.SELF and tier in up and rng.random() < 0.4:
                rating = up[tier]  # a delegate rates himself a step higher now and then
            actor = {
                Assessor.SELF: self.own(mandate),
                Assessor.GROUP: self.group_actor(mandate, day),
                Assessor.STANDING: self.standing or self.office,
            }[by]
            evaluation = evaluation_rate(
                evaluation,
                actor=actor,
                by=by,
                rating=rating,
                comment=COMMENTS[by][rating],
                scores=self.scores(criteria, rating, rng),
            )

    def evaluations(self, criteria: dict[int, int]) -> list[tuple[Mandate, str]]:
        previous = self.evaluation_plan(self.today.year - 1)
        for mandate, tier in previous:
            self.evaluate(
                mandate,
                self.today.year - 1,
                tier,
                criteria,
                parties=(Assessor.SELF, Assessor.GROUP, Assessor.STANDING),
            )
        year = self.today.year
        pool = [m for m in self.mandates_on(self.today) if self.in_mandate(m, year)]
        current = [m for m in pool if m in self.demo_delegate]
        others = [m for m in pool if m not in current and not m.delegate.user_id]
        rng = _rng("self-evaluated", year)
        current += rng.sample(others, min(SELF_EVALUATED_NOW, len(others)))
        for mandate in current:
            tier = rng.choice([Rating.EXCELLENT, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.FULFILLED])
            self.evaluate(mandate, year, tier, criteria, parties=(Assessor.SELF,))
        return previous

    # Emulation

    def movement(self) -> EmulationMovement:
        found = EmulationMovement.objects.filter(council=self.council, name=normalize(MOVEMENT)).first()
        return found or movement_create(
            actor=self.office,
            council=self.council,
            name=MOVEMENT,
            launched_on=MOVEMENT_LAUNCHED,
            criteria=MOVEMENT_CRITERIA,
        )

    def nominate(
        self, movement: EmulationMovement, year: int, nominee: dict, reason: str, decide: dict | None
    ):
        lookup = {k: normalize(v) if isinstance(v, str) else v for k, v in nominee.items()}
        if Nomination.objects.filter(movement=movement, year=year, **lookup).exists():
            return
        nomination = nomination_create(
            movement, actor=self.office, year=year, reason=reason.format(year=year), **nominee
        )
        if decide:
            nomination_decide(nomination, actor=self.standing or self.office, **decide)

    def emulation(self, previous: list[tuple[Mandate, str]]) -> None:
        movement = self.movement()
        year = self.today.year - 1
        decided = min(self.workday(dt.date(year + 1, 1, 16)), self.today)
        standing = {"decision": STANDING_DECISION, "decision_date": decided}
        commended = Nomination.State.COMMENDED
        rank = [Rating.EXCELLENT, Rating.GOOD, Rating.FULFILLED, Rating.NOT_FULFILLED]
        ranked = sorted(previous, key=lambda p: (rank.index(p[1]), p[0].delegate.full_name))
        excellent = [m for m, tier in ranked if tier == Rating.EXCELLENT]
        good = [m for m, tier in ranked if tier == Rating.GOOD]
        individual = Nomination.Kind.INDIVIDUAL
        for mandate in excellent:
            decide = {"state": commended, "award": Nomination.Award.TITLE, "exemplary": True, **standing}
            self.nominate(
                movement,
                year,
                {"kind": individual, "mandate": mandate},
                INDIVIDUAL_REASON[Rating.EXCELLENT],
                decide,
            )
        outcomes = (
            {"state": commended, "award": Nomination.Award.CERTIFICATE, **standing},
            {"state": Nomination.State.DECLINED},
            None,  # still proposed
        )
        for mandate, decide in zip(good, outcomes, strict=False):
            self.nominate(
                movement,
                year,
                {"kind": individual, "mandate": mandate},
                INDIVIDUAL_REASON[Rating.GOOD],
                decide,
            )
        term = self.term_on(min(dt.date(year, 12, 31), self.today))
        if term is not None:
            groups = {g.name.split(" –")[0]: g for g in DelegateGroup.objects.filter(term=term)}
            first, fourth = groups.get("Tổ đại biểu số 1"), groups.get("Tổ đại biểu số 4")
            if first is not None:
                decide = {
                    "state": commended,
                    "award": Nomination.Award.CERTIFICATE,
                    "exemplary": True,
                    **standing,
                }
                self.nominate(
                    movement, year, {"kind": Nomination.Kind.GROUP, "group": first}, GROUP_REASON, decide
                )
            if fourth is not None:
                decide = {"state": Nomination.State.DECLINED}
                self.nominate(
                    movement,
                    year,
                    {"kind": Nomination.Kind.GROUP, "group": fourth},
                    WEAK_GROUP_REASON,
                    decide,
                )
        collective = Nomination.Kind.COLLECTIVE
        decide = {
            "state": commended,
            "award": Nomination.Award.PROVINCE_CERTIFICATE,
            "decision": PROVINCE_DECISION,
            "decision_date": min(self.workday(dt.date(year + 1, 1, 23)), self.today),
        }
        self.nominate(movement, year, {"kind": collective, "collective": OFFICE}, OFFICE_REASON, decide)
        self.nominate(
            movement, year, {"kind": collective, "collective": COMMITTEE_COLLECTIVE}, COMMITTEE_REASON, None
        )
        # This year's proposals, not decided yet.
        year = self.today.year
        pool = [m for m in self.mandates_on(self.today) if m.start_date <= self.today]
        if pool:
            rng = _rng("proposed", year)
            for mandate in rng.sample(pool, min(2, len(pool))):
                self.nominate(movement, year, {"kind": individual, "mandate": mandate}, CURRENT_REASON, None)
            group = self.leader_group_on(self.today)
            if group is not None:
                self.nominate(
                    movement, year, {"kind": Nomination.Kind.GROUP, "group": group}, GROUP_REASON, None
                )

    def run(self) -> None:
        if not self.terms:
            return
        self.courses()
        self.group_meetings()
        self.programmes()
        criteria = self.criteria()
        previous = self.evaluations(criteria)
        self.emulation(previous)


def seed_delegate_work(province: Council, *, with_users: bool) -> None:
    """Create the missing demo training, group meetings, action programmes, evaluations and nominations."""

    def user(username: str) -> User | None:
        return User.objects.filter(username=username).first() if with_users else None

    WorkSeeder(
        province, office=user(OFFICE_USER), leader=user(GROUP_LEADER_USER), standing=user(STANDING_USER)
    ).run()
