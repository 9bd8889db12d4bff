"""A clerk keeps up with a live sitting from the keyboard; the dashboard sees a group's T2 flip to met."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import Role
from sessions.models import Speech
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]


def test_three_speeches_logged_live_and_t2_flips(live_server, page):
    council = CouncilFactory()
    # The sitting is live: the session runs today, so a group at zero is "not yet" (it can still speak).
    today = timezone.localdate()
    term = TermFactory(
        council=council,
        start_date=today - dt.timedelta(days=365),
        end_date=today + dt.timedelta(days=4 * 365),
    )
    session = SessionFactory(term=term, number=3, start_date=today, end_date=today)
    sitting = SittingFactory(session=session)
    AgendaItemFactory(session=session, title="Tờ trình dự thảo Nghị quyết về giá đất")
    names = {
        "Tổ 1 – Cao Lãnh": "Lê Thị Hoà",
        "Tổ 2 – Sa Đéc": "Đặng Văn Dũng",
        "Tổ 3 – Hồng Ngự": "Phạm Minh Trí",
    }
    for group_name, person in names.items():
        group = GroupFactory(term=term, name=group_name)
        GroupMembershipFactory(
            group=group,
            mandate=MandateFactory(delegate__council=council, delegate__full_name=person, term=term),
        )
    RoleFactory(user=UserFactory(username="thuky"), council=council, role=Role.OFFICE)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "matkhau-2026")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/sittings/{sitting.pk}/live/")

    def log(search, kind, minutes, name):
        expected = Speech.objects.filter(sitting=sitting).count() + 1
        # After each log the panel is swapped; the page puts the cursor back in the search box when ready.
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.id === 'speaker-search'"
        )
        page.wait_for_timeout(100)
        page.fill("#speaker-search", search)
        # Wait for the results of this search (not a stale list), then Enter picks the first match.
        page.wait_for_selector(f"#speaker-results [data-mandate][data-name='{name}']")
        page.press("#speaker-search", "Enter")
        page.wait_for_function("() => document.getElementById('id_mandate').value !== ''")
        page.select_option("#id_kind", kind)
        page.fill("#id_duration", minutes)
        page.click("#speech-form button[type=submit]")
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('#recent-speeches li[id^=speech-]').length === n",
                arg=expected,
            )
        except Exception as error:  # say what the page showed instead, so a failure explains itself
            panel = page.inner_text("main")[:2000]
            raise AssertionError(f"speech {expected} not listed; the page shows:\n{panel}") from error

    log("le thi hoa", "discussion", "5", "Lê Thị Hoà")
    log("dang van dung", "interpellation", "3", "Đặng Văn Dũng")
    rows = page.locator("#t2-table tbody tr")
    # Not met yet: the session runs, so the group is "not yet met (still open)", never "not met".
    assert any(word in rows.nth(2).inner_text() for word in ("Chưa đạt", "Not yet"))

    page.goto(f"{live_server.url}/sessions/{session.pk}/dashboard/")
    assert page.locator("#dashboard-panel .alert-success").count() == 0
    assert page.locator("#dashboard-panel .alert-danger").count() == 0
    assert "Tổ 3 – Hồng Ngự" in page.locator("#dashboard-panel .alert-warning").inner_text()

    page.goto(f"{live_server.url}/sittings/{sitting.pk}/live/")
    log("pham minh", "debate", "2", "Phạm Minh Trí")
    page.goto(f"{live_server.url}/sessions/{session.pk}/dashboard/")
    assert page.locator("#dashboard-panel .alert-success").count() == 1
    assert page.locator("#dashboard-panel .alert-warning").count() == 0
    assert page.locator("#dashboard-panel .alert-danger").count() == 0
    assert Speech.objects.filter(sitting=sitting).count() == 3
    assert sorted(Speech.objects.filter(sitting=sitting).values_list("duration_seconds", flat=True)) == [
        120,
        180,
        300,
    ]
