"""``python -m tests.held_reports_worker -A council worker ...``: a real Celery worker whose report builds
wait until the test releases them, so a test can hold the reports worker busy for as long as it likes.

Each build sets the Redis key ``held`` and waits for an item in the list ``release`` (HELD_REDIS_URL)
before building the real report. Test code only: production code has no hook for this.
"""

import os
import sys
import time

from celery import signals


def _held(real):
    def build(report, **kwargs):
        import redis

        server = redis.Redis.from_url(os.environ["HELD_REDIS_URL"])
        server.set("held", report.pk)
        # Polled: a blocking read would meet the worker's socket timeouts.
        deadline = time.monotonic() + int(os.environ.get("HELD_SECONDS", "180"))
        while server.lpop("release") is None and time.monotonic() < deadline:
            time.sleep(0.1)
        return real(report, **kwargs)

    build.held = True
    return build


@signals.task_prerun.connect
def _hold_report_builds(**kwargs):
    from reports import builders

    if not getattr(builders.build, "held", False):
        builders.build = _held(builders.build)


if __name__ == "__main__":
    from celery.__main__ import main

    sys.exit(main())
