"""Demo oversight for ``seed_demo``: the Đồng Tháp council's oversight programmes of 2025 and 2026.

Thirteen activities of every kind, led by the council, the Standing Committee, the committees and the delegate
groups, in every state of the workflow: each with its establishing decision, delegation, overseen agencies,
documents (metadata only, no files), field surveys and recommendations; a re-oversight of a 2025 activity
that checks its unresolved recommendations; an explanation session escalated from an overdue recommendation
and a hearing, each with conclusions followed up.

Everything is written through ``oversight.services`` and the follow-up services, never by a direct model
write, inside ``mail_suppressed()`` (the agencies' addresses are invented). A programme is looked up by
(council, year), an activity by (council, title) and an explanation session or hearing by (council, kind,
topic) first, and skipped with everything it holds when it exists, so a second run creates nothing.

Activities of 2025 and the mid-year review of 2026 have fixed dates. The others are laid out relative to the
day the seed runs, as are the due dates of the recommendations that must be pending, so whenever it runs
there are activities still to come, under way and just reported, and recommendations not yet due, overdue
(two of them by more than 30 days, for the suggestions for the next session), answered, in progress,
verified, sent back as unsatisfactory and not done. Delegations are drawn, with a seeded generator, from the
mandates in office on the day of the decision (term X in 2025, term XI in 2026); the demo committee head
leads the activities of the Economic and Budget Committee and the demo delegate sits on a group's
delegation.

Findings, recommendations and numbers are invented.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, FollowUp
from demo.oversight.seeder import seed_oversight
from demo.oversight.specs import DemoActivity, State
from oversight.models import Accountability, OversightActivity, OversightProgram, SurveyVisit

__all__ = ["DemoActivity", "oversight_summary", "seed_oversight"]


def oversight_summary(council: Council) -> str:
    """One line on the council's oversight: programmes, activities by stage, surveys, recommendations."""
    activities = OversightActivity.objects.filter(council=council).aggregate(
        total=Count("pk"),
        planned=Count("pk", filter=Q(state=State.PLANNED)),
        monitoring=Count("pk", filter=Q(state__in=[State.RESOLUTION, State.MONITORING])),
        closed=Count("pk", filter=Q(state=State.CLOSED)),
    )
    followups = FollowUp.objects.filter(council=council, source_type__model="recommendation")
    sessions = Accountability.objects.filter(council=council).aggregate(
        explanations=Count("pk", filter=Q(kind=Accountability.Kind.EXPLANATION)),
        hearings=Count("pk", filter=Q(kind=Accountability.Kind.HEARING)),
    )
    line = _(
        "Oversight of %(council)s: %(programmes)s programmes, %(activities)s activities (planned "
        "%(planned)s, under way %(under_way)s, monitored %(monitoring)s, closed %(closed)s), %(surveys)s "
        "survey visits, %(recommendations)s recommendations (open %(open)s, overdue %(overdue)s), "
        "%(explanations)s explanation sessions, %(hearings)s hearings"
    ) % {
        "council": council.short_name,
        "programmes": OversightProgram.objects.filter(council=council).count(),
        "activities": activities["total"],
        "planned": activities["planned"],
        "under_way": activities["total"]
        - activities["planned"]
        - activities["monitoring"]
        - activities["closed"],
        "monitoring": activities["monitoring"],
        "closed": activities["closed"],
        "surveys": SurveyVisit.objects.filter(activity__council=council).count(),
        "recommendations": followups.count(),
        "open": followups.open().count(),
        "overdue": followups.overdue(timezone.localdate()).count(),
        "explanations": sessions["explanations"],
        "hearings": sessions["hearings"],
    }
    return f"  {line}"
