"""The scorecard's targets: the founding conclusion's T1–T9 seeded per council, and those the Office adds."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy

from council.models import Council, User
from council.services import record_create

from ..models import KpiTarget

Cadence = KpiTarget.Cadence

# The founding conclusion's targets (docs/targets.md) as scorecard lines: code, figure, threshold, cadence.
DEFAULT_TARGETS = [
    (
        "T1",
        "proactive_reports",
        2,
        Cadence.YEAR,
        gettext_lazy("At least two proactive reports a year to the Party Standing Board"),
    ),
    (
        "T2",
        "t2_sessions",
        100,
        Cadence.PERIOD,
        gettext_lazy("Every delegate group speaks in the plenary at every session"),
    ),
    (
        "T3",
        "t3_delegates",
        100,
        Cadence.TERM,
        gettext_lazy("Every delegate speaks at least once in the term"),
    ),
    (
        "T4",
        "t4_discussion",
        50,
        Cadence.PERIOD,
        gettext_lazy(
            "Shorter presentations, longer discussion: at least half of the sitting time in discussion"
        ),
    ),
    (
        "T5.1",
        "resolutions_monitored",
        50,
        Cadence.TERM,
        gettext_lazy("The implementation of the council's resolutions is overseen"),
    ),
    ("T5.2", "reoversight", 1, Cadence.YEAR, gettext_lazy("Re-oversight is carried out every year")),
    ("T5.3", "interpellations_between", 1, Cadence.YEAR, gettext_lazy("Interpellation between sessions")),
    ("T5.4", "explanations", 1, Cadence.YEAR, gettext_lazy("Explanation sessions are held")),
    ("T5.5", "hearings", 1, Cadence.YEAR, gettext_lazy("Hearings are held")),
    (
        "T5.6",
        "recommendations_done",
        80,
        Cadence.PERIOD,
        gettext_lazy("Oversight recommendations are carried out by their due date"),
    ),
    ("T6.1", "surveys", 1, Cadence.PERIOD, gettext_lazy("Field surveys in every period")),
    (
        "T6.2",
        "recommendations_leadership",
        1,
        Cadence.YEAR,
        gettext_lazy("Important recommendations are selected to report to the leadership"),
    ),
    ("T7.1", "trainings", 1, Cadence.YEAR, gettext_lazy("Delegates are trained every year")),
    ("T7.2", "evaluations", 100, Cadence.YEAR, gettext_lazy("Every delegate is evaluated every year")),
    (
        "T7.3",
        "assessments",
        1,
        Cadence.YEAR,
        gettext_lazy("Delegates' action programmes announced to voters are assessed"),
    ),
    ("T8.1", "voter_meetings", 1, Cadence.PERIOD, gettext_lazy("Voter meetings in every period")),
    ("T8.2", "consultations", 1, Cadence.YEAR, gettext_lazy("Citizens are consulted")),
    (
        "T9",
        "exemplary",
        1,
        Cadence.YEAR,
        gettext_lazy("At least one exemplary model, collective or individual introduced a year"),
    ),
]


def targets_seed(council: Council, *, actor: User | None) -> int:
    """Create the founding conclusion's targets the council does not have yet (in Vietnamese, the council's
    language); return how many were created. Targets the Office edited are left as they are."""
    existing = set(KpiTarget.objects.filter(council=council).values_list("code", flat=True))
    created = 0
    with translation.override("vi"):
        for order, (code, metric, threshold, cadence, description) in enumerate(DEFAULT_TARGETS, start=1):
            if code in existing:
                continue
            record_create(
                KpiTarget,
                actor=actor,
                council=council,
                code=code,
                metric=metric,
                threshold=threshold,
                cadence=cadence,
                description=str(description),
                order=order * 10,
            )
            created += 1
    return created


def target_create(*, actor: User | None, council: Council, **data: Any) -> KpiTarget:
    return record_create(KpiTarget, actor=actor, council=council, **data)
