"""An agency answers in its portal with a file; the Office verifies; the timeline shows every step."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import AgencyStatus, CouncilStatus, FollowUp, Role
from tests.council.factories import AgencyFactory, CouncilFactory, RoleFactory, UserFactory, make_followup

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_agency_answers_and_the_office_verifies(live_server, page, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    council = CouncilFactory()
    health = AgencyFactory(council=council, name="Sở Y tế")
    other = AgencyFactory(council=council, name="Sở Xây dựng")
    RoleFactory(user=UserFactory(username="coquan"), council=council, role=Role.AGENCY, agency=health)
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    today = timezone.localdate()
    ours = make_followup(
        council,
        agency=health,
        title="Bố trí bác sĩ cho Trạm y tế xã Tân Hồng",
        assigned=today - dt.timedelta(days=20),
        due=today + dt.timedelta(days=5),
    )
    theirs = make_followup(council, agency=other, title="Sửa chữa cầu Kênh Xáng", assigned=today, due=today)

    # The agency sees only its own item, and answers it with a PDF.
    _log_in(page, live_server, "coquan")
    page.goto(f"{live_server.url}/agency/")
    assert page.locator("text=Bố trí bác sĩ cho Trạm y tế xã Tân Hồng").count() == 1
    assert page.locator("text=Sửa chữa cầu Kênh Xáng").count() == 0
    assert page.goto(f"{live_server.url}/agency/items/{theirs.pk}/").status == 404
    page.goto(f"{live_server.url}/agency/")
    page.click("text=Bố trí bác sĩ cho Trạm y tế xã Tân Hồng")
    page.select_option("#id_status", AgencyStatus.DONE)
    page.fill("#id_text", "Sở đã điều động 01 bác sĩ về Trạm y tế xã Tân Hồng từ ngày 15/11/2026.")
    report = tmp_path / "quyet-dinh.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#id_files", str(report))
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert-success")
    ours.refresh_from_db()
    assert ours.agency_status == AgencyStatus.DONE and ours.progress == 100
    page.click("text=Đăng xuất") if page.locator("text=Đăng xuất").is_visible() else None

    # The Office finds it among the answered items, opens the file and verifies it.
    context = page.context
    context.clear_cookies()
    _log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/followups/?state=awaiting_verification")
    page.click("text=Bố trí bác sĩ cho Trạm y tế xã Tân Hồng")
    with page.expect_download() as download:
        page.click("a:has-text('quyet-dinh.pdf') >> nth=0")
    assert download.value.suggested_filename == "quyet-dinh.pdf"
    page.select_option("#verify-outcome", CouncilStatus.DONE)
    page.fill("#verify-text", "Đã kiểm tra thực tế tại trạm.")
    page.click("#action-verify button[type=submit]")
    page.wait_for_selector(".alert-success")
    ours.refresh_from_db()
    assert ours.council_status == CouncilStatus.DONE and not ours.is_open
    timeline = page.locator("#timeline-title + ol").inner_text()
    assert timeline.index("Sở đã điều động") < timeline.index("Đã kiểm tra thực tế")
    assert FollowUp.objects.get(pk=theirs.pk).is_open
