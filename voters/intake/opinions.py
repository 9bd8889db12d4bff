"""A voter meeting's opinions from the minutes' table: STT, opinion, voter, address, commune, field, voters.

The header is found wherever it is (title lines above it are skipped) and its names are matched without
accents, case or punctuation, with the variants secretaries write. Every row is checked before anything is
written; the import writes all rows or none, through ``services.opinion_add`` (the meeting's date, and its
commune unless the row names one). Each row carries a fingerprint in ``external_id`` (the meeting, the
opinion, the voter and how many times the same row came before it in the file), so importing the same file
again writes nothing; an opinion already typed at the meeting (same text and voter) is skipped too.

Voters' names and addresses are personal data: they are written to the opinions but never copied into the
preview, the job's row, a row error or a log line (the preview only says whether a row names a voter).
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from council.models import Field
from council.text import fold
from council.xlsx import Column, table_xlsx

from .. import services
from ..models import Channel, VoterMeeting, VoterOpinion
from . import messages
from .cells import Lookup, header_key, parse_count, read_rows, text
from .messages import Message
from .units import UnitResolver

MAX_ERRORS = 50
PREVIEW_ROWS = 200
EXCERPT = 160
PROGRESS_EVERY = 100
HEADER_SCAN = 15  # the header is looked for in this many first rows (title lines come above it)
NEW, SKIPPED = "new", "skipped"

# (key, template header, other ways the header is written, folded as cells.header_key folds them). The headers
# are msgids (translated where shown) so that a stored message can name its column in the reader's language.
COLUMNS = [
    ("number", gettext_noop("No."), {"stt", "tt", "so tt", "so thu tu", "thu tu"}),
    (
        "text",
        gettext_noop("Opinion or petition"),
        {
            "noi dung y kien kien nghi",
            "noi dung y kien",
            "noi dung kien nghi",
            "noi dung",
            "y kien kien nghi",
            "y kien",
            "kien nghi",
            "y kien cu tri",
            "y kien cua cu tri",
            "noi dung phan anh",
        },
    ),
    (
        "voter_name",
        gettext_noop("Voter's full name"),
        {
            "cu tri",
            "ho ten cu tri",
            "ho va ten cu tri",
            "ho ten",
            "ho va ten",
            "ten cu tri",
            "nguoi phat bieu",
        },
    ),
    (
        "voter_address",
        gettext_noop("Address"),
        {"dia chi", "dia chi cu tri", "noi o", "noi cu tru", "cu tru"},
    ),
    (
        "admin_unit",
        gettext_noop("Commune or ward"),
        {"xa phuong", "xa phuong thi tran", "xa phuong dac khu", "don vi hanh chinh", "dia ban", "xa"},
    ),
    ("field", gettext_noop("Field"), {"linh vuc", "nhom linh vuc", "linh vuc kien nghi"}),
    (
        "voters_count",
        gettext_noop("Number of voters"),
        {"so cu tri", "so luong cu tri", "so cu tri kien nghi", "so cu tri co y kien", "so nguoi"},
    ),
    (
        "spot_answer",
        gettext_noop("Answered on the spot"),
        {
            "tra loi tai cho",
            "giai trinh tai cho",
            "y kien tra loi",
            "tra loi",
            "giai trinh",
            "noi dung tra loi",
        },
    ),
]
LIMITS = {"text": 5000, "voter_name": 200, "voter_address": 300, "spot_answer": 5000}
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")  # "(1) (2) (3)" under the header
_SECTION = re.compile(r"^(?:[IVXL]+|[A-Z])[.)]?$")  # "I.", "II", "A": a heading row such as "I. Đất đai"


def _variants() -> dict[str, str]:
    """Header → key, with the template's headers in both languages and the usual variants."""
    known = {}
    for key, header, variants in COLUMNS:
        for name in variants:
            known[name] = key
        for language in ("vi", "en"):
            with translation.override(language):
                known.setdefault(header_key(_(header)), key)
    return known


def _header_map(values: list, known: dict[str, str]) -> dict[str, int]:
    """Key → column index for one row; a header longer than a variant ("Nội dung ý kiến của cử tri") is
    matched by the longest variant it starts with."""
    found = {}
    ordered = sorted(known, key=len, reverse=True)
    for index, value in enumerate(values):
        name = header_key(value)
        if not name:
            continue
        key = known.get(name) or next(
            (known[v] for v in ordered if len(v) > 2 and name.startswith(v + " ")), None
        )
        if key and key not in found:
            found[key] = index
    return found


def find_header(rows: list[tuple[int, list]]) -> tuple[int, dict[str, int]]:
    """The position of the header among the rows and its columns; ValidationError if there is none."""
    known = _variants()
    for position, (_number, values) in enumerate(rows[:HEADER_SCAN]):
        columns = _header_map(values, known)
        if "text" in columns and len(columns) >= 2:
            return position, columns
    raise ValidationError(
        Message(
            gettext_noop(
                "No table header was found in the first %(rows)s rows: the table needs a column “%(column)s” "
                "and at least one other (STT, voter, commune…). Download the template to see the layout."
            ),
            rows=HEADER_SCAN,
            column=Message(COLUMNS[1][1]),
        )
    )


def unread_columns(values: list, columns: dict[str, int]) -> list[str]:
    """The headers of the columns the import does not read ("Ngày", "Ghi chú"), as written in the file."""
    read = set(columns.values())
    return [text(v) for index, v in enumerate(values) if index not in read and text(v)]


@dataclass
class OpinionRow:
    """What importing one row will do."""

    number: int
    action: str  # NEW or SKIPPED
    values: dict
    external_id: str
    notes: list[str] = field(default_factory=list)


@dataclass
class OpinionPlan:
    meeting: VoterMeeting
    rows: list[OpinionRow]
    headings: int = 0  # heading and column-number rows inside the table, skipped
    unread: list[str] = field(default_factory=list)  # headers of the file's columns that are not read

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.action == NEW)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if r.action == SKIPPED)

    def digest(self) -> str:
        """A fingerprint of what the import will write, to see at confirmation that nothing moved since."""
        basis = repr([(self.meeting.pk, r.number, r.action, r.external_id) for r in self.rows])
        return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _text_key(value: str) -> str:
    return " ".join(fold(value).split())


def fingerprint(meeting: VoterMeeting, values: dict, occurrence: int) -> str:
    """The row's identity at this meeting: the same row of the same file gives the same id every time."""
    basis = "|".join(
        [str(meeting.pk), _text_key(values["text"]), _text_key(values["voter_name"])]
        + [_text_key(values["voter_address"]), str(occurrence)]
    )
    return "xlsx:" + hashlib.sha256(basis.encode()).hexdigest()[:40]


def _label(key: str) -> Message:
    return Message(next(header for k, header, _v in COLUMNS if k == key))


def _in_column(key: str, message) -> Message:
    return messages.in_column(_label(key), message)


def _skip(values: list, columns: dict[str, int], *, first: bool) -> bool:
    """The row of column numbers right under the header, or a heading such as "II | Lĩnh vực giao thông"."""
    cells = [text(v) for v in values if text(v)]
    if first and cells and all(_COLUMN_NUMBER.match(c) for c in cells):
        return True
    number = (
        text(values[columns["number"]]) if "number" in columns and columns["number"] < len(values) else ""
    )
    if _SECTION.match(number):
        others = [k for k in ("voter_name", "voter_address", "voters_count") if k in columns]
        return all(not text(values[columns[k]]) for k in others if columns[k] < len(values))
    return False


def _parse_row(values: list, columns: dict[str, int], *, units, fields, meeting) -> tuple[dict, list, list]:
    """(values, notes, problems) of one data row; a problem names its column, never a personal value."""
    cell = {key: (values[i] if i < len(values) else None) for key, i in columns.items()}
    row = {key: text(cell.get(key)) for key in ("text", "voter_name", "voter_address", "spot_answer")}
    notes, problems = [], []
    if not row["text"]:
        problems.append(Message(gettext_noop("column “%(label)s” is empty."), label=_label("text")))
    for key, limit in LIMITS.items():
        if len(row[key]) > limit:
            problems.append(
                Message(
                    gettext_noop(
                        "column “%(label)s”: %(count)s characters, more than the %(limit)s allowed."
                    ),
                    label=_label(key),
                    count=len(row[key]),
                    limit=limit,
                )
            )
    place = text(cell.get("admin_unit"))
    row["admin_unit"] = None
    if place:
        try:
            reading = units.read(place, on=meeting.date)
        except ValueError as error:
            problems.append(_in_column("admin_unit", error))
        else:
            row["admin_unit"] = reading.unit
            notes += reading.notes
    elif row["voter_address"]:
        # No commune column (or an empty one): the address may name the voter's commune ("Ấp 3, xã …").
        row["admin_unit"] = units.from_address(row["voter_address"], on=meeting.date)
    count = text(cell.get("voters_count"))
    row["voters_count"] = 1
    if count:
        try:
            row["voters_count"] = parse_count(count)
        except ValueError as error:
            problems.append(_in_column("voters_count", error))
    named_field = text(cell.get("field"))
    row["field"] = None
    if named_field:
        try:
            row["field"] = fields.get(named_field)
        except ValueError as error:
            # The field helps classify the petition later; one the council lacks is a note, not an error.
            notes.append(Message(gettext_noop("The field is not used: %(message)s"), message=error))
    return row, notes, problems


def plan_import(upload, *, meeting: VoterMeeting, progress=lambda percent, step: None) -> OpinionPlan:
    """Check the whole file and work out what importing it into the meeting would do; write nothing.

    Raises ValidationError listing every problem with its row number."""
    progress(0, _("Opening the workbook"))
    rows = read_rows(upload)
    if not rows or all(not any(text(v) for v in values) for _n, values in rows):
        raise ValidationError(Message(gettext_noop("The file is empty.")))
    position, columns = find_header(rows)
    data = rows[position + 1 :]
    progress(10, _("Reading the rows"))
    units = UnitResolver(meeting.council)
    fields = Lookup(Field.objects.filter(council=meeting.council))
    existing = VoterOpinion.objects.filter(meeting=meeting).values_list("external_id", "text", "voter_name")
    known_ids, typed = set(), set()
    for external_id, opinion_text, voter in existing:
        if external_id:
            known_ids.add(external_id)
        typed.add((_text_key(opinion_text), _text_key(voter)))
    planned, errors, occurrences, first_row, headings = [], [], {}, {}, 0
    for index, (number, values) in enumerate(data):
        if index and index % PROGRESS_EVERY == 0:
            progress(
                10 + index * 90 // len(data),
                _("Reading row %(row)s of %(total)s") % {"row": index, "total": len(data)},
            )
        if _skip(values, columns, first=index == 0):
            headings += 1
            continue
        row, notes, problems = _parse_row(values, columns, units=units, fields=fields, meeting=meeting)
        errors += [messages.in_row(number, p) for p in problems]
        if len(errors) >= MAX_ERRORS:
            errors = [*errors[:MAX_ERRORS], Message(gettext_noop("… and maybe more: correct these first."))]
            break
        if problems:
            continue
        same = (_text_key(row["text"]), _text_key(row["voter_name"]), _text_key(row["voter_address"]))
        occurrences[same] = occurrences.get(same, 0) + 1
        if occurrences[same] > 1:
            notes.append(
                Message(gettext_noop("The same opinion and voter as row %(row)s."), row=first_row[same])
            )
        first_row.setdefault(same, number)
        external_id = fingerprint(meeting, row, occurrences[same])
        action = NEW
        if external_id in known_ids:
            action = SKIPPED
            notes.append(Message(gettext_noop("Already imported from this file: skipped.")))
        elif occurrences[same] == 1 and same[:2] in typed:
            action = SKIPPED
            notes.append(
                Message(gettext_noop("The meeting already has this opinion from this voter: skipped."))
            )
        planned.append(OpinionRow(number, action, row, external_id, notes))
    if errors:
        raise ValidationError(errors)
    if not planned:
        raise ValidationError(Message(gettext_noop("The table has no opinions under its header.")))
    return OpinionPlan(meeting, planned, headings, unread_columns(rows[position][1], columns))


@transaction.atomic
def apply_import(plan: OpinionPlan, *, actor, progress=lambda percent, step: None) -> list[int]:
    """Write a checked plan's new rows into the meeting, all or none; the ids of the opinions written."""
    meeting, written = plan.meeting, []
    to_write = [r for r in plan.rows if r.action == NEW]
    for index, item in enumerate(to_write):
        if index and index % PROGRESS_EVERY == 0:
            progress(
                index * 100 // len(to_write),
                _("Writing row %(row)s of %(total)s") % {"row": index, "total": len(to_write)},
            )
        values = item.values
        try:
            opinion = services.opinion_add(
                actor=actor,
                council=meeting.council,
                channel=Channel.MEETING,
                meeting=meeting,
                text=values["text"],
                voter_name=values["voter_name"],
                voter_address=values["voter_address"],
                admin_unit=values["admin_unit"],
                voters_count=values["voters_count"],
                field=values["field"],
                spot_answer=values["spot_answer"],
                external_id=item.external_id,
            )
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(problem)s") % {"row": item.number, "problem": " ".join(error.messages)}
            ) from error
        written.append(opinion.pk)
    return written


def preview(plan: OpinionPlan) -> dict:
    """What the job page shows of a plan (JSON, stored on the job): counts, digest, the first rows.

    No voter's name or address: only whether the row names a voter."""
    rows = []
    for item in plan.rows[:PREVIEW_ROWS]:
        values = item.values
        opinion = values["text"]
        rows.append(
            {
                "number": item.number,
                "action": item.action,
                "text": opinion if len(opinion) <= EXCERPT else opinion[:EXCERPT] + "…",
                "commune": values["admin_unit"].name if values["admin_unit"] else "",
                "field": values["field"].name if values["field"] else "",
                "voters_count": values["voters_count"],
                "has_voter": bool(values["voter_name"] or values["voter_address"]),
                "answered": bool(values["spot_answer"]),
                "notes": [messages.dump(n) for n in item.notes],
            }
        )
    return {
        "created": plan.created,
        "skipped": plan.skipped,
        "headings": plan.headings,
        "unread": plan.unread,
        "digest": plan.digest(),
        "rows": rows,
        "listed_of": len(plan.rows),
        "errors": [],
    }


def template_xlsx(meeting: VoterMeeting) -> bytes:
    """An empty minutes table for the meeting: a title line, then the header the import reads."""
    widths = [6, 60, 24, 30, 22, 20, 10, 40]
    columns = [
        Column(_(header), width) for (_key, header, _variants), width in zip(COLUMNS, widths, strict=True)
    ]
    title = _("Voters' opinions and petitions") + " — " + str(meeting)
    return table_xlsx(sheet=_("Opinions"), columns=columns, rows=(), title=[title, []], autofilter=False)


def meeting_of(job) -> VoterMeeting:
    """The meeting a job imports into; ValidationError if it is gone."""
    meeting = (
        VoterMeeting.objects.select_related("council", "place")
        .filter(council=job.council, pk=(job.params or {}).get("meeting"))
        .first()
    )
    if meeting is None:
        raise ValidationError(Message(gettext_noop("The meeting of this import no longer exists.")))
    return meeting
