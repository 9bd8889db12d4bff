"""One way to print a due date: the date, and a worded badge when it is overdue (never colour alone)."""

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("components/due.html")
def due(date, pending=True, done_on=None, today=None):
    """Print ``date`` with "overdue by N days" while the thing is still awaited (``pending``) and the date
    has passed, or "N days late" when it was done (``done_on``) after the date."""
    today = today or timezone.localdate()
    if isinstance(date, dt.datetime):
        date = timezone.localtime(date).date() if timezone.is_aware(date) else date.date()
    context = {"date": date, "overdue_days": 0, "late_days": 0, "due_today": False}
    if not isinstance(date, dt.date):
        return context
    if done_on is not None:
        context["late_days"] = max(0, (done_on - date).days)
    elif pending:
        context["overdue_days"] = max(0, (today - date).days)
        context["due_today"] = date == today
    return context


@register.filter
def awaiting_dispatch(documents, session) -> bool:
    """Whether a session's documents are still awaited by delegates: the session has not closed and nothing
    is recorded yet, or some document is not sent."""
    if session is None or session.end_date < timezone.localdate():
        return False
    documents = list(documents or [])
    return not documents or any(d.sent_on is None for d in documents)
