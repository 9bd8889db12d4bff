"""Bad input at the notification centre and the calendar feed (issue 19): a stale, revoked or foreign calendar
address is a 404 with no data, an unknown kind or way of delivery is refused and changes nothing, and a
notice whose record is gone still reads in the centre and says "no longer available" when opened."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from council.models import Role
from notifications import services
from notifications.models import Delivery, Notification, NotificationPreference
from tests.sessions.factories import SessionFactory

from .factories import person

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:list")


def _coming_session(council, number=7):
    start = timezone.localdate() + dt.timedelta(days=5)
    return SessionFactory(
        term__council=council,
        number=number,
        place="Phòng họp số 3",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
    )


def test_the_address_of_a_deactivated_person_is_a_404_with_no_data(client, council):
    delegate = person(council, Role.DELEGATE)
    _coming_session(council)
    token = services.calendar_feed_create(user=delegate, actor=delegate)
    url = reverse("notifications:feed", args=[token])
    assert b"Ph\xc3\xb2ng h\xe1\xbb\x8dp s\xe1\xbb\x91 3" in client.get(url).content  # "Phòng họp số 3"

    delegate.is_active = False
    delegate.save(update_fields=["is_active"])
    response = client.get(url)

    assert response.status_code == 404
    assert b"VEVENT" not in response.content and "Phòng họp số 3".encode() not in response.content


@pytest.mark.parametrize("token", ["x", "A" * 2000, "%00", "..%2f..%2fetc%2fpasswd", "' OR 1=1 --"])
def test_a_made_up_address_is_a_404(client, token):
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content


def test_an_unknown_way_of_delivery_is_refused_and_nothing_is_saved(client, council):
    delegate = person(council, Role.DELEGATE)
    with pytest.raises(ValidationError):
        services.preferences_save(
            user=delegate,
            choices={"session_convened": Delivery.DIGEST, "training_invited": "fax"},
            actor=delegate,
        )
    assert not NotificationPreference.objects.exists()

    client.force_login(delegate)
    with translation.override("en"):
        response = client.post(
            reverse("notifications:preferences"),
            {"kind-session_convened": "fax", "kind-training_invited": Delivery.OFF},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not NotificationPreference.objects.exists()


def test_a_notice_whose_record_is_deleted_still_reads_in_the_centre_and_opens_as_gone(client, council):
    delegate = person(council, Role.DELEGATE)
    session = _coming_session(council)
    notice = services.notify("session_convened", session, recipients=[delegate])[0]
    session.delete()
    client.force_login(delegate)

    page = client.get(LIST)
    assert page.status_code == 200
    assert "Phòng họp số 3" in page.content.decode()  # its wording was kept with the notice

    opened = client.get(notice.get_absolute_url())
    assert opened.status_code == 410
    assert "Phòng họp số 3" in opened.content.decode()
    assert Notification.objects.get(pk=notice.pk).read_at is not None


def test_a_notice_of_a_retired_kind_about_a_missing_record_type_does_not_fail(client, council):
    delegate = person(council, Role.DELEGATE)
    session = _coming_session(council)
    notice = services.notify("session_convened", session, recipients=[delegate])[0]
    # A kind dropped from the catalogue, about a record type whose model is gone (an app removed).
    stale_type = ContentType.objects.create(app_label="gone_app", model="gonerecord")
    Notification.objects.filter(pk=notice.pk).update(kind="retired_kind", subject_type=stale_type)
    client.force_login(delegate)

    with translation.override("en"):
        page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert client.get(LIST, {"kind": "retired_kind"}).status_code == 200
    assert client.get(notice.get_absolute_url()).status_code == 410
