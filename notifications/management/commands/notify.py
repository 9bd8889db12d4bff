from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.catalogue import label
from notifications.producers import notify_timed


class Command(BaseCommand):
    help = "Make today's time-based notices (items falling due or overdue, quota nudges); print them by kind."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be made, write nothing.")

    def handle(self, *args, dry_run=False, **options):
        made = notify_timed(dry_run=dry_run)
        with translation.override(translation.get_language() or "vi"):
            heading = _("Would make, by kind:") if dry_run else _("Made, by kind:")
            self.stdout.write(heading)
            for kind, count in sorted(made.items()):
                self.stdout.write(f"  {label(kind)} ({kind}): {count}")
            self.stdout.write(_("Total: %(count)s notice(s).") % {"count": sum(made.values())})
