"""The demo scenario files (``demo/data/*.json``) read into the seeders' dataclasses."""

import dataclasses
import datetime as dt
import json

import pytest

from demo import documents, followups, notifications, oversight, sessions, slips, voters
from demo.loader import DATA, build, rows


@dataclasses.dataclass(frozen=True)
class Leaf:
    text: str
    due: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class Tree:
    key: str
    leaves: tuple[Leaf, ...] = ()
    steps: tuple[tuple, ...] = ()
    on: dt.date | int = 0


def test_rows_become_dataclasses_with_tuples_and_dates():
    tree = build(
        Tree,
        {
            "key": "a",
            "leaves": [{"text": "Trả lời", "due": "2026-03-31"}],
            "steps": [["verify", "done", "Đã kiểm tra"]],
            "on": "2025-07-01",
        },
    )
    assert tree == Tree(
        "a",
        (Leaf("Trả lời", dt.date(2026, 3, 31)),),
        (("verify", "done", "Đã kiểm tra"),),
        dt.date(2025, 7, 1),
    )
    assert build(Tree, {"key": "b", "on": 12}).on == 12


def test_an_unknown_field_is_an_error_not_a_silent_loss():
    with pytest.raises(ValueError, match="unknown fields"):
        build(Leaf, {"text": "x", "deadline": "2026-01-01"})


@pytest.mark.parametrize(
    ("subject", "table", "cls"),
    [
        ("voters", "petitions", voters.Kn),
        ("voters", "meetings", voters.DemoMeeting),
        ("followups", "followups", followups.DemoFollowUp),
        ("oversight", "activities", oversight.DemoActivity),
        ("sessions", "sessions", sessions.DemoSession),
        ("slips", "slips", slips.DemoSlip),
        ("sessions", "documents", documents.DemoDocument),
        ("notifications", "notices", notifications.DemoNotice),
        ("notifications", "read_all_but", notifications.DemoReading),
    ],
)
def test_every_scenario_file_reads_whole_and_in_vietnamese(subject, table, cls):
    loaded = rows(subject, table, cls)
    raw = json.loads((DATA / f"{subject}.json").read_text(encoding="utf-8"))[table]
    assert len(loaded) == len(raw) > 0
    assert all(isinstance(row, cls) for row in loaded)
    assert any(ch in (DATA / f"{subject}.json").read_text(encoding="utf-8") for ch in "ăâđêôơư")
