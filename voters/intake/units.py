"""Communes and wards as people write them, resolved to today's unit: one resolver for every import and form.

Accepted: "Xã Thường Lạc", "X. Thường Lạc", "Thuong Lac" (no accents), "P. 1" / "Phường 01", "TT. Sa Rài" /
"thị trấn Sa Rài", and parts naming the former city, district or province, after a comma or not, or in
parentheses ("xã Thường Lạc, huyện Hồng Ngự, tỉnh Đồng Tháp", "P.1 TP Sa Đéc", "Phường 1 (TP Sa Đéc)"; also
"H.", "Q.", "TX", "TP", "TP.") that pick one of several communes of the same name. Districts were abolished
in 2025, but their AdminUnits remain (with valid_to), so a district still tells two old communes apart; a
unit's own name may carry it in parentheses ("Phường 1 (TP Sa Đéc)": wards numbered 1 existed in several
cities). A commune merged away maps to the unit it became part of (``services.current_unit``). A name that
fits several of today's units is an error listing them; an unknown one, an error suggesting close names.
Messages quote what was typed, never the folded form the comparison uses.
"""

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop

from council.models import AdminUnit
from council.text import fold

from .messages import Message

# Folded words (and abbreviations) that say what kind of unit a name is, longest first.
_UNIT_KINDS = [
    ("thi tran", "thi tran"),
    ("dac khu", "dac khu"),
    ("phuong", "phuong"),
    ("xa", "xa"),
    ("tt", "thi tran"),
    ("dk", "dac khu"),
    ("p", "phuong"),
    ("x", "xa"),
]
_AREA_KINDS = [
    ("thanh pho", "thanh pho"),
    ("thi xa", "thi xa"),
    ("huyen", "huyen"),
    ("quan", "quan"),
    ("tinh", "tinh"),
    ("tp", "thanh pho"),
    ("tx", "thi xa"),
    ("q", "quan"),
    ("h", "huyen"),
    ("t", "tinh"),
]
PROVINCE_KINDS = {"tinh"}
# A city, district or province written after the commune without a comma: "xã Thường Lạc huyện Hồng Ngự",
# "P.1 TP Sa Đéc", "phường 1 TP. Cao Lãnh". Abbreviations need their dot, except TP and TX.
_AREA_INSIDE = re.compile(
    r"\s(?=(?:huyen|quan|thi xa|thanh pho|tinh)\s|(?:tp|tx)(?:\.\s*|\s+)\S|(?:q|h)\.\s*\S)"
)
_QUALIFIER = re.compile(r"\(([^()]*)\)")
SUGGESTIONS = 3
CLOSE_ENOUGH = 0.75  # difflib's ratio under which a name is not suggested ("Không Tồn Tại" is no "Phong Hòa")


def _kind_and_base(folded: str, kinds) -> tuple[str, str]:
    """Split "p. 01" into ("phuong", "1"): the kind word (or abbreviation) and the name, numbers unpadded."""
    kind, rest = "", folded
    for word, name in kinds:
        match = re.match(rf"^{re.escape(word)}(?:\.\s*|\s+)(?=\S)", folded)
        if match:
            kind, rest = name, folded[match.end() :]
            break
    words = [str(int(w)) if w.isdecimal() else w for w in re.sub(r"[^\w]+", " ", rest).split()]
    return kind, " ".join(words)


def _clean(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def split_place(value: str) -> tuple[str, list[str]]:
    """The commune part and the parts after it (city, district, province) as typed, blanks tidied."""
    parts = [p.strip() for p in re.split(r"[,;]|\s-\s", _clean(value)) if p.strip()]
    if not parts:
        return "", []
    return parts[0], parts[1:]


def _split_inside(head: str) -> list[str]:
    """ "Phường 1 TP Sa Đéc" → ["Phường 1", "TP Sa Đéc"], cut where the folded text names an area."""
    folded = fold(head)
    if len(folded) != len(head):  # folding changed the length: cut the folded text (only messages lose)
        return [p.strip() for p in _AREA_INSIDE.split(folded)]
    cuts = [m.start() for m in _AREA_INSIDE.finditer(folded)]
    bounds = [0, *cuts, len(head)]
    return [head[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if head[a:b].strip()]


def _area(folded: str) -> tuple[str, str]:
    """("province" | "district" | "", base) of an area: "huyện Hồng Ngự" → ("district", "hong ngu")."""
    kind, base = _kind_and_base(folded, _AREA_KINDS)
    return ("province" if kind in PROVINCE_KINDS else "district" if kind else ""), base


@dataclass
class _Unit:
    unit: AdminUnit
    kind: str
    base: str
    districts: set[str] = field(default_factory=set)  # folded names of its former city or district
    provinces: set[str] = field(default_factory=set)  # folded names of its province, then and now

    def inside(self, level: str, base: str) -> bool:
        if level == "province":
            return base in self.provinces
        if level == "district":
            return base in self.districts
        return base in self.districts or base in self.provinces


@dataclass
class Reading:
    """A commune as written, read: today's unit and what the reader should know about the reading."""

    unit: AdminUnit
    notes: list = field(default_factory=list)  # Message objects


class UnitResolver:
    """The council's communes and wards, today's and those merged into them, by the names people write."""

    def __init__(self, council=None, *, units=None):
        units = list(units if units is not None else self._units_of(council))
        by_pk = {u.pk: u for u in units}
        through = AdminUnit.predecessors.through.objects.values_list("from_adminunit_id", "to_adminunit_id")
        if len(by_pk) <= 500:  # a province's units; the whole country's (no unit set) would pass SQL's limits
            through = through.filter(from_adminunit__in=list(by_pk))
        predecessors: dict[int, list[int]] = {}
        for successor, predecessor in through:
            if successor in by_pk:
                predecessors.setdefault(successor, []).append(predecessor)
        self.entries: list[_Unit] = []
        self.by_base: dict[str, list[_Unit]] = {}
        for unit in units:
            if unit.level in (AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT):
                continue
            entry = self._entry(unit)
            for pk in predecessors.get(unit.pk, ()):
                if pk in by_pk:
                    before = self._entry(by_pk[pk])
                    entry.districts |= before.districts
                    entry.provinces |= before.provinces
            self.entries.append(entry)
            self.by_base.setdefault(entry.base, []).append(entry)
        self._current: dict[int, AdminUnit] = {}

    @staticmethod
    def _units_of(council):
        """The council's communes and wards (today's, and those merged into them), with their districts."""
        units = AdminUnit.objects.select_related("parent__parent")
        area = council.admin_unit if council is not None else None
        if area is None:
            return units.exclude(level=AdminUnit.Level.PROVINCE)
        if area.level != AdminUnit.Level.PROVINCE:
            return units.filter(Q(pk=area.pk) | Q(successors=area.pk)).distinct()
        return units.filter(
            Q(parent=area.pk)
            | Q(parent__parent=area.pk)
            | Q(successors__parent=area.pk)
            | Q(parent__parent__successors=area.pk)
        ).distinct()

    @staticmethod
    def _entry(unit: AdminUnit) -> _Unit:
        """The unit's kind and name, and the areas it lies in: its parents', and a qualifier in its own name
        ("Phường 1 (TP Sa Đéc)" is ward 1 of the former city of Sa Đéc)."""
        folded = fold(unit.name)
        qualifiers = _QUALIFIER.findall(folded)
        kind, base = _kind_and_base(_QUALIFIER.sub(" ", folded).strip(), _UNIT_KINDS)
        entry = _Unit(unit, kind, base)
        for qualifier in qualifiers:
            level, name = _area(qualifier.strip())
            (entry.provinces if level == "province" else entry.districts).add(name)
        parent = unit.parent
        for _depth in range(2):
            if parent is None:
                break
            parent_name = fold(parent.name)
            for qualifier in _QUALIFIER.findall(parent_name):  # "Huyện Châu Thành (Đồng Tháp)"
                entry.provinces.add(_area(qualifier.strip())[1])
            name = _area(_QUALIFIER.sub(" ", parent_name).strip())[1]
            (entry.districts if parent.level == AdminUnit.Level.DISTRICT else entry.provinces).add(name)
            parent = parent.parent
        return entry

    def _current_of(self, unit: AdminUnit) -> AdminUnit:
        from voters.services import current_unit

        if unit.pk not in self._current:
            self._current[unit.pk] = current_unit(unit)
        return self._current[unit.pk]

    @staticmethod
    def describe(unit: AdminUnit) -> str:
        """“Xã Tân Hòa (Huyện Thanh Bình)”: the name and where it is, as an error lists candidates."""
        parent = unit.parent
        if parent is None or "(" in unit.name:  # "Phường 1 (TP Sa Đéc)" already says where it is
            return unit.name
        return f"{unit.name} ({parent.name})"

    def resolve(self, value: str, *, on: dt.date | None = None) -> AdminUnit:
        """Today's unit for a commune as written; ValueError naming the candidates or the closest names."""
        return self.read(value, on=on).unit

    def read(self, value: str, *, on: dt.date | None = None) -> Reading:
        """Today's unit for a commune as written, with notes on how it was read; ValueError (its argument a
        Message) naming the candidates or the closest names.

        ``on``: the date of the record, to prefer the unit in force then when a name fits several."""
        head, areas = split_place(value)
        for qualifier in _QUALIFIER.findall(head):  # "Phường 1 (TP Sa Đéc)" as the unit is named
            areas.insert(0, qualifier.strip())
        head = _QUALIFIER.sub(" ", head).strip()
        kind, base = _kind_and_base(fold(head), _UNIT_KINDS)
        matches = self.by_base.get(base, [])
        if not matches and len(pieces := _split_inside(head)) > 1:
            # "xã Thường Lạc huyện Hồng Ngự": the district written without a comma (tried only when the
            # whole is no name, as "tịnh" or "quan" may also be part of a commune's name).
            kind, base = _kind_and_base(fold(pieces[0]), _UNIT_KINDS)
            matches = self.by_base.get(base, [])
            areas = pieces[1:] + areas
        if not matches:
            # "TX Hồng Ngự", "TP Sa Đéc": a former town or city, now a ward of the same name.
            matches = self.by_base.get(_kind_and_base(fold(head), _AREA_KINDS)[1], [])
        if not matches:
            raise ValueError(self._unknown(value, base))
        # The kind typed (xã, phường, thị trấn) picks among units of the same name; when none is of that
        # kind, the name alone may still say which unit is meant (a commune that became a ward).
        same_kind = [e for e in matches if e.kind in (kind, "")] if kind else matches
        other_kind = not same_kind
        matches = same_kind or matches
        notes = []
        for area in areas:
            level, area_base = _area(fold(area))
            inside = [e for e in matches if e.inside(level, area_base)]
            if not inside and level != "province":
                # A unit formed in 2025 whose records name no district (no predecessor recorded): the
                # district written cannot tell it apart, nor rule it out.
                inside = [e for e in matches if not e.districts]
                if inside:
                    notes.append(
                        Message(
                            gettext_noop(
                                "“%(area)s” could not be checked: "
                                "the records do not say which district %(unit)s was in."
                            ),
                            area=area,
                            unit=inside[0].unit.name if len(inside) == 1 else value,
                        )
                    )
            if not inside:
                raise ValueError(
                    Message(
                        gettext_noop(
                            "“%(value)s”: no commune of that name in “%(area)s”; there are %(candidates)s."
                        ),
                        value=value,
                        area=area,
                        candidates=self._list(matches),
                    )
                )
            matches = inside
        if other_kind:
            if len(matches) > 1:
                raise ValueError(
                    Message(
                        gettext_noop(
                            "“%(value)s”: none of that kind has this name; "
                            "there are %(candidates)s: write the one meant."
                        ),
                        value=value,
                        candidates=self._list(matches),
                    )
                )
            notes.append(
                Message(
                    gettext_noop("“%(value)s” read as “%(unit)s”."), value=value, unit=matches[0].unit.name
                )
            )
        current = {self._current_of(e.unit).pk: e for e in matches}
        if len(current) > 1 and on is not None:
            then = [
                e
                for e in matches
                if (e.unit.valid_from is None or e.unit.valid_from <= on)
                and (e.unit.valid_to is None or on <= e.unit.valid_to)
            ]
            if then and len({self._current_of(e.unit).pk for e in then}) == 1:
                return Reading(self._current_of(then[0].unit), notes)
        if len(current) > 1:
            raise ValueError(
                Message(
                    gettext_noop(
                        "“%(value)s” matches several communes: %(candidates)s; add the city or district."
                    ),
                    value=value,
                    candidates=self._list(matches),
                )
            )
        return Reading(self._current_of(matches[0].unit), notes)

    def from_address(self, address: str, *, on: dt.date | None = None) -> AdminUnit | None:
        """The commune an address names after a marker ("Ấp 3, xã Thường Lạc, H. Hồng Ngự"), or None.

        Quietly None when nothing fits, or fits only loosely: an address is personal data, never quoted."""
        parts = [p.strip() for p in re.split(r"[,;]|\s-\s", _clean(address)) if p.strip()]
        for index, part in enumerate(parts):
            if not _kind_and_base(fold(part), _UNIT_KINDS)[0]:
                continue
            try:
                reading = self.read(", ".join(parts[index:]), on=on)
            except ValueError:
                continue
            if not reading.notes:
                return reading.unit
        return None

    def _list(self, entries: list[_Unit]) -> str:
        shown = []
        for entry in entries[:6]:
            text = self.describe(entry.unit)
            current = self._current_of(entry.unit)
            if current.pk != entry.unit.pk:
                text += " → " + current.name
            shown.append(text)
        return ", ".join(shown)

    def _unknown(self, value: str, base: str) -> Message:
        names = difflib.get_close_matches(base, list(self.by_base), n=SUGGESTIONS, cutoff=CLOSE_ENOUGH)
        if not names:
            return Message(gettext_noop("“%(value)s” is not a commune or ward of this council."), value=value)
        suggested = ", ".join(self.describe(self.by_base[n][0].unit) for n in names)
        return Message(
            gettext_noop("“%(value)s” is not a commune or ward of this council; did you mean %(names)s?"),
            value=value,
            names=suggested,
        )


def resolve_unit(value: str, *, council, on: dt.date | None = None) -> AdminUnit:
    """One commune as written, for one council (a form's field; an import builds one UnitResolver)."""
    return UnitResolver(council).resolve(value, on=on)


class CommuneField(forms.CharField):
    """A commune typed as people write it, cleaned to today's AdminUnit of the form's council."""

    default_error_messages = {"invalid": gettext_lazy("This commune or ward could not be found.")}

    def __init__(self, *, council=None, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.council = council

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return resolve_unit(value, council=self.council)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from error
