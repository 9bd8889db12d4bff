"""A person's requests about their personal data (Law 91/2025/QH15; Decree 13/2023/NĐ-CP art. 14–16).

The Office records the request (``data_request_open``: its legal deadline from the ``personal-data-request``
rule in force, counted on the council's working-day calendar, or 72 hours taken as 3 working days), finds
what the council holds by the person's phone or e-mail (``data_request_records``: online petitions by their
contact phone or e-mail, letters by their sender's phone — a denouncer's letter only for a viewer who may see
that identity), exports it (the page), corrects it (``data_request_correct``) or erases it where the law
allows (``data_request_erase``), and closes the request with its outcome (``data_request_close``).

What may not be erased: a complaint or a denunciation is a case file the law requires to be kept with its
sender's identity (Law on Complaints 02/2011/QH13, Law on Denunciation 25/2018/QH14, Law on Archives
33/2024/QH15); it is anonymised by the retention job once closed and its period ended."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, User
from council.personal_data import Redactor
from council.services import record_save
from council.text import normalize
from council.workdays import add_working_days, apply_rule, rule_in_force

from ..models import DataSubjectRequest, Letter, Petition
from .retention import anonymise_record

RULE = "personal-data-request"
DEFAULT_WORKING_DAYS = 3  # 72 hours (Decree 13/2023/NĐ-CP art. 14–16), taken as whole working days
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_DIGITS = re.compile(r"^\d{8,15}$")
KEPT_KINDS = (Letter.Kind.COMPLAINT, Letter.Kind.DENUNCIATION)
PETITION_FIELDS = {
    "name": "contact_name",
    "phone": "contact_phone",
    "email": "contact_email",
    "address": "contact_address",
}
LETTER_FIELDS = {"name": "sender_name", "phone": "sender_phone", "address": "sender_address"}


def identifier_clean(raw: str) -> str:
    """A phone (its digits) or an e-mail (lower case); a ValidationError for anything else."""
    text = normalize(raw or "").strip()
    if "@" in text:
        if not EMAIL.match(text) or len(text) > 200:
            raise ValidationError({"identifier": _("Enter the person's phone number or e-mail address.")})
        return text.lower()
    digits = re.sub(r"[\s.\-()+]", "", text)
    if not PHONE_DIGITS.match(digits):
        raise ValidationError({"identifier": _("Enter the person's phone number or e-mail address.")})
    return digits


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


@dataclass
class Held:
    """What the council holds about one person: the records found, and those a law requires to keep."""

    petitions: list[Petition] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)

    @property
    def records(self) -> list:
        return [*self.petitions, *self.letters]

    def kept(self, record) -> str:
        """Why this record's identity may not be erased ("" when it may)."""
        if isinstance(record, Letter) and record.kind in KEPT_KINDS:
            return _(
                "Kept: a complaint or denunciation file must be kept with its sender's identity (Law on "
                "Complaints 02/2011/QH13, Law on Denunciation 25/2018/QH14, Law on Archives 33/2024/QH15)."
            )
        return ""


def data_request_records(request: DataSubjectRequest, viewer: Redactor) -> Held:
    """Everything the council holds about the request's person that this viewer may see (3 queries)."""
    wanted = request.identifier
    held = Held()
    petitions = Petition.objects.filter(council=request.council).select_related("council")
    if "@" in wanted:
        held.petitions = list(petitions.filter(contact_email__iexact=wanted).order_by("pk"))
        return held
    held.petitions = [
        p for p in petitions.exclude(contact_phone="").order_by("pk") if _digits(p.contact_phone) == wanted
    ]
    letters = Letter.objects.filter(council=request.council).exclude(sender_phone="").order_by("pk")
    held.letters = [
        letter
        for letter in letters
        if _digits(letter.sender_phone) == wanted and viewer.sees(letter, "sender_phone")
    ]
    return held


@transaction.atomic
def data_request_open(
    *, council: Council, actor: User | None, kind: str, identifier: str, received_on: dt.date, note: str = ""
) -> DataSubjectRequest:
    """Record a request with its legal deadline and how many records hold the person's data."""
    wanted = identifier_clean(identifier)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    rule = rule_in_force(council, RULE, received_on)
    if rule is not None:
        due, basis = apply_rule(rule, received_on), rule.legal_basis
    else:
        due = add_working_days(council, received_on, DEFAULT_WORKING_DAYS)
        basis = _("72 hours (Decree 13/2023/NĐ-CP, art. 14–16), counted as 3 working days")
    request = DataSubjectRequest(
        council=council,
        kind=kind,
        identifier=wanted,
        received_on=received_on,
        due_on=due,
        due_basis=basis[:300],
        note=note,
        created_by=actor,
    )
    record_save(request, actor=actor)
    request.records_found = len(data_request_records(request, Redactor.for_user(actor, council)).records)
    return record_save(request, actor=actor, update_fields=["records_found"])


def _lock_open(request: DataSubjectRequest) -> DataSubjectRequest:
    locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state != DataSubjectRequest.State.OPEN:
        raise ValidationError(_("This request is already closed."))
    return locked


def _close(request: DataSubjectRequest, *, actor, state: str, outcome: str) -> DataSubjectRequest:
    request.state, request.outcome, request.closed_at = state, outcome, timezone.now()
    return record_save(request, actor=actor, update_fields=["state", "outcome", "closed_at"])


@transaction.atomic
def data_request_close(
    request: DataSubjectRequest, *, actor: User | None, state: str, outcome: str
) -> DataSubjectRequest:
    """Close a request with its outcome (e.g. the copy sent for a request to see the data)."""
    request = _lock_open(request)
    outcome = normalize(outcome or "").strip()
    if state == DataSubjectRequest.State.OPEN or state not in DataSubjectRequest.State.values:
        raise ValidationError({"state": _("Choose how the request ended.")})
    if not outcome:
        raise ValidationError({"outcome": _("Say what was done, or why the request was refused.")})
    return _close(request, actor=actor, state=state, outcome=outcome)


def _lines(done: list[str], kept: list[str]) -> str:
    return "\n".join([*done, *kept])


@transaction.atomic
def data_request_erase(request: DataSubjectRequest, *, actor: User) -> DataSubjectRequest:
    """Erase the person's contact data where the law allows, say which records are kept and why, and close."""
    request = _lock_open(request)
    if request.kind != DataSubjectRequest.Kind.ERASURE:
        raise ValidationError(_("Only a request to erase erases data."))
    held = data_request_records(request, Redactor.for_user(actor, request.council))
    reason = _("Erased at the person's request no. %(number)s") % {"number": request.pk}
    done, kept = [], []
    for record in held.records:
        why = held.kept(record)
        if why:
            kept.append(f"{record}: {why}")
            continue
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        anonymise_record(locked, reason=reason, actor=actor)
        done.append(_("%(record)s: contact data erased.") % {"record": record})
    if not held.records:
        return _close(
            request, actor=actor, state=DataSubjectRequest.State.DONE, outcome=_("Nothing was held.")
        )
    state = (
        DataSubjectRequest.State.DONE
        if not kept
        else DataSubjectRequest.State.PARTLY
        if done
        else DataSubjectRequest.State.REFUSED
    )
    return _close(request, actor=actor, state=state, outcome=_lines(done, kept))


@transaction.atomic
def data_request_correct(request: DataSubjectRequest, *, actor: User, **values: str) -> DataSubjectRequest:
    """Correct the person's name, phone, e-mail or address on every record found, and close the request."""
    request = _lock_open(request)
    if request.kind != DataSubjectRequest.Kind.CORRECTION:
        raise ValidationError(_("Only a request to correct corrects data."))
    values = {
        k: normalize(v or "").strip() for k, v in values.items() if k in PETITION_FIELDS and (v or "").strip()
    }
    if not values:
        raise ValidationError(_("Give at least one corrected value."))
    held = data_request_records(request, Redactor.for_user(actor, request.council))
    reason = _("Corrected at the person's request no. %(number)s") % {"number": request.pk}
    done = []
    for record in held.records:
        fields = PETITION_FIELDS if isinstance(record, Petition) else LETTER_FIELDS
        record = type(record).objects.select_for_update().get(pk=record.pk)
        changes = {fields[k]: v for k, v in values.items() if k in fields}
        for name, value in changes.items():
            setattr(record, name, value)
        if changes:
            record_save(record, actor=actor, update_fields=list(changes), reason=reason)
            done.append(_("%(record)s: corrected.") % {"record": record})
    outcome = "\n".join(done) or _("Nothing was held.")
    return _close(request, actor=actor, state=DataSubjectRequest.State.DONE, outcome=outcome)
