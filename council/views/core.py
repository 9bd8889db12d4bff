"""The shell: council switching and the health check."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from council import db_router, health
from council.middleware import SESSION_KEY
from council.params import next_param


@require_POST
def council_switch(request):
    wanted = request.POST.get("council")
    council = next((c for c in request.user_councils if str(c.pk) == wanted), None)
    if council is None:
        raise Http404
    request.session[SESSION_KEY] = council.pk
    target = next_param(request, "")
    if not target:
        return redirect("home")
    # A record of the old council does not exist in the new one: go to the list it came from.
    path = urlsplit(target).path
    parts = path.strip("/").split("/")
    for index, part in enumerate(parts):
        if part.isdigit():
            return redirect("/" + "/".join(parts[:index]) + "/" if index else "home")
    return redirect(target)


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down", and its text is the diagnosis
        return f"error: {error.__class__.__name__}"
    return "ok"


def _broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from council.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return f"error: {error.__class__.__name__}"
    return "ok"


def _worker_status() -> str:
    """Round-trip a task through the broker to a worker (only when asked: it takes up to 5 s)."""
    from council.tasks import healthcheck_task

    try:
        return "ok" if healthcheck_task.delay().get(timeout=5) == "ok" else "error"
    except Exception as error:  # noqa: BLE001
        return f"error: {error.__class__.__name__}"


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness for the load balancer: 200 while the database answers; ``?detail=1`` for operators.

    Redis (broker and cache) only accelerates: when it is down the site keeps serving, so the node stays in
    the pool and says "degraded"; pulling every web node at once because Redis died would stop the service.
    """
    checks = {"database": _database_status(), "broker": _broker_status()}
    detail = request.GET.get("detail") == "1"
    if detail and not health.may_read_detail(request):
        raise Http404  # the detail exists only for administrators and the monitoring token
    if request.GET.get("worker") == "1" or detail:
        checks["worker"] = _worker_status() if checks["broker"] in ("ok", "eager") else "unknown"
    if checks["database"] != "ok":
        return JsonResponse({"status": "error", **checks}, status=503)
    degraded = any(value not in ("ok", "eager", "unknown") for value in checks.values())
    if checks["broker"] not in ("ok", "eager"):
        checks["broker"] = "degraded"
    body = {"status": "degraded" if degraded else "ok", **checks}
    if detail:
        body["cache"] = health.cache_status()
        background, warnings = health.background_detail()
        body.update(background)
        # The read replica (when one is set): its lag, or why reads fall back to the primary (which serves).
        body["replica"], body["replica_lag"] = db_router.status()
        if body["replica"] not in ("ok", "not configured"):
            warnings.append(f"replica: {body['replica']}")
        body["warnings"] = warnings
        if body["cache"].startswith("degraded") or warnings:
            body["status"] = "degraded"
    return JsonResponse(body, status=200)
