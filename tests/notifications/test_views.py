"""The notification centre: the bell's count, the list with its filters, opening a notice, mail settings and
the Office's view of mail delivery."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from council.models import OutboxMail, Role, RoleAssignment
from notifications import services
from notifications.models import Delivery, Notification, NotificationPreference
from tests.conftest import ALL_ROLES
from tests.reports.factories import ReportFactory
from tests.sessions.factories import SessionFactory

from .factories import person

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")


def _session(council, **kwargs):
    return SessionFactory(term__council=council, **kwargs)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_has_a_centre_and_sees_only_its_own_notices(client, council, role):
    user = person(council, role)
    other = person(council, Role.OFFICE)
    session = _session(council)
    services.notify("session_convened", session, recipients=[user, other])
    client.force_login(user)

    page = client.get(LIST)

    assert page.status_code == 200
    assert page.context["page"].paginator.count == Notification.objects.filter(recipient=user).count()
    others = Notification.objects.get(recipient=other)
    assert client.get(others.get_absolute_url()).status_code == 404
    assert Notification.objects.get(pk=others.pk).read_at is None


def test_opening_a_notice_marks_it_read_lands_on_the_record_and_the_count_drops(client, council):
    delegate = person(council, Role.DELEGATE)
    session = _session(council)
    services.notify("session_convened", session)
    services.notify("session_documents", session)
    client.force_login(delegate)
    assert 'data-unread="2"' in client.get(LIST).content.decode()

    notice = Notification.objects.get(recipient=delegate, kind="session_convened")
    response = client.get(notice.get_absolute_url())

    assert response.status_code == 302 and response.url == session.get_absolute_url()
    assert 'data-unread="1"' in client.get(LIST).content.decode()


def test_a_notice_whose_record_is_gone_or_hidden_says_so(client, council):
    reader = person(council, Role.LEADERSHIP)
    person(council, Role.OFFICE)
    report = ReportFactory(council=council, issued=True)
    session = _session(council)
    gone = services.notify("session_convened", session)
    hidden = services.notify("report_issued", report)[0]
    session.delete()
    client.force_login(gone[0].recipient)
    with translation.override("en"):
        response = client.get(gone[0].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "No longer available" in response.content.decode() or "Không còn" in response.content.decode()

    RoleAssignment.objects.filter(user=reader).update(role=Role.DELEGATE)
    client.force_login(reader)
    assert client.get(hidden.get_absolute_url()).status_code == 410
    assert Notification.objects.get(pk=hidden.pk).read_at is not None


def test_filters_and_mark_all_read(client, council):
    office = person(council, Role.OFFICE)
    services.notify("session_convened", _session(council))
    services.notify("session_documents", _session(council))
    client.force_login(office)

    assert client.get(LIST, {"kind": "session_documents"}).context["page"].paginator.count == 1
    assert client.get(LIST, {"kind": "bogus", "state": "²"}).status_code == 200
    client.post(reverse("notifications:read_all"))
    assert client.get(LIST, {"state": "unread"}).context["page"].paginator.count == 0
    assert client.get(LIST, {"state": "read"}).context["page"].paginator.count == 2


def test_the_list_and_the_bell_cost_the_same_queries_at_5_and_50_notices(client, council, constant_queries):
    office = person(council, Role.OFFICE)
    client.force_login(office)

    def grow(numbers):
        for number in numbers:
            session = _session(council, number=100 + number)
            services.notify("session_convened", session, recipients=[office])

    few, many = constant_queries(grow, lambda: client.get(LIST), warm_up=True)
    assert len(many.context["page"].object_list) > len(few.context["page"].object_list)


def test_preferences_refuse_an_unknown_kind_with_a_translated_message(client, council):
    delegate = person(council, Role.DELEGATE)
    client.force_login(delegate)
    url = reverse("notifications:preferences")

    response = client.post(url, {"kind-session_convened": Delivery.OFF, "kind-bogus": Delivery.OFF})

    assert response.status_code == 200
    assert "bogus" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    response = client.post(url, {"kind-session_convened": Delivery.OFF})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=delegate).delivery == Delivery.OFF


def test_the_office_sees_whose_mails_fail(client, council, office):
    delegate = person(council, Role.DELEGATE, email="sai-dia-chi@example.invalid")
    services.notify("session_convened", _session(council))
    OutboxMail.objects.update(attempts=3, last_error="SMTPRecipientsRefused: 550 no such user")

    page = client.get(reverse("notifications:mail_status"))
    assert page.status_code == 200
    row = next(p for p in page.context["page"].object_list if p.pk == delegate.pk)
    assert (row.sent, row.waiting, row.failing) == (0, 0, 1)
    detail = client.get(reverse("notifications:mail_person", args=[delegate.pk]))
    assert "550 no such user" in detail.content.decode()


def test_mail_delivery_is_the_offices_page(client, council, login):
    login(Role.DELEGATE)
    assert client.get(reverse("notifications:mail_status")).status_code == 403


def test_an_unread_notice_of_another_council_opens_in_its_council(client, council, other_council):
    user = person(council, Role.OFFICE)
    RoleAssignment.objects.create(user=user, council=other_council, role=Role.OFFICE)
    session = _session(other_council)
    notice = services.notify("session_convened", session, recipients=[user])[0]
    client.force_login(user)
    client.get(LIST)

    response = client.get(notice.get_absolute_url())

    assert response.url == session.get_absolute_url()
    assert client.get(response.url).status_code == 200
    assert Notification.objects.get(pk=notice.pk).read_at <= timezone.now()
