"""reports/permissions.py for every role: the Office sees every report, the Standing Committee and the
leadership the issued ones, anyone else none; a report one may not see is a 404."""

import datetime as dt

import pytest
from django.http import Http404

from council.models import Role
from reports.models import Report
from reports.permissions import get_report_for_user_or_404, reports_visible_to
from tests.conftest import ALL_ROLES

MANAGERS = {Role.OFFICE, Role.ADMIN}
ISSUED_READERS = {Role.STANDING, Role.LEADERSHIP}


def _report(council, state, quarter):
    issued = state == Report.State.ISSUED
    return Report.objects.create(
        council=council,
        kind=Report.Kind.QUARTERLY,
        period=f"2026-Q{quarter}",
        period_start=dt.date(2026, 3 * quarter - 2, 1),
        period_end=dt.date(2026, 3 * quarter, 28),
        state=state,
        number=f"{quarter}/BC-HĐND" if issued else "",
        issued_on=dt.date(2026, 3 * quarter, 28) if issued else None,
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_the_reports_it_should(role, council, other_council, user_with_role):
    user = user_with_role(role)
    draft = _report(council, Report.State.DRAFT, 2)
    issued = _report(council, Report.State.ISSUED, 1)
    _report(other_council, Report.State.ISSUED, 1)
    expected = {draft, issued} if role in MANAGERS else {issued} if role in ISSUED_READERS else set()
    assert set(reports_visible_to(user, council)) == expected
    if draft not in expected:
        with pytest.raises(Http404):
            get_report_for_user_or_404(user, council, draft.pk)
    if expected:
        assert get_report_for_user_or_404(user, council, issued.pk) == issued
