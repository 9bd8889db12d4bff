"""The kinds of report declared in reports/kinds.py: what each covers and needs, the Party's document form,
and bad requests refused with nothing written."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from council.models import Role
from delegates.services import party as party_services
from reports import builders, kinds, services
from reports.forms import IssueForm
from reports.models import Report
from reports.periods import Period
from tests.council.factories import CommitteeFactory, CouncilFactory, TermFactory

from .conftest import Q2
from .test_reports import docx_text, pdf_text, read

pytestmark = pytest.mark.django_db

H1 = Period("H", 2026, 1)


def test_every_kind_of_the_model_is_declared_with_a_builder_and_sections():
    assert set(kinds.KINDS) == set(Report.Kind.values)
    for spec in kinds.KINDS.values():
        assert spec.declared_sections(), spec.kind
        assert callable(import_string(spec.builder))
        assert spec.covers and spec.file_name


def test_a_party_form_report_has_the_party_heading_number_signature_and_recipients(
    council, records, party_secretary, user_with_role
):
    office = user_with_role(Role.OFFICE)
    economy = party_services.party_assignment_add(
        party_secretary, actor=None, area="Kinh tế - ngân sách", report_every="H"
    )
    party_services.party_assignment_add(
        party_secretary, actor=None, area="Văn hóa - xã hội", report_every="H"
    )
    party_services.party_report_submit(
        economy, actor=office, period="2026-H1", summary="Thu ngân sách đạt 52% dự toán"
    )
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.PROACTIVE, period=H1)
    services.report_generate(report.pk)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT, report.error
    text = unicodedata.normalize("NFC", docx_text(read(report.docx_path)))
    # each member's report on an assigned field, and the field still unreported
    assert "Kinh tế - ngân sách" in text and "Thu ngân sách đạt 52% dự toán" in text
    assert "Chưa báo cáo trong kỳ: Nguyễn Văn Bí Thư (Văn hóa - xã hội)" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "ĐẢNG BỘ TỈNH" in text and "ĐẢNG ĐOÀN HĐND TỈNH" in text
    assert "T/M ĐẢNG ĐOÀN" in text and "BÍ THƯ" in text and "Nguyễn Văn Bí Thư" in text
    assert "- Thường trực Tỉnh ủy," in text and "- Ban Thường vụ Tỉnh ủy," in text
    assert "- Lưu VT, Đảng đoàn." in text
    on = timezone.localdate()
    assert "12-BC/ĐĐ" in str(IssueForm(report=report).fields["number"].help_text)
    with pytest.raises(ValidationError, match="BC/ĐĐ"):
        services.report_issue(report, actor=office, number="12/BC-HĐND", issued_on=on)
    services.report_issue(report, actor=office, number="12-BC/ĐĐ", issued_on=on)
    report.refresh_from_db()
    text = unicodedata.normalize("NFC", docx_text(read(report.docx_path)))
    assert "Số 12-BC/ĐĐ" in text and "Số:" not in text
    pdf = unicodedata.normalize("NFC", pdf_text(read(report.pdf_path)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf and "Số 12-BC/ĐĐ" in pdf and "T/M ĐẢNG ĐOÀN" in pdf


def test_a_state_report_keeps_the_decree_30_form(council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    services.report_generate(report.pk)
    report.refresh_from_db()
    text = unicodedata.normalize("NFC", docx_text(read(report.docx_path)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" not in text
    assert "TM. THƯỜNG TRỰC HĐND" in text and "- Lưu: VT." in text


def test_a_committee_report_needs_a_committee_of_the_council(council, other_council):
    with pytest.raises(ValidationError, match="không có Ban"):
        services.report_request(actor=None, council=council, kind=Report.Kind.COMMITTEE, period=H1)
    committee = CommitteeFactory(council=council)
    theirs = CommitteeFactory(council=other_council)
    for wrong in (None, theirs):
        with pytest.raises(ValidationError):
            services.report_request(
                actor=None, council=council, kind=Report.Kind.COMMITTEE, period=H1, committee=wrong
            )
    with pytest.raises(ValidationError, match="Quý II/2026"):  # a committee reports by half-year or year
        services.report_request(
            actor=None, council=council, kind=Report.Kind.COMMITTEE, period=Q2, committee=committee
        )
    assert not Report.objects.exists()
    report, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.COMMITTEE, period=H1, committee=committee
    )
    assert queued and report.committee == committee and report.scope == f"committee-{committee.pk}"
    # one per committee and period: a second committee gets its own
    second = CommitteeFactory(council=council, kind="legal", name="Ban Pháp chế")
    other, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.COMMITTEE, period=H1, committee=second
    )
    assert queued and other.pk != report.pk
    again, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.COMMITTEE, period=H1, committee=committee
    )
    assert again.pk == report.pk and not queued


def test_an_end_of_term_review_only_in_the_terms_last_months(council):
    today = timezone.localdate()
    running = TermFactory(
        council=council, start_date=today - dt.timedelta(days=400), end_date=today + dt.timedelta(days=1400)
    )
    with pytest.raises(ValidationError, match="cuối nhiệm kỳ"):
        services.report_request(actor=None, council=council, kind=Report.Kind.TERM_REVIEW, term=running)
    with pytest.raises(ValidationError):
        services.report_request(actor=None, council=council, kind=Report.Kind.TERM_REVIEW)
    with pytest.raises(ValidationError):
        services.report_request(
            actor=None,
            council=council,
            kind=Report.Kind.TERM_REVIEW,
            term=TermFactory(council=CouncilFactory()),
        )
    assert not Report.objects.exists()
    ended = TermFactory(council=council, start_date=dt.date(2021, 7, 1), end_date=dt.date(2026, 3, 31))
    report, queued = services.report_request(
        actor=None, council=council, kind=Report.Kind.TERM_REVIEW, term=ended
    )
    assert queued and report.term == ended and report.period == f"term-{ended.pk}"
    assert (report.period_start, report.period_end) == (ended.start_date, ended.end_date)


def test_generate_reports_command_for_a_term_and_bad_requests(council, capsys):
    ended = TermFactory(council=council, start_date=dt.date(2021, 7, 1), end_date=dt.date(2026, 3, 31))
    call_command("generate_reports", "--kind", "term_review", "--term", str(ended.pk))
    out = capsys.readouterr().out
    assert f"term-{ended.pk}" in out and ".docx" in out and ".pdf" in out
    report = Report.objects.get(council=council, kind=Report.Kind.TERM_REVIEW)
    assert report.state == Report.State.DRAFT, report.error
    for bad in (
        ["--kind", "term_review"],  # no term
        ["--kind", "term_review", "--term", "999999999"],
        ["--kind", "term_review", "--term", str(ended.pk), "--period", "2026"],
        ["--term", str(ended.pk), "--kind", "quarterly"],
    ):
        with pytest.raises(CommandError):
            call_command("generate_reports", *bad)
    assert Report.objects.filter(council=council).count() == 1


def test_every_kind_builds_its_declared_sections(council, records, party_secretary, term):
    """Each kind's document has exactly the top-level sections its declaration lists, in order."""
    from sessions.models import Session

    committee = CommitteeFactory(council=council)
    group = council.delegate_groups.first()
    session = Session.objects.filter(council=council).order_by("start_date").first()
    ended = TermFactory(council=council, start_date=dt.date(2021, 7, 1), end_date=dt.date(2026, 3, 31))
    about = {
        Report.Kind.PETITIONS: {"session": session},
        Report.Kind.INTERPELLATION: {"session": session},
        Report.Kind.TERM_REVIEW: {"term": ended},
        Report.Kind.COMMITTEE: {"committee": committee, "period": H1},
        Report.Kind.DELEGATE_GROUP: {"group": group, "period": H1},
        Report.Kind.QUARTERLY: {"period": Q2},
        Report.Kind.RECEPTION: {"period": Q2},
        Report.Kind.HALF_YEAR: {"period": H1},
        Report.Kind.PROACTIVE: {"period": H1},
    }
    for kind, spec in kinds.KINDS.items():
        report, _ = services.report_request(
            actor=None, council=council, kind=kind, **about.get(kind, {"period": Period("Y", 2026)})
        )
        with translation.override("vi"):
            document = builders.build(report, progress=lambda *_: None)
            assert [s.heading for s in document.sections] == spec.declared_sections(), kind
        assert document.form == spec.form
