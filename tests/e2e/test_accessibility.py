"""Accessibility in a real browser: axe-core finds no serious or critical violation on the main page of every
role, the public pages and the live logging page; the keyboard focus is visible; the scorecard fits a phone.

axe-core (tests/e2e/vendor/axe.min.js, MPL-2.0, from npm) is vendored for these tests only: the app never
serves it. Colour contrast, names of buttons and links, labels, landmarks, ARIA and list structure are
checked as WCAG 2.1 A and AA rules.
"""

import datetime as dt
from pathlib import Path

import pytest

from council.models import Role
from tests.council.factories import (
    AgencyFactory,
    CommitteeFactory,
    CouncilFactory,
    RoleFactory,
    TermFactory,
    UserFactory,
    make_followup,
)
from tests.delegates.factories import DelegateFactory, GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PASSWORD = "matkhau-2026"
ROLES = [
    Role.OFFICE,
    Role.STANDING,
    Role.COMMITTEE_HEAD,
    Role.GROUP_LEADER,
    Role.DELEGATE,
    Role.LEADERSHIP,
    Role.AGENCY,
    Role.ADMIN,
]


@pytest.fixture
def council_world(db):
    """A council with a term, a session with a sitting, two groups with delegates, an agency with a follow-up
    and one user per role (the delegate and the group leader sit in a group)."""
    council = CouncilFactory(short_name="HĐND tỉnh Đồng Tháp", code="dong-thap")
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(term=term, number=3)
    sitting = SittingFactory(session=session)
    AgendaItemFactory(session=session, title="Tờ trình dự thảo Nghị quyết về giá đất")
    agency = AgencyFactory(council=council, name="Sở Y tế")
    make_followup(council, agency=agency, title="Bố trí bác sĩ cho Trạm y tế xã Tân Hồng")
    committee = CommitteeFactory(council=council, kind="legal", name="Ban Pháp chế")
    users = {}
    for role in ROLES:
        user = UserFactory(username=f"u-{role}", full_name=f"Người dùng {role}")
        extra = {"committee": committee} if role == Role.COMMITTEE_HEAD else {}
        extra |= {"agency": agency} if role == Role.AGENCY else {}
        RoleFactory(user=user, council=council, role=role, **extra)
        users[role] = user
    for number, role in enumerate([Role.GROUP_LEADER, Role.DELEGATE], start=1):
        group = GroupFactory(term=term, name=f"Tổ {number} – Cao Lãnh")
        delegate = DelegateFactory(council=council, full_name=f"Lê Thị Hoà {number}", user=users[role])
        GroupMembershipFactory(group=group, mandate=MandateFactory(delegate=delegate, term=term))
    return {"council": council, "sitting": sitting}


def _log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def axe_violations(page) -> list[str]:
    """Run axe-core on the page; its serious and critical violations, one readable line per element."""
    # Evaluated through the browser's debugging protocol: a <script> added to the page (add_script_tag) would
    # be refused by the Content-Security-Policy, as any inline script is.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            why = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"[{violation['impact']}] {violation['id']} ({violation['help']})"
                f" at {', '.join(map(str, node['target']))}"
                f"\n      {node['html'][:160]}\n      {why[:300]}"
            )
    return lines


def test_no_serious_violation_on_any_roles_home_page_the_public_pages_and_the_live_page(
    live_server, page, council_world
):
    page.set_viewport_size({"width": 1366, "height": 900})
    code = council_world["council"].code
    found = {}

    for url in [
        "/accounts/login/",
        f"/public/{code}/petitions/new/",
        f"/public/{code}/petitions/lookup/",
        f"/public/{code}/petitions/lookup/?code=KN-0000-XXXX",
        f"/public/{code}/answers/",
    ]:
        page.goto(live_server.url + url)
        found[f"anonymous {url}"] = axe_violations(page)

    for role in ROLES:
        _log_in(page, live_server, f"u-{role}")
        found[f"{role} /"] = axe_violations(page)
        if role == Role.OFFICE:
            for url in [f"/sittings/{council_world['sitting'].pk}/live/", "/scorecard/", "/followups/"]:
                page.goto(live_server.url + url)
                found[f"{role} {url}"] = axe_violations(page)

    report = [f"{where}:\n    " + "\n    ".join(lines) for where, lines in found.items() if lines]
    assert not report, "axe-core found serious or critical violations:\n" + "\n".join(report)


def test_every_control_shows_a_visible_focus_ring_from_the_keyboard(live_server, page, council_world):
    _log_in(page, live_server, f"u-{Role.OFFICE}")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip.strip() == "Chuyển đến nội dung chính"
    assert page.locator(".skip-link").bounding_box()["width"] > 50  # shown while focused
    # A link on the council red, then a button and a field on white: each gets a 3 px solid outline whose
    # colour stands out from the background around it (white on red, dark blue on white).
    for _ in range(2):
        page.keyboard.press("Tab")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.className, s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    assert "nav-link" in ring[0] and ring[1:] == ["solid", "3px", "rgb(255, 255, 255)"]
    page.goto(f"{live_server.url}/followups/")
    page.focus("main input[name=q]")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth,"
        " s.outlineColor]; })()"
    )
    assert ring == ["solid", "3px", "rgb(10, 88, 202)"]


def test_the_scorecard_result_column_fits_a_390_px_phone(live_server, page, council_world):
    from reports.services import targets_seed

    targets_seed(council_world["council"], actor=None)
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server, f"u-{Role.OFFICE}")
    page.goto(f"{live_server.url}/scorecard/")
    results = page.locator("#scorecard td.scorecard-status")
    assert results.count() >= 9
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    wrapper = page.evaluate(
        "(() => { const w = document.querySelector('#scorecard').parentElement;"
        " return [w.scrollWidth, w.clientWidth]; })()"
    )
    assert wrapper[0] <= wrapper[1], f"the table scrolls sideways inside its box: {wrapper}"
    for index in range(results.count()):
        cell = results.nth(index)
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        badge = cell.locator(".badge").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert badge["x"] + badge["width"] <= 390, badge
        assert cell.locator(".badge").is_visible()
    # each value is labelled on the card, as the column header said
    assert "Kết quả" in results.first.evaluate("e => getComputedStyle(e, '::before').content")


def test_every_roles_home_and_the_follow_up_list_fit_a_390_px_phone(live_server, page, council_world):
    """No page scrolls sideways at 390 px; the follow-up list's rows become cards whose due date (with its
    overdue badge) stays on screen."""
    make_followup(
        council_world["council"],
        title="Sửa chữa cầu Kênh Xáng",
        assigned=dt.date(2025, 12, 1),
        due=dt.date(2026, 1, 5),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    wide = []
    for role in ROLES:
        _log_in(page, live_server, f"u-{role}")
        urls = ["/"] + (["/followups/", "/followups/?state=overdue"] if role == Role.OFFICE else [])
        for url in urls:
            page.goto(live_server.url + url)
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if widths[0] > widths[1]:
                wide.append(f"{role} {url}: {widths}")
            if url == "/followups/?state=overdue":
                due = page.locator("td[data-label] .due").first
                box = due.bounding_box()
                assert due.is_visible() and box["x"] + box["width"] <= 390, box
    assert not wide, "Pages wider than the phone:\n" + "\n".join(wide)
