"""Restore a backup archive into an empty database and an empty file folder, verifying it first and after."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from council import backup


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty database and an empty private-file folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar archive written by `python manage.py backup`.")
        parser.add_argument(
            "--verify-only", action="store_true", help="Only check the archive's checksums; restore nothing."
        )

    def handle(self, *args, archive, verify_only=False, **options):
        try:
            if verify_only:
                manifest = backup.verify(Path(archive))
                self.stdout.write(self.style.SUCCESS(f"{archive}: every checksum matches the manifest."))
                return
            connection.close()  # the restore works on the database with its own connections
            manifest = backup.restore(
                archive_path=Path(archive),
                db=connection.settings_dict,
                file_root=Path(settings.PRIVATE_MEDIA_ROOT),
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables and "
                f"{len(manifest['files'])} files; counts and checksums match the manifest. "
                "Run `python manage.py migrate` if this code is newer than the backup."
            )
        )
