"""Writes for sessions, their sittings and agenda, the speeches the Office logs live, and the documents sent
to delegates before a session."""

import datetime as dt
from dataclasses import dataclass
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
from ..models.meetings import MAX_MINUTES

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
    external_id: str = "",
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
        external_id=external_id,
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


@dataclass(frozen=True)
class HallSpeech:
    """One speech as the hall's system sends it: its own id, the speaker, when, what kind, on which item."""

    external_id: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    mandate: Any = None  # a delegates.Mandate, or None for an official
    official: str = ""
    agenda_item: AgendaItem | None = None


@transaction.atomic
def speeches_import(sitting: Sitting, speeches: list[HallSpeech], *, actor: User | None) -> dict[str, int]:
    """Record a batch of speeches from the hall's system, all or nothing, idempotently.

    A speech is known by its id in the hall system: sent again unchanged it changes nothing, sent changed it
    is corrected (the history names the import as the reason). Every speech must fall on the sitting's day,
    end after it starts, name a delegate of this council or an official, and an agenda item of this session.
    Returns how many were created, corrected and left unchanged."""
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, item in enumerate(speeches):
        problems = []
        if not item.external_id.strip() or len(item.external_id) > 64:
            problems.append(_("Give the speech's id in the hall system (at most 64 characters)."))
        elif item.external_id in seen:
            problems.append(_("This id appears twice in the batch."))
        seen.add(item.external_id)
        if item.kind not in Speech.Kind.values:
            problems.append(_("Choose the kind of speech."))
        if item.end <= item.start:
            problems.append(_("A speech ends after it starts."))
        elif (item.end - item.start).total_seconds() > MAX_MINUTES * 60:
            problems.append(_("A speech lasts at most a day."))
        if timezone.localdate(item.start) != sitting.date:
            problems.append(_("The sitting was on %(date)s.") % {"date": f"{sitting.date:%d/%m/%Y}"})
        if item.mandate is None and not item.official.strip():
            problems.append(_("Choose the delegate who spoke, or name the official."))
        if item.mandate is not None and item.mandate.council_id != sitting.council_id:
            problems.append(_("The delegate belongs to another council."))
        if item.agenda_item is not None and item.agenda_item.session_id != sitting.session_id:
            problems.append(_("The agenda item belongs to another session."))
        if problems:
            errors[f"speeches[{index}]"] = problems
    if errors:
        raise ValidationError(errors)
    Sitting.objects.select_for_update().filter(pk=sitting.pk).values_list("pk", flat=True).first()
    known = {s.external_id: s for s in Speech.objects.filter(sitting=sitting, external_id__in=seen)}
    counts = {"created": 0, "corrected": 0, "unchanged": 0}
    for item in speeches:
        data = {
            "kind": item.kind,
            "duration_seconds": int((item.end - item.start).total_seconds()),
            "mandate": item.mandate,
            "official": "" if item.mandate is not None else item.official.strip(),
            "agenda_item": item.agenda_item,
        }
        speech = known.get(item.external_id)
        if speech is None:
            speech_log(actor=actor, sitting=sitting, external_id=item.external_id, **data)
            counts["created"] += 1
        elif _differs(speech, data):
            speech_correct(speech, actor=actor, reason=_("Sent again by the hall system."), **data)
            counts["corrected"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def _differs(speech: Speech, data: dict) -> bool:
    current = (
        speech.kind,
        speech.duration_seconds,
        speech.official,
        speech.mandate_id,
        speech.agenda_item_id,
    )
    wanted = (
        data["kind"],
        data["duration_seconds"],
        data["official"],
        getattr(data["mandate"], "pk", None),
        getattr(data["agenda_item"], "pk", None),
    )
    return current != wanted
