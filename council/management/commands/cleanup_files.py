"""List and remove private files that no record points to (left by a crash or a killed worker)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from council import file_sweep


class Command(BaseCommand):
    help = "List and remove private files that no record points to, older than a grace period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list them; delete nothing.")
        parser.add_argument(
            "--older-than",
            type=float,
            default=file_sweep.GRACE.total_seconds() / 3600,
            help="Grace period in hours (default 24): younger files may belong to work in progress.",
        )

    def handle(self, *args, dry_run=False, older_than=24.0, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 hour: younger files may be work in progress.")
        found = file_sweep.orphans(dt.timedelta(hours=older_than))
        for orphan in found:
            when = timezone.localtime(dt.datetime.fromtimestamp(orphan.modified, dt.UTC))
            self.stdout.write(f"{orphan.path}\t{filesizeformat(orphan.size)}\t{when:%d/%m/%Y %H:%M}")
        total = sum(orphan.size for orphan in found)
        if dry_run:
            self.stdout.write(f"{len(found)} files no record points to, {filesizeformat(total)} (dry run).")
            return
        freed = file_sweep.remove(found)
        self.stdout.write(self.style.SUCCESS(f"Removed {len(found)} files, {filesizeformat(freed)} freed."))
