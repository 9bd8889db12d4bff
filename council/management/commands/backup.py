"""Write one consistent archive: the database, the private files and a manifest of counts and checksums."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.template.defaultfilters import filesizeformat

from council import backup


class Command(BaseCommand):
    help = "Back up the database and the private files into one archive (restore it with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="Folder to write the archive into (default BACKUP_DIR, var/backups, made if missing; "
            "a folder named here must exist).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.BACKUP_KEEP,
            help="Keep this many newest archives in the folder and delete older ones (0: keep all).",
        )

    def handle(self, *args, output, keep, **options):
        if keep < 0:
            raise CommandError("--keep cannot be negative.")
        if output is None:  # the default folder is the project's own: made on first use
            output = Path(settings.BACKUP_DIR)
            output.mkdir(parents=True, exist_ok=True)
        try:
            path, manifest = backup.backup(
                db=connection.settings_dict,
                file_root=Path(settings.PRIVATE_MEDIA_ROOT),
                directory=Path(output),
            )
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files, "
                f"{filesizeformat(path.stat().st_size)}"
            )
        )
        if keep:
            for old in sorted(Path(output).glob("hdnd-backup-*.tar"))[:-keep]:
                old.unlink()
                self.stdout.write(f"Removed the older archive {old.name}")
