"""Communes and wards as people write them, resolved to today's unit: one resolver for every import and form.

Accepted: "Xã Thường Lạc", "X. Thường Lạc", "Thuong Lac" (no accents), "P. 1" / "Phường 01", "TT. Sa Rài" /
"thị trấn Sa Rài", and trailing parts naming the district or province ("xã Thường Lạc, huyện Hồng Ngự, tỉnh
Đồng Tháp"; also "H.", "Q.", "TX", "TP") that pick one of several communes of the same name. Districts were
abolished in 2025, but their AdminUnits remain (with valid_to), so a district still tells two old communes
apart; a commune merged away maps to the unit it became part of (``services.current_unit``). A name that
fits several of today's units is an error listing them; an unknown one, an error suggesting the closest.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import AdminUnit
from council.text import fold

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
# A district or province written after the commune without a comma: "xã Thường Lạc huyện Hồng Ngự".
_AREA_INSIDE = re.compile(r"\s(?=(?:huyen|quan|thi xa|thanh pho|tinh|tp\.|tx\.|q\.|h\.)\s)")
SUGGESTIONS = 3


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


def split_place(value: str) -> tuple[str, list[str]]:
    """The commune part and the parts after it (district, province), each folded."""
    parts = [p.strip() for p in re.split(r"[,;]|\s-\s", fold(value)) if p.strip()]
    if not parts:
        return "", []
    return parts[0], parts[1:]


@dataclass
class _Unit:
    unit: AdminUnit
    kind: str
    base: str
    areas: set[str] = field(default_factory=set)  # folded names of its district and province, then and now


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
            kind, base = _kind_and_base(fold(unit.name), _UNIT_KINDS)
            entry = _Unit(unit, kind, base, self._areas(unit))
            for pk in predecessors.get(unit.pk, ()):
                if pk in by_pk:
                    entry.areas |= self._areas(by_pk[pk])
            self.entries.append(entry)
            self.by_base.setdefault(base, []).append(entry)
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
    def _areas(unit: AdminUnit) -> set[str]:
        names, parent = set(), unit.parent
        for _depth in range(2):
            if parent is None:
                break
            names.add(_kind_and_base(fold(parent.name), _AREA_KINDS)[1])
            parent = parent.parent
        return names

    def _current_of(self, unit: AdminUnit) -> AdminUnit:
        from voters.services import current_unit

        if unit.pk not in self._current:
            self._current[unit.pk] = current_unit(unit)
        return self._current[unit.pk]

    @staticmethod
    def describe(unit: AdminUnit) -> str:
        """“Xã Tân Hòa (Huyện Thanh Bình)”: the name and where it is, as an error lists candidates."""
        parent = unit.parent
        return f"{unit.name} ({parent.name})" if parent is not None else unit.name

    def resolve(self, value: str, *, on: dt.date | None = None) -> AdminUnit:
        """Today's unit for a commune as written; ValueError naming the candidates or the closest names.

        ``on``: the date of the record, to prefer the unit in force then when a name fits several."""
        head, areas = split_place(value)
        kind, base = _kind_and_base(head, _UNIT_KINDS)
        matches = self.by_base.get(base, [])
        if not matches and len(pieces := _AREA_INSIDE.split(head)) > 1:
            # "xã Thường Lạc huyện Hồng Ngự": the district written without a comma (tried only when the
            # whole is no name, as "tịnh" or "quan" may also be part of a commune's name).
            kind, base = _kind_and_base(pieces[0].strip(), _UNIT_KINDS)
            matches = self.by_base.get(base, [])
            areas = [p.strip() for p in pieces[1:]] + areas
        if not matches:
            # "TX Hồng Ngự", "TP Sa Đéc": a former town or city, now a ward of the same name.
            matches = self.by_base.get(_kind_and_base(head, _AREA_KINDS)[1], [])
        if kind and any(e.kind == kind for e in matches):
            matches = [e for e in matches if e.kind == kind]
        if not matches:
            raise ValueError(self._unknown(value, base))
        for area in areas:
            area_base = _kind_and_base(area, _AREA_KINDS)[1]
            inside = [e for e in matches if area_base in e.areas]
            if not inside:
                raise ValueError(
                    _("“%(value)s”: no commune of that name in “%(area)s”; there are %(candidates)s.")
                    % {"value": value, "area": area, "candidates": self._list(matches)}
                )
            matches = inside
        current = {self._current_of(e.unit).pk: e for e in matches}
        if len(current) > 1 and on is not None:
            then = [
                e
                for e in matches
                if (e.unit.valid_from is None or e.unit.valid_from <= on)
                and (e.unit.valid_to is None or on <= e.unit.valid_to)
            ]
            if then and len({self._current_of(e.unit).pk for e in then}) == 1:
                return self._current_of(then[0].unit)
        if len(current) > 1:
            raise ValueError(
                _("“%(value)s” matches several communes: %(candidates)s; add the district.")
                % {"value": value, "candidates": self._list(matches)}
            )
        return self._current_of(matches[0].unit)

    def from_address(self, address: str, *, on: dt.date | None = None) -> AdminUnit | None:
        """The commune an address names after a marker ("Ấp 3, xã Thường Lạc, H. Hồng Ngự"), or None.

        Quietly None when nothing fits: an address is personal data, never quoted in an error."""
        parts = [p.strip() for p in re.split(r"[,;]|\s-\s", fold(address)) if p.strip()]
        for index, part in enumerate(parts):
            if not _kind_and_base(part, _UNIT_KINDS)[0]:
                continue
            try:
                return self.resolve(", ".join(parts[index:]), on=on)
            except ValueError:
                continue
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

    def _unknown(self, value: str, base: str) -> str:
        names = difflib.get_close_matches(base, list(self.by_base), n=SUGGESTIONS, cutoff=0.6)
        if not names:
            return _("“%(value)s” is not a commune or ward of this council.") % {"value": value}
        suggested = ", ".join(self.describe(self.by_base[n][0].unit) for n in names)
        return _("“%(value)s” is not a commune or ward of this council; did you mean %(names)s?") % {
            "value": value,
            "names": suggested,
        }


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
