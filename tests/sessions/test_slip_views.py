import datetime as dt

import pytest
from django.urls import reverse

from council.models import FollowUp, Role
from delegates import services as delegate_services
from sessions import services
from sessions.models import Interpellation, Resolution
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, TermFactory
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
MANAGERS = {Role.OFFICE, Role.ADMIN}


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


@pytest.fixture
def agency(council):
    return AgencyFactory(council=council, name="Sở Giao thông vận tải")


def _slip_data(agency, askers):
    return {
        "askers": [m.pk for m in askers],
        "agency": agency.pk,
        "respondent_title": "Giám đốc Sở Xây dựng",
        "topic": "Tuyến ĐT 845",
        "question": "Khi nào khởi công nâng cấp tuyến ĐT 845?",
    }


def test_a_delegate_writes_and_submits_their_own_slip(client, login, council, term, agency):
    user = login(Role.DELEGATE)
    mine = MandateFactory(delegate__council=council, term=term)
    other = MandateFactory(delegate__council=council, term=term)
    delegate_services.delegate_update(mine.delegate, actor=None, user=user)
    response = client.post(reverse("sessions:interpellation_create"), _slip_data(agency, [other]))
    assert response.context["form"].errors["askers"] and not Interpellation.objects.exists()
    response = client.post(reverse("sessions:interpellation_create"), _slip_data(agency, [mine, other]))
    slip = Interpellation.objects.get()
    assert response["Location"] == reverse("sessions:interpellation_detail", args=[slip.pk])
    assert slip.created_by == user and slip.state == Interpellation.State.DRAFT
    client.post(reverse("sessions:interpellation_action", args=[slip.pk, "submit"]), {"on": "01/07/2026"})
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.SUBMITTED and slip.submitted_on == dt.date(2026, 7, 1)
    # Submitted: the delegate can no longer act on it as an editor, and cannot run the Office's steps.
    assert (
        client.post(
            reverse("sessions:interpellation_action", args=[slip.pk, "assign"]), {"mode": "oral"}
        ).status_code
        == 403
    )


def test_another_delegate_cannot_submit_someone_elses_slip(client, login, council, term, agency):
    mandate = MandateFactory(delegate__council=council, term=term)
    slip = services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[mandate],
        agency=agency,
        respondent_title="GĐ",
        question="?",
    )
    login(Role.DELEGATE)
    response = client.post(
        reverse("sessions:interpellation_action", args=[slip.pk, "submit"]), {"on": "01/07/2026"}
    )
    assert response.status_code == 403
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.DRAFT


def test_the_office_runs_the_dossier_and_commitments_appear_in_followups(
    client, office, council, term, agency
):
    mandate = MandateFactory(delegate__council=council, term=term)
    client.post(reverse("sessions:interpellation_create"), _slip_data(agency, [mandate]))
    slip = Interpellation.objects.get()

    def act(action, data):
        return client.post(reverse("sessions:interpellation_action", args=[slip.pk, action]), data)

    act("submit", {"on": "01/07/2026"})
    act("assign", {"mode": "oral"})
    act("answer", {"answered_on": "30/06/2026", "answered_by": "GĐ", "text": "Sớm"})  # before the question
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.ORAL
    act(
        "answer",
        {"answered_on": "09/07/2026", "answered_by": "Giám đốc Sở Xây dựng", "text": "Quý IV khởi công."},
    )
    act("commitment", {"text": "Khởi công tuyến ĐT 845 trong quý IV/2026", "due_date": "31/12/2026"})
    act("conclude", {"conclusion": "Đề nghị Sở bảo đảm tiến độ."})
    slip.refresh_from_db()
    assert slip.state == Interpellation.State.CONCLUDED
    followup = FollowUp.objects.get(source_kind="commitment")
    assert followup.due_date == dt.date(2026, 12, 31) and followup.agency == agency
    assert followup.title in client.get(reverse("council:followup_list")).text
    assert (
        reverse("council:followup_detail", args=[followup.pk])
        in client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).text
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_interpellations_and_resolutions_are_readable_by_members(client, login, council, term, agency, role):
    login(role)
    slip = services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[MandateFactory(delegate__council=council, term=term)],
        agency=agency,
        respondent_title="GĐ",
        question="?",
    )
    draft_url = reverse("sessions:interpellation_detail", args=[slip.pk])
    # Someone else's draft is private until it is submitted; the Office sees every slip.
    assert client.get(draft_url).status_code == (200 if role in MANAGERS else 404)
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 7, 1))
    resolution = services.resolution_create(
        actor=None,
        council=council,
        symbol="01/2026/NQ-HĐND",
        kind="normative",
        title="Giá đất",
        adopted_on=dt.date(2026, 7, 10),
    )
    assert client.get(reverse("sessions:interpellation_list")).status_code == 200
    assert client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).status_code == 200
    assert client.get(reverse("sessions:resolution_list")).status_code == 200
    assert client.get(reverse("sessions:resolution_detail", args=[resolution.pk])).status_code == 200
    assert client.get(reverse("sessions:resolution_create")).status_code == (200 if role in MANAGERS else 403)
    vote = client.post(
        reverse("sessions:resolution_vote", args=[resolution.pk]), {"voted_on": "10/07/2026", "approve": "1"}
    )
    assert vote.status_code == (302 if role in MANAGERS else 403)


def test_the_office_records_a_resolution_its_vote_and_a_task(client, office, council, term, agency):
    for _ in range(4):
        MandateFactory(delegate__council=council, term=term)
    data = {
        "symbol": "12/2026/NQ-HĐND",
        "kind": "normative",
        "title": "Bảng giá đất",
        "adopted_on": "10/12/2026",
    }
    assert client.post(reverse("sessions:resolution_create"), data).status_code == 302
    resolution = Resolution.objects.get()
    again = client.post(reverse("sessions:resolution_create"), data)
    assert again.context["form"].errors and Resolution.objects.count() == 1
    bad = client.post(reverse("sessions:resolution_create"), {**data, "symbol": "12-2026-NQ"})
    assert bad.context["form"].errors["symbol"]
    client.post(
        reverse("sessions:resolution_vote", args=[resolution.pk]),
        {"voted_on": "10/12/2026", "approve": "5", "reject": "1", "abstain": "0"},
    )
    assert not Resolution.objects.filter(
        pk=resolution.pk, vote__isnull=False
    ).exists()  # 6 votes > 4 delegates
    client.post(
        reverse("sessions:resolution_vote", args=[resolution.pk]),
        {"voted_on": "10/12/2026", "approve": "3", "reject": "1", "abstain": "0"},
    )
    page = client.get(reverse("sessions:resolution_detail", args=[resolution.pk]))
    assert page.context["vote"].passed
    client.post(
        reverse("sessions:resolution_task", args=[resolution.pk]),
        {"text": "Công bố bảng giá đất", "agency": agency.pk, "due_date": "31/01/2027"},
    )
    assert FollowUp.objects.filter(source_kind="resolution_task", reference="12/2026/NQ-HĐND").count() == 1


def test_a_written_answer_carries_its_file(client, office, council, term, agency, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    slip = services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[MandateFactory(delegate__council=council, term=term)],
        agency=agency,
        respondent_title="Giám đốc Sở",
        question="Tiến độ dự án?",
    )
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 8, 3))
    services.interpellation_assign(slip, actor=None, mode="oral")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    bad = client.post(
        reverse("sessions:interpellation_action", args=[slip.pk, "answer"]),
        {
            "answered_on": "10/08/2026",
            "answered_by": "GĐ",
            "text": "Trả lời",
            "upload": SimpleUploadedFile("tl.pdf", b"MZ\x90 exe"),
        },
    )
    assert bad.status_code == 302 and not slip.answers.exists()
    client.post(
        reverse("sessions:interpellation_action", args=[slip.pk, "answer"]),
        {
            "answered_on": "10/08/2026",
            "answered_by": "GĐ",
            "text": "Trả lời",
            "upload": SimpleUploadedFile("tra-loi.pdf", pdf),
        },
    )
    answer = slip.answers.get()
    response = client.get(reverse("sessions:answer_file", args=[answer.pk]))
    assert b"".join(response.streaming_content) == pdf
    assert "tra-loi.pdf" in client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).text


def test_a_delegate_sees_the_status_of_commitments_without_a_link_they_cannot_open(
    client, login, council, term, agency
):
    user = login(Role.DELEGATE)
    mandate = MandateFactory(delegate__council=council, term=term)
    delegate_services.delegate_update(mandate.delegate, actor=None, user=user)
    slip = services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[mandate],
        agency=agency,
        respondent_title="GĐ",
        question="?",
    )
    services.interpellation_submit(slip, actor=None, on=dt.date(2026, 7, 1))
    services.interpellation_assign(slip, actor=None, mode="oral")
    services.interpellation_answer(
        slip, actor=None, answered_on=dt.date(2026, 7, 9), answered_by="GĐ", text="Sẽ làm"
    )
    commitment = services.commitment_add(
        slip, actor=None, text="Hoàn thành trong năm", due_date=dt.date(2026, 12, 31)
    )
    followup = commitment.followups.get()
    page = client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).text
    assert "Hoàn thành trong năm" in page
    assert reverse("council:followup_detail", args=[followup.pk]) not in page
    assert client.get(reverse("council:followup_detail", args=[followup.pk])).status_code == 403
