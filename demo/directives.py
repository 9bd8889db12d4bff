"""Demo directives for ``seed_demo``: the founding conclusion of 2023 with every objective and solution as
an item, assigned as a provincial council would, and some progress reported by those responsible.

Written through ``directives.services`` and the follow-up services inside ``mail_suppressed()``; the
directive is looked up first, so a second run creates nothing. Who answers for which section, the progress
reported and the coordination regulation are in ``demo/data/directives.json``."""

import datetime as dt

from django.utils.translation import gettext as _

from council.models import Committee, Council, FollowUp, User
from council.services import followup_verify
from council.services.followups import mail_suppressed
from delegates.models import DelegateGroup
from demo.loader import scenario
from demo.names import OFFICE_USER
from directives import services
from directives.models import Directive, DirectiveItem

STANDING_USER = "thuongtruc"
GROUP_LEADER_USER = "totruong"
R = DirectiveItem.Responsible


def seed_directives(province: Council, *, with_users: bool) -> None:
    if not with_users:
        return
    office = User.objects.filter(username=OFFICE_USER).first()
    member = User.objects.filter(username=STANDING_USER).first()
    leader = User.objects.filter(username=GROUP_LEADER_USER).first()
    plan = scenario("directives")["founding"]
    committee = Committee.objects.filter(council=province, kind=plan["committee"]).first()
    group = (
        DelegateGroup.objects.filter(council=province, memberships__mandate__delegate__user=leader)
        .order_by("-term__start_date")
        .first()
    )
    if member is None or committee is None or group is None:
        return
    if Directive.objects.filter(council=province, issued_on=services.founding.ISSUED_ON).exists():
        return

    plan_of = {row["section"]: row for row in plan["assignments"]}

    def assign(entry):
        responsible, target = plan_of[entry.section]["responsible"], plan_of[entry.section]["target"]
        fields = {"responsible": responsible, "target": target, "recurrence": DirectiveItem.Recurrence.YEARLY}
        fields.update(
            {
                R.MEMBER: {"member": member},
                R.COMMITTEE: {"committee": committee},
                R.GROUP: {"group": group},
            }.get(responsible, {})
        )
        return fields

    with mail_suppressed():
        directive = services.founding_seed(province, actor=office, assign=assign)
        for row in plan["reports"]:
            item = directive.items.filter(section=row["section"]).order_by("order").first()
            reporter = {R.MEMBER: member, R.GROUP: leader}.get(item.responsible, office)
            services.item_report(
                item, actor=reporter, status=row["status"], text=row["text"], progress=row["progress"]
            )
        verified = plan["verified"]
        done = services.item_followup(directive.items.get(section=verified["section"]))
        followup_verify(done, actor=office, outcome=verified["outcome"], text=verified["text"], close=True)
        seed_coordination(province, office=office, member=member)


def seed_coordination(province: Council, *, office, member) -> None:
    """A coordination regulation with the Provincial People's Committee and its periodic tasks."""
    plan = scenario("directives")["coordination"]
    if Directive.objects.filter(council=province, subject=plan["subject"]).exists():
        return
    agreement = services.directive_create(
        actor=office,
        council=province,
        kind=Directive.Kind.COORDINATION,
        symbol=plan["symbol"],
        issued_on=dt.date.fromisoformat(plan["issued_on"]),
        issuer=plan["issuer"],
        subject=plan["subject"],
        partners=plan["partners"],
    )
    for task in plan["tasks"]:
        services.item_add(
            agreement,
            actor=office,
            section=task["section"],
            text=task["text"],
            responsible=task["responsible"],
            member=member if task["responsible"] == R.MEMBER else None,
            recurrence=task["recurrence"],
            coordinating=plan["coordinating"],
        )
    first = agreement.items.order_by("order").first()
    report = plan["report"]
    services.item_report(
        first, actor=office, status=report["status"], text=report["text"], progress=report["progress"]
    )


def directives_summary(council: Council) -> str:
    items = FollowUp.objects.filter(council=council, source_type__model="directiveitem")
    line = _(
        "Directives of %(council)s: %(directives)s, items %(items)s (closed %(closed)s, reported "
        "%(reported)s)"
    ) % {
        "council": council,
        "directives": Directive.objects.filter(council=council).count(),
        "items": items.count(),
        "closed": items.filter(closed_on__isnull=False).count(),
        "reported": items.exclude(agency_status="not_started").count(),
    }
    return f"  {line}"
