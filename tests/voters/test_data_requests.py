"""A person's requests about their data: found by phone or e-mail, exported, corrected, erased where the law
allows, each logged with its outcome and its legal deadline in working days."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from council.models import PersonalDataAccess, Role
from council.workdays import add_working_days
from tests.conftest import ALL_ROLES
from tests.council.factories import DeadlineRuleFactory, RoleFactory, UserFactory
from tests.dates import days, today
from voters import services
from voters.models import DataSubjectRequest, Letter, Petition

pytestmark = pytest.mark.django_db
PHONE = "0909 123 456"


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _online(council, title="Đèn đường ấp 1 hư", phone=PHONE, email="rieng.tu@example.vn"):
    return services.public_submit(
        council=council,
        name="Trần Thị Riêng Tư",
        phone=phone,
        email=email,
        address="Ấp 1, xã Tân Hồng",
        admin_unit=None,
        title=title,
        text=f"{title}, đề nghị sửa.",
        consent=True,
    )


def _letter(council, kind=Letter.Kind.COMPLAINT, name="Phạm Khiếu Nại", phone="0909-123-456"):
    return services.letter_create(
        actor=None,
        council=council,
        kind=kind,
        received_on=days(-5),
        sender_name=name,
        sender_phone=phone,
        summary="Nội dung đơn",
    )


def _open(client, kind, identifier=PHONE, **extra):
    data = {"kind": kind, "identifier": identifier, "received_on": today().strftime("%d/%m/%Y"), **extra}
    return client.post(reverse("voters:data_requests"), data)


def test_a_request_finds_everything_held_by_phone_with_its_legal_deadline(client, council, office):
    petition = _online(council)
    complaint = _letter(council)
    _online(council, title="Người khác", phone="0911 000 111", email="khac@example.vn")
    response = _open(client, DataSubjectRequest.Kind.ACCESS)
    request = DataSubjectRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert (request.identifier, request.records_found, request.state) == ("0909123456", 2, "open")
    assert request.due_on == add_working_days(council, today(), 3) and "13/2023" in request.due_basis
    html = client.get(request.get_absolute_url()).content.decode()
    assert petition.code in html and str(complaint) in html and "Người khác" not in html
    assert "02/2011/QH13" in html  # the complaint is kept, and the page says under which law
    assert PersonalDataAccess.objects.filter(
        user=office, object_id=petition.pk, model="voters.Petition"
    ).exists()


def test_by_e_mail_and_by_the_rule_in_force(client, council, office):
    DeadlineRuleFactory(
        council=council, code="personal-data-request", days=10, legal_basis="Nghị định 356/2025"
    )
    _online(council)
    _open(client, DataSubjectRequest.Kind.ACCESS, identifier=" Rieng.Tu@Example.vn ")
    request = DataSubjectRequest.objects.get()
    assert request.identifier == "rieng.tu@example.vn" and request.records_found == 1
    assert (
        request.due_on == add_working_days(council, today(), 10) and request.due_basis == "Nghị định 356/2025"
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"identifier": "abc"},
        {"identifier": "12"},
        {"identifier": "a@b"},
        {"received_on": "01/01/2999"},
        {"kind": "x"},
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(client, council, office, overrides):
    data = {"kind": "access", "identifier": PHONE, "received_on": today().strftime("%d/%m/%Y"), **overrides}
    response = client.post(reverse("voters:data_requests"), data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not DataSubjectRequest.objects.exists()


def test_the_export_holds_everything_and_is_logged(client, council, office):
    petition = _online(council)
    _letter(council)
    _open(client, DataSubjectRequest.Kind.ACCESS)
    request = DataSubjectRequest.objects.get()
    response = client.get(reverse("voters:data_request_export", args=[request.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "Trần Thị Riêng Tư" in cells and "Phạm Khiếu Nại" in cells and petition.code in cells
    exported = PersonalDataAccess.objects.filter(kind=PersonalDataAccess.Kind.EXPORT)
    assert set(exported.values_list("model", flat=True)) == {"voters.Petition", "voters.Letter"}


def test_erasure_erases_what_the_law_allows_and_says_what_is_kept(client, council, office):
    petition = _online(council)
    complaint = _letter(council)
    feedback = _letter(council, kind=Letter.Kind.FEEDBACK, name="Góp Ý Viên")
    _open(client, DataSubjectRequest.Kind.ERASURE)
    request = DataSubjectRequest.objects.get()
    assert client.post(request.get_absolute_url(), {"action": "erase"}).status_code == 302
    request.refresh_from_db()
    petition.refresh_from_db()
    complaint.refresh_from_db()
    feedback.refresh_from_db()
    assert request.state == DataSubjectRequest.State.PARTLY and request.closed_at is not None
    assert (petition.contact_name, petition.contact_phone, petition.contact_email) == ("—", "", "")
    assert petition.title == "Đèn đường ấp 1 hư"
    assert feedback.sender_name == "—" and complaint.sender_name == "Phạm Khiếu Nại"
    assert "02/2011/QH13" in request.outcome and str(complaint) in request.outcome
    history = " ".join(
        str(v) for v in Petition.history.filter(id=petition.pk).values_list("contact_name", "contact_phone")
    )
    assert "Trần Thị Riêng Tư" not in history and "0909" not in history
    # Closed: a second erase changes nothing and says why.
    client.post(request.get_absolute_url(), {"action": "erase"})
    assert DataSubjectRequest.objects.get().outcome == request.outcome


def test_erasing_nothing_held_and_the_wrong_action_for_the_kind(client, council, office):
    _open(client, DataSubjectRequest.Kind.ERASURE, identifier="0988 777 666")
    empty = DataSubjectRequest.objects.get()
    client.post(empty.get_absolute_url(), {"action": "erase"})
    empty.refresh_from_db()
    assert empty.state == DataSubjectRequest.State.DONE and empty.outcome
    petition = _online(council)
    _open(client, DataSubjectRequest.Kind.ACCESS)
    access = DataSubjectRequest.objects.exclude(pk=empty.pk).get()
    response = client.post(access.get_absolute_url(), {"action": "erase"}, follow=True)
    assert _vi("Only a request to erase erases data.") in response.content.decode()
    access.refresh_from_db()
    petition.refresh_from_db()
    assert access.state == "open" and petition.contact_name == "Trần Thị Riêng Tư"
    assert client.post(access.get_absolute_url(), {"action": "nonsense"}).status_code == 302
    assert DataSubjectRequest.objects.get(pk=access.pk).state == "open"


def test_correction_corrects_every_record_and_closes(client, council, office):
    petition = _online(council)
    complaint = _letter(council)
    _open(client, DataSubjectRequest.Kind.CORRECTION)
    request = DataSubjectRequest.objects.get()
    bad = client.post(request.get_absolute_url(), {"action": "correct", "phone": "abc"})
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    empty = client.post(request.get_absolute_url(), {"action": "correct"})
    assert empty.status_code == 200 and DataSubjectRequest.objects.get().state == "open"
    client.post(
        request.get_absolute_url(), {"action": "correct", "phone": "0911 222 333", "name": "Trần Thị Đúng"}
    )
    petition.refresh_from_db()
    complaint.refresh_from_db()
    assert (petition.contact_phone, petition.contact_name) == ("0911 222 333", "Trần Thị Đúng")
    assert (complaint.sender_phone, complaint.sender_name) == ("0911 222 333", "Trần Thị Đúng")
    assert DataSubjectRequest.objects.get().state == DataSubjectRequest.State.DONE
    last = Petition.history.filter(id=petition.pk).order_by("-history_id").first()
    assert last.history_user == office and str(request.pk) in last.history_change_reason


def test_closing_an_access_request_needs_its_outcome(client, council, office):
    _online(council)
    _open(client, DataSubjectRequest.Kind.ACCESS)
    request = DataSubjectRequest.objects.get()
    response = client.post(request.get_absolute_url(), {"action": "close", "state": "done", "outcome": "  "})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = client.post(request.get_absolute_url(), {"action": "close", "state": "open", "outcome": "x"})
    assert response.status_code == 200 and DataSubjectRequest.objects.get().state == "open"
    client.post(
        request.get_absolute_url(), {"action": "close", "state": "done", "outcome": "Đã gửi bản sao."}
    )
    request.refresh_from_db()
    assert (request.state, request.outcome) == ("done", "Đã gửi bản sao.")
    assert request.history.count() >= 3


def test_a_denouncers_letter_is_found_only_by_those_who_may_see_the_identity(client, council, login):
    _letter(council, kind=Letter.Kind.DENUNCIATION, name="Người Tố Cáo Bí Mật")
    login(Role.OFFICE)
    _open(client, DataSubjectRequest.Kind.ACCESS)
    request = DataSubjectRequest.objects.get()
    assert request.records_found == 0
    assert "Người Tố Cáo Bí Mật" not in client.get(request.get_absolute_url()).content.decode()
    authorised = UserFactory()
    RoleFactory(user=authorised, council=council, role=Role.OFFICE, sees_protected_identities=True)
    client.force_login(authorised)
    assert "Người Tố Cáo Bí Mật" in client.get(request.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_office_and_the_administrator_handle_requests(client, council, login, role):
    request = services.data_request_open(
        council=council, actor=None, kind="access", identifier=PHONE, received_on=today()
    )
    login(role)
    allowed = role in {Role.OFFICE, Role.ADMIN}
    expected = 200 if allowed else 403
    assert client.get(reverse("voters:data_requests")).status_code == expected
    assert client.get(request.get_absolute_url()).status_code == expected
    assert client.get(reverse("voters:data_request_export", args=[request.pk])).status_code == expected
    response = client.post(request.get_absolute_url(), {"action": "close", "state": "done", "outcome": "x"})
    assert response.status_code == (302 if allowed else 403)
    assert DataSubjectRequest.objects.get().state == ("done" if allowed else "open")


def test_another_councils_request_looks_missing(client, council, other_council, login):
    request = services.data_request_open(
        council=council, actor=None, kind="erasure", identifier=PHONE, received_on=today()
    )
    login(Role.OFFICE, other_council)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert client.post(request.get_absolute_url(), {"action": "erase"}).status_code == 404
    assert client.get(reverse("voters:data_request_export", args=[request.pk])).status_code == 404
    assert DataSubjectRequest.objects.get().state == "open"


def test_the_list_runs_constant_queries(client, council, office, constant_queries):
    def grow(numbers):
        for n in numbers:
            services.data_request_open(
                council=council,
                actor=office,
                kind="access",
                identifier=f"09091234{n:02d}",
                received_on=today(),
            )

    def visit():
        response = client.get(reverse("voters:data_requests"))
        assert response.status_code == 200
        return response.content.decode()

    few, many = constant_queries(grow, visit, few=5, many=30)
    assert "0909123404" in few
    assert "0909123429" in many and "0909123400" not in many  # newest first, 25 a page: the oldest paged out
