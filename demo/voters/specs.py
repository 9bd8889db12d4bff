"""The shapes of the demo's voter scenario (``demo/data/voters.json``) and the rules the seeder follows."""

import datetime as dt
from dataclasses import dataclass

from council.models import CouncilStatus
from demo.loader import rows
from demo.reference import district_of
from voters.models import (
    Competence,
    Letter,
    Petition,
    Reception,
    VoterMeeting,
)

DAY = dt.timedelta(days=1)

Kind = VoterMeeting.Kind
Format = VoterMeeting.Format
State = Petition.State
LetterKind = Letter.Kind
LetterState = Letter.State
Host = Reception.Host

EXTERNAL_PREFIX = "demo-"

# A petition is reported at the first session held this long after it was transferred.
REPORT_AFTER_DAYS = 25

# Agencies, by their name in ``demo.council``.


# The committee that reviews the answers, by field.
COMMITTEE_OF_FIELD = {
    "dat-dai": "economy_budget",
    "giao-thong": "economy_budget",
    "xay-dung": "economy_budget",
    "nong-nghiep": "economy_budget",
    "moi-truong": "economy_budget",
    "tai-chinh-ngan-sach": "economy_budget",
    "y-te": "culture_society",
    "giao-duc": "culture_society",
    "lao-dong-viec-lam": "culture_society",
    "chinh-sach-xa-hoi": "culture_society",
    "van-hoa-du-lich": "culture_society",
    "an-ninh-trat-tu": "legal",
    "noi-vu": "legal",
    "khac": "legal",
}
REVIEW_TEXT = {
    CouncilStatus.DONE: "Nội dung trả lời đầy đủ, đúng thẩm quyền; kiến nghị đã được giải quyết.",
    CouncilStatus.PARTLY_DONE: "Kiến nghị mới được giải quyết một phần; đề nghị tiếp tục thực hiện theo lộ "
    "trình đã cam kết và báo cáo kết quả.",
    CouncilStatus.NOT_DONE: "Kiến nghị chưa được giải quyết; đề nghị cơ quan tiếp tục xem xét, có giải pháp "
    "và thời hạn cụ thể.",
}


# --- What is seeded ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """An opinion: what voters said, how many raised it, who (optional), and an answer given on the spot."""

    text: str
    voters: int = 1
    name: str = ""
    address: str = ""
    spot: str = ""
    unit: str = ""  # a commune or ward other than the meeting's, by its name


@dataclass(frozen=True)
class DemoMeeting:
    """A voter meeting ``day`` days before the run; its opinions are keyed "<key>-01", "<key>-02", …"""

    key: str
    kind: str
    day: int
    place: str  # a commune or ward in force, by its name; "" for an online meeting with no main venue
    venue: str
    attendance: int
    opinions: tuple[Op, ...]
    format: str = Format.IN_PERSON
    field: str = ""
    delegates: int = 3
    demo_delegate: bool = False
    notes: str = ""


@dataclass(frozen=True)
class DemoReception:
    key: str
    day: int
    host: str
    place: str
    venue: str
    opinions: tuple[Op, ...]
    notes: str = ""


@dataclass(frozen=True)
class Loose:
    """An opinion received outside meetings and receptions, ``day`` days before the run or on a fixed date
    (the petitions of 2025, before the year the relative dates cover, so every quarter has its answers)."""

    key: str
    channel: str
    day: int | dt.date
    op: Op


@dataclass(frozen=True)
class DemoLetter:
    """A letter and what the Office did with it.

    ``sender`` is (name, address, phone), None for an anonymous letter. ``steps`` are taken in order: a
    letter state ("classified", note), ("transferred", agency, note), …; ("answer", status, text) for the
    agency's answer to the follow-up opened on transfer and ("verify", outcome, text) for the Office's.
    ``opinion`` is what the letter asks of the council, recorded as an opinion keyed "<key>".
    """

    key: str
    kind: str
    channel: str
    day: int
    sender: tuple[str, str, str] | None
    unit: str
    summary: str
    steps: tuple[tuple, ...] = ()
    duplicate_of: str = ""
    opinion: str = ""


@dataclass(frozen=True)
class Kn:
    """A petition consolidated from the opinions ``sources`` and taken as far as ``state``.

    ``lag``: days from the last source to the transfer. ``answer``: ("done", text), ("cannot", text,
    explanation) or ("progress", %, text). ``review``: the committee's outcome (text by default from
    ``REVIEW_TEXT``). ``inform``: what voters were told (by default the agency's answer). ``extend``: on a
    roadmap, the follow-up's due date moves this many days past the run. ``attach``: opinions added once it
    is done; ``merge_into``: a duplicate merged into that petition; ``late``: answered after its due date.
    """

    key: str
    title: str
    sources: tuple[str, ...]
    state: str
    field: str = ""
    competence: str = Competence.PROVINCE
    agency: str = ""
    lag: int = 10
    answer: tuple = ()
    review: str = CouncilStatus.DONE
    inform: str = ""
    publish: bool = True
    roadmap: str = ""
    extend: int = 0
    attach: tuple[str, ...] = ()
    merge_into: str = ""
    late: bool | None = (
        None  # the agency answers after the due date (by default one in demo.clock.LATE_ONE_IN)
    )


@dataclass(frozen=True)
class Submission:
    """A citizen's petition sent through the public web form, and how far the Office took it."""

    name: str
    phone: str
    email: str
    address: str
    unit: str
    title: str
    text: str
    classify: tuple[str, str, str] | None = None  # (field, competence, agency)


# --- Voter meetings ---------------------------------------------------------------------------------------

MEETINGS = rows("voters", "meetings", DemoMeeting)
# Meetings planned for the coming weeks (``day`` negative: days after the run), with no opinions yet.
PLANNED_MEETINGS = rows("voters", "planned_meetings", DemoMeeting)

# --- Citizen receptions ---------------------------------------------------------------------------------

RECEPTIONS = rows("voters", "receptions", DemoReception)

# --- Opinions through the other channels -----------------------------------------------------------------

LOOSE = rows("voters", "loose", Loose)

# --- Letters ----------------------------------------------------------------------------------------------

LETTERS = rows("voters", "letters", DemoLetter)

# --- Petitions --------------------------------------------------------------------------------------------

PETITIONS = rows("voters", "petitions", Kn)

SUBMISSIONS = rows("voters", "submissions", Submission)


# --- Writing ----------------------------------------------------------------------------------------------


def opinion_key(prefix: str, n: int) -> str:
    return f"{prefix}-{n:02d}"


def external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}yk-{key}"


def petition_external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}kn-{key}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# An answer that names its author is published as it is; any other is introduced by the agency's name.
NAMED = ("UBND ",)


def public_answer(spec: Kn) -> str:
    """What voters are told by default: the agency's answer (its account, not its explanation)."""
    text = spec.answer[1] if spec.answer[0] == "cannot" else spec.answer[-1]
    named = text.startswith((spec.agency, *NAMED))
    return text if named else f"{spec.agency} trả lời: {_lower_first(text)}"


# The former district each commune or ward of the merged province was formed on (term X groups cover those).
DISTRICT_OF = district_of()
