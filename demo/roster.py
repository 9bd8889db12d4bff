"""The demo's delegates: the provincial roster of ``demo/data/roster.json`` and the commune council's.

The roster is written down: each of the 85 delegates of term XI with their constituency, delegate group and
role in it, post and workplace, Standing Committee position and committee seat, and, for those who also sat
in term X, that mandate (a by-election or an early end where there was one). Names, birth dates and posts
are invented. Every row is created through ``delegates.services`` when missing, so a second run creates
nothing.
"""

import datetime as dt

from council.models import Committee, Constituency, Council, Term
from council.text import normalize
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
    group_membership_create,
    mandate_create,
    standing_position_create,
)
from demo.loader import scenario
from demo.reference import ensure

MANDATE_FIELDS = ("kind", "position", "workplace", "start_reason", "end_reason")


def roster() -> list[dict]:
    """The provincial delegates as written in ``roster.json``."""
    return scenario("roster")["delegates"]


def delegate(council: Council, full_name: str, **values) -> Delegate:
    full_name = normalize(full_name)
    return ensure(
        Delegate,
        {"council": council, "full_name": full_name},
        lambda: delegate_create(actor=None, council=council, full_name=full_name, **values),
    )


def mandate(council: Council, person: Delegate, term: Term, seat: dict, **values) -> Mandate:
    """``person``'s mandate in ``term`` as ``seat`` describes it (from the term's start to its end by
    default)."""
    values |= {k: seat[k] for k in MANDATE_FIELDS if k in seat}
    start = seat.get("start_date")
    values["start_date"] = dt.date.fromisoformat(start) if start else term.start_date
    if "end_date" in seat:
        values["end_date"] = dt.date.fromisoformat(seat["end_date"])
    return ensure(
        Mandate,
        {"delegate": person, "term": term},
        lambda: mandate_create(actor=None, council=council, delegate=person, term=term, **values),
    )


def group_membership(council: Council, group: DelegateGroup, seat: Mandate, role: str) -> None:
    ensure(
        GroupMembership,
        {"mandate": seat, "start_date": seat.start_date},
        lambda: group_membership_create(
            actor=None,
            council=council,
            group=group,
            mandate=seat,
            role=role,
            start_date=seat.start_date,
            end_date=seat.end_date,
        ),
    )


def seed_roster(
    council: Council,
    terms: dict[int, Term],
    constituencies: dict[int, dict[int, Constituency]],
    groups: dict[int, dict[int, DelegateGroup]],
    committees: dict[str, Committee],
) -> dict[str, Delegate]:
    """Every delegate of the roster with their mandates, group memberships, committee seats and Standing
    Committee positions; returns the delegates by name."""
    delegates = {}
    for row in roster():
        person = delegate(
            council,
            row["full_name"],
            gender=row["gender"],
            birth_date=dt.date.fromisoformat(row["birth_date"]),
            ethnicity=row.get("ethnicity", "Kinh"),
        )
        delegates[row["full_name"]] = person
        for number, key in ((10, "term_10"), (11, "term_11")):
            seat = row.get(key)
            if seat is None:
                continue
            term = terms[number]
            held = mandate(
                council, person, term, seat, constituency=constituencies[number][seat["constituency"]]
            )
            group_membership(council, groups[number][seat["group"]], held, seat["group_role"])
            start = held.start_date
            if committee := committees.get(seat.get("committee", "")):
                ensure(
                    CommitteeMembership,
                    {"committee": committee, "mandate": held, "start_date": start},
                    lambda committee=committee, held=held, role=seat["committee_role"], start=start: (
                        committee_membership_create(
                            actor=None,
                            council=council,
                            committee=committee,
                            mandate=held,
                            role=role,
                            start_date=start,
                        )
                    ),
                )
            if role := seat.get("standing_role"):
                ensure(
                    StandingPosition,
                    {"mandate": held, "start_date": start},
                    lambda held=held, role=role, start=start: standing_position_create(
                        actor=None, council=council, mandate=held, role=role, start_date=start
                    ),
                )
    return delegates


def seed_commune_delegates(council: Council, term: Term, plan: list[dict]) -> None:
    for row in plan:
        person = delegate(
            council,
            row["full_name"],
            gender=row["gender"],
            birth_date=dt.date.fromisoformat(row["birth_date"]),
        )
        mandate(council, person, term, row)
