"""The Office verifies, reopens, escalates, moves due dates and adds evidence, notes and milestones."""

import pytest
from django.urls import reverse

from council import services
from council.models import (
    AgencyStatus,
    Attachment,
    CouncilStatus,
    EscalationStep,
    FollowUp,
    Milestone,
    OutboxMail,
    Role,
)
from tests.council.factories import AgencyFactory
from tests.council.followup_views.helpers import (
    ACTIONS,
    Event,
    answer,
    dmy,
    item,
    kinds,
    pdf,
    snapshot,
)
from tests.dates import days, today

pytestmark = pytest.mark.django_db


# 4. The Office verifies and acts ----------------------------------------------------------------------


def test_verifying_an_answered_item_as_done_closes_it(client, office, council):
    followup = answer(item(council, AgencyFactory(council=council), "Lắp đèn chiếu sáng", due_in=10))
    url = reverse("council:followup_action", args=[followup.pk, "verify"])

    response = client.post(url, {"outcome": "done", "text": "Đã kiểm tra thực tế, đạt yêu cầu."})

    assert response.status_code == 302
    assert response["Location"] == reverse("council:followup_detail", args=[followup.pk])
    followup.refresh_from_db()
    assert followup.closed_on == today()
    assert followup.council_status == CouncilStatus.DONE
    assert followup.progress == 100
    verified = followup.events.get(kind=Event.VERIFIED)
    assert verified.actor == office
    assert verified.data["outcome"] == "done"

    page = client.get(reverse("council:followup_detail", args=[followup.pk]))
    assert [e.kind for e in page.context["timeline"]] == [Event.CREATED, Event.ANSWERED, Event.VERIFIED]
    assert "Verified by the council" in page.text
    assert "Đã kiểm tra thực tế, đạt yêu cầu." in page.text
    assert page.context["next_step"] is None


def test_verifying_an_unanswered_item_needs_a_reason(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Nạo vét kênh", due_in=10)
    before = snapshot(followup)
    url = reverse("council:followup_action", args=[followup.pk, "verify"])

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
        reverse("council:followup_action", args=[followup.pk, "verify"]),
        {"outcome": "unsatisfactory", "text": "Trả lời chưa rõ tiến độ."},
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.is_open
    assert followup.council_status == CouncilStatus.UNSATISFACTORY
    assert followup.agency_status == AgencyStatus.IN_PROGRESS  # sent back to the agency

    page = client.get(reverse("council:followup_detail", args=[followup.pk]))
    assert page.context["next_step"] == EscalationStep.REMINDER
    assert "Suggested next step" in page.text
    assert "Send a reminder" in page.text
    assert reverse("council:followup_action", args=[followup.pk, "escalate"]) in page.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()

    escalated = client.post(
        reverse("council:followup_action", args=[followup.pk, "escalate"]),
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

    after = client.get(reverse("council:followup_detail", args=[followup.pk]))
    assert after.context["next_step"] == EscalationStep.REPORT_AUTHORITY


def test_an_escalation_step_out_of_turn_is_refused(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)
    before = snapshot(followup)

    response = client.post(
        reverse("council:followup_action", args=[followup.pk, "escalate"]),
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
        reverse("council:followup_action", args=[followup.pk, "verify"]),
        {"outcome": "not_done", "close": "on"},
    )

    assert response.status_code == 200
    assert snapshot(followup) == before
    assert "This item is already closed; reopen it first." in response.text


def test_reopening_a_closed_item_needs_a_reason(client, office, council):
    followup = answer(item(council, AgencyFactory(council=council), "Cấp nước sạch", due_in=10))
    services.followup_verify(followup, actor=office, outcome=CouncilStatus.DONE)
    before = snapshot(followup)
    url = reverse("council:followup_action", args=[followup.pk, "reopen"])

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
    url = reverse("council:followup_action", args=[followup.pk, "due"])

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
    page = client.get(reverse("council:followup_detail", args=[followup.pk]))
    assert "Due date changed" in page.text
    assert f"{dmy(previous)} → {dmy(new_due)}" in page.text


def test_the_same_due_date_is_refused_next_to_the_field(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Quy hoạch chợ", due_in=10)
    before = snapshot(followup)

    response = client.post(
        reverse("council:followup_action", args=[followup.pk, "due"]),
        {"due_date": dmy(followup.due_date), "reason": "Nhầm"},
    )

    assert response.status_code == 200
    assert response.context["due_form"].errors["due_date"] == ["This is already the due date."]
    assert snapshot(followup) == before


def test_office_adds_evidence_a_note_and_a_milestone(client, settings, tmp_path, office, council, login):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    followup = item(council, AgencyFactory(council=council), "Xây nhà văn hóa", due_in=30)
    detail = reverse("council:followup_detail", args=[followup.pk])

    evidence = client.post(
        reverse("council:followup_action", args=[followup.pk, "evidence"]),
        {"files": pdf("bien-ban.pdf"), "text": "Biên bản kiểm tra"},
    )
    note = client.post(
        reverse("council:followup_action", args=[followup.pk, "note"]), {"text": "Gọi điện nhắc"}
    )
    milestone = client.post(
        reverse("council:followup_action", args=[followup.pk, "milestone"]),
        {"title": "Khởi công", "due_date": dmy(days(7))},
    )

    assert [r.status_code for r in (evidence, note, milestone)] == [302, 302, 302]
    attachment = followup.attachments.get()
    assert attachment.kind == Attachment.Kind.EVIDENCE
    assert attachment.original_name == "bien-ban.pdf"
    assert followup.events.get(kind=Event.NOTE).internal is True
    step = Milestone.objects.get(followup=followup)
    assert step.due_date == days(7)

    done = client.post(reverse("council:milestone_done", args=[step.pk]))

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
        reverse("council:followup_action", args=[followup.pk, "evidence"]), {"text": "Không có tệp"}
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

    response = client.post(reverse("council:followup_action", args=[followup.pk, action]), data)

    assert response.status_code == 403
    assert snapshot(followup) == before


def test_readers_who_do_not_manage_cannot_create_remind_or_tick_milestones(client, council, login):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)
    step = services.milestone_add(followup, actor=None, title="Khảo sát", due_date=days(-20))
    login(Role.STANDING)

    assert client.get(reverse("council:followup_create")).status_code == 403
    assert client.post(reverse("council:followup_remind"), {"selected": [followup.pk]}).status_code == 403
    assert client.post(reverse("council:milestone_done", args=[step.pk])).status_code == 403
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    step.refresh_from_db()
    assert step.done_on is None


def test_an_unknown_action_is_not_found(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=5)

    assert client.post(reverse("council:followup_action", args=[followup.pk, "delete"])).status_code == 404
    assert client.get(reverse("council:followup_action", args=[followup.pk, "verify"])).status_code == 405
