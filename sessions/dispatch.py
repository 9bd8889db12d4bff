"""Whether a session's documents reach delegates in time: the deadline rule in force at the opening
(``services.documents_deadline``) against each document's sending date. The Office's home page lists the
sessions late by it; the session page marks each late or unsent document by the same deadline."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from council.models import Council

from .models import Session, SessionDocument
from .services import documents_deadline


@dataclass
class LateDocuments:
    session: Session
    deadline: dt.date
    unsent: int  # recorded but not sent, the deadline past
    sent_late: int  # sent after the deadline
    recorded: int  # documents recorded for the session

    @property
    def late(self) -> int:
        return self.unsent + self.sent_late


def late_documents(council: Council, today: dt.date | None = None) -> list[LateDocuments]:
    """The council's sessions not yet over whose documents deadline has passed while a document was unsent,
    sent after it, or none was recorded at all, nearest session first. A query for the sessions and one for
    their documents, then the deadline of each (only sessions not yet over: a handful)."""
    today = today or timezone.localdate()
    sessions = list(
        Session.objects.filter(council=council, end_date__gte=today)
        .exclude(state__in=[Session.State.CLOSED, Session.State.PUBLISHED])
        .order_by("start_date", "pk")
    )
    sent: dict[int, list[dt.date | None]] = defaultdict(list)
    for session_id, sent_on in SessionDocument.objects.filter(session__in=sessions).values_list(
        "session_id", "sent_on"
    ):
        sent[session_id].append(sent_on)
    late = []
    for session in sessions:
        session.council = council  # the rule is the council's: known here, not fetched again
        deadline = documents_deadline(session)
        if deadline is None or deadline >= today:
            continue
        days = sent.get(session.pk, [])
        row = LateDocuments(
            session,
            deadline,
            unsent=sum(1 for day in days if day is None),
            sent_late=sum(1 for day in days if day is not None and day > deadline),
            recorded=len(days),
        )
        if row.late or not row.recorded:
            late.append(row)
    return late
