"""Writes for sessions, their sittings and agenda, the speeches the Office logs live, and the documents sent
to delegates before a session."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.models import Council, User
from council.services import assign_fields, record_delete, record_save, record_update
from council.uploads import atomic_with_files, attach_file
from council.workdays import apply_rule, rule_in_force

from ..models import (
    AgendaItem,
    Session,
    SessionDocument,
    Sitting,
    Speech,
)

# The states in which a session has been convened but not yet opened; the documents are sent in the last.
CONVENED = (Session.State.CONVENED, Session.State.DOCUMENTS_SENT)


def _announce_moves(session: Session, previous: str | None) -> None:
    """Tell the council's people that a session is convened, or its documents sent, when its state has just
    moved there (never for a session already closed, nor again on a re-save in the same state)."""
    if session.end_date < timezone.localdate() or session.state == previous:
        return
    if session.state in CONVENED and previous not in CONVENED:
        announce("session.convened", session)
    if session.state == Session.State.DOCUMENTS_SENT:
        announce("session.documents_published", session)


@transaction.atomic
def session_create(*, actor: User | None, council: Council, **data: Any) -> Session:
    session = record_save(Session(council=council, **data), actor=actor)
    _announce_moves(session, None)
    return session


@transaction.atomic
def session_update(session: Session, *, actor: User | None, **data: Any) -> Session:
    """Change a session; moving it to "convened" or "documents sent" tells the council's people."""
    previous = Session.objects.select_for_update().filter(pk=session.pk).values_list("state", flat=True).get()
    session.state = previous
    record_update(session, actor=actor, **data)
    _announce_moves(session, previous)
    return session


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


CORRECTABLE = ("kind", "duration_seconds", "mandate", "official", "agenda_item")


@transaction.atomic
def speech_correct(speech: Speech, *, actor: User | None, reason: str, **data: Any) -> Speech:
    """Correct a logged speech afterwards (its speaker, kind, length or item); the history keeps the old
    values, the actor and the reason. Only the fields given change: a duration not given keeps its seconds."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is corrected.")})
    unknown = set(data) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"speech_correct cannot change {sorted(unknown)}")
    if "duration_seconds" in data:
        seconds = data["duration_seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            raise ValidationError({"duration_seconds": _("The duration is a whole number of seconds.")})
        if seconds < 0:
            raise ValidationError({"duration_seconds": _("The duration cannot be negative.")})
    if data.get("mandate") is not None:
        # A delegate replaces an official: the speaker is one or the other, never both.
        data["official"] = ""
    Speech.objects.select_for_update().filter(pk=speech.pk).values_list("pk", flat=True).first()
    changed = assign_fields(speech, data)
    if not changed:
        return speech
    return record_save(speech, actor=actor, update_fields=changed, reason=reason)


@transaction.atomic
def speech_remove(speech: Speech, *, actor: User | None, reason: str) -> None:
    """Remove a speech logged by mistake; the history keeps it, with who removed it and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is removed.")})
    record_delete(speech, actor=actor, reason=reason)


# --- Documents sent to delegates ------------------------------------------------------------------------

DOCUMENTS_RULE = "session-documents-to-delegates"


def documents_deadline(session: Session):
    """The last day documents may reach delegates, by the rule in force at the session's opening."""
    rule = rule_in_force(session.council, DOCUMENTS_RULE, session.start_date)
    return apply_rule(rule, session.start_date) if rule else None


@atomic_with_files
def document_add(*, actor: User | None, session: Session, upload=None, **data: Any) -> SessionDocument:
    """Record a document sent to delegates, with its file stored privately under a generated name."""
    document = SessionDocument(council=session.council, session=session, **data)
    attach_file(document, upload, prefix=f"sessions/{session.council_id}")
    return record_save(document, actor=actor)
