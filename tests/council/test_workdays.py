import datetime as dt

import pytest

from council.models import DeadlineRule, Holiday
from council.workdays import add_working_days, apply_rule, rule_in_force, working_days_between
from tests.council.factories import DeadlineRuleFactory, HolidayFactory

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 3, 6)
NEXT_MONDAY = dt.date(2026, 3, 9)


def _days_off(council, first: dt.date, last: dt.date, name: str = "Tết Nguyên đán") -> None:
    day = first
    while day <= last:
        HolidayFactory(council=council, date=day, name=name, kind=Holiday.Kind.HOLIDAY)
        day += dt.timedelta(days=1)


def test_a_working_day_after_friday_is_monday(council):
    assert add_working_days(council, FRIDAY, 1) == NEXT_MONDAY


def test_five_working_days_span_one_weekend(council):
    assert add_working_days(council, FRIDAY, 5) == dt.date(2026, 3, 13)


def test_zero_days_is_the_start(council):
    assert add_working_days(council, FRIDAY, 0) == FRIDAY


def test_tet_spanning_a_month_end_is_skipped(council):
    _days_off(council, dt.date(2025, 1, 25), dt.date(2025, 2, 2))

    assert add_working_days(council, dt.date(2025, 1, 24), 1) == dt.date(2025, 2, 3)
    assert add_working_days(council, dt.date(2025, 1, 24), 3) == dt.date(2025, 2, 5)


def test_a_holiday_added_later_changes_the_result(council):
    assert add_working_days(council, FRIDAY, 1) == NEXT_MONDAY

    HolidayFactory(council=council, date=NEXT_MONDAY, name="Giỗ Tổ Hùng Vương")

    assert add_working_days(council, FRIDAY, 1) == dt.date(2026, 3, 10)


def test_a_make_up_working_day_on_saturday_counts(council):
    friday = dt.date(2025, 4, 25)
    saturday = dt.date(2025, 4, 26)
    assert add_working_days(council, friday, 1) == dt.date(2025, 4, 28)

    HolidayFactory(council=council, date=saturday, name="Làm bù", kind=Holiday.Kind.WORKING_DAY)

    assert add_working_days(council, friday, 1) == saturday
    assert add_working_days(council, friday, 2) == dt.date(2025, 4, 28)


def test_negative_days_count_backwards(council):
    assert add_working_days(council, NEXT_MONDAY, -1) == FRIDAY
    assert add_working_days(council, NEXT_MONDAY, -5) == dt.date(2026, 3, 2)

    HolidayFactory(council=council, date=FRIDAY, name="Nghỉ bù")

    assert add_working_days(council, NEXT_MONDAY, -1) == dt.date(2026, 3, 5)


def test_counting_backwards_skips_tet(council):
    _days_off(council, dt.date(2025, 1, 25), dt.date(2025, 2, 2))

    assert add_working_days(council, dt.date(2025, 2, 3), -1) == dt.date(2025, 1, 24)


def test_holidays_of_another_council_are_ignored(council, other_council):
    HolidayFactory(council=other_council, date=NEXT_MONDAY, name="Ngày của hội đồng khác")

    assert add_working_days(council, FRIDAY, 1) == NEXT_MONDAY
    assert add_working_days(other_council, FRIDAY, 1) == dt.date(2026, 3, 10)
    assert working_days_between(council, FRIDAY, NEXT_MONDAY) == 1
    assert working_days_between(other_council, FRIDAY, NEXT_MONDAY) == 0


def test_working_days_between_counts_after_start_up_to_end(council):
    monday = dt.date(2026, 3, 2)

    assert working_days_between(council, monday, NEXT_MONDAY) == 5
    assert working_days_between(council, FRIDAY, NEXT_MONDAY) == 1
    assert working_days_between(council, FRIDAY, dt.date(2026, 3, 8)) == 0


def test_working_days_between_skips_holidays_and_counts_make_up_days(council):
    monday = dt.date(2026, 3, 2)
    HolidayFactory(council=council, date=dt.date(2026, 3, 4), name="Nghỉ")
    HolidayFactory(council=council, date=dt.date(2026, 3, 7), name="Làm bù", kind=Holiday.Kind.WORKING_DAY)

    assert working_days_between(council, monday, NEXT_MONDAY) == 5


def test_working_days_between_is_zero_when_end_is_not_after_start(council):
    assert working_days_between(council, NEXT_MONDAY, NEXT_MONDAY) == 0
    assert working_days_between(council, NEXT_MONDAY, FRIDAY) == 0


def test_working_days_between_agrees_with_add_working_days(council):
    _days_off(council, dt.date(2025, 1, 25), dt.date(2025, 2, 2))
    start = dt.date(2025, 1, 20)
    for n in range(1, 15):
        assert working_days_between(council, start, add_working_days(council, start, n)) == n


def _two_versions(council):
    old = DeadlineRuleFactory(
        council=council,
        code="tra-loi-kien-nghi",
        days=15,
        valid_from=dt.date(2021, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    new = DeadlineRuleFactory(
        council=council, code="tra-loi-kien-nghi", days=10, valid_from=dt.date(2025, 7, 1)
    )
    return old, new


def test_rule_in_force_picks_the_version_valid_on_the_date(council):
    old, new = _two_versions(council)

    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2023, 5, 1)) == old
    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2025, 6, 30)) == old
    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2025, 7, 1)) == new
    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2030, 1, 1)) == new


def test_rule_in_force_is_none_before_the_first_version_or_for_another_code(council):
    _two_versions(council)

    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2020, 12, 31)) is None
    assert rule_in_force(council, "chat-van", dt.date(2025, 7, 1)) is None


def test_rule_in_force_ignores_expired_versions(council):
    DeadlineRuleFactory(
        council=council, code="giam-sat", valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2024, 12, 31)
    )

    assert rule_in_force(council, "giam-sat", dt.date(2025, 1, 1)) is None


def test_rule_in_force_ignores_rules_of_another_council(council, other_council):
    DeadlineRuleFactory(council=other_council, code="tra-loi-kien-nghi", valid_from=dt.date(2021, 1, 1))

    assert rule_in_force(council, "tra-loi-kien-nghi", dt.date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("day_type", "direction", "days", "expected"),
    [
        (DeadlineRule.DayType.CALENDAR, DeadlineRule.Direction.AFTER, 10, dt.date(2026, 3, 16)),
        (DeadlineRule.DayType.CALENDAR, DeadlineRule.Direction.BEFORE, 10, dt.date(2026, 2, 24)),
        (DeadlineRule.DayType.WORKING, DeadlineRule.Direction.AFTER, 5, dt.date(2026, 3, 13)),
        (DeadlineRule.DayType.WORKING, DeadlineRule.Direction.BEFORE, 5, dt.date(2026, 2, 27)),
        (DeadlineRule.DayType.WORKING, DeadlineRule.Direction.AFTER, 1, NEXT_MONDAY),
        (DeadlineRule.DayType.CALENDAR, DeadlineRule.Direction.AFTER, 1, dt.date(2026, 3, 7)),
    ],
)
def test_apply_rule(council, day_type, direction, days, expected):
    rule = DeadlineRuleFactory(council=council, day_type=day_type, direction=direction, days=days)

    assert apply_rule(rule, FRIDAY) == expected


def test_apply_rule_in_working_days_uses_the_councils_holidays(council):
    rule = DeadlineRuleFactory(council=council, day_type=DeadlineRule.DayType.WORKING, days=1)
    HolidayFactory(council=council, date=NEXT_MONDAY, name="Nghỉ")

    assert apply_rule(rule, FRIDAY) == dt.date(2026, 3, 10)


def test_apply_rule_in_calendar_days_ignores_holidays(council):
    rule = DeadlineRuleFactory(council=council, day_type=DeadlineRule.DayType.CALENDAR, days=3)
    HolidayFactory(council=council, date=NEXT_MONDAY, name="Nghỉ")

    assert apply_rule(rule, FRIDAY) == NEXT_MONDAY
