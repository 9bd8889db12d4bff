"""The documents of the coming session, as the Office records them (``documents`` in demo/data/sessions.json).

Each document is issued and sent to the delegates a number of days before the session opens (never after
today): most reach them before the deadline rule's day, one arrives late and the committee's review report is
not sent yet, so the session's page marks two documents late and the Office is told so
(``demo.notifications``). Written through ``sessions.services.document_add`` by the demo Office user, each on
its own day (``demo.clock.as_of``); a document is looked up by its session and symbol, so a second run adds
nothing.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from council.models import Council, User
from demo.clock import DAY, as_of
from demo.loader import rows
from demo.names import OFFICE_USER
from sessions.models import Session
from sessions.services import document_add


@dataclass(frozen=True)
class DemoDocument:
    """A document of session ``number`` of term ``term``; ``issued``/``sent``: days from its opening."""

    term: int
    number: int
    kind: str
    symbol: str
    title: str
    issued: int
    sent: int | None = None


DOCUMENTS = rows("sessions", "documents", DemoDocument)


def seed_session_documents(council: Council) -> int:
    """Record the missing documents of the demo's coming session; return how many were added."""
    office = User.objects.filter(username=OFFICE_USER).first()
    today = timezone.localdate()
    added = 0
    for spec in DOCUMENTS:
        session = Session.objects.filter(council=council, term__number=spec.term, number=spec.number).first()
        if session is None or session.documents.filter(symbol=spec.symbol).exists():
            continue
        issued = _day(session, spec.issued, today)
        sent = _day(session, spec.sent, today) if spec.sent is not None else None
        with as_of(sent or issued):
            document_add(
                actor=office,
                session=session,
                kind=spec.kind,
                symbol=spec.symbol,
                title=spec.title,
                issued_on=issued,
                sent_on=sent,
            )
        added += 1
    return added


def _day(session: Session, days: int, today: dt.date) -> dt.date:
    return min(session.start_date + days * DAY, today)
