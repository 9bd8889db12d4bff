"""A meeting's opinions from its minutes' table: upload, check, preview, confirm; all or nothing; no twice."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from council.models import AdminUnit, BackgroundJob, Field, Role
from voters import import_jobs, services
from voters.intake import messages, opinions
from voters.models import Channel, VoterOpinion

pytestmark = pytest.mark.django_db
State = BackgroundJob.State
HEADER = [
    "STT",
    "Nội dung ý kiến, kiến nghị",
    "Họ tên cử tri",
    "Địa chỉ",
    "Xã, phường",
    "Lĩnh vực",
    "Số cử tri",
]
VOTER = "Nguyễn Văn Riêng Tư"
ADDRESS = "Ấp Bí Mật, số 99"


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def merged(unit):
    """An old commune of an abolished district, merged in 2025 into a commune of today."""
    district = AdminUnit.objects.create(
        code="870", name="Huyện Hồng Ngự", level="district", parent=unit.parent, valid_to="2025-06-30"
    )
    old = AdminUnit.objects.create(
        code="29980", name="Xã Thường Lạc", level="commune", parent=district, valid_to="2025-06-30"
    )
    today = AdminUnit.objects.create(
        code="29977", name="Xã Thường Phước", level="commune", parent=unit.parent
    )
    today.predecessors.set([old])
    return today


def _minutes(rows, *, header=HEADER, title=True) -> SimpleUploadedFile:
    """A minutes' table as secretaries keep it: title lines, the header, the column numbers, a heading."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["BIÊN BẢN TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỬ TRI"])
        sheet.append(["Hội nghị tiếp xúc cử tri sau kỳ họp thứ 3"])
        sheet.append([])
    sheet.append(header)
    sheet.append([f"({n})" for n in range(1, len(header) + 1)])
    sheet.append(["I", "LĨNH VỰC GIAO THÔNG"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bien-ban.xlsx", buffer.getvalue())


def _rows():
    return [
        [1, "Đề nghị nâng cấp tuyến đường liên ấp.", VOTER, ADDRESS, "", "", 3],
        [2, "Đề nghị sửa cầu Kênh Mới.", "Trần Thị B", "", "X. Thường Lạc, H. Hồng Ngự", "", "2 cử tri"],
        [3, "Đề nghị lắp đèn đường.", "", "", "Tân Hồng", "", None],
    ]


def _run_tasks():
    return TestCase.captureOnCommitCallbacks(execute=True)


def _upload(client, meeting, upload):
    with _run_tasks():
        response = client.post(reverse("voters:meeting_opinion_import", args=[meeting.pk]), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = BackgroundJob.objects.order_by("-pk").first()
    assert response.url == reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk])
    return job, client.get(response.url).content.decode()


def _confirm(client, meeting, job):
    job.refresh_from_db()
    with _run_tasks():
        response = client.post(
            reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk]),
            {"digest": job.result["digest"]},
        )
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def test_upload_preview_confirm_then_the_same_file_again_writes_nothing(client, office, meeting, merged):
    detail = client.get(reverse("voters:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("voters:meeting_opinion_import", args=[meeting.pk]) in detail
    job, html = _upload(client, meeting, _minutes(_rows()))
    job.refresh_from_db()
    assert job.kind == BackgroundJob.Kind.OPINION_IMPORT and job.state == State.DONE
    assert (job.result["created"], job.result["skipped"], job.result["headings"]) == (3, 0, 2)
    assert "3 ý kiến mới, 0 ý kiến hội nghị đã có (bỏ qua)." in html
    assert "Đề nghị sửa cầu Kênh Mới." in html and "Xã Thường Phước" in html
    assert not VoterOpinion.objects.exists()
    # The voters' names and addresses stay out of the preview and the job's row.
    assert VOTER not in html and ADDRESS not in html and VOTER not in str(job.result)

    job = _confirm(client, meeting, job)
    assert job.state == State.DONE and job.phase == "apply", job.error
    html = client.get(
        reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk])
    ).content.decode()
    assert "Đã nhập: thêm 3 ý kiến vào hội nghị, 0 ý kiến đã có." in html
    written = list(VoterOpinion.objects.order_by("pk"))
    assert [o.text for o in written] == [r[1] for r in _rows()]
    assert all(o.meeting == meeting and o.channel == Channel.MEETING for o in written)
    assert all(o.received_on == meeting.date and o.external_id.startswith("xlsx:") for o in written)
    assert [o.admin_unit for o in written] == [meeting.place, merged, meeting.place]
    assert [o.voters_count for o in written] == [3, 2, 1]
    assert (written[0].voter_name, written[0].voter_address) == (VOTER, ADDRESS)
    assert written[0].history.first().history_user == office

    job, html = _upload(client, meeting, _minutes(_rows()))  # the same file again
    job.refresh_from_db()
    assert (job.result["created"], job.result["skipped"]) == (0, 3)
    assert _vi("Already imported from this file: skipped.") in html
    job = _confirm(client, meeting, job)
    assert job.phase == "check" and VoterOpinion.objects.count() == 3


def test_a_row_error_refuses_the_whole_file_with_row_numbers(client, office, meeting, merged):
    rows = [
        *_rows(),
        [4, "", "", "", "", "", ""],
        [5, "Ý kiến có xã lạ.", "", "", "Xã Không Có", "", ""],
        [6, "Ý kiến có số lạ.", "", "", "", "", "nhiều"],
        [7, "Ý kiến quá dài " + "x" * 5000, "", "", "", "", ""],
    ]
    job, html = _upload(client, meeting, _minutes(rows))
    job.refresh_from_db()
    with translation.override("vi"):
        errors = [messages.render(e) for e in job.result["errors"]]
    assert [e.split(":")[0] for e in errors] == ["Dòng 10", "Dòng 11", "Dòng 12", "Dòng 13"]
    assert "Xã Không Có" in errors[1] and "nhiều" in errors[2] and "5015" in errors[3]
    assert _vi("Nothing was imported.") in html and 'name="confirm"' not in html
    assert not VoterOpinion.objects.exists() and job.file_path == ""


def test_a_failure_while_writing_rolls_every_row_back(client, office, meeting, merged, monkeypatch):
    job, _html = _upload(client, meeting, _minutes(_rows()))
    original, calls = services.opinion_add, []

    def failing(**kwargs):
        calls.append(kwargs["text"])
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        return original(**kwargs)

    monkeypatch.setattr(services, "opinion_add", failing)
    job = _confirm(client, meeting, job)
    assert len(calls) == 3 and not VoterOpinion.objects.exists()
    assert job.state == State.FAILED and VOTER not in job.error


def test_an_opinion_typed_at_the_meeting_is_not_imported_twice(client, office, meeting, merged):
    services.opinion_add(
        actor=office,
        council=meeting.council,
        channel=Channel.MEETING,
        meeting=meeting,
        text="Đề nghị nâng cấp tuyến đường liên ấp.",
        voter_name=VOTER,
    )
    rows = [*_rows(), [4, "Đề nghị lắp đèn đường.", "", "", "Tân Hồng", "", None]]  # twice in the file
    job, _html = _upload(client, meeting, _minutes(rows))
    job.refresh_from_db()
    assert (job.result["created"], job.result["skipped"]) == (3, 1)
    with translation.override("vi"):
        notes = {row["number"]: [messages.render(n) for n in row["notes"]] for row in job.result["rows"]}
    assert notes[7] == [_vi("The meeting already has this opinion from this voter: skipped.")]
    assert notes[10] == ["Trùng ý kiến và cử tri với dòng 9."]
    _confirm(client, meeting, job)
    assert VoterOpinion.objects.filter(meeting=meeting).count() == 4


def test_headers_are_found_below_titles_in_their_usual_variants(meeting, merged):
    Field.objects.create(council=meeting.council, name="Giao thông")
    header = [
        "Số TT",
        "Nội dung ý kiến của cử tri",
        "Ho ten",
        "Dia chi",
        "Xa/Phuong",
        "LĨNH VỰC",
        "Số lượng cử tri",
    ]
    rows = [
        ["1", "Đường hư.", "An", "", "Thuong Lac", "giao thong", "4"],
        ["2", "Cầu yếu.", "", "", "", "Y tế", ""],
    ]
    plan = opinions.plan_import(_minutes(rows, header=header), meeting=meeting)
    first, second = plan.rows
    assert (first.values["admin_unit"], first.values["field"].name, first.values["voters_count"]) == (
        merged,
        "Giao thông",
        4,
    )
    assert first.values["voter_name"] == "An" and second.values["admin_unit"] is None
    assert second.action == opinions.NEW and "Y tế" in str(
        second.notes[0]
    )  # a field the council lacks: a note only
    opinions.apply_import(plan, actor=None)
    assert VoterOpinion.objects.get(meeting=meeting, text="Đường hư.").field.name == "Giao thông"


def test_a_table_without_its_opinion_column_is_refused_clearly(meeting):
    with pytest.raises(Exception) as error:
        opinions.plan_import(_minutes([[1, "x"]], header=["STT", "Ghi chú"]), meeting=meeting)
    assert "Opinion or petition" in str(error.value) or "Nội dung ý kiến, kiến nghị" in str(error.value)


def test_the_template_downloads_and_imports_back(client, office, meeting):
    response = client.get(reverse("voters:meeting_opinion_template", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["STT", "Nội dung ý kiến, kiến nghị", "Họ tên cử tri"]
    sheet.append([1, "Đề nghị nạo vét kênh.", "", "", "", "", 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = opinions.plan_import(SimpleUploadedFile("mau.xlsx", buffer.getvalue()), meeting=meeting)
    assert [r.values["voters_count"] for r in plan.rows] == [2]


def test_the_check_and_the_write_report_progress_as_a_job(office, meeting, monkeypatch):
    monkeypatch.setattr(opinions, "PROGRESS_EVERY", 10)
    seen = []
    original = import_jobs._Progress.__call__

    def spy(self, percent, step):
        original(self, percent, step)
        seen.append(percent)

    monkeypatch.setattr(import_jobs._Progress, "__call__", spy)
    rows = [[n, f"Ý kiến số {n}", "", "", "", "", 1] for n in range(1, 61)]
    with _run_tasks():
        job = import_jobs.import_start(
            council=meeting.council,
            actor=office,
            upload=_minutes(rows),
            kind=BackgroundJob.Kind.OPINION_IMPORT,
            params={"meeting": meeting.pk},
        )
    job.refresh_from_db()
    assert job.result["created"] == 60 and len(seen) >= 6 and seen == sorted(seen)
    with _run_tasks():
        import_jobs.import_confirm(job, actor=office, digest=job.result["digest"])
    job.refresh_from_db()
    assert job.state == State.DONE and VoterOpinion.objects.filter(meeting=meeting).count() == 60


def test_other_roles_are_refused_and_another_councils_meeting_is_missing(
    client, login, council, other_council, meeting
):
    job = BackgroundJob.objects.create(
        council=council,
        kind=BackgroundJob.Kind.OPINION_IMPORT,
        params={"meeting": meeting.pk},
        state=State.DONE,
    )
    pages = [
        reverse("voters:meeting_opinion_import", args=[meeting.pk]),
        reverse("voters:meeting_opinion_template", args=[meeting.pk]),
        reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk]),
        reverse("voters:meeting_opinion_import_job_status", args=[meeting.pk, job.pk]),
    ]
    for role in (Role.DELEGATE, Role.STANDING, Role.LEADERSHIP):
        login(role)
        for page in pages:
            assert client.get(page).status_code in (403, 404), (role, page)
        response = client.post(pages[0], {"file": _minutes(_rows())})
        assert response.status_code in (403, 404)
        detail = client.get(reverse("voters:meeting_detail", args=[meeting.pk])).content.decode()
        assert pages[0] not in detail
    login(Role.OFFICE, other_council)
    for page in pages:
        assert client.get(page).status_code == 404
    assert BackgroundJob.objects.count() == 1 and not VoterOpinion.objects.exists()


def test_the_check_runs_the_same_queries_for_few_and_many_rows(meeting, merged, constant_queries):
    rows = []

    def add(numbers):
        rows.extend([i, f"Ý kiến {i}", "", "", "X. Thường Lạc" if i % 2 else "", "", 1] for i in numbers)

    def check():
        return opinions.plan_import(_minutes(rows), meeting=meeting).created

    assert constant_queries(add, check) == (5, 50)


def test_a_missing_or_fake_file_is_refused_on_the_form(client, office, meeting):
    url = reverse("voters:meeting_opinion_import", args=[meeting.pk])
    response = client.post(url, {})
    assert (
        response.status_code == 200 and _vi("Choose the spreadsheet to import.") in response.content.decode()
    )
    response = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"MZ\x90 not a workbook")})
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    pdf = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    response = client.post(url, {"file": pdf})
    assert _vi("The file could not be read as an Excel workbook.") in response.content.decode()
    assert not BackgroundJob.objects.exists() and not VoterOpinion.objects.exists()


def test_without_a_commune_the_address_may_name_it_and_is_never_quoted(meeting, merged):
    rows = [
        [1, "Đường hư.", "An", "Ấp 3, xã Thường Lạc, huyện Hồng Ngự", "", "", 1],
        [2, "Cầu yếu.", "Bình", "Tổ 5, xã Không Có Thật", "", "", 1],
        [3, "Đèn tắt.", "Chi", "Ấp 3, xã Thường Lạc", "Tân Hồng", "", 1],  # the commune column wins
    ]
    plan = opinions.plan_import(_minutes(rows), meeting=meeting)
    assert [r.values["admin_unit"] for r in plan.rows] == [merged, None, meeting.place]
    assert not any(r.notes for r in plan.rows) and "Không Có Thật" not in str(opinions.preview(plan))


# --- What QA found (issue 17 item 5) ---------------------------------------------------------------------


@pytest.fixture
def numbered_wards(unit):
    """Wards "Phường 1" of two former cities (named as the demo names them), and a commune become a ward."""
    province = unit.parent
    today = {}
    for code, city in (("866", "Cao Lãnh"), ("867", "Sa Đéc")):
        district = AdminUnit.objects.create(
            code=code, name=f"Thành phố {city}", level="district", parent=province, valid_to="2025-06-30"
        )
        ward = AdminUnit.objects.create(
            code=f"{code}-01",
            name=f"Phường 1 (TP {city})",
            level="ward",
            parent=district,
            valid_to="2025-06-30",
        )
        today[city] = AdminUnit.objects.create(
            code=f"82-{code}", name=f"Phường {city}", level="ward", parent=province
        )
        today[city].predecessors.set([ward])
    today["Thường Lạc"] = AdminUnit.objects.create(
        code="82-900", name="Phường Thường Lạc", level="ward", parent=province
    )
    return today


@pytest.fixture(autouse=True)
def _language_restored():
    """The language a request activates stays active after it: a page read in English must not leak."""
    yield
    translation.deactivate()


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_communes_the_help_text_promises_are_read_and_a_bare_number_asks_for_the_city(
    client, office, meeting, numbered_wards
):
    rows = [
        [1, "Đường hư.", "", "", "Phường 1, thành phố Sa Đéc", "", ""],
        [2, "Cầu yếu.", "", "", "P.1, TP Cao Lãnh", "", ""],
        [3, "Thiếu nước.", "", "", "Phường 1 TP Sa Đéc", "", ""],
        [4, "Ngập.", "", "", "xã Thường Lạc", "", ""],
    ]
    plan = opinions.plan_import(_minutes(rows), meeting=meeting)
    assert [r.values["admin_unit"] for r in plan.rows] == [
        numbered_wards["Sa Đéc"],
        numbered_wards["Cao Lãnh"],
        numbered_wards["Sa Đéc"],
        numbered_wards["Thường Lạc"],
    ]
    with translation.override("en"):
        assert [str(n) for n in plan.rows[3].notes] == ["“xã Thường Lạc” read as “Phường Thường Lạc”."]
    job, html = _upload(client, meeting, _minutes([[1, "Đường hư.", "", "", "P. 1", "", ""]]))
    assert "“P. 1” trùng tên nhiều xã, phường" in html and "Phường 1 (TP Sa Đéc) → Phường Sa Đéc" in html
    assert "không phải là xã, phường" not in html


def test_the_preview_shows_its_errors_and_notes_in_the_readers_language(
    client, office, meeting, numbered_wards
):
    job, html = _upload(client, meeting, _minutes([[1, "Đường hư.", "", "", "Phường 1", "", ""]]))
    assert "Dòng 7: cột “Xã, phường”: “Phường 1” trùng tên nhiều xã, phường" in html  # checked in Vietnamese
    _english(client)
    html = client.get(
        reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk])
    ).content.decode()
    assert "Row 7: column “Commune or ward”: “Phường 1” matches several communes" in html
    assert "add the city or district" in html and "Dòng" not in html
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    job, _html = _upload(client, meeting, _minutes([[1, "Ngập.", "", "", "xã Thường Lạc", "", ""]]))
    _english(client)
    html = client.get(
        reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk])
    ).content.decode()
    assert "“xã Thường Lạc” read as “Phường Thường Lạc”." in html and "được hiểu là" not in html


def test_the_row_limit_is_written_in_the_readers_number_format(client, office, meeting):
    url = reverse("voters:meeting_opinion_import", args=[meeting.pk])
    assert "10.000" in client.get(url).content.decode()
    _english(client)
    html = client.get(url).content.decode()
    assert "at most 10,000 rows" in html and "10.000" not in html


def test_columns_the_import_does_not_read_are_listed_in_the_preview(client, office, meeting, merged):
    header = [*HEADER, "Ngày", "Ghi chú"]
    rows = [
        [1, "Đường hư.", "", "", "", "", "", "32/13/2026", ""],
        [2, "Cầu yếu.", "", "", "", "", "", "hôm qua", "x"],
    ]
    plan = opinions.plan_import(_minutes(rows, header=header), meeting=meeting)
    assert plan.unread == ["Ngày", "Ghi chú"]
    job, html = _upload(client, meeting, _minutes(rows, header=header))
    assert 'id="import-unread"' in html and "Ngày, Ghi chú" in html
    _english(client)
    html = client.get(
        reverse("voters:meeting_opinion_import_job", args=[meeting.pk, job.pk])
    ).content.decode()
    assert "Columns not read: Ngày, Ghi chú" in html
    full = opinions.plan_import(_minutes(_rows()), meeting=meeting)
    assert full.unread == []
