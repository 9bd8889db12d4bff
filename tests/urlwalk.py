"""Walk every URL pattern of the URLconf as every role, on the demo councils' real records.

Shared by the tests that must cover every page without a hand-kept list (the fuzz test of every form
and list, the privacy walk). The pieces:

- ``url_patterns()``: every pattern of ``get_resolver()``, recursively (Django's own admin left out);
- ``demo_world``: a module-scoped fixture that loads ``seed_demo`` once into the test database (rolled
  back when the module ends) and returns the councils and the demo users;
- ``role_client(role)``: a test client logged in as the demo user of a role (``anonymous``: nobody);
- ``discover(client)``: crawls from every pattern without arguments, following links and form actions,
  and returns one concrete URL per reached pattern, so path arguments come from real records (and, if
  asked, each response it fetched: the security headers' walk checks them);
- ``fill(pattern, found, world)``: a concrete URL for a pattern the crawl did not reach (ids of the
  model named by the route, or 1);
- ``parse_page(html)``: the links and the forms of a page, each form with its method, action and the
  names of its ``<input>``, ``<select>`` and ``<textarea>`` fields (with their options).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

# The demo logins of seed_demo, one per role; ``anonymous`` is a client nobody logged in.
ROLE_LOGINS = {
    "office": "vanphong",
    "standing": "thuongtruc",
    "committee_head": "truongban",
    "group_leader": "totruong",
    "delegate": "daibieu",
    "leadership": "lanhdao",
    "agency": "coquan",
    "anonymous": None,
}
ROLES = list(ROLE_LOGINS)

# Patterns whose GET or POST would end the walking client's session or act on the server as a whole.
SESSION_ENDING = {"logout", "set_language", "council:switch"}


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its full route, name, path arguments (name -> converter) and view."""

    route: str
    name: str
    kwargs: tuple[tuple[str, str], ...]
    callback: object = field(compare=False, hash=False, repr=False)

    @property
    def has_kwargs(self) -> bool:
        return bool(self.kwargs)


_KWARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def url_patterns(include_admin: bool = False) -> list[Pattern]:
    """Every named URL pattern of the URLconf, walked recursively."""
    result: list[Pattern] = []

    def walk(resolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not include_admin and route.startswith("admin/"):
                    continue
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry, route, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                kwargs = tuple((m["name"], m["conv"] or "str") for m in _KWARG.finditer(route))
                result.append(Pattern(route, namespace + entry.name, kwargs, entry.callback))

    walk(get_resolver(), "", "")
    return result


# ---------------------------------------------------------------- HTML


@dataclass
class FormField:
    name: str
    tag: str
    type: str = ""
    options: list[str] = field(default_factory=list)
    value: str = ""
    multiple: bool = False
    placeholder: str = ""


@dataclass
class PageForm:
    method: str
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)
    multipart: bool = False


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: FormField | None = None
        self._orphans = PageForm("get", "")

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for attr in ("hx-get", "hx-post", "data-url"):
            if a.get(attr):
                self.links.append(a[attr])
        if tag == "form":
            self._form = PageForm(
                (a.get("method") or "get").lower(),
                a.get("action", ""),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        form = self._form or self._orphans
        if tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text").lower() if tag == "input" else tag
            if kind in ("submit", "button", "image", "reset"):
                return
            entry = form.fields.setdefault(
                a["name"],
                FormField(
                    a["name"],
                    tag,
                    kind,
                    value=a.get("value", ""),
                    multiple="multiple" in a,
                    placeholder=a.get("placeholder", ""),
                ),
            )
            if kind in ("checkbox", "radio") and a.get("value"):
                entry.options.append(a["value"])
            if tag == "select":
                self._select = entry
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse_page(html: str) -> tuple[list[str], list[PageForm]]:
    """The links (href, hx-get, hx-post) and the forms of a page."""
    parser = _PageParser()
    parser.feed(html)
    return parser.links, parser.forms


# ---------------------------------------------------------------- records and clients


@dataclass
class World:
    councils: list
    users: dict  # role -> User (None for anonymous)


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo councils of ``seed_demo``, loaded once for the module and rolled back after it."""
    from council.models import Council, User

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True):  # the demo users are created only in development
                call_command("seed_demo", verbosity=0)
            users = {
                role: (User.objects.get(username=login) if login else None)
                for role, login in ROLE_LOGINS.items()
            }
            yield World(list(Council.objects.order_by("pk")), users)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def pass_code_step(client: Client, user) -> None:
    """Mark the client's session as past the two-factor code step, as the code step does, if the user has an
    authenticator (an administrator without one is given one); anyone else is left as they are."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and (user.is_staff or user.is_superuser):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def role_client(world: World, role: str) -> Client:
    """A test client logged in as the demo user of ``role`` (``anonymous``: not logged in), past the code
    step if the user has an authenticator (module-scoped fixtures use it before conftest's patch applies)."""
    client = Client(raise_request_exception=False)  # a view's exception is a 500 answer, as in production
    user = world.users[role]
    if user is not None:
        client.force_login(user)
        pass_code_step(client, user)
    return client


# ---------------------------------------------------------------- discovery


def _route_of(url: str) -> tuple[str, str] | None:
    """The pattern name a same-site URL resolves to, and its path; None for other sites and files."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(("/static/", "/admin/")):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name, parts.path


def discover(
    client: Client,
    *,
    patterns: list[Pattern] | None = None,
    limit: int = 600,
    forms_seen: dict[str, list[PageForm]] | None = None,
    responses: dict[str, tuple[str, object]] | None = None,
) -> dict[str, str]:
    """One concrete path per pattern name reachable by links and form actions from the argument-less pages.

    Breadth-first from every pattern without path arguments; a page is fetched only if its pattern has
    not been reached yet, so the crawl costs about one GET per pattern. ``forms_seen``, if given, receives
    the forms of every page fetched, by pattern name; ``responses`` the path and the response of every GET.
    """
    patterns = patterns or url_patterns()
    found: dict[str, str] = {}
    queue: deque[str] = deque()
    for pattern in patterns:
        if not pattern.has_kwargs and pattern.name not in SESSION_ENDING:
            try:
                queue.append(reverse(pattern.name))
            except Exception:  # noqa: BLE001 - a pattern reversible only with arguments
                continue
    fetched = 0
    while queue and fetched < limit:
        path = queue.popleft()
        routed = _route_of(path)
        if routed is None:
            continue
        name, clean = routed
        if name in found:
            continue
        found[name] = clean
        if name in SESSION_ENDING:
            continue
        response = client.get(clean)
        fetched += 1
        if responses is not None:
            responses[name] = (clean, response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        links, forms = parse_page(response.content.decode("utf-8", "replace"))
        if forms_seen is not None:
            forms_seen[name] = forms
        for target in [*links, *(f.action or clean for f in forms)]:
            target = urljoin(clean, target)
            routed = _route_of(target)
            if routed and routed[0] not in found:
                queue.append(routed[1])
    return found


def numeric(converter: str) -> bool:
    """Whether a path converter takes a number (``int``, or one of the project's own, e.g. the API's ids)."""
    from django.urls.converters import get_converters

    registered = get_converters().get(converter)
    return (
        registered is not None
        and re.fullmatch(registered.regex, "1") is not None
        and not re.fullmatch(registered.regex, "x")
    )


def fill(pattern: Pattern, found: dict[str, str], world: World) -> str:
    """A concrete path for ``pattern``: the one the crawl found, else one built from the first records."""
    if pattern.name in found:
        return found[pattern.name]
    values = {}
    for name, converter in pattern.kwargs:
        if name == "council_code":
            values[name] = world.councils[0].code
        elif numeric(converter):
            values[name] = 2026 if name == "year" else 1
        elif converter == "slug":
            values[name] = "x"
        else:
            values[name] = "x"
    return reverse(pattern.name, kwargs=values)
