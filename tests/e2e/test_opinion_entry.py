"""The clerk types opinions faster than a slow server saves them: none is lost, they are saved in order, and
one the server refuses comes back to be corrected while the others go on."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from council.models import AdminUnit, Role
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.sessions.factories import SessionFactory
from voters import forms, services
from voters.models import VoterMeeting, VoterOpinion

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"
DELAY = 1.5  # seconds the server takes for each save, as on the day the opinions were lost
TEXTS = [f"Ý kiến số {n}: đề nghị sửa đường liên ấp {n} xã Tân Hồng" for n in range(1, 9)]


@pytest.fixture
def slow_saves(monkeypatch):
    """Every opinion sent takes DELAY seconds in the server, refused ones too (the delay is in the form)."""
    original = forms.QuickOpinionForm.full_clean

    def slow(self):
        time.sleep(DELAY)
        return original(self)

    monkeypatch.setattr(forms.QuickOpinionForm, "full_clean", slow)


def _meeting():
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    unit = AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
    council = CouncilFactory(admin_unit=province)
    today = timezone.localdate()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(
        term=term, start_date=today - dt.timedelta(days=20), end_date=today - dt.timedelta(days=18)
    )
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    return services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.AFTER_SESSION,
        session=session,
        date=today - dt.timedelta(days=10),
        place=unit,
        attendance=80,
    )


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _saved_rows(page):
    return page.locator('#opinions tbody tr[id^="opinion-"]')


def test_opinions_typed_during_slow_saves_are_all_kept_in_order(live_server, page, slow_saves):
    meeting = _meeting()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")

    # Eight opinions typed back to back, each sent with Ctrl+Enter while the earlier ones are still saving.
    for text in TEXTS:
        page.fill("#opinion-text", text)
        page.press("#opinion-text", "Control+Enter")
        # The form is emptied at once, ready for the next one.
        assert page.input_value("#opinion-text") == ""
    # Saving is visible: a spinner on the button, how many are waiting, and a row per waiting opinion.
    assert page.get_attribute("[data-opinion-submit]", "aria-busy") == "true"
    assert page.is_visible("[data-opinion-spinner]")
    assert page.inner_text("#opinion-status").startswith("Đang lưu")
    assert page.locator("#opinions tbody tr.opinion-pending").count() >= 1

    page.wait_for_function(
        "() => document.querySelectorAll('#opinions tbody tr[id^=\"opinion-\"]').length === 8"
        " && !document.querySelector('#opinions tbody tr.opinion-pending')",
        timeout=60000,
    )
    saved = list(VoterOpinion.objects.filter(meeting=meeting).order_by("pk").values_list("text", flat=True))
    assert saved == TEXTS
    shown = [_saved_rows(page).nth(i).inner_text() for i in range(8)]
    assert all(text in row for text, row in zip(TEXTS, shown, strict=True))
    assert page.inner_text("#opinion-count") == "8"
    assert page.get_attribute("[data-opinion-submit]", "aria-busy") == "false"
    assert page.inner_text("#opinion-status") == "Đã lưu tất cả ý kiến."

    # A refused opinion (no voter raising it) is kept with its error while the next one is saved, and while
    # the clerk is already typing a third.
    page.fill("#opinion-text", "Ý kiến số 9: thiếu nước sạch ấp 2")
    page.fill("#opinion-voters_count", "0")
    page.press("#opinion-text", "Control+Enter")
    page.fill("#opinion-text", "Ý kiến số 10: đèn đường ấp 3")
    page.press("#opinion-text", "Control+Enter")
    page.fill("#opinion-text", "Ý kiến số 11: trường học xuống cấp")
    page.wait_for_selector("#opinions tr.opinion-failed")
    assert "Ý kiến số 9" in page.inner_text("#opinions tr.opinion-failed")
    assert page.input_value("#opinion-text") == "Ý kiến số 11: trường học xuống cấp"
    page.press("#opinion-text", "Control+Enter")
    # The clerk corrects the refused one: it comes back in the form with the server's error, then saves.
    page.click("#opinions tr.opinion-failed button:text('Sửa lại')")
    assert page.input_value("#opinion-text") == "Ý kiến số 9: thiếu nước sạch ấp 2"
    assert page.is_visible("#opinion-entry .is-invalid")
    page.fill("#opinion-voters_count", "3")
    page.press("#opinion-text", "Control+Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('#opinions tbody tr[id^=\"opinion-\"]').length === 11"
        " && !document.querySelector("
        "'#opinions tbody tr.opinion-pending, #opinions tbody tr.opinion-failed')",
        timeout=30000,
    )
    texts = list(VoterOpinion.objects.filter(meeting=meeting).order_by("pk").values_list("text", flat=True))
    assert texts[8:] == [
        "Ý kiến số 10: đèn đường ấp 3",
        "Ý kiến số 11: trường học xuống cấp",
        "Ý kiến số 9: thiếu nước sạch ấp 2",
    ]
    assert VoterOpinion.objects.get(text__startswith="Ý kiến số 9").voters_count == 3
    assert page.inner_text("#opinion-count") == "11"


def test_a_failed_save_keeps_the_opinion_and_those_after_it_until_retried(live_server, page, monkeypatch):
    original = services.opinion_add
    calls = []

    def failing_once(**kwargs):
        calls.append(kwargs["text"])
        time.sleep(0.5)
        if len(calls) == 1:
            raise RuntimeError("the database went away")  # a 500, as a server failure would give
        return original(**kwargs)

    monkeypatch.setattr(services, "opinion_add", failing_once)
    meeting = _meeting()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.fill("#opinion-text", TEXTS[0])
    page.press("#opinion-text", "Control+Enter")
    page.fill("#opinion-text", TEXTS[1])
    page.press("#opinion-text", "Control+Enter")

    # The queue stops at the failure: the first is shown with a Retry button, the second still waits.
    page.wait_for_selector("#opinions tr.opinion-failed button:text('Thử lại')")
    assert TEXTS[0] in page.inner_text("#opinions tr.opinion-failed")
    assert TEXTS[1] in page.inner_text("#opinions tr.opinion-pending")
    assert page.inner_text("#opinion-status") == "Số ý kiến chưa lưu: 2."
    assert not VoterOpinion.objects.exists() and calls == [TEXTS[0]]

    page.click("#opinions tr.opinion-failed button:text('Thử lại')")
    page.wait_for_function(
        "() => document.querySelectorAll('#opinions tbody tr[id^=\"opinion-\"]').length === 2"
        " && !document.querySelector("
        "'#opinions tbody tr.opinion-pending, #opinions tbody tr.opinion-failed')",
        timeout=30000,
    )
    assert list(VoterOpinion.objects.order_by("pk").values_list("text", flat=True)) == TEXTS[:2]
