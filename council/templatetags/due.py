"""One way to print a due date: the date, and a worded badge when it is overdue (never colour alone)."""

import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def due(date, pending=True, done_on=None, today=None) -> SafeString:
    """Print ``date`` with "overdue by N days" while the thing is still awaited (``pending``) and the date
    has passed, or "N days late" when it was done (``done_on``) after the date.

    Built in Python (it is in every row of the follow-up lists: a template per row cost more than the row)."""
    today = today or timezone.localdate()
    if isinstance(date, dt.datetime):
        date = timezone.localtime(date).date() if timezone.is_aware(date) else date.date()
    if not isinstance(date, dt.date):
        return mark_safe("—")
    badge = ""
    if done_on is not None and (late := (done_on - date).days) > 0:
        text = ngettext("Done %(days)s day late", "Done %(days)s days late", late) % {"days": late}
        badge = format_html(' <span class="badge text-bg-warning due-late">{}</span>', text)
    elif done_on is None and pending and (overdue := (today - date).days) > 0:
        text = ngettext("Overdue by %(days)s day", "Overdue by %(days)s days", overdue) % {"days": overdue}
        badge = format_html(
            ' <span class="badge text-bg-danger due-overdue"><i class="bi bi-exclamation-triangle-fill" '
            'aria-hidden="true"></i> {}</span>',
            text,
        )
    elif done_on is None and pending and date == today:
        badge = format_html(' <span class="badge text-bg-warning due-today">{}</span>', gettext("Due today"))
    return format_html(
        '<span class="due text-nowrap"><time datetime="{}">{}</time>{}</span>',
        date.isoformat(),
        date_filter(date, "SHORT_DATE_FORMAT"),
        badge,
    )


@register.filter
def awaiting_dispatch(documents, session) -> bool:
    """Whether a session's documents are still awaited by delegates: the session has not closed and nothing
    is recorded yet, or some document is not sent."""
    if session is None or session.end_date < timezone.localdate():
        return False
    documents = list(documents or [])
    return not documents or any(d.sent_on is None for d in documents)
