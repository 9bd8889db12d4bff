"""The Content-Security-Policy and the other security headers, on every page of every role.

The walk is the shared one (tests/urlwalk.py): every URL pattern of the URLconf, as each demo role, with path
arguments from the demo councils' records. Every answer (page, partial, redirect, 403/404, export, download)
carries the policy, Permissions-Policy and the other headers; a page's scripts carry the response's nonce.
A grep over the templates, the static scripts and the HTML written in Python keeps inline code out, since
the policy would refuse it in the browser (the browser tests fail on any violation: tests/e2e/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import include, path

from council.uploads import attachment_response, private_storage
from tests.urlwalk import ROLES, SESSION_ENDING, demo_world, discover, fill, role_client, url_patterns

__all__ = ["demo_world"]  # the module-scoped fixture, imported to be used here

BASE = Path(settings.BASE_DIR)
# The policy of every answer but an uploaded file's (council/uploads.py keeps its own, stricter one).
REQUIRED = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
UPLOAD_POLICY = "default-src 'none'; sandbox"
FEATURES_OFF = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def policy_problems(label: str, response) -> list[str]:
    """What is wrong with the security headers of one answer (empty if nothing)."""
    header = response.get("Content-Security-Policy")
    if not header:
        return [f"{label}: no Content-Security-Policy"]
    problems = []
    if header != UPLOAD_POLICY:
        policy = parse_policy(header)
        for directive, sources in REQUIRED.items():
            if policy.get(directive) != sources:
                problems.append(f"{label}: {directive} is {policy.get(directive)}, not {sources}")
        for directive in ("script-src", "style-src"):
            sources = policy.get(directive, [])
            if sources[:1] != ["'self'"] or any(
                s in sources for s in ("'unsafe-inline'", "'unsafe-eval'", "*")
            ):
                problems.append(f"{label}: {directive} {sources}")
    permissions = response.get("Permissions-Policy", "")
    problems += [f"{label}: Permissions-Policy lacks {f}" for f in FEATURES_OFF if f not in permissions]
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"{label}: X-Content-Type-Options is {response.get('X-Content-Type-Options')!r}")
    # frame-ancestors 'none' (checked above) is what browsers obey; X-Frame-Options says the same to old ones,
    # on every answer (redirects of the sign-in and code steps included).
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"{label}: X-Frame-Options is {response.get('X-Frame-Options')!r}")
    if not response.get("Referrer-Policy"):
        problems.append(f"{label}: no Referrer-Policy")
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        problems += script_problems(label, response)
    return problems


_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def script_problems(label: str, response) -> list[str]:
    """Every script of a page is a file of this site carrying the response's nonce."""
    html = response.content.decode("utf-8", "replace")
    scripts = _SCRIPT.findall(html)
    if not scripts:
        return []
    nonces = [
        s[len("'nonce-") : -1]
        for s in parse_policy(response["Content-Security-Policy"]).get("script-src", [])
    ]
    nonces = [n for n in nonces if n]
    problems = []
    for attrs in scripts:
        if 'type="application/json"' in attrs:
            continue  # data for a script (json_script), never run
        src = re.search(r'\ssrc="([^"]+)"', attrs)
        nonce = re.search(r'\snonce="([^"]*)"', attrs)
        if not src or not src.group(1).startswith(settings.STATIC_URL):
            problems.append(f"{label}: a script that is not one of the site's files: <script{attrs}>")
        elif not nonce or nonce.group(1) not in nonces:
            problems.append(f"{label}: {src.group(1)} without the response's nonce")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_every_role_carries_the_policy(role, demo_world):
    client = role_client(demo_world, role)
    responses: dict = {}
    found = discover(client, responses=responses)
    for pattern in url_patterns():
        if pattern.name in SESSION_ENDING or pattern.name in responses:
            continue
        url = fill(pattern, found, demo_world)
        responses[pattern.name] = (url, client.get(url))
    # The session-ending forms, and Django's admin (its own templates), answer with the policy too.
    for url in ["/admin/", "/i18n/setlang/"]:
        responses[url] = (url, client.get(url))
    statuses = sorted({r.status_code for _, r in responses.values()})
    problems = [p for name, (url, r) in responses.items() for p in policy_problems(f"{name} {url}", r)]
    assert len(responses) >= len(url_patterns()) - len(SESSION_ENDING)
    assert 200 in statuses
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------- single answers


@login_not_required
def _boom(request):
    raise RuntimeError("a failing view")


@login_not_required
def _download(request):
    name = private_storage.save("evidence/policy-test.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return attachment_response(name, "a.pdf", "application/pdf")


handler500 = "council.observability.server_error"
urlpatterns = [path("boom/", _boom), path("download/", _download), path("", include("council.urls"))]


@pytest.mark.django_db
def test_a_page_gets_a_new_nonce_each_time_and_its_scripts_carry_it(client):
    first, second = client.get("/accounts/login/"), client.get("/accounts/login/")
    assert first.status_code == second.status_code == 200
    assert not policy_problems("login", first)
    nonce_of = [parse_policy(r["Content-Security-Policy"])["script-src"][1] for r in (first, second)]
    assert all(n.startswith("'nonce-") for n in nonce_of) and nonce_of[0] != nonce_of[1]
    nonce = nonce_of[0][len("'nonce-") : -1]
    assert first.content.decode().count(f'nonce="{nonce}"') >= 3  # bootstrap, htmx and app.js
    # htmx is told not to inject its indicator <style>, nor to eval, nor to re-set style attributes.
    assert '"includeIndicatorStyles": false' in first.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_the_error_page_has_the_policy_and_its_one_style_the_nonce():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert not policy_problems("500", response)
    nonce = parse_policy(response["Content-Security-Policy"])["style-src"][1][len("'nonce-") : -1]
    assert f'<style nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_uploaded_file_keeps_its_sandbox_policy(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    response = Client().get("/download/")
    response.close()
    assert response["Content-Security-Policy"] == UPLOAD_POLICY
    assert not policy_problems("download", response)


@pytest.mark.django_db
def test_permissions_policy_turns_the_powerful_features_off_and_keeps_passkeys_here(client):
    header = client.get("/healthz").get("Permissions-Policy", "")
    assert all(feature in header for feature in FEATURES_OFF)
    assert "publickey-credentials-get=(self)" in header


# ---------------------------------------------------------------- no inline code anywhere

# Rendered by WeasyPrint into a PDF, never sent to a browser: its own stylesheet and rules stay inline.
NOT_FOR_BROWSERS = {"reports/document_pdf.html"}
INLINE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(r"\b(data-)?hx-on[:-]", re.I), "an hx-on attribute (inline script run by htmx)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style\b(?![^>]*\bnonce=)", re.I), "a <style> element without the nonce"),
    (re.compile(r"<script\b(?=[^>]*\bsrc=)(?![^>]*\bnonce=)", re.I), "a <script> without the nonce"),
]


def _sources(root: Path, pattern: str, skip=()) -> list[Path]:
    return [p for p in sorted(root.glob(pattern)) if p.relative_to(root).as_posix() not in skip]


def test_no_template_holds_inline_script_handler_or_style():
    templates = _sources(BASE / "templates", "**/*.html", NOT_FOR_BROWSERS)
    assert len(templates) > 100
    found = [
        f"templates/{t.relative_to(BASE / 'templates')}:{text.count(chr(10), 0, m.start()) + 1}: {what}"
        for t in templates
        for text in [t.read_text()]
        for regex, what in INLINE
        for m in regex.finditer(text)
    ]
    assert not found, "\n".join(found)


def test_no_html_written_in_python_holds_inline_script_handler_or_style():
    apps = ["council", "delegates", "demo", "directives", "notifications", "oversight", "reports", "sessions"]
    files = [
        p for app in [*apps, "voters"] for p in _sources(BASE / app, "**/*.py") if "migrations" not in p.parts
    ]
    found = [
        f"{p.relative_to(BASE)}: {what}"
        for p in files
        for text in [p.read_text()]
        for regex, what in INLINE[:5]
        if regex.search(text)
    ]
    assert not found, "\n".join(found)


def test_the_sites_scripts_neither_eval_nor_set_style_attributes():
    scripts = _sources(BASE / "static" / "js", "*.js")
    assert scripts
    banned = re.compile(
        r"\beval\(|new Function\(|setAttribute\(\s*[\"']style|\.innerHTML\s*=\s*[\"'`][^\"'`]*style="
    )
    found = [f"static/js/{p.name}: {m.group(0)}" for p in scripts for m in banned.finditer(p.read_text())]
    assert not found, "\n".join(found)


def test_charts_on_the_page_are_drawn_without_css():
    from reports.charts import Chart, render_svg

    chart = Chart(key="k", title="Kiến nghị", categories=["Y tế", "Giáo dục"], series=[("2026", [3, 5])])
    svg = render_svg(chart)
    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#ffffff"' in svg and 'stroke-linejoin="round"' in svg
    assert 'font-family="&#x27;DejaVu Sans&#x27;, sans-serif"' in svg
