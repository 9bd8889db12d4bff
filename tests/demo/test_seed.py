import io
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone, translation

from council.models import Council, FollowUp, Role, RoleAssignment, User
from delegates.models import Delegate, DelegateGroup, Mandate

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
