import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import DeadlineRule, Role
from sessions.models import SessionDocument
from tests.council.factories import DeadlineRuleFactory, TermFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def session(council, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    DeadlineRuleFactory(
        council=council,
        code="session-documents-to-delegates",
        days=7,
        day_type=DeadlineRule.DayType.CALENDAR,
        direction=DeadlineRule.Direction.BEFORE,
        anchor=DeadlineRule.Anchor.SESSION_START,
        valid_from=dt.date(2025, 7, 1),
    )
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    return SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))


def _post(client, session, **overrides):
    data = {
        "kind": "submission",
        "symbol": "279/TTr-UBND",
        "title": "Tờ trình dự thảo Nghị quyết quy định giá đất",
        "issued_on": "25/06/2026",
        "sent_on": "30/06/2026",
        "file": SimpleUploadedFile("to-trinh.pdf", PDF, content_type="application/pdf"),
        **overrides,
    }
    return client.post(reverse("sessions:document_add", args=[session.pk]), data)


def test_the_office_adds_a_document_and_delegates_download_it(client, login, office, council, session):
    assert _post(client, session).status_code == 302
    document = SessionDocument.objects.get()
    assert document.original_name == "to-trinh.pdf" and "to-trinh" not in document.path
    login(Role.DELEGATE)
    page = client.get(reverse("sessions:session_documents", args=[session.pk]))
    assert "279/TTr-UBND" in page.text and "01/07/2026" in page.text  # the deadline: 7 days before 08/07
    response = client.get(reverse("sessions:document_file", args=[document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_a_late_document_is_flagged(client, office, session):
    _post(client, session, sent_on="03/07/2026")
    page = client.get(reverse("sessions:session_detail", args=[session.pk]))
    assert page.context["documents_deadline"] == dt.date(2026, 7, 1)
    assert SessionDocument.objects.get().sent_on > page.context["documents_deadline"]
    assert "text-bg-warning" in page.text


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"symbol": "279 TTr UBND"}, "symbol"),
        ({"sent_on": "20/06/2026"}, "sent_on"),
        (
            {
                "file": SimpleUploadedFile(
                    "to-trinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
                )
            },
            "file",
        ),
    ],
)
def test_bad_documents_are_refused_with_a_message(client, office, session, overrides, field):
    response = _post(client, session, **overrides)
    assert response.status_code == 200
    assert response.context["document_form"].errors[field]
    assert not SessionDocument.objects.exists()


def test_documents_of_another_council_are_not_found(client, login, office, session, other_council):
    _post(client, session)
    document = SessionDocument.objects.get()
    login(Role.DELEGATE, other_council)
    assert client.get(reverse("sessions:document_file", args=[document.pk])).status_code == 404
    assert client.get(reverse("sessions:session_documents", args=[session.pk])).status_code == 404


def test_a_symbol_is_used_once_per_session(client, office, session):
    _post(client, session)
    response = _post(client, session, title="Bản khác")
    assert response.context["document_form"].errors["symbol"]
    assert SessionDocument.objects.count() == 1
