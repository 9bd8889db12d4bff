"""Telling the apps above that something happened, without importing them: ``announce`` and ``listen``.

A service that makes something happen people should hear of (a session convened, an item assigned, a
report issued) calls ``announce(name, record, **params)`` inside its transaction, once the change is saved
and only on a real transition (a re-save or a retry announces nothing new). An app above the one announcing
registers what it does about the event with ``listen(name, handler)`` in its ``AppConfig.ready``
(``notifications/handlers.py`` turns each event into its notices), so the layering holds: ``sessions``,
``voters`` or ``council`` never import ``notifications``.

The rules every handler lives by:

- **Inside the writer's transaction.** A handler runs at once, in the caller's transaction: what it writes
  (a notice, its mail in the outbox) commits with the user's change, or rolls back with it. Nothing is told
  about a change that did not happen.
- **A handler never costs the user their write.** Each handler runs in its own savepoint. If it raises,
  its savepoint is rolled back (none of its writes stay), the failure is logged at ERROR with the event,
  the record and the traceback (``council.events`` logger, so the error tracker sees it), the other
  handlers still run and the service carries on. A notice is worth less than the record the Office just
  saved; the log says which notice was not made.
- **Declared names.** An event's name is one of ``EVENTS`` (with what it carries); announcing or listening
  to an unknown name is a programming error and raises at once.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model

logger = logging.getLogger(__name__)

Handler = Callable[..., None]

# Every event a service announces: its name, the record it is about, and the values it carries.
EVENTS: dict[str, str] = {
    "session.convened": "a session (council_sessions.Session) is convened",
    "session.documents_published": "a session's documents are sent to the delegates",
    "training.invited": "delegates (mandates=) are invited to a training course (delegates.TrainingCourse)",
    "voter_meeting.scheduled": "delegates (mandates=) are scheduled for a coming voter meeting",
    "oversight.member_added": "a delegate (mandate=) joins an oversight delegation (OversightActivity)",
    "accountability.scheduled": "an explanation session or hearing (oversight.Accountability) is scheduled",
    "interpellation.answered": "an interpellation (council_sessions.Interpellation) gets an answer (answer=)",
    "followup.opened": "a follow-up (council.FollowUp) is assigned to its agency",
    "followup.verified": "the council verifies a follow-up (event= the FollowUpEvent of the verification)",
    "report.issued": "a report (reports.Report) is issued under its number",
}

_listeners: dict[str, list[Handler]] = defaultdict(list)


def _known(name: str) -> None:
    if name not in EVENTS:
        raise ValueError(f"Unknown event: {name}. Declare it in council.events.EVENTS.")


def listen(name: str, handler: Handler) -> None:
    """Run ``handler(record, **params)`` whenever ``name`` is announced (a second registration of the same
    handler is ignored, so an app's ``ready`` may run twice)."""
    _known(name)
    if handler not in _listeners[name]:
        _listeners[name].append(handler)


def listeners(name: str) -> list[Handler]:
    _known(name)
    return list(_listeners[name])


def announce(name: str, record: Model, **params: Any) -> None:
    """Tell the listeners of ``name`` about ``record``, each in a savepoint of the caller's transaction; a
    failing handler is logged and undone, never failing the caller's write (see the module's docstring)."""
    _known(name)
    for handler in list(_listeners[name]):
        try:
            with transaction.atomic():
                handler(record, **params)
        except Exception:
            logger.exception(
                "Event %s about %s #%s: handler %s failed; its writes were undone, the caller's were kept.",
                name,
                record._meta.label,
                record.pk,
                getattr(handler, "__qualname__", handler),
            )
