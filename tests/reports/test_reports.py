import datetime as dt
import io
import unicodedata

import docx
import openpyxl
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from council.models import OutboxMail, Role
from council.uploads import get_private_storage
from reports import services
from reports.models import KpiTarget, Report
from reports.periods import Period
from tests.council.factories import CommitteeFactory, RoleFactory, UserFactory

from .conftest import Q2

pytestmark = pytest.mark.django_db


def generate(council, kind=Report.Kind.QUARTERLY, period=Q2):
    report, queued = services.report_request(actor=None, council=council, kind=kind, period=period)
    if queued:
        services.report_generate(report.pk)
    report.refresh_from_db()
    return report


def read(path) -> bytes:
    with get_private_storage().open(path, "rb") as handle:
        return handle.read()


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_quarterly_report_is_written_in_three_formats_with_the_same_figures(council, records):
    report = generate(council)
    assert report.state == Report.State.DRAFT and report.progress == 100 and report.has_files
    text = docx_text(read(report.docx_path))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: .../BC-HĐND" in text and "Nơi nhận:" in text and "BÁO CÁO" in text
    assert "quý II năm 2026" in text
    pdf = unicodedata.normalize("NFC", pdf_text(read(report.pdf_path)))
    assert "Độc lập - Tự do - Hạnh phúc" in pdf and "quý II năm 2026" in pdf
    # The same petition figure in all three: 3 received in the quarter.
    sentence = "3 kiến nghị"
    assert sentence in text and sentence in pdf
    book = openpyxl.load_workbook(io.BytesIO(read(report.xlsx_path)))
    by_field = next(ws for ws in book.worksheets if "lĩnh vực" in ws.title.lower())
    counts = {
        row[1]: row[2]
        for row in by_field.iter_rows(values_only=True)
        if isinstance(row[2], int) and row[1] != "Tổng cộng"
    }
    assert counts == records["fields"]


def test_decomposed_vietnamese_comes_out_composed_in_the_pdf(council, records):
    council.name = unicodedata.normalize("NFD", "Hội đồng nhân dân tỉnh Đồng Tháp")
    council.place_name = unicodedata.normalize("NFD", "Đồng Tháp")
    council.save()
    report = generate(council)
    pdf = unicodedata.normalize("NFC", pdf_text(read(report.pdf_path)))
    assert "TỈNH ĐỒNG THÁP" in pdf and "Đồng Tháp, ngày" in pdf
    assert "TỈNH ĐỒNG THÁP" in docx_text(read(report.docx_path))


def test_asking_twice_gives_one_report_and_a_second_run_is_a_no_op(council, records):
    first = generate(council)
    again, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2
    )
    assert (again.pk, queued) == (first.pk, False)
    assert services.report_generate(first.pk) is False  # nothing to claim: the draft stands
    assert Report.objects.filter(council=council).count() == 1


def test_a_run_whose_worker_died_is_taken_over_and_ends_with_one_report(council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    # A worker claimed it and died mid-run: the row says running, its heartbeat goes stale.
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.RUNNING, run_token="dead", heartbeat=timezone.now() - dt.timedelta(minutes=30)
    )
    assert services.report_generate(report.pk) is True
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.has_files
    # A live run is not taken over.
    Report.objects.filter(pk=report.pk).update(state=Report.State.RUNNING, heartbeat=timezone.now())
    assert services.report_generate(report.pk) is False


def test_the_result_of_a_run_that_lost_its_claim_is_discarded(council, records, monkeypatch):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    from reports import builders

    real_build = builders.build

    def slow_build(report_, *, progress):
        document = real_build(report_, progress=progress)
        Report.objects.filter(pk=report_.pk).update(run_token="someone-else")  # taken over meanwhile
        return document

    monkeypatch.setattr(builders, "build", slow_build)
    assert services.report_generate(report.pk) is False
    report.refresh_from_db()
    assert not report.has_files


def test_issuing_freezes_the_figures(council, records, user_with_role):
    office = user_with_role(Role.OFFICE)
    RoleFactory(council=council, role=Role.OFFICE, user=UserFactory(email="vanphong@example.vn"))
    RoleFactory(council=council, role=Role.LEADERSHIP, user=UserFactory(email="lanhdao@example.vn"))
    report = generate(council)
    snapshot = report.snapshot
    services.report_issue(report, actor=office, number="45/BC-HĐND", issued_on=dt.date(2026, 7, 10))
    report.refresh_from_db()
    assert report.state == Report.State.ISSUED and report.number == "45/BC-HĐND"
    text = docx_text(read(report.docx_path))
    assert "Số: 45/BC-HĐND" in text and "ngày 10 tháng 7 năm 2026" in text and "DỰ THẢO" not in text
    assert report.snapshot["sections"] == snapshot["sections"]
    mail = OutboxMail.objects.get(dedupe_key=f"report-issued:{report.pk}")
    assert mail.to == "vanphong@example.vn" and "45/BC-HĐND" in mail.body
    # The leadership reader is mailed once, by the notice the issue made (tests/notifications).
    assert OutboxMail.objects.filter(to__contains="lanhdao@example.vn").count() == 1
    # Later records never change an issued report.
    from voters import services as voter_services

    voter_services.petition_create(
        actor=None, council=council, title="Mới", text="Mới", received_on=dt.date(2026, 5, 9)
    )
    with pytest.raises(ValidationError, match="frozen|khóa"):
        services.report_regenerate(report, actor=office)
    report.refresh_from_db()
    assert report.snapshot["sections"] == snapshot["sections"]
    assert generate(council).pk == report.pk  # asking again changes nothing


def test_issuing_twice_or_a_bad_number_is_refused(council, records, user_with_role):
    office = user_with_role(Role.OFFICE)
    report = generate(council)
    with pytest.raises(ValidationError):
        services.report_issue(report, actor=office, number="  ", issued_on=dt.date(2026, 7, 10))
    with pytest.raises(ValidationError):
        services.report_issue(
            report, actor=office, number="1/BC", issued_on=timezone.localdate() + dt.timedelta(days=3)
        )
    services.report_issue(report, actor=office, number="45/BC-HĐND", issued_on=dt.date(2026, 7, 10))
    with pytest.raises(ValidationError, match="already issued|đã được ban hành"):
        services.report_issue(report, actor=office, number="46/BC-HĐND", issued_on=dt.date(2026, 7, 11))
    report.refresh_from_db()
    assert report.number == "45/BC-HĐND"
    other = generate(council, Report.Kind.HALF_YEAR, Period("H", 2026, 1))
    with pytest.raises(ValidationError, match="number"):
        services.report_issue(other, actor=office, number="45/BC-HĐND", issued_on=dt.date(2026, 7, 12))


def test_a_kind_must_fit_its_period(council):
    with pytest.raises(ValidationError):
        services.report_request(actor=None, council=council, kind=Report.Kind.ANNUAL, period=Q2)
    assert not Report.objects.exists()


def test_proactive_reports_count_for_t1_and_the_office_is_warned(
    council, records, user_with_role, party_secretary
):
    office = user_with_role(Role.OFFICE)
    office.email = "vanphong@example.vn"
    office.save()
    warning = services.t1_warning(council, dt.date(2026, 10, 1))
    assert "0" in warning and "T1" in warning
    assert services.t1_warning(council, dt.date(2026, 3, 1)) == ""  # early in the year: no alarm
    services.t1_reminder(council, dt.date(2026, 10, 1))
    services.t1_reminder(council, dt.date(2026, 10, 2))
    assert OutboxMail.objects.filter(dedupe_key__startswith="t1-reminder").count() == 1
    # Two proactive reports issued in 2026 (the second half of 2025's, and the first half of 2026's).
    for half, number, day in (
        (Period("H", 2025, 2), "10-BC/ĐĐ", 10),
        (Period("H", 2026, 1), "11-BC/ĐĐ", 20),
    ):
        report = generate(council, Report.Kind.PROACTIVE, half)
        services.report_issue(report, actor=office, number=number, issued_on=dt.date(2026, 7, day))
    assert services.t1_status(council, 2026) == 2
    assert services.t1_warning(council, dt.date(2026, 10, 1)) == ""


def test_the_schedule_asks_for_each_due_report_once(council, records, party_secretary):
    committee = CommitteeFactory(council=council)
    day = dt.date(2026, 7, 1)  # a Wednesday, the first working day after the first half-year
    queued = services.reports_schedule(today=day)
    mine = [r for r in queued if r.council_id == council.pk]
    groups = list(council.delegate_groups.all())
    expected = [
        Report.Kind.QUARTERLY,
        Report.Kind.RECEPTION,  # quarterly
        Report.Kind.HALF_YEAR,
        Report.Kind.PROACTIVE,  # the Party delegation's, in the Party's form
        Report.Kind.COMMITTEE,  # one per committee
        *[Report.Kind.DELEGATE_GROUP] * len(groups),  # one per group of the current term
    ]
    assert sorted(r.kind for r in mine) == sorted(expected)
    assert {r.committee for r in mine if r.kind == Report.Kind.COMMITTEE} == {committee}
    assert {r.group for r in mine if r.kind == Report.Kind.DELEGATE_GROUP} == set(groups)
    assert services.reports_schedule(today=day) == []  # a second beat, or the next day's run
    assert services.reports_schedule(today=dt.date(2026, 7, 4)) == []  # a Saturday
    assert Report.objects.filter(council=council).count() == len(expected)


def test_without_a_party_delegation_the_party_report_is_not_scheduled_and_refused(council, records):
    day = dt.date(2026, 7, 1)
    assert Report.Kind.PROACTIVE not in [kind for kind, _p, _a in services.due_reports(council, day)]
    with pytest.raises(ValidationError, match="chưa có Đảng đoàn"):
        services.report_request(
            actor=None, council=council, kind=Report.Kind.PROACTIVE, period=Period("H", 2026, 1)
        )
    assert not Report.objects.filter(council=council).exists()


def test_generate_reports_command(council, records, capsys):
    call_command("generate_reports", "--period", "2026-Q2", "--council", council.code)
    out = capsys.readouterr().out
    # a quarter's reports: the activity report and the citizen reception report
    assert out.count(".docx") == 2 and out.count(".xlsx") == 2 and out.count(".pdf") == 2
    call_command("generate_reports", "--period", "2026-Q2", "--council", council.code)
    assert capsys.readouterr().out.count("nothing done") == 2
    assert Report.objects.filter(council=council).count() == 2
    for bad in ("2026-Q5", "2999-Q1"):
        with pytest.raises(CommandError):
            call_command("generate_reports", "--period", bad)
    with pytest.raises(CommandError):
        call_command("generate_reports", "--period", "2026-Q2", "--council", "no-such-council")
    with pytest.raises(CommandError):
        call_command("generate_reports", "--period", "2026-Q2", "--kind", "annual")


def test_generate_reports_command_writes_a_sessions_petition_report(council, records, capsys, other_council):
    from sessions.models import Session

    session = Session.objects.filter(council=council).order_by("start_date").first()
    call_command("generate_reports", "--kind", "petitions", "--session", str(session.pk))
    out = capsys.readouterr().out
    assert f"session-{session.pk}" in out and ".docx" in out and ".pdf" in out
    report = Report.objects.get(council=council, kind=Report.Kind.PETITIONS)
    assert report.session == session
    for bad in (
        ["--kind", "petitions"],  # no session
        ["--kind", "petitions", "--session", "999999999"],
        ["--kind", "petitions", "--session", str(session.pk), "--council", other_council.code],
        ["--kind", "petitions", "--session", str(session.pk), "--period", "2026-Q2"],
        ["--session", str(session.pk), "--kind", "quarterly"],
        [],  # neither a period nor a session
    ):
        with pytest.raises(CommandError):
            call_command("generate_reports", *bad)
    assert Report.objects.filter(council=council, kind=Report.Kind.PETITIONS).count() == 1


def test_a_run_that_keeps_dying_is_marked_failed_not_retried_forever(
    council, records, django_capture_on_commit_callbacks
):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.RUNNING,
        attempts=services.MAX_ATTEMPTS,
        heartbeat=timezone.now() - dt.timedelta(minutes=30),
    )
    assert services.report_generate(report.pk) is False  # not claimed a fourth time
    services.reports_recover()
    report.refresh_from_db()
    assert report.state == Report.State.FAILED and report.error
    with django_capture_on_commit_callbacks(execute=True):
        services.report_regenerate(report, actor=None)  # the Office can still ask again
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.attempts == 1


def test_a_period_report_is_issued_only_after_its_period(council, records, user_with_role):
    office = user_with_role(Role.OFFICE)
    report = generate(council)
    with pytest.raises(ValidationError, match="30/06/2026"):
        services.report_issue(report, actor=office, number="45/BC-HĐND", issued_on=dt.date(2026, 6, 30))
    services.report_issue(report, actor=office, number="Số: 45/BC-HĐND", issued_on=dt.date(2026, 7, 1))
    report.refresh_from_db()
    assert report.number == "45/BC-HĐND"  # the document adds "Số:" itself
    assert "Số: 45/BC-HĐND" in docx_text(read(report.docx_path))


def test_a_draft_of_a_running_period_is_redrafted_once_the_period_ends(
    council, records, django_capture_on_commit_callbacks
):
    running = Period("Q", 2026, 3)
    report = generate(council, Report.Kind.QUARTERLY, running)
    Report.objects.filter(pk=report.pk).update(
        generated_at=dt.datetime(2026, 9, 15, 9, tzinfo=timezone.get_current_timezone())
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.reports_schedule(today=dt.date(2026, 10, 1))
    assert report.pk in [r.pk for r in queued]
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and timezone.localtime(report.generated_at).date() > running.end


def test_a_draft_of_a_period_still_running_is_not_redrafted_every_day(
    council, records, django_capture_on_commit_callbacks
):
    running = Period("Q", 2026, 3)
    report = generate(council, Report.Kind.QUARTERLY, running)
    made = dt.datetime(2026, 9, 15, 9, tzinfo=timezone.get_current_timezone())
    Report.objects.filter(pk=report.pk).update(generated_at=made)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.reports_schedule(today=dt.date(2026, 9, 20))
    assert report.pk not in [r.pk for r in queued]
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.generated_at == made


def test_labels_typed_by_users_are_text_everywhere(council):
    from reports.charts import render_png, render_svg
    from reports.documents.content import Chart, Document, Table
    from reports.documents.xlsx import render_xlsx

    chart = Chart("x", "Phí $5 và $10", ["$\\frac$", "=SUM(A1)"], [("Số", [1, 2])], kind="barh")
    assert "$5" in render_svg(chart) and render_png(chart).startswith(b"\x89PNG")
    table = Table("Bảng", "Bảng", ["Tên", "Số"], [['=HYPERLINK("http://x")', 1]])
    doc = Document(["HĐND"], "Số: ...", "Đồng Tháp", None, 2026, "BÁO CÁO", "Chủ đề", appendix=[table])
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == '=HYPERLINK("http://x")' for c in cells)


@pytest.mark.parametrize(
    ("metric", "threshold"), [("t2_sessions", 0), ("t2_sessions", -5), ("t2_sessions", 150), ("surveys", 1.5)]
)
def test_a_target_threshold_that_makes_no_sense_is_refused(council, metric, threshold):
    with pytest.raises(ValidationError):
        services.target_create(
            actor=None, council=council, code="X1", description="x", metric=metric, threshold=threshold
        )
    assert not KpiTarget.objects.filter(code="X1").exists()


def test_the_overdue_table_keeps_due_dates_as_dates_in_the_workbook(council):
    from council.models import SourceKind
    from reports.builders.common import overdue_table
    from reports.documents.content import Document
    from reports.documents.xlsx import render_xlsx
    from reports.metrics import Window
    from tests.council.factories import make_followup

    late = make_followup(
        council, source_kind=SourceKind.PETITION, assigned=dt.date(2026, 3, 2), due=dt.date(2026, 4, 1)
    )
    table = overdue_table(council, Window(dt.date(2026, 4, 1), dt.date(2026, 6, 30)))
    assert table.rows and table.rows[0][4] == late.due_date
    doc = Document(["HĐND"], "Số: ...", "Đồng Tháp", None, 2026, "BÁO CÁO", "Chủ đề", appendix=[table])
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc))).worksheets[-1]
    cells = [c for row in sheet.iter_rows() for c in row if c.is_date]
    assert cells and cells[0].value.date() == dt.date(2026, 4, 1) and cells[0].number_format == "DD/MM/YYYY"


def test_a_queued_report_is_queued_again_only_once_the_reports_queue_is_empty(
    council, records, settings, monkeypatch
):
    from reports.services import schedule

    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in production: a broker with a reports queue
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    Report.objects.filter(pk=report.pk).update(
        state=Report.State.QUEUED, heartbeat=timezone.now() - dt.timedelta(minutes=30)
    )
    queued = []
    monkeypatch.setattr(schedule, "enqueue", lambda task, *args, **kw: queued.append(args))
    waiting = {"reports": 40}  # a long backlog after the morning run: the report waits its turn there
    monkeypatch.setattr("council.health.queue_waiting", lambda queues: {q: waiting.get(q, 0) for q in queues})
    assert services.reports_recover() == 0 and queued == []
    waiting["reports"] = 0  # the queue drained and the report is still queued: its message was lost
    assert services.reports_recover() == 1 and queued == [(report.pk,)]
