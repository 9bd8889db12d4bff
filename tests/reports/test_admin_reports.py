"""The admin reads reports and runs them again only through report_regenerate; targets save through theirs."""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from reports.models import KpiTarget, Report
from tests.admin_actions import ERROR, SUCCESS, change_url, levels, run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


def _report(council, state):
    issued = state == Report.State.ISSUED
    return Report.objects.create(
        council=council,
        kind=Report.Kind.QUARTERLY,
        period="2026-Q1" if issued else "2026-Q2",
        period_start=dt.date(2026, 1, 1) if issued else dt.date(2026, 4, 1),
        period_end=dt.date(2026, 3, 31) if issued else dt.date(2026, 6, 30),
        state=state,
        number="1/BC-HĐND" if issued else "",
        issued_on=dt.date(2026, 4, 2) if issued else None,
    )


def test_a_report_is_neither_edited_nor_deleted_in_the_admin(client, admin_user, council):
    report = _report(council, Report.State.FAILED)
    assert client.get(change_url(report)).status_code == 200
    assert client.post(change_url(report), {"state": Report.State.ISSUED}).status_code == 403
    assert (
        client.post(reverse("admin:reports_report_delete", args=[report.pk]), {"post": "yes"}).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.state == Report.State.FAILED


def test_regenerating_goes_through_the_service_and_an_issued_report_stays_frozen(client, admin_user, council):
    failed, issued = _report(council, Report.State.FAILED), _report(council, Report.State.ISSUED)
    run_action(client, Report, "regenerate", [failed])
    assert levels(client) == {SUCCESS}
    failed.refresh_from_db()
    assert failed.state == Report.State.QUEUED and failed.requested_by == admin_user

    run_action(client, Report, "regenerate", [issued])
    assert levels(client) == {ERROR}
    issued.refresh_from_db()
    assert issued.state == Report.State.ISSUED


def test_a_target_added_in_the_admin_goes_through_its_service(client, admin_user, council):
    description = unicodedata.normalize("NFD", "Tỷ lệ kiến nghị được trả lời đúng hạn")
    response = client.post(
        reverse("admin:reports_kpitarget_add"),
        {
            "council": council.pk,
            "code": "T9.9",
            "description": description,
            "metric": KpiTarget._meta.get_field("metric").choices[0][0],
            "threshold": "90",
            "cadence": KpiTarget.Cadence.PERIOD,
            "order": 10,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    target = KpiTarget.objects.get(council=council, code="T9.9")
    assert target.description == unicodedata.normalize("NFC", description)
    assert target.history.latest().history_user == admin_user
