"""Anonymise citizens' contact data whose retention period after the matter's closing has ended (beat runs
the same service every night; see voters/services/retention.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from voters.services.retention import personal_data_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise the names, phones, e-mails and addresses of citizens whose petition, letter or opinion "
        "was closed more than PERSONAL_DATA_RETENTION_DAYS ago; contents and figures are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be anonymised; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = personal_data_anonymise(dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        self.stdout.write(f"{verb} (closed more than {days} days ago):")
        for kind, count in counts.items():
            self.stdout.write(f"  {kind}: {count}")
