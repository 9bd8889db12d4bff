"""Writes for sessions: sittings, agenda, and the speeches the Office logs live."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services import assign_fields, record_save

from .models import AgendaItem, Session, Sitting, Speech


@transaction.atomic
def session_create(*, actor: User | None, council: Council, **data: Any) -> Session:
    return record_save(Session(council=council, **data), actor=actor)


@transaction.atomic
def sitting_create(*, actor: User | None, council: Council, **data: Any) -> Sitting:
    return record_save(Sitting(council=council, **data), actor=actor)


@transaction.atomic
def agenda_item_create(*, actor: User | None, council: Council, **data: Any) -> AgendaItem:
    return record_save(AgendaItem(council=council, **data), actor=actor)


@transaction.atomic
def speech_log(
    *,
    actor: User | None,
    sitting: Sitting,
    kind: str,
    mandate=None,
    official: str = "",
    agency=None,
    agenda_item: AgendaItem | None = None,
    duration_seconds: int = 0,
    venue: str | None = None,
    summary: str = "",
) -> Speech:
    """Record one speech at a sitting (the venue follows the sitting unless given)."""
    if duration_seconds < 0:
        raise ValidationError({"duration_seconds": _("The duration cannot be negative.")})
    speech = Speech(
        council_id=sitting.council_id,
        sitting=sitting,
        kind=kind,
        mandate=mandate,
        official=official,
        agency=agency,
        agenda_item=agenda_item,
        duration_seconds=duration_seconds,
        venue=venue or sitting.venue,
        summary=summary,
    )
    return record_save(speech, actor=actor)


@transaction.atomic
def speech_correct(speech: Speech, *, actor: User | None, reason: str, **data: Any) -> Speech:
    """Correct a logged speech afterwards; the history keeps the old values, the actor and the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is corrected.")})
    changed = assign_fields(speech, data)
    if not changed:
        return speech
    return record_save(speech, actor=actor, update_fields=changed, reason=reason)


@transaction.atomic
def speech_remove(speech: Speech, *, actor: User | None, reason: str) -> None:
    """Remove a speech logged by mistake; the history keeps it, with who removed it and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is removed.")})
    speech._history_user = actor
    speech._change_reason = reason
    speech.delete()
