import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from council.models import Council, Role, RoleAssignment, User
from delegates.models import Delegate, DelegateGroup, Mandate

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_twice_gives_the_same_rows(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first

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


def test_seed_demo_refuses_demo_users_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
    call_command("seed_demo", "--no-users", verbosity=0)
    assert not User.objects.exists()
    assert Council.objects.filter(code="dong-thap").exists()
