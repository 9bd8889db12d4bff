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
    assert page.inner_text(f"#group-{flood} [data-count]") == "3 ý kiến"
    assert page.inner_text(f"#group-{flood} [data-voters]") == "6 cử tri"

    # Edit the subject ("t"), return with Enter, confirm the group with Enter.
    page.keyboard.press("t")
    page.keyboard.press("Control+a")
    page.keyboard.type(SUBJECT)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.is_checked(f"#g-{flood}-confirm")
    assert page.inner_text("#round-confirmed-count") == "Đã xác nhận 1 nhóm"

    page.click("#round-consolidate")
    page.wait_for_url("**/voters/consolidate/done/")
    petition = Petition.objects.get()
    assert petition.title == SUBJECT and petition.voters_count == 6
    assert sorted(petition.opinions.values_list("text", flat=True)) == sorted(FLOOD)
    assert "Đã tạo 1 kiến nghị" in page.inner_text("#round-result")
    page.click(f"#round-created a:text('{petition.code}')")
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    assert SUBJECT in page.inner_text("h1")


def _open_round(page, live_server, session):
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/voters/consolidate/?session={session.pk}")
    page.wait_for_selector("#round-form .round-opinion")


def _suggesting(monkeypatch, scores):
    """The duplicate finder (run by this process's live server) suggests these petitions for every text."""
    from voters.matching.matcher import Match, Matcher

    def suggest_many(self, texts, **kwargs):
        return [[Match(score=s, petition_id=p.pk) for p, s in scores] for _text in texts]

    monkeypatch.setattr(Matcher, "suggest_many", suggest_many)


def _petition(council, title):
    opinion = services.opinion_add(
        actor=None, council=council, channel=Channel.HOTLINE, text=title, received_on=timezone.localdate()
    )
    return services.petition_create(actor=None, council=council, title=title, opinions=[opinion])


def test_a_double_press_consolidates_the_round_once(live_server, page):
    session = _round()
    _open_round(page, live_server, session)
    page.keyboard.press("Enter")  # confirm the first group
    first = page.locator(".round-group").first
    texts = first.locator(".round-text").all_inner_texts()
    # Two presses in the same instant: the second used to send an empty round in place of the first.
    page.evaluate("() => { const b = document.getElementById('round-consolidate'); b.click(); b.click(); }")
    page.wait_for_url("**/voters/consolidate/done/")
    petition = Petition.objects.get()
    assert sorted(petition.opinions.values_list("text", flat=True)) == sorted(texts)


def test_a_weak_match_needs_a_second_press_and_an_answered_petition_is_not_offered(
    live_server, page, monkeypatch
):
    session = _round()
    council = session.term.council
    answered = _petition(council, "Kè sông Tiền đã làm xong")
    Petition.objects.filter(pk=answered.pk).update(state=Petition.State.CLOSED)
    weak = _petition(council, "Sạt lở bờ kênh nội đồng")
    _suggesting(monkeypatch, [(answered, 0.9), (weak, 0.3)])
    _open_round(page, live_server, session)
    group = page.locator(".round-group").first
    number = group.get_attribute("data-group")
    assert group.locator(f"option[value='{answered.code}']").is_disabled()
    assert "gợi ý yếu" in group.locator(f"option[value='{weak.code}']").inner_text()
    page.keyboard.press("a")
    assert page.input_value(f"#g-{number}-target") == "new"
    assert weak.code in page.inner_text("#round-ask")
    page.keyboard.press("a")
    assert page.input_value(f"#g-{number}-target") == weak.code
    assert page.inner_text("#round-ask") == ""


def test_a_split_group_follows_its_group_and_an_error_is_brought_into_view(live_server, page, monkeypatch):
    session = _round()
    council = session.term.council
    strong = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    _suggesting(monkeypatch, [(strong, 0.8)])
    _open_round(page, live_server, session)
    page.set_viewport_size({"width": 1000, "height": 500})
    # Two flood opinions in one group, then the second split out.
    _go_to(page, FLOOD[0])
    page.keyboard.press("m")
    page.keyboard.type(str(_group_of(page, FLOOD[1])))
    page.keyboard.press("Enter")
    _go_to(page, FLOOD[1])
    source = f"group-{_group_of(page, FLOOD[1])}"
    page.keyboard.press("s")
    split = f"group-{_group_of(page, FLOOD[1])}"
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('#round-groups .round-group')).map(g => g.id)"
    )
    assert split != source and shown.index(split) == shown.index(source) + 1
    assert page.locator(f"#{split} option[value='{strong.code}']").count() == 1  # its suggestions kept
    assert page.locator(f"#{split} .round-hints").count() == 1
    # The last opinion, reached by keyboard, is never under the sticky bar.
    for _ in range(10):
        page.keyboard.press("j")
    hidden = page.evaluate(
        "() => { const r = document.querySelector('.round-opinion.bg-primary-subtle')"
        ".getBoundingClientRect();"
        " const bar = document.getElementById('round-actions').getBoundingClientRect();"
        " return r.bottom > Math.min(bar.top, window.innerHeight); }"
    )
    assert not hidden
    # A refused round comes back with the first group in error in view, its first opinion current.
    last = page.locator(".round-group").last
    number = last.get_attribute("data-group")
    page.fill(f"#g-{number}-code", "KN00-NOTHIS")
    page.check(f"#g-{number}-confirm")
    page.click("#round-consolidate")
    page.wait_for_selector(".round-errors")
    focused = page.evaluate(
        "document.activeElement.closest('.round-group') && document.activeElement.closest('.round-group').id"
    )
    assert focused == f"group-{number}"
    assert page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    assert not Petition.objects.exclude(pk=strong.pk).exists()
