"""What an operator needs to follow a request or a task: an id, structured log lines, and error tracking.

Every request gets an id (the proxy's X-Request-ID when it is sane, else a new one), returned in the
response's X-Request-ID header, shown on the 500 page so a clerk can quote it, and attached to every log line
written while the request runs, with the user id and the council. Celery tasks log with their task id.
Log lines are JSON (LOG_FORMAT=json, the production default) or plain text (development).
"""

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid

from django.conf import settings

_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("hdnd_log_context", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_logger = logging.getLogger("hdnd.request")


def current_request_id() -> str:
    return (_context.get() or {}).get("request_id", "")


class ContextFilter(logging.Filter):
    """Attach the running request's or task's id, user and council to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _context.get() or {}
        request = context.get("request")
        user_id = council = ""
        # The council middleware has run (and so the user is loaded): reading them costs no query.
        if request is not None and hasattr(request, "user_councils"):
            council = request.council.code if request.council is not None else ""
            user_id = request.user.pk if request.user.is_authenticated else ""
        for key, value in (
            ("request_id", context.get("request_id", "")),
            ("user_id", user_id),
            ("council", council),
        ):
            if not hasattr(record, key):
                setattr(record, key, value)
        if context.get("task") and not hasattr(record, "task"):
            record.task = context["task"]
        return True


# Attributes every LogRecord has; anything else passed with ``extra=`` goes into the JSON line.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the context and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and value not in ("", None):
                line[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class RequestIdMiddleware:
    """Give the request an id, log one line when it ends (status, duration, user, council)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        token = _context.set({"request_id": request.id, "request": request})
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            self._log(request, response.status_code, started)
            return response
        finally:
            _context.reset(token)

    @staticmethod
    def _log(request, status: int, started: float) -> None:
        if request.path == "/healthz" and status == 200:
            return  # the load balancer's polls would drown everything else
        access_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )


def server_error(request):
    """The 500 page, with the request id a clerk can quote to the administrator."""
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("500.html")
    try:  # the page's one inline style carries the response's nonce (none if the failure came before it)
        nonce = str(request.csp_nonce)
    except Exception:  # noqa: BLE001 - no nonce attribute, or django-csp already wrote the header
        nonce = ""
    return HttpResponseServerError(
        template.render({"request_id": getattr(request, "id", ""), "csp_nonce": nonce})
    )


# --- Celery ---------------------------------------------------------------------------------------------


def task_started(task_id=None, task=None, **kwargs) -> None:
    _context.set({"request_id": task_id or "", "task": getattr(task, "name", "")})


def task_finished(**kwargs) -> None:
    _context.set(None)


# --- Error tracking -------------------------------------------------------------------------------------

# Never sent to the error tracker: request bodies, cookies and these headers and variables.
_SCRUB = re.compile(
    r"(name|phone|address|email|mail|contact|password|secret|token|cookie|session|csrf|authorization|key)",
    re.I,
)


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Remove personal data from an error event before it leaves the server."""
    request = event.get("request") or {}
    request.pop("data", None)
    request.pop("cookies", None)
    request.pop("query_string", None)
    headers = request.get("headers") or {}
    for key in list(headers):
        if _SCRUB.search(key):
            headers[key] = "[scrubbed]"
    event.pop("user", None)
    for entry in (event.get("exception") or {}).get("values", []):
        for frame in (entry.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)  # local variables can hold a citizen's name or phone
    return event


def init_error_tracking() -> bool:
    """Start Sentry (Django and Celery integrations) when SENTRY_DSN is set; say whether it started."""
    dsn = getattr(settings, "SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        before_send=scrub_event,
        environment=getattr(settings, "SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=0.0,
    )
    return True
