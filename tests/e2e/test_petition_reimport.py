"""The Office edits an exported petition workbook, imports it back, checks the preview and confirms;
then attaches a file alone on a training course's edit page."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from council.models import Role
from delegates import services as delegate_services
from tests.council.factories import CouncilFactory, RoleFactory, UserFactory
from voters import services
from voters.models import Channel, Petition

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"
TODAY = timezone.localdate()


def _login(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_the_office_reimports_an_edited_workbook_after_a_preview(live_server, page, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    council = CouncilFactory()
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    for title in ("Sạt lở bờ sông Tiền", "Đèn đường hư"):
        opinion = services.opinion_add(
            actor=None,
            council=council,
            channel=Channel.HOTLINE,
            received_on=TODAY,
            text=f"{title} — nội dung",
        )
        services.petition_create(actor=None, council=council, title=title, opinions=[opinion])
    _login(page, live_server)

    workbook = load_workbook(io.BytesIO(page.request.get(f"{live_server.url}/petitions/export/").body()))
    sheet = workbook.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[4].value == "Đèn đường hư")
    row[4].value = "Đèn đường ấp 3 hư"
    edited = tmp_path / "kien-nghi.xlsx"
    workbook.save(edited)

    page.goto(f"{live_server.url}/petitions/import/")
    page.set_input_files("#id_file", str(edited))
    page.click("main form[enctype] button")
    assert page.inner_text("#import-summary") == "0 mới, 1 thay đổi, 1 giữ nguyên."
    assert "Đèn đường ấp 3 hư" in page.inner_text("main table")
    assert not Petition.objects.filter(title="Đèn đường ấp 3 hư").exists()
    page.click("button[name=confirm]")
    page.wait_for_selector(".alert-success")
    assert "1 thay đổi" in page.inner_text(".alert-success")
    assert Petition.objects.filter(title="Đèn đường ấp 3 hư").count() == 1 and Petition.objects.count() == 2

    course = delegate_services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn",
        start_date=TODAY - dt.timedelta(days=5),
        end_date=TODAY - dt.timedelta(days=4),
        organiser="Văn phòng",
        place="Hội trường",
    )
    pdf = tmp_path / "giao-trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.goto(f"{live_server.url}/training/{course.pk}/edit/")
    page.set_input_files("#id_upload", str(pdf))
    page.click("main form button.btn-council")
    page.wait_for_selector(".alert-success")
    assert "giao-trinh.pdf" in page.inner_text(".alert-success")
    assert "giao-trinh.pdf" in page.inner_text("main")
    course.refresh_from_db()
    assert course.original_name == "giao-trinh.pdf"
