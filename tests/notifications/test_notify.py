"""One notice per person and event, only to people who may open its record, worded from the catalogue."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from council.models import OutboxMail, Role
from notifications import services
from notifications.models import Delivery, Notification, NotificationPreference
from tests.council.factories import make_followup
from tests.reports.factories import ReportFactory
from tests.sessions.factories import SessionFactory

from .factories import person

pytestmark = pytest.mark.django_db


def _session(council):
    return SessionFactory(term__council=council, place="Hội trường tỉnh")


def test_a_convened_session_reaches_the_councils_people_once(council, other_council):
    delegate = person(council, Role.DELEGATE)
    office = person(council, Role.OFFICE)
    agency = person(council, Role.AGENCY)
    stranger = person(other_council, Role.DELEGATE)
    session = _session(council)

    made = services.notify("session_convened", session)

    assert {n.recipient for n in made} == {delegate, office}
    assert services.notify("session_convened", session) == []
    assert Notification.objects.count() == 2
    assert not Notification.objects.filter(recipient__in=[agency, stranger]).exists()


def test_explicit_recipients_who_may_not_open_the_record_are_skipped(council):
    followup = make_followup(council)
    respondent = person(council, Role.AGENCY, agency=followup.agency)
    delegate = person(council, Role.DELEGATE)
    other_agency = person(council, Role.AGENCY)

    made = services.notify(
        "followup_overdue", followup, recipients=[respondent, delegate, other_agency], key="overdue:1"
    )

    assert [n.recipient for n in made] == [respondent]


def test_a_draft_report_reaches_no_leadership_reader_until_issued(council):
    reader = person(council, Role.LEADERSHIP)
    draft = ReportFactory(council=council, generated=True)
    assert services.notify("report_issued", draft) == []

    issued = ReportFactory(council=council, issued=True)
    assert [n.recipient for n in services.notify("report_issued", issued)] == [reader]


def test_the_wording_is_rendered_in_the_readers_language(council):
    person(council, Role.OFFICE)
    notice = services.notify("session_convened", _session(council))[0]

    with translation.override("en"):
        english = str(notice)
    with translation.override("vi"):
        vietnamese = str(notice)
    assert "is convened" in english and "08/07/2026" in english and "Hội trường tỉnh" in english
    assert "triệu tập" in vietnamese and "08/07/2026" in vietnamese


def test_values_the_kind_does_not_declare_are_refused(council):
    person(council, Role.OFFICE)
    session = _session(council)
    with pytest.raises(ValueError, match="takes no value named voter_name"):
        services.notify("session_convened", session, params={"voter_name": "Trần Thị B"})
    with pytest.raises(ValueError, match="Unknown notification kind"):
        services.notify("no_such_kind", session)
    assert not Notification.objects.exists()


def test_declared_values_make_each_step_its_own_event(council):
    followup = make_followup(council)
    respondent = person(council, Role.AGENCY, agency=followup.agency)

    services.notify("followup_due", followup, params={"days": 7})
    services.notify("followup_due", followup, params={"days": 3})
    services.notify("followup_due", followup, params={"days": 3})

    texts = sorted(str(n) for n in Notification.objects.filter(recipient=respondent))
    assert len(texts) == 2
    assert "3" in texts[0] + texts[1] and "7" in texts[0] + texts[1]


def test_a_notice_about_no_record_goes_to_members_of_the_council(council, other_council):
    delegate = person(council, Role.DELEGATE)
    outsider = person(other_council, Role.DELEGATE)

    made = services.notify(
        "quota_delegate_contribution", None, council=council, recipients=[delegate, outsider], key="t3:mid"
    )

    assert [n.recipient for n in made] == [delegate]


def test_mail_at_once_goes_through_the_outbox_per_preference(council):
    eager = person(council, Role.DELEGATE, email="eager@example.invalid")
    quiet = person(council, Role.DELEGATE, email="quiet@example.invalid")
    services.preferences_save(user=quiet, choices={"session_convened": Delivery.OFF}, actor=quiet)

    services.notify("session_convened", _session(council))

    mails = list(OutboxMail.objects.all())
    assert [m.to for m in mails] == ["eager@example.invalid"]
    assert "08/07/2026" in mails[0].body
    notice = Notification.objects.get(recipient=eager)
    assert notice.mail == mails[0] and notice.mailed_at is not None
    assert Notification.objects.get(recipient=quiet).mail is None


def test_the_daily_digest_is_one_mail_per_person_and_never_twice(council):
    office = person(council, Role.OFFICE, email="office@example.invalid")
    services.notify("session_convened", _session(council))
    services.notify("session_documents", _session(council))
    assert Notification.objects.filter(recipient=office, delivery=Delivery.DIGEST).count() == 2

    assert services.notifications_digest_send() == 1
    assert services.notifications_digest_send() == 0
    mail = OutboxMail.objects.get()
    assert mail.to == "office@example.invalid" and "(2)" in mail.body


def test_reading_marks_only_ones_own_notices(council):
    first = person(council, Role.OFFICE)
    second = person(council, Role.OFFICE)
    services.notify("session_convened", _session(council))
    services.notify("session_documents", _session(council))
    mine = Notification.objects.filter(recipient=first).first()

    with pytest.raises(ValidationError):
        services.notification_mark_read(mine, actor=second)
    services.notification_mark_read(mine, actor=first)
    assert Notification.objects.filter(recipient=first).unread().count() == 1

    assert services.notifications_mark_all_read(actor=second) == 2
    assert Notification.objects.filter(recipient=first).unread().count() == 1


def test_preferences_refuse_an_unknown_kind_and_save_nothing(council):
    user = person(council, Role.DELEGATE)
    with pytest.raises(ValidationError) as refused:
        services.preferences_save(
            user=user, choices={"session_convened": Delivery.DIGEST, "bogus": Delivery.OFF}, actor=user
        )
    assert "bogus" in refused.value.messages[0]
    assert not NotificationPreference.objects.exists()
    assert (
        services.preferences_save(user=user, choices={"session_convened": Delivery.DIGEST}, actor=user) == 1
    )
    assert (
        services.preferences_save(user=user, choices={"session_convened": Delivery.DIGEST}, actor=user) == 0
    )
