"""Whose decision a directive is: the council's Standing Committee, its Party delegation, the Provincial
Party Committee or another body; set on the form, filtered on the list, and read from the issuer's name for
the directives recorded before the field existed."""

import datetime as dt
import importlib
import unicodedata

import pytest
from django.apps import apps
from django.urls import reverse

from directives import services
from directives.models import Directive
from tests.council.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db
Body = Directive.IssuingBody


def _directive(council, issuer, n=0, **data):
    return services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.PLAN,
        symbol=f"{n + 1}-KH",
        issued_on=dt.date(2026, 1, 5),
        issuer=issuer,
        subject=f"Kế hoạch số {n + 1}",
        **data,
    )


def test_a_new_directive_is_the_standing_committees_unless_said(council):
    assert _directive(council, "Thường trực HĐND tỉnh").issuing_body == Body.STANDING_COMMITTEE
    assert _directive(
        council, "Ban Thường vụ Tỉnh ủy", 1, issuing_body=Body.PARTY_COMMITTEE
    ).issuing_body == (Body.PARTY_COMMITTEE)


def test_the_migration_reads_the_party_delegation_from_the_issuers_name(council):
    issuers = {
        "Đảng đoàn HĐND tỉnh": Body.PARTY_DELEGATION,
        "ĐẢNG ĐOÀN HỘI ĐỒNG NHÂN DÂN TỈNH": Body.PARTY_DELEGATION,
        "T/M đảng đoàn HĐND": Body.PARTY_DELEGATION,
        "Thường trực HĐND tỉnh": Body.STANDING_COMMITTEE,
        "Ban Thường vụ Tỉnh ủy": Body.STANDING_COMMITTEE,  # only the Party delegation is read from the name
    }
    made = {issuer: _directive(council, issuer, n) for n, issuer in enumerate(issuers)}
    # A name typed with combining marks (as some keyboards send it), written past the services' normalising.
    decomposed = _directive(council, "x", 99)
    Directive.objects.filter(pk=decomposed.pk).update(issuer=unicodedata.normalize("NFD", "Đảng đoàn HĐND"))
    migration = importlib.import_module("directives.migrations.0002_directive_issuing_body")
    migration.party_delegation_issuers(apps, None)
    for issuer, body in issuers.items():
        made[issuer].refresh_from_db()
        assert made[issuer].issuing_body == body, issuer
    decomposed.refresh_from_db()
    assert decomposed.issuing_body == Body.PARTY_DELEGATION


def test_the_founding_conclusion_is_the_party_delegations(council):
    user = UserFactory()
    RoleFactory(user=user, council=council, role="standing")
    directive = services.founding_seed(
        council, actor=None, assign=lambda entry: {"responsible": "member", "member": user}
    )
    assert directive.issuing_body == Body.PARTY_DELEGATION


def test_the_list_filters_by_issuing_body_and_the_form_sets_it(client, office, council):
    _directive(council, "Thường trực HĐND tỉnh", 0)
    _directive(council, "Đảng đoàn HĐND tỉnh", 1, issuing_body=Body.PARTY_DELEGATION)
    url = reverse("directives:directive_list")
    page = client.get(url, {"issuing_body": Body.PARTY_DELEGATION})
    assert page.status_code == 200
    assert "Kế hoạch số 2" in page.text and "Kế hoạch số 1" not in page.text
    assert 'name="issuing_body"' in client.get(reverse("directives:directive_create")).text
    response = client.post(
        reverse("directives:directive_create"),
        {
            "kind": Directive.Kind.CONCLUSION,
            "symbol": "07-KL/TU",
            "issued_on": "10/02/2026",
            "issuing_body": Body.PARTY_COMMITTEE,
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "subject": "Kết luận về hoạt động HĐND",
        },
    )
    assert response.status_code == 302
    assert Directive.objects.get(symbol="07-KL/TU").issuing_body == Body.PARTY_COMMITTEE
    refused = client.post(
        reverse("directives:directive_create"),
        {
            "kind": Directive.Kind.PLAN,
            "issued_on": "10/02/2026",
            "issuing_body": "nobody",
            "issuer": "Ai đó",
            "subject": "Không hợp lệ",
        },
    )
    assert refused.status_code == 200 and not Directive.objects.filter(subject="Không hợp lệ").exists()
