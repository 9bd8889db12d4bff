"""The bench's institutions: councils with their reference data, delegates, sessions, and the login users."""

import datetime as dt

from council.models import AdminUnit, Agency, Council, Field, Role, RoleAssignment, Term, User
from council.text import fold
from delegates.models import Delegate, DelegateGroup, GroupMembership, Mandate
from sessions.models import Session, Sitting, Speech

from .scale import COMMUNE_USERS, FIELDS, PASSWORD_USERS, PREFIX, bulk


class Institutions:
    """The part of the generator that writes councils, delegates, sessions and users."""

    # ---------------------------------------------------------------- institutions

    def councils(self) -> list[Council]:
        tag = self.scale.tag
        unit_code = f"{PREFIX}{tag or '87'}"
        place = "Bench" if tag is None else f"Bench {tag}"
        province_unit = AdminUnit.objects.create(code=unit_code, name=f"Tỉnh {place}", level="province")
        units = bulk(
            AdminUnit,
            (
                AdminUnit(
                    code=f"{unit_code}-{i:03d}",
                    name=f"Xã {place} {i}",
                    level="commune",
                    parent=province_unit,
                )
                for i in range(1, self.scale.councils)
            ),
        )
        self.units = units
        province = Council.objects.create(
            code=self.scale.province_code,
            name=f"Hội đồng nhân dân tỉnh {place}",
            short_name=f"HĐND tỉnh {place}",
            level=Council.Level.PROVINCE,
            place_name=place,
            admin_unit=province_unit,
        )
        communes = bulk(
            Council,
            (
                Council(
                    code=self.scale.commune_code(i),
                    name=f"Hội đồng nhân dân {u.name.lower()}",
                    short_name=f"HĐND {u.name}",
                    level=Council.Level.COMMUNE,
                    parent=province,
                    place_name=u.name,
                    admin_unit=u,
                )
                for i, u in enumerate(units, start=1)
            ),
        )
        return [province, *communes]

    def reference(self, councils: list[Council]) -> None:
        self.fields = {c.pk: [] for c in councils}
        self.agencies = {c.pk: [] for c in councils}
        fields = bulk(
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
        for a in bulk(Agency, agencies):
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
        for t in bulk(Term, terms):
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
        created = bulk(Delegate, (d for _t, d in delegates))
        mandates = bulk(
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
        for g in bulk(DelegateGroup, groups):
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
        bulk(GroupMembership, memberships)

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
        sessions = bulk(Session, sessions)
        sittings = bulk(
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
        bulk(Speech, speeches)
        self.session_list = sessions
        self.out(f"  sessions {len(sessions)}, sittings {len(sittings)}, speeches {len(speeches)}")

    def _term_at(self, council: Council, day: dt.date) -> Term | None:
        return next((t for t in self.terms[council.pk] if t.start_date <= day <= t.end_date), None)

    def users(self, councils: list[Council], password: str) -> list[str]:
        """The login users: each role in the province and in its first commune."""
        names = []
        for council, users in ((councils[0], PASSWORD_USERS), (councils[1], COMMUNE_USERS)):
            delegate = (
                Mandate.objects.filter(council=council)
                .select_related("delegate")
                .order_by("-term__start_date", "pk")
                .first()
            )
            for username, role in users.items():
                user = User.objects.create_user(
                    username=username, password=password, full_name=username.replace("_", " ").title()
                )
                RoleAssignment.objects.create(user=user, council=council, role=role)
                if role == Role.DELEGATE and delegate is not None:
                    Delegate.objects.filter(pk=delegate.delegate_id).update(user=user)
                names.append(username)
        return names
