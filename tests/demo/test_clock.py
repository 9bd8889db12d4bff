"""The demo's clock (``demo.clock``): services run inside ``as_of(day)`` stamp their records with that day."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import FollowUpEvent
from council.services import followup_answer, followup_verify
from demo.clock import LATE_ONE_IN, answered_on, as_of, closed_on, step_on
from tests.council.factories import make_followup

pytestmark = pytest.mark.django_db

D = dt.date


def test_services_inside_as_of_stamp_the_day_and_the_clock_comes_back(council):
    real_today = timezone.localdate()
    with as_of(D(2026, 5, 4)):
        followup = make_followup(council, assigned=D(2026, 5, 4), due=D(2026, 6, 1))
    with as_of(D(2026, 5, 20)):
        followup_answer(followup, actor=None, status="done", text="Đã sửa chữa xong tuyến đường.")
    followup.refresh_from_db()
    with as_of(D(2026, 5, 27)):
        followup_verify(followup, actor=None, outcome="done", text="Đã kiểm tra thực tế.", close=True)
    followup.refresh_from_db()

    assert followup.first_answered_on == D(2026, 5, 20)
    assert followup.closed_on == D(2026, 5, 27)
    assert timezone.localdate(followup.created_at) == D(2026, 5, 4)
    # Every event carries its own day (a field whose default is the clock), in the order they happened.
    days = [
        timezone.localdate(e.at) for e in FollowUpEvent.objects.filter(followup=followup).order_by("at", "pk")
    ]
    assert days[0] == D(2026, 5, 4) and days[-1] == D(2026, 5, 27)
    assert D(2026, 5, 20) in days
    assert days == sorted(days)
    # Outside, the real clock again, and new rows take the real time.
    assert timezone.localdate() == real_today
    later = make_followup(council, title="Nạo vét kênh Tháp Mười số 2")
    assert timezone.localdate(later.created_at) == real_today


def test_as_of_nests_and_never_runs_ahead_of_the_real_clock():
    real_today = timezone.localdate()
    with as_of(D(2025, 9, 1)):
        with as_of(D(2025, 10, 1)):
            assert timezone.localdate() == D(2025, 10, 1)
        assert timezone.localdate() == D(2025, 9, 1)
        first = timezone.now()
        assert timezone.now() > first
    with as_of(real_today + dt.timedelta(days=30)):
        assert timezone.localdate() == real_today
    assert timezone.localdate() == real_today


def test_most_answers_are_on_time_some_late_none_in_the_future():
    assigned, due, today = D(2026, 1, 5), D(2026, 2, 4), D(2026, 12, 1)
    days = [answered_on(f"KN-{n}", assigned, due, today) for n in range(200)]
    late = [d for d in days if d > due]
    assert all(assigned <= d <= today for d in days)
    assert 200 // LATE_ONE_IN // 2 <= len(late) <= 200 * 2 // LATE_ONE_IN
    assert answered_on("KN-1", assigned, due, today) == days[1]  # the same every run
    assert answered_on("KN-1", assigned, due, today, late=True) > due
    assert answered_on("KN-1", assigned, due, D(2026, 1, 20), late=True) == D(2026, 1, 20)
    assert closed_on("KN-1", days[1], today) >= days[1]
    # A step never goes back before the one it follows; a reopening happens today.
    assert step_on("KN-1", "verify", assigned, due, D(2026, 3, 1), today) >= D(2026, 3, 1)
    assert step_on("KN-1", "reopen", assigned, due, D(2026, 3, 1), today) == today
    progress = step_on("KN-1", "progress", assigned, due, assigned, today)
    assert assigned <= progress <= answered_on("KN-1", assigned, due, today)
