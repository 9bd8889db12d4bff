"""Redis is an accelerator, never a dependency: a cache or broker outage slows nothing and fails nothing.

Every cache call goes through ``GuardedRedisCache`` (a failure reads as a miss, a write is dropped) and every
task the web side queues goes through ``publish`` (no retries, short timeouts, failure logged and swallowed).
Work that must happen anyway is durable in the database (the mail outbox, queued report rows, the nightly
figure refresh) and swept by beat, so a dropped publish only delays it.
"""

import logging
import queue
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import close_old_connections

logger = logging.getLogger("hdnd.resilience")

# One warning a minute per kind of outage: a dead Redis must not flood the log with a line per request.
WARN_EVERY_SECONDS = 60.0
_last_warning: dict[str, float] = {}


def warn_once(what: str, error: BaseException) -> None:
    """Log that ``what`` is unavailable, at most once a minute."""
    now = time.monotonic()
    if now - _last_warning.get(what, -WARN_EVERY_SECONDS) >= WARN_EVERY_SECONDS:
        _last_warning[what] = now
        logger.warning(
            "%s is unavailable (%s: %s); carrying on without it.", what, type(error).__name__, error
        )


def _guarded(name: str, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ValueError:
            raise  # incr/decr of a missing key: the caller's business, not an outage
        except Exception as error:  # noqa: BLE001 - connection refused, timeouts, a Redis in read-only mode
            warn_once("The cache (Redis)", error)
            return fallback() if callable(fallback) else fallback

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


class GuardedRedisCache(RedisCache):
    """Django's Redis cache whose failures read as misses and whose writes are dropped (logged once a minute).

    ``add`` answers False on failure (nothing was stored), ``incr`` raises ValueError as for a missing key, so
    callers keep their usual handling; pages render uncached, and ``{% cache %}`` simply recomputes.
    """

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except Exception as error:  # noqa: BLE001
            warn_once("The cache (Redis)", error)
            return default

    get_many = _guarded("get_many", dict)
    has_key = _guarded("has_key", False)
    set = _guarded("set", None)
    set_many = _guarded("set_many", list)
    add = _guarded("add", False)
    touch = _guarded("touch", False)
    delete = _guarded("delete", False)
    delete_many = _guarded("delete_many", None)
    clear = _guarded("clear", False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as error:
            warn_once("The cache (Redis)", error)
            raise ValueError("cache unavailable") from error


def publish(task, *args, countdown: int | None = None, **kwargs) -> bool:
    """Queue ``task`` without retrying and without blocking the request; say whether it was queued.

    With no broker (the quick start) the task runs in-process: during a web request, on a background thread
    when TASKS_EAGER_IN_BACKGROUND is on (so a clerk's save never waits for a figure refresh or a report);
    elsewhere (management commands, tests) at once. Its failure is logged in full, never failing the request.
    """
    if task.app.conf.task_always_eager:
        if settings.TASKS_EAGER_IN_BACKGROUND and getattr(_request, "active", False):
            _background_queue().put((task, args, kwargs))
            return True
        try:
            task.apply_async(args, kwargs)
        except Exception:  # a bug in the task, logged in full; the caller's work is saved
            logger.exception("Task %s failed in-process", task.name)
            return False
        return True
    options = {"retry": False, "ignore_result": True}  # the web never waits for a result
    if countdown:
        options["countdown"] = countdown
    try:
        task.apply_async(args, kwargs, **options)
    except Exception as error:  # noqa: BLE001 - the caller's work is already durable; the sweep catches up
        warn_once("The task broker (Redis)", error)
        return False
    return True


# --- In-process tasks of the quick start, one at a time, after the request --------------------------------

_request = threading.local()


def mark_request(active: bool, **kwargs) -> None:
    """Signal receiver (request_started / request_finished): whether this thread serves a request now."""
    _request.active = active


_queue: queue.Queue | None = None
_queue_lock = threading.Lock()


def _background_queue() -> queue.Queue:
    global _queue
    with _queue_lock:
        if _queue is None:
            _queue = queue.Queue()
            threading.Thread(target=_run_queued, args=(_queue,), name="hdnd-tasks", daemon=True).start()
    return _queue


def _run_queued(tasks: queue.Queue) -> None:
    while True:
        task, args, kwargs = tasks.get()
        try:
            result = task.apply(args, kwargs)
            if result.failed():
                logger.error("Task %s failed in-process: %r", task.name, result.result)
        except Exception:  # keep the thread alive for the next task
            logger.exception("Task %s failed in-process", task.name)
        finally:
            close_old_connections()
            tasks.task_done()


def wait_for_background_tasks(timeout: float = 30.0) -> bool:
    """Whether every queued in-process task ended within ``timeout`` seconds (tests, management commands)."""
    deadline = time.monotonic() + timeout
    while _queue is not None and _queue.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.05)
    return _queue is None or not _queue.unfinished_tasks
