"""Forms of a vote's correction and roll call, and the reading of the voting system's CSV export."""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.text import fold
from delegates.models import Mandate

from .models import DelegateVote

CSV_MAX_BYTES = 512 * 1024
CSV_MAX_LINES = 2000
Choice = DelegateVote.Choice

# What the voting system (or a clerk) may write for each choice, folded (no accents, lower case).
CHOICE_WORDS = {
    Choice.APPROVE: ("approve", "yes", "1", "tan thanh", "dong y"),
    Choice.REJECT: ("reject", "no", "2", "khong tan thanh", "khong dong y", "phan doi"),
    Choice.ABSTAIN: ("abstain", "3", "khong bieu quyet", "did not vote", "y kien khac"),
    Choice.ABSENT: ("absent", "0", "vang", "vang mat", "khong bam", "chua bieu quyet", "no vote cast"),
}
CHOICE_BY_WORD = {word: choice for choice, words in CHOICE_WORDS.items() for word in words}


class VoteCorrectForm(forms.Form):
    approve = forms.IntegerField(label=gettext_lazy("Approve"), min_value=0, max_value=9999)
    reject = forms.IntegerField(label=gettext_lazy("Reject"), min_value=0, max_value=9999)
    abstain = forms.IntegerField(label=gettext_lazy("Did not vote"), min_value=0, max_value=9999)
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=300)


class RollCallForm(forms.Form):
    """One choice per delegate in office on the vote's day (field ``m<mandate id>``)."""

    correct_totals = forms.BooleanField(
        label=gettext_lazy("The recorded totals are wrong: correct them to the counts of this roll call"),
        required=False,
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)

    def __init__(self, *args, mandates: list[Mandate], **kwargs):
        super().__init__(*args, **kwargs)
        self.mandates = mandates
        for mandate in mandates:
            self.fields[f"m{mandate.pk}"] = forms.ChoiceField(
                label=mandate.delegate.full_name,
                choices=Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Choose how this delegate voted.")},
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("correct_totals") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the recorded totals are corrected."))
        return cleaned

    def ballots(self) -> dict[Mandate, str]:
        return {m: self.cleaned_data[f"m{m.pk}"] for m in self.mandates}


class RollCallImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file exported by the voting system"))


@dataclass
class ParsedRollCall:
    ballots: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _decode(raw: bytes) -> str | None:
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for encoding in ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        # Older Vietnamese Windows exports.
        return raw.decode("cp1258")
    except UnicodeDecodeError:
        return None


def parse_roll_call_csv(upload, mandates: list[Mandate]) -> ParsedRollCall:
    """Read "delegate name or code, choice" lines; unknown names and bad lines are reported by line number.

    Accents and case do not matter; the code is the one shown beside each name on the roll-call page. A
    delegate in office who is not in the file was absent. Nothing is returned as ballots when there is an
    error, so a bad file changes nothing.
    """
    result = ParsedRollCall()
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".txt")):
        result.errors.append(_("Choose a CSV file (.csv) exported by the voting system."))
        return result
    if (getattr(upload, "size", 0) or 0) > CSV_MAX_BYTES:
        result.errors.append(_("The file is larger than %(size)s KB.") % {"size": CSV_MAX_BYTES // 1024})
        return result
    raw = upload.read(CSV_MAX_BYTES + 1)
    if len(raw) > CSV_MAX_BYTES:
        result.errors.append(_("The file is larger than %(size)s KB.") % {"size": CSV_MAX_BYTES // 1024})
        return result
    text = _decode(raw)
    if text is None or raw.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        result.errors.append(_("This is not a text CSV file: export the roll call as CSV."))
        return result
    lines = text.splitlines()
    if len(lines) > CSV_MAX_LINES:
        result.errors.append(_("The file has more than %(count)s lines.") % {"count": CSV_MAX_LINES})
        return result
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel

    by_code = {str(m.pk): m for m in mandates}
    by_name: dict[str, list[Mandate]] = {}
    for m in mandates:
        by_name.setdefault(fold(m.delegate.full_name), []).append(m)
    seen: dict[int, int] = {}
    ballots = {}
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), dialect))
    except csv.Error as error:
        result.errors.append(_("The file cannot be read as CSV: %(error)s") % {"error": error})
        return result
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            result.errors.append(
                _("Line %(line)s: write the delegate and the choice separated by a comma.") % {"line": number}
            )
            continue
        who, choice_text = cells[0], cells[1]
        choice = CHOICE_BY_WORD.get(fold(choice_text))
        if choice is None and number == 1 and not ballots and not result.errors:
            continue  # a header line
        if choice is None:
            result.errors.append(
                _("Line %(line)s: “%(choice)s” is not a choice (approve, reject, did not vote, absent).")
                % {"line": number, "choice": choice_text[:40]}
            )
            continue
        matches = [by_code[who]] if who in by_code else by_name.get(fold(who), [])
        if not matches:
            result.errors.append(
                _("Line %(line)s: no delegate in office on the day of the vote is named “%(name)s”.")
                % {"line": number, "name": who[:80]}
            )
            continue
        if len(matches) > 1:
            result.errors.append(
                _("Line %(line)s: several delegates are named “%(name)s”; write their code instead.")
                % {"line": number, "name": who[:80]}
            )
            continue
        mandate = matches[0]
        if mandate.pk in seen:
            result.errors.append(
                _("Line %(line)s: %(name)s is already on line %(first)s.")
                % {"line": number, "name": mandate.delegate.full_name, "first": seen[mandate.pk]}
            )
            continue
        seen[mandate.pk] = number
        ballots[mandate] = choice
    if not ballots and not result.errors:
        result.errors.append(_("The file holds no delegate's vote."))
    if not result.errors:
        result.ballots = {m: ballots.get(m, Choice.ABSENT) for m in mandates}
    return result
