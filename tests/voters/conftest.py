import pytest

from council.models import AdminUnit


@pytest.fixture
def unit(council):
    """A commune of the council's province (after the 2025 merger), where petitions and meetings are."""
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    return AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)


@pytest.fixture
def meeting(council, unit):
    """A voter meeting held ten days ago, after a session of the current term."""
    import datetime as dt

    from django.utils import timezone

    from tests.council.factories import TermFactory
    from tests.sessions.factories import SessionFactory
    from voters import services
    from voters.models import VoterMeeting

    today = timezone.localdate()
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    session = SessionFactory(
        term=term, start_date=today - dt.timedelta(days=20), end_date=today - dt.timedelta(days=18)
    )
    return services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.AFTER_SESSION,
        session=session,
        date=today - dt.timedelta(days=10),
        place=unit,
        attendance=80,
    )
