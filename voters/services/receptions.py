"""Writes for citizen reception: the reception days and their hosts, and the letters citizens send."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Agency, Council, User
from council.services import (
    followup_open,
    record_save,
    record_update,
)
from council.workdays import rule_in_force

from ..models import (
    Letter,
    Reception,
)
from ..workflows import LETTER_WORKFLOW
from .common import _lock, current_unit

LETTER_RULES = {Letter.Kind.FEEDBACK: "letter-processing"}
LETTER_DEFAULT_RULE = "complaint-transfer"


@transaction.atomic
def reception_create(*, actor: User | None, council: Council, hosts=(), **data: Any) -> Reception:
    reception = record_save(Reception(council=council, **data), actor=actor)
    reception.hosts.set(hosts)
    return reception


@transaction.atomic
def reception_update(reception: Reception, *, actor: User | None, hosts=None, **data: Any) -> Reception:
    record_update(reception, actor=actor, **data)
    if hosts is not None:
        reception.hosts.set(hosts)
    return reception


@transaction.atomic
def letter_create(*, actor: User | None, council: Council, **data: Any) -> Letter:
    letter = Letter(council=council, **data)
    if letter.anonymous:
        letter.sender_name = letter.sender_address = letter.sender_phone = ""
    letter.admin_unit = current_unit(letter.admin_unit)
    return record_save(letter, actor=actor)


@transaction.atomic
def letter_update(letter: Letter, *, actor: User | None, **data: Any) -> Letter:
    for key, value in data.items():
        setattr(letter, key, value)
    if letter.anonymous:
        letter.sender_name = letter.sender_address = letter.sender_phone = ""
    return record_save(letter, actor=actor)


def letter_followup_title(letter: Letter) -> str:
    """The subject of a letter's follow-up: its kind, date and commune, never its content."""
    where = f" — {letter.admin_unit.name}" if letter.admin_unit_id else ""
    return _("%(kind)s received %(date)s (letter no. %(number)s)%(where)s") % {
        "kind": letter.get_kind_display(),
        "date": f"{letter.received_on:%d/%m/%Y}",
        "number": letter.pk,
        "where": where,
    }


@transaction.atomic
def letter_handle(
    letter: Letter, *, actor: User | None, to: str, agency: Agency | None = None, note: str = ""
) -> Letter:
    """Move a letter along: classified, sender guided, transferred (a follow-up), archived, result, closed."""
    letter = _lock(Letter, letter)
    LETTER_WORKFLOW.guard_move(letter, to)
    fields = ["state"]
    if to == Letter.State.TRANSFERRED:
        if agency is None or agency.council_id != letter.council_id:
            raise ValidationError({"agency": _("Choose an agency of this council.")})
        today = timezone.localdate()
        code = LETTER_RULES.get(letter.kind, LETTER_DEFAULT_RULE)
        followup_open(
            actor=actor,
            council=letter.council,
            source=letter,
            agency=agency,
            # The subject is neutral (it is listed, searched and exported for every follow-up reader); the
            # content names the citizen, so it is marked personal (council/personal_data.py) and shown only
            # to the Office, the Standing Committee and the agency that must answer it. A denouncer's
            # identity never travels with the item.
            title=letter_followup_title(letter),
            description=letter.summary,
            assigned_date=today,
            rule=rule_in_force(letter.council, code, today),
        )
        letter.agency = agency
        fields.append("agency")
    letter.state = to
    return record_save(letter, actor=actor, update_fields=fields, reason=note)
