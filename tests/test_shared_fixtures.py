"""The shared test helpers: the constant-queries check and the dates relative to today."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import Field
from tests.council.factories import FieldFactory
from tests.dates import days, today


def test_the_check_passes_when_the_count_stays_and_returns_what_was_measured(council, constant_queries):
    def grow(rows):
        for n in rows:
            FieldFactory(council=council, name=f"Lĩnh vực {n}")

    few, many = constant_queries(grow, lambda: len(list(Field.objects.filter(council=council))))
    assert (few, many) == (5, 50)


def test_the_check_fails_naming_the_query_repeated_per_row(council, constant_queries):
    def grow(rows):
        for n in rows:
            FieldFactory(council=council, name=f"Lĩnh vực {n}")

    def one_query_per_row():
        return [Field.objects.get(pk=pk).name for pk in Field.objects.values_list("pk", flat=True)]

    with pytest.raises(AssertionError) as failure:
        constant_queries(grow, {"fields": one_query_per_row}, few=2, many=4)
    message = str(failure.value)
    assert "fields: 3 queries with 2 rows, 5 with 4 rows." in message
    assert "Only with 4 rows:" in message and "2 x SELECT" in message


def test_the_warm_up_runs_before_the_first_count_only(council, constant_queries):
    calls = []

    def measure():
        calls.append(Field.objects.count())

    constant_queries(lambda rows: [FieldFactory(council=council) for _ in rows], measure, warm_up=True)
    assert calls == [5, 5, 50]


def test_dates_are_relative_to_the_councils_today():
    assert today() == timezone.localdate()
    assert days(-10) == timezone.localdate() - dt.timedelta(days=10) and days(0) == today()
