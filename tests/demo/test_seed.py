import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone, translation

from council.models import Council, FollowUp, OutboxMail, Role, RoleAssignment, User
from delegates.models import Delegate, DelegateGroup, Mandate
from notifications.models import Notification
from reports.calendar import events_for
from reports.visibility import may_open
from sessions.models import Session
from voters.models import VoterMeeting

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_twice_gives_the_same_rows(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    out = io.StringIO()
    with translation.override("vi"):
        call_command("seed_demo", stdout=out)
    assert _counts() == first
    # The summary is in the user's language (Vietnamese here) and says the second run added nothing.
    summary = out.getvalue()
    assert "Dữ liệu mẫu" in summary and "Việc theo dõi của HĐND xã Tháp Mười" in summary
    assert "Thông báo của HĐND tỉnh Đồng Tháp" in summary
    added = re.findall(r"\(\+(\d+)\)", summary)
    assert added and set(added) == {"0"}

    province = Council.objects.get(code="dong-thap")
    term = province.terms.get(number=11)
    assert 80 <= Mandate.objects.filter(term=term).count() <= 90
    assert 10 <= DelegateGroup.objects.filter(term=term).count() <= 14
    assert province.agencies.count() >= 40
    assert (
        apps.get_model("council", "AdminUnit")
        .objects.filter(valid_to__isnull=True, level__in=["commune", "ward"])
        .count()
        == 102
    )
    assert province.holidays.filter(date__year=2026, name__icontains="Tết").exists()
    # One demo user per role, each able to log in with the demo password.
    for username, role in [
        ("vanphong", Role.OFFICE),
        ("thuongtruc", Role.STANDING),
        ("truongban", Role.COMMITTEE_HEAD),
        ("totruong", Role.GROUP_LEADER),
        ("daibieu", Role.DELEGATE),
        ("lanhdao", Role.LEADERSHIP),
        ("coquan", Role.AGENCY),
        ("admin", Role.ADMIN),
    ]:
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.email == f"{username}@example.invalid"
        assert RoleAssignment.objects.filter(user=user, council=province, role=role).exists()
    assert Delegate.objects.get(user__username="daibieu").mandates.filter(term=term).exists()

    # Answers carry the days they were given (demo.clock), not the day of the seed: most on time, some late.
    answered = FollowUp.objects.filter(council=province, first_answered_on__isnull=False)
    on_time = answered.filter(first_answered_on__lte=F("due_date")).count()
    assert 0.6 * answered.count() <= on_time < answered.count()
    assert answered.values("first_answered_on").distinct().count() > answered.count() // 3
    assert not answered.filter(first_answered_on__gt=timezone.localdate()).exists()
    assert answered.filter(closed_on__isnull=False, closed_on__lt=timezone.localdate()).exists()
    # The commune council has a small demo of its own.
    commune = Council.objects.get(code="xa-thap-muoi")
    assert FollowUp.objects.filter(council=commune).count() >= 5
    assert FollowUp.objects.filter(council=commune).closed().exists()
    assert FollowUp.objects.filter(council=commune).overdue(timezone.localdate()).exists()

    _assert_each_demo_user_finds_notices_they_may_open()


def _unread_kinds(username: str) -> set[str]:
    notices = Notification.objects.filter(recipient__username=username).unread()
    return set(notices.values_list("kind", flat=True))


def _assert_each_demo_user_finds_notices_they_may_open() -> None:
    """Called after the seed of the test above (one seed is long enough)."""
    # What each role hears of: the coming session and training for delegates, the documents late for the
    # Office, the agency's items assigned, due and overdue, the items the leadership should know about.
    assert {"session_documents", "training_invited"} <= _unread_kinds("daibieu")
    assert {"session_documents", "training_invited"} <= _unread_kinds("totruong")
    assert "session_documents" in _unread_kinds("vanphong")
    coquan = _unread_kinds("coquan")
    assert "followup_assigned" in coquan and coquan & {"followup_due", "followup_overdue"}
    assert "followup_for_leadership" in _unread_kinds("lanhdao")
    # A few were read the day after they came (the convened session, the issued report).
    read = Notification.objects.filter(read_at__isnull=False)
    assert read.filter(kind="session_convened", recipient__username="daibieu").exists()
    assert read.filter(kind="report_issued", recipient__username="lanhdao").exists()
    assert not read.filter(read_at__lt=F("created_at")).exists()
    # A busy reader has read what came earlier: at most the agency's latest three assignments are unread.
    assigned = Notification.objects.filter(recipient__username="coquan", kind="followup_assigned")
    assert 1 <= assigned.unread().count() <= 3 < assigned.count()
    # Nobody hears of a record their role may not open: no session for the agency, no agency item for a
    # delegate.
    notices = list(Notification.objects.select_related("recipient"))
    assert notices and all(may_open(n.recipient, n.subject) for n in notices if n.subject is not None)
    mine = Notification.objects.filter
    assert not mine(recipient__username="coquan", kind__startswith="session").exists()
    assert not mine(recipient__username="daibieu", kind__startswith="followup").exists()
    # The demo's past is mailed to nobody: the addresses are for what users do next.
    assert not OutboxMail.objects.exists()
    # Each demo delegate's calendar has the coming weeks filled: the training they are invited to and,
    # while the demo's last session is still to come, the session and its sittings.
    today = timezone.localdate()
    horizon = today + dt.timedelta(weeks=4)
    planned = VoterMeeting.objects.filter(date__gt=today).values("pk")
    coming_session = Session.objects.filter(term__number=11, number=4, start_date__gte=today).exists()
    for username in ("daibieu", "totruong"):
        events = events_for(User.objects.get(username=username), today=today)
        soon = {e.uid.split("-")[0] for e in events if today <= _day(e.start) <= horizon}
        assert "delegates.trainingcourse" in soon
        if coming_session:
            assert {"council_sessions.session", "council_sessions.sitting"} <= soon
        if username == "daibieu":
            assert "voters.votermeeting" in soon  # the meeting planned after the session
    # Told of it once, as it was planned.
    assert mine(recipient__username="daibieu", kind="voter_meeting", subject_id__in=planned).exists()


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def test_seed_demo_refuses_demo_users_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    call_command("seed_demo", "--no-users", verbosity=0)
    assert not User.objects.exists()
    assert Council.objects.filter(code="dong-thap").exists()
    # Only reference data: the delegates and the scorecard's targets, none of the invented content.
    assert Delegate.objects.filter(council__code="dong-thap").exists()
    assert Council.objects.get(code="dong-thap").kpitarget_set.exists()
    assert not FollowUp.objects.exists()
    assert not apps.get_model("voters", "Petition").objects.exists()
    assert not apps.get_model("sessions", "Session").objects.exists()
