"""Back up the demo council on PostgreSQL, restore it into a fresh database: every table's count and every
file's hash are the same (make test-full)."""

import hashlib
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from council import backup
from council.uploads import get_private_storage

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fresh_database():

    if connection.vendor != "postgresql":
        pytest.fail("The backup drill needs PostgreSQL: run it through `make test-full`.")
    name = f"hdnd_restore_{uuid.uuid4().hex[:8]}"
    admin = backup._pg_connect(connection.settings_dict, "postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**connection.settings_dict, "NAME": name}
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_the_demo_council_backs_up_and_restores_whole(settings, tmp_path, fresh_database):
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("seed_demo", verbosity=0)
    storage = get_private_storage()
    storage.save("evidence/2026/05/bien-ban.pdf", ContentFile(b"%PDF-1.7 " + bytes(range(256)) * 40))
    storage.save("reports/dong-thap/quarterly.docx", ContentFile(b"PK\x03\x04 docx"))
    out = tmp_path / "backups"
    out.mkdir()

    call_command("backup", "--output", str(out))
    archive = next(out.glob("hdnd-backup-*.tar"))
    manifest = backup.verify(archive)
    assert manifest["tables"]["voters_petition"] > 0 and manifest["tables"]["django_migrations"] > 0

    restored_root = tmp_path / "restored-files"
    backup.restore(archive_path=archive, db=fresh_database, file_root=restored_root)
    fresh = backup._pg_connect(fresh_database)
    try:
        with fresh.cursor() as cursor:
            restored_counts = backup._pg_counts(cursor)
    finally:
        fresh.close()
    with connection.cursor() as cursor:
        live_counts = backup._pg_counts(cursor.cursor)
    assert restored_counts == live_counts == manifest["tables"]
    assert _hashes(restored_root) == _hashes(settings.PRIVATE_MEDIA_ROOT)

    # A second restore into the now-filled database is refused and changes nothing.
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(archive_path=archive, db=fresh_database, file_root=tmp_path / "again")
    assert not (tmp_path / "again").exists()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
