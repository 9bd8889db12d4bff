"""The Office uploads a petition workbook: the job page shows a progress bar while the check runs as a task
(in-process, after the request, as in the quick start), then the preview; after the confirmation, the
progress of the write, then the result with links to the petitions."""

import io
import time

import pytest
from django.utils import translation
from openpyxl import Workbook

from council.models import AdminUnit, BackgroundJob, Role
from council.resilience import wait_for_background_tasks
from tests.council.factories import CouncilFactory, RoleFactory, UserFactory
from voters import import_jobs
from voters.intake import petitions as spreadsheets
from voters.models import Petition

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def _workbook(path, count):
    workbook = Workbook()
    workbook.active.append([str(h) for _k, h in spreadsheets.COLUMNS])
    for n in range(count):
        title = f"Kiến nghị thử số {n + 1}"
        workbook.active.append(
            ["", "", "05/10/2025", "Đường dây nóng", title, f"{title} — nội dung", "Xã Tân Hồng"]
            + [""] * 4
            + [2, ""]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_the_import_shows_its_progress_then_the_preview_then_the_result(
    live_server, page, tmp_path, settings, monkeypatch
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TASKS_EAGER_IN_BACKGROUND = True  # as in the quick start: the task runs after the response
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY", 5)
    original = import_jobs._Progress.__call__

    def slowly(self, percent, step):  # a small file checked slowly enough to watch
        original(self, percent, step)
        time.sleep(0.15)

    monkeypatch.setattr(import_jobs._Progress, "__call__", slowly)
    council = CouncilFactory()
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    file = tmp_path / "kien-nghi.xlsx"
    with translation.override("vi"):
        _workbook(file, 60)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/petitions/import/")
    page.set_input_files("#id_file", str(file))
    page.click("main form[enctype] button")
    page.wait_for_url("**/petitions/import/*/")
    bar = page.wait_for_selector("[role=progressbar]")
    assert 0 <= int(bar.get_attribute("aria-valuenow")) < 100
    page.screenshot(path=str(tmp_path / "progress.png"))
    page.wait_for_selector("#import-summary", timeout=30_000)  # htmx polled the job until its preview
    assert page.inner_text("#import-summary") == "60 mới, 0 thay đổi, 0 giữ nguyên."
    assert not Petition.objects.exists()
    page.reload()  # coming back shows the same preview
    assert page.inner_text("#import-summary") == "60 mới, 0 thay đổi, 0 giữ nguyên."

    page.click("button[name=confirm]")
    page.wait_for_selector("[role=progressbar]")
    page.wait_for_selector("#import-result", timeout=30_000)
    assert "60 mới" in page.inner_text("#import-result")
    assert Petition.objects.count() == 60
    page.click("#import-job summary")  # the 60 petitions written, folded
    page.click("main details a:has-text('KN')")
    page.wait_for_url("**/petitions/*/")
    assert BackgroundJob.objects.get().state == "done"
    assert wait_for_background_tasks(5)
