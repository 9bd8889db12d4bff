"""A delegate sees the unread count on the bell, opens a notice from the notification centre, lands on the
record it is about, and the count drops by one (issue 19)."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import Role
from notifications.models import Notification
from notifications.services import notify
from tests.council.factories import CouncilFactory
from tests.notifications.factories import person
from tests.sessions.factories import SessionFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"  # the user factory's


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _bell(page) -> str:
    return page.locator("#notification-bell [data-unread]").get_attribute("data-unread") or ""


def test_a_delegate_opens_a_notice_and_the_bell_counts_one_less(live_server, page):
    council = CouncilFactory()
    delegate = person(council, Role.DELEGATE)
    other = person(council, Role.DELEGATE)
    start = timezone.localdate() + dt.timedelta(days=10)
    session = SessionFactory(
        term__council=council,
        number=5,
        place="Hội trường HĐND tỉnh",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
    )
    notify("session_convened", session, recipients=[delegate, other])
    notify("session_documents", session, recipients=[delegate, other])
    convened = Notification.objects.get(recipient=delegate, kind="session_convened")

    _log_in(page, live_server, delegate.username)
    assert _bell(page) == "2"
    assert "2" in page.locator("#notification-bell").get_attribute("aria-label")

    page.click("#notification-bell")
    page.wait_for_url(f"{live_server.url}/notifications/")
    link = page.locator(f"a[href='{convened.get_absolute_url()}']")
    assert str(session) in link.inner_text() and "Hội trường HĐND tỉnh" in link.inner_text()
    link.click()

    page.wait_for_url(f"{live_server.url}{session.get_absolute_url()}")
    assert str(session) in page.locator("main").inner_text()
    assert _bell(page) == "1"
    assert Notification.objects.get(pk=convened.pk).read_at is not None
    # The other delegate's notices are untouched.
    assert Notification.objects.filter(recipient=other).unread().count() == 2
