"""The mail outbox: who is written to, a mail queued once per key inside the caller's transaction, the sweep
that sends it. A mail server or broker outage never fails the write that queued the mail."""

from collections.abc import Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from council.models import Agency, Council, OutboxMail, Role, User
from council.queue import enqueue


def _office_addresses(council: Council) -> list[str]:
    users = User.objects.filter(roles__council=council, roles__role=Role.OFFICE, is_active=True).exclude(
        email=""
    )
    return sorted(set(users.values_list("email", flat=True)))


def _agency_addresses(agency: Agency) -> list[str]:
    respondents = User.objects.filter(roles__agency=agency, roles__role=Role.AGENCY, is_active=True).exclude(
        email=""
    )
    return sorted(set(agency.email_list) | set(respondents.values_list("email", flat=True)))


_mail_suppressed: ContextVar[bool] = ContextVar("followup_mail_suppressed", default=False)


@contextmanager
def mail_suppressed():
    """Record without mailing anyone: for importing past records (and the demo data), not for daily work."""
    token = _mail_suppressed.set(True)
    try:
        yield
    finally:
        _mail_suppressed.reset(token)


def queue_mail(council: Council, key: str, to: Sequence[str], subject: str, body: str) -> OutboxMail | None:
    """Write a mail to the outbox (once per key); the sweeper sends it after the transaction commits."""
    if not to or _mail_suppressed.get():
        return None
    mail, created = OutboxMail.objects.get_or_create(
        dedupe_key=key, defaults={"council": council, "to": ", ".join(to), "subject": subject, "body": body}
    )
    if created:
        # A broker outage must not fail the user's request: the mail is already in the outbox, and the
        # periodic sweep sends it once the broker is back.
        enqueue("council.tasks.outbox_sweep_task")
    return mail


def outbox_send(*, limit: int = 200) -> tuple[int, int]:
    """Send the outbox's unsent mails, each marked sent in its own transaction; return (sent, failed)."""
    from django.core.mail import EmailMessage

    sent = failed = 0
    max_attempts = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 20)
    pending = list(
        OutboxMail.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts)
        .order_by("created_at", "pk")[:limit]
        .values_list("pk", flat=True)
    )
    for pk in pending:
        with transaction.atomic():
            mail = (
                OutboxMail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if mail is None:
                continue  # another sweeper has it
            try:
                EmailMessage(
                    mail.subject, mail.body, to=[a.strip() for a in mail.to.split(",") if a.strip()]
                ).send()
            except Exception as error:  # noqa: BLE001 - an SMTP outage: keep it for the next sweep
                mail.attempts += 1
                mail.last_error = f"{error.__class__.__name__}: {error}"[:500]
                mail.save(update_fields=["attempts", "last_error"])
                failed += 1
                continue
            mail.attempts += 1
            mail.sent_at = timezone.now()
            mail.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent, failed
