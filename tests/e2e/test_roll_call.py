"""The Office keys in a roll call; a mismatch with the recorded totals is refused, a match saved."""

import datetime as dt

import pytest

from council.models import Role
from sessions import services
from sessions.models import DelegateVote, Resolution
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import MandateFactory
from tests.sessions.factories import SessionFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]


def test_a_roll_call_entered_by_keyboard(live_server, page):
    council = CouncilFactory()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(term=term, start_date=dt.date(2026, 12, 8), end_date=dt.date(2026, 12, 10))
    names = ["Lê Thị Hoà", "Đặng Văn Dũng", "Phạm Minh Trí", "Võ Thị Yến"]
    mandates = [MandateFactory(delegate__council=council, delegate__full_name=n, term=term) for n in names]
    resolution = services.resolution_create(
        actor=None,
        council=council,
        session=session,
        symbol="21/NQ-HĐND",
        kind=Resolution.Kind.INDIVIDUAL,
        title="Thành lập đoàn giám sát",
        adopted_on=dt.date(2026, 12, 10),
    )
    vote = services.resolution_vote(
        resolution, actor=None, voted_on=dt.date(2026, 12, 10), approve=3, reject=1, abstain=0
    )
    RoleFactory(user=UserFactory(username="thuky"), council=council, role=Role.OFFICE)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "matkhau-2026")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/resolutions/{resolution.pk}/roll-call/")
    # The page puts the cursor on the first delegate (rows by name: Dũng, Hoà, Trí, Yến).
    page.wait_for_function("() => document.activeElement && document.activeElement.type === 'radio'")
    for key in ("1", "2", "2"):
        page.keyboard.press(key)
    page.click("#fill-remaining")  # the rest: absent or no vote cast
    page.wait_for_function(
        "() => document.getElementById('roll-call-tally').classList.contains('text-danger')"
    )
    page.click("#roll-call-save")
    page.wait_for_selector("#roll-call-errors")
    errors = page.inner_text("#roll-call-errors")
    assert "1" in errors and "3" in errors and not DelegateVote.objects.exists()

    # The choices typed are kept; correct the third delegate and the fourth by keyboard.
    assert page.is_checked(f"#m{mandates[0].pk}-approve") is False  # Hoà (2nd by name) kept her "reject"
    assert page.is_checked(f"#m{mandates[0].pk}-reject")
    page.focus(f"#m{mandates[2].pk}-reject")
    page.keyboard.press("1")
    page.keyboard.press("1")
    page.wait_for_function(
        "() => document.getElementById('roll-call-tally').classList.contains('text-success')"
    )
    page.click("#roll-call-save")
    page.wait_for_url(f"{live_server.url}/resolutions/{resolution.pk}/roll-call/")
    page.wait_for_selector(".alert-success")
    assert services.roll_call_counts(vote) == {"approve": 3, "reject": 1, "abstain": 0}
    choices = dict(DelegateVote.objects.values_list("mandate__delegate__full_name", "choice"))
    assert choices == {
        "Đặng Văn Dũng": "approve",
        "Lê Thị Hoà": "reject",
        "Phạm Minh Trí": "approve",
        "Võ Thị Yến": "approve",
    }
