"""Excel export and import of voter petitions, with one template: the columns the export writes are the
columns the import reads, so an exported list can be edited and imported back.

The import checks the whole file before writing anything: the header, then every row (dates, channel,
commune, field, agency, numbers). Any error and nothing is written; the errors name the row and the column
in the user's language. Each row is identified by its tracking code, or its external id, or — for a row
that has neither — a fingerprint of its content, so importing the same file again changes nothing.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from openpyxl.utils import get_column_letter

from council.models import Agency, Committee, Field
from council.text import fold, normalize
from council.xlsx import Column, table_xlsx

from .. import services
from ..models import Channel, Competence, Petition, channel_label
from ..selectors import channel_names
from .cells import Lookup, check_date, parse_date, read_rows
from .cells import text as _text
from .messages import Message, in_column, in_row
from .units import UnitResolver

MAX_ERRORS = 50
EXCERPT = 160  # characters of a changed text shown in a preview
PREVIEW_ROWS = 500  # rows listed in a preview; the counts always cover the whole file

# (key, header): the header is what the Office sees in the file, in the active language.
COLUMNS = [
    ("code", gettext_lazy("Tracking code")),
    ("external_id", gettext_lazy("External id")),
    ("received_on", gettext_lazy("Received on (dd/mm/yyyy)")),
    ("channel", gettext_lazy("Channel")),
    ("title", gettext_lazy("Subject")),
    ("text", gettext_lazy("Petition")),
    ("admin_unit", gettext_lazy("Commune or ward")),
    ("field", gettext_lazy("Field")),
    ("competence", gettext_lazy("Level of competence")),
    ("agency", gettext_lazy("Responsible agency")),
    ("committee", gettext_lazy("Lead committee")),
    ("voters_count", gettext_lazy("Number of voters")),
    ("state", gettext_lazy("State")),
]
REQUIRED = {"received_on", "title", "text"}


def petitions_xlsx(petitions, *, council) -> bytes:
    """The petitions in the layout the import reads back (``COLUMNS``)."""
    widths = [14, 14, 14, 16, 40, 60, 22, 20, 16, 30, 26, 10, 20]
    columns = [
        Column(str(header), width, wrap=key in ("title", "text"))
        for (key, header), width in zip(COLUMNS, widths, strict=True)
    ]
    names = channel_names(council)  # the council's channels, named once for every row
    return table_xlsx(sheet=_("Petitions"), columns=columns, rows=(_export_row(p, names) for p in petitions))


def _export_row(p: Petition, names: dict[str, str]) -> list:
    channels = sorted({names.get(o.channel) or channel_label(o.channel) for o in p.opinions.all()})
    return [
        p.code,
        p.external_id,
        p.received_on,
        channels[0] if channels else "",
        p.title,
        p.text,
        p.admin_unit.name if p.admin_unit_id else "",
        p.field.name if p.field_id else "",
        p.get_competence_display() if p.competence else "",
        p.agency.name if p.agency_id else "",
        p.committee.name if p.committee_id else "",
        p.voters_count,
        p.get_state_display(),
    ]


@dataclass
class ImportResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    written: list[tuple[int, str, str]] = field(default_factory=list)  # (petition pk, code, NEW or CHANGED)


def _no_progress(percent: int, step: str) -> None:
    """The default progress callback: nobody is watching."""


# A long import reports its progress every this many rows (a job's progress bar and heartbeat).
PROGRESS_EVERY = 100


def _choice(choices, value: str) -> str:
    wanted = fold(value)
    for key, name in choices:
        if wanted in (fold(key), fold(str(name))):
            return key
    raise ValueError(Message(gettext_noop("“%(value)s” is not known."), value=value))


def _fingerprint(row: dict) -> str:
    basis = "|".join(fold(str(row.get(k) or "")) for k in ("received_on", "title", "text", "admin_unit"))
    return "sha1:" + hashlib.sha1(basis.encode()).hexdigest()[:32]


# The Office may change these by import, through the petition update service (as on the edit page).
EDITABLE = ("title", "text", "received_on", "admin_unit", "field")
# These change the classification, through the classify service and only while it is allowed.
CLASSIFICATION = ("competence", "agency", "committee")


def text_limits() -> dict[str, int]:
    """The longest subject and petition text accepted: what the public form allows."""
    from ..forms import PublicPetitionForm

    return {key: PublicPetitionForm.base_fields[key].max_length for key in ("title", "text")}


@dataclass
class PlannedRow:
    """What importing one row will do."""

    number: int
    action: str  # NEW, CHANGED or UNCHANGED
    row: dict
    petition: Petition | None = None
    updates: dict = field(default_factory=dict)  # editable fields to write
    classify: bool = False  # whether the classification columns are applied
    diffs: list[tuple[str, str, str]] = field(default_factory=list)  # (column, before, after)
    notes: list[str] = field(default_factory=list)  # what in the row is not applied, and why


NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass
class ImportPlan:
    rows: list[PlannedRow]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count(NEW)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def shown(self) -> list[PlannedRow]:
        """The rows a preview lists: new and changed ones, and unchanged ones with a note."""
        return [r for r in self.rows if r.action != UNCHANGED or r.notes]

    def digest(self) -> str:
        """A fingerprint of what the import will write, to see at confirmation that nothing moved since."""
        basis = repr(
            [
                (r.number, r.action, r.petition.pk if r.petition else None, r.classify, r.diffs)
                for r in self.rows
            ]
        )
        return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(getattr(value, "name", value))


def _excerpts(before, after) -> tuple[str, str]:
    """Both values for a preview; of two long texts, the part where they start to differ."""
    before, after = _display(before), _display(after)
    if len(before) <= EXCERPT and len(after) <= EXCERPT:
        return before, after
    same = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
    if same is None:
        same = min(len(before), len(after))
    start = max(0, same - 40)
    if start == 0:
        return before, after
    return "…" + before[start:], "…" + after[start:]


def _text_key(text: str) -> str:
    """Two texts are the same petition if they differ only in case, blanks and Unicode form."""
    return " ".join(normalize(text).casefold().split())


def _same_text(a: str, b: str) -> bool:
    return a.split() == b.split()


def _check_header(header: list[str]) -> None:
    expected = [str(h) for _k, h in COLUMNS]
    for index, name in enumerate(expected):
        got = header[index] if index < len(header) else ""
        if fold(got) != fold(name):
            raise ValidationError(
                Message(
                    gettext_noop(
                        "Column %(column)s should be “%(expected)s” but is “%(got)s”. "
                        "Use the template: export a list to get it."
                    ),
                    column=get_column_letter(index + 1),
                    expected=COLUMNS[index][1],
                    got=got,
                )
            )


def _parse(rows, *, council, progress=_no_progress) -> tuple[list[tuple[int, dict]], list[str]]:
    """Read every data row into values; return the rows and the errors (each naming its row).

    ``progress(percent, step)`` is called every PROGRESS_EVERY rows with 0–100 of this stage."""
    units = UnitResolver(council)
    fields = Lookup(Field.objects.filter(council=council))
    agencies = Lookup(Agency.objects.filter(council=council))
    committees = Lookup(Committee.objects.filter(council=council))
    # The council's channels by code or name (the Office's own too); one switched off is refused when written.
    channels = list(channel_names(council).items())
    today = timezone.localdate()
    limits = text_limits()
    parsed, errors = [], []
    for index, (number, values) in enumerate(rows):
        if index and index % PROGRESS_EVERY == 0:
            progress(
                index * 100 // len(rows),
                _("Reading row %(row)s of %(total)s") % {"row": index, "total": len(rows)},
            )
        raw = {key: values[i] if i < len(values) else None for i, (key, _h) in enumerate(COLUMNS)}
        row, problems = {}, []
        for key, label in COLUMNS:
            text = _text(raw[key])
            if key in REQUIRED and not text:
                problems.append(Message(gettext_noop("column “%(label)s” is empty."), label=label))
                continue
            try:
                if key == "received_on":
                    row[key] = check_date(parse_date(raw[key]), today=today)
                elif key == "code":
                    row[key] = text.upper().replace(" ", "")
                elif key == "channel":
                    row[key] = _choice(channels, text) if text else Channel.MEETING
                elif key == "competence":
                    row[key] = _choice(Competence.choices, text) if text else ""
                elif key == "admin_unit":
                    # The date column comes before the commune: a name two units had is read as on that day.
                    row[key] = units.resolve(text, on=row.get("received_on")) if text else None
                elif key == "field":
                    row[key] = fields.get(text) if text else None
                elif key == "agency":
                    row[key] = agencies.get(text) if text else None
                elif key == "committee":
                    row[key] = committees.get(text) if text else None
                elif key == "voters_count":
                    if text and not (text.isdecimal() and 1 <= int(text) <= 1_000_000):
                        raise ValueError(
                            Message(gettext_noop("“%(value)s” is not a number of voters."), value=text)
                        )
                    row[key] = int(text) if text else None
                else:
                    row[key] = text
                    # A row with a code is checked once matched: an unchanged old text is not refused.
                    if key in limits and len(text) > limits[key] and not _text(raw["code"]):
                        raise ValueError(
                            Message(
                                gettext_noop("%(count)s characters, more than the %(limit)s allowed."),
                                count=len(text),
                                limit=limits[key],
                            )
                        )
            except (ValueError, TypeError) as error:
                problems.append(in_column(label, error.args[0] if error.args else str(error)))
        for problem in problems:
            errors.append(in_row(number, problem))
        if not problems:
            parsed.append((number, row))
        if len(errors) >= MAX_ERRORS:
            break
    return parsed, errors


class _Petitions:
    """The council's petitions, found by tracking code, external id or text."""

    def __init__(self, council, parsed):
        qs = Petition.objects.filter(council=council).select_related(
            "admin_unit", "field", "agency", "committee", "merged_into"
        )
        codes = {row["code"] for _n, row in parsed if row["code"]}
        externals = {row["external_id"] or _fingerprint(row) for _n, row in parsed}
        self.by_code = {p.code.upper(): p for p in qs.filter(code__in=codes)} if codes else {}
        self.by_external = {p.external_id: p for p in qs.filter(external_id__in=externals)}
        self._qs = qs
        self._by_text = None
        self._by_subject = None

    def _read(self) -> None:
        # Read once, only if some row has neither a code nor a known id.
        self._by_text, self._by_subject = {}, {}
        for petition in self._qs.exclude(state=Petition.State.MERGED):
            self._by_text.setdefault(_text_key(petition.text), []).append(petition)
            subject = (_text_key(petition.title), petition.received_on, petition.admin_unit_id)
            self._by_subject.setdefault(subject, []).append(petition)

    def by_text(self, text: str) -> list[Petition]:
        if self._by_text is None:
            self._read()
        return self._by_text.get(_text_key(text), [])

    def by_subject(self, row: dict) -> list[Petition]:
        """Petitions with the row's subject, date and commune: the same petition, its text edited."""
        if self._by_subject is None:
            self._read()
        unit = row["admin_unit"].pk if row["admin_unit"] else None
        return self._by_subject.get((_text_key(row["title"]), row["received_on"], unit), [])


def _match(row: dict, petitions: _Petitions) -> Petition | None:
    """The petition a row stands for, or None for a new one; ValueError if it cannot be told."""
    if row["code"]:
        petition = petitions.by_code.get(row["code"])
        if petition is None:
            raise ValueError(
                Message(
                    gettext_noop("the tracking code %(code)s is not one of this council's petitions."),
                    code=row["code"],
                )
            )
        return petition
    key = row["external_id"] or _fingerprint(row)
    if key in petitions.by_external:
        return petitions.by_external[key]
    # An exported row whose code was deleted, or a row typed again: the same text is the same petition;
    # so is one with the same subject, date and commune whose text was edited as well.
    for same, message in (
        (
            petitions.by_text(row["text"]),
            gettext_noop(
                "the petition's text matches several petitions (%(codes)s): give the tracking code."
            ),
        ),
        (
            petitions.by_subject(row),
            gettext_noop(
                "the subject, date and commune match several petitions (%(codes)s): give the tracking code."
            ),
        ),
    ):
        if len(same) > 1:
            raise ValueError(Message(message, codes=", ".join(p.code for p in same[:5])))
        if same:
            return same[0]
    return None


def _plan_row(number: int, row: dict, petition: Petition | None, limits: dict[str, int]) -> PlannedRow:
    labels = dict(COLUMNS)
    if petition is None:
        plan = PlannedRow(number, NEW, row)
        changed_keys = ("title", "text")
    else:
        plan = PlannedRow(number, UNCHANGED, row, petition)
        changed_keys = []
        if petition.state == Petition.State.MERGED:
            plan.notes.append(
                Message(
                    gettext_noop("Petition %(code)s was merged into %(target)s; it is not changed."),
                    code=petition.code,
                    target=petition.merged_into.code if petition.merged_into else "—",
                )
            )
            return plan
        for key in EDITABLE:
            before, after = getattr(petition, key), row[key]
            if key in ("title", "text"):
                before = normalize(before or "")
                if _same_text(before, after):  # Excel may change line breaks; blanks alone are no edit
                    continue
            if before != after:
                plan.updates[key] = after
                plan.diffs.append((str(labels[key]), *_excerpts(before, after)))
                changed_keys.append(key)
        wanted = {key: row[key] for key in CLASSIFICATION}
        current = {key: getattr(petition, key) for key in CLASSIFICATION}
        if wanted != current and (row["competence"] or row["agency"] or row["committee"]):
            allowed = petition.state in (Petition.State.RECORDED, Petition.State.CLASSIFIED)
            complete = row["competence"] and (row["agency"] or row["competence"] == Competence.CENTRAL)
            if allowed and complete:
                plan.classify = True
                for key in CLASSIFICATION:
                    if wanted[key] != current[key]:
                        before, after = current[key], wanted[key]
                        if key == "competence":
                            before = petition.get_competence_display() if before else ""
                            after = dict(Competence.choices).get(after, "")
                        plan.diffs.append((str(labels[key]), _display(before), _display(after)))
            elif not allowed:
                plan.notes.append(
                    Message(
                        gettext_noop(
                            "The classification columns differ but the petition is already %(state)s: "
                            "change them on the petition's page."
                        ),
                        state=petition.get_state_display().lower(),
                    )
                )
            else:
                plan.notes.append(
                    Message(
                        gettext_noop(
                            "The classification is incomplete (level of competence and agency): "
                            "it is not changed."
                        )
                    )
                )
        if row["voters_count"] not in (None, petition.voters_count):
            plan.notes.append(
                Message(
                    gettext_noop(
                        "The number of voters comes from the petition's opinions (%(count)s); "
                        "it is not changed."
                    ),
                    count=petition.voters_count,
                )
            )
        if plan.diffs:
            plan.action = CHANGED
    state = row.get("state") or ""
    if petition is not None and state and fold(state) != fold(str(petition.get_state_display())):
        plan.notes.append(
            Message(
                gettext_noop(
                    "The state in the file (“%(file)s”) differs from “%(state)s”: "
                    "a state changes only through the petition's steps."
                ),
                file=state,
                state=petition.get_state_display(),
            )
        )
    for key in ("title", "text"):
        if key not in changed_keys:
            continue  # an unchanged text is not refused for a limit that came after it
        if len(row[key]) > limits[key]:
            raise ValueError(
                Message(
                    gettext_noop(
                        "column “%(label)s” has %(length)s characters; at most %(limit)s are allowed."
                    ),
                    label=labels[key],
                    length=len(row[key]),
                    limit=limits[key],
                )
            )
    return plan


def plan_import(upload, *, council, progress=_no_progress) -> ImportPlan:
    """Check the whole file and work out what importing it would do; write nothing.

    Raises ValidationError listing every problem with its row number. ``progress(percent, step)`` is told
    how far the check is (0–100), every PROGRESS_EVERY rows."""
    progress(0, _("Opening the workbook"))
    rows = read_rows(upload)
    if not rows:
        raise ValidationError(Message(gettext_noop("The file is empty.")))
    _check_header([_text(v) for v in rows[0][1]])
    progress(10, _("Reading the rows"))
    parsed, errors = _parse(
        rows[1:], council=council, progress=lambda p, step: progress(10 + p * 45 // 100, step)
    )
    progress(55, _("Matching the rows with the petitions"))
    petitions = _Petitions(council, parsed)
    limits = text_limits()
    planned, seen = [], {}
    for index, (number, row) in enumerate(parsed):
        if index and index % PROGRESS_EVERY == 0:
            progress(
                60 + index * 40 // len(parsed),
                _("Comparing row %(row)s of %(total)s") % {"row": index, "total": len(parsed)},
            )
        try:
            petition = _match(row, petitions)
            plan = _plan_row(number, row, petition, limits)
        except ValueError as error:
            errors.append(in_row(number, error))
            continue
        # The same petition twice in one file (by code, id or text) would be written twice.
        identity = ("pk", petition.pk) if petition else ("text", _text_key(row["text"]))
        if identity in seen:
            errors.append(
                Message(
                    gettext_noop("Row %(row)s: the same petition as row %(first)s."),
                    row=number,
                    first=seen[identity],
                )
            )
            continue
        seen[identity] = number
        planned.append(plan)
    if len(errors) >= MAX_ERRORS:
        errors = [*errors[:MAX_ERRORS], Message(gettext_noop("… and maybe more: correct these first."))]
    if errors:
        raise ValidationError(errors)
    return ImportPlan(planned)


@transaction.atomic
def apply_import(plan: ImportPlan, *, council, actor, progress=_no_progress) -> ImportResult:
    """Write a checked plan: all rows or, if one fails, none. ``progress(percent, step)``: see plan_import."""
    reason = _("Imported from a spreadsheet")
    result = ImportResult(created=plan.created, changed=plan.changed, unchanged=plan.unchanged)
    to_write = [item for item in plan.rows if item.action in (NEW, CHANGED)]
    for index, item in enumerate(to_write):
        if index and index % PROGRESS_EVERY == 0:
            progress(
                index * 100 // len(to_write),
                _("Writing row %(row)s of %(total)s") % {"row": index, "total": len(to_write)},
            )
        if item.action == NEW:
            petition = _create(item.row, council=council, actor=actor)
            result.written.append((petition.pk, petition.code, NEW))
        elif item.action == CHANGED:
            petition = item.petition
            if item.updates:
                services.petition_update(petition, actor=actor, reason=reason, **item.updates)
            if item.classify:
                _classify(petition, item.row, actor=actor, reason=reason)
            result.written.append((petition.pk, petition.code, CHANGED))
    return result


def import_petitions(upload, *, council, actor) -> ImportResult:
    """Check the whole file, then write every row or none. Raises ValidationError listing row errors."""
    return apply_import(plan_import(upload, council=council), council=council, actor=actor)


def _classify(petition: Petition, row: dict, *, actor, reason: str = "") -> None:
    services.petition_classify(
        petition,
        actor=actor,
        field=row["field"],
        competence=row["competence"],
        committee=row["committee"],
        agency=row["agency"],
        reason=reason,
    )


def _create(row: dict, *, council, actor) -> Petition:
    key = row["external_id"] or _fingerprint(row)
    opinion = services.opinion_add(
        actor=actor,
        council=council,
        channel=row["channel"],
        received_on=row["received_on"],
        text=row["text"],
        admin_unit=row["admin_unit"],
        voters_count=row["voters_count"] or 1,
        external_id=key,
    )
    petition = services.petition_create(
        actor=actor,
        council=council,
        title=row["title"],
        text=row["text"],
        opinions=[opinion],
        received_on=row["received_on"],
        field=row["field"],
        external_id=key,
    )
    if row["competence"] and (row["agency"] or row["competence"] == Competence.CENTRAL):
        _classify(petition, row, actor=actor)
    return petition
