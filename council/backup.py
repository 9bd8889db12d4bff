"""One consistent archive of everything the council typed and uploaded, and its verified restore.

The archive (a tar file) holds the database (PostgreSQL's custom-format dump, or a copy of the SQLite file),
the private files under ``files/``, and ``manifest.json``: every table's row count and every file's size and
SHA-256. On PostgreSQL the dump and the counts read one exported snapshot, so they agree even while clerks
keep writing. The archive is written under a temporary name and renamed when complete: a full disk or a
failure leaves no half archive. A restore checks every checksum before it touches anything, goes only into an
empty database and an empty file folder, and compares the counts and hashes afterwards.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or a restore cannot go on; the message says why, and nothing was changed."""


def _digest(handle) -> str:
    digest = hashlib.sha256()
    while block := handle.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _digest(handle)


def _engine(db: dict) -> str:
    engine = db["ENGINE"]
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    raise BackupError(f"Unsupported database engine {engine}.")


# --- PostgreSQL ------------------------------------------------------------------------------------------


def _pg_connect(db: dict, name: str | None = None):
    import psycopg2

    return psycopg2.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=name or db["NAME"],
        connect_timeout=10,
    )


def _pg_env(db: dict) -> dict:
    env = {**os.environ, "PGHOST": str(db.get("HOST") or "127.0.0.1"), "PGPORT": str(db.get("PORT") or 5432)}
    if db.get("USER"):
        env["PGUSER"] = db["USER"]
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _pg_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in _pg_tables(cursor):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_dump(db: dict, target: Path) -> dict[str, int]:
    """Dump the database and count its rows, both from one snapshot."""
    import psycopg2.extensions

    connection = _pg_connect(db)
    try:
        connection.set_session(isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _pg_counts(cursor)
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(target),
                    db["NAME"],
                ],
                env=_pg_env(db),
                capture_output=True,
                text=True,
            )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    finally:
        connection.close()
    return counts


def _pg_is_empty(db: dict) -> bool:
    connection = _pg_connect(db)
    try:
        with connection.cursor() as cursor:
            return not _pg_tables(cursor)
    finally:
        connection.close()


def _pg_restore(db: dict, dump: Path) -> dict[str, int]:
    result = subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "-d", db["NAME"], str(dump)],
        env=_pg_env(db),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    connection = _pg_connect(db)
    try:
        with connection.cursor() as cursor:
            return _pg_counts(cursor)
    finally:
        connection.close()


# --- SQLite ----------------------------------------------------------------------------------------------


def _sqlite_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
        }
    finally:
        connection.close()


def _sqlite_dump(db: dict, target: Path) -> dict[str, int]:
    source = sqlite3.connect(db["NAME"])
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)  # a consistent copy, even while others write (WAL)
    finally:
        destination.close()
        source.close()
    return _sqlite_counts(target)


def _sqlite_is_empty(db: dict) -> bool:
    path = Path(db["NAME"])
    return not path.exists() or path.stat().st_size == 0 or not _sqlite_counts(path)


def _sqlite_restore(db: dict, copy: Path) -> dict[str, int]:
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, target)
    return _sqlite_counts(target)


# --- The archive -----------------------------------------------------------------------------------------


def _files_under(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(
    *, db: dict, file_root: Path, directory: Path, now: dt.datetime | None = None
) -> tuple[Path, dict]:
    """Write one archive into ``directory``; return its path and its manifest."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BackupError(f"The backup folder {directory} does not exist.")
    if not os.access(directory, os.W_OK):
        raise BackupError(f"The backup folder {directory} is not writable.")
    engine = _engine(db)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    final = directory / f"hdnd-backup-{stamp}.tar"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    partial = directory / f".{final.name}.partial"
    try:
        with tempfile.TemporaryDirectory(dir=directory, prefix=".hdnd-backup-") as work:
            dump = Path(work) / (PG_DUMP if engine == "postgresql" else SQLITE_COPY)
            counts = _pg_dump(db, dump) if engine == "postgresql" else _sqlite_dump(db, dump)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "engine": engine,
                "database": {"name": dump.name, "size": dump.stat().st_size, "sha256": _sha256(dump)},
                "tables": counts,
                "files": {},
            }
            with tarfile.open(partial, "w") as archive:
                archive.add(dump, arcname=dump.name)
                for file in _files_under(Path(file_root)):
                    relative = file.relative_to(file_root).as_posix()
                    manifest["files"][relative] = {"size": file.stat().st_size, "sha256": _sha256(file)}
                    archive.add(file, arcname=f"files/{relative}")
                data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
        os.replace(partial, final)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"Could not write the backup into {directory}: {error.strerror or error}."
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final, manifest


@contextmanager
def _opened(archive_path: Path):
    try:
        archive = tarfile.open(archive_path, "r:")  # noqa: SIM115 - closed below, after the caller's block
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{archive_path} is not a readable backup archive ({error}).") from error
    try:
        yield archive
    finally:
        archive.close()


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.loads(archive.extractfile(member).read())
    except (KeyError, ValueError, tarfile.TarError, OSError) as error:
        raise BackupError(
            "The archive has no readable manifest: it is incomplete or not a backup."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _safe_member_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name}.")
    return name


def verify(archive_path: Path) -> dict:
    """Check that every file of the archive matches its manifest; return the manifest."""
    with _opened(Path(archive_path)) as archive:
        manifest = _read_manifest(archive)
        expected = {manifest["database"]["name"]: manifest["database"]["sha256"]}
        expected.update({f"files/{name}": entry["sha256"] for name, entry in manifest["files"].items()})
        seen = set()
        try:
            for member in archive:
                name = _safe_member_name(member.name)
                if name == MANIFEST:
                    continue
                if not member.isfile() or name not in expected:
                    raise BackupError(f"The archive holds {name}, which its manifest does not list.")
                if _digest(archive.extractfile(member)) != expected[name]:
                    raise BackupError(f"{name} is corrupted (its checksum does not match the manifest).")
                seen.add(name)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"The archive is damaged ({error}).") from error
        missing = set(expected) - seen
        if missing:
            raise BackupError(
                f"The archive lacks {len(missing)} files its manifest lists, e.g. {min(missing)}."
            )
    return manifest


def restore(*, archive_path: Path, db: dict, file_root: Path) -> dict:
    """Restore an archive into an empty database and an empty file folder, then check counts and hashes."""
    archive_path, file_root = Path(archive_path), Path(file_root)
    manifest = verify(archive_path)
    engine = _engine(db)
    if manifest["engine"] != engine:
        raise BackupError(f"The archive holds a {manifest['engine']} database; this site uses {engine}.")
    if not (_pg_is_empty(db) if engine == "postgresql" else _sqlite_is_empty(db)):
        raise BackupError("The database is not empty: restore only into a new, empty database.")
    if _files_under(file_root):
        raise BackupError(f"The file folder {file_root} is not empty: restore only into an empty one.")
    with tempfile.TemporaryDirectory(prefix="hdnd-restore-") as work, _opened(archive_path) as archive:
        work = Path(work)
        for member in archive:
            name = _safe_member_name(member.name)
            if name == MANIFEST:
                continue
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
        dump = work / manifest["database"]["name"]
        counts = _pg_restore(db, dump) if engine == "postgresql" else _sqlite_restore(db, dump)
        file_root.mkdir(parents=True, exist_ok=True)
        for name in manifest["files"]:
            target = file_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(work / "files" / name, target)
    differences = {
        table: (expected, counts.get(table))
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    }
    if differences:
        raise BackupError(f"Restored, but the row counts differ from the manifest: {differences}.")
    for name, entry in manifest["files"].items():
        if _sha256(file_root / name) != entry["sha256"]:
            raise BackupError(f"Restored, but {name} differs from the manifest.")
    return manifest
