"""The follow-up pages driven through the views: the Office's list and detail, and the agency portal."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from council import services
from council.models import (
    AgencyStatus,
    Attachment,
    CouncilStatus,
    DeadlineRule,
    EscalationStep,
    FollowUp,
    FollowUpEvent,
    Milestone,
    OutboxMail,
    ReminderLog,
    Role,
)
from council.workdays import add_working_days, apply_rule
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, FieldFactory, make_followup

pytestmark = pytest.mark.django_db
Event = FollowUpEvent.Kind

READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}
NOT_READERS = {Role.DELEGATE, Role.GROUP_LEADER, Role.AGENCY}
ACTIONS = ["verify", "reopen", "due", "evidence", "note", "milestone", "escalate"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
DISGUISED = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.fixture(autouse=True)
def english(client):
    """Read the pages in English so the assertions do not depend on the state of the translations."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def item(council, agency, title, *, due_in, assigned_ago=30, **kwargs) -> FollowUp:
    return make_followup(
        council, agency=agency, title=title, assigned=days(-assigned_ago), due=days(due_in), **kwargs
    )


def answer(followup, status=AgencyStatus.DONE, text="Sở đã hoàn thành và báo cáo kết quả."):
    services.followup_answer(followup, actor=None, status=status, text=text)
    followup.refresh_from_db()
    return followup


def pdf(name="tra-loi.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def respondent_and_agency(user_with_role):
    user = user_with_role(Role.AGENCY)
    return user, user.roles.get().agency


def kinds(followup) -> list[str]:
    return list(followup.events.order_by("at", "pk").values_list("kind", flat=True))


def snapshot(followup) -> tuple:
    followup = FollowUp.objects.get(pk=followup.pk)
    return (
        followup.agency_status,
        followup.council_status,
        followup.progress,
        followup.agency_explanation,
        followup.closed_on,
        followup.due_date,
        followup.escalation_level,
        followup.first_answered_on,
        followup.events.count(),
        followup.attachments.count(),
    )


def titles(response) -> set[str]:
    return {f.title for f in response.context["page"].object_list}


def downloaded(response) -> bytes:
    # Consuming the stream closes the file (the test client's wrapper); response.close() would also fire
    # request_finished, which closes the test's PostgreSQL connection.
    content = b"".join(response.streaming_content)
    return content


# 1. Who may open which page ------------------------------------------------------------------------


def test_the_role_sets_cover_every_role():
    assert set(ALL_ROLES) == READERS | NOT_READERS
    assert not READERS & NOT_READERS


@pytest.mark.parametrize("role", ALL_ROLES)
def test_follow_up_pages_by_role(client, council, login, role):
    followup = item(council, AgencyFactory(council=council), "Nâng cấp tuyến đường ĐT 845", due_in=10)
    login(role)
    expected = 200 if role in READERS else 403

    assert client.get(reverse("followup_list")).status_code == expected
    assert client.get(reverse("followup_detail", args=[followup.pk])).status_code == expected
    assert client.get(reverse("agency_home")).status_code == (200 if role == Role.AGENCY else 403)


@pytest.mark.parametrize("role", sorted(READERS - {Role.OFFICE, Role.ADMIN}))
def test_readers_who_do_not_manage_see_no_office_actions(client, council, login, role):
    followup = item(council, AgencyFactory(council=council), "Xử lý rác thải", due_in=10)
    login(role)

    page = client.get(reverse("followup_detail", args=[followup.pk]))
    listing = client.get(reverse("followup_list"))

    assert page.context["can_manage"] is False
    assert reverse("followup_action", args=[followup.pk, "verify"]) not in page.text
    assert reverse("followup_create") not in listing.text
    assert 'name="selected"' not in listing.text
    assert "Remind the selected agencies" not in listing.text


def test_a_follow_up_of_another_council_is_not_found_for_the_office(client, office, council, other_council):
    foreign = item(other_council, AgencyFactory(council=other_council), "Việc của tỉnh khác", due_in=-3)

    assert client.get(reverse("followup_detail", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("followup_action", args=[foreign.pk, "note"]), {"text": "Ghi chú"})
    assert response.status_code == 404
    assert client.get(reverse("followup_list"), {"state": "all"}).context["page"].paginator.count == 0
    assert kinds(foreign) == [Event.CREATED]


def test_anonymous_users_are_sent_to_log_in_and_write_nothing(client, council):
    followup = item(council, AgencyFactory(council=council), "Cấp nước sạch", due_in=5)
    pages = [
        reverse("followup_list"),
        reverse("followup_create"),
        reverse("followup_detail", args=[followup.pk]),
        reverse("agency_home"),
        reverse("agency_item", args=[followup.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"

    posts = {
        reverse("followup_action", args=[followup.pk, "verify"]): {"outcome": "done", "reason": "x"},
        reverse("followup_remind"): {"selected": [followup.pk]},
        reverse("agency_item", args=[followup.pk]): {"status": "done", "text": "Đã xong"},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))
    assert kinds(followup) == [Event.CREATED]
    assert FollowUp.objects.get(pk=followup.pk).is_open


# 2. Agency isolation --------------------------------------------------------------------------------


def test_agency_home_lists_only_the_agencys_own_items(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    other = AgencyFactory(council=council)
    own = item(council, mine, "Việc của Sở A", due_in=10)
    own_closed = item(council, mine, "Việc đã xong của Sở A", due_in=5)
    services.followup_verify(own_closed, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    item(council, other, "Việc của Sở B", due_in=3)
    client.force_login(respondent)

    response = client.get(reverse("agency_home"))
    closed = client.get(reverse("agency_home"), {"show": "closed"})

    assert response.status_code == 200
    assert titles(response) == {own.title}
    assert "Việc của Sở A" in response.text
    assert "Việc của Sở B" not in response.text
    assert titles(closed) == {own_closed.title}


def test_an_agency_cannot_reach_another_agencys_item(client, council, user_with_role):
    respondent, _mine = respondent_and_agency(user_with_role)
    foreign = item(council, AgencyFactory(council=council), "Việc của Sở B", due_in=10)
    before = snapshot(foreign)
    client.force_login(respondent)
    url = reverse("agency_item", args=[foreign.pk])

    assert client.get(url).status_code == 404
    response = client.post(url, {"status": "done", "text": "Trả lời thay Sở B", "progress": "100"})

    assert response.status_code == 404
    assert snapshot(foreign) == before


def test_a_co_ordinating_agency_reads_but_cannot_answer(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(
        council,
        AgencyFactory(council=council),
        "Giải phóng mặt bằng dự án",
        due_in=10,
        coordinating_agencies=[mine],
    )
    before = snapshot(followup)
    client.force_login(respondent)
    url = reverse("agency_item", args=[followup.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["can_answer"] is False
    assert "the responsible agency answers it" in page.text
    assert titles(client.get(reverse("agency_home"))) == {followup.title}

    response = client.post(url, {"status": "done", "text": "Sở phối hợp trả lời", "progress": "100"})
    assert response.status_code == 404
    assert snapshot(followup) == before
    assert not followup.events.filter(kind=Event.ANSWERED).exists()


def test_internal_notes_are_shown_to_the_office_only(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    office_user = user_with_role(Role.OFFICE)
    secret_note = "Ghi chú nội bộ: chờ ý kiến Thường trực"
    secret_event = "Nhật ký nội bộ: đã gọi điện cho Giám đốc Sở"
    followup = item(council, mine, "Sửa chữa trường học", due_in=10, internal_note=secret_note)
    services.followup_note(followup, actor=office_user, text=secret_event, internal=True)

    client.force_login(respondent)
    agency_page = client.get(reverse("agency_item", args=[followup.pk]))
    assert agency_page.status_code == 200
    assert secret_note not in agency_page.text
    assert secret_event not in agency_page.text
    assert [e.kind for e in agency_page.context["timeline"]] == [Event.CREATED]
    assert all(not e.internal for e in agency_page.context["timeline"])

    client.force_login(office_user)
    office_page = client.get(reverse("followup_detail", args=[followup.pk]))
    assert secret_note in office_page.text
    assert secret_event in office_page.text
    assert [e.kind for e in office_page.context["timeline"]] == [Event.CREATED, Event.NOTE]


def test_leadership_readers_do_not_see_internal_notes(client, council, login):
    followup = item(
        council, AgencyFactory(council=council), "Chống ngập", due_in=10, internal_note="Chỉ Văn phòng biết"
    )
    services.followup_note(followup, actor=None, text="Nhật ký chỉ Văn phòng xem", internal=True)
    login(Role.LEADERSHIP)

    page = client.get(reverse("followup_detail", args=[followup.pk]))

    assert page.status_code == 200
    assert "Chỉ Văn phòng biết" not in page.text
    assert "Nhật ký chỉ Văn phòng xem" not in page.text


# 3. The agency answers ------------------------------------------------------------------------------


def test_the_agency_answers_with_a_pdf_that_the_right_people_can_download(
    client, settings, tmp_path, council, user_with_role
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Nâng cấp tuyến đường ĐT 845", due_in=10)
    client.force_login(respondent)
    url = reverse("agency_item", args=[followup.pk])

    response = client.post(
        url, {"status": "done", "text": "Sở đã hoàn thành nâng cấp tuyến đường.", "files": pdf()}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    followup.refresh_from_db()
    assert followup.agency_status == AgencyStatus.DONE
    assert followup.progress == 100
    assert followup.first_answered_on == today()
    assert followup.is_open  # the Office still verifies
    event = followup.events.get(kind=Event.ANSWERED)
    assert event.actor == respondent
    assert event.text == "Sở đã hoàn thành nâng cấp tuyến đường."
    attachment = event.attachments.get()
    assert attachment.followup == followup
    assert attachment.kind == Attachment.Kind.ANSWER
    assert attachment.original_name == "tra-loi.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert "tra-loi" not in attachment.path  # stored under a generated name
    assert (tmp_path / attachment.path).read_bytes() == PDF

    page = client.get(url)
    download_url = reverse("attachment_download", args=[attachment.pk])
    assert download_url in page.text
    assert "Agency answered" in page.text

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "tra-loi.pdf" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    assert downloaded(download) == PDF

    client.force_login(user_with_role(Role.OFFICE))
    office_download = client.get(download_url)
    assert office_download.status_code == 200
    assert office_download["Content-Disposition"].startswith("attachment")
    assert downloaded(office_download) == PDF

    client.force_login(user_with_role(Role.AGENCY))  # a respondent of another agency
    assert client.get(download_url).status_code == 404


def test_an_attachment_of_another_council_is_not_found(
    client, settings, tmp_path, council, other_council, office
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    foreign = item(other_council, AgencyFactory(council=other_council), "Việc tỉnh khác", due_in=5)
    services.followup_answer(foreign, actor=office, status="done", text="Đã xong", files=[pdf()])
    attachment = Attachment.objects.get()

    assert client.get(reverse("attachment_download", args=[attachment.pk])).status_code == 404


def test_cannot_do_without_an_explanation_is_refused(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Di dời chợ tạm", due_in=10)
    before = snapshot(followup)
    client.force_login(respondent)

    response = client.post(
        reverse("agency_item", args=[followup.pk]),
        {"status": "cannot_do", "text": "Sở không thể thực hiện.", "explanation": "  "},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["explanation"] == ["Explain why it cannot be done."]
    assert "Explain why it cannot be done." in response.text
    assert snapshot(followup) == before


def test_a_disguised_file_is_refused_and_changes_nothing(client, settings, tmp_path, council, user_with_role):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Cải tạo kênh thủy lợi", due_in=10)
    before = snapshot(followup)
    client.force_login(respondent)

    response = client.post(
        reverse("agency_item", args=[followup.pk]),
        {"status": "done", "text": "Đã xong, gửi kèm báo cáo.", "files": pdf("x.pdf", DISGUISED)},
    )

    assert response.status_code == 200
    assert "This type of file is not accepted" in response.text
    assert response.context["form"].non_field_errors()
    assert snapshot(followup) == before
    assert not Attachment.objects.exists()
    assert kinds(followup) == [Event.CREATED]
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_answering_an_item_closed_meanwhile_says_why_nothing_was_sent(client, council, user_with_role):
    """The agency sends its answer from a page opened before the Office closed the item."""
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Di dời chợ tạm", due_in=10)
    services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    before = snapshot(followup)
    client.force_login(respondent)

    response = client.post(
        reverse("agency_item", args=[followup.pk]), {"status": "done", "text": "Sở đã hoàn thành."}
    )

    assert response.status_code == 200
    assert snapshot(followup) == before
    assert "This item is closed; ask the Office to reopen it." in response.text


def test_progress_above_100_is_refused(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Xây cầu dân sinh", due_in=10)
    before = snapshot(followup)
    client.force_login(respondent)

    response = client.post(
        reverse("agency_item", args=[followup.pk]),
        {"status": "in_progress", "text": "Đang thi công.", "progress": "150"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["progress"] == ["Progress is a percentage between 0 and 100."]
    assert snapshot(followup) == before


def test_a_progress_report_keeps_the_item_awaiting_the_agency(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Xây cầu dân sinh", due_in=10)
    client.force_login(respondent)

    response = client.post(
        reverse("agency_item", args=[followup.pk]),
        {"status": "in_progress", "text": "Đã thi công được một nửa.", "progress": "50"},
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.agency_status == AgencyStatus.IN_PROGRESS
    assert followup.progress == 50
    assert followup.first_answered_on is None
    assert kinds(followup) == [Event.CREATED, Event.PROGRESS]


# 4. The Office verifies and acts ----------------------------------------------------------------------


def test_verifying_an_answered_item_as_done_closes_it(client, office, council):
    followup = answer(item(council, AgencyFactory(council=council), "Lắp đèn chiếu sáng", due_in=10))
    url = reverse("followup_action", args=[followup.pk, "verify"])

    response = client.post(url, {"outcome": "done", "text": "Đã kiểm tra thực tế, đạt yêu cầu."})

    assert response.status_code == 302
    assert response["Location"] == reverse("followup_detail", args=[followup.pk])
    followup.refresh_from_db()
    assert followup.closed_on == today()
    assert followup.council_status == CouncilStatus.DONE
    assert followup.progress == 100
    verified = followup.events.get(kind=Event.VERIFIED)
    assert verified.actor == office
    assert verified.data["outcome"] == "done"

    page = client.get(reverse("followup_detail", args=[followup.pk]))
    assert [e.kind for e in page.context["timeline"]] == [Event.CREATED, Event.ANSWERED, Event.VERIFIED]
    assert "Verified by the council" in page.text
    assert "Đã kiểm tra thực tế, đạt yêu cầu." in page.text
    assert page.context["next_step"] is None


def test_verifying_an_unanswered_item_needs_a_reason(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Nạo vét kênh", due_in=10)
    before = snapshot(followup)
    url = reverse("followup_action", args=[followup.pk, "verify"])

    refused = client.post(url, {"outcome": "done"})

    assert refused.status_code == 200
    assert "give the reason for verifying without an answer" in refused.text
    assert refused.context["verify_form"].errors
    assert snapshot(followup) == before

    accepted = client.post(url, {"outcome": "done", "reason": "Đã kiểm tra trực tiếp tại hiện trường"})

    assert accepted.status_code == 302
    followup.refresh_from_db()
    assert followup.closed_on == today()
    assert followup.council_status == CouncilStatus.DONE
    event = followup.events.get(kind=Event.VERIFIED)
    assert event.data["reason"] == "Đã kiểm tra trực tiếp tại hiện trường"


def test_an_unsatisfactory_answer_suggests_escalation_and_the_step_mails_the_agency(client, office, council):
    agency = AgencyFactory(council=council, emails="vanphong@sogtvt.gov.vn")
    followup = answer(item(council, agency, "Sửa chữa cầu yếu", due_in=10))

    response = client.post(
        reverse("followup_action", args=[followup.pk, "verify"]),
        {"outcome": "unsatisfactory", "text": "Trả lời chưa rõ tiến độ."},
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.is_open
    assert followup.council_status == CouncilStatus.UNSATISFACTORY
    assert followup.agency_status == AgencyStatus.IN_PROGRESS  # sent back to the agency

    page = client.get(reverse("followup_detail", args=[followup.pk]))
    assert page.context["next_step"] == EscalationStep.REMINDER
    assert "Suggested next step" in page.text
    assert "Send a reminder" in page.text
    assert reverse("followup_action", args=[followup.pk, "escalate"]) in page.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()

    escalated = client.post(
        reverse("followup_action", args=[followup.pk, "escalate"]),
        {"step": EscalationStep.REMINDER.value, "text": "Đề nghị trả lời lại trong tuần."},
    )

    assert escalated.status_code == 302
    followup.refresh_from_db()
    assert followup.escalation_level == 1
    mail = OutboxMail.objects.get(dedupe_key__startswith="manual:")
    assert mail.council == council
    assert "vanphong@sogtvt.gov.vn" in mail.to
    assert "Đề nghị trả lời lại trong tuần." in mail.body
    assert mail.sent_at is None
    assert kinds(followup)[-2:] == [Event.ESCALATED, Event.REMINDED]

    after = client.get(reverse("followup_detail", args=[followup.pk]))
    assert after.context["next_step"] == EscalationStep.REPORT_AUTHORITY


def test_an_escalation_step_out_of_turn_is_refused(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)
    before = snapshot(followup)

    response = client.post(
        reverse("followup_action", args=[followup.pk, "escalate"]),
        {"step": EscalationStep.INTERPELLATION.value},
    )

    assert response.status_code == 200
    assert snapshot(followup) == before
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    # The escalation form is not on the page: the reason is said at the top, once.
    assert "This escalation step is not the one due for this item." in response.text


def test_verifying_an_item_closed_meanwhile_says_why_nothing_was_recorded(client, office, council):
    """A second Office user verifies from a stale page after a colleague closed the item."""
    followup = answer(item(council, AgencyFactory(council=council), "Lắp đèn chiếu sáng", due_in=10))
    services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE)
    before = snapshot(followup)

    response = client.post(
        reverse("followup_action", args=[followup.pk, "verify"]), {"outcome": "not_done", "close": "on"}
    )

    assert response.status_code == 200
    assert snapshot(followup) == before
    assert "This item is already closed; reopen it first." in response.text


def test_reopening_a_closed_item_needs_a_reason(client, office, council):
    followup = answer(item(council, AgencyFactory(council=council), "Cấp nước sạch", due_in=10))
    services.followup_verify(followup, actor=office, outcome=CouncilStatus.DONE)
    before = snapshot(followup)
    url = reverse("followup_action", args=[followup.pk, "reopen"])

    refused = client.post(url, {"reason": ""})

    assert refused.status_code == 200
    assert refused.context["reopen_form"].errors["reason"]
    assert snapshot(followup) == before
    assert not FollowUp.objects.get(pk=followup.pk).is_open

    accepted = client.post(url, {"reason": "Cử tri tiếp tục phản ánh mất nước."})

    assert accepted.status_code == 302
    followup.refresh_from_db()
    assert followup.is_open
    assert followup.council_status == CouncilStatus.OPEN
    assert followup.agency_status == AgencyStatus.IN_PROGRESS
    assert followup.events.get(kind=Event.REOPENED).text == "Cử tri tiếp tục phản ánh mất nước."


def test_changing_the_due_date_needs_a_reason_and_is_logged(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Quy hoạch chợ", due_in=10)
    previous = followup.due_date
    new_due = days(40)
    before = snapshot(followup)
    url = reverse("followup_action", args=[followup.pk, "due"])

    refused = client.post(url, {"due_date": dmy(new_due), "reason": ""})

    assert refused.status_code == 200
    assert refused.context["due_form"].errors["reason"]
    assert snapshot(followup) == before

    accepted = client.post(url, {"due_date": dmy(new_due), "reason": "Theo đề nghị của UBND tỉnh"})

    assert accepted.status_code == 302
    followup.refresh_from_db()
    assert followup.due_date == new_due
    assert followup.due_date_override_reason == "Theo đề nghị của UBND tỉnh"
    event = followup.events.get(kind=Event.DUE_CHANGED)
    assert event.data == {"previous": previous.isoformat(), "due_date": new_due.isoformat()}
    page = client.get(reverse("followup_detail", args=[followup.pk]))
    assert "Due date changed" in page.text
    assert f"{dmy(previous)} → {dmy(new_due)}" in page.text


def test_the_same_due_date_is_refused_next_to_the_field(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Quy hoạch chợ", due_in=10)
    before = snapshot(followup)

    response = client.post(
        reverse("followup_action", args=[followup.pk, "due"]),
        {"due_date": dmy(followup.due_date), "reason": "Nhầm"},
    )

    assert response.status_code == 200
    assert response.context["due_form"].errors["due_date"] == ["This is already the due date."]
    assert snapshot(followup) == before


def test_office_adds_evidence_a_note_and_a_milestone(client, settings, tmp_path, office, council, login):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    followup = item(council, AgencyFactory(council=council), "Xây nhà văn hóa", due_in=30)
    detail = reverse("followup_detail", args=[followup.pk])

    evidence = client.post(
        reverse("followup_action", args=[followup.pk, "evidence"]),
        {"files": pdf("bien-ban.pdf"), "text": "Biên bản kiểm tra"},
    )
    note = client.post(reverse("followup_action", args=[followup.pk, "note"]), {"text": "Gọi điện nhắc"})
    milestone = client.post(
        reverse("followup_action", args=[followup.pk, "milestone"]),
        {"title": "Khởi công", "due_date": dmy(days(7))},
    )

    assert [r.status_code for r in (evidence, note, milestone)] == [302, 302, 302]
    attachment = followup.attachments.get()
    assert attachment.kind == Attachment.Kind.EVIDENCE
    assert attachment.original_name == "bien-ban.pdf"
    assert followup.events.get(kind=Event.NOTE).internal is True
    step = Milestone.objects.get(followup=followup)
    assert step.due_date == days(7)

    done = client.post(reverse("milestone_done", args=[step.pk]))

    assert done.status_code == 302
    assert done["Location"] == detail
    step.refresh_from_db()
    assert step.done_on == today()
    assert kinds(followup) == [
        Event.CREATED,
        Event.EVIDENCE,
        Event.NOTE,
        Event.MILESTONE,
        Event.MILESTONE,
    ]


def test_an_evidence_post_without_files_is_refused(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Xây nhà văn hóa", due_in=30)
    before = snapshot(followup)

    response = client.post(
        reverse("followup_action", args=[followup.pk, "evidence"]), {"text": "Không có tệp"}
    )

    assert response.status_code == 200
    assert response.context["evidence_form"].errors["files"] == ["Choose at least one file."]
    assert snapshot(followup) == before


@pytest.mark.parametrize("action", ACTIONS)
def test_readers_who_do_not_manage_cannot_act(client, council, login, action):
    followup = answer(item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5))
    before = snapshot(followup)
    login(Role.STANDING)
    data = {
        "outcome": "done",
        "reason": "Lý do",
        "due_date": dmy(days(60)),
        "text": "Ghi chú",
        "title": "Mốc",
        "step": "reminder",
    }

    response = client.post(reverse("followup_action", args=[followup.pk, action]), data)

    assert response.status_code == 403
    assert snapshot(followup) == before


def test_readers_who_do_not_manage_cannot_create_remind_or_tick_milestones(client, council, login):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)
    step = services.milestone_add(followup, actor=None, title="Khảo sát", due_date=days(-20))
    login(Role.STANDING)

    assert client.get(reverse("followup_create")).status_code == 403
    assert client.post(reverse("followup_remind"), {"selected": [followup.pk]}).status_code == 403
    assert client.post(reverse("milestone_done", args=[step.pk])).status_code == 403
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    step.refresh_from_db()
    assert step.done_on is None


def test_an_unknown_action_is_not_found(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=5)

    assert client.post(reverse("followup_action", args=[followup.pk, "delete"])).status_code == 404
    assert client.get(reverse("followup_action", args=[followup.pk, "verify"])).status_code == 405


# 5. The Office's list ------------------------------------------------------------------------------------


@pytest.fixture
def board(council):
    """Two agencies, six items in every state the list filters by."""
    a = AgencyFactory(council=council, name="Sở Xây dựng")
    b = AgencyFactory(council=council, name="Sở Giáo dục và Đào tạo")
    items = {
        "overdue_a": item(council, a, "Kè chống sạt lở bờ sông", due_in=-5),
        "answered_a": answer(item(council, a, "Cấp nước sạch cho xã đảo", due_in=10)),
        "soon_b": make_followup(
            council,
            agency=b,
            title="Sửa trường học điểm lẻ",
            assigned=days(-10),
            due=add_working_days(council, today(), 2),
        ),
        "far_b": item(council, b, "Quy hoạch chợ đầu mối", due_in=90),
        "closed_b": item(council, b, "Đèn chiếu sáng đường làng", due_in=-3),
        "overdue_b": item(council, b, "Nạo vét kênh nội đồng", due_in=-1, assigned_ago=20),
    }
    services.followup_verify(items["closed_b"], actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    return {"a": a, "b": b, **items}


def list_titles(client, **params) -> set[str]:
    response = client.get(reverse("followup_list"), params)
    assert response.status_code == 200
    return titles(response)


def test_list_filters(client, office, board):
    b = board["b"]

    everything = {board[k].title for k in board if k not in ("a", "b")}
    assert list_titles(client, state="all") == everything
    assert list_titles(client) == everything - {board["closed_b"].title}  # the Office starts on open items
    assert list_titles(client, state="open") == everything - {board["closed_b"].title}
    assert list_titles(client, state="overdue") == {board["overdue_a"].title, board["overdue_b"].title}
    assert list_titles(client, state="awaiting_verification") == {board["answered_a"].title}
    assert list_titles(client, state="closed") == {board["closed_b"].title}
    assert list_titles(client, state="all", agency=b.pk) == {
        board["soon_b"].title,
        board["far_b"].title,
        board["closed_b"].title,
        board["overdue_b"].title,
    }
    assert list_titles(client, state="overdue", agency=b.pk) == {board["overdue_b"].title}
    assert list_titles(client, state="due_soon", within=3) == {board["soon_b"].title}
    assert list_titles(client, state="due_soon", within=1) == set()
    assert list_titles(client, q="trường học") == {board["soon_b"].title}
    assert list_titles(client, q="không có việc này") == set()


def test_the_overdue_list_marks_items_overdue(client, office, board):
    response = client.get(reverse("followup_list"), {"state": "overdue"})

    assert "Kè chống sạt lở bờ sông" in response.text
    assert "Nạo vét kênh nội đồng" in response.text
    assert "Quy hoạch chợ đầu mối" not in response.text
    assert response.text.count("text-bg-danger") >= 2
    assert "2 items" in response.text


def test_the_list_counts_items_per_agency(client, office, board):
    response = client.get(reverse("followup_list"), {"state": "all"})

    counts = {row["agency__name"]: row for row in response.context["counts"]}
    a, b = counts["Sở Xây dựng"], counts["Sở Giáo dục và Đào tạo"]
    assert (a["total"], a["open"], a["overdue"], a["to_verify"]) == (2, 2, 1, 1)
    assert (b["total"], b["open"], b["overdue"], b["to_verify"]) == (4, 3, 1, 0)
    assert "By agency" in response.text
    assert "Sở Xây dựng" in response.text
    assert "Sở Giáo dục và Đào tạo" in response.text

    overdue_only = client.get(reverse("followup_list"), {"state": "overdue"})
    rows = {row["agency__name"]: row["total"] for row in overdue_only.context["counts"]}
    assert rows == {"Sở Xây dựng": 1, "Sở Giáo dục và Đào tạo": 1}


def test_an_htmx_request_gets_only_the_results(client, office, board):
    response = client.get(
        reverse("followup_list"),
        {"state": "overdue"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="followup-results",
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Kè chống sạt lở bờ sông" in response.text
    assert "Quy hoạch chợ đầu mối" not in response.text
    assert "By agency" in response.text
    names = [t.name for t in response.templates]
    assert "council/followups/_results.html" in names
    assert "council/followups/list.html" not in names

    full = client.get(reverse("followup_list"), {"state": "overdue"})
    assert "<html" in full.text


def test_an_invalid_filter_does_not_drop_the_other_filters(client, office, board):
    """Typing 400 in "due within" (the limit is 365) must not turn the overdue list into every item."""
    response = client.get(
        reverse("followup_list"),
        {"state": "overdue", "within": "400"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="followup-results",
    )

    assert response.status_code == 200
    assert titles(response) <= {board["overdue_a"].title, board["overdue_b"].title}
    assert "Quy hoạch chợ đầu mối" not in response.text


def _seed_list(council, agencies, count, start):
    fields = [FieldFactory(council=council), FieldFactory(council=council)]
    for n in range(start, start + count):
        agency = agencies[n % len(agencies)]
        followup = make_followup(
            council,
            agency=agency,
            title=f"Kiến nghị cử tri số {n}",
            assigned=days(-60),
            due=days(-30 + n),
            field=fields[n % 2] if n % 3 else None,
            coordinating_agencies=[a for a in agencies if a != agency][:1],
            report_to_leadership=n % 4 == 0,
        )
        if n % 5 == 1:
            answer(followup)
        if n % 7 == 2:
            services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Đã xác minh")


def _list_queries(client) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("followup_list"), {"state": "all"})
    assert response.status_code == 200
    return len(queries), response


def test_the_list_needs_the_same_number_of_queries_for_5_and_50_items(client, office, council):
    first = AgencyFactory(council=council)
    _seed_list(council, [first], 5, 0)
    client.get(reverse("followup_list"), {"state": "all"})  # warm up the session
    few, small = _list_queries(client)

    others = [AgencyFactory(council=council) for _ in range(4)]
    _seed_list(council, [first, *others], 45, 5)
    many, large = _list_queries(client)

    assert len(small.context["counts"]) == 1
    assert len(large.context["counts"]) == 5
    assert len(small.context["page"].object_list) == 5
    assert len(large.context["page"].object_list) > 5
    assert large.context["page"].paginator.count == 50
    assert many == few


# 6. Excel export ---------------------------------------------------------------------------------------

HEADERS = [
    "No.",
    "Reference",
    "Subject",
    "Responsible agency",
    "Field",
    "Source",
    "Assigned on",
    "Due date",
    "Overdue",
    "Agency's report",
    "Progress (%)",
    "Council's verification",
    "Closed on",
    "Report to leadership",
]


def test_the_overdue_list_exports_to_excel(client, office, council, board):
    response = client.get(reverse("followup_list"), {"format": "xlsx", "state": "overdue"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="theo-doi-{today():%Y%m%d}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == str(council)
    assert [cell.value for cell in sheet[2]] == HEADERS
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    overdue = list(FollowUp.objects.filter(council=council).overdue(today()).order_by("due_date", "pk"))
    assert len(rows) == len(overdue) == 2
    for number, (row, followup) in enumerate(zip(rows, overdue, strict=True), start=1):
        assert row[0] == number
        assert row[2] == followup.title
        assert row[3] == followup.agency.name
        assert isinstance(row[6], dt.datetime) and row[6].date() == followup.assigned_date
        assert isinstance(row[7], dt.datetime) and row[7].date() == followup.due_date
        assert row[8] == "Yes"
        assert row[12] is None
    assert sheet.cell(row=3, column=8).number_format == "DD/MM/YYYY"


def test_the_export_shows_closing_dates_as_dates(client, office, council, board):
    response = client.get(reverse("followup_list"), {"format": "xlsx", "state": "closed"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1
    assert rows[0][2] == board["closed_b"].title
    assert isinstance(rows[0][12], dt.datetime) and rows[0][12].date() == today()
    assert rows[0][8] is None  # closed items are never overdue


# 7. Bulk reminders -------------------------------------------------------------------------------------


def test_bulk_reminders_queue_one_mail_per_agency(client, office, council):
    a = AgencyFactory(council=council, emails="vanphong@soxaydung.gov.vn")
    b = AgencyFactory(council=council, emails="vanphong@sogiaoduc.gov.vn")
    first = item(council, a, "Kè chống sạt lở bờ sông", due_in=-5)
    second = item(council, b, "Sửa trường học điểm lẻ", due_in=2)
    untouched = item(council, a, "Quy hoạch chợ đầu mối", due_in=30)

    response = client.post(
        reverse("followup_remind"),
        {"selected": [first.pk, second.pk], "note": "Đề nghị báo cáo trước ngày 15.", "query": "state=open"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('followup_list')}?state=open"
    mails = OutboxMail.objects.filter(dedupe_key__startswith="manual:")
    assert sorted(mails.values_list("to", flat=True)) == [
        "vanphong@sogiaoduc.gov.vn",
        "vanphong@soxaydung.gov.vn",
    ]
    to_a = mails.get(to="vanphong@soxaydung.gov.vn")
    assert first.title in to_a.body and second.title not in to_a.body
    assert "Đề nghị báo cáo trước ngày 15." in to_a.body
    for followup in (first, second):
        reminded = followup.events.get(kind=Event.REMINDED)
        assert reminded.actor == office
        assert reminded.text == "Đề nghị báo cáo trước ngày 15."
    assert not untouched.events.filter(kind=Event.REMINDED).exists()
    assert ReminderLog.objects.filter(step=ReminderLog.Step.MANUAL).count() == 2

    page = client.get(response["Location"])
    assert "Reminders queued for 2 item(s)." in page.text


def test_bulk_reminders_with_nothing_selected_send_nothing(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)

    response = client.post(reverse("followup_remind"), {"note": "Nhắc chung"}, follow=True)

    assert response.status_code == 200
    assert "Choose at least one open item." in response.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    assert not FollowUpEvent.objects.filter(kind=Event.REMINDED).exists()
    assert kinds(followup) == [Event.CREATED]


def test_bulk_reminders_ignore_items_of_another_council(client, office, council, other_council):
    foreign = item(other_council, AgencyFactory(council=other_council), "Việc tỉnh khác", due_in=-5)

    response = client.post(reverse("followup_remind"), {"selected": [foreign.pk]}, follow=True)

    assert "Choose at least one open item." in response.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    assert kinds(foreign) == [Event.CREATED]


# 8. The Office opens a follow-up ----------------------------------------------------------------------------


@pytest.fixture
def rule(council):
    return DeadlineRuleFactory(
        council=council, code="tra-loi-kien-nghi", days=15, day_type=DeadlineRule.DayType.WORKING
    )


def create_data(agency, deadline_rule, **changes) -> dict:
    data = {
        "reference": "CV-152/HĐND",
        "title": "Khắc phục ngập úng khu dân cư",
        "description": "Trả lời kiến nghị của cử tri về tình trạng ngập úng.",
        "agency": agency.pk,
        "assigned_date": dmy(today()),
        "rule": deadline_rule.pk,
        "due_date": "",
        "due_date_override_reason": "",
        "internal_note": "",
    }
    data.update(changes)
    return data


def test_the_office_opens_a_follow_up_due_by_the_rule(client, office, council, rule):
    agency = AgencyFactory(council=council)

    assert client.get(reverse("followup_create")).status_code == 200
    response = client.post(reverse("followup_create"), create_data(agency, rule))

    followup = FollowUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("followup_detail", args=[followup.pk])
    assert followup.council == council
    assert followup.agency == agency
    assert followup.rule == rule
    assert followup.assigned_date == today()
    assert followup.due_date == apply_rule(rule, today())
    assert followup.due_date_override_reason == ""
    created = followup.events.get()
    assert created.kind == Event.CREATED
    assert created.actor == office
    assert created.data["due_date"] == followup.due_date.isoformat()
    assert OutboxMail.objects.filter(dedupe_key=f"assigned:{followup.pk}").exists()


def test_a_due_date_off_the_rule_without_a_reason_is_refused(client, office, council, rule):
    agency = AgencyFactory(council=council)
    computed = apply_rule(rule, today())
    other_date = computed + dt.timedelta(days=7)

    response = client.post(reverse("followup_create"), create_data(agency, rule, due_date=dmy(other_date)))

    assert response.status_code == 200
    assert f"The rule gives {dmy(computed)}; say why the due date differs." in response.text
    assert response.context["form"].errors
    assert not FollowUp.objects.exists()
    assert not OutboxMail.objects.exists()


def test_a_due_date_off_the_rule_with_a_reason_is_kept(client, office, council, rule):
    agency = AgencyFactory(council=council)
    other_date = apply_rule(rule, today()) + dt.timedelta(days=7)

    response = client.post(
        reverse("followup_create"),
        create_data(
            agency, rule, due_date=dmy(other_date), due_date_override_reason="Theo chỉ đạo của Thường trực"
        ),
    )

    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.due_date == other_date
    assert followup.due_date_override_reason == "Theo chỉ đạo của Thường trực"


def test_no_rule_and_no_due_date_is_refused_next_to_the_field(client, office, council, rule):
    agency = AgencyFactory(council=council)

    response = client.post(reverse("followup_create"), create_data(agency, rule, rule=""))

    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == ["Give a due date or choose a deadline rule."]
    assert not FollowUp.objects.exists()


def test_an_agency_of_another_council_cannot_be_chosen(client, office, council, other_council, rule):
    foreign = AgencyFactory(council=other_council)

    response = client.post(reverse("followup_create"), create_data(foreign, rule))

    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not FollowUp.objects.exists()
