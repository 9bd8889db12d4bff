"""The demo council's Party delegation for its current term: the chair as secretary, the two vice-chairs as
deputies, three committee heads as members, each with an assigned field and some field reports (two
members have not yet reported for the last quarter, so the page shows missing reports).

Written through ``delegates.services.party`` by the Office (or the member, when their login is linked),
each report on the day it would have been sent (``demo.clock.as_of``); the delegation is looked up first,
so a second run adds nothing. The plan is ``demo/data/party.json``."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, User
from delegates.models import Delegate, PartyDelegationMember, PartyFieldReport
from delegates.periods import period_from_code
from delegates.selectors import current_term
from delegates.services import party as services
from demo.clock import as_of
from demo.loader import scenario
from demo.names import OFFICE_USER

REPORT_DELAY = dt.timedelta(days=10)  # a member reports in the first days after the period


def seed_party(province: Council, *, with_users: bool) -> None:
    if not with_users:
        return
    term = current_term(province)
    office = User.objects.filter(username=OFFICE_USER).first()
    if term is None or office is None:
        return
    if PartyDelegationMember.objects.filter(council=province, term=term).exists():
        return
    plan = scenario("party")
    names = [row["delegate"] for row in plan["members"]]
    people = {d.full_name: d for d in Delegate.objects.filter(council=province, full_name__in=names)}
    if len(people) != len(names):
        return
    appointed = max(dt.date.fromisoformat(plan["appointed_on"]), term.start_date)
    assignments = {}
    with as_of(appointed):
        for row in plan["members"]:
            member = services.party_member_create(
                actor=office,
                council=province,
                term=term,
                delegate=people[row["delegate"]],
                position=row["position"],
                start_date=appointed,
                decision=plan["decision"],
            )
            assignments[row["delegate"]] = services.party_assignment_add(
                member,
                actor=office,
                area=row["area"],
                description=row["description"],
                report_every=row["every"],
                start_date=appointed,
            )
    today = timezone.localdate()
    for row in plan["reports"]:
        period = period_from_code(row["period"])
        sent = period.end + REPORT_DELAY
        if sent > today:
            continue  # the demo never reports ahead of the real calendar
        assignment = assignments[row["delegate"]]
        author = assignment.member.delegate.user or office
        with as_of(sent):
            services.party_report_submit(
                assignment, actor=author, period=period.code, summary=row["summary"], submitted_on=sent
            )


def party_summary(council: Council) -> str:
    line = _("Party delegation of %(council)s: %(members)s members, %(reports)s field reports") % {
        "council": council,
        "members": PartyDelegationMember.objects.filter(council=council).count(),
        "reports": PartyFieldReport.objects.filter(council=council).count(),
    }
    return f"  {line}"
