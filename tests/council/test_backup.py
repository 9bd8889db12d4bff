"""Backup and restore: one archive, verified before and after; bad input stops with a message, no changes."""

import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from council import backup


@pytest.fixture
def site(tmp_path):
    """A small SQLite database and a private-file folder, as a running site has them."""
    database = tmp_path / "site.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE petition (id INTEGER PRIMARY KEY, text TEXT)")
    connection.executemany("INSERT INTO petition (text) VALUES (?)", [(f"Kiến nghị {n}",) for n in range(25)])
    connection.execute("CREATE TABLE attachment (id INTEGER PRIMARY KEY, path TEXT)")
    connection.execute("INSERT INTO attachment (path) VALUES ('evidence/2026/05/a.pdf')")
    connection.commit()
    connection.close()
    files = tmp_path / "private"
    (files / "evidence/2026/05").mkdir(parents=True)
    (files / "evidence/2026/05/a.pdf").write_bytes(b"%PDF-1.7 bien ban")
    (files / "reports/dong-thap").mkdir(parents=True)
    (files / "reports/dong-thap/q1.docx").write_bytes(b"PK docx")
    out = tmp_path / "backups"
    out.mkdir()
    return {"db": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}, "files": files, "out": out}


def _fresh(tmp_path, name="restored"):
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / f"{name}.sqlite3"),
    }, tmp_path / name


def test_a_backup_restores_into_an_empty_site_with_every_count_and_hash(site, tmp_path):
    archive, manifest = backup.backup(db=site["db"], file_root=site["files"], directory=site["out"])
    assert manifest["tables"] == {"attachment": 1, "petition": 25}
    assert set(manifest["files"]) == {"evidence/2026/05/a.pdf", "reports/dong-thap/q1.docx"}
    assert list(site["out"].iterdir()) == [archive]  # no temporary file left beside it

    db, root = _fresh(tmp_path)
    backup.restore(archive_path=archive, db=db, file_root=root)
    restored = sqlite3.connect(db["NAME"])
    assert restored.execute("SELECT count(*) FROM petition").fetchone()[0] == 25
    assert restored.execute("SELECT text FROM petition WHERE id = 1").fetchone()[0] == "Kiến nghị 0"
    assert (root / "evidence/2026/05/a.pdf").read_bytes() == b"%PDF-1.7 bien ban"


def test_a_restore_into_a_database_with_data_is_refused_and_changes_nothing(site, tmp_path):
    archive, _ = backup.backup(db=site["db"], file_root=site["files"], directory=site["out"])
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(archive_path=archive, db=site["db"], file_root=tmp_path / "empty")
    assert not (tmp_path / "empty").exists()
    db, _root = _fresh(tmp_path)
    with pytest.raises(backup.BackupError, match="file folder .* is not empty"):
        backup.restore(archive_path=archive, db=db, file_root=site["files"])
    assert not Path(db["NAME"]).exists()


def test_a_corrupted_archive_is_refused_before_anything_is_restored(site, tmp_path):
    archive, _ = backup.backup(db=site["db"], file_root=site["files"], directory=site["out"])
    data = bytearray(archive.read_bytes())
    at = data.index(b"%PDF-1.7 bien ban")
    data[at + 9] ^= 0xFF  # one byte of a file flipped
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    db, root = _fresh(tmp_path)
    with pytest.raises(backup.BackupError, match="evidence/2026/05/a.pdf is corrupted"):
        backup.restore(archive_path=damaged, db=db, file_root=root)
    assert not Path(db["NAME"]).exists() and not root.exists()

    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[:2000])
    with pytest.raises(backup.BackupError):
        backup.verify(truncated)
    (tmp_path / "junk.tar").write_text("not an archive")
    with pytest.raises(backup.BackupError, match="not a readable backup archive"):
        backup.verify(tmp_path / "junk.tar")


def test_an_archive_with_an_unlisted_or_unsafe_member_is_refused(site, tmp_path):
    archive, manifest = backup.backup(db=site["db"], file_root=site["files"], directory=site["out"])
    forged = tmp_path / "forged.tar"
    with tarfile.open(archive) as source, tarfile.open(forged, "w") as target:
        for member in source:
            target.addfile(member, source.extractfile(member))
        evil = tmp_path / "evil"
        evil.write_text("x")
        target.add(evil, arcname="../../etc/cron.d/evil")
    with pytest.raises(backup.BackupError, match="unsafe path"):
        backup.verify(forged)
    assert json.loads(json.dumps(manifest))["format"] == backup.FORMAT


def test_a_missing_or_read_only_folder_stops_with_a_clear_message(site, tmp_path):
    with pytest.raises(backup.BackupError, match="does not exist"):
        backup.backup(db=site["db"], file_root=site["files"], directory=tmp_path / "nowhere")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", "--output", str(tmp_path / "nowhere"))


def test_a_full_disk_leaves_no_half_archive(site, monkeypatch):
    real_add = tarfile.TarFile.add

    def full_disk(self, name, arcname=None, **kwargs):
        if str(arcname).startswith("files/reports"):
            raise OSError(28, "No space left on device")
        return real_add(self, name, arcname=arcname, **kwargs)

    monkeypatch.setattr(tarfile.TarFile, "add", full_disk)
    with pytest.raises(backup.BackupError, match="No space left on device"):
        backup.backup(db=site["db"], file_root=site["files"], directory=site["out"])
    assert list(site["out"].iterdir()) == []


def test_restore_command_reports_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(tmp_path / "none.tar"), "--verify-only")


def test_the_default_folder_is_made_on_first_use(settings, tmp_path, monkeypatch):
    """A fresh checkout has no var/backups: `manage.py backup` without --output makes it and writes there."""
    settings.BACKUP_DIR = tmp_path / "var" / "backups"
    written = {}

    def fake_backup(*, db, file_root, directory):
        written["directory"] = directory
        assert directory.is_dir()
        archive = directory / "hdnd-backup-20261207-000000.tar"
        archive.write_bytes(b"tar")
        return archive, {"tables": {"petition": 3}, "files": {}}

    monkeypatch.setattr(backup, "backup", fake_backup)
    call_command("backup")
    assert written["directory"] == settings.BACKUP_DIR
