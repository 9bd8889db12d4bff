"""Writes the oversight scenario through ``oversight.services``, each step on its own day (``demo.clock``)."""

import datetime as dt
import random

from django.utils import timezone

from council.models import AdminUnit, Agency, Committee, Council, FollowUp, Term, User
from council.services import followup_answer, followup_verify
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import CommitteeMembership, DelegateGroup, GroupMembership, Mandate, StandingPosition
from demo.clock import as_of, step_on
from demo.names import (
    DEMO_DELEGATE,
    OFFICE_USER,
    RESPONDENT_AGENCY,
    RESPONDENT_USER,
)
from demo.oversight.specs import (
    ACCOUNTABILITY,
    ACTIVITIES,
    AGENCY_SIGN,
    BODY_SIGN,
    DAY,
    FRONT_MEMBER,
    PROGRAMS,
    SECRETARIES,
    D,
    DemoAccountability,
    DemoActivity,
    Lead,
    Rec,
    Role,
    State,
    When,
    _lower_first,
)
from oversight.models import (
    Accountability,
    ActivityDocument,
    OversightActivity,
    OversightProgram,
    Recommendation,
)
from oversight.services import (
    accountability_conclude,
    accountability_create,
    activity_advance,
    activity_create,
    carried_assess,
    document_add,
    member_add,
    program_create,
    re_oversight_open,
    recommendation_add,
    survey_add,
)
from sessions.models import Resolution


class OversightSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council, self.office, self.respondent = council, office, respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, D(2024, 1, 1), self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.committees = {c.kind: c for c in Committee.objects.filter(council=council)}
        self.units = {u.name: u for u in AdminUnit.objects.current()}
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.demo_delegate = Mandate.objects.filter(
            council=council, delegate__user__username=DEMO_DELEGATE
        ).select_related("term")

    # Dates

    def day(self, when: When) -> dt.date:
        return self.today + when * DAY if isinstance(when, int) else when

    def workday(self, day: dt.date, *, low: dt.date | None = None, high: dt.date | None = None) -> dt.date:
        """The nearest working day on or before ``day`` (after it if that leaves ``low``), kept in range."""
        found = day
        while not self.calendar.is_working_day(found):
            found -= DAY
        if low is not None and found < low:
            found = day
            while not self.calendar.is_working_day(found) and (high is None or found < high):
                found += DAY
        return found

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    # Programmes

    def programmes(self) -> dict[int, OversightProgram]:
        found = {p.year: p for p in OversightProgram.objects.filter(council=self.council)}
        for spec in PROGRAMS:
            if spec.year not in found:
                found[spec.year] = program_create(
                    actor=self.office,
                    council=self.council,
                    year=spec.year,
                    title=spec.title,
                    resolution=spec.resolution,
                )
        return found

    # The delegation

    def delegation(self, spec: DemoActivity, activity: OversightActivity, day: dt.date, rng: random.Random):
        """(role, mandate or None, outside member) of the delegation, from mandates in office on ``day``."""
        term = self.term_on(day) or self.terms[-1]
        mandates = sorted(
            Mandate.objects.filter(council=self.council, term=term).active_on(day).select_related("delegate"),
            key=lambda m: (m.delegate.full_name, m.pk),
        )
        standing = dict(
            StandingPosition.objects.filter(mandate__term=term)
            .active_on(day)
            .values_list("mandate_id", "role")
        )

        def holding(role: str) -> list[Mandate]:
            return [m for m in mandates if standing.get(m.pk) == role]

        # Term X keeps no positions in the demo: the posts written on the mandates stand in for them.
        vice_chairs = holding(StandingPosition.Role.VICE_CHAIR) or [
            m for m in mandates if m.position.startswith("Phó Chủ tịch HĐND")
        ]
        chairs = holding(StandingPosition.Role.CHAIR) or vice_chairs
        heads: list[Mandate] = []
        deputies: list[Mandate] = []
        pool: list[Mandate] = []
        if spec.lead in (Lead.COUNCIL, Lead.STANDING):
            heads = vice_chairs if spec.head == "vice_chair" else chairs
            deputies = [m for m in vice_chairs if spec.lead == Lead.COUNCIL and m not in heads[:1]]
            pool = holding(StandingPosition.Role.MEMBER) or [
                m for m in mandates if m.kind == Mandate.Kind.FULL_TIME
            ]
        elif spec.lead == Lead.COMMITTEE:
            committee = self.committees[spec.committee]
            roles = dict(
                CommitteeMembership.objects.filter(committee=committee, mandate__term=term)
                .active_on(day)
                .values_list("mandate_id", "role")
            )
            heads = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.HEAD] or [
                m for m in mandates if committee.name in m.position
            ]
            deputies = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.DEPUTY]
            pool = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.MEMBER]
        elif spec.lead == Lead.GROUP and activity.group_id:
            roles = dict(
                GroupMembership.objects.filter(group=activity.group)
                .active_on(day)
                .values_list("mandate_id", "role")
            )
            heads = [m for m in mandates if roles.get(m.pk) == GroupMembership.Role.LEADER]
            deputies = [m for m in mandates if roles.get(m.pk) == GroupMembership.Role.DEPUTY]
            pool = [
                m for m in mandates if roles.get(m.pk) == GroupMembership.Role.MEMBER and m.pk not in standing
            ]
        head = (heads or chairs or mandates)[0]
        chosen = [(Role.HEAD, head, "")]
        taken = {head.pk}
        if deputies and deputies[0].pk not in taken:
            chosen.append((Role.DEPUTY, deputies[0], ""))
            taken.add(deputies[0].pk)
        if spec.demo_delegate:
            for mandate in self.demo_delegate:
                if mandate.term_id == term.pk and mandate.pk not in taken:
                    chosen.append((Role.MEMBER, mandate, ""))
                    taken.add(mandate.pk)
        wanted = 4 if spec.lead in (Lead.COUNCIL, Lead.STANDING) else 3
        pool = [m for m in pool if m.pk not in taken]
        picked = rng.sample(pool, min(len(pool), wanted))
        others = [m for m in mandates if m.pk not in taken and m not in picked]
        picked += rng.sample(others, min(len(others), wanted - len(picked)))
        chosen += [(Role.MEMBER, m, "") for m in sorted(picked, key=lambda m: (m.delegate.full_name, m.pk))]
        if spec.lead in (Lead.COUNCIL, Lead.STANDING):
            chosen.append((Role.MEMBER, None, FRONT_MEMBER))
        chosen.append((Role.SECRETARY, None, rng.choice(SECRETARIES)))
        return chosen

    # Documents

    def documents(self, spec: DemoActivity, activity: OversightActivity, rng: random.Random) -> None:
        reached = OversightActivity.ORDER.index(spec.state)
        at = OversightActivity.ORDER.index
        sign = BODY_SIGN[spec.committee or spec.lead]
        subject = _lower_first(activity.title)
        start, end = activity.period_start, activity.period_end
        planned_on = self.workday(activity.decision_date + 2 * DAY)
        # (kind, number and symbol, title, issued on, agency): the plan when the delegation is set up, the
        # outline when the agencies are notified, their reports during fieldwork, the final report last.
        rows = []
        if reached >= at(State.ESTABLISHED):
            rows.append(
                (
                    ActivityDocument.Kind.PLAN,
                    f"{rng.randint(10, 160)}/KH-{sign}",
                    f"Kế hoạch {subject}",
                    planned_on,
                    None,
                )
            )
        if reached >= at(State.NOTIFIED):
            rows.append(
                (ActivityDocument.Kind.OUTLINE, "", f"Đề cương báo cáo phục vụ {subject}", planned_on, None)
            )
        if reached >= at(State.FIELDWORK):
            for n, name in enumerate(spec.reports):
                issued = self.workday(min(start + (6 + 3 * n) * DAY, self.today))
                agency_sign = AGENCY_SIGN.get(name, "UBND")
                rows.append(
                    (
                        ActivityDocument.Kind.AGENCY_REPORT,
                        f"{rng.randint(20, 480)}/BC-{agency_sign}",
                        f"Báo cáo của {name} phục vụ {subject}",
                        issued,
                        self.agencies[name],
                    )
                )
        if reached >= at(State.REVIEWED):
            reported = self.workday(self.day(spec.reported) if spec.reported else end + 10 * DAY)
            rows.append(
                (
                    ActivityDocument.Kind.FINAL_REPORT,
                    f"{rng.randint(10, 260)}/BC-{sign}",
                    f"Báo cáo kết quả {subject}",
                    reported,
                    None,
                )
            )
        for kind, symbol, title, issued_on, agency in rows:
            document_add(
                activity,
                actor=self.office,
                kind=kind,
                symbol=symbol,
                title=title[:400],
                issued_on=issued_on,
                agency=agency,
            )

    # Follow-ups

    def steps(self, followup: FollowUp, steps) -> None:
        """Take ``steps`` on the days they would have been taken (``demo.clock.step_on``)."""
        day = followup.assigned_date
        for step in steps:
            day = step_on(followup.title, step[0], followup.assigned_date, followup.due_date, day, self.today)
            with as_of(day):
                self.take(followup, *step)

    def take(self, followup: FollowUp, action: str, *args) -> None:
        agency = self.respondent if followup.agency.name == RESPONDENT_AGENCY else None
        if action == "progress":
            progress, text = args
            followup_answer(followup, actor=agency, status="in_progress", progress=progress, text=text)
        elif action == "done":
            followup_answer(followup, actor=agency, status="done", text=args[0])
        elif action == "cannot":
            text, explanation = args
            followup_answer(followup, actor=agency, status="cannot_do", text=text, explanation=explanation)
        elif action == "verify":
            outcome, text, *close = args
            followup_verify(
                followup, actor=self.office, outcome=outcome, text=text, close=close[0] if close else None
            )
        else:
            raise ValueError(f"Unknown demo step {action!r}")
        # The services re-read the row under a lock; refresh so the next step sees their changes.
        followup.refresh_from_db()

    def recommend(self, activity: OversightActivity, spec: Rec) -> None:
        assigned = self.workday(self.day(spec.assigned))
        due = max(self.day(spec.due), assigned) if spec.due is not None else None
        recommendation = recommendation_add(
            activity,
            actor=self.office,
            text=spec.text,
            agency=self.agencies[spec.agency],
            assigned_date=assigned,
            due_date=due,
            conclusion=spec.conclusion,
            report_to_leadership=spec.leadership,
        )
        self.steps(recommendation.followups.get(), spec.steps)

    # Activities

    def path(self, spec: DemoActivity) -> tuple[list[str], list[str]]:
        """The states to move through before the recommendations are written, and after them."""
        order = OversightActivity.ORDER
        reported = order.index(State.REPORTED)
        target = order.index(spec.state)
        if target <= reported:
            return order[1 : target + 1], []
        if spec.state == State.RESOLUTION:
            after = [State.RESOLUTION]
        elif spec.via_resolution:
            after = [State.RESOLUTION, State.MONITORING] + (
                [State.CLOSED] if spec.state == State.CLOSED else []
            )
        else:  # monitored or closed straight after reporting
            after = [spec.state]
        return order[1 : reported + 1], after

    def create(self, spec: DemoActivity, programme: OversightProgram | None, rng: random.Random) -> None:
        start, end = self.day(spec.start), self.day(spec.end)
        data = {
            "program": programme,
            "title": spec.title,
            "period_start": start,
            "period_end": end,
            "scope": spec.scope,
            "lead_body": spec.lead,
            "committee": self.committees[spec.committee] if spec.committee else None,
            "group": None,
        }
        decided = self.workday(self.day(spec.decided)) if spec.decided is not None else None
        if spec.group:
            term = self.term_on(decided or start) or self.terms[-1]
            data["group"] = DelegateGroup.objects.get(
                term=term, name__startswith=f"Tổ đại biểu số {spec.group} –"
            )
        if spec.parent:
            parent = OversightActivity.objects.get(council=self.council, title=normalize(spec.parent))
            activity = re_oversight_open(parent, actor=self.office, **data)
        else:
            resolutions = [
                r
                for r in Resolution.objects.filter(
                    council=self.council, symbol__in=[normalize(s) for s in spec.resolutions]
                ).select_related("vote")
                if hasattr(r, "vote") and r.vote.passed
            ]
            activity = activity_create(
                actor=self.office,
                council=self.council,
                kind=spec.kind,
                agencies=[self.agencies[name] for name in spec.agencies],
                resolutions=resolutions,
                **data,
            )
        if spec.state == State.PLANNED:
            return
        for role, mandate, outside in self.delegation(spec, activity, decided, rng):
            member_add(activity, actor=self.office, role=role, mandate=mandate, outside_member=outside)
        before, after = self.path(spec)
        for state in before:
            extra = (
                {"decision": spec.decision, "decision_date": decided} if state == State.ESTABLISHED else {}
            )
            activity = activity_advance(activity, actor=self.office, to=state, **extra)
        self.documents(spec, activity, rng)
        for survey in spec.surveys:
            survey_add(
                activity,
                actor=self.office,
                date=self.workday(self.day(survey.day), low=start, high=min(end, self.today)),
                place=self.units[survey.place],
                place_detail=survey.place_detail,
                agencies=[self.agencies[name] for name in survey.agencies],
                participants=survey.participants,
                findings=survey.findings,
            )
        for recommendation in spec.recommendations:
            self.recommend(activity, recommendation)
        for starts, fulfilled in spec.assessed:
            for carried in activity.recommendations.filter(carried_from__isnull=False):
                if carried.text.startswith(starts):
                    carried_assess(carried, actor=self.office, fulfilled=fulfilled)
        for state in after:
            activity = activity_advance(activity, actor=self.office, to=state)

    def accountability(self, spec: DemoAccountability) -> None:
        followup = None
        if spec.escalated_from:
            title, agency = spec.escalated_from
            followup = (
                FollowUp.objects.filter(
                    council=self.council,
                    source_type__model="recommendation",
                    source_id__in=Recommendation.objects.filter(
                        activity__council=self.council, activity__title=normalize(title)
                    ).values("pk"),
                    agency__name=agency,
                )
                .order_by("pk")
                .first()
            )
        day = self.workday(self.day(spec.day))
        session = accountability_create(
            actor=self.office,
            council=self.council,
            kind=spec.kind,
            topic=spec.topic,
            body=spec.body,
            committee=self.committees[spec.committee] if spec.committee else None,
            date=day,
            agencies=[self.agencies[name] for name in spec.agencies],
            summoned=spec.summoned,
            participants=spec.participants,
            from_followup=followup,
        )
        for conclusion in spec.conclusions:
            made = accountability_conclude(
                session,
                actor=self.office,
                text=conclusion.text,
                agency=self.agencies[conclusion.agency],
                due_date=max(self.day(conclusion.due), day),
            )
            self.steps(made.followups.get(), conclusion.steps)

    def run(self) -> int:
        if not self.terms:
            return 0
        programmes = self.programmes()
        # One seed per activity, drawn for all of them in order, so what one holds does not depend on which
        # others exist.
        rng = random.Random(2025)
        seeds = [rng.getrandbits(64) for _ in ACTIVITIES]
        existing = set(OversightActivity.objects.filter(council=self.council).values_list("title", flat=True))
        created = 0
        for spec, seed in zip(ACTIVITIES, seeds, strict=True):
            if normalize(spec.title) in existing:
                continue
            self.create(spec, programmes.get(spec.year), random.Random(seed))
            created += 1
        held = set(Accountability.objects.filter(council=self.council).values_list("kind", "topic"))
        for spec in ACCOUNTABILITY:
            if (spec.kind, normalize(spec.topic)) not in held:
                self.accountability(spec)
                created += 1
        return created


def seed_oversight(province: Council, *, with_users: bool) -> int:
    """Create the missing demo oversight of ``province``; return how many activities and sessions were
    created. Mail is suppressed: the demo agencies' addresses are invented."""
    office = User.objects.filter(username=OFFICE_USER).first() if with_users else None
    respondent = User.objects.filter(username=RESPONDENT_USER).first() if with_users else None
    with mail_suppressed():
        return OversightSeeder(province, office=office, respondent=respondent).run()
