"""The demo's delegate work as written in ``demo/data/delegates.json``: training courses, group meetings,
action programmes and their commitments, the evaluation criteria, ratings and comments, and the emulation
movement with its reasons; and the shapes the seeder reads them into."""

import datetime as dt
import random
from dataclasses import dataclass

from demo.loader import rows, scenario

DAY = dt.timedelta(days=1)

GROUP_LEADER_USER = "totruong"
STANDING_USER = "thuongtruc"


def _rng(*parts: object) -> random.Random:
    """A generator seeded by name (string seeds hash the same in every process)."""
    return random.Random(":".join(str(p) for p in parts))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Course:
    """A course starting ``day`` days from the run (negative: in the past), for ``days`` working days.

    ``invite`` 0 invites every delegate in office on the first day, otherwise that many drawn from them.
    """

    title: str
    day: int
    days: int
    organiser: str
    place: str  # "" for an online course
    description: str
    invite: int = 0


_DATA = scenario("delegates")
OFFICE = _DATA["office"]

# --- Training
COURSES: tuple[Course, ...] = rows("delegates", "courses", Course)
ABSENCE_NOTES = tuple(_DATA["absence_notes"])

# --- Group meetings: the term XI groups (by number) whose own meetings are recorded, besides the demo group
# leader's, and how many of the latest each held.
_MEETINGS = _DATA["group_meetings"]
MEETING_GROUPS = tuple(_MEETINGS["groups"])
MEETINGS_PER_GROUP = _MEETINGS["per_group"]
DISCUSSION_NOTES = _MEETINGS["notes"]["discussion"]
INAUGURAL_NOTES = _MEETINGS["notes"]["inaugural"]
WORKING_NOTES = _MEETINGS["notes"]["working"]
VISIT_NOTES = _MEETINGS["notes"]["visit"]

# --- Action programmes: (field, commitment, evidence that it was kept); "{unit}" is a commune or ward of the
# constituency. The Standing Committee assesses some delegates' commitments; some do not assess their own.
_PROGRAMMES = _DATA["programmes"]
PROGRAMME_DELEGATES = _PROGRAMMES["delegates"]
COMMITMENTS: tuple[tuple[str, str, str], ...] = tuple(
    (row["field"], row["text"], row["kept"]) for row in _PROGRAMMES["commitments"]
)
GENERAL_COMMITMENT = (_PROGRAMMES["general"]["text"], _PROGRAMMES["general"]["kept"])
PENDING_NOTE = _PROGRAMMES["pending_notes"]
CONFIRMED = _PROGRAMMES["confirmed"]
STANDING_ASSESSED = _PROGRAMMES["standing_assessed"]
NOT_SELF_ASSESSED = _PROGRAMMES["not_self_assessed"]

# --- Evaluation: the criteria (points), the ratings of the year before the run (shuffled over the delegates
# evaluated), the share of the points by rating, and what each assessor writes.
_EVALUATION = _DATA["evaluation"]
CRITERIA: tuple[tuple[str, int], ...] = tuple((row["text"], row["points"]) for row in _EVALUATION["criteria"])
EVALUATED = _EVALUATION["evaluated"]
TIERS = list(_EVALUATION["ratings"])
BANDS = {rating: tuple(band) for rating, band in _EVALUATION["bands"].items()}
COMMENTS = _EVALUATION["comments"]
SELF_EVALUATED_NOW = _EVALUATION["self_evaluated_now"]  # besides the demo delegate

# --- Emulation
_EMULATION = _DATA["emulation"]
MOVEMENT = _EMULATION["movement"]
MOVEMENT_LAUNCHED = dt.date.fromisoformat(_EMULATION["launched"])
MOVEMENT_CRITERIA = "\n".join(_EMULATION["criteria"])
STANDING_DECISION = _EMULATION["standing_decision"]
PROVINCE_DECISION = _EMULATION["province_decision"]
INDIVIDUAL_REASON = _EMULATION["individual_reason"]
GROUP_REASON = _EMULATION["group_reason"]
WEAK_GROUP_REASON = _EMULATION["weak_group_reason"]
OFFICE_REASON = _EMULATION["office_reason"]
COMMITTEE_COLLECTIVE = _EMULATION["committee_collective"]
COMMITTEE_REASON = _EMULATION["committee_reason"]
CURRENT_REASON = _EMULATION["current_reason"]
