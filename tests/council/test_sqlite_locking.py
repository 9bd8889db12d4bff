"""On SQLite a second writer waits for the lock instead of failing with "database is locked"."""

import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

DEFAULT = settings.DATABASES["default"]
on_sqlite = pytest.mark.skipif(DEFAULT["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite only")


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker):
    # These tests open their own file databases, never the test database.
    with django_db_blocker.unblock():
        yield


def _connect(path) -> DatabaseWrapper:
    """A connection configured exactly as the project's, to a file database (tests use one in memory)."""
    wrapper = DatabaseWrapper({**DEFAULT, "NAME": str(path), "TEST": {}}, alias="lock_test")
    wrapper.ensure_connection()
    return wrapper


def test_postgresql_gets_none_of_the_sqlite_options():
    if DEFAULT["ENGINE"] == "django.db.backends.sqlite3":
        assert DEFAULT["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:
        assert not {"transaction_mode", "init_command", "timeout"} & set(DEFAULT.get("OPTIONS", {}))


@on_sqlite
def test_a_sqlite_connection_uses_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    connection = _connect(tmp_path / "db.sqlite3")
    try:
        with connection.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        assert connection.transaction_mode == "IMMEDIATE"
    finally:
        connection.close()


@on_sqlite
def test_a_second_writer_waits_while_a_transaction_holds_the_lock(tmp_path):
    path = tmp_path / "db.sqlite3"
    holder = _connect(path)
    holder.cursor().execute("CREATE TABLE t (x integer)")
    outcome = {}

    def second_writer():
        other = _connect(path)
        started = time.monotonic()
        try:
            other.cursor().execute("INSERT INTO t VALUES (2)")
            outcome["waited"] = time.monotonic() - started
        except Exception as error:  # noqa: BLE001 - the failure is what the test reports
            outcome["error"] = error
        finally:
            other.close()

    try:
        cursor = holder.cursor()
        cursor.execute("BEGIN IMMEDIATE")  # what every atomic block now starts with
        cursor.execute("INSERT INTO t VALUES (1)")
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.6)  # the long import keeps writing…
        cursor.execute("COMMIT")
        thread.join(10)
        assert "error" not in outcome, outcome
        assert outcome["waited"] >= 0.4
        assert sorted(r[0] for r in holder.cursor().execute("SELECT x FROM t").fetchall()) == [1, 2]
    finally:
        holder.close()
