"""Factories for reports: scorecard targets, stored figures and periodic reports.

A report made here is a row as ``report_request`` leaves it, without queueing a run (``generated=True``
gives a draft as a finished run leaves it, ``issued=True`` an issued one); a stored figure holds what the
figure really computes for its window, as ``reports.figures`` stores it.
"""

import datetime as dt

import factory
from django.utils import timezone

from reports import metrics
from reports.models import FigureSummary, KpiTarget, Report
from reports.periods import Period, period_from_code
from reports.services import target_create
from tests.council.factories import CouncilFactory, ServiceFactory


class KpiTargetFactory(ServiceFactory):
    """A scorecard line: voter meetings held in every period (T8.1)."""

    class Meta:
        model = KpiTarget

    service = staticmethod(target_create)

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"T8.{n + 1}")
    description = "Tổ chức tiếp xúc cử tri trong mỗi kỳ"
    metric = "voter_meetings"
    threshold = 1
    cadence = KpiTarget.Cadence.PERIOD
    order = factory.Sequence(lambda n: 10 * (n + 1))


class FigureSummaryFactory(factory.django.DjangoModelFactory):
    """The petitions figure of a quarter (one after another from 2026-Q1), computed from the records."""

    class Meta:
        model = FigureSummary

    class Params:
        quarter = factory.Sequence(lambda n: Period("Q", 2026 + n // 4, n % 4 + 1))

    council = factory.SubFactory(CouncilFactory)
    metric = "petitions"
    start = factory.SelfAttribute("quarter.start")
    end = factory.SelfAttribute("quarter.end")
    data = factory.LazyAttribute(
        lambda o: metrics.get(o.metric).evaluate(o.council, metrics.Window(o.start, o.end))
    )
    computed_at = factory.LazyFunction(timezone.now)


class ReportFactory(factory.django.DjangoModelFactory):
    """A quarterly activity report, one quarter after another from 2026-Q1."""

    class Meta:
        model = Report

    class Params:
        period_label = factory.LazyAttribute(lambda o: period_from_code(o.period).short_label())
        generated = factory.Trait(
            state=Report.State.DRAFT,
            progress=100,
            generated_at=factory.LazyFunction(timezone.now),
            subject=factory.LazyAttribute(lambda o: f"Báo cáo kết quả hoạt động {o.period_label}"),
        )
        issued = factory.Trait(
            generated=True,
            state=Report.State.ISSUED,
            number=factory.Sequence(lambda n: f"{n + 40}/BC-HĐND"),
            issued_on=factory.LazyAttribute(lambda o: o.period_end + dt.timedelta(days=10)),
        )

    council = factory.SubFactory(CouncilFactory)
    kind = Report.Kind.QUARTERLY
    period = factory.Sequence(lambda n: f"{2026 + n // 4}-Q{n % 4 + 1}")
    period_start = factory.LazyAttribute(lambda o: period_from_code(o.period).start)
    period_end = factory.LazyAttribute(lambda o: period_from_code(o.period).end)
