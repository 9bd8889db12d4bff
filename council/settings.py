"""Settings for the HĐND work-management app, all read from the environment.

Quick start (``make run``): no variables needed — SQLite file in ``var/``, tasks run in-process.
Production: set ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL`` and ``REDIS_URL``.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state of a checkout (SQLite database, private files, beat's schedule); git keeps the empty folder.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only (`make run` listens on 127.0.0.1), as in Django's project template: a fixed key, so
    # that importing the settings writes no file. `check --deploy` flags it.
    return "django-insecure-hdnd-development-only"


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "council.apps.CouncilConfig",
    "delegates.apps.DelegatesConfig",
    "sessions.apps.SessionsConfig",
    "oversight.apps.OversightConfig",
    "voters.apps.VotersConfig",
    "directives.apps.DirectivesConfig",
    "reports.apps.ReportsConfig",
    "notifications.apps.NotificationsConfig",
    "api.apps.ApiConfig",
    "demo.apps.DemoConfig",
]

MIDDLEWARE = [
    # First: the request id and the access log line cover everything below.
    "council.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that may answer early (sign-in, code step, idle timeout): every answer has it.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (django-csp, with a nonce per response) and Permissions-Policy on every answer.
    "csp.middleware.CSPMiddleware",
    "council.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # request.user.is_verified(): the session passed the two-factor code step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The code step, enrolment when it is mandatory, /admin/ only after the code, the staff idle timeout.
    "council.signin_middleware.SignInSecurityMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "council.middleware.CurrentCouncilMiddleware",
    # A path id beyond 64 bits or an absurd year in the path is a 404, for every view (council/params.py).
    "council.middleware.BoundedPathIdsMiddleware",
    # Who may see which personal data, for everything rendered in the request (council/personal_data.py).
    "council.personal_data.PersonalDataMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"
WSGI_APPLICATION = "council.wsgi.application"
AUTH_USER_MODEL = "council.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "council.context_processors.council_context",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Choice lists iterate small querysets; a server-side cursor costs three round trips for each of them.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. Without these a request that writes while a long import holds the
    # lock fails at once with "database is locked": WAL lets readers go on beside the writer, IMMEDIATE
    # takes the write lock when a transaction begins (a deferred reader upgrading to a writer gets BUSY
    # with no wait at all), and the timeout makes a second writer wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_TIMEOUT", default=30),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# A streaming read replica (scripts/replica.sh starts one): the dashboard, scorecard, drill-down and report
# building read from it while it is safe, everything else uses the primary (council/db_router.py). Without
# REPLICA_DATABASE_URL there is no "replica" alias, router or middleware.
REPLICA_DATABASE_URL = env.str("REPLICA_DATABASE_URL", default="")
REPLICA_MAX_LAG_SECONDS = env.int("REPLICA_MAX_LAG_SECONDS", default=30)  # more: reads go to the primary
REPLICA_CHECK_SECONDS = env.int("REPLICA_CHECK_SECONDS", default=5)  # lag measured at most this often
REPLICA_RETRY_SECONDS = env.int("REPLICA_RETRY_SECONDS", default=15)  # an unreachable replica is left alone
REPLICA_CATCH_UP_SECONDS = env.int("REPLICA_CATCH_UP_SECONDS", default=2)  # a report waits this long for it
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = env.db_url_config(REPLICA_DATABASE_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
        DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = True
        # A dead replica must cost a request at most this, once per REPLICA_RETRY_SECONDS.
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
            "REPLICA_CONNECT_TIMEOUT", default=2
        )
    DATABASE_ROUTERS = ["council.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "council.db_router.ReplicaMiddleware"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: lock a username *from one IP* after repeated failures, for a cool-off period.
# Never lock an IP as a whole — a whole Office shares one address behind its NAT.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address as the public rate limits read it (CLIENT_IP_HEADER behind the proxy): without it
# every clerk behind nginx would be 127.0.0.1, and five wrong passwords would lock a username for everyone.
AXES_CLIENT_IP_CALLABLE = "council.ratelimit.client_ip"

# Two-factor sign-in (django-otp, TOTP with single-use recovery codes; README "Sign-in security"). Mandatory
# for administrators, Office staff and anyone allowed to see denouncers' identity: asked at the first
# sign-in, which may be postponed for MFA_GRACE_DAYS days; then no page opens until it is set up.
MFA_GRACE_DAYS = env.int("MFA_GRACE_DAYS", default=7)
# The code step is throttled like the password step: this many wrong codes from one address lock the
# step for AXES_COOLOFF_HOURS (and four times as many from anywhere lock it for everyone).
MFA_FAILURE_LIMIT = AXES_FAILURE_LIMIT
OTP_TOTP_ISSUER = "HĐND"
# The library's own back-off is replaced by the counter above (one message, one rule for both steps).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Staff (those for whom two-factor sign-in is mandatory) are signed out after this many idle minutes.
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
# A password-reset link works once, for this many minutes.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_MINUTES", default=60) * 60

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["council.formats"]
# Off: with it on, every integer a template prints is grouped — a record id of 1234 became "1.234" in
# form values and data attributes, which broke every form once ids passed 999 (and years read "2.026").
# Figures meant for reading are grouped explicitly (the ``cell`` filter,
# ``number_format(force_grouping=True)``).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Rows per page of every list (council.params.paginate).
PAGE_SIZE = 25
# Evidence and answers are private: stored outside the web root, served only through permission checks.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
# `python manage.py backup` writes here and keeps the newest BACKUP_KEEP archives (see the README).
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024
UPLOAD_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
# Citizens' contact data (and a denouncer's identity) are anonymised this many days after their matter is
# closed (voters/services/retention.py, `manage.py anonymise_personal_data`, beat at 03:00).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=5 * 365)

# Reasons given for changes (corrections, rejections) can be long; keep them whole in the history.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in-process (quick start only).
REDIS_URL = env.str("REDIS_URL", default="")
# The request header the reverse proxy sets to the client's address (e.g. HTTP_X_REAL_IP for nginx's
# `proxy_set_header X-Real-IP $remote_addr`). Public pages rate-limit by it; unset, REMOTE_ADDR is used.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "hdnd"
# Queues that never wait behind each other (a worker per queue: deploy/systemd/hdnd-worker*.service; a small
# setup runs one worker with -Q hdnd,mail,figures,reports). Routed by task name; the rest go to "hdnd"
# (imports, matching, classifier, the report planner and recovery, beat ticks, the worker health check).
CELERY_TASK_ROUTES = {
    # mail: the outbox and everything that mails people, so a morning reminder never waits for a report.
    "council.tasks.outbox_sweep_task": {"queue": "mail"},
    "council.tasks.followup_reminders_task": {"queue": "mail"},
    "notifications.tasks.notifications_timed_task": {"queue": "mail"},
    "notifications.tasks.notifications_digest_task": {"queue": "mail"},
    # figures: dashboard summary refreshes after writes and the nightly run (one process, paced).
    "reports.tasks.summaries_refresh_task": {"queue": "figures"},
    "reports.tasks.summaries_refresh_all_task": {"queue": "figures"},
    "reports.tasks.summaries_nightly_step_task": {"queue": "figures"},
    # reports: rendering a report (DOCX, XLSX, PDF: the long one). Its planner (reports_schedule_task) and
    # recovery (reports_recover_task, every 30 s) stay on "hdnd": they must run while the reports worker is
    # busy or dead, and would pile up behind a long render.
    "reports.tasks.report_generate_task": {"queue": "reports"},
}
# Declared, so that a worker started without -Q (development) consumes every queue.
CELERY_TASK_QUEUES = {
    queue: {}
    for queue in [CELERY_TASK_DEFAULT_QUEUE, *sorted({r["queue"] for r in CELERY_TASK_ROUTES.values()})]
}
# A request that queues a task must not hang on a dead Redis: connect within a second, no reconnect loop
# (council.resilience.publish also publishes without retries). Durable work is swept by beat instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Without a broker (the quick start), queued tasks run on one background thread after the request, so a
# save never waits for a figure refresh or a report; tests run them at once.
TASKS_EAGER_IN_BACKGROUND = env.bool("TASKS_EAGER_IN_BACKGROUND", default=True)
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5

# Dashboard figures are summary rows: a write schedules their refresh this many seconds later (writes in
# between share one run), and beat recomputes all of them every night.
SUMMARY_REFRESH_AFTER_WRITES = env.bool("SUMMARY_REFRESH_AFTER_WRITES", default=True)
SUMMARY_REFRESH_DELAY = env.int("SUMMARY_REFRESH_DELAY", default=60)

if REDIS_URL:
    # Guarded: with Redis down a cache read is a miss and a write is dropped, never an error (a page renders
    # uncached); the short timeouts keep a dead or unreachable Redis from holding a request.
    CACHES = {
        "default": {
            "BACKEND": "council.resilience.GuardedRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hdnd@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="hdnd2026")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; README "Content-Security-Policy"): scripts and styles only from this
# site's static files (no inline code, no eval), plus a per-response nonce for the rare inline element that
# needs one; nothing may frame a page, forms post only here. Uploaded files keep their own stricter policy
# (council/uploads.py) and every response gets Permissions-Policy (council/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Bootstrap draws its select arrows, check marks and close buttons as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Browser features no page uses, turned off for the pages and anything they might embed; passkeys (WebAuthn)
# stay allowed for this site only.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Log lines carry the request id (also in the X-Request-ID response header and on the 500 page), the user id
# and the council; JSON in production (LOG_FORMAT=json), plain text in development. Celery logs the same way.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "council.observability.ContextFilter"}},
    "formatters": {
        "json": {"()": "council.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["context"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint's font subsetting (fontTools) logs every table it touches at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # One line per request in production (at LOG_LEVEL INFO); the development server prints its own.
        **({"hdnd.request": {"level": "WARNING"}} if DEBUG else {}),
        # The access line above replaces Django's own request lines (which have no request id).
        "django.server": {"level": "INFO" if DEBUG else "WARNING"},
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING above

# A monitoring system reads /healthz?detail=1 with "Authorization: Bearer <HEALTH_TOKEN>" (administrators
# signed in need no token); without it the detail answers 404.
HEALTH_TOKEN = env.str("HEALTH_TOKEN", default="")

# Error tracking (optional): Sentry with its Django and Celery integrations, personal data scrubbed.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")


# ---------------------------------------------------------------- the API (api/, README "API")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # each view says: a token (api.auth) or nobody
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.ApiRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.SafeJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "api.base.problem_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "HĐND API",
    "DESCRIPTION": (
        "Open data of the People's Councils (no key needed) and integrations with an access key "
        "(Authorization: Bearer hdnd_…), made at /api/keys/. Errors are RFC 9457 problem details."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": [],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_problem"],
    "ENUM_NAME_OVERRIDES": {
        "SessionKindEnum": "sessions.models.Session.Kind",
        "ResolutionKindEnum": "sessions.models.Resolution.Kind",
    },
}
