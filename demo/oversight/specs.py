"""The shapes of the demo's oversight scenario (``demo/data/oversight.json``) and the names it signs with."""

import datetime as dt
from dataclasses import dataclass

from demo.loader import rows
from demo.names import (
    BHXH,
    BQL_KCN,
    BQLDA,
    DAN_TOC,
    NN_MT,
    NOI_VU,
    TAI_CHINH,
    THANH_TRA,
    TU_PHAP,
    UBND_TINH,
    XAY_DUNG,
    Y_TE,
)
from oversight.models import (
    DelegationMember,
    OversightActivity,
)

D = dt.date
DAY = dt.timedelta(days=1)
When = dt.date | int  # a fixed date, or a number of days from the day of the run

Kind = OversightActivity.Kind
Lead = OversightActivity.LeadBody
State = OversightActivity.State
Role = DelegationMember.Role


# Agencies, by their name in ``demo.council``.
KH_CN = "Sở Khoa học và Công nghệ"
THUE = "Thuế tỉnh Đồng Tháp"
TOA_AN = "Tòa án nhân dân tỉnh"
VIEN_KS = "Viện kiểm sát nhân dân tỉnh"


# The part of a report's symbol that names the agency that signed it ("235/BC-SYT").
AGENCY_SIGN = {
    UBND_TINH: "UBND",
    TAI_CHINH: "STC",
    XAY_DUNG: "SXD",
    NN_MT: "SNNMT",
    Y_TE: "SYT",
    NOI_VU: "SNV",
    KH_CN: "SKHCN",
    TU_PHAP: "STP",
    DAN_TOC: "SDTTG",
    THANH_TRA: "TTr",
    BHXH: "BHXH",
    THUE: "THUE",
    BQL_KCN: "BQLKCN",
    BQLDA: "BQLDA",
    TOA_AN: "TA",
    VIEN_KS: "VKS",
}
# The part of a delegation's own documents' symbol, by lead body or committee ("12/KH-BKTNS").
BODY_SIGN = {
    Lead.COUNCIL: "ĐGS",
    Lead.STANDING: "TTHĐND",
    Lead.GROUP: "TĐB",
    "legal": "BPC",
    "economy_budget": "BKTNS",
    "culture_society": "BVHXH",
    "ethnic": "BDT",
}
SECRETARIES = (
    "Nguyễn Thị Ngọc Hân, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Lê Minh Trí, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Võ Thị Kim Ngân, chuyên viên Phòng Tổng hợp, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Phạm Quốc Huy, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
)
FRONT_MEMBER = "Đại diện Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"


# --- What is seeded ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    year: int
    title: str
    resolution: str


PROGRAMS = rows("oversight", "programs", Program)


@dataclass(frozen=True)
class Survey:
    day: When
    place: str  # a commune or ward in force, by its name
    place_detail: str
    agencies: tuple[str, ...]
    participants: str
    findings: str


@dataclass(frozen=True)
class Rec:
    """A recommendation and what happens to its follow-up after it is opened.

    ``due`` None: the rule "oversight-recommendation-answer" (30 days) gives the due date. ``steps`` are
    taken in order: ("progress", %, text), ("done", text), ("cannot", text, explanation),
    ("verify", outcome, text[, close]).
    """

    agency: str
    text: str
    conclusion: str
    assigned: When
    due: When | None = None
    leadership: bool = False
    steps: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class DemoActivity:
    """An activity of the programme of ``year``, taken as far as ``state``.

    ``committee`` is a committee kind, ``group`` a delegate group number in the term in office on the
    decision date. A re-oversight names its ``parent`` by title and, in ``assessed``, whether each carried
    recommendation (by the start of its text) was fulfilled since. ``via_resolution``: after reporting, the
    council adopted a resolution on it before it was monitored or closed.
    """

    year: int
    kind: str
    title: str
    lead: str
    start: When
    end: When
    state: str
    scope: str
    agencies: tuple[str, ...] = ()
    committee: str = ""
    group: int = 0
    head: str = ""  # "vice_chair": a vice-chair heads a council or Standing Committee delegation
    decision: str = ""
    decided: When | None = None
    reported: When | None = None
    reports: tuple[str, ...] = ()
    surveys: tuple[Survey, ...] = ()
    recommendations: tuple[Rec, ...] = ()
    resolutions: tuple[str, ...] = ()
    parent: str = ""
    assessed: tuple[tuple[str, bool], ...] = ()
    via_resolution: bool = False
    demo_delegate: bool = False


ACTIVITIES = rows("oversight", "activities", DemoActivity)


@dataclass(frozen=True)
class Conclusion:
    agency: str
    text: str
    due: When
    steps: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class DemoAccountability:
    """An explanation session or hearing; ``escalated_from`` names (activity title, agency) of the
    recommendation whose follow-up it was scheduled from."""

    kind: str
    topic: str
    body: str
    day: When
    agencies: tuple[str, ...]
    summoned: str
    participants: str
    conclusions: tuple[Conclusion, ...]
    committee: str = ""
    escalated_from: tuple[str, str] | None = None


ACCOUNTABILITY = rows("oversight", "accountability", DemoAccountability)


# --- Writing ----------------------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
