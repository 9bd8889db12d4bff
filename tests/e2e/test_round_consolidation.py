"""The Office consolidates a session's round of voter meetings by keyboard: an opinion is split out and moved
back by its group's number, the group's subject edited and the group confirmed with Enter; one action makes
the petition, and the summary links to it."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import AdminUnit, Role
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.sessions.factories import SessionFactory
from voters import services
from voters.models import Channel, Petition, VoterMeeting

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"
FLOOD = [
    "Đề nghị đầu tư xây dựng kè chống sạt lở bờ sông Tiền đoạn qua ấp 1 xã Tân Hồng",
    "Cử tri đề nghị sớm xây kè chống sạt lở bờ sông Tiền đoạn ấp 2 xã Tân Hồng",
    "Đề nghị tỉnh đầu tư kè chống sạt lở bờ sông Tiền qua xã Tân Hồng",
]
OTHERS = [
    "Đề nghị nâng cấp đường giao thông nông thôn liên ấp Tân Thành xuống cấp nghiêm trọng",
    "Đề nghị bố trí thêm giáo viên tiếng Anh cho trường tiểu học Tân Hồng 2",
]
SUBJECT = "Xây kè chống sạt lở bờ sông Tiền xã Tân Hồng"


def _round():
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    unit = AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
    council = CouncilFactory(admin_unit=province)
    today = timezone.localdate()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(
        term=term, start_date=today - dt.timedelta(days=20), end_date=today - dt.timedelta(days=18)
    )
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    meeting = services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.AFTER_SESSION,
        session=session,
        date=today - dt.timedelta(days=10),
        place=unit,
        attendance=80,
    )
    for n, text in enumerate([*FLOOD, *OTHERS]):
        services.opinion_add(
            actor=None,
            council=council,
            channel=Channel.MEETING,
            meeting=meeting,
            text=text,
            voters_count=n + 1,
        )
    return session


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def _go_to(page, text):
    """Walk with j/k to the opinion with this text; it becomes the current one."""
    texts = page.locator(".round-opinion .round-text").all_inner_texts()
    at = page.evaluate(
        "Array.from(document.querySelectorAll('.round-opinion'))"
        ".findIndex(r => r.classList.contains('bg-primary-subtle'))"
    )
    wanted = texts.index(text)
    key = "j" if wanted > at else "k"
    for _ in range(abs(wanted - at)):
        page.keyboard.press(key)
    assert (
        page.evaluate("document.querySelector('.round-opinion.bg-primary-subtle .round-text').innerText")
        == text
    )


def _group_of(page, text):
    return int(
        page.locator(".round-opinion", has_text=text).evaluate("r => r.closest('.round-group').dataset.group")
    )


def test_a_round_is_consolidated_by_keyboard(live_server, page):
    session = _round()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/voters/")
    page.click("#round-link")
    page.select_option("#id_session", str(session.pk))
    page.click("#round-choose button")
    page.wait_for_selector("#round-form .round-opinion")
    assert page.locator(".round-opinion").count() == 5
    flood = _group_of(page, FLOOD[0])
    # Wherever the finder put them, the flood opinions are brought into one group by their number.
    for text in FLOOD[1:]:
        if _group_of(page, text) != flood:
            _go_to(page, text)
            page.keyboard.press("m")
            page.keyboard.type(str(flood))
            page.keyboard.press("Enter")
    assert {_group_of(page, t) for t in FLOOD} == {flood}

    # Split the last one out ("s"): a new group appears, with its text as the subject ...
    _go_to(page, FLOOD[2])
    groups = page.locator(".round-group").count()
    page.keyboard.press("s")
    assert page.locator(".round-group").count() == groups + 1
    split = _group_of(page, FLOOD[2])
    assert split != flood
    assert page.input_value(f"#g-{split}-title") == FLOOD[2]
    # ... and move it back by typing the group's number, then Enter: the new group goes away.
    page.keyboard.type(str(flood))  # the first digit opens the opinion's number box
    page.keyboard.press("Enter")
    assert _group_of(page, FLOOD[2]) == flood
    assert page.locator(".round-group").count() == groups
    assert page.inner_text(f"#group-{flood} [data-count]") == "3"
    assert page.inner_text(f"#group-{flood} [data-voters]") == "6"

    # Edit the subject ("t"), return with Enter, confirm the group with Enter.
    page.keyboard.press("t")
    page.keyboard.press("Control+a")
    page.keyboard.type(SUBJECT)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.is_checked(f"#g-{flood}-confirm")
    assert page.inner_text("#round-confirmed-count") == "1"

    page.click("#round-consolidate")
    page.wait_for_url("**/voters/consolidate/done/")
    petition = Petition.objects.get()
    assert petition.title == SUBJECT and petition.voters_count == 6
    assert sorted(petition.opinions.values_list("text", flat=True)) == sorted(FLOOD)
    assert "Đã tạo 1 kiến nghị" in page.inner_text("#round-result")
    page.click(f"#round-created a:text('{petition.code}')")
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    assert SUBJECT in page.inner_text("h1")
