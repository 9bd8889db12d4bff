"""Send the day's reminder steps for follow-ups (the beat task runs the same service every morning)."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from council.models import ReminderLog
from council.services import followup_reminders_run, outbox_send


class Command(BaseCommand):
    help = (
        "Queue reminders for items due in 7, 3 and 1 working days and overdue ones; each step once per item."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; write nothing.")
        parser.add_argument(
            "--date", help="Pretend today is this date (dd/mm/yyyy), e.g. to check a past run."
        )
        parser.add_argument(
            "--no-send", action="store_true", help="Queue the mails but leave sending to the sweeper."
        )

    def handle(self, *args, dry_run=False, date=None, no_send=False, **options):
        today = timezone.localdate()
        if date:
            try:
                today = dt.date(*time.strptime(date, "%d/%m/%Y")[:3])
            except ValueError:
                raise CommandError(f"Not a date in dd/mm/yyyy: {date!r}") from None
        reminders = followup_reminders_run(today=today, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for item in reminders:
            f = item.followup
            self.stdout.write(
                f"{verb} [{ReminderLog.Step(item.step).label}] {f.council.short_name or f.council}: "
                f"{f.agency} — {f.reference or f.pk} {f.title} (due {f.due_date:%d/%m/%Y})"
            )
        self.stdout.write(
            f"{len(reminders)} reminder step(s) {'planned' if dry_run else 'queued'} for {today:%d/%m/%Y}."
        )
        if not dry_run and not no_send:
            sent, failed = outbox_send()
            self.stdout.write(f"Outbox: {sent} mail(s) sent, {failed} failed (kept for the next sweep).")
