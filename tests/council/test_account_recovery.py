"""Account recovery and sessions: the password reset by e-mail, ending other sessions, the idle timeout."""

import datetime as dt
import re
import time

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.test import Client

from council.models import OutboxMail, Role, SignInEvent
from council.signin import LAST_SEEN_KEY
from tests.council.factories import RoleFactory

pytestmark = pytest.mark.django_db

PASSWORD = "matkhau-2026"
NEW_PASSWORD = "Sen-hong-Thap-Muoi-2026"
IP = "203.0.113.30"


@pytest.fixture
def delegate_user(council):
    user = RoleFactory(council=council, role=Role.DELEGATE).user
    user.email = "daibieu@example.invalid"
    user.save(update_fields=["email"])
    return user


def _ask(client: Client, email: str, ip: str = IP):
    return client.post("/accounts/reset/", {"email": email}, REMOTE_ADDR=ip)


def _link(mail: OutboxMail) -> str:
    return re.search(r"http://testserver(/accounts/reset/\S+/)", mail.body).group(1)


def _sign_in(client: Client, user, ip: str = IP):
    return client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR=ip)


# -- password reset ---------------------------------------------------------------------------------------


def test_the_login_page_offers_the_reset(client):
    assert "/accounts/reset/" in client.get("/accounts/login/").text


def test_a_reset_is_mailed_through_the_outbox(client, delegate_user, council):
    response = _ask(client, "DaiBieu@example.invalid ")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/reset/sent/"
    mail = OutboxMail.objects.get()
    assert mail.to == delegate_user.email
    assert mail.council == council
    assert mail.subject == "Đặt lại mật khẩu"
    assert "/accounts/reset/" in mail.body
    assert SignInEvent.objects.filter(user=delegate_user, kind="reset_requested").exists()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, delegate_user):
    known = _ask(client, delegate_user.email)
    unknown = _ask(Client(), "khongco@example.invalid")

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert Client().get(unknown["Location"]).text.count("Hãy kiểm tra hộp thư") >= 1
    assert OutboxMail.objects.count() == 1


def test_a_bad_address_gets_a_clear_error(client):
    response = _ask(client, "khong-phai-thu")

    assert response.status_code == 200
    assert "Đây không phải là địa chỉ thư điện tử." in response.text
    assert not OutboxMail.objects.exists()


def test_the_link_sets_a_new_password_once_and_signs_out_every_session(client, delegate_user):
    elsewhere = Client()
    _sign_in(elsewhere, delegate_user)
    assert elsewhere.get("/").status_code == 200
    _ask(client, delegate_user.email)
    link = _link(OutboxMail.objects.get())

    form = client.get(link, follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done["Location"] == "/accounts/reset/done/"
    delegate_user.refresh_from_db()
    assert delegate_user.check_password(NEW_PASSWORD)
    assert elsewhere.get("/").status_code == 302  # the old session is gone
    assert SignInEvent.objects.filter(user=delegate_user, kind="reset_done").exists()
    again = Client().get(link, follow=True)
    assert not again.context["validlink"]
    assert "Liên kết này đã được dùng hoặc đã hết hạn" in again.text


def test_an_expired_link_is_refused_and_changes_nothing(client, delegate_user, settings, monkeypatch):
    _ask(client, delegate_user.email)
    link = _link(OutboxMail.objects.get())
    later = PasswordResetTokenGenerator()._now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    response = client.get(link, follow=True)

    assert not response.context["validlink"]
    delegate_user.refresh_from_db()
    assert delegate_user.check_password(PASSWORD)


def test_resets_are_throttled_per_address_and_per_account(client, delegate_user):
    statuses = [_ask(client, delegate_user.email).status_code for _ in range(5)]

    assert statuses == [302] * 5
    assert OutboxMail.objects.count() == 3  # three mails an hour to one account, then silence
    refused = _ask(client, "khac@example.invalid")
    assert refused.status_code == 429
    assert "quá nhiều lần" in refused.text
    assert _ask(Client(), "khac@example.invalid", ip="198.51.100.8").status_code == 302


def test_the_admin_never_shows_a_reset_mail_body(client, delegate_user, django_user_model):
    _ask(client, delegate_user.email)
    mail = OutboxMail.objects.get()
    client.force_login(django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x"))

    page = client.get(f"/admin/council/outboxmail/{mail.pk}/change/")

    assert page.status_code == 200
    assert _link(mail) not in page.text
    assert delegate_user.email in page.text


# -- sessions ----------------------------------------------------------------------------------------------


def test_signing_out_the_other_sessions_keeps_this_one(client, delegate_user):
    other = Client()
    _sign_in(client, delegate_user)
    _sign_in(other, delegate_user)

    response = client.post("/accounts/security/sessions/", follow=True)

    assert response.status_code == 200
    assert "Các phiên đăng nhập khác đã bị đăng xuất" in response.text
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302
    assert SignInEvent.objects.filter(user=delegate_user, kind="other_sessions_ended").exists()
    # The password still works for a new sign-in.
    assert _sign_in(Client(), delegate_user).status_code == 302


def test_a_staff_session_ends_after_the_idle_period(client, council, settings):
    settings.STAFF_IDLE_MINUTES = 30
    office = RoleFactory(council=council, role=Role.OFFICE).user
    _sign_in(client, office)
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/terms/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert SignInEvent.objects.filter(user=office, kind="idle_timeout").exists()


def test_an_active_staff_session_stays(client, council, settings):
    settings.STAFF_IDLE_MINUTES = 30
    office = RoleFactory(council=council, role=Role.OFFICE).user
    _sign_in(client, office)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()

    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5  # activity moved the idle clock


def test_a_delegate_session_has_no_idle_limit(client, delegate_user):
    _sign_in(client, delegate_user)

    assert LAST_SEEN_KEY not in client.session
