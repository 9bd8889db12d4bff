"""The Office records a voter meeting with five opinions, consolidates them, merges a duplicate and transfers
the petition; the agency answers; the Office reviews, reports and publishes; a citizen looks it up by code."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import AdminUnit, DeadlineRule, Role
from tests.council.factories import (
    AgencyFactory,
    CouncilFactory,
    DeadlineRuleFactory,
    RoleFactory,
    TermFactory,
    UserFactory,
)
from tests.sessions.factories import SessionFactory
from voters.models import Petition, VoterOpinion

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"
OPINIONS = [
    "Sạt lở bờ sông Tiền đoạn qua ấp 3 xã Tân Hồng, đề nghị sớm xây kè",
    "Bờ sông Tiền ấp 4 sạt lở nặng, đề nghị xây kè chống sạt lở",
    "Sat lo bo song Tien doan ap 5, de nghi xay ke",
    "Đường liên ấp 2 xuống cấp, đề nghị nâng cấp",
    "Trạm y tế xã thiếu thuốc bảo hiểm y tế",
]


def _log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_a_petition_from_meeting_to_public_answer(live_server, page):
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
    council = CouncilFactory(admin_unit=province)
    agency = AgencyFactory(council=council, name="Sở Nông nghiệp và Môi trường")
    DeadlineRuleFactory(
        council=council, code="petition-answer", days=30, day_type=DeadlineRule.DayType.CALENDAR
    )
    today = timezone.localdate()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(
        term=term, number=5, start_date=today - dt.timedelta(days=30), end_date=today - dt.timedelta(days=28)
    )
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    RoleFactory(user=UserFactory(username="coquan"), council=council, role=Role.AGENCY, agency=agency)

    # The Office records the meeting.
    _log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/meetings/new/")
    page.select_option("#id_kind", "after_session")
    page.fill("#id_date", (today - dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    page.select_option("#id_session", str(session.pk))
    page.select_option("#id_place", label="Xã Tân Hồng")
    page.fill("#id_co_organiser", "Ủy ban MTTQ Việt Nam xã Tân Hồng")
    page.fill("#id_attendance", "120")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#opinion-entry")

    # Five opinions, one after another, from the keyboard.
    for number, text in enumerate(OPINIONS, start=1):
        page.fill("#opinion-text", text)
        page.fill("#opinion-voters_count", str(number))
        page.press("#opinion-text", "Control+Enter")
        # Saved rows only (a waiting one shows as a row with a spinner until the server's row replaces it).
        page.wait_for_function(
            f"() => document.querySelectorAll('#opinions tbody tr[id^=\"opinion-\"]').length === {number}"
        )
    assert page.inner_text("#voters-total") == "15"
    assert VoterOpinion.objects.count() == 5

    # The first two make one petition; the third, with no accents, another.
    ids = list(VoterOpinion.objects.order_by("pk").values_list("pk", flat=True))
    page.reload()
    page.check(f"input[name=opinions][value='{ids[0]}']")
    page.check(f"input[name=opinions][value='{ids[1]}']")
    page.fill("#consolidate-title", "Xây kè chống sạt lở bờ sông Tiền xã Tân Hồng")
    page.click("#consolidate button")
    page.wait_for_url("**/petitions/*/")
    main = Petition.objects.get(title__startswith="Xây kè")
    page.goto(f"{live_server.url}/meetings/{VoterOpinion.objects.get(pk=ids[2]).meeting_id}/")
    page.check(f"input[name=opinions][value='{ids[2]}']")
    page.fill("#consolidate-title", "Sat lo bo song Tien ap 5")
    page.click("#consolidate button")
    page.wait_for_url("**/petitions/*/")
    duplicate = Petition.objects.exclude(pk=main.pk).get()

    # On the main petition the duplicate is suggested; merge it.
    page.goto(f"{live_server.url}/petitions/{main.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())  # "Merge …? This cannot be undone."
    page.click(f"form[action$='/merge/']:has(input[value='{duplicate.pk}']) button")
    page.wait_for_selector(".alert-success")
    main.refresh_from_db()
    assert main.voters_count == 6 and main.opinions.count() == 3

    # Classify and transfer.
    page.select_option("#action-classify-competence", "province")
    page.select_option("#action-classify-agency", label="Sở Nông nghiệp và Môi trường")
    page.click("form[action$='/classify/'] button")
    page.wait_for_selector("form[action$='/transfer/']")
    page.click("form[action$='/transfer/'] button")
    page.wait_for_selector(".alert-success")
    main.refresh_from_db()
    assert main.state == Petition.State.TRANSFERRED

    # The agency answers in its portal.
    _log_in(page, live_server, "coquan")
    page.goto(f"{live_server.url}/agency/")
    page.click("text=Xây kè chống sạt lở bờ sông Tiền xã Tân Hồng")
    page.select_option("#id_status", "done")
    page.fill("#id_text", "Sở đã trình UBND tỉnh bố trí 12 tỷ đồng xây kè năm 2027.")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert-success")

    # The Office reviews, reports at the session and publishes what voters were told.
    _log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/petitions/{main.pk}/")
    page.select_option("#action-review-outcome", "done")
    page.click("form[action$='/review/'] button")
    page.wait_for_selector("form[action$='/report/']")
    page.select_option("#action-report-session", str(session.pk))
    page.click("form[action$='/report/'] button")
    page.wait_for_selector("form[action$='/inform/']")
    page.fill("#action-inform-answer_summary", "UBND tỉnh bố trí 12 tỷ đồng xây kè bờ sông Tiền năm 2027.")
    page.check("#action-inform-publish")
    page.click("form[action$='/inform/'] button")
    page.wait_for_selector("form[action$='/conclude/']")

    # A citizen follows it by code, without logging in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/{council.code}/petitions/lookup/")
    page.fill("#code", main.code)
    page.click("main form button")
    page.wait_for_selector("#petition-title")
    content = page.content()
    assert "UBND tỉnh bố trí 12 tỷ đồng xây kè bờ sông Tiền năm 2027." in content
    assert "Sở Nông nghiệp và Môi trường" in content
    assert page.goto(f"{live_server.url}/petitions/{main.pk}/").url.endswith(
        f"/accounts/login/?next=/petitions/{main.pk}/"
    )
