import datetime as dt
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import number_format

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _production_env(**overrides: str) -> dict[str, str]:
    # A clean environment: variables the test run sets (DEBUG=1, DJANGO_ALLOW_ASYNC_UNSAFE...) must not leak.
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
    env.update(DJANGO_SETTINGS_MODULE="council.settings", DEBUG="0", **overrides)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    secret = "".join(secrets.choice(alphabet) for _ in range(60))

    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=_production_env(SECRET_KEY=secret, ALLOWED_HOSTS="hdnd.example.vn"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env=_production_env(ALLOWED_HOSTS="hdnd.example.vn"))

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_language_and_time_zone_are_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_dates_are_typed_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("05/03/2026") == dt.date(2026, 3, 5)
        assert field.clean("31/12/2025") == dt.date(2025, 12, 31)


def test_numbers_are_grouped_with_dots():
    with translation.override("vi"):
        assert number_format(1234567, force_grouping=True) == "1.234.567"
        assert number_format(1234567.5, decimal_pos=1, force_grouping=True) == "1.234.567,5"


def test_short_dates_are_printed_day_first():
    template = Template("{{ day|date:'SHORT_DATE_FORMAT' }}")
    with translation.override("vi"):
        assert template.render(Context({"day": dt.date(2026, 3, 5)})) == "05/03/2026"


def test_ids_and_years_print_as_plain_digits_in_templates():
    """A grouped id ("1.234") in a form value or data attribute would not be read back as 1234."""
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        html = Template('<button data-mandate="{{ pk }}" value="{{ pk }}">{{ year }}</button>').render(
            Context({"pk": 1234, "year": 2026})
        )
    assert html == '<button data-mandate="1234" value="1234">2026</button>'


def test_importing_the_settings_writes_nothing(tmp_path):
    """A bare checkout: no var/, no .env, no key; the settings module is read, nothing is created."""
    package = tmp_path / "council"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text((PROJECT_ROOT / "council" / "settings.py").read_text())
    before = sorted(tmp_path.rglob("*"))
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import council.settings as s; print(s.__file__, s.DATABASES['default']['NAME'])",
        ],
        cwd=tmp_path,
        env={**env, "DEBUG": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(package / "settings.py"), str(tmp_path / "var" / "db.sqlite3")]
    assert sorted(tmp_path.rglob("*")) == before
