"""Load a demo provincial council (Đồng Tháp after the 2025 merger) with a commune council and demo users.

Idempotent: every row is looked up by its natural key first and created through the services only
when missing, so running the command again changes nothing. The delegate roster is drawn from a
seeded random generator and does not depend on what the database already holds. The scenario (meetings,
petitions, follow-ups, sessions, oversight…) is read from ``demo/data/*.json`` (``demo.loader``), laid out
relative to the day of the run, and every step is taken on the day it would have been taken
(``demo.clock.as_of``), so answers are on time or late and each quarter's figures are realistic.
"""

import datetime as dt
import logging
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    FollowUp,
    FollowUpEvent,
    Holiday,
    Milestone,
    Role,
    RoleAssignment,
    Term,
    User,
)
from council.services import (
    agency_create,
    committee_create,
    deadline_rule_create,
    field_create,
    holiday_create,
    record_create,
    record_save,
    role_assign,
    term_create,
)
from council.text import fold, normalize
from delegates.models import (
    CommitteeMembership,
    Delegate,
    DelegateGroup,
    GroupMembership,
    Mandate,
    StandingPosition,
)
from delegates.services import (
    committee_membership_create,
    delegate_create,
    delegate_update,
    group_create,
    group_membership_create,
    mandate_create,
    standing_position_create,
)
from demo import council as data
from demo.delegates import delegate_work_summary, seed_delegate_work
from demo.directives import directives_summary, seed_directives
from demo.followups import COMMUNE_FOLLOWUPS, seed_followups
from demo.oversight import oversight_summary, seed_oversight
from demo.reports import reports_summary, seed_reports
from demo.sessions import seed_sessions, sessions_summary
from demo.voters import seed_voters, voters_summary

M = TypeVar("M", bound=models.Model)

COUNTED_MODELS = [
    AdminUnit,
    Council,
    Term,
    Constituency,
    Committee,
    Agency,
    Field,
    Holiday,
    DeadlineRule,
    Delegate,
    Mandate,
    DelegateGroup,
    GroupMembership,
    CommitteeMembership,
    StandingPosition,
    User,
    RoleAssignment,
    FollowUp,
    FollowUpEvent,
    Milestone,
]


def ensure(model: type[M], lookup: dict, create: Callable[[], M]) -> M:
    """Return the row matching ``lookup``, creating it with ``create`` only if there is none."""
    existing = model.objects.filter(**lookup).first()
    return existing if existing is not None else create()


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def place_of(unit_name: str) -> str:
    """Strip the kind of unit: "Phường Cao Lãnh" → "Cao Lãnh"."""
    return unit_name.split(" ", 1)[1]


# --- The roster: who sits where, computed without touching the database ----------------------------


@dataclass
class Seat10:
    """A term X mandate of a delegate."""

    constituency: int
    group: int
    role: str
    start_date: dt.date
    kind: str = "part_time"
    position: str = ""
    workplace: str = ""
    start_reason: str = "general_election"
    end_date: dt.date = data.TERM_10["end_date"]
    end_reason: str = "term_end"


@dataclass
class Person:
    """A provincial delegate and every seat the demo gives them."""

    full_name: str
    gender: str
    birth_date: dt.date
    ethnicity: str = "Kinh"
    constituency: int = 0
    group: int = 0
    group_role: str = "member"
    kind: str = "part_time"
    position: str = ""
    workplace: str = ""
    standing_role: str = ""
    committee: str = ""
    committee_role: str = ""
    seat10: Seat10 | None = None
    tags: set[str] = field(default_factory=set)


def _random_date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _people(rng: random.Random) -> list[Person]:
    """Delegates with unique names, the ethnic-minority delegates among them, in random order."""
    people = [
        Person(name, gender, _random_date(rng, dt.date(1965, 1, 1), dt.date(1995, 12, 31)), ethnicity)
        for name, gender, ethnicity in data.MINORITY_DELEGATES
    ]
    names = {p.full_name for p in people}
    while len(people) < data.PROVINCE_DELEGATE_COUNT:
        female = rng.random() < data.FEMALE_SHARE
        middle, given = (
            (data.FEMALE_MIDDLE, data.FEMALE_GIVEN) if female else (data.MALE_MIDDLE, data.MALE_GIVEN)
        )
        name = f"{rng.choice(data.SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
        if name in names:
            continue
        names.add(name)
        birth = _random_date(rng, dt.date(1965, 1, 1), dt.date(1995, 12, 31))
        people.append(Person(name, "female" if female else "male", birth))
    rng.shuffle(people)
    return people


def _assign_constituencies(people: list[Person]) -> None:
    group_of = {number: g for g, (_place, numbers) in enumerate(data.TERM_11_GROUPS) for number in numbers}
    seats = [
        n for n, (count, _units) in enumerate(data.TERM_11_CONSTITUENCIES, start=1) for _ in range(count)
    ]
    assert len(seats) == len(people), "term XI seats must match the number of delegates"
    for person, number in zip(people, seats, strict=True):
        person.constituency = number
        person.group = group_of[number]


def _give(person: Person, position: str, workplace: str, kind: str = "part_time", **roles: str) -> None:
    person.position, person.workplace, person.kind = position, workplace, kind
    for name, value in roles.items():
        setattr(person, name, value)


def _unique_post(
    rng: random.Random, choices: list[tuple[str, str]], values: Callable[[], dict], used: set[str]
):
    """Draw a (position, workplace) from templates; a post tied to a place gets a single holder."""
    while True:
        template, workplace = rng.choice(choices)
        filled = values()
        position = template.format(**filled)
        if position in data.REPEATABLE_POSITIONS or position not in used:
            used.add(position)
            return position, workplace.format(**filled)


def _assign_positions(people: list[Person], rng: random.Random) -> None:
    """Standing Committee, committee seats, and a plausible post for everyone in term XI."""
    order = rng.sample(people, len(people))
    senior = [p for p in order if p.birth_date.year < data.SENIOR_BORN_BEFORE]
    young = [p for p in order if p.birth_date.year >= data.YOUNG_BORN_FROM]

    def take(pool: list[Person], gender: str = "") -> Person:
        return next(p for p in pool if not p.position and gender in ("", p.gender))

    council = data.COUNCIL_WORKPLACE
    _give(take(senior), data.CHAIR_POSITION, council, "full_time", standing_role="chair")
    for _n in range(2):
        _give(take(senior), data.VICE_CHAIR_POSITION, council, "full_time", standing_role="vice_chair")
    for kind, name in data.COMMITTEES:
        head = take(senior)
        _give(head, f"Trưởng {name} HĐND tỉnh", council, "full_time", standing_role="member", committee=kind)
        head.committee_role = "head"
    names = dict(data.COMMITTEES)
    for kind, (deputies, _members) in data.COMMITTEE_SIZES.items():
        for _n in range(deputies):
            deputy = take(order)
            _give(deputy, f"Phó Trưởng {names[kind]} HĐND tỉnh", council, "full_time", committee=kind)
            deputy.committee_role = "deputy"
    for position, workplace, narrowing in data.PROVINCIAL_POSITIONS:
        gender = narrowing if narrowing in ("female", "male") else ""
        holder = take(young if narrowing == "young" else senior, gender)
        _give(holder, position, workplace)
        holder.tags.add("provincial")
    # Ethnic-minority delegates sit on the Ethnic Affairs Committee; the others fill the committees in turn.
    ordinary = sorted((p for p in order if not p.position), key=lambda p: p.ethnicity == "Kinh")
    for kind, (_deputies, members) in sorted(
        data.COMMITTEE_SIZES.items(), key=lambda item: item[0] != "ethnic"
    ):
        for person in ordinary[:members]:
            person.committee, person.committee_role = kind, "member"
        ordinary = ordinary[members:]
    used: set[str] = set()
    for person in order:
        if person.position:
            continue
        units = data.TERM_11_CONSTITUENCIES[person.constituency - 1][1]

        def values(units=units) -> dict:
            unit = rng.choice(units)
            return {"unit": lower_first(unit), "Unit": unit, "place": place_of(unit)}

        _give(person, *_unique_post(rng, data.LOCAL_POSITIONS, values, used))


def _leader_rank(person: Person) -> int:
    """Group leaders come from the locality: council full-timers and local Party or government heads first."""
    if "provincial" in person.tags:
        return 2
    return 0 if person.kind == "full_time" or person.position.startswith(data.LEADING_POSTS) else 1


def _assign_group_roles(people: list[Person]) -> None:
    for g in range(len(data.TERM_11_GROUPS)):
        eligible = sorted((p for p in people if p.group == g and not p.standing_role), key=_leader_rank)
        eligible[0].group_role = "leader"
        eligible[1].group_role = "deputy"


def _term_10_post(
    person: Person, constituency: int, rng: random.Random, used: set[str]
) -> tuple[str, str, str]:
    """(kind, position, workplace) in term X: council posts a step below, otherwise a pre-merger post."""
    if person.standing_role == "chair":
        return "full_time", data.VICE_CHAIR_POSITION, data.COUNCIL_WORKPLACE
    if person.committee_role == "head":
        committee = dict(data.COMMITTEES)[person.committee]
        return "full_time", f"Phó Trưởng {committee} HĐND tỉnh", data.COUNCIL_WORKPLACE
    district_code = data.TERM_10_CONSTITUENCIES[constituency - 1][1][0]
    district = lower_first(next(name for code, name, *_ in data.DISTRICTS if code == district_code))
    return "part_time", *_unique_post(rng, data.TERM_10_POSITIONS, lambda: {"district": district}, used)


def _assign_term_10(people: list[Person], rng: random.Random) -> None:
    """About half the delegates also sat in term X, in the group of the same locality.

    In a group with a vacancy the last but one member left early and the last came in at a by-election
    in the same constituency.
    """
    used: set[str] = set()
    load = dict.fromkeys(range(1, len(data.TERM_10_CONSTITUENCIES) + 1), 0)
    for g, (_place, numbers) in enumerate(data.TERM_10_GROUPS):
        members = rng.sample([p for p in people if p.group == g], data.TERM_10_GROUP_SIZES[g])
        vacancy = data.TERM_10_VACANCIES.get(g)
        for n, person in enumerate(members):
            seat = Seat10(
                constituency=numbers[n % len(numbers)],
                group=g,
                role=("leader", "deputy", "member")[min(n, 2)],
                start_date=data.TERM_10["start_date"],
            )
            if vacancy and n == len(members) - 2:
                seat.end_date, seat.end_reason = vacancy[0], vacancy[1]
            elif vacancy and n == len(members) - 1:
                seat.constituency = numbers[(n - 1) % len(numbers)]
                seat.start_date, seat.start_reason = vacancy[2], "by_election"
            seat.kind, seat.position, seat.workplace = _term_10_post(person, seat.constituency, rng, used)
            load[seat.constituency] += 1
            person.seat10 = seat
    for number, (seats, _districts) in enumerate(data.TERM_10_CONSTITUENCIES, start=1):
        assert load[number] <= seats, f"term X constituency {number} holds more mandates than seats"


def plan_roster() -> list[Person]:
    """The provincial delegates and their seats; the same every run (seeded generator)."""
    rng = random.Random(2026)
    people = _people(rng)
    _assign_constituencies(people)
    _assign_positions(people, rng)
    _assign_group_roles(people)
    _assign_term_10(people, rng)
    return people


# --- Writing to the database --------------------------------------------------------------------


class Seeder:
    """Creates whatever demo rows are missing, through the services."""

    def __init__(self):
        self.units: dict[str, AdminUnit] = {}
        self.roster = plan_roster()

    # Administrative units

    def unit(self, code: str, **fields) -> AdminUnit:
        unit = ensure(
            AdminUnit, {"code": code}, lambda: record_save(AdminUnit(code=code, **fields), actor=None)
        )
        self.units[unit.name] = unit
        return unit

    @staticmethod
    def link_predecessors(unit: AdminUnit, predecessors: list[AdminUnit]) -> None:
        # Add only the missing links: an empty add() would still write a history row.
        present = set(unit.predecessors.values_list("pk", flat=True))
        missing = [p for p in predecessors if p.pk not in present]
        if missing:
            unit.predecessors.add(*missing)

    def seed_admin_units(self) -> AdminUnit:
        last_day = data.LAST_DAY_BEFORE_MERGER
        old = {
            code: self.unit(code, name=name, level="province", valid_to=last_day)
            for code, name in data.OLD_PROVINCES
        }
        province = self.unit(
            data.PROVINCE[0], name=data.PROVINCE[1], level="province", valid_from=data.MERGER_DATE
        )
        self.link_predecessors(province, list(old.values()))
        districts = {
            code: self.unit(code, name=name, level="district", parent=old[province_code], valid_to=last_day)
            for code, name, province_code, _units in data.DISTRICTS
        }
        new_units = data.new_units()
        assert (
            len(new_units) == data.NEW_UNIT_COUNT and len({n for _c, n in new_units}) == data.NEW_UNIT_COUNT
        )
        for code, name in new_units:
            level = "ward" if name.startswith("Phường") else "commune"
            self.unit(code, name=name, level=level, parent=province, valid_from=data.MERGER_DATE)
        successors: dict[str, list[AdminUnit]] = {}
        for code, name, district, successor in data.OLD_COMMUNES:
            level = "ward" if name.startswith("Phường") else "commune"
            successors.setdefault(successor, []).append(
                self.unit(code, name=name, level=level, parent=districts[district], valid_to=last_day)
            )
        for successor, predecessors in successors.items():
            self.link_predecessors(self.units[successor], predecessors)
        return province

    # Councils and their reference data

    @staticmethod
    def council(level: str, admin_unit: AdminUnit, parent: Council | None, values: dict) -> Council:
        def create():
            return record_save(
                Council(level=level, admin_unit=admin_unit, parent=parent, **values), actor=None
            )

        return ensure(Council, {"code": values["code"]}, create)

    @staticmethod
    def term(council: Council, values: dict) -> Term:
        lookup = {"council": council, "number": values["number"]}
        return ensure(Term, lookup, lambda: term_create(actor=None, council=council, **values))

    def constituencies(self, council: Council, term: Term, plan: list, units_of) -> dict[int, Constituency]:
        result = {}
        for number, (seats, keys) in enumerate(plan, start=1):
            units = units_of(keys)
            name = f"Đơn vị bầu cử số {number}: " + ", ".join(lower_first(u.name) for u in units)

            def create(number=number, name=name, seats=seats, units=units):
                constituency = record_create(
                    Constituency,
                    actor=None,
                    council=council,
                    term=term,
                    number=number,
                    name=name,
                    seats=seats,
                )
                constituency.admin_units.set(units)
                return constituency

            result[number] = ensure(Constituency, {"term": term, "number": number}, create)
        return result

    @staticmethod
    def committees(council: Council, kinds: list[str]) -> dict[str, Committee]:
        names = dict(data.COMMITTEES)
        return {
            kind: ensure(
                Committee,
                {"council": council, "kind": kind},
                lambda kind=kind: committee_create(actor=None, council=council, kind=kind, name=names[kind]),
            )
            for kind in kinds
        }

    @staticmethod
    def agency(council: Council, name: str, **values) -> Agency:
        lookup = {"council": council, "name": name}
        return ensure(Agency, lookup, lambda: agency_create(actor=None, council=council, name=name, **values))

    def province_agencies(self, council: Council) -> dict[str, Agency]:
        agencies = {}
        for n, (name, short_name, kind, mailbox, head_title) in enumerate(data.AGENCIES):
            agencies[name] = self.agency(
                council,
                name,
                short_name=short_name,
                kind=kind,
                emails=f"vanphong@{mailbox}.dongthap.gov.vn",
                phone=f"{data.AGENCY_PHONE_PREFIX}{851 + n:03d} {(137 * n + 211) % 1000:03d}",
                head_title=head_title,
            )
        for unit_name in data.COMMUNE_COMMITTEE_UNITS:
            unit = self.units[unit_name]
            place = lower_first(unit_name)
            agencies[unit_name] = self.agency(
                council,
                f"Ủy ban nhân dân {place}",
                short_name=f"UBND {place}",
                kind="commune_committee",
                admin_unit=unit,
                emails=f"vanphong@{fold(unit_name).replace(' ', '')}.dongthap.gov.vn",
                head_title=f"Chủ tịch UBND {place}",
            )
        return agencies

    def commune_agencies(self, council: Council) -> None:
        for name, short_name, kind, email, linked in data.COMMUNE_AGENCIES:
            unit = self.units[data.COMMUNE_UNIT_NAME] if linked else None
            self.agency(council, name, short_name=short_name, kind=kind, emails=email, admin_unit=unit)

    @staticmethod
    def calendar_and_rules(council: Council) -> None:
        for code, name in data.FIELDS:
            ensure(
                Field,
                {"council": council, "code": code},
                lambda code=code, name=name: field_create(actor=None, council=council, code=code, name=name),
            )
        for day, name, kind in data.HOLIDAYS:
            ensure(
                Holiday,
                {"council": council, "date": day},
                lambda day=day, name=name, kind=kind: holiday_create(
                    actor=None, council=council, date=day, name=name, kind=kind
                ),
            )
        for rule in data.DEADLINE_RULES:
            ensure(
                DeadlineRule,
                {"council": council, "code": rule["code"], "valid_from": rule["valid_from"]},
                lambda rule=rule: deadline_rule_create(actor=None, council=council, **rule),
            )

    # Delegates and their positions

    @staticmethod
    def delegate(council: Council, full_name: str, **values) -> Delegate:
        full_name = normalize(full_name)
        return ensure(
            Delegate,
            {"council": council, "full_name": full_name},
            lambda: delegate_create(actor=None, council=council, full_name=full_name, **values),
        )

    @staticmethod
    def mandate(council: Council, delegate: Delegate, term: Term, **values) -> Mandate:
        return ensure(
            Mandate,
            {"delegate": delegate, "term": term},
            lambda: mandate_create(actor=None, council=council, delegate=delegate, term=term, **values),
        )

    @staticmethod
    def group(council: Council, term: Term, number: int, place: str, units: list[AdminUnit]) -> DelegateGroup:
        name = f"Tổ đại biểu số {number} – {place}"
        area = ", ".join(lower_first(u.name) for u in units)
        return ensure(
            DelegateGroup,
            {"term": term, "name": name},
            lambda: group_create(
                actor=None, council=council, term=term, name=name, area=area, admin_units=units
            ),
        )

    @staticmethod
    def group_membership(council: Council, group: DelegateGroup, mandate: Mandate, role: str) -> None:
        ensure(
            GroupMembership,
            {"mandate": mandate, "start_date": mandate.start_date},
            lambda: group_membership_create(
                actor=None,
                council=council,
                group=group,
                mandate=mandate,
                role=role,
                start_date=mandate.start_date,
                end_date=mandate.end_date,
            ),
        )

    def seed_roster(
        self,
        council: Council,
        terms: dict[int, Term],
        constituencies: dict[int, dict[int, Constituency]],
        committees: dict[str, Committee],
    ) -> dict[str, Delegate]:
        term10, term11 = terms[10], terms[11]
        groups = {
            number: [
                self.group(
                    council,
                    terms[number],
                    g + 1,
                    place,
                    [unit for n in numbers for unit in constituencies[number][n].admin_units.all()],
                )
                for g, (place, numbers) in enumerate(plan)
            ]
            for number, plan in ((10, data.TERM_10_GROUPS), (11, data.TERM_11_GROUPS))
        }
        delegates = {}
        start = term11.start_date
        for person in self.roster:
            delegate = self.delegate(
                council,
                person.full_name,
                gender=person.gender,
                birth_date=person.birth_date,
                ethnicity=person.ethnicity,
            )
            delegates[person.full_name] = delegate
            if seat := person.seat10:
                mandate10 = self.mandate(
                    council,
                    delegate,
                    term10,
                    constituency=constituencies[10][seat.constituency],
                    kind=seat.kind,
                    position=seat.position,
                    workplace=seat.workplace,
                    start_date=seat.start_date,
                    start_reason=seat.start_reason,
                    end_date=seat.end_date,
                    end_reason=seat.end_reason,
                )
                self.group_membership(council, groups[10][seat.group], mandate10, seat.role)
            mandate = self.mandate(
                council,
                delegate,
                term11,
                constituency=constituencies[11][person.constituency],
                kind=person.kind,
                position=person.position,
                workplace=person.workplace,
                start_date=start,
            )
            self.group_membership(council, groups[11][person.group], mandate, person.group_role)
            if person.committee:
                committee = committees[person.committee]
                ensure(
                    CommitteeMembership,
                    {"committee": committee, "mandate": mandate, "start_date": start},
                    lambda committee=committee, mandate=mandate, role=person.committee_role: (
                        committee_membership_create(
                            actor=None,
                            council=council,
                            committee=committee,
                            mandate=mandate,
                            role=role,
                            start_date=start,
                        )
                    ),
                )
            if person.standing_role:
                ensure(
                    StandingPosition,
                    {"mandate": mandate, "start_date": start},
                    lambda mandate=mandate, role=person.standing_role: standing_position_create(
                        actor=None, council=council, mandate=mandate, role=role, start_date=start
                    ),
                )
        return delegates

    def seed_commune_delegates(self, council: Council, term: Term) -> None:
        for full_name, gender, birth_date, position, full_time in data.COMMUNE_DELEGATES:
            delegate = self.delegate(council, full_name, gender=gender, birth_date=birth_date)
            self.mandate(
                council,
                delegate,
                term,
                kind="full_time" if full_time else "part_time",
                position=position,
                workplace=data.COMMUNE_WORKPLACE,
                start_date=term.start_date,
            )

    # Demo users

    def demo_delegates(self, delegates: dict[str, Delegate]) -> dict[str, Delegate]:
        """The delegates the demo accounts speak for."""
        chair = next(p for p in self.roster if p.standing_role == "chair")
        head = next(p for p in self.roster if p.committee == "economy_budget" and p.committee_role == "head")
        leader = next(p for p in self.roster if p.group == 0 and p.group_role == "leader")
        ordinary = next(
            p
            for p in sorted(self.roster, key=lambda p: p.group)
            if p.group_role == "member"
            and not p.committee
            and not p.standing_role
            and "provincial" not in p.tags
        )
        return {
            "thuongtruc": delegates[chair.full_name],
            "truongban": delegates[head.full_name],
            "totruong": delegates[leader.full_name],
            "daibieu": delegates[ordinary.full_name],
        }

    def seed_users(
        self,
        province: Council,
        commune: Council,
        committees: dict[str, Committee],
        agencies: dict[str, Agency],
        delegates: dict[str, Delegate],
    ) -> list[tuple[str, str, str]]:
        linked = self.demo_delegates(delegates)
        password = settings.DEMO_PASSWORD
        roles = {
            "vanphong": [(province, Role.OFFICE, {}), (commune, Role.OFFICE, {})],
            "thuongtruc": [(province, Role.STANDING, {}), (province, Role.DELEGATE, {})],
            "truongban": [
                (province, Role.COMMITTEE_HEAD, {"committee": committees["economy_budget"]}),
                (province, Role.DELEGATE, {}),
            ],
            "totruong": [(province, Role.GROUP_LEADER, {}), (province, Role.DELEGATE, {})],
            "daibieu": [(province, Role.DELEGATE, {})],
            "lanhdao": [(province, Role.LEADERSHIP, {})],
            "coquan": [(province, Role.AGENCY, {"agency": agencies["Sở Y tế"]})],
            "admin": [(province, Role.ADMIN, {})],
        }
        logins = []
        for username, full_name, description in data.DEMO_USERS:
            delegate = linked.get(username)
            user = User.objects.filter(username=username).first()
            if user is None:
                is_admin = username == "admin"
                user = User(
                    username=username,
                    full_name=delegate.full_name if delegate else full_name,
                    is_staff=is_admin,
                    is_superuser=is_admin,
                )
                user.set_password(password)
                user.save()
            elif not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            for council, role, extra in roles[username]:
                role_assign(actor=None, user=user, council=council, role=role, **extra)
            if delegate and delegate.user_id is None and not Delegate.objects.filter(user=user).exists():
                delegate_update(delegate, actor=None, user=user)
            logins.append((username, user.get_full_name(), description))
        return logins

    def run(self, *, with_users: bool) -> list[tuple[str, str, str]]:
        province_unit = self.seed_admin_units()
        province = self.council("province", province_unit, None, data.PROVINCE_COUNCIL)
        commune = self.council("commune", self.units[data.COMMUNE_UNIT_NAME], province, data.COMMUNE_COUNCIL)

        terms = {10: self.term(province, data.TERM_10), 11: self.term(province, data.TERM_11)}
        district_units = {code: self.units[name] for code, name, _p, _u in data.DISTRICTS}
        constituencies = {
            10: self.constituencies(
                province,
                terms[10],
                data.TERM_10_CONSTITUENCIES,
                lambda codes: [district_units[c] for c in codes],
            ),
            11: self.constituencies(
                province, terms[11], data.TERM_11_CONSTITUENCIES, lambda names: [self.units[n] for n in names]
            ),
        }
        committees = self.committees(province, [kind for kind, _name in data.COMMITTEES])
        agencies = self.province_agencies(province)
        self.calendar_and_rules(province)
        delegates = self.seed_roster(province, terms, constituencies, committees)

        commune_term = self.term(commune, data.COMMUNE_TERM)
        self.committees(commune, data.COMMUNE_COMMITTEE_KINDS)
        self.commune_agencies(commune)
        self.calendar_and_rules(commune)
        self.seed_commune_delegates(commune, commune_term)

        logins = self.seed_users(province, commune, committees, agencies, delegates) if with_users else []
        # After the users, so the Office and the agency respondent appear as the actors. Demo follow-ups
        # are invented petitions: only for a demo installation, never with --no-users on a real one.
        if with_users:
            seed_followups(province, with_users=with_users)
            seed_followups(commune, COMMUNE_FOLLOWUPS, with_users=with_users)
            # Sessions, sittings, agenda and speeches (invented too), logged by the Office.
            seed_sessions(province, with_users=with_users)
            # Oversight programmes, activities, surveys, recommendations (on the sessions' resolutions),
            # explanation sessions and hearings (invented too).
            seed_oversight(province, with_users=with_users)
            # Voter meetings, receptions, opinions, petitions in every state and letters (invented too).
            seed_voters(province, with_users=with_users)
            # Training, group meetings, action programmes, evaluations and emulation (invented too).
            seed_delegate_work(province, with_users=with_users)
            seed_directives(province, with_users=with_users)
        # The scorecard's targets are reference data; the issued proactive report is demo content.
        seed_reports(province, with_users=with_users)
        seed_reports(commune, with_users=False)
        return logins


@contextmanager
def quiet_logger(name: str, level: int = logging.WARNING):
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(max(level, previous))
    try:
        yield
    finally:
        logger.setLevel(previous)


def followup_summary(council: Council) -> str:
    """One line on a council's follow-ups: how many, and how many open, overdue and closed."""
    items = FollowUp.objects.filter(council=council)
    line = _(
        "Follow-ups of %(council)s: %(total)s (open %(open)s, overdue %(overdue)s, awaiting verification "
        "%(awaiting)s, closed %(closed)s)"
    ) % {
        "council": council.short_name,
        "total": items.count(),
        "open": items.open().count(),
        "overdue": items.overdue(timezone.localdate()).count(),
        "awaiting": items.awaiting_verification().count(),
        "closed": items.closed().count(),
    }
    return f"  {line}"


class Command(BaseCommand):
    help = (
        "Load a demo council modelled on Đồng Tháp (province, 102 communes, terms X and XI, delegates, "
        "committees, agencies, holidays, deadline rules, a year of sessions, oversight, voters' work and "
        "follow-ups in every state) plus a commune council with a few follow-ups of its own, and demo users. "
        "Safe to run again: only missing rows are created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help=(
                "Load only the reference data (units, councils, terms, delegates, committees, agencies, "
                "calendar, deadline rules, scorecard targets): no user accounts and none of the invented "
                "petitions, follow-ups or sessions (the only mode allowed with DEBUG off)."
            ),
        )

    def handle(self, *args, no_users: bool = False, verbosity: int = 1, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                _(
                    "Refusing to create demo users while DEBUG is off: their password is public. "
                    "Run with --no-users to load the demo data without user accounts."
                )
            )
        before = {model: model.objects.count() for model in COUNTED_MODELS}
        # New follow-ups queue mail, and each commit kicks the outbox sweep (run in-process without Redis):
        # keep its per-task log lines out of the summary.
        with quiet_logger("celery.app.trace"), transaction.atomic():
            logins = Seeder().run(with_users=not no_users)
        if verbosity < 1:
            return
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo data (table: rows, new this run)")))
        for model in COUNTED_MODELS:
            total = model.objects.count()
            self.stdout.write(
                f"  {model._meta.verbose_name_plural!s:<32} {total:>5}  (+{total - before[model]})"
            )
        province = Council.objects.filter(code=data.PROVINCE_COUNCIL["code"]).first()
        commune = Council.objects.filter(code=data.COMMUNE_COUNCIL["code"]).first()
        if province is not None:
            self.stdout.write(followup_summary(province))
            self.stdout.write(sessions_summary(province))
            self.stdout.write(oversight_summary(province))
            self.stdout.write(voters_summary(province))
            self.stdout.write(delegate_work_summary(province))
            self.stdout.write(directives_summary(province))
            self.stdout.write(reports_summary(province))
        if commune is not None:
            self.stdout.write(followup_summary(commune))
        if logins:
            self.stdout.write(
                self.style.MIGRATE_HEADING(_("Demo logins — password: %s") % settings.DEMO_PASSWORD)
            )
            for username, full_name, description in logins:
                self.stdout.write(f"  {username:<11} {full_name:<26} {description}")
