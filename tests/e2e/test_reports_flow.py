"""The Office generates the quarterly report and issues it; a leadership reader opens the dashboard, changes
the quarter, and downloads the issued report."""

import datetime as dt
import io

import docx
import pytest

from council.models import Role
from reports import services
from reports.models import Report
from tests.council.factories import CouncilFactory, FieldFactory, RoleFactory, TermFactory, UserFactory
from voters import services as voter_services

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def _user(council, role, username):
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(council=council, role=role, user=user)
    return user


def _log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_issue_a_quarterly_report_then_read_it_as_leadership(live_server, page):
    council = CouncilFactory(name="Hội đồng nhân dân tỉnh Đồng Tháp", place_name="Đồng Tháp")
    TermFactory(council=council)
    field = FieldFactory(council=council, name="Y tế")
    for day, title in (
        (dt.date(2026, 5, 4), "Thiếu bác sĩ ở trạm y tế xã"),
        (dt.date(2026, 8, 12), "Thuốc BHYT"),
    ):
        voter_services.petition_create(
            actor=None, council=council, title=title, text=title, received_on=day, field=field
        )
    services.targets_seed(council, actor=None)
    _user(council, Role.OFFICE, "vanphong")
    _user(council, Role.LEADERSHIP, "lanhdao")

    _log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#id_kind", "quarterly")
    page.select_option("#id_period", "2026-Q2")  # periods are chosen from a list, never typed
    page.click("form[action$='/reports/new/'] button")
    page.wait_for_selector("text=DOCX")  # the progress panel polls until the draft is ready
    page.fill("#id_number", "45/BC-HĐND")
    page.fill("#id_issued_on", "10/07/2026")
    page.click("form[action$='/issue/'] button")
    page.wait_for_selector(".alert-success")
    report = Report.objects.get(council=council)
    assert report.state == Report.State.ISSUED and report.number == "45/BC-HĐND"

    _log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/dashboard/?quarter=2026-Q3")
    assert page.locator("h1").inner_text().endswith("2026")
    assert page.locator("figure svg").count() >= 5
    page.select_option("#quarter", "2026-Q2")
    page.wait_for_url("**quarter=2026-Q2**")
    assert "II" in page.locator("h1").inner_text()
    petitions = page.locator("a[href*='/figures/petitions/']").first
    assert petitions.inner_text().strip() == "1"
    assert "Thiếu bác sĩ" not in page.content()  # no citizen's data on the leadership's dashboard

    page.goto(f"{live_server.url}/reports/{report.pk}/")
    with page.expect_download() as download_info:
        page.click("a[href$='/docx/']")
    path = download_info.value.path()
    with open(path, "rb") as handle:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)
    assert "BÁO CÁO" in text
