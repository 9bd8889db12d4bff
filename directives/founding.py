"""The founding conclusion (Kết luận của Đảng đoàn HĐND tỉnh, 03/02/2023), read from its text into items:
every objective of section I and every solution of section II."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

TEXT = Path(__file__).parent / "data" / "ket-luan-dang-doan-2023.txt"
ISSUER = "Đảng đoàn HĐND tỉnh"
SUBJECT = (
    "Kết luận về chủ trương tiếp tục tăng cường đổi mới, cải tiến trong hoạt động "
    "Hội đồng nhân dân Tỉnh năm 2023 và những năm tiếp theo"
)
ISSUED_ON = dt.date(2023, 2, 3)
NUMBERED = re.compile(r"^(\d+)-\s*(.+)$")


@dataclass(frozen=True)
class Item:
    section: str
    section_title: str
    text: str


def founding_items(text: str | None = None) -> list[Item]:
    """Section I's numbered objectives, and section II's solutions: each "- " line under a numbered
    heading, or the heading's own text when it has no lines (II.5's paragraph, II.6, II.7)."""
    text = text if text is not None else TEXT.read_text(encoding="utf-8")
    part = None
    items: list[Item] = []
    heading = None  # (number, title, items so far) of the current section II heading
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith("I. "):
            part = "I"
            continue
        if line.startswith("II. "):
            part = "II"
            continue
        if line.startswith("Giao Thường trực"):
            break
        match = NUMBERED.match(line)
        if part == "I" and match:
            items.append(Item(f"I.{match.group(1)}", "Mục tiêu, nhiệm vụ trọng tâm", match.group(2)))
        elif part == "II" and match:
            _close(heading, items)
            heading = [match.group(1), match.group(2).rstrip("."), 0]
        elif part == "II" and heading is not None and line.startswith("- "):
            items.append(Item(f"II.{heading[0]}", heading[1], line[2:].strip()))
            heading[2] += 1
        elif part == "II" and heading is not None and heading[2] == 0 and not line.startswith("-"):
            # A heading followed by a paragraph rather than lines: the paragraph is the solution.
            items.append(Item(f"II.{heading[0]}", heading[1], line))
            heading[2] += 1
    _close(heading, items)
    return items


def _close(heading, items: list[Item]) -> None:
    """A heading that had no lines under it is itself the solution (e.g. "7- Bảo vệ chính trị nội bộ")."""
    if heading is not None and heading[2] == 0:
        items.append(Item(f"II.{heading[0]}", heading[1], heading[1]))
