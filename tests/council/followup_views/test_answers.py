"""The agency answers an item through its portal: files, explanations, progress."""

import pytest
from django.urls import reverse

from council import services
from council.models import AgencyStatus, Attachment, CouncilStatus, Role
from tests.council.factories import AgencyFactory
from tests.council.followup_views.helpers import (
    DISGUISED,
    PDF,
    Event,
    downloaded,
    item,
    kinds,
    pdf,
    respondent_and_agency,
    snapshot,
)
from tests.dates import today

pytestmark = pytest.mark.django_db


# 3. The agency answers ------------------------------------------------------------------------------


def test_the_agency_answers_with_a_pdf_that_the_right_people_can_download(
    client, settings, tmp_path, council, user_with_role
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Nâng cấp tuyến đường ĐT 845", due_in=10)
    client.force_login(respondent)
    url = reverse("council:agency_item", args=[followup.pk])

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
    download_url = reverse("council:attachment_download", args=[attachment.pk])
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

    assert client.get(reverse("council:attachment_download", args=[attachment.pk])).status_code == 404


def test_cannot_do_without_an_explanation_is_refused(client, council, user_with_role):
    respondent, mine = respondent_and_agency(user_with_role)
    followup = item(council, mine, "Di dời chợ tạm", due_in=10)
    before = snapshot(followup)
    client.force_login(respondent)

    response = client.post(
        reverse("council:agency_item", args=[followup.pk]),
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
        reverse("council:agency_item", args=[followup.pk]),
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
        reverse("council:agency_item", args=[followup.pk]), {"status": "done", "text": "Sở đã hoàn thành."}
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
        reverse("council:agency_item", args=[followup.pk]),
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
        reverse("council:agency_item", args=[followup.pk]),
        {"status": "in_progress", "text": "Đã thi công được một nửa.", "progress": "50"},
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.agency_status == AgencyStatus.IN_PROGRESS
    assert followup.progress == 50
    assert followup.first_answered_on is None
    assert kinds(followup) == [Event.CREATED, Event.PROGRESS]
