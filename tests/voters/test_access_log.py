"""The access log: who was shown or exported a citizen's contact data or a protected identity, per path."""

import pytest
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council import personal_data
from council.downloads import download_response
from council.exports import rows_xlsx
from council.models import PersonalDataAccess, Role
from tests.conftest import ALL_ROLES
from tests.council.factories import RoleFactory, UserFactory
from tests.dates import days
from voters import services
from voters.models import Channel, Letter, Petition

pytestmark = pytest.mark.django_db
SEE_CITIZENS = {Role.OFFICE, Role.ADMIN, Role.STANDING}
CONTACT = "contact_address,contact_email,contact_name,contact_phone"


def _online(council, title="Đèn đường ấp 1 hư", name="Trần Thị Riêng Tư"):
    return services.public_submit(
        council=council,
        name=name,
        phone="0909123456",
        email="rieng.tu@example.vn",
        address="Ấp 1, xã Tân Hồng",
        admin_unit=None,
        title=title,
        text=f"{title}, đề nghị sửa.",
        consent=True,
    )


def _inserts(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith('INSERT INTO "council_personaldataaccess"'))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_petitions_page_is_logged_for_whoever_is_shown_the_contact(client, council, login, role):
    petition = _online(council)
    user = login(role)
    html = client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    shown = "0909123456" in html
    assert shown == (role in SEE_CITIZENS)
    rows = list(PersonalDataAccess.objects.filter(user=user))
    if not shown:
        assert rows == []
        return
    (row,) = rows
    assert (row.kind, row.model, row.object_id, row.fields, row.protected, row.council) == (
        PersonalDataAccess.Kind.VIEW,
        "voters.Petition",
        petition.pk,
        CONTACT,
        False,
        council,
    )
    assert row.path == reverse("voters:petition_detail", args=[petition.pk])


def test_a_petition_without_contact_logs_nothing(client, council, office):
    opinion = services.opinion_add(
        actor=None, council=council, channel=Channel.HOTLINE, received_on=days(-3), text="Cầu yếu"
    )
    petition = services.petition_create(actor=None, council=council, title="Cầu yếu", opinions=[opinion])
    assert client.get(reverse("voters:petition_detail", args=[petition.pk])).status_code == 200
    assert not PersonalDataAccess.objects.exists()


def test_search_hits_found_by_a_name_are_logged(client, council, login):
    found = _online(council)
    _online(council, title="Cầu yếu", name="Lê Văn Khác")
    office = login(Role.OFFICE)
    html = client.get(reverse("voters:petition_list"), {"q": "rieng tu"}).content.decode()
    assert found.code in html
    (row,) = PersonalDataAccess.objects.filter(user=office)
    assert (row.kind, row.object_id, row.fields) == (PersonalDataAccess.Kind.SEARCH, found.pk, "contact_name")
    # Words of the subject reveal nobody; a reader who may not search by name finds nobody by it.
    client.get(reverse("voters:petition_list"), {"q": "den duong"})
    assert PersonalDataAccess.objects.count() == 1
    client.logout()
    login(Role.LEADERSHIP)
    assert found.code not in client.get(reverse("voters:petition_list"), {"q": "rieng tu"}).content.decode()
    assert PersonalDataAccess.objects.count() == 1


def test_a_denouncers_identity_is_logged_as_protected(client, council, login):
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.DENUNCIATION,
        received_on=days(-2),
        sender_name="Người Tố Cáo Bí Mật",
        sender_phone="0909000111",
        summary="Tố cáo sai phạm",
    )
    url = reverse("voters:letter_detail", args=[letter.pk])
    login(Role.OFFICE)  # not authorised for protected identities
    assert "Người Tố Cáo Bí Mật" not in client.get(url).content.decode()
    assert not PersonalDataAccess.objects.exists()
    authorised = UserFactory()
    RoleFactory(user=authorised, council=council, role=Role.OFFICE, sees_protected_identities=True)
    client.force_login(authorised)
    assert "Người Tố Cáo Bí Mật" in client.get(url).content.decode()
    (row,) = PersonalDataAccess.objects.all()
    assert (row.user, row.model, row.fields, row.protected) == (
        authorised,
        "voters.Letter",
        "sender_name,sender_phone",
        True,
    )


def test_a_meetings_opinions_are_logged_with_one_insert_per_page(
    client, council, meeting, office, constant_queries
):
    url = reverse("voters:meeting_detail", args=[meeting.pk])

    def grow(numbers):
        for n in numbers:
            services.opinion_add(
                actor=None,
                council=council,
                channel=Channel.MEETING,
                meeting=meeting,
                text=f"Ý kiến {n}",
                voter_name=f"Cử Tri {n}",
            )

    inserts = []

    def visit():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        inserts.append(_inserts(queries.captured_queries))

    constant_queries(grow, visit, warm_up=True)  # the first visit builds the duplicate finder's counts
    assert inserts[-2:] == [1, 1]
    latest = PersonalDataAccess.objects.filter(user=office).order_by("-at", "-pk")
    assert latest.filter(model="voters.VoterOpinion", fields="voter_name").count() == 5 + 5 + 50


def test_an_export_is_logged_in_bulk(council, office):
    petitions = [_online(council, title=f"Kiến nghị {n}", name=f"Công Dân {n}") for n in range(30)]
    request = RequestFactory().get("/petitions/export/")
    request.user, request.council = office, council

    def export(request):
        rows = Petition.objects.filter(council=council).order_by("pk")
        data = rows_xlsx(Petition, ["code", "contact_name", "contact_phone"], rows, title="Kiến nghị")
        return download_response(data, "kien-nghi.xlsx")

    with CaptureQueriesContext(connection) as queries:
        response = personal_data.PersonalDataMiddleware(export)(request)
    assert response["Content-Disposition"].startswith("attachment")
    assert _inserts(queries.captured_queries) == 1
    rows = PersonalDataAccess.objects.filter(user=office, kind=PersonalDataAccess.Kind.EXPORT)
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(p.pk for p in petitions)
    assert set(rows.values_list("fields", flat=True)) == {CONTACT}  # the person's contact, together


def test_a_failed_log_write_never_fails_the_page(council, office, monkeypatch, caplog):
    petition = _online(council)
    request = RequestFactory().get("/")
    request.user, request.council = office, council

    def page(request):
        return HttpResponse(personal_data.current().value(petition, "contact_name"))

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(PersonalDataAccess.objects, "bulk_create", broken)
    response = personal_data.PersonalDataMiddleware(page)(request)
    assert response.status_code == 200 and "Trần Thị Riêng Tư" in response.content.decode()
    assert "personal data access" in caplog.text


def test_the_admin_reads_the_log_and_its_change_forms_are_logged(client, council, django_user_model):
    petition = _online(council)
    admin = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(admin)
    assert client.get(reverse("admin:voters_petition_change", args=[petition.pk])).status_code == 200
    (row,) = PersonalDataAccess.objects.all()
    assert (row.user, row.object_id, row.fields) == (admin, petition.pk, CONTACT)
    listing = client.get(reverse("admin:council_personaldataaccess_changelist"))
    assert listing.status_code == 200 and "voters.Petition" in listing.content.decode()
    assert client.get(reverse("admin:council_personaldataaccess_add")).status_code == 403
    change = client.post(reverse("admin:council_personaldataaccess_change", args=[row.pk]), {"fields": "x"})
    assert change.status_code in (302, 403)
    row.refresh_from_db()
    assert row.fields == CONTACT
