"""The reference record types under test, each with its factory, form data and an invalid edit."""

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import factory
from django.urls import reverse

from council.models import AdminUnit, Committee, Constituency, Council, Role, Term
from council.views.reference import REFERENCE_VIEWSETS
from delegates.views.delegates import COMMITTEES
from tests.council.factories import (
    AgencyFactory,
    CommitteeFactory,
    ConstituencyFactory,
    DeadlineRuleFactory,
    FieldFactory,
    HolidayFactory,
    TermFactory,
)

MANAGERS = {Role.OFFICE, Role.ADMIN}


class AdminUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"{80000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    level = AdminUnit.Level.COMMUNE


def _committee(council: Council, **kwargs) -> Committee:
    """A committee of a kind the council does not have yet (a council has one committee per kind)."""
    if "kind" not in kwargs:
        taken = set(Committee.objects.filter(council=council).values_list("kind", flat=True))
        kwargs["kind"] = next(k for k in Committee.Kind.values if k not in taken)
    kwargs.setdefault("name", f"Ban {Committee.Kind(kwargs['kind']).label}")
    return CommitteeFactory(council=council, **kwargs)


def _constituency(council: Council, **kwargs) -> Constituency:
    term = Term.objects.filter(council=council).first() or TermFactory(council=council)
    constituency = ConstituencyFactory(term=term, council=council, **kwargs)
    constituency.admin_units.add(AdminUnitFactory())
    return constituency


@dataclass
class Case:
    """What a test needs to know about one record type's pages."""

    slug: str
    make: Callable[..., Any]
    valid: Callable[[Council], dict[str, Any]]
    expected: dict[str, Any]
    max_rows: int = 50


CASES = {
    "term": Case(
        slug="term",
        make=lambda council, **kw: TermFactory(council=council, **kw),
        valid=lambda council: {
            "number": "12",
            "name": "Khóa XII",
            "start_date": "01/04/2031",
            "end_date": "31/03/2036",
        },
        expected={"number": 12, "start_date": dt.date(2031, 4, 1), "end_date": dt.date(2036, 3, 31)},
    ),
    "constituency": Case(
        slug="constituency",
        make=_constituency,
        valid=lambda council: {
            "term": str(TermFactory(council=council).pk),
            "number": "3",
            "name": "Đơn vị bầu cử số 3",
            "seats": "2",
            "admin_units": [str(AdminUnitFactory().pk), str(AdminUnitFactory().pk)],
        },
        expected={"number": 3, "seats": 2},
    ),
    "agency": Case(
        slug="agency",
        make=lambda council, **kw: AgencyFactory(council=council, admin_unit=AdminUnitFactory(), **kw),
        valid=lambda council: {
            "name": "Sở Tài chính",
            "short_name": "STC",
            "kind": "department",
            "admin_unit": "",
            "head_title": "Giám đốc",
            "emails": "vanphong@stc.gov.vn, giamdoc@stc.gov.vn",
            "phone": "0277 3851 234",
            "is_active": "on",
        },
        expected={
            "short_name": "STC",
            "emails": "vanphong@stc.gov.vn, giamdoc@stc.gov.vn",
            "is_active": True,
        },
    ),
    "field": Case(
        slug="field",
        make=lambda council, **kw: FieldFactory(council=council, **kw),
        valid=lambda council: {"code": "dat-dai", "name": "Đất đai", "is_active": "on"},
        expected={"code": "dat-dai", "is_active": True},
    ),
    "holiday": Case(
        slug="holiday",
        make=lambda council, **kw: HolidayFactory(council=council, **kw),
        valid=lambda council: {"date": "02/09/2026", "name": "Quốc khánh", "kind": "holiday"},
        expected={"date": dt.date(2026, 9, 2), "kind": "holiday"},
    ),
    "deadline_rule": Case(
        slug="deadline_rule",
        make=lambda council, **kw: DeadlineRuleFactory(council=council, **kw),
        valid=lambda council: {
            "code": "tra-loi-kien-nghi",
            "name": "Trả lời kiến nghị cử tri",
            "days": "15",
            "day_type": "working",
            "direction": "after",
            "anchor": "transfer",
            "legal_basis": "Luật Tổ chức chính quyền địa phương 2025",
            "valid_from": "05/03/2026",
            "valid_to": "",
        },
        expected={"days": 15, "valid_from": dt.date(2026, 3, 5), "valid_to": None},
    ),
    "committee": Case(
        slug="committee",
        make=_committee,
        valid=lambda council: {"kind": "culture_society", "name": "Ban Văn hóa - Xã hội", "is_active": "on"},
        expected={"kind": "culture_society", "is_active": True},
        # A province council has at most one committee of each of the five kinds.
        max_rows=len(Committee.Kind.values),
    ),
}
SLUGS = list(CASES)
CRUDS = {crud.slug: crud for crud, _prefix in REFERENCE_VIEWSETS} | {COMMITTEES.slug: COMMITTEES}
# The namespaced prefix of each type's URL names ("council:term", "delegates:committee").
ROUTES = {slug: crud.route for slug, crud in CRUDS.items()}


def _model(slug: str):
    return CRUDS[slug].model


def _pages(slug: str, pk: int) -> list[str]:
    return [
        reverse(f"{ROUTES[slug]}_list"),
        reverse(f"{ROUTES[slug]}_create"),
        reverse(f"{ROUTES[slug]}_detail", args=[pk]),
        reverse(f"{ROUTES[slug]}_update", args=[pk]),
    ]


def _field_errors(response, name: str) -> list[str]:
    """The error messages shown right under the form field ``name``."""
    found = re.findall(rf'id="error_\d+_id_{name}"[^>]*>\s*<strong>(.*?)</strong>', response.text, re.S)
    return [html.unescape(message) for message in found]


def _created(slug: str, council: Council):
    return _model(slug).objects.filter(council=council)
