"""The admin saves directives through services; items, each tracked as a follow-up, are only read there."""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from directives import services
from directives.models import Directive, DirectiveItem
from tests.admin_actions import change_url, inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


@pytest.fixture
def directive(council):
    return services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.PLAN,
        symbol="12-KH/ĐĐ",
        issued_on=dt.date(2026, 3, 2),
        issuer="Đảng đoàn HĐND tỉnh",
        subject="Kế hoạch thực hiện Kết luận",
    )


def _form(client, directive, **changes):
    url = change_url(directive)
    data = {
        **inline_management(client, url),
        "council": directive.council_id,
        "kind": directive.kind,
        "symbol": directive.symbol,
        "issued_on": f"{directive.issued_on:%d/%m/%Y}",
        "issuer": directive.issuer,
        "issuing_body": directive.issuing_body,
        "subject": directive.subject,
    }
    return {**data, **changes}


def test_a_directive_is_edited_through_its_service(client, admin_user, directive):
    subject = unicodedata.normalize("NFD", "Kế hoạch thực hiện Kết luận số 05")  # as some keyboards send it
    response = client.post(change_url(directive), _form(client, directive, subject=subject))
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.subject == unicodedata.normalize("NFC", subject)
    assert directive.history.latest().history_user == admin_user


def test_items_are_added_on_the_directives_page_not_in_the_admin(client, admin_user, directive):
    assert client.get(reverse("admin:directives_directiveitem_add")).status_code == 403
    page = client.get(change_url(directive))
    assert not any(inline.has_add_permission for inline in page.context["inline_admin_formsets"])
    assert not DirectiveItem.objects.exists()
