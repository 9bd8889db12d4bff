"""The demo's reference data: administrative units, councils, terms, constituencies, delegate groups,
committees, agencies, fields, the working-day calendar and the deadline rules.

The content is in ``demo/data/units.json`` (the province after the 1 July 2025 merger, its 102 communes and
wards, the former districts and communes they were formed on), ``demo/data/councils.json`` (the provincial
and the commune council: terms, constituencies, groups, committees, agencies) and
``demo/data/calendar.json`` (fields, holidays, deadline rules). Unit codes are demo codes, not the official
statistical codes; e-mail addresses and phone numbers are invented.

Every row is looked up by its natural key first and created through the services only when missing
(``ensure``), so running the seed again changes nothing.
"""

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.db import models

from council.models import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    Holiday,
    Term,
)
from council.services import (
    agency_create,
    committee_create,
    deadline_rule_create,
    field_create,
    holiday_create,
    record_create,
    record_save,
    term_create,
)
from delegates.models import DelegateGroup
from delegates.services import group_create
from demo.loader import scenario

M = TypeVar("M", bound=models.Model)
DAY = dt.timedelta(days=1)


def ensure(model: type[M], lookup: dict, create: Callable[[], M]) -> M:
    """Return the row matching ``lookup``, creating it with ``create`` only if there is none."""
    existing = model.objects.filter(**lookup).first()
    return existing if existing is not None else create()


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def councils() -> list[dict]:
    """The demo councils as written in ``councils.json``, the provincial council first."""
    return scenario("councils")["councils"]


def council_named(level: str) -> dict:
    return next(c for c in councils() if c["level"] == level)


def district_of() -> dict[str, str]:
    """The former district each commune or ward of the merged province was formed on, by name."""
    return {
        successor["name"]: district["name"]
        for district in scenario("units")["districts"]
        for successor in district["successors"]
    }


def _level(name: str) -> str:
    return "ward" if name.startswith("Phường") else "commune"


class ReferenceSeeder:
    """Creates whatever reference rows are missing, through the services."""

    def __init__(self):
        self.units: dict[str, AdminUnit] = {}

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
        """The province, the former provinces, districts and communes, and the communes in force."""
        plan = scenario("units")
        merger = dt.date.fromisoformat(plan["merger"])
        last_day = merger - DAY
        old = {
            row["code"]: self.unit(row["code"], name=row["name"], level="province", valid_to=last_day)
            for row in plan["former_provinces"]
        }
        province = self.unit(
            plan["province"]["code"], name=plan["province"]["name"], level="province", valid_from=merger
        )
        self.link_predecessors(province, list(old.values()))
        districts = {}
        for row in plan["districts"]:
            districts[row["code"]] = self.unit(
                row["code"],
                name=row["name"],
                level="district",
                parent=old[row["province"]],
                valid_to=last_day,
            )
        for row in plan["districts"]:
            for new in row["successors"]:
                self.unit(
                    new["code"],
                    name=new["name"],
                    level=_level(new["name"]),
                    parent=province,
                    valid_from=merger,
                )
        successors: dict[str, list[AdminUnit]] = {}
        for row in plan["former_communes"]:
            successors.setdefault(row["successor"], []).append(
                self.unit(
                    row["code"],
                    name=row["name"],
                    level=_level(row["name"]),
                    parent=districts[row["district"]],
                    valid_to=last_day,
                )
            )
        for successor, predecessors in successors.items():
            self.link_predecessors(self.units[successor], predecessors)
        return province

    # Councils

    def council(self, spec: dict, parent: Council | None) -> Council:
        values = {k: spec[k] for k in ("code", "name", "short_name", "place_name")}

        def create():
            unit = self.units[spec["unit"]]
            return record_save(
                Council(level=spec["level"], admin_unit=unit, parent=parent, **values), actor=None
            )

        return ensure(Council, {"code": spec["code"]}, create)

    @staticmethod
    def term(council: Council, spec: dict) -> Term:
        values = {
            "number": spec["number"],
            "name": spec["name"],
            "start_date": _date(spec["start_date"]),
            "end_date": _date(spec["end_date"]),
        }
        lookup = {"council": council, "number": values["number"]}
        return ensure(Term, lookup, lambda: term_create(actor=None, council=council, **values))

    def constituencies(self, council: Council, term: Term, plan: list[dict]) -> dict[int, Constituency]:
        result = {}
        for row in plan:

            def create(row=row):
                constituency = record_create(
                    Constituency,
                    actor=None,
                    council=council,
                    term=term,
                    number=row["number"],
                    name=row["name"],
                    seats=row["seats"],
                )
                constituency.admin_units.set([self.units[name] for name in row["units"]])
                return constituency

            result[row["number"]] = ensure(Constituency, {"term": term, "number": row["number"]}, create)
        return result

    def groups(
        self, council: Council, term: Term, plan: list[dict], constituencies: dict[int, Constituency]
    ) -> dict[int, DelegateGroup]:
        """The term's delegate groups by number; a group covers the units of its constituencies."""
        result = {}
        for row in plan:

            def create(row=row):
                units = [u for n in row["constituencies"] for u in constituencies[n].admin_units.all()]
                area = ", ".join(lower_first(u.name) for u in units)
                return group_create(
                    actor=None, council=council, term=term, name=row["name"], area=area, admin_units=units
                )

            result[row["number"]] = ensure(DelegateGroup, {"term": term, "name": row["name"]}, create)
        return result

    @staticmethod
    def committees(council: Council, plan: list[dict]) -> dict[str, Committee]:
        return {
            row["kind"]: ensure(
                Committee,
                {"council": council, "kind": row["kind"]},
                lambda row=row: committee_create(actor=None, council=council, **row),
            )
            for row in plan
        }

    def agencies(self, council: Council, plan: list[dict]) -> dict[str, Agency]:
        result = {}
        for row in plan:
            values = {k: v for k, v in row.items() if k != "unit"}
            if "unit" in row:
                values["admin_unit"] = self.units[row["unit"]]
            result[row["name"]] = ensure(
                Agency,
                {"council": council, "name": row["name"]},
                lambda values=values: agency_create(actor=None, council=council, **values),
            )
        return result

    @staticmethod
    def calendar_and_rules(council: Council) -> None:
        """The council's fields, holidays (a span of days written once) and deadline rules."""
        plan = scenario("calendar")
        for row in plan["fields"]:
            ensure(
                Field,
                {"council": council, "code": row["code"]},
                lambda row=row: field_create(actor=None, council=council, **row),
            )
        for row in plan["holidays"]:
            first = _date(row["date"])
            last = _date(row.get("to")) or first
            for n in range((last - first).days + 1):
                day = first + n * DAY
                ensure(
                    Holiday,
                    {"council": council, "date": day},
                    lambda day=day, row=row: holiday_create(
                        actor=None, council=council, date=day, name=row["name"], kind=row["kind"]
                    ),
                )
        for row in plan["deadline_rules"]:
            rule = {**row, "valid_from": _date(row["valid_from"]), "valid_to": _date(row.get("valid_to"))}
            if rule["valid_to"] is None:
                del rule["valid_to"]
            ensure(
                DeadlineRule,
                {"council": council, "code": rule["code"], "valid_from": rule["valid_from"]},
                lambda rule=rule: deadline_rule_create(actor=None, council=council, **rule),
            )
