"""Reads of the notification centre."""

from django.db.models import Count, Max, Q, QuerySet

from council.models import Council, OutboxMail, User

from .models import Notification


def unread_count(request) -> int:
    """The number of the user's unread notices, counted once per request (the top bar asks on every page)."""
    cached = getattr(request, "_unread_notices", None)
    if cached is None:
        user = request.user
        cached = Notification.objects.for_recipient(user).unread().count() if user.is_authenticated else 0
        request._unread_notices = cached
    return cached


def notices_for(user: User, *, kind: str = "", state: str = "") -> QuerySet[Notification]:
    """The user's notices, newest first, filtered by kind and read state. One query per page of rows: the
    wording is rendered from each row's own values, never by loading its record."""
    notices = Notification.objects.for_recipient(user)
    if kind:
        notices = notices.filter(kind=kind)
    if state == "unread":
        notices = notices.unread()
    elif state == "read":
        notices = notices.filter(read_at__isnull=False)
    return notices.order_by("-created_at", "-pk")


def mail_status(council: Council) -> QuerySet:
    """Per person of the council who was mailed notices: mails sent, waiting, failing, the last error's
    time. Two queries a page (the rows and their count), however many mails."""
    failing = Q(notifications__mail__sent_at__isnull=True, notifications__mail__attempts__gt=0)
    return (
        User.objects.filter(notifications__council=council, notifications__mail__isnull=False)
        .annotate(
            sent=Count(
                "notifications__mail",
                filter=Q(notifications__mail__sent_at__isnull=False),
                distinct=True,
            ),
            waiting=Count(
                "notifications__mail",
                filter=Q(notifications__mail__sent_at__isnull=True, notifications__mail__attempts=0),
                distinct=True,
            ),
            failing=Count("notifications__mail", filter=failing, distinct=True),
            last_mailed=Max("notifications__mail__created_at"),
        )
        .order_by("-failing", "full_name", "pk")
    )


def failed_mails(council: Council, user: User):
    """The person's mails from notices that have not gone out after trying, with their last error."""
    return (
        OutboxMail.objects.filter(
            council=council, notifications__recipient=user, sent_at__isnull=True, attempts__gt=0
        )
        .distinct()
        .order_by("-created_at")[:20]
    )
