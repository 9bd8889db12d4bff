"""The demo's figures per quarter: answers given on the days they would have been (``demo.clock``), so the
dashboard's on-time rate of petition answers is a realistic share in every quarter of 2025, not 0 % nor
100 %."""

import pytest
from django.core.management import call_command

from council.models import Council
from reports import metrics
from reports.metrics import Window
from reports.periods import Period

pytestmark = pytest.mark.django_db


def test_every_quarter_of_2025_has_answers_on_time_and_late(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    province = Council.objects.get(code="dong-thap")
    on_time = metrics.get("answers_on_time")
    for quarter in (1, 2, 3, 4):
        period = Period("Q", 2025, quarter)
        figure = on_time.evaluate(province, Window(period.start, period.end))
        # n: answers due in the quarter given by the due date; d: answers due in the quarter.
        assert 0 < figure["n"] < figure["d"], (str(period), figure)
