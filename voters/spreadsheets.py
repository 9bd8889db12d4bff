"""Excel export and import of voter petitions, with one template: the columns the export writes are the
columns the import reads, so an exported list can be edited and imported back.

The import checks the whole file before writing anything: the header, then every row (dates, channel,
commune, field, agency, numbers). Any error and nothing is written; the errors name the row and the column
in the user's language. Each row is identified by its tracking code, or its external id, or — for a row
that has neither — a fingerprint of its content, so importing the same file again changes nothing.
"""

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from council.models import AdminUnit, Agency, Committee, Field
from council.text import fold, normalize
from council.uploads import inspect_upload
from council.xlsx import append_row

from . import services
from .models import Channel, Competence, Petition

MAX_ROWS = 10_000
MAX_ERRORS = 50

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
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Petitions")[:31]
    append_row(sheet, [str(header) for _key, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for p in petitions:
        channels = sorted({o.get_channel_display() for o in p.opinions.all()})
        append_row(
            sheet,
            [
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
            ],
        )
    widths = [14, 14, 14, 16, 40, 60, 22, 20, 16, 30, 26, 10, 20]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[4], row[5]):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _Lookup:
    """Name → record for one kind of reference, matched without accents or case."""

    PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")

    def __init__(self, rows):
        self.by_name: dict[str, list] = {}
        for row in rows:
            name = fold(row.name)
            self.by_name.setdefault(name, []).append(row)
            # "Tân Hồng" finds "Xã Tân Hồng" when only one unit has that name.
            for prefix in self.PREFIXES:
                if name.startswith(prefix):
                    self.by_name.setdefault(name[len(prefix) :], []).append(row)

    def get(self, value: str):
        matches = self.by_name.get(fold(value), [])
        if len(matches) == 1:
            return matches[0]
        message = _("“%(value)s” matches several records.") if matches else _("“%(value)s” is not known.")
        raise ValueError(message % {"value": value})


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a date as dd/mm/yyyy.") % {"value": text}) from error


def _choice(choices, value: str) -> str:
    wanted = fold(value)
    for key, name in choices:
        if wanted in (fold(key), fold(str(name))):
            return key
    raise ValueError(_("“%(value)s” is not known.") % {"value": value})


def _fingerprint(row: dict) -> str:
    basis = "|".join(fold(str(row.get(k) or "")) for k in ("received_on", "title", "text", "admin_unit"))
    return "sha1:" + hashlib.sha1(basis.encode()).hexdigest()[:32]


def _read_rows(upload) -> list[tuple[int, list]]:
    inspect_upload(upload)  # size, type and zip-bomb checks before the parser sees the bytes
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure means the file is not a usable workbook
        raise ValidationError(_("The file could not be read as an Excel workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 1:
            raise ValidationError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        if number > 1 and all(v in (None, "") for v in values):
            continue
        rows.append((number, list(values)))
    workbook.close()
    return rows


def _units_of(council):
    """The council's communes and wards, today's and those merged into them in 2025."""
    units = AdminUnit.objects.exclude(level=AdminUnit.Level.PROVINCE)
    if not council.admin_unit_id:
        return units
    current = units.filter(parent=council.admin_unit_id)
    return units.filter(Q(pk__in=current.values("pk")) | Q(successors__in=current.values("pk"))).distinct()


def import_petitions(upload, *, council, actor) -> ImportResult:
    """Check the whole file, then write every row or none. Raises ValidationError listing row errors."""
    rows = _read_rows(upload)
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [_text(v) for v in rows[0][1]]
    expected = [str(h) for _k, h in COLUMNS]
    for index, name in enumerate(expected):
        got = header[index] if index < len(header) else ""
        if fold(got) != fold(name):
            raise ValidationError(
                _(
                    "Column %(column)s should be “%(expected)s” but is “%(got)s”. Use the template: export a list to get it."
                )
                % {"column": get_column_letter(index + 1), "expected": name, "got": got}
            )
    units = _Lookup(_units_of(council))
    fields = _Lookup(Field.objects.filter(council=council))
    agencies = _Lookup(Agency.objects.filter(council=council))
    committees = _Lookup(Committee.objects.filter(council=council))
    today = timezone.localdate()
    parsed, errors = [], []
    for number, values in rows[1:]:
        raw = {key: values[i] if i < len(values) else None for i, (key, _h) in enumerate(COLUMNS)}
        row, problems = {}, []
        for key, label in COLUMNS:
            text = _text(raw[key])
            if key in REQUIRED and not text:
                problems.append(_("column “%(label)s” is empty.") % {"label": label})
                continue
            try:
                if key == "received_on":
                    row[key] = _date(raw[key])
                    if row[key] > today:
                        raise ValueError(_("the date is in the future."))
                elif key == "channel":
                    row[key] = _choice(Channel.choices, text) if text else Channel.MEETING
                elif key == "competence":
                    row[key] = _choice(Competence.choices, text) if text else ""
                elif key == "admin_unit":
                    row[key] = units.get(text) if text else None
                elif key == "field":
                    row[key] = fields.get(text) if text else None
                elif key == "agency":
                    row[key] = agencies.get(text) if text else None
                elif key == "committee":
                    row[key] = committees.get(text) if text else None
                elif key == "voters_count":
                    row[key] = int(text) if text else 1
                    if not 1 <= row[key] <= 1_000_000:
                        raise ValueError(_("“%(value)s” is not a number of voters.") % {"value": text})
                else:
                    row[key] = text
            except (ValueError, TypeError) as error:
                message = str(error)
                if key == "voters_count" and "invalid literal" in message:
                    message = _("“%(value)s” is not a number of voters.") % {"value": text}
                problems.append(_("column “%(label)s”: %(message)s") % {"label": label, "message": message})
        for problem in problems:
            errors.append(_("Row %(row)s: %(problem)s") % {"row": number, "problem": problem})
        if not problems:
            parsed.append((number, row))
        if len(errors) >= MAX_ERRORS:
            errors.append(_("… and maybe more: correct these first."))
            break
    if errors:
        raise ValidationError(errors)
    return _write(parsed, council=council, actor=actor)


@transaction.atomic
def _write(parsed, *, council, actor) -> ImportResult:
    result = ImportResult()
    codes = set(Petition.objects.filter(council=council).values_list("code", flat=True))
    external = set(
        Petition.objects.filter(council=council).exclude(external_id="").values_list("external_id", flat=True)
    )
    for _number, row in parsed:
        key = row["external_id"] or ("" if row["code"] else _fingerprint(row))
        if (row["code"] and row["code"] in codes) or (key and key in external):
            result.unchanged += 1
            continue
        opinion = services.opinion_add(
            actor=actor,
            council=council,
            channel=row["channel"],
            received_on=row["received_on"],
            text=row["text"],
            admin_unit=row["admin_unit"],
            voters_count=row["voters_count"],
            external_id=key or row["code"],
        )
        petition = services.petition_create(
            actor=actor,
            council=council,
            title=row["title"][:300],
            text=row["text"],
            opinions=[opinion],
            received_on=row["received_on"],
            field=row["field"],
            external_id=key or row["code"],
        )
        if row["competence"] and (row["agency"] or row["competence"] == Competence.CENTRAL):
            services.petition_classify(
                petition,
                actor=actor,
                field=row["field"],
                competence=row["competence"],
                committee=row["committee"],
                agency=row["agency"],
            )
        external.add(key or row["code"])
        result.created += 1
    return result
