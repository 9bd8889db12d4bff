"""What of the council's sessions and resolutions is public: the one definition that the public pages, their
CSV downloads and the API without a token all read.

- a session is public once it is convened (its convening decision is a public act); a planned one is not;
- its agenda is public with it; a session document is public once it was sent to the delegates;
- a resolution is public once adopted (it has an adoption date), with its vote's totals; how each delegate
  voted is not published here (the roll call stays inside).

Nothing here carries personal data: these models have no field in the personal-data registry
(``council/personal_data.py``), and a test keeps it so.

Query budget: each function is one query; ``public_sessions`` with ``with_counts`` adds the counts as
subqueries of the same query.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from council.models import Council

from .models import AgendaItem, Resolution, Session, SessionDocument


def public_sessions(council: Council, *, with_counts: bool = False) -> QuerySet[Session]:
    """The council's sessions that are public, newest first."""
    sessions = (
        Session.objects.filter(council=council)
        .exclude(state=Session.State.PLANNED)
        .select_related("term")
        .order_by("-start_date", "-pk")
    )
    if with_counts:
        sessions = sessions.annotate(
            public_resolutions=Count(
                "resolutions", filter=Q(resolutions__adopted_on__isnull=False), distinct=True
            ),
            public_documents=Count("documents", filter=Q(documents__sent_on__isnull=False), distinct=True),
        )
    return sessions


def public_agenda(session: Session) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(session=session).select_related("field").order_by("order")


def public_documents(session: Session) -> QuerySet[SessionDocument]:
    """The session's documents that were sent to the delegates, in agenda order."""
    return (
        SessionDocument.objects.filter(session=session, sent_on__isnull=False)
        .select_related("agenda_item")
        .order_by("agenda_item__order", "issued_on", "pk")
    )


def public_resolutions(council: Council) -> QuerySet[Resolution]:
    """The council's adopted resolutions, newest first, with their vote (None where none was recorded)."""
    return (
        Resolution.objects.filter(council=council, adopted_on__isnull=False)
        .select_related("vote", "field", "session")
        .order_by("-year", "-number", "-pk")
    )
