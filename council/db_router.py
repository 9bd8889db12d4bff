"""Reads of the leadership's pages and of report building from a streaming read replica, when one is set.

``REPLICA_DATABASE_URL`` adds a ``replica`` database alias; without it there is no alias, no router and no
middleware, and every query goes to ``default`` exactly as before. With it, the replica serves only code
marked as read-only (``replica_view`` on the dashboard, scorecard, figure drill-down and participation
pages; ``replica_reads`` around report building), and even there only while all of these hold:

- the request is a GET or HEAD, no transaction is open on the primary, and the scope has not written: the
  first INSERT, UPDATE or DELETE seen on the primary's connection sends every later read to the primary;
- the user's own last write has been replayed: a request that wrote leaves a short-lived cookie with the
  primary's WAL position, and until the replica has replayed past it that user reads the primary (read your
  writes, also on the page a POST redirects to). Report building waits (briefly) for the replica to reach
  the primary's position at its start, so a report never misses what was written before it was asked for;
- the replica answers and lags at most ``REPLICA_MAX_LAG_SECONDS``. It is checked at most every
  ``REPLICA_CHECK_SECONDS`` per process; a failed check is remembered for ``REPLICA_RETRY_SECONDS`` so
  requests never queue behind a dead replica. A marked page whose replica fails mid-request is rendered
  again from the primary.

Writes always go to the primary and only the primary is migrated.
"""

import contextlib
import contextvars
import dataclasses
import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
COOKIE = "hdnd_replica_after"
SAFE_METHODS = frozenset({"GET", "HEAD"})
_WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE")
# A written position we cannot compare (a non-PostgreSQL primary, a mangled cookie): the primary until the
# cookie expires.
_UNKNOWN_POSITION = 1 << 64


def configured() -> bool:
    return REPLICA in connections.settings  # settings.DATABASES, as the connection handler read it


@dataclasses.dataclass
class _Scope:
    """What one request (or one marked block outside a request) may read from the replica."""

    primary_only: bool = False  # not a safe method, or the replica failed during this request
    wrote: bool = False
    marked: int = 0  # depth of replica_reads blocks
    unrelated: int = 0  # depth of unrelated_writes blocks
    after: int = 0  # the WAL position the replica must have replayed
    used: bool = False


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar("hdnd_replica_scope", default=None)


def lsn_to_int(text: str) -> int:
    """PostgreSQL's ``X/Y`` WAL position as one number (comparable, subtractable)."""
    high, low = text.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def primary_position() -> int | None:
    """The primary's current WAL position; None where the engine has none (SQLite)."""
    primary = connections[DEFAULT_DB_ALIAS]
    if primary.vendor != "postgresql":
        return None
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return lsn_to_int(cursor.fetchone()[0])


# ---------------------------------------------------------------- the replica's state, checked now and then


@dataclasses.dataclass(frozen=True)
class ReplicaState:
    reachable: bool
    lag_seconds: float | None = None  # None: cannot tell (then it is not used)
    lag_bytes: int | None = None
    replayed: int | None = None  # WAL position replayed; None on engines without one
    problem: str = ""
    checked_at: float = 0.0

    @property
    def usable(self) -> bool:
        return (
            self.reachable
            and not self.problem
            and self.lag_seconds is not None
            and self.lag_seconds <= settings.REPLICA_MAX_LAG_SECONDS
        )

    def describe(self) -> str:
        """One line for the operator: ``ok``, or what is wrong and that reads go to the primary."""
        if self.usable:
            return "ok"
        if not self.reachable:
            what = f"unreachable ({self.problem})"
        elif self.problem:
            what = self.problem
        elif self.lag_seconds is None:
            what = f"lagging (unknown time, {self.lag_bytes} bytes behind)"
        else:
            what = f"lagging {round(self.lag_seconds)} s"
        return f"{what}: reads fall back to the primary"


def measure() -> ReplicaState:
    """Ask the replica how far it has replayed, and the primary how far it has written."""
    replica = connections[REPLICA]
    try:
        with replica.cursor() as cursor:
            if replica.vendor != "postgresql":
                cursor.execute("SELECT 1")  # only reachability can be told on other engines
                cursor.fetchone()
                return ReplicaState(reachable=True, lag_seconds=0.0)
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8"
            )
            recovering, replayed_text, since = cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - whatever failed, the answer is "not now"
        with contextlib.suppress(Exception):
            replica.close()  # a broken connection is opened afresh at the next check
        return ReplicaState(reachable=False, problem=type(error).__name__)
    if not recovering:
        return ReplicaState(reachable=True, problem="not a replica (not in recovery)")
    replayed = lsn_to_int(replayed_text) if replayed_text else None
    written = primary_position()
    behind = max(0, written - replayed) if written is not None and replayed is not None else None
    # Nothing left to replay means no lag, however long ago the last transaction was (an idle primary).
    lag = 0.0 if behind == 0 else (None if since is None else max(0.0, float(since)))
    return ReplicaState(reachable=True, lag_seconds=lag, lag_bytes=behind, replayed=replayed)


_last: ReplicaState | None = None


def replica_state(*, fresh: bool = False) -> ReplicaState:
    """The replica's state, measured at most every REPLICA_CHECK_SECONDS (REPLICA_RETRY_SECONDS when it
    did not answer) in this process."""
    global _last
    now = time.monotonic()
    last = _last
    if not fresh and last is not None:
        wait = settings.REPLICA_CHECK_SECONDS if last.reachable else settings.REPLICA_RETRY_SECONDS
        if now - last.checked_at < wait:
            return last
    state = dataclasses.replace(measure(), checked_at=now)
    if last is None or last.usable != state.usable:
        log = logger.info if state.usable else logger.warning
        log("Read replica: %s", state.describe())
    _last = state
    return state


def forget() -> None:
    """Drop the remembered state (tests; the next read measures again)."""
    global _last
    _last = None


def status() -> tuple[str, dict | None]:
    """The health detail's line for the replica, measured now, with its figures."""
    if not configured():
        return "not configured", None
    state = replica_state(fresh=True)
    lag = None if state.lag_seconds is None else round(state.lag_seconds, 1)
    return state.describe(), {"lag_seconds": lag, "lag_bytes": state.lag_bytes}


# ---------------------------------------------------------------- routing


def _reads_from_replica() -> bool:
    scope = _scope.get()
    if scope is None or not scope.marked or scope.primary_only or scope.wrote:
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block and not scope.unrelated:
        return False  # a transaction reads what it (may) write, in one snapshot
    state = replica_state()
    if not state.usable:
        return False
    if scope.after and (state.replayed is None or state.replayed < scope.after):
        return False
    scope.used = True
    return True


class ReplicaRouter:
    """Marked reads to the replica when it is safe (see the module's docstring); everything else default."""

    def db_for_read(self, model, **hints) -> str:
        return REPLICA if _reads_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both hold the same rows: an object read from the replica may point at one read from the primary.
        same = {DEFAULT_DB_ALIAS, REPLICA}
        return True if obj1._state.db in same and obj2._state.db in same else None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


def _detect_writes(execute, sql, params, many, context):
    """An execute wrapper on the primary's connection: a write turns the scope's replica reads off."""
    scope = _scope.get()
    if (
        scope is not None
        and not scope.wrote
        and not scope.unrelated
        and isinstance(sql, str)
        and sql.lstrip()[:8].upper().startswith(_WRITES)
    ):
        scope.wrote = True
    return execute(sql, params, many, context)


def _watch_writes() -> None:
    wrappers = connections[DEFAULT_DB_ALIAS].execute_wrappers
    if _detect_writes not in wrappers:
        # First in the list: others push and pop their own wrappers at the end (connection.execute_wrapper).
        wrappers.insert(0, _detect_writes)


@contextmanager
def replica_reads(*, catch_up: bool = False) -> Iterator[None]:
    """Mark a block whose reads may come from the replica (a no-op when none is configured).

    ``catch_up`` (report building, outside a request) first waits up to REPLICA_CATCH_UP_SECONDS for the
    replica to replay what the primary has written so far; reads go to the primary until it has.
    """
    if not configured():
        yield
        return
    scope = _scope.get()
    token = None
    if scope is None:
        scope = _Scope()
        token = _scope.set(scope)
    _watch_writes()
    scope.marked += 1
    try:
        if catch_up:
            scope.after = max(scope.after, _wait_for_replay())
        yield
    finally:
        scope.marked -= 1
        if token is not None:
            _scope.reset(token)


def _wait_for_replay() -> int:
    target = primary_position()
    if target is None:
        return 0
    deadline = time.monotonic() + settings.REPLICA_CATCH_UP_SECONDS
    while True:
        state = replica_state(fresh=True)
        if not state.usable or (state.replayed is not None and state.replayed >= target):
            return target
        if time.monotonic() >= deadline:
            return target
        time.sleep(0.05)


@contextmanager
def unrelated_writes() -> Iterator[None]:
    """Writes that the marked reads never read back (a run's progress, a cache row): they keep the replica.

    Transactions opened inside are taken to be such writes too, so the reads in them may use the replica.
    """
    scope = _scope.get()
    if scope is None:
        yield
        return
    scope.unrelated += 1
    try:
        yield
    finally:
        scope.unrelated -= 1


def replica_view(view: Callable) -> Callable:
    """Serve a read-only view's reads from the replica when it is safe; rerun it from the primary if the
    replica fails during the request."""

    @functools.wraps(view)
    def wrapped(request, *args: Any, **kwargs: Any):
        if not configured():
            return view(request, *args, **kwargs)
        with replica_reads():
            scope = _scope.get()
            try:
                return view(request, *args, **kwargs)
            except (OperationalError, InterfaceError):
                if scope is None or not scope.used or replica_state(fresh=True).usable:
                    raise  # the primary failed, or the replica is fine: not ours to hide
                logger.warning("Read replica failed during %s; rendering from the primary", request.path)
                scope.primary_only = True
                return view(request, *args, **kwargs)

    return wrapped


def _written_position(value: str | None) -> int:
    if not value:
        return 0
    return int(value) if value.isdigit() and len(value) < 21 else _UNKNOWN_POSITION


class ReplicaMiddleware:
    """One routing scope per request; a request that wrote leaves the cookie that keeps its user on the
    primary until the replica has replayed the write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = _Scope(
            primary_only=request.method not in SAFE_METHODS,
            after=_written_position(request.COOKIES.get(COOKIE)),
        )
        token = _scope.set(scope)
        _watch_writes()
        try:
            response = self.get_response(request)
        finally:
            _scope.reset(token)
        if scope.wrote:
            position = primary_position()
            response.set_cookie(
                COOKIE,
                str(position if position is not None else _UNKNOWN_POSITION),
                # Past twice the tolerated lag the replica is either caught up or not used at all.
                max_age=2 * settings.REPLICA_MAX_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
