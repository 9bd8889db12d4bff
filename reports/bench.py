"""A province with its communes over years of work, generated fast for the load benchmark (``seed_bench``).

Rows are written with ``bulk_create`` (no history rows: this is a measuring set, not an archive), with the
relations the app relies on: every follow-up has its source, every speech a mandate of the sitting's term,
every petition its opinions. A seeded generator makes the same data set for the same arguments and day.
"""

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from council.models import AdminUnit, Agency, Council, Field, FollowUp, Role, RoleAssignment, Term, User
from council.models.followups import AgencyStatus, CouncilStatus, SourceKind
from council.text import fold
from delegates.models import Delegate, DelegateGroup, GroupMembership, Mandate
from oversight.models import OversightActivity, OversightProgram, Recommendation
from sessions.models import Commitment, Interpellation, Session, Sitting, Speech
from voters.models import Channel, Letter, Petition, VoterOpinion

PREFIX = "bench-"
PROVINCE_CODE = f"{PREFIX}province"
BATCH = 5000
PASSWORD_USERS = {
    "bench_office": Role.OFFICE,
    "bench_leader": Role.LEADERSHIP,
    "bench_delegate": Role.DELEGATE,
}

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Kim", "Đức", "Hoàng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]
FIELDS = [
    "Y tế",
    "Giáo dục",
    "Giao thông",
    "Đất đai",
    "Môi trường",
    "Nông nghiệp",
    "Lao động – Việc làm",
    "Xây dựng",
    "An sinh xã hội",
    "Điện",
    "Nước sạch",
    "An ninh trật tự",
]
ISSUES = [
    ("Sạt lở bờ sông", "đề nghị sớm xây kè chống sạt lở, di dời các hộ dân trong vùng nguy hiểm"),
    ("Đường liên ấp xuống cấp", "đề nghị nâng cấp, sửa chữa mặt đường trước mùa mưa"),
    ("Trạm y tế thiếu thuốc", "đề nghị bổ sung thuốc bảo hiểm y tế và bác sĩ cho trạm y tế xã"),
    ("Thiếu giáo viên", "đề nghị bố trí đủ giáo viên tiểu học và mầm non"),
    ("Ô nhiễm nguồn nước", "đề nghị kiểm tra cơ sở xả thải ra kênh, bảo đảm nước sạch cho người dân"),
    ("Chậm cấp giấy chứng nhận quyền sử dụng đất", "đề nghị rút ngắn thời gian giải quyết hồ sơ đất đai"),
    ("Giá lúa thấp", "đề nghị hỗ trợ tiêu thụ lúa và kiểm soát giá vật tư nông nghiệp"),
    ("Mất điện thường xuyên", "đề nghị ngành điện nâng cấp đường dây, hạn chế cắt điện giờ cao điểm"),
    ("Chế độ người có công", "đề nghị giải quyết dứt điểm hồ sơ chế độ chính sách người có công"),
    ("Tái định cư chậm", "đề nghị đẩy nhanh bố trí tái định cư cho hộ bị thu hồi đất"),
]


@dataclass
class Scale:
    councils: int = 103  # the province and its communes
    years: int = 10
    seed: int = 2026
    until: dt.date = field(default_factory=timezone.localdate)

    def share(self, full: int) -> int:
        """A province-wide count (sized for 103 councils over 10 years) at this scale."""
        return max(1, round(full * self.councils / 103 * self.years / 10))

    @property
    def petitions(self) -> int:
        return self.share(100_000)

    @property
    def interpellations(self) -> int:
        return self.share(10_000)

    @property
    def sessions(self) -> int:
        return self.share(500)

    @property
    def activities(self) -> int:
        return self.share(2_000)

    @property
    def letters(self) -> int:
        return self.share(20_000)


def holds_other_data() -> bool:
    """Whether the database has councils that are not bench councils (a real or demo installation)."""
    return Council.objects.exclude(code__startswith=PREFIX).exists()


def loaded(scale: Scale) -> bool:
    province = Council.objects.filter(code=PROVINCE_CODE).first()
    return province is not None and Council.objects.filter(code__startswith=PREFIX).count() >= scale.councils


def _bulk(model, rows: Iterable) -> list:
    rows = list(rows)
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    return created


class Generator:
    def __init__(self, scale: Scale, out=None):
        self.scale = scale
        self.rng = random.Random(scale.seed)
        self.first_year = scale.until.year - scale.years + 1
        self.start = dt.date(self.first_year, 1, 1)
        self.out = out or (lambda message: None)
        self.types = {
            name: ContentType.objects.get_for_model(model)
            for name, model in (
                ("petition", Petition),
                ("recommendation", Recommendation),
                ("commitment", Commitment),
            )
        }

    def day(self, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        start, end = start or self.start, end or self.scale.until
        return start + dt.timedelta(days=self.rng.randrange(max(1, (end - start).days + 1)))

    def name(self) -> tuple[str, str]:
        family, middle, given = self.rng.choice(FAMILY), self.rng.choice(MIDDLE), self.rng.choice(GIVEN)
        return f"{family} {middle} {given}", "female" if middle in ("Thị", "Ngọc", "Kim") else "male"

    # ---------------------------------------------------------------- institutions

    def councils(self) -> list[Council]:
        province_unit = AdminUnit.objects.create(code=f"{PREFIX}87", name="Tỉnh Bench", level="province")
        units = _bulk(
            AdminUnit,
            (
                AdminUnit(
                    code=f"{PREFIX}87-{i:03d}", name=f"Xã Bench {i}", level="commune", parent=province_unit
                )
                for i in range(1, self.scale.councils)
            ),
        )
        self.units = units
        province = Council.objects.create(
            code=PROVINCE_CODE,
            name="Hội đồng nhân dân tỉnh Bench",
            short_name="HĐND tỉnh Bench",
            level=Council.Level.PROVINCE,
            place_name="Bench",
            admin_unit=province_unit,
        )
        communes = _bulk(
            Council,
            (
                Council(
                    code=f"{PREFIX}{u.code[-3:]}",
                    name=f"Hội đồng nhân dân {u.name.lower()}",
                    short_name=f"HĐND {u.name}",
                    level=Council.Level.COMMUNE,
                    parent=province,
                    place_name=u.name,
                    admin_unit=u,
                )
                for u in units
            ),
        )
        return [province, *communes]

    def reference(self, councils: list[Council]) -> None:
        self.fields = {c.pk: [] for c in councils}
        self.agencies = {c.pk: [] for c in councils}
        fields = _bulk(
            Field, (Field(council=c, code=f"f{i}", name=n) for c in councils for i, n in enumerate(FIELDS))
        )
        for f in fields:
            self.fields[f.council_id].append(f)
        agencies = []
        for c in councils:
            count = 20 if c.level == Council.Level.PROVINCE else 3
            agencies += [
                Agency(council=c, name=f"Cơ quan {i} của {c.short_name}", kind="department")
                for i in range(count)
            ]
        for a in _bulk(Agency, agencies):
            self.agencies[a.council_id].append(a)
        terms = []
        for c in councils:
            year = self.first_year - (self.first_year - 2021) % 5
            number = 1
            while year <= self.scale.until.year:
                terms.append(
                    Term(
                        council=c,
                        number=number,
                        name=f"Khóa {number}",
                        start_date=dt.date(year, 4, 1),
                        end_date=dt.date(year + 5, 3, 31),
                    )
                )
                year, number = year + 5, number + 1
        self.terms = {}
        for t in _bulk(Term, terms):
            self.terms.setdefault(t.council_id, []).append(t)

    # ---------------------------------------------------------------- delegates

    def delegates(self, councils: list[Council]) -> None:
        delegates, mandates_by_term = [], {}
        for c in councils:
            size = 85 if c.level == Council.Level.PROVINCE else 9
            for term in self.terms[c.pk]:
                for _ in range(size):
                    full_name, gender = self.name()
                    delegates.append(
                        (
                            term,
                            Delegate(
                                council=c, full_name=full_name, name_folded=fold(full_name), gender=gender
                            ),
                        )
                    )
        created = _bulk(Delegate, (d for _t, d in delegates))
        mandates = _bulk(
            Mandate,
            (
                Mandate(council=d.council, delegate=d, term=t, start_date=t.start_date, kind="part_time")
                for (t, _), d in zip(delegates, created, strict=True)
            ),
        )
        for m in mandates:
            mandates_by_term.setdefault(m.term_id, []).append(m)
        self.mandates = mandates_by_term
        groups, memberships = [], []
        for c in councils:
            count = 12 if c.level == Council.Level.PROVINCE else 3
            for term in self.terms[c.pk]:
                groups += [
                    DelegateGroup(council=c, term=term, name=f"Tổ đại biểu số {i + 1}") for i in range(count)
                ]
        self.groups = {}
        for g in _bulk(DelegateGroup, groups):
            self.groups.setdefault(g.term_id, []).append(g)
        for term_id, term_mandates in self.mandates.items():
            term_groups = self.groups[term_id]
            for i, m in enumerate(term_mandates):
                memberships.append(
                    GroupMembership(
                        council_id=m.council_id,
                        group=term_groups[i % len(term_groups)],
                        mandate=m,
                        start_date=m.start_date,
                        role="leader" if i < len(term_groups) else "member",
                    )
                )
        _bulk(GroupMembership, memberships)

    # ---------------------------------------------------------------- sessions

    def sessions(self, councils: list[Council]) -> None:
        province, communes = councils[0], councils[1:]
        plan = [(province, 4 * self.scale.years)]
        rest = max(0, self.scale.sessions - plan[0][1])
        plan += [
            (c, rest // len(communes) + (1 if i < rest % len(communes) else 0))
            for i, c in enumerate(communes)
        ]
        sessions = []
        for c, count in plan:
            numbers = {}
            for i in range(count):
                day = self.start + dt.timedelta(
                    days=int((self.scale.until - self.start).days * (i + 0.5) / max(count, 1))
                )
                term = self._term_at(c, day)
                if term is None:
                    continue
                numbers[term.pk] = numbers.get(term.pk, 0) + 1
                sessions.append(
                    Session(
                        council=c,
                        term=term,
                        number=numbers[term.pk],
                        kind="regular",
                        title=f"Kỳ họp thứ {numbers[term.pk]}",
                        state="published",
                        start_date=day,
                        end_date=day + dt.timedelta(days=1),
                    )
                )
        sessions = _bulk(Session, sessions)
        sittings = _bulk(
            Sitting,
            (
                Sitting(
                    council_id=s.council_id,
                    session=s,
                    kind="plenary",
                    date=s.start_date + dt.timedelta(days=d),
                )
                for s in sessions
                for d in (0, 1)
            ),
        )
        speeches = []
        for sitting in sittings:
            mandates = self.mandates[sitting.session.term_id]
            for _ in range(20):
                speeches.append(
                    Speech(
                        council_id=sitting.council_id,
                        sitting=sitting,
                        mandate=self.rng.choice(mandates),
                        kind=self.rng.choice(["discussion", "discussion", "debate", "interpellation"]),
                        venue="plenary",
                        duration_seconds=self.rng.randrange(120, 900),
                    )
                )
        _bulk(Speech, speeches)
        self.session_list = sessions
        self.out(f"  sessions {len(sessions)}, sittings {len(sittings)}, speeches {len(speeches)}")

    def _term_at(self, council: Council, day: dt.date) -> Term | None:
        return next((t for t in self.terms[council.pk] if t.start_date <= day <= t.end_date), None)

    # ---------------------------------------------------------------- follow-ups

    def _followup(self, council_id, kind, source_id, ref, title, text, agency, field_, assigned) -> FollowUp:
        due = assigned + dt.timedelta(days=30)
        if due < self.scale.until - dt.timedelta(days=60) or self.rng.random() < 0.3:
            answered = assigned + dt.timedelta(days=self.rng.randrange(5, 50))
            answered = min(answered, self.scale.until)
            closed = (
                answered + dt.timedelta(days=10)
                if answered + dt.timedelta(days=10) < self.scale.until
                else None
            )
            status = dict(
                agency_status=AgencyStatus.DONE,
                first_answered_on=answered,
                progress=100,
                council_status=CouncilStatus.DONE if closed else CouncilStatus.OPEN,
                closed_on=closed,
            )
        else:
            status = dict(agency_status=AgencyStatus.NOT_STARTED)
        return FollowUp(
            council_id=council_id,
            source_kind=kind,
            source_type=self.types[kind],
            source_id=source_id,
            reference=ref,
            title=title[:300],
            description=text,
            agency=agency,
            field=field_,
            assigned_date=assigned,
            due_date=due,
            search_text=fold(f"{ref} {title} {text}"),
            report_to_leadership=kind == SourceKind.RECOMMENDATION and self.rng.random() < 0.1,
            **status,
        )

    # ---------------------------------------------------------------- voters

    def petitions(self, councils: list[Council]) -> None:
        weights = [30] + [1] * (len(councils) - 1)  # the province gathers about a quarter of the petitions
        owners = self.rng.choices(councils, weights=weights, k=self.scale.petitions)
        petitions, opinions = [], []
        channels = [Channel.MEETING] * 6 + [Channel.RECEPTION, Channel.LETTER, Channel.WEB, Channel.HOTLINE]
        for i, c in enumerate(owners):
            issue, ask = self.rng.choice(ISSUES)
            unit = self.rng.choice(self.units) if c.level == Council.Level.PROVINCE else c.admin_unit
            title = f"{issue} tại {unit.name}"
            day = self.day()
            state = self.rng.choice(
                ["recorded", "classified", "transferred", "transferred", "reviewed", "closed"]
            )
            petitions.append(
                Petition(
                    council=c,
                    code=f"B{i:07d}",
                    title=title,
                    text=f"Cử tri {unit.name} {ask}.",
                    field=self.rng.choice(self.fields[c.pk]),
                    admin_unit=unit,
                    agency=self.rng.choice(self.agencies[c.pk]),
                    competence="province" if c.level == Council.Level.PROVINCE else "commune",
                    state=state,
                    received_on=day,
                    voters_count=self.rng.randrange(1, 40),
                    search_text=fold(f"B{i:07d} {title} {ask}"),
                    created_at=timezone.now(),
                )
            )
        petitions = _bulk(Petition, petitions)
        for p in petitions:
            for _ in range(1 + (self.rng.random() < 0.3)):
                opinions.append(
                    VoterOpinion(
                        council_id=p.council_id,
                        channel=self.rng.choice(channels),
                        received_on=p.received_on,
                        text=p.text,
                        petition=p,
                        admin_unit=p.admin_unit,
                        search_text=fold(p.text),
                    )
                )
        _bulk(VoterOpinion, opinions)
        followups = [
            self._followup(
                p.council_id,
                SourceKind.PETITION,
                p.pk,
                p.code,
                p.title,
                p.text,
                p.agency,
                p.field,
                p.received_on + dt.timedelta(days=7),
            )
            for p in petitions
            if p.state in ("transferred", "reviewed", "closed")
            and p.received_on + dt.timedelta(days=7) <= self.scale.until
        ]
        _bulk(FollowUp, followups)
        self.out(
            f"  petitions {len(petitions)}, opinions {len(opinions)}, petition follow-ups {len(followups)}"
        )

    def letters(self, councils: list[Council]) -> None:
        owners = self.rng.choices(councils, weights=[30] + [1] * (len(councils) - 1), k=self.scale.letters)
        letters = [
            Letter(
                council=c,
                kind=self.rng.choice(["complaint", "denunciation", "feedback", "feedback"]),
                channel=self.rng.choice([Channel.POST, Channel.RECEPTION, Channel.EMAIL]),
                received_on=self.day(),
                summary=f"Đơn về {self.rng.choice(ISSUES)[0].lower()}",
                state="closed",
                agency=self.rng.choice(self.agencies[c.pk]),
                search_text="",
            )
            for c in owners
        ]
        # As letter_create: a letter's content is personal data, kept out of its stored search text.
        _bulk(Letter, letters)
        self.out(f"  letters {len(letters)}")

    # ---------------------------------------------------------------- interpellations and oversight

    def interpellations(self, councils: list[Council]) -> None:
        sessions = self.session_list
        rows = []
        for _ in range(self.scale.interpellations):
            s = self.rng.choice(sessions)
            issue, ask = self.rng.choice(ISSUES)
            rows.append(
                Interpellation(
                    council_id=s.council_id,
                    term_id=s.term_id,
                    session=s,
                    question=f"Chất vấn về {issue.lower()}: {ask}",
                    topic=issue,
                    field=self.rng.choice(self.fields[s.council_id]),
                    agency=self.rng.choice(self.agencies[s.council_id]),
                    respondent_title="Giám đốc Sở",
                    mode="oral",
                    state="answered",
                    submitted_on=s.start_date - dt.timedelta(days=5),
                )
            )
        rows = _bulk(Interpellation, rows)
        through = Interpellation.askers.through
        _bulk(
            through,
            (
                through(interpellation_id=i.pk, mandate_id=self.rng.choice(self.mandates[i.term_id]).pk)
                for i in rows
            ),
        )
        commitments = _bulk(
            Commitment,
            (Commitment(interpellation=i, text=f"Khắc phục {i.topic.lower()} trong năm") for i in rows[::2]),
        )
        by_pk = {i.pk: i for i in rows}
        _bulk(
            FollowUp,
            (
                self._followup(
                    by_pk[c.interpellation_id].council_id,
                    SourceKind.COMMITMENT,
                    c.pk,
                    f"CV-{c.pk}",
                    c.text,
                    c.text,
                    by_pk[c.interpellation_id].agency,
                    by_pk[c.interpellation_id].field,
                    by_pk[c.interpellation_id].submitted_on + dt.timedelta(days=10),
                )
                for c in commitments
            ),
        )
        self.out(f"  interpellations {len(rows)}, commitments {len(commitments)}")

    def oversight(self, councils: list[Council]) -> None:
        programs = _bulk(
            OversightProgram,
            (
                OversightProgram(council=c, year=y, title=f"Chương trình giám sát năm {y}")
                for c in councils
                for y in range(self.first_year, self.scale.until.year + 1)
            ),
        )
        by_key = {(p.council_id, p.year): p for p in programs}
        owners = self.rng.choices(councils, weights=[15] + [1] * (len(councils) - 1), k=self.scale.activities)
        activities = []
        for c in owners:
            start = self.day(end=self.scale.until - dt.timedelta(days=30))
            issue, _ask = self.rng.choice(ISSUES)
            activities.append(
                OversightActivity(
                    council=c,
                    program=by_key[(c.pk, start.year)],
                    kind=self.rng.choice(["thematic", "regular", "re_oversight"]),
                    title=f"Giám sát {issue.lower()}",
                    lead_body="standing",
                    state="closed",
                    period_start=start,
                    period_end=start + dt.timedelta(days=20),
                )
            )
        activities = _bulk(OversightActivity, activities)
        recommendations = _bulk(
            Recommendation,
            (
                Recommendation(activity=a, text=f"Kiến nghị {n + 1}: {a.title}")
                for a in activities
                for n in range(3)
            ),
        )
        by_pk = {a.pk: a for a in activities}
        _bulk(
            FollowUp,
            (
                self._followup(
                    by_pk[r.activity_id].council_id,
                    SourceKind.RECOMMENDATION,
                    r.pk,
                    f"KNGS-{r.pk}",
                    r.text,
                    r.text,
                    self.rng.choice(self.agencies[by_pk[r.activity_id].council_id]),
                    None,
                    by_pk[r.activity_id].period_end,
                )
                for r in recommendations
            ),
        )
        self.out(f"  oversight activities {len(activities)}, recommendations {len(recommendations)}")

    def users(self, province: Council, password: str) -> list[str]:
        delegate = (
            Mandate.objects.filter(council=province)
            .select_related("delegate")
            .order_by("-term__start_date", "pk")
            .first()
        )
        names = []
        for username, role in PASSWORD_USERS.items():
            user = User.objects.create_user(
                username=username, password=password, full_name=username.replace("_", " ").title()
            )
            RoleAssignment.objects.create(user=user, council=province, role=role)
            if role == Role.DELEGATE and delegate is not None:
                Delegate.objects.filter(pk=delegate.delegate_id).update(user=user)
            names.append(username)
        return names

    @transaction.atomic
    def run(self, password: str) -> Council:
        councils = self.councils()
        self.out(f"  councils {len(councils)}")
        self.reference(councils)
        self.delegates(councils)
        self.out(f"  mandates {sum(len(v) for v in self.mandates.values())}")
        self.sessions(councils)
        self.petitions(councils)
        self.letters(councils)
        self.interpellations(councils)
        self.oversight(councils)
        self.users(councils[0], password)
        return councils[0]
