"""The deployment files agree with the settings and with each other (plain file checks, no services)."""

import configparser
import re
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
SETTINGS = ROOT / "council" / "settings.py"
ENV_EXAMPLE = DEPLOY / "hdnd.env.example"
NGINX = DEPLOY / "nginx" / "hdnd.conf"
README = ROOT / "README.md"

# env.str("X", ...), env.int("X"), env.bool, env.float, env.path, env.db, env.list ... and env("X").
ENV_CALL = re.compile(r"""\benv(?:\.(\w+))?\(\s*["']([A-Z][A-Z0-9_]*)["']""")
APP_DIR = "/srv/hdnd/app"
ENV_FILE = "/etc/hdnd/hdnd.env"


def settings_variables() -> set[str]:
    return {name for _, name in ENV_CALL.findall(SETTINGS.read_text())}


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep and re.fullmatch(r"[A-Z][A-Z0-9_]*", key), f"not KEY=value: {line!r}"
            values[key] = value
    return values


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((UNITS / name).read_text(), source=name)
    return parser


def exec_start(parser: configparser.ConfigParser) -> str:
    return " ".join(parser["Service"]["ExecStart"].replace("\\\n", " ").replace("\\", " ").split())


def test_the_parser_finds_every_kind_of_env_call():
    found = settings_variables()
    # One of each kind the settings use: str, bool, int, float, list, path, db.
    assert {"SECRET_KEY", "DEBUG", "SQLITE_TIMEOUT", "AXES_COOLOFF_HOURS", "ALLOWED_HOSTS"} <= found
    assert {"PRIVATE_MEDIA_ROOT", "DATABASE_URL", "EMAIL_HOST_PASSWORD", "HEALTH_TOKEN"} <= found
    assert len(found) >= 35


def test_every_variable_the_settings_read_is_in_the_env_example():
    missing = settings_variables() - set(env_example())
    assert not missing, f"add to deploy/hdnd.env.example (with a comment): {sorted(missing)}"


def test_every_env_example_variable_has_a_comment_and_no_inline_comment():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for index, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            assert lines[index - 1].startswith("# "), f"no comment above {line!r}"
            # systemd's EnvironmentFile has no trailing comments: "X=1 # note" would set X to "1 # note".
            assert " #" not in line, f"inline comment in {line!r}"


def test_env_example_is_production_shaped():
    values = env_example()
    assert values["DEBUG"] == "0"
    assert values["CLIENT_IP_HEADER"] == "HTTP_X_REAL_IP"
    assert values["LOG_FORMAT"] == "json"
    assert values["REDIS_URL"].startswith("redis://127.0.0.1")
    assert values["DATABASE_URL"].startswith("postgres://")


def test_procfile_binds_localhost_with_a_timeout_and_keeps_beat_schedule_under_var():
    processes = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    web = processes["web"]
    assert "--bind ${BIND:-127.0.0.1:" in web
    assert "0.0.0.0" not in web
    assert re.search(r"--timeout \S+", web)
    assert "-Q ${CELERY_QUEUES:-hdnd}" in processes["worker"]
    # one process per queue, as the systemd units
    consumed = [re.search(r"-Q (\S+)", cmd).group(1) for cmd in processes.values() if " worker " in cmd]
    assert sorted(consumed) == sorted(["${CELERY_QUEUES:-hdnd}", "mail", "figures", "reports"])
    assert "--schedule var/celerybeat-schedule" in processes["beat"]


def test_gitignore_ignores_the_beat_schedule():
    patterns = [
        line.strip().lstrip("/")
        for line in (ROOT / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(path: str) -> bool:
        parents = [str(Path(*Path(path).parts[:i])) + "/" for i in range(1, len(Path(path).parts))]
        return any(fnmatch(path, p) or p in parents for p in patterns)

    for name in ("var/celerybeat-schedule", "var/celerybeat-schedule.db", "var/celerybeat-schedule.dat"):
        assert ignored(name), name


def test_long_running_units_parse_and_point_at_the_app():
    for name in ("hdnd-web.service", "hdnd-worker.service", "hdnd-beat.service"):
        parser = unit(name)
        assert {"Unit", "Service", "Install"} <= set(parser.sections()), name
        service = parser["Service"]
        assert service["User"] == "hdnd"
        assert service["WorkingDirectory"] == APP_DIR
        assert service["EnvironmentFile"] == ENV_FILE
        assert exec_start(parser).startswith(f"{APP_DIR}/.venv/bin/"), name
        assert service["Restart"] == "always", name
        assert parser["Install"]["WantedBy"] == "multi-user.target"
        # Redis only accelerates: no unit may refuse to start (or stop) with it.
        assert "redis" not in parser["Unit"].get("Requires", "") + parser["Unit"].get("BindsTo", "")


def test_web_unit_is_gunicorn_on_localhost_with_timeout_and_graceful_reload():
    parser = unit("hdnd-web.service")
    command = exec_start(parser)
    assert "gunicorn council.wsgi:application" in command
    assert "--bind 127.0.0.1:8000" in command
    timeout = int(re.search(r"--timeout (\d+)", command).group(1))
    assert "--workers" in command
    assert parser["Service"]["ExecReload"] == "/bin/kill -s HUP $MAINPID"
    # nginx waits a little longer than gunicorn, so gunicorn's answer reaches the user (the longest
    # proxy_read_timeout is the site's; /healthz has a shorter one of its own).
    read_timeout = max(int(t) for t in re.findall(r"proxy_read_timeout (\d+)s;", NGINX.read_text()))
    assert timeout < read_timeout <= timeout + 15
    assert "server 127.0.0.1:8000" in NGINX.read_text()


def test_worker_units_serve_every_queue_once_and_start_and_stop_together():
    from django.conf import settings

    default = unit("hdnd-worker.service")
    assert "-Q ${CELERY_QUEUES}" in exec_start(default)
    assert "Environment=CELERY_QUEUES=hdnd" in (UNITS / "hdnd-worker.service").read_text()
    served = {"hdnd": "hdnd-worker.service"}
    for path in sorted(UNITS.glob("hdnd-worker-*.service")):
        parser = unit(path.name)
        command = exec_start(parser)
        assert command.startswith(f"{APP_DIR}/.venv/bin/celery -A council worker"), path.name
        queue = re.search(r"-Q (\S+)", command).group(1)
        assert path.name == f"hdnd-worker-{queue}.service" and f"-n {queue}@%%H" in command
        assert re.search(r"--concurrency \d", command) and "--max-tasks-per-child" in command
        assert parser["Unit"]["PartOf"] == "hdnd-worker.service"
        assert path.name in default["Unit"]["Wants"].split()
        assert parser["Service"]["User"] == "hdnd" and parser["Service"]["EnvironmentFile"] == ENV_FILE
        assert parser["Service"]["Restart"] == "always"
        served[queue] = path.name
    assert set(served) == set(settings.CELERY_TASK_QUEUES)
    reports = exec_start(unit("hdnd-worker-reports.service"))
    # one report at a time, none reserved ahead, a run stopped (marked failed) before it is killed
    assert "--concurrency 1 " in reports and "--prefetch-multiplier 1 " in reports
    soft = int(re.search(r"--soft-time-limit (\d+)", reports).group(1))
    assert soft < int(re.search(r" --time-limit (\d+)", reports).group(1))
    assert "--concurrency 1 " in exec_start(unit("hdnd-worker-figures.service"))


def test_exactly_one_beat_unit_with_its_schedule_under_var():
    beats = [p.name for p in UNITS.glob("*.service") if " beat" in exec_start(unit(p.name))]
    assert beats == ["hdnd-beat.service"]
    assert f"--schedule {APP_DIR}/var/celerybeat-schedule" in exec_start(unit("hdnd-beat.service"))


def test_backup_and_cleanup_timers():
    backup = unit("hdnd-backup.service")
    assert backup["Service"]["Type"] == "oneshot"
    assert "manage.py backup --keep ${BACKUP_KEEP}" in exec_start(backup)
    assert backup["Service"]["Environment"] == "BACKUP_KEEP=14"
    cleanup = unit("hdnd-cleanup-files.service")
    assert "manage.py cleanup_files" in exec_start(cleanup)
    for name, calendar in (("hdnd-backup.timer", "*-*-* "), ("hdnd-cleanup-files.timer", "Sun ")):
        timer = unit(name)
        assert {"Unit", "Timer", "Install"} <= set(timer.sections())
        assert timer["Timer"]["OnCalendar"].startswith(calendar)
        assert timer["Timer"]["Unit"] == name.replace(".timer", ".service")
        assert timer["Install"]["WantedBy"] == "timers.target"


def test_nginx_site():
    text = NGINX.read_text()
    size = int(re.search(r"client_max_body_size (\d+)m;", text).group(1))
    assert size > int(env_example()["UPLOAD_MAX_MB"])
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "proxy_set_header X-Real-IP $remote_addr;" in text
    assert "$request_id" in text and "proxy_set_header X-Request-ID" in text
    assert "return 301 https://" in text
    assert f"alias {env_example()['STATIC_ROOT']}/;" in text
    assert "immutable" in text
    assert re.search(r"location = /healthz \{\s*access_log off;", text)
    assert env_example()["PRIVATE_MEDIA_ROOT"] not in text.replace("(PRIVATE_MEDIA_ROOT)", "")


def test_readme_uses_the_same_paths_and_units():
    text = README.read_text()
    assert text.startswith("# ")
    assert "make run" in text.split("\n```", 2)[1] and "make test" in text.split("\n```", 2)[1]
    for needle in (
        APP_DIR,
        ENV_FILE,
        "deploy/hdnd.env.example",
        "deploy/nginx/hdnd.conf",
        "deploy/redis.conf",
        "hdnd-backup.timer",
        "hdnd-cleanup-files.timer",
        "restore --verify-only",
        "/healthz?detail=1",
    ):
        assert needle in text, needle
    for path in UNITS.iterdir():
        assert path.name in text, f"the README does not mention {path.name}"


def test_manage_helper_is_executable_and_reads_the_env_file():
    helper = DEPLOY / "manage.sh"
    assert helper.stat().st_mode & 0o111
    assert ENV_FILE in helper.read_text()
