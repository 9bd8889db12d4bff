"""Re-importing an exported petition workbook: a preview first, then every change or none, by code or text."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from council.models import BackgroundJob
from tests.council.factories import AgencyFactory
from tests.dates import days
from voters import import_jobs, services
from voters.intake import petitions as spreadsheets
from voters.intake.petitions import COLUMNS
from voters.models import Channel, Competence, Petition

pytestmark = pytest.mark.django_db
URL = "/petitions/import/"
COL = {key: index for index, (key, _h) in enumerate(COLUMNS)}


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def _petition(council, title, text=None, **extra):
    opinion = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=days(-3),
        text=text or f"{title} — nội dung",
    )
    return services.petition_create(actor=None, council=council, title=title, opinions=[opinion], **extra)


def _export(client) -> list[list]:
    sheet = load_workbook(io.BytesIO(client.get(reverse("voters:petition_export")).content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _file(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("kien-nghi.xlsx", buffer.getvalue())


def _by_title(rows, title):
    return next(r for r in rows[1:] if r[COL["title"]] == title)


class _Plan:
    """The preview a check job stored, read like the plan it was made of."""

    def __init__(self, preview):
        self.created, self.changed, self.unchanged = (
            preview["created"],
            preview["changed"],
            preview["unchanged"],
        )
        self.rows = [SimpleNamespace(**row) for row in preview["rows"]]
        self.digest = preview["digest"]


def _run_tasks():
    """Run the tasks queued on commit (the test's transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def _job_page(client, job_url):
    response = client.get(job_url)
    assert response.status_code == 200
    job = response.context["job"]
    preview = response.context["preview"]
    plan = _Plan(preview) if preview and not preview.get("errors") else None
    return response, {"plan": plan, "job": job, "url": job_url}


def _preview(client, rows):
    """Upload the file (its check runs as a task) and open the job page it leads to."""
    with _run_tasks():
        response = client.post(URL, {"file": _file(rows)})
    assert response.status_code == 302
    return _job_page(client, response.url)


def _confirm(client, context, *, digest=None):
    """Confirm the preview (the write runs as a task) and open the job page again."""
    digest = context["plan"].digest if digest is None else digest
    with _run_tasks():
        response = client.post(context["url"], {"digest": digest, "confirm": "1"})
    assert response.status_code == 302 and response.url == context["url"]
    return _job_page(client, context["url"])[0]


def test_edits_in_a_reimported_export_are_previewed_then_applied_with_history(
    client, office, council, unit, _private
):
    a = _petition(council, "Sạt lở bờ sông Tiền")
    b = _petition(council, "Đường ấp 5 xuống cấp")
    _petition(council, "Đèn đường hư")
    rows = _export(client)
    _by_title(rows, a.title)[COL["title"]] = "Sạt lở bờ sông Tiền đoạn ấp 3"
    _by_title(rows, b.title)[COL["text"]] = "Đường ấp 5 hư hỏng nặng, xin sửa trước mùa mưa"
    _by_title(rows, b.title)[COL["admin_unit"]] = "Tân Hồng"

    response, context = _preview(client, rows)
    plan = context["plan"]
    assert (plan.created, plan.changed, plan.unchanged) == (0, 2, 1)
    html = response.content.decode()
    assert "0 mới, 2 thay đổi, 1 giữ nguyên." in html
    assert "Sạt lở bờ sông Tiền đoạn ấp 3" in html and "Xã Tân Hồng" in html
    a.refresh_from_db()
    assert a.title == "Sạt lở bờ sông Tiền"  # nothing written by the preview
    stashed = list((_private / import_jobs.JOB_PREFIX).iterdir())
    assert len(stashed) == 1

    response = _confirm(client, context)
    assert "Đã nhập: 0 mới, 2 thay đổi, 1 giữ nguyên." in response.content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.title == "Sạt lở bờ sông Tiền đoạn ấp 3"
    assert b.text.startswith("Đường ấp 5 hư hỏng nặng") and b.admin_unit == unit
    assert Petition.objects.count() == 3
    latest = a.history.first()
    assert latest.history_change_reason == _vi("Imported from a spreadsheet")
    assert latest.history_user == office
    assert list((_private / import_jobs.JOB_PREFIX).iterdir()) == []  # the kept file is gone

    # The same file again changes nothing more.
    _response, context = _preview(client, _export(client))
    assert (context["plan"].created, context["plan"].changed, context["plan"].unchanged) == (0, 0, 3)


def test_an_edited_row_without_its_code_never_makes_a_second_petition(client, office, council, unit):
    petition = _petition(council, "Nước sinh hoạt nhiễm phèn", text="Nước máy ấp 2 bị nhiễm phèn")
    rows = _export(client)
    row = _by_title(rows, petition.title)
    row[COL["code"]] = ""
    row[COL["title"]] = "Nước sinh hoạt nhiễm phèn nặng"
    row[COL["text"]] = "  nước máy ấp 2   bị nhiễm phèn "  # the same text, typed again
    _response, context = _preview(client, rows)
    plan = context["plan"]
    assert (plan.created, plan.changed) == (0, 1) and plan.rows[0].petition == petition.pk
    _confirm(client, context)
    assert Petition.objects.count() == 1
    petition.refresh_from_db()
    assert petition.title == "Nước sinh hoạt nhiễm phèn nặng"


def test_a_row_without_its_code_whose_text_was_edited_too_updates_its_petition(client, office, council, unit):
    # Same subject, date and commune, the text reworded and the code deleted: still the same petition.
    petition = _petition(
        council, "Đèn đường ấp 3 hư", text="Đèn đường ấp 3 hư đã hai tháng.", admin_unit=unit
    )
    rows = _export(client)
    row = _by_title(rows, petition.title)
    row[COL["code"]] = ""
    row[COL["text"]] = "Đèn đường ấp 3 hư đã hai tháng, đề nghị sửa gấp."
    _response, context = _preview(client, rows)
    plan = context["plan"]
    assert (plan.created, plan.changed) == (0, 1) and plan.rows[0].petition == petition.pk
    _confirm(client, context)
    assert Petition.objects.count() == 1
    petition.refresh_from_db()
    assert petition.text == "Đèn đường ấp 3 hư đã hai tháng, đề nghị sửa gấp."


def test_every_error_of_a_row_is_listed_at_once(client, office, council, unit):
    row = _new_row("Hai lỗi", text="x" * 6000)
    row[COL["voters_count"]] = "99999999999"
    response, context = _preview(client, [_header(), row])
    html = response.content.decode()
    assert context["plan"] is None and not Petition.objects.exists()
    assert "6000" in html and "99999999999" in html


def test_the_state_column_never_moves_a_petition_and_the_preview_says_so(client, office, council, unit):
    petition = _petition(council, "Chợ tạm lấn chiếm lòng đường")
    rows = _export(client)
    row = _by_title(rows, petition.title)
    with translation.override("vi"):
        row[COL["state"]] = str(Petition.State.CLOSED.label)
    row[COL["voters_count"]] = 500
    response, context = _preview(client, rows)
    assert context["plan"].unchanged == 1
    html = response.content.decode()
    assert "trạng thái chỉ thay đổi qua các bước xử lý kiến nghị" in html
    assert "Số cử tri được tính từ các ý kiến của kiến nghị (1)" in html
    assert len(context["plan"].rows[0].notes) == 2
    _confirm(client, context)
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECORDED and petition.voters_count == 1


def test_classification_changes_only_while_the_petition_may_be_classified(client, office, council, unit):
    agency = AgencyFactory(council=council, name="Sở Xây dựng")
    petition = _petition(council, "Cầu khỉ xuống cấp")
    rows = _export(client)
    row = _by_title(rows, petition.title)
    with translation.override("vi"):
        row[COL["competence"]] = str(Competence.PROVINCE.label)
    row[COL["agency"]] = "Sở Xây dựng"
    _response, context = _preview(client, rows)
    assert context["plan"].changed == 1
    _confirm(client, context)
    petition.refresh_from_db()
    assert petition.agency == agency and petition.state == Petition.State.CLASSIFIED


def test_a_failure_while_writing_writes_nothing(client, office, council, unit, monkeypatch):
    a = _petition(council, "Kiến nghị A")
    b = _petition(council, "Kiến nghị B")
    rows = _export(client)
    _by_title(rows, a.title)[COL["title"]] = "Kiến nghị A sửa"
    _by_title(rows, b.title)[COL["title"]] = "Kiến nghị B sửa"
    _response, context = _preview(client, rows)
    original = services.petition_update
    calls = []

    def failing(petition, **kwargs):
        calls.append(petition.pk)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError("Hỏng giữa chừng")
        return original(petition, **kwargs)

    monkeypatch.setattr(services, "petition_update", failing)
    response = _confirm(client, context)
    assert "Hỏng giữa chừng" in response.content.decode()
    assert response.context["job"].state == "failed"
    assert set(Petition.objects.values_list("title", flat=True)) == {"Kiến nghị A", "Kiến nghị B"}


def test_a_stale_preview_is_shown_again_and_an_expired_one_is_refused(
    client, office, council, unit, _private
):
    a = _petition(council, "Kiến nghị A")
    rows = _export(client)
    _by_title(rows, a.title)[COL["title"]] = "Kiến nghị A sửa"
    _response, context = _preview(client, rows)
    services.petition_update(a, actor=None, title="Kiến nghị A sửa")  # someone else did it meanwhile
    response = _confirm(client, context)
    assert response.context["preview"]["changed"] == 0 and response.context["preview"]["moved"]
    assert _vi("The petitions changed since the check: review it again.") in response.content.decode()

    _response, context = _preview(client, rows)
    BackgroundJob.objects.filter(pk=context["job"].pk).update(
        updated_at=timezone.now() - import_jobs.PREVIEW_KEPT - dt.timedelta(minutes=1)
    )
    response = _confirm(client, context)
    assert (
        _vi("The checked file has expired or was already imported: choose it again.")
        in response.content.decode()
    )
    # Only the first job's file is left (it still waits for a confirmation of its new preview).
    assert len(list((_private / import_jobs.JOB_PREFIX).iterdir())) == 1
    assert BackgroundJob.objects.get(pk=context["job"].pk).file_path == ""
    # Cancelling discards the kept file too.
    _response, context = _preview(client, rows)
    client.post(context["url"], {"cancel": "1"})
    assert len(list((_private / import_jobs.JOB_PREFIX).iterdir())) == 1
    assert BackgroundJob.objects.get(pk=context["job"].pk).state == "cancelled"


def test_an_unknown_code_and_a_repeated_petition_are_row_errors(client, office, council, unit):
    a = _petition(council, "Kiến nghị A")
    rows = _export(client)
    rows.append(list(_by_title(rows, a.title)))
    rows.append(["KN26-ZZZZZZ", *rows[1][1:4], "Khác", "Nội dung khác", *rows[1][6:]])
    response, context = _preview(client, rows)
    html = response.content.decode()
    assert context["plan"] is None
    assert (
        "KN26-ZZZZZZ" in html
        and _vi("Row %(row)s: the same petition as row %(first)s.")
        % {
            "row": 3,
            "first": 2,
        }
        in html
    )


# --- Validation of what is imported ------------------------------------------------------------------


def _new_row(title, *, date="05/10/2025", text=None):
    return [
        "",
        "",
        date,
        "Đường dây nóng",
        title,
        text or f"{title} — nội dung",
        "Xã Tân Hồng",
        "",
        "",
        "",
        "",
        3,
        "",
    ]


def _header():
    with translation.override("vi"):
        return [str(h) for _k, h in COLUMNS]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_new_row("Ngày quá cũ", date="31/12/1989"), "31/12/1989"),
        # Two days ahead: this list is made when the tests are collected, maybe the day before they run.
        (_new_row("Ngày tương lai", date=f"{days(2):%d/%m/%Y}"), None),
        (_new_row("Quá dài", text="x" * 5001), "5001"),
        (_new_row("T" * 201), "201"),
    ],
)
def test_old_or_future_dates_and_overlong_texts_are_refused_with_their_row(
    client, office, council, unit, row, message
):
    rows = [_header(), _new_row("Kiến nghị đúng"), row]
    response, context = _preview(client, rows)
    html = response.content.decode()
    assert context["plan"] is None and not Petition.objects.exists()
    assert "Dòng 3:" in html
    assert _vi("Nothing was imported.") in html
    if message:
        assert message in html
    limits = spreadsheets.text_limits()
    assert limits == {"title": 200, "text": 5000}


def test_new_rows_are_created_only_on_confirmation(client, office, council, unit):
    rows = [_header(), _new_row("Kiến nghị một"), _new_row("Kiến nghị hai")]
    _response, context = _preview(client, rows)
    assert context["plan"].created == 2 and not Petition.objects.exists()
    _confirm(client, context)
    assert Petition.objects.count() == 2
    _response, context = _preview(client, rows)  # the same file again: nothing new
    assert (context["plan"].created, context["plan"].unchanged) == (0, 2)


def test_a_long_text_changed_at_its_end_is_previewed_where_it_changes():
    before = "Đường giao thông nông thôn xuống cấp. " * 10
    before_shown, after_shown = spreadsheets._excerpts(before, before + "Bổ sung nội dung.")
    assert after_shown.startswith("…") and after_shown.endswith("Bổ sung nội dung.")
    assert len(after_shown) < 120 and before_shown.startswith("…")


@pytest.mark.parametrize("digest", ["", "é" * 30, "\x00", "x" * 20000, "\u202e"])
def test_a_hostile_digest_is_refused_and_writes_nothing(client, office, council, unit, digest):
    _response, context = _preview(client, [_header(), _new_row("Kiến nghị một")])
    response = _confirm(client, context, digest=digest)
    assert _vi("The check changed since this page was shown: review it again.") in response.content.decode()
    assert not Petition.objects.exists() and response.context["job"].phase == "check"


def test_an_unknown_or_hostile_job_is_missing(client, office):
    for url in ("/petitions/import/999999/", "/petitions/import/999999/status/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "1", "digest": "x"}).status_code in (404, 405)
    assert client.get("/petitions/import/99999999999999999999999/").status_code == 404
