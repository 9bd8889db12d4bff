"""The public form's processing notice and consent (Law 91/2025/QH15), and the versioned notice page."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council.models import ProcessingNotice, Role
from tests.conftest import ALL_ROLES
from voters.models import Petition, VoterOpinion

pytestmark = pytest.mark.django_db
NOTICE_TEXTS = ("summary", "purposes", "categories", "recipients", "retention", "rights")


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _submission(unit, **overrides):
    return {
        "name": "Nguyễn Văn A",
        "phone": "0912 345 678",
        "email": "",
        "address": "Ấp 3, xã Tân Hồng",
        "admin_unit": unit.pk,
        "title": "Đèn đường ấp 3 hư",
        "text": "Đèn đường ấp 3 hư đã hai tháng, đề nghị sửa.",
        "consent": "on",
        **overrides,
    }


def _texts(word: str) -> dict[str, str]:
    return {name: f"{word} — {name}" for name in NOTICE_TEXTS}


def test_the_form_shows_the_notice_with_an_unticked_box(client, council, unit):
    html = client.get(reverse("voters:public_submit", args=[council.code])).content.decode()
    assert "91/2025/QH15" in html and "13/2023/NĐ-CP" in html
    assert reverse("voters:public_privacy", args=[council.code]) in html
    box = html[html.index('name="consent"') - 200 : html.index('name="consent"') + 200]
    assert 'type="checkbox"' in box and "checked" not in box
    assert not ProcessingNotice.objects.exists()  # reading the form writes nothing


@pytest.mark.parametrize("consent", [None, "", "false"])
def test_without_consent_nothing_is_stored(client, council, unit, consent):
    data = _submission(unit)
    if consent is None:
        del data["consent"]
    else:
        data["consent"] = consent
    response = client.post(reverse("voters:public_submit", args=[council.code]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html
    assert (
        _vi(
            "Your petition cannot be recorded without your consent to the processing of your personal data: "
            "tick the box after reading the notice."
        )
        in html
    )
    assert not Petition.objects.exists() and not VoterOpinion.objects.exists()
    assert not ProcessingNotice.objects.exists()


def test_the_consent_time_and_version_are_stored(client, council, unit):
    client.post(reverse("voters:public_submit", args=[council.code]), _submission(unit))
    petition = Petition.objects.get()
    assert petition.consent_at is not None and petition.notice.version == 1
    assert petition.notice.council == council and "91/2025/QH15" in petition.notice.rights


def test_a_new_version_leaves_old_petitions_with_theirs(client, council, unit, login):
    url = reverse("voters:public_submit", args=[council.code])
    client.post(url, _submission(unit))
    first = Petition.objects.get()
    office = login(Role.OFFICE)
    response = client.post(reverse("voters:privacy_notice"), _texts("Bản mới"))
    assert response.status_code == 302
    second = ProcessingNotice.objects.get(council=council, version=2)
    assert second.published_by == office and second.summary == "Bản mới — summary"
    client.logout()
    assert "Bản mới — summary" in client.get(url).content.decode()
    client.post(url, _submission(unit, title="Kiến nghị thứ hai", notice_version="2"))
    assert Petition.objects.get(title="Kiến nghị thứ hai").notice == second
    first.refresh_from_db()
    assert first.notice.version == 1
    page = reverse("voters:public_privacy", args=[council.code])
    assert "Bản mới — rights" in client.get(page).content.decode()
    old = client.get(page, {"version": 1}).content.decode()
    assert "91/2025/QH15" in old and "Bản mới" not in old
    assert client.get(page, {"version": 9}).status_code == 404


def test_a_notice_changed_while_writing_is_read_again(client, council, unit, login):
    url = reverse("voters:public_submit", args=[council.code])
    client.post(url, _submission(unit, title="Kiến nghị đầu"))  # version 1 in force
    login(Role.OFFICE)
    client.post(reverse("voters:privacy_notice"), _texts("Bản hai"))
    client.logout()
    response = client.post(url, _submission(unit, title="Viết lúc bản một", notice_version="1"))
    html = response.content.decode()
    assert (
        _vi(
            "The notice on the processing of personal data was updated while you were writing. "
            "Please read it again and tick the box."
        )
        in html
    )
    assert not Petition.objects.filter(title="Viết lúc bản một").exists()
    assert 'name="notice_version" value="2"' in html and "Bản hai — summary" in html


def test_unchanged_or_empty_texts_publish_nothing(client, council, login):
    login(Role.OFFICE)
    url = reverse("voters:privacy_notice")
    client.post(url, _texts("Một"))
    client.post(url, _texts("Một"))
    assert ProcessingNotice.objects.filter(council=council).count() == 1
    response = client.post(url, {**_texts("Hai"), "rights": "   "})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = client.post(url, {**_texts("Hai"), "purposes": "x" * 5001})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert ProcessingNotice.objects.filter(council=council).count() == 1


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_office_and_the_administrator_edit_the_notice(client, council, login, role):
    login(role)
    url = reverse("voters:privacy_notice")
    allowed = role in {Role.OFFICE, Role.ADMIN}
    assert client.get(url).status_code == (200 if allowed else 403)
    assert client.post(url, _texts("Vai trò")).status_code == (302 if allowed else 403)
    assert ProcessingNotice.objects.filter(council=council).exists() == allowed


def test_another_councils_office_publishes_only_for_its_own(client, council, other_council, login):
    login(Role.OFFICE, other_council)
    client.post(reverse("voters:privacy_notice"), _texts("Hội đồng khác"))
    assert not ProcessingNotice.objects.filter(council=council).exists()
    page = client.get(reverse("voters:public_privacy", args=[council.code])).content.decode()
    assert "Hội đồng khác" not in page
