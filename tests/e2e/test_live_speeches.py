"""The clerk's live page keeps durations to the second, moves through names by keyboard, and never logs
a speech of a few seconds without asking."""

import datetime as dt

import pytest

from council.models import Role
from sessions.models import Speech
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import SessionFactory, SittingFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

NAMES = ["Nguyễn Thị Hoà", "Nguyễn Văn Dũng", "Nguyễn Minh Trí"]


@pytest.fixture
def sitting():
    council = CouncilFactory()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    sitting = SittingFactory(session=SessionFactory(term=term, number=3))
    group = GroupFactory(term=term, name="Tổ 1 – Cao Lãnh")
    for person in NAMES:
        GroupMembershipFactory(
            group=group,
            mandate=MandateFactory(delegate__council=council, delegate__full_name=person, term=term),
        )
    RoleFactory(user=UserFactory(username="thuky"), council=council, role=Role.OFFICE)
    return sitting


@pytest.fixture
def live(live_server, page, sitting):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "thuky")
    page.fill("#id_password", "matkhau-2026")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/sittings/{sitting.pk}/live/")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'speaker-search'")
    return page


def _suggest(page, text, name=None):
    """Type in the name box and wait for this search's suggestions (all three, or the one named)."""
    page.fill("#speaker-search", text)
    if name:
        page.wait_for_selector(f"#speaker-listbox [role=option][data-name='{name}']")
    else:
        page.wait_for_selector("#speaker-listbox [role=option] >> nth=2")


def test_arrow_keys_choose_the_second_suggestion(live, sitting):
    page = live
    _suggest(page, "nguyen")
    options = page.locator("#speaker-listbox [role=option]")
    second_name = options.nth(1).get_attribute("data-name")
    assert page.get_attribute("#speaker-search", "role") == "combobox"
    assert page.get_attribute("#speaker-search", "aria-expanded") == "true"
    page.press("#speaker-search", "ArrowDown")
    active = page.get_attribute("#speaker-search", "aria-activedescendant")
    assert active == options.nth(1).get_attribute("id")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.press("#speaker-search", "Enter")
    assert page.inner_text("#chosen-speaker") == second_name
    assert page.evaluate("document.activeElement.id") == "id_kind"
    assert not Speech.objects.exists()  # Enter in the name box never submits the speech

    # Escape closes the list; the name box keeps its text.
    _suggest(page, "nguy")
    page.press("#speaker-search", "Escape")
    assert page.is_hidden("#speaker-listbox")
    assert page.get_attribute("#speaker-search", "aria-expanded") == "false"
    assert page.get_attribute("#speaker-search", "aria-activedescendant") is None


def test_a_speech_of_1_30_corrected_only_in_its_kind_stays_1_30(live, sitting):
    page = live
    _suggest(page, "nguyen van dung", "Nguyễn Văn Dũng")
    page.press("#speaker-search", "Enter")
    page.select_option("#id_kind", "discussion")
    page.fill("#id_duration", "1:30")
    # Enter on the kind select saves the speech.
    page.press("#id_kind", "Enter")
    page.wait_for_selector("#recent-speeches li[id^=speech-]")
    speech = Speech.objects.get()
    assert speech.duration_seconds == 90
    row = f"#speech-{speech.pk}"
    assert page.inner_text(f"{row} .speech-duration") == "1:30"

    # Something typed for the next speech must survive the correction (no page reload).
    page.fill("#id_official", "Giám đốc Sở Tài chính")
    page.click(f"{row} summary")
    page.wait_for_selector(f"#c{speech.pk}-kind")
    assert page.input_value(f"#c{speech.pk}-duration") == "1:30"
    page.select_option(f"#c{speech.pk}-kind", "debate")
    page.fill(f"#c{speech.pk}-reason", "Ghi nhầm loại phát biểu")
    page.press(f"#c{speech.pk}-kind", "Enter")  # Enter on the type select saves the correction
    page.wait_for_selector(f"{row} [role=status]")
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("debate", 90)
    assert page.inner_text(f"{row} .speech-duration") == "1:30"
    assert page.input_value("#id_official") == "Giám đốc Sở Tài chính"
    assert speech.history.first().history_change_reason == "Ghi nhầm loại phát biểu"

    # The speaker can be corrected too, in the same row.
    page.click(f"{row} summary")
    page.wait_for_selector(f"#c{speech.pk}-mandate")
    # By name, never by position: the select lists the delegates in folded-name order.
    page.select_option(f"#c{speech.pk}-mandate", label="Nguyễn Minh Trí")
    page.fill(f"#c{speech.pk}-reason", "Chọn nhầm đại biểu")
    # The row still shows the first correction's notice: wait for this correction's answer, not for that.
    with page.expect_response(lambda r: r.request.method == "POST" and "correct" in r.url):
        page.click(f"{row} .speech-correct-form button")
    page.wait_for_selector(f"{row} strong:text-is('Nguyễn Minh Trí')")
    assert page.locator(f"{row} [role=status]").count() == 1
    speech.refresh_from_db()
    assert (speech.mandate.delegate.full_name, speech.duration_seconds) == ("Nguyễn Minh Trí", 90)


def test_a_speech_under_ten_seconds_is_never_logged_silently(live, sitting):
    page = live
    _suggest(page, "nguyen thi hoa", "Nguyễn Thị Hoà")
    page.press("#speaker-search", "Enter")
    page.keyboard.press("Alt+KeyS")
    page.wait_for_function("() => document.getElementById('id_duration').value === '0:01'")
    page.keyboard.press("Alt+KeyS")
    warning = page.locator("#short-warning")
    assert warning.is_visible() and warning.get_attribute("role") == "alert"
    assert "10" in page.inner_text("#short-warning-text")

    page.click("#speech-form button[type=submit]")
    page.wait_for_timeout(500)
    assert not Speech.objects.exists()
    assert page.evaluate("document.activeElement.id") == "id_short_ok"

    page.check("#id_short_ok")
    page.click("#speech-form button[type=submit]")
    page.wait_for_selector("#recent-speeches li[id^=speech-]")
    assert 1 <= Speech.objects.get().duration_seconds < 10


def test_the_server_refuses_a_zero_speech_sent_without_the_page_script(live, sitting):
    page = live
    _suggest(page, "nguyen thi hoa", "Nguyễn Thị Hoà")
    page.press("#speaker-search", "Enter")
    # Bypass the page's check, as a client without JavaScript would.
    page.evaluate("document.getElementById('speech-form').submit()")
    page.wait_for_selector("#short-warning:not([hidden])")
    assert not Speech.objects.exists()
